"""Model scores under several CPU instruction sets and thread counts, to set test bounds that hold
on any processor the install supports (issue: tests tuned to one CPU's floating point).

Each setting runs in its own process with the environment that forces it:
CTranslate2 `CT2_FORCE_CPU_ISA`, PyTorch `ATEN_CPU_CAPABILITY`, NumPy `NPY_DISABLE_CPU_FEATURES`,
and `KIKIGAKI_CORES` for the thread count (ASR gets half the cores).

    python scripts/isa_matrix.py [--backends faster-whisper,openai-whisper] > isa.jsonl
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = {  # name -> environment; "native" is whatever this processor does best
    "native-1t": {"KIKIGAKI_CORES": "2", "OMP_NUM_THREADS": "1"},
    "native-2t": {"KIKIGAKI_CORES": "4", "OMP_NUM_THREADS": "2"},
    "avx2-1t": {"KIKIGAKI_CORES": "2", "OMP_NUM_THREADS": "1", "CT2_FORCE_CPU_ISA": "AVX2", "ATEN_CPU_CAPABILITY": "avx2", "NPY_DISABLE_CPU_FEATURES": "X86_V4"},
    "avx-1t": {"KIKIGAKI_CORES": "2", "OMP_NUM_THREADS": "1", "CT2_FORCE_CPU_ISA": "AVX", "ATEN_CPU_CAPABILITY": "default", "NPY_DISABLE_CPU_FEATURES": "X86_V3"},
    "generic-1t": {"KIKIGAKI_CORES": "2", "OMP_NUM_THREADS": "1", "CT2_FORCE_CPU_ISA": "GENERIC", "ATEN_CPU_CAPABILITY": "default",
                   "NPY_DISABLE_CPU_FEATURES": "X86_V3"},
}


def measure(backend: str, with_dev: bool = True) -> dict:
    """CER of one backend on the CC0 clips (first four, all eight), the dev interview and its cassette copy."""
    import csv

    import numpy as np
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CV, DEV, cassette
    from pipeline.asr import transcribe
    from pipeline.audio import Audio, AudioInfo, decode
    from pipeline.evaluate import cer, reference_text
    from pipeline.options import AsrOptions

    def text(audio) -> str:
        return "".join(s.text for s in transcribe(audio, AsrOptions(backend=backend)).segments)

    with open(CV / "transcripts.tsv", encoding="utf-8") as f:
        clips = [(CV / row["file"], row["text"]) for row in csv.DictReader(f, delimiter="\t")]
    hyps = [text(decode(p)) for p, _ in clips]
    refs = [t for _, t in clips]
    scores = {"cv4": cer("".join(hyps[:4]), "".join(refs[:4])), "cv8": cer("".join(hyps), "".join(refs))}
    if not with_dev:
        return scores
    dev = decode(DEV / "d1_ryuyo.flac")
    worn = Audio(cassette(dev.samples).astype(np.float32), AudioInfo(16000, 1, dev.info.duration, "cassette"))
    dev_ref = reference_text(DEV / "d1_ryuyo.reference.json")
    return {**scores, "dev": cer(text(dev), dev_ref), "dev_cassette": cer(text(worn), dev_ref)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="faster-whisper,openai-whisper")
    parser.add_argument("--settings", default=",".join(SETTINGS))
    parser.add_argument("--clips-only", action="store_true", help="only the CC0 clips (quicker)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, not args.clips_only)))
        return
    for name in args.settings.split(","):
        for backend in args.backends.split(","):
            env = {**os.environ, **SETTINGS[name], "HF_HUB_OFFLINE": "1"}
            child = [sys.executable, __file__, "--child", backend] + ["--clips-only"] * args.clips_only
            done = subprocess.run(child, env=env, cwd=ROOT,
                                  capture_output=True, text=True)
            row = {"setting": name, "backend": backend, **SETTINGS[name]}
            row.update(json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0
                       else {"error": done.stderr[-500:]})
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
