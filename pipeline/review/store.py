"""What the review app reads and writes: each recording's pipeline transcript, its corrections
layer over it, and the exports re-rendered after every edit."""
from __future__ import annotations

import logging
import threading
from dataclasses import fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..artifacts import WorkFolder
from ..corrections import CorrectionsLayer, StaleVersion, anchored, apply_corrections, check
from ..errors import KikigakiError
from ..nlp.entities import COARSE
from ..options import ExportOptions, SubtitleOptions
from ..transcript import Metadata, Transcript

LABELS = tuple(COARSE)  # the labels the page offers: the language layer's own
LEARNED_LABELS = ("PERSON", "PLACE", "ORG", "EVENT", "WORK")  # an entity an archivist adds teaches these


class NotFound(KikigakiError):
    """No such recording, or no file there."""


class ReviewStore:
    def __init__(self, out: Path, author: str = ""):
        self.out = Path(out).resolve()
        self.author = author
        self._lock = threading.Lock()  # one edit at a time: read, check the version, append, export
        self._cache: dict[str, tuple[tuple, dict[str, Any]]] = {}
        if not self.out.is_dir():
            raise NotFound(f"{out} is not a folder: pass the OUT folder of `kikigaki run`")

    # --- reading ---------------------------------------------------------------
    def recording_ids(self) -> list[str]:
        """Recording folders in OUT; one that is a link to somewhere outside OUT is not served."""
        return sorted(p.parent.parent.name for p in self.out.glob("*/.kikigaki/nlp.json")
                      if p.parent.parent.resolve().is_relative_to(self.out))

    def folder(self, rec_id: str) -> WorkFolder:
        if rec_id not in self.recording_ids():  # also what keeps ids like ".." out
            raise NotFound(f"no recording {rec_id!r} in {self.out}")
        return WorkFolder(self.out, rec_id)

    def base(self, rec_id: str) -> tuple[str, Transcript]:
        """The pipeline's own transcript (before corrections) and its artifact key."""
        stored = self.folder(rec_id).latest("nlp")
        if not stored or not stored[1]:
            raise NotFound(f"{rec_id}: no finished transcript; run `kikigaki run` on it first")
        return stored[0], Transcript.from_dict(stored[1])

    def state(self, rec_id: str) -> dict[str, Any]:
        """The corrected transcript as the page shows it, with the version an edit must name."""
        folder = self.folder(rec_id)
        layer = CorrectionsLayer(folder.root, rec_id)
        stamp = (_mtime(folder.work / "nlp.json"), _mtime(layer.path))
        cached = self._cache.get(rec_id)
        if cached and cached[0] == stamp:
            return cached[1]
        key, base = self.base(rec_id)
        edits = layer.edits()
        corrected = apply_corrections(base, edits, layer.path.name)
        state = {
            "id": rec_id,
            "version": f"{key}.{len(edits)}",
            "transcript": corrected.to_dict(),
            "edits": edits,
            "review": corrected.provenance.get("corrections", {}).get("review", []),
            "audio": f"/audio/{quote(rec_id, safe='')}" if self.audio_path(rec_id, base) else None,
            "exports": sorted(p.name for p in folder.root.glob(f"{rec_id}.*")
                              if p.is_file() and not p.name.endswith(".corrections.json")),
            "labels": list(LABELS),
            "author": self.author,
        }
        self._cache[rec_id] = (stamp, state)
        return state

    def summary(self) -> list[dict[str, Any]]:
        rows = []
        for rec_id in self.recording_ids():
            try:
                s = self.state(rec_id)
            except KikigakiError as e:
                rows.append({"id": rec_id, "error": str(e)})
                continue
            t = s["transcript"]
            rows.append({"id": rec_id, "duration": t["recording"]["duration"], "segments": len(t["segments"]),
                         "edits": len(s["edits"]), "review": len(s["review"])})
        return rows

    def audio_path(self, rec_id: str, base: Transcript | None = None) -> Path | None:
        """The original recording: its path as given to `kikigaki run` (from there, or from OUT's parent)."""
        source = Path((base or self.base(rec_id)[1]).recording.source)
        for candidate in (source, Path.cwd() / source, self.out.parent / source):
            if candidate.is_file():
                return candidate.resolve()
        return None

    def file_path(self, relative: str) -> Path:
        """A file under OUT; anything that resolves outside it is refused."""
        target = (self.out / relative).resolve()
        if not target.is_relative_to(self.out) or not target.is_file():
            raise NotFound(f"no file {relative!r} under {self.out}")
        return target

    # --- editing ---------------------------------------------------------------
    def edit(self, rec_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Check the page's version, anchor and check the edit, append it, re-render the exports: all
        under the recording's lock, so another server or a run on the same OUT waits its turn."""
        folder = self.folder(rec_id)
        with self._lock, folder.lock():
            current = self.state(rec_id)
            if request.get("version") != current["version"]:
                raise StaleVersion("this transcript changed since the page loaded it (another tab, or a "
                                   "pipeline run): reload the page, then make the edit again")
            transcript = Transcript.from_dict(current["transcript"])
            edit = anchored(transcript, request)
            check(transcript, edit)
            CorrectionsLayer(folder.root, rec_id).append(edit, str(request.get("author") or self.author))
            self.learn(rec_id, edit)
            self.export(rec_id)
            state = self.state(rec_id)
            self._update_catalog(rec_id, state)
            return state

    def _update_catalog(self, rec_id: str, state: dict[str, Any]) -> None:
        """The collection's search index hears of the edit at once (a locked catalog does not stop it:
        `kikigaki status` re-reads the recording later)."""
        from ..catalog import Catalog
        try:
            catalog = Catalog(self.out)
            try:
                catalog.update_transcript(rec_id, Transcript.from_dict(state["transcript"]), len(state["edits"]))
            finally:
                catalog.close()
        except KikigakiError as e:
            logging.getLogger(__name__).warning("catalog not updated after the edit: %s", e)

    def search(self, query: str, limit: int = 200) -> list[dict[str, Any]]:
        """Where the collection holds `query` (corrected text, names by any form): for the index page."""
        from ..catalog import Catalog
        from ..catalog.search import search
        catalog = Catalog(self.out)
        try:
            if not catalog.recordings():
                catalog.sync()  # an OUT from before the catalog
            return [h.to_dict() for h in search(catalog.db, query, limit=limit)]
        finally:
            catalog.close()

    def learn(self, rec_id: str, edit: dict[str, Any]) -> list[str]:
        """What the edit teaches the collection goes to OUT's learned glossary (glossary.learned.tsv):
        a span rewritten as a name (heard -> term), or a name given a label. The terms added."""
        from ..glossary import add_learned, load_learned
        from ..nlp.learn import Lesson, lessons
        from ..nlp.glossary_fix import term_reading
        from ..glossary import GlossaryTerm
        op, where = edit.get("op"), edit.get("segment") or {}
        if op == "text":
            found = lessons(str(where.get("text", "")), str(edit.get("text", "")).replace("\n", " ").strip())
        elif op == "add_entity" and edit.get("label") in LEARNED_LABELS and len(str(edit.get("text", ""))) > 1:
            term = str(edit["text"])
            found = [Lesson(term, str(edit["label"]), term_reading(GlossaryTerm(term)) or None, "")]
        else:
            return []
        known = {(t.text, h) for t in load_learned(self.out) for h in (*t.heard, "")}
        added = []
        for lesson in found:
            if (lesson.term, lesson.heard) not in known:
                add_learned(self.out, lesson.term, lesson.label, lesson.reading, lesson.heard,
                            f"{rec_id} {float(where.get('start', 0)):.1f}s")
                added.append(lesson.term)
        return added

    def export(self, rec_id: str) -> None:
        """Re-render the formats the last pipeline run wrote, with its options and metadata, now over
        the corrections: the pipeline's own last stage, `publish`."""
        from ..stages import publish
        key, base = self.base(rec_id)
        folder = self.folder(rec_id)
        made = (folder.latest("export_settings") or (None, None))[1] \
            or base.provenance.get("stages", {}).get("export", {})  # a run from before settings were kept
        subtitles = _options(SubtitleOptions, made.get("subtitles"))
        export = _options(ExportOptions, made.get("export"))
        base = replace(base, metadata=Metadata.from_dict(made.get("metadata") or {}))
        publish(folder, base, key, tuple(made.get("formats") or ("json", "srt", "vtt", "txt")),
                      subtitles, export)


def _options(cls, stored: dict[str, Any] | None):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in (stored or {}).items() if k in names})


def _mtime(path: Path) -> tuple[int, int, int]:
    """What tells a file changed, even twice within the clock's tick: each write is a new file (rename)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return (0, 0, 0)
    return (st.st_mtime_ns, st.st_ino, st.st_size)
