"""`make bench`: how fast and how lean the pipeline is, against openai-whisper, in one run.

Builds recordings of 2, 10 and 30 minutes from the test fixtures (synthetic interviews and Common
Voice clips, with pauses), then measures, each in a fresh process so that peak memory is its own:
  (a) openai-whisper transcription alone, same base weights, run plainly (no VAD), as a historian would;
  (b) faster-whisper transcription alone;
  (c) the full kikigaki pipeline (ASR, diarization, language layer, every export),
on the 10-minute recording, and (c) again on 2 and 30 minutes for scaling. Writes docs/benchmarks.md.

    python scripts/bench.py [--minutes 2,10,30] [--skip-openai]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = [ROOT / "tests/data/dev_interview/d1_ryuyo.flac", ROOT / "recordings/synthetic_furumi_demo.flac",
            ROOT / "tests/data/three_voices/synthetic_three_voices.flac",
            *sorted((ROOT / "tests/data/commonvoice_ja").glob("*.wav"))]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
what, path, out = sys.argv[2], sys.argv[3], sys.argv[4]
started = time.perf_counter()
from pipeline.audio import decode
from pipeline.options import AsrOptions, Config
if what == "pipeline":
    from pipeline.batch import run_batch
    batch = run_batch([path], out, Config())
    assert batch.ok, batch.recordings[0].error
    data = json.load(open(f"{out}/{batch.recordings[0].id}/{batch.recordings[0].id}.json"))
    stages = {k: v.get("seconds") for k, v in data["provenance"]["stages"].items() if isinstance(v, dict)}
    text = "".join(s["text"] for s in data["segments"])
else:
    from pipeline.asr import transcribe
    # openai-whisper as a historian would run it: plain, no VAD; faster-whisper as kikigaki runs it
    # "faster-whisper-2t": CTranslate2 on two threads, kikigaki's default before it measured one faster
    backend = what.removesuffix("-2t")
    result = transcribe(decode(path), AsrOptions(backend=backend, vad=backend != "openai-whisper",
                                                 recover_gaps=backend != "openai-whisper",
                                                 cpu_threads=2 if what.endswith("-2t") else 0))
    stages = {"asr": result.provenance["seconds"]}
    text = "".join(s.text for s in result.segments)
wall = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_rss_mb": rss, "stages": stages, "chars": len(text)}))
"""


def build(minutes: float, target: Path) -> float:
    from pipeline.audio import decode
    from make_demo import write_flac
    pieces, total, k = [], 0.0, 0
    sources = [decode(p).samples for p in FIXTURES]
    pause = np.zeros(16000, np.float32)
    while total < minutes * 60:
        s = sources[k % len(sources)]
        pieces += [s, pause]
        total += (len(s) + len(pause)) / 16000
        k += 1
    write_flac(target, np.concatenate(pieces), 16000)
    return total


def measure(what: str, path: Path, out: Path) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), what, str(path), str(out)],
                         capture_output=True, text=True, env=env)
    if run.returncode:
        raise SystemExit(f"{what} on {path.name} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", default="2,10,30,60")
    parser.add_argument("--skip-openai", action="store_true")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args()
    minutes = [float(m) for m in args.minutes.split(",")]
    anchor = 10.0 if 10.0 in minutes else minutes[0]
    args.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "scripts"))
    rows = []
    audio = {}
    for m in minutes:
        path = args.work / f"bench_{m:g}min.flac"
        audio[m] = (path, build(m, path))
    plan = [("openai-whisper", anchor)] if not args.skip_openai else []
    plan += [("faster-whisper", anchor), ("faster-whisper-2t", anchor)] + [("pipeline", m) for m in minutes]
    for what, m in plan:
        path, seconds = audio[m]
        out = args.work / f"out_{what}_{m:g}"
        subprocess.run(["rm", "-rf", str(out)])
        print(f"measuring {what} on {seconds / 60:.1f} min ...", file=sys.stderr, flush=True)
        r = measure(what, path, out)
        rows.append({"what": what, "audio_s": seconds, **r, "rtf": r["wall"] / seconds})
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    write_report(rows, anchor)


def write_report(rows: list[dict], anchor: float) -> None:
    pipeline_anchor = next(r for r in rows if r["what"] == "pipeline" and abs(r["audio_s"] / 60 - anchor) < 1)
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{time.strftime('%Y-%m-%d')}, bundled Whisper base, every measurement in its own process "
        "(wall time includes loading models; peak RSS is that process's). Recordings are built from the test "
        "fixtures (synthetic interviews and Common Voice clips, 1 s pauses between them).",
        "",
        "| run | audio | wall | real-time factor | peak RSS | vs full pipeline (wall) | stage seconds |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        stages = ", ".join(f"{k} {v}" for k, v in r["stages"].items() if v is not None)
        lines.append(f"| {r['what']} | {r['audio_s'] / 60:.1f} min | {r['wall']:.1f} s | {r['rtf']:.3f} | "
                     f"{r['peak_rss_mb']:.0f} MB | {r['wall'] / pipeline_anchor['wall']:.2f}x | {stages} |")
    scaling = [r for r in rows if r["what"] == "pipeline"]
    if len(scaling) > 1:
        lines += ["", "Scaling (full pipeline): real-time factor "
                  + ", ".join(f"{r['rtf']:.3f} at {r['audio_s'] / 60:.0f} min" for r in scaling)
                  + "; peak RSS " + ", ".join(f"{r['peak_rss_mb']:.0f} MB" for r in scaling) + "."]
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
