"""The collection catalog, `OUT/kikigaki.sqlite`: every recording's state and a search index over
every corrected transcript, in one embedded SQLite file (WAL mode).

Only the client writes it (`kikigaki run` as recordings finish, the review app after each edit,
`kikigaki status` when it finds the folders changed): cluster workers never touch it. The
per-recording artifacts stay the truth; `kikigaki catalog --rebuild OUT` remakes the file from them.
"""
from __future__ import annotations

import json
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from ..artifacts import WORK_DIR, WorkFolder
from ..errors import KikigakiError
from ..transcript import Transcript
from .forms import entity_forms

CATALOG_FILE = "kikigaki.sqlite"
SCHEMA_VERSION = "1"
SCHEMA = Path(__file__).with_name("schema.sql")
BUSY_TIMEOUT = 30  # seconds a writer waits for another (the review app and a run at once)


class CatalogError(KikigakiError):
    """The catalog cannot be read or written; the artifacts are intact, so it can be rebuilt."""


def chars(text: str) -> str:
    """The text as the one-character index holds it: characters separated by spaces."""
    return " ".join(text)


class Catalog:
    def __init__(self, out: Path, create: bool = True):
        self.out = Path(out)
        self.path = self.out / CATALOG_FILE
        self._run: int | None = None  # the runs row of the batch under way
        if not create and not self.path.is_file():
            raise CatalogError(f"no catalog at {self.path}: run `kikigaki catalog --rebuild {self.out}`")
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            self.db.create_function("kikigaki_chars", 1, chars, deterministic=True)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            version = self._version()
            if version is None:
                self.db.executescript(SCHEMA.read_text(encoding="utf-8"))  # IF NOT EXISTS throughout
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif version != SCHEMA_VERSION:
                raise CatalogError(f"{self.path} was made by another version of kikigaki (schema {version}): "
                                   f"rebuild it with `kikigaki catalog --rebuild {self.out}`")
        except sqlite3.Error as e:
            raise CatalogError(f"{self.path} cannot be used ({e}): rebuild it from the transcripts with "
                               f"`kikigaki catalog --rebuild {self.out}`") from e

    def _version(self) -> str | None:
        has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if not has_meta:
            return None
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    def transaction(self):
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    # --- writing -------------------------------------------------------------------
    def start_run(self, results: Iterable, cluster: str) -> None:
        """A run begins: recordings never seen before are listed as pending."""
        with self.transaction():
            for r in results:
                self.db.execute("INSERT OR IGNORE INTO recordings (id, source, status) VALUES (?, ?, 'pending')",
                                (r.id, r.source))
            self.db.execute("INSERT INTO runs (started, cluster) VALUES (?, ?)", (_now(), cluster))
            self._run = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        self._started = time.perf_counter()

    def end_run(self, results: list) -> None:
        if self._run is None:
            return
        processed = [r for r in results if r.status == "done"]
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET finished = ?, recordings = ?, processed = ?, failed = ?, audio_seconds = ?, "
                "wall = ? WHERE id = ?",
                (_now(), len(results), len(processed), sum(r.status == "failed" for r in results),
                 sum(r.duration or 0 for r in processed), round(time.perf_counter() - self._started, 3), self._run))

    def record(self, result=None, rec_id: str | None = None) -> None:
        """Read one recording's artifacts (and the run's result, which knows what a worker could not
        write) into its row and the search index."""
        rec_id = rec_id or result.id
        folder = WorkFolder(self.out, rec_id)
        row = _row_from_disk(folder)
        if result is not None:
            row.update({k: getattr(result, k) for k in ("source", "status", "error", "stage", "wall", "worker",
                                                         "finished")}, duration=result.duration or row.get("duration"),
                       stage_wall=json.dumps(result.stage_wall), stage_keys=json.dumps(result.stage_keys))
            row["status"] = "done" if result.status in ("done", "cached") else result.status
        try:
            transcript, edits, review = corrected_transcript(folder)
        except KikigakiError as e:  # a damaged corrections file: listed, not indexed, never overwritten
            transcript, edits, review = None, 0, 0
            row["error"] = row.get("error") or str(e)
        with self.transaction():
            self._put_row(row, edits, review, transcript)
            self._index(rec_id, transcript)

    def update_transcript(self, rec_id: str, transcript: Transcript, edits: int) -> None:
        """After a review edit: the corrected transcript replaces the indexed one at once."""
        folder = WorkFolder(self.out, rec_id)
        if not self.db.execute("SELECT 1 FROM recordings WHERE id = ?", (rec_id,)).fetchone():
            self.record(rec_id=rec_id)  # not in the catalog yet: the whole row from the artifacts
            return
        review = len(transcript.provenance.get("corrections", {}).get("review", []))
        with self.transaction():
            self.db.execute("UPDATE recordings SET edits = ?, review = ?, segments = ?, stamp = ? WHERE id = ?",
                            (edits, review, len(transcript.segments), _stamp(folder), rec_id))
            self._index(rec_id, transcript)

    def _put_row(self, row: dict[str, Any], edits: int, review: int, transcript: Transcript | None) -> None:
        row = {**row, "edits": edits, "review": review,
               "segments": len(transcript.segments) if transcript else None}
        columns = ", ".join(row)
        self.db.execute(f"INSERT OR REPLACE INTO recordings ({columns}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))

    def _index(self, rec_id: str, transcript: Transcript | None) -> None:
        db = self.db
        db.execute("INSERT INTO sentence_trigrams (sentence_trigrams, rowid, text) "
                   "SELECT 'delete', id, text FROM sentences WHERE recording = ?", (rec_id,))
        db.execute("INSERT INTO sentence_chars (sentence_chars, rowid, text) "
                   "SELECT 'delete', id, kikigaki_chars(text) FROM sentences WHERE recording = ?", (rec_id,))
        db.execute("DELETE FROM entity_forms WHERE entity IN (SELECT id FROM entities WHERE recording = ?)", (rec_id,))
        db.execute("DELETE FROM entities WHERE recording = ?", (rec_id,))
        db.execute("DELETE FROM sentences WHERE recording = ?", (rec_id,))
        if transcript is None:
            return
        ids = {}
        for seg in transcript.segments:
            words = json.dumps([[len(w.text), w.start, w.end] for w in seg.words], separators=(",", ":"))
            cur = db.execute("INSERT INTO sentences (recording, segment, start, end, speaker_id, speaker, text, words) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (rec_id, seg.id, seg.start, seg.end, seg.speaker,
                              transcript.speaker_label(seg.speaker) or seg.speaker, seg.text, words))
            ids[seg.id] = cur.lastrowid
            db.execute("INSERT INTO sentence_trigrams (rowid, text) VALUES (?, ?)", (cur.lastrowid, seg.text))
            db.execute("INSERT INTO sentence_chars (rowid, text) VALUES (?, ?)", (cur.lastrowid, chars(seg.text)))
        for e in transcript.entities:
            cur = db.execute("INSERT INTO entities (recording, segment, sentence, label, text, normalized, reading, "
                             "romanized, start, end, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (rec_id, e.segment, ids[e.segment], e.label, e.text, e.normalized, e.reading,
                              e.romanized, e.start, e.end, e.char_start, e.char_end))
            db.executemany("INSERT OR IGNORE INTO entity_forms VALUES (?, ?)",
                           [(form, cur.lastrowid) for form in entity_forms(e)])

    def forget(self, rec_id: str) -> None:
        with self.transaction():
            self._index(rec_id, None)
            self.db.execute("DELETE FROM recordings WHERE id = ?", (rec_id,))

    # --- keeping in step with the folders --------------------------------------------
    def sync(self) -> list[str]:
        """Re-read every recording whose artifacts changed since it was indexed (and drop those whose
        folder is gone); returns the ids re-read."""
        on_disk = {p.parent.name: p.parent for p in self.out.glob(f"*/{WORK_DIR}")}
        known = dict(self.db.execute("SELECT id, stamp FROM recordings"))
        changed = [rec_id for rec_id in sorted(on_disk)
                   if known.get(rec_id) != _stamp(WorkFolder(self.out, rec_id))]
        for rec_id in changed:
            self.record(rec_id=rec_id)
        gone = [rec_id for rec_id, stamp in known.items() if rec_id not in on_disk and stamp]
        for rec_id in gone:
            self.forget(rec_id)
        return changed + gone

    def recordings(self) -> list[dict[str, Any]]:
        cur = self.db.execute("SELECT * FROM recordings ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    def runs(self) -> list[dict[str, Any]]:
        cur = self.db.execute("SELECT * FROM runs WHERE finished IS NOT NULL ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]


def rebuild(out: Path) -> Catalog:
    """Remake OUT/kikigaki.sqlite from the per-recording artifacts (a damaged file is replaced)."""
    out = Path(out)
    if not out.is_dir():
        raise CatalogError(f"{out} is not a folder: give the OUT folder of `kikigaki run`")
    for suffix in ("", "-wal", "-shm"):
        (out / f"{CATALOG_FILE}{suffix}").unlink(missing_ok=True)
    catalog = Catalog(out)
    catalog.sync()
    return catalog


def corrected_transcript(folder: WorkFolder) -> tuple[Transcript | None, int, int]:
    """The pipeline's last transcript with the archivists' corrections applied, the number of edits,
    and how many of them need a person's eye (None, 0, 0 where there is no transcript yet)."""
    from ..corrections import CorrectionsLayer, apply_corrections
    stored = folder.latest("nlp")
    if not stored or not stored[1]:
        return None, 0, 0
    layer = CorrectionsLayer(folder.root, folder.id)
    edits = layer.edits()
    transcript = apply_corrections(Transcript.from_dict(stored[1]), edits, layer.path.name)
    return transcript, len(edits), len(transcript.provenance.get("corrections", {}).get("review", []))


def _row_from_disk(folder: WorkFolder) -> dict[str, Any]:
    """The recording's row as its artifacts tell it: the run record, ingest facts, transcript provenance."""
    run = _read_json(folder.work / "run.json") or {}
    ingest = (folder.latest("ingest") or (None, None))[1] or {}
    nlp = folder.latest("nlp")
    provenance = (nlp[1] or {}).get("provenance", {}) if nlp else {}
    stages = provenance.get("stages", {})
    if run:
        status = "done" if run.get("status") in ("done", "cached") else run.get("status", "pending")
    else:
        status = "done" if nlp else "pending"  # a transcript from before run records, or a run under way
    return {
        "id": folder.id, "source": run.get("source") or ingest.get("source"), "sha256": ingest.get("sha256"),
        "duration": run.get("duration") or ingest.get("duration"), "status": status,
        "error": run.get("error", ""), "stage": run.get("stage", ""), "wall": run.get("wall"),
        "stage_wall": json.dumps(run.get("stage_wall", {})), "stage_keys": json.dumps(run.get("stage_keys", {})),
        "model": stages.get("asr", {}).get("model"), "options": json.dumps(stages, ensure_ascii=False),
        "worker": run.get("worker", ""), "finished": run.get("finished", ""), "stamp": _stamp(folder),
    }


def _stamp(folder: WorkFolder) -> str:
    """What changes when the recording's state on disk does: its run record, transcript, corrections."""
    parts = []
    for path in (folder.work / "run.json", folder.work / "nlp.json", folder.root / f"{folder.id}.corrections.json"):
        try:
            parts.append(str(path.stat().st_mtime_ns))
        except FileNotFoundError:
            parts.append("-")
    return ":".join(parts)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): one writer at a time, whole recordings at once."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, tb) -> None:
        if kind is None:
            self.db.execute("COMMIT")
        else:
            self.db.execute("ROLLBACK")
            if isinstance(value, sqlite3.Error):
                raise CatalogError(f"catalog write failed ({value}); rebuild it with "
                                   f"`kikigaki catalog --rebuild OUT`") from value
