"""`make bench`: how fast and how lean the pipeline is on interview-like audio, against openai-whisper.

Whisper's cost is per token, so the headline recordings are as dense as interviews: the SYNTHETIC
two-voice interview of scripts/make_dense.py (speech about 90% of the time, about 300 characters a
minute), laid out to 10, 30 and 60 minutes. For contrast, a sparse recording of the test fixtures
with 1 s pauses. Each measurement runs in a fresh process (its peak memory is its own):
  openai-whisper   transcription alone, same base weights, run plainly (no VAD), as a historian would;
  faster-whisper   kikigaki's recognition stage alone (VAD, gap recovery), no glossary;
  pipeline         the full kikigaki pipeline (recognition, diarization, language layer, every export),
  pipeline+glossary the same with the recording's glossary (hotwords and glossary correction).

Each row gives wall time (and the machine's 5-minute load average while it ran: run `nice -n -10
python scripts/bench.py` on a shared machine), CPU time (user + system, the process's own: on a busy machine wall time
says little, CPU time stays put), peak RSS, CER against the reference script, and recognition's
counters (30-s windows encoded, decoder runs, temperature fallbacks, tokens generated, gap re-decodes).
Writes docs/benchmarks.md (or --report).

    python scripts/bench.py [--minutes 10,30,60] [--skip-openai] [--skip-sparse] [--report FILE]
"""
from __future__ import annotations

import argparse
import csv
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
sys.path.insert(0, str(ROOT / "scripts"))
DATA = ROOT / "tests" / "data"
SPARSE_FIXTURES = [DATA / "dev_interview/d1_ryuyo.flac", ROOT / "recordings/synthetic_furumi_demo.flac",
                   DATA / "three_voices/synthetic_three_voices.flac", *sorted((DATA / "commonvoice_ja").glob("*.wav"))]
SPARSE_GLOSSARY = [DATA / "dev_interview/glossary.txt"]  # plus configs/furumi.toml's terms

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
what, path, out, glossary = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
started = time.perf_counter()
from pipeline.audio import decode
from pipeline.glossary import load_glossary
from pipeline.options import AsrOptions, Config
terms = tuple(load_glossary(glossary)) if glossary else ()
if what.startswith("pipeline"):
    from pipeline.batch import run_batch
    batch = run_batch([path], out, Config(glossary=terms))
    assert batch.ok, batch.recordings[0].error
    data = json.load(open(f"{out}/{batch.recordings[0].id}/{batch.recordings[0].id}.json"))
    stages = {k: v.get("seconds") for k, v in data["provenance"]["stages"].items() if isinstance(v, dict)}
    asr = data["provenance"]["stages"]["asr"]
    text = "".join(s["text"] for s in data["segments"])
else:
    from pipeline.asr import transcribe
    # openai-whisper as a historian would run it: plain, no VAD; faster-whisper as kikigaki runs it
    plain = what == "openai-whisper"
    result = transcribe(decode(path), AsrOptions(backend=what, vad=not plain, recover_gaps=not plain,
                                                 hotwords=tuple(t.text for t in terms)))
    asr = result.provenance
    stages = {"asr": asr["seconds"]}
    text = "".join(s.text for s in result.segments)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_rss_mb": usage.ru_maxrss / 1024, "stages": stages, "text": text,
                  "counters": asr.get("counters", {}), "gap_recovery": asr.get("gap_recovery", {})}))
"""


def build_sparse(minutes: float, stem: Path) -> tuple[Path, str, float]:
    """The fixtures end to end with 1 s pauses (the earlier bench recording): path, reference text, seconds."""
    from make_demo import write_flac
    from pipeline.audio import decode
    with open(DATA / "commonvoice_ja/transcripts.tsv", encoding="utf-8") as f:
        cv = {row["file"]: row["text"] for row in csv.DictReader(f, delimiter="\t")}
    texts = [cv[p.name] if p.suffix == ".wav" else _script(p.with_suffix(".reference.json")) for p in SPARSE_FIXTURES]
    sources = [decode(p).samples for p in SPARSE_FIXTURES]
    pieces, reference, total, k = [], [], 0.0, 0
    pause = np.zeros(16000, np.float32)
    while total < minutes * 60:
        pieces += [sources[k % len(sources)], pause]
        reference.append(texts[k % len(sources)])
        total += (len(sources[k % len(sources)]) + len(pause)) / 16000
        k += 1
    write_flac(stem.with_suffix(".flac"), np.concatenate(pieces), 16000)
    return stem.with_suffix(".flac"), "".join(reference), total


def _script(path: Path) -> str:
    """A fixture's reference text: its sentences, or its turns in order of time (three voices)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return "".join(x["text"] for x in data.get("sentences") or sorted(data["turns"], key=lambda t: t["start"]))


def sparse_glossary(path: Path) -> Path:
    from pipeline.options import load_config
    terms = [line for g in SPARSE_GLOSSARY for line in g.read_text(encoding="utf-8").splitlines() if line.strip()]
    terms += [t.text for t in load_config(ROOT / "configs" / "furumi.toml").glossary]
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    return path


def speech_fraction(path: Path) -> float:
    """Share of the recording where Silero VAD hears speech (what recognition decodes)."""
    from pipeline.asr import speech_regions
    from pipeline.audio import decode
    from pipeline.speech import analyse
    audio = decode(path)
    return sum(b - a for a, b in speech_regions(analyse(audio.samples))) / audio.duration


def character_error_rate(hypothesis: str, reference: str) -> float:
    from pipeline.evaluate import cer, normalize
    try:
        from rapidfuzz.distance import Levenshtein  # the same distance, fast enough for an hour
    except ImportError:
        return cer(hypothesis, reference)
    return Levenshtein.distance(normalize(hypothesis), normalize(reference)) / len(normalize(reference))


def measure(what: str, path: Path, out: Path, glossary: Path | None) -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), what.removesuffix("+glossary"), str(path),
                          str(out), str(glossary or "")], capture_output=True, text=True, env=env)
    if run.returncode:
        raise SystemExit(f"{what} on {path.name} failed:\n{run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", default="10,30,60", help="dense recordings to build (the first is the anchor)")
    parser.add_argument("--skip-openai", action="store_true")
    parser.add_argument("--skip-sparse", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated runs to keep (e.g. pipeline+glossary)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    from make_dense import build, glossary_file
    minutes = [float(m) for m in args.minutes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    recordings = {}  # name -> (path, reference text, glossary, seconds)
    dense_glossary = glossary_file(args.work / "dense_glossary.txt")
    for m in minutes:
        stem = args.work / f"dense_{m:g}min"
        reference = build(m, stem, seed=int(m))
        recordings[f"dense {m:g} min"] = (stem.with_suffix(".flac"), "".join(s["text"] for s in reference["sentences"]),
                                          dense_glossary, reference["duration"])
    anchor = f"dense {minutes[0]:g} min"
    plan = [] if args.skip_openai else [("openai-whisper", anchor)]
    plan += [("faster-whisper", anchor), ("pipeline", anchor), ("pipeline+glossary", anchor)]
    plan += [("pipeline+glossary", f"dense {m:g} min") for m in minutes[1:]]
    if not args.skip_sparse:
        stem = args.work / f"sparse_{minutes[0]:g}min"
        recordings[f"sparse {minutes[0]:g} min"] = (*build_sparse(minutes[0], stem),
                                                    sparse_glossary(args.work / "sparse_glossary.txt"))
        plan += [("pipeline", f"sparse {minutes[0]:g} min"), ("pipeline+glossary", f"sparse {minutes[0]:g} min")]
    if args.only:
        plan = [p for p in plan if p[0] in args.only.split(",")]
    facts = {name: speech_fraction(path) for name, (path, *_) in recordings.items()}
    rows = []
    for what, name in plan:
        path, reference, glossary, seconds = recordings[name]
        out = args.work / f"out_{what}_{path.stem}"
        subprocess.run(["rm", "-rf", str(out)])
        print(f"measuring {what} on {name} ...", file=sys.stderr, flush=True)
        r = measure(what, path, out, glossary if what.endswith("+glossary") else None)
        row = {"what": what, "recording": name, "audio_s": seconds, "speech": facts[name], "load": os.getloadavg()[1],
               "ref_chars_per_min": len(reference) / (seconds / 60), "cer": character_error_rate(r.pop("text"), reference),
               **r, "rtf": r["wall"] / seconds, "cpu_rtf": r["cpu"] / seconds}
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    write_report(rows, args.report)


def write_report(rows: list[dict], report: Path) -> None:
    """The measured table, between the markers of `report` (the text around it is written by hand)."""
    lines = [
        START,
        f"`make bench` on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{time.strftime('%Y-%m-%d')}, bundled Whisper base, every measurement in its own process (peak RSS is "
        "that process's; CPU is its user + system time, loading models included).",
        "",
        "| run | recording | speech | chars/min | CPU | CPU RTF | wall | RTF | load | peak RSS | CER | windows "
        "| fallbacks | beam re-decodes | gap re-decodes | tokens | tokens/CPU-s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        c, g = r["counters"], r["gap_recovery"]
        tokens = c.get("tokens", 0) + g.get("tokens", 0)
        counted = (f"{c['windows']} | {c['fallbacks']} | {c.get('beam_redecodes', 0)} | {g.get('redecodes', 0)} "
                   f"| {tokens} | {tokens / r['cpu']:.0f}"
                   if "windows" in c else " | | | | | ")  # openai-whisper is not instrumented
        lines.append(f"| {r['what']} | {r['recording']} | {r['speech']:.0%} | {r['ref_chars_per_min']:.0f} "
                     f"| {r['cpu']:.0f} s | {r['cpu_rtf']:.3f} | {r['wall']:.0f} s | {r['rtf']:.3f} | {r['load']:.1f} "
                     f"| {r['peak_rss_mb']:.0f} MB "
                     f"| {r['cer']:.3f} | {counted} |")
    lines.append(END)
    old = report.read_text(encoding="utf-8") if report.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in old:
        old = f"{old.rstrip()}\n\n{START}\n{END}\n"
    before, rest = old.split(START, 1)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(before + "\n".join(lines) + rest.split(END, 1)[1])
    print("\n".join(lines))


START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


if __name__ == "__main__":
    main()
