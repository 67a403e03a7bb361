"""Peak memory of `kikigaki run`, stage by stage: where the resident set grows and what sits at its peak.

Runs the real command line (`kikigaki run ...`, in this process) while a thread samples VmRSS from
/proc/self/status every 0.2 s and files each sample under the stage the batch last announced (and
whether diarization is still running beside recognition). Prints one JSON line: the process's peak
RSS (getrusage, the same number `make bench` reports), the peak per stage, and a timeline at each
stage change; --timeline FILE keeps every sample.

    python scripts/memory_profile.py [--timeline FILE.tsv] -- run REC.flac -o OUT --glossary G.txt

Linux only (/proc). Sampling misses peaks shorter than the interval; the getrusage peak does not.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
INTERVAL = 0.2  # seconds between samples


FIELDS = ("VmRSS", "RssAnon", "RssFile")  # the resident set; its heap and other anonymous memory; mapped
                                         # files (libraries, models read by mmap, spilled samples)


def resident() -> dict[str, int]:
    """What the resident set is made of now (MB), from /proc/self/status."""
    found = {}
    with open("/proc/self/status") as f:
        for line in f:
            name = line.split(":", 1)[0]
            if name in FIELDS:
                found[name] = round(int(line.split()[1]) / 1024)
    return found


def rss_mb() -> float:
    return resident().get("VmRSS", 0)


class Sampler:
    """VmRSS over time, filed under the stage the batch last announced."""

    def __init__(self, timeline: Path | None):
        self.stage = "start"
        self.peaks: dict[str, float] = {}
        self.changes: list[tuple[float, str, dict]] = []
        self.samples: list[tuple[float, str, dict]] = []
        self.started = time.perf_counter()
        self.timeline = timeline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def mark(self, stage: str) -> None:
        if stage != self.stage:
            self.stage = stage
            self.changes.append((round(time.perf_counter() - self.started, 1), stage, resident()))

    def _run(self) -> None:
        while not self._stop.wait(INTERVAL):
            beside = any(t.name == "kikigaki-beside" for t in threading.enumerate())
            stage = self.stage + ("+diarize" if beside and self.stage != "diarize" else "")
            now = resident()
            self.peaks[stage] = max(self.peaks.get(stage, 0.0), now.get("VmRSS", 0))
            if self.timeline:
                self.samples.append((round(time.perf_counter() - self.started, 1), stage, now))

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        if self.timeline:
            head = "\t".join(("seconds", "stage") + tuple(f"{k}_mb" for k in FIELDS))
            self.timeline.write_text(head + "\n" + "".join(
                "\t".join([str(t), s] + [str(r.get(k, "")) for k in FIELDS]) + "\n" for t, s, r in self.samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeline", type=Path)
    parser.add_argument("argv", nargs=argparse.REMAINDER, help="-- then kikigaki's arguments")
    args = parser.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    from pipeline import cli, progress
    sampler = Sampler(args.timeline)
    announced = progress.BatchProgress.__call__

    def hook(self, event):  # the CLI's progress hook, heard on the way
        sampler.mark(event.stage)
        return announced(self, event)

    progress.BatchProgress.__call__ = hook
    from pipeline import stages
    exports = stages.publish

    def publish(*a, **k):  # exports are not a stored stage: the hook does not hear them
        sampler.mark("export")
        return exports(*a, **k)

    stages.publish = publish
    started = time.perf_counter()
    with sampler:
        code = cli.main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"exit": code, "wall": round(time.perf_counter() - started, 1),
                      "cpu": round(usage.ru_utime + usage.ru_stime, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
                      "stage_peak_mb": {k: round(v) for k, v in sampler.peaks.items()},
                      "changes": sampler.changes}))


if __name__ == "__main__":
    main()
