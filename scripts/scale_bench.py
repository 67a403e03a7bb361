"""Scale evidence for docs/scaling.md.

    python scripts/scale_bench.py catalog REAL_OUT [--transcripts 1000] [--copies 6] [--work DIR]
        1,000 synthetic transcripts made by copying and perturbing the real ones in REAL_OUT (times
        shifted, sentences dropped and repeated, speakers renamed, a numbered sentence each, a rare
        place name in 1 %), written as per-recording artifacts; then the catalog rebuilt from them,
        `status`'s re-read with nothing changed, one recording recorded, and searches timed.
    python scripts/scale_bench.py throughput RECORDING... [--work DIR]
        the same recordings in this process, on --cluster local:1 and on local:2 (fresh OUT each time).

Wall times on a shared machine are noisy: CPU times (this process and its children) are printed too.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PLACES = ["撫順", "奉天", "大連", "新京", "旅順", "哈爾濱"]


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def synthetic(base: dict, k: int, copies: int, rng: random.Random) -> dict:
    """A transcript of about `copies` times the real one: its sentences repeated end to end with some
    dropped, times shifted, speakers renamed, a numbered sentence and (1 in 100) a rare place name."""
    from pipeline.transcript import Transcript
    one = base["recording"]["duration"]
    segments, entities = [], []
    for c in range(copies):
        shift = c * one
        for seg in base["segments"]:
            if rng.random() < 0.1:
                continue  # dropped: no two synthetic transcripts alike
            i = len(segments)
            segments.append({**seg, "id": i, "start": seg["start"] + shift, "end": seg["end"] + shift,
                             "words": [{**w, "start": w["start"] + shift, "end": w["end"] + shift}
                                       for w in seg["words"]]})
            entities += [{**e, "segment": i, "start": e["start"] + shift, "end": e["end"] + shift}
                         for e in base["entities"] if e["segment"] == seg["id"]]
    end = copies * one
    marker = f"記録番号{k:04d}の終わりです。"
    if k % 100 == 7:
        marker = f"{PLACES[(k // 100) % len(PLACES)]}の話は{marker}"
    segments.append({"id": len(segments), "start": end, "end": end + 2.0, "text": marker, "speaker": "S1",
                     "words": [{"text": marker, "start": end, "end": end + 2.0}]})
    if marker[0] in "撫奉大新旅哈":
        name = marker.split("の")[0]
        entities.append({"text": name, "label": "PLACE", "segment": len(segments) - 1, "char_start": 0,
                         "char_end": len(name), "start": end, "end": end + 0.5, "reading": None})
    speakers = [{"id": s["id"], "name": f"話者{k}-{s['id']}"} for s in base["speakers"]]
    recording = {**base["recording"], "id": f"syn{k:04d}", "source": f"synthetic/syn{k:04d}.flac",
                 "duration": round(end + 2.0, 3), "sha256": f"{k:064x}"}
    data = {**base, "recording": recording, "segments": segments, "entities": entities, "speakers": speakers,
            "turns": [], "gaps": []}
    return Transcript.from_dict(data).to_dict()


def make_collection(real_out: Path, work: Path, n: int, copies: int) -> Path:
    from pipeline.artifacts import WorkFolder
    bases = [json.loads(p.read_text(encoding="utf-8"))["result"] for p in sorted(real_out.glob("*/.kikigaki/nlp.json"))]
    if not bases:
        sys.exit(f"no transcripts in {real_out}: run `kikigaki run` into it first")
    out = work / "collection"
    shutil.rmtree(out, ignore_errors=True)
    rng = random.Random(0)
    for k in range(n):
        data = synthetic(bases[k % len(bases)], k, copies, rng)
        folder = WorkFolder(out, data["recording"]["id"])
        folder.save("ingest", "synthetic", {k: data["recording"][k] for k in ("id", "source", "duration", "sha256")})
        folder.save("nlp", "synthetic", data)
        (folder.work / "run.json").write_text(json.dumps({
            "id": folder.id, "source": data["recording"]["source"], "status": "done",
            "duration": data["recording"]["duration"], "wall": round(data["recording"]["duration"] * 0.13, 3),
            "error": "", "stage": "", "redone": ["ingest", "asr", "diarize", "nlp", "export"], "worker": "synthetic",
            "stage_wall": {}, "stage_keys": {}, "finished": "2026-01-01T00:00:00+00:00"}), encoding="utf-8")
    return out


def timed(fn, repeat: int = 1):
    walls, cpus, value = [], [], None
    for _ in range(repeat):
        c0, t0 = cpu(), time.perf_counter()
        value = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(cpu() - c0)
    return value, statistics.median(walls), statistics.median(cpus)


def catalog_bench(args) -> None:
    from pipeline.catalog import Catalog, rebuild
    from pipeline.catalog.search import search
    from pipeline.collection_cli import collection_status
    out = args.work / "collection"
    if args.reuse:  # the collection and its catalog from an earlier run: time the reading side only
        catalog, wall, c = Catalog(out), 0.0, 0.0
    else:
        _, wall, c = timed(lambda: make_collection(args.real_out, args.work, args.transcripts, args.copies))
        print(f"made {args.transcripts} synthetic transcripts in {wall:.1f} s")
        catalog, wall, c = timed(lambda: rebuild(out))
    sentences = catalog.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    entities = catalog.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    hours = sum(r["duration"] for r in catalog.recordings()) / 3600
    size = sum(p.stat().st_size for p in out.glob("kikigaki.sqlite*")) / 1e6
    print(f"catalog rebuild: {len(catalog.recordings())} recordings, {hours:.1f} h, {sentences} sentences, "
          f"{entities} entity occurrences, {size:.0f} MB: wall {wall:.1f} s, CPU {c:.1f} s")
    _, wall, c = timed(lambda: Catalog(out).sync(), 3)
    print(f"status re-read with nothing changed (stat of every folder): wall {wall * 1000:.0f} ms, CPU {c * 1000:.0f} ms")
    _, wall, c = timed(lambda: collection_status(catalog), 3)
    print(f"status summary: wall {wall * 1000:.0f} ms, CPU {c * 1000:.0f} ms")
    one = catalog.recordings()[0]["id"]
    _, wall, c = timed(lambda: catalog.record(rec_id=one), 3)
    print(f"one recording recorded and re-indexed (the client's cost per finished recording): wall {wall * 1000:.0f} ms, "
          f"CPU {c * 1000:.0f} ms")
    queries = [("奉天", {}), ("Fengtian", {}), ("哈爾濱", {}), ("haerbin", {}), ("記録番号0517", {}), ("満州国", {}),
               ("Manshūkoku", {}), ("管理所", {}), ("管理所", {"limit": 50}), ("父", {}), ("父", {"limit": 50}),
               ("ました", {"limit": 50}), ("奉天", {"label": "PLACE"}), ("父", {"recording": one})]
    print("| query | filter | sentences | wall ms (median of 5) | CPU ms |")
    print("|---|---|---|---|---|")
    for q, kw in queries:
        hits, wall, c = timed(lambda: search(Catalog(out, create=False).db, q, **kw), 5)
        print(f"| {q} | {kw or ''} | {len(hits)} | {wall * 1000:.1f} | {c * 1000:.1f} |")


def throughput_bench(args) -> None:
    from pipeline.batch import run_batch
    from pipeline.options import Config
    total = 0.0
    for label, kwargs in (("in-process", {}), ("local:1", {"cluster": "local:1"}), ("local:2", {"cluster": "local:2"})):
        out = args.work / f"throughput_{label.replace(':', '')}"
        shutil.rmtree(out, ignore_errors=True)
        batch, wall, c = timed(lambda: run_batch(args.recordings, out, Config(), **kwargs))
        audio = sum(r.duration or 0 for r in batch.recordings)
        total = audio
        walls = sorted(r.wall for r in batch.recordings)
        print(f"{label}: {len(batch.recordings)} recordings, {audio:.1f} s audio, ok={batch.ok}: wall {wall:.1f} s "
              f"({audio / wall:.2f} s audio per s), CPU {c:.1f} s; per recording wall {walls}")
    print(f"audio {total:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="bench", required=True)
    c = sub.add_parser("catalog")
    c.add_argument("real_out", type=Path)
    c.add_argument("--transcripts", type=int, default=1000)
    c.add_argument("--copies", type=int, default=6, help="each synthetic transcript is this many real ones long")
    c.add_argument("--work", type=Path, default=Path("/tmp/kikigaki_scale"))
    c.add_argument("--reuse", action="store_true", help="time searches on the collection an earlier run made")
    t = sub.add_parser("throughput")
    t.add_argument("recordings", type=Path, nargs="+")
    t.add_argument("--work", type=Path, default=Path("/tmp/kikigaki_scale"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    catalog_bench(args) if args.bench == "catalog" else throughput_bench(args)


if __name__ == "__main__":
    main()
