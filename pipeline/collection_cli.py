"""`kikigaki catalog | status | search`: the whole collection, from its catalog (thin over pipeline.catalog)."""
from __future__ import annotations

import json
import sys
from typing import Any

from .catalog import Catalog, CatalogError, rebuild


def _out_folder(args) -> bool:
    if not args.output.is_dir():
        print(f"kikigaki {args.command}: {args.output} is not a folder: give the OUT folder of `kikigaki run`",
              file=sys.stderr)
        return False
    return True


def catalog_command(args) -> int:
    if not _out_folder(args):
        return 2
    if not args.rebuild:
        catalog = Catalog(args.output)
        changed = catalog.sync()
        print(f"{catalog.path}: {len(catalog.recordings())} recordings ({len(changed)} re-read)")
        return 0
    catalog = rebuild(args.output)
    rows = catalog.recordings()
    sentences = catalog.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
    print(f"rebuilt {catalog.path}: {len(rows)} recordings, {sentences} sentences indexed")
    return 0


def collection_status(catalog: Catalog) -> dict[str, Any]:
    """Done / failed (with why) / pending, hours, throughput and what needs review, as data."""
    rows = catalog.recordings()
    done = [r for r in rows if r["status"] == "done"]
    timed = [r for r in done if r["wall"] and r["duration"]]
    runs = [r for r in catalog.runs() if r["processed"]]
    audio = sum(r["audio_seconds"] or 0 for r in runs)
    wall = sum(r["wall"] or 0 for r in runs)
    return {
        "out": str(catalog.out),
        "recordings": len(rows),
        "done": len(done),
        "failed": [{"id": r["id"], "stage": r["stage"], "error": r["error"], "source": r["source"]}
                   for r in rows if r["status"] == "failed"],
        "pending": [r["id"] for r in rows if r["status"] == "pending"],
        "hours_done": round(sum(r["duration"] or 0 for r in done) / 3600, 4),
        # audio seconds per wall second over the runs that processed something (parallel workers count)
        "throughput": round(audio / wall, 3) if wall else None,
        # processing seconds per audio second of one recording on one worker
        "real_time_factor": round(sum(r["wall"] for r in timed) / sum(r["duration"] for r in timed), 3)
        if timed else None,
        "review": [{"id": r["id"], "review": r["review"], "edits": r["edits"]} for r in rows if r["review"]],
        "edits": sum(r["edits"] or 0 for r in rows),
        "each": [{k: r[k] for k in ("id", "status", "duration", "wall", "model", "worker", "finished", "segments",
                                    "edits", "review")} for r in rows],
    }


def status_command(args) -> int:
    if not _out_folder(args):
        return 2
    catalog = Catalog(args.output)
    catalog.sync()  # status tells what is on disk: folders changed since they were indexed are re-read
    found = collection_status(catalog)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    from rich.console import Console
    from rich.table import Table
    console = Console()
    table = Table(title=f"Collection {found['out']}")
    table.add_column("")
    table.add_column("", justify="right")
    table.add_row("recordings", str(found["recordings"]))
    table.add_row("done", f"[green]{found['done']}")
    table.add_row("failed", f"[red]{len(found['failed'])}" if found["failed"] else "0")
    table.add_row("pending", str(len(found["pending"])))
    table.add_row("hours processed", f"{found['hours_done']:.2f}")
    table.add_row("throughput", f"{found['throughput']:.2f} × real time" if found["throughput"] else "-")
    table.add_row("real-time factor (per worker)", f"{found['real_time_factor']:.3f}"
                  if found["real_time_factor"] else "-")
    table.add_row("need review", f"{len(found['review'])} recording(s)")
    console.print(table)
    for r in found["failed"]:
        console.print(f"[red]failed[/] {r['id']} ({r['stage']}): {r['error']}", highlight=False)
    for rec_id in found["pending"]:
        console.print(f"pending {rec_id}", highlight=False)
    for r in found["review"]:
        console.print(f"[yellow]review[/] {r['id']}: {r['review']} correction(s) to look at", highlight=False)
    return 0


def search_command(args) -> int:
    from .catalog.search import search
    if not _out_folder(args):
        return 2
    try:
        catalog = Catalog(args.output, create=False)
    except CatalogError:
        catalog = rebuild(args.output)  # never made (an OUT from before the catalog): make it now
    hits = search(catalog.db, args.query, speaker=args.speaker, label=args.label, recording=args.recording,
                  limit=args.limit or None)
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1))
        return 0
    for h in hits:
        times = ", ".join(_clock(s["start"]) for s in h.spans)
        print(f"{h.recording}\t{times}\t{h.speaker or '-'}\t{h.text}")
    print(f"{len(hits)} sentence(s)", file=sys.stderr)
    return 0 if hits else 1


def _clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m // 60)}:{int(m % 60):02d}:{s:04.1f}"
