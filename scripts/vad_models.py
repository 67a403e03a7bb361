"""The two Silero models side by side, and how much recognition moves when its speech chunk does.

Recognition and the diarizers read the silero-vad package's Silero export (v6.2); until 2026-11 recognition
read faster-whisper's (v6.0): `pipeline/speech.py`. Two measurements, kept for whoever weighs a model:

    # how far apart the models are on each file, and each consumer's regions from each
    PYTHONPATH=$PWD python scripts/vad_models.py compare recordings/synthetic_furumi_demo.flac ...

    # the noise of recognition's result: its first speech chunk started k windows (32 ms) later or
    # earlier, nothing else changed (names fixtures by id, as scripts/eval_names.py; --cc0: the clips)
    PYTHONPATH=$PWD python scripts/vad_models.py shift --ids synthetic_furumi_demo --shifts=-2,-1,1,2 --cc0

The package's model moves that chunk's start by one window against faster-whisper's on 2 of 8
interview fixtures and on some CC0 clips, and nothing else there; `shift` gives the spread of the
result under such a move, the yardstick for that change (docs/architecture.md has the figures).
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

# each consumer's thresholding (asr: recognition, TALK_VAD, the hallucination check, ONSET_VAD; the diarizer)
CONSUMERS = {"recognition": {}, "talk": {"min_silence_duration_ms": 500, "speech_pad_ms": 200},
             "hallucination": {"min_silence_duration_ms": 200, "speech_pad_ms": 100},
             "onset": {"min_silence_duration_ms": 100, "speech_pad_ms": 100},
             "diarizer": {"min_silence_duration_ms": 200, "speech_pad_ms": 30, "min_speech_duration_ms": 250}}


def faster_whispers(samples: np.ndarray):
    """The speech analysis with faster-whisper's bundled export (silero_vad_v6.onnx, Silero v6.0) in
    the package's place, run as its `vad_filter` runs it (one call over the recording)."""
    from faster_whisper.vad import get_vad_model

    from pipeline import speech
    padded = np.pad(samples, (0, speech.WINDOW - len(samples) % speech.WINDOW))
    return speech.Speech(get_vad_model()(padded).reshape(-1).astype(np.float32), len(samples))


def compare(paths: list[Path]) -> None:
    from pipeline import speech
    from pipeline.audio import decode
    for path in paths:
        samples = decode(path).samples
        ours, theirs = faster_whispers(samples), speech.analyse(samples)
        gap = np.abs(ours.probabilities - theirs.probabilities)
        parts = [f"{path.stem[:30]:30s} {len(samples) / 16000:6.1f} s  |p1-p2| max {gap.max():.3f} mean {gap.mean():.3f}"]
        for name, vad in CONSUMERS.items():
            a, b = ours.regions(**vad), theirs.regions(**vad)
            cover = [np.zeros(len(samples), bool) for _ in range(2)]
            for mask, regions in zip(cover, (a, b)):
                for lo, hi in regions:
                    mask[lo:hi] = True
            parts.append(f"{name} {len(a)}->{len(b)} regions, differ {(cover[0] ^ cover[1]).sum() / 16000:.2f} s")
        print(" | ".join(parts), flush=True)


def shift(ids: list[str], shifts: list[int], cc0: bool, work: Path, conditions: list[str]) -> None:
    import eval_names

    from pipeline import evaluate, speech
    from pipeline.options import AsrOptions, Config, DiarizeOptions
    regions, moved = speech.Speech.regions, [0]

    def shifted(self, lo=0, hi=None, **vad):  # recognition's chunks (default settings) only
        found = regions(self, lo, hi, **vad)
        if not vad and found and moved[0]:
            found[0] = (max(lo, found[0][0] + moved[0]), found[0][1])
        return found
    speech.Speech.regions = shifted
    fixtures = {f["id"]: f for f in eval_names.fixtures(work)}
    cv = ROOT / "tests" / "data" / "commonvoice_ja"
    with open(cv / "transcripts.tsv", encoding="utf-8") as fh:
        clips = [(cv / r["file"], r["text"]) for r in csv.DictReader(fh, delimiter="\t")] if cc0 else []
    for k in shifts:
        moved[0] = k * speech.WINDOW
        for fixture in (fixtures[i] for i in ids):
            for condition, glossary in (("none", ()), ("plain", fixture["plain"])):
                if condition not in conditions:
                    continue
                config = replace(Config(glossary=tuple(glossary), asr=AsrOptions()), formats=("json",))
                s = eval_names.score(eval_names.run_one(fixture["audio"], work / f"shift{k}" / condition, config),
                                     fixture["reference"])
                print(f"{fixture['id']:24s} {condition:6s} shift {k:+d}  CER {s['cer']:.4f}  F1 {s['f1']:.3f}", flush=True)
        if clips:
            config = replace(Config(asr=AsrOptions(), diarize=DiarizeOptions(diarizer="none")), formats=("json",))
            cers = [evaluate.cer(eval_names.run_one(p, work / f"shift{k}" / "cc0", config).text, t) for p, t in clips]
            print(f"{'cc0':24s} none   shift {k:+d}  CER mean {sum(cers) / len(cers):.4f}  "
                  f"each {[round(c, 3) for c in cers]}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("compare", help="the models' probabilities and each consumer's regions, per file")
    one.add_argument("paths", nargs="+", type=Path)
    two = sub.add_parser("shift", help="recognition with its first speech chunk moved k windows")
    two.add_argument("--ids", nargs="*", default=[], help="names fixtures (scripts/eval_names.py ids)")
    two.add_argument("--shifts", default="-2,-1,1,2", help="windows of 32 ms, comma-separated")
    two.add_argument("--cc0", action="store_true", help="also the CommonVoice clips (no glossary)")
    two.add_argument("--conditions", default="none,plain", help="glossary conditions to run")
    two.add_argument("--work", type=Path, default=Path("/tmp/kikigaki_vad_shift"))
    args = parser.parse_args()
    if args.command == "compare":
        compare(args.paths)
    else:
        shift(args.ids, [int(k) for k in args.shifts.split(",")], args.cc0, args.work, args.conditions.split(","))


if __name__ == "__main__":
    main()
