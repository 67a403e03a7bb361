"""Search every corrected transcript in the catalog: where in the collection is a name spoken.

A query of three characters or more is looked up in the trigram index (Japanese substrings need no
word boundaries); one or two characters in the one-character index, as a phrase. Every candidate
sentence is then checked for the query itself, so only sentences that hold it are listed, each hit
timed by the words that hold it. Names are also looked up by any of their forms (reading, romanization,
normal form, pinyin): `Fushun`, `ブジュン` and `撫順` all find 撫順.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .forms import fold

TRIGRAM = 3  # characters: shorter queries go to the one-character index


@dataclass
class Hit:
    """A sentence holding the query; `spans` are the hits inside it (seconds, and characters)."""

    recording: str
    segment: int
    speaker: str | None
    text: str
    start: float                      # of the sentence
    end: float
    spans: list[dict[str, Any]] = field(default_factory=list)
    words: str = field(default="", repr=False)  # JSON [[characters, start, end]...]: hits timed at the end

    @property
    def time(self) -> float:
        """When the first hit is spoken."""
        return min(s["start"] for s in self.spans) if self.spans else self.start

    def to_dict(self) -> dict[str, Any]:
        return {"recording": self.recording, "segment": self.segment, "speaker": self.speaker, "text": self.text,
                "time": self.time, "start": self.start, "end": self.end, "hits": self.spans}


def search(db: sqlite3.Connection, query: str, speaker: str | None = None, label: str | None = None,
           recording: str | None = None, limit: int | None = None) -> list[Hit]:
    """Sentences holding `query` (or naming an entity spelled so), in recording and time order."""
    query = query.strip()
    if not query:
        return []
    hits: dict[int, Hit] = {}
    for row in _text_candidates(db, query, speaker, recording, None if label else limit):
        sentence_id, rec, segment, start, end, who, text = row
        spans = [{"start": None, "end": None, "char_start": i, "char_end": j, "match": "text"}
                 for i, j in _occurrences(text, query)]
        if spans:  # the index proposes, the text decides: only sentences that hold the query
            hits[sentence_id] = Hit(rec, segment, who, text, start, end, spans)
    for row in _entity_candidates(db, query, speaker, label, recording):
        sentence_id, rec, segment, start, end, who, text, e_start, e_end, c0, c1, e_label = row
        hit = hits.setdefault(sentence_id, Hit(rec, segment, who, text, start, end))
        span = {"start": e_start, "end": e_end, "char_start": c0, "char_end": c1, "match": "entity",
                "label": e_label}
        same = [s for s in hit.spans if s["char_start"] == c0 and s["char_end"] == c1]
        if same:
            same[0].update(label=e_label)
        else:
            hit.spans.append(span)
    if label:  # only where the query is (part of) a name of that label
        labelled = _labelled_spans(db, list(hits), label)
        for k, h in hits.items():
            h.spans = [s for s in h.spans if s.get("label") == label
                       or any(s["char_start"] < b and a < s["char_end"] for a, b in labelled[k])]
        hits = {k: h for k, h in hits.items() if h.spans}
    ordered = sorted(hits.items(), key=lambda kv: (kv[1].recording, kv[1].start, kv[1].segment))
    ordered = ordered[:limit] if limit else ordered
    words = _words(db, [k for k, _ in ordered])  # read only now, for the hits returned
    for k, h in ordered:
        h.words = words[k]
    ordered = [h for _, h in ordered]
    for h in ordered:  # timed only now: a common word may be in every transcript
        h.spans.sort(key=lambda s: s["char_start"])
        for span in h.spans:
            if span["start"] is None:
                span["start"], span["end"] = _span(h.words, span["char_start"], span["char_end"], h.start, h.end)
    return ordered


def _text_candidates(db, query: str, speaker: str | None, recording: str | None, limit: int | None):
    """Sentences that hold the query: proposed by an index, checked against the text (ASCII letters in
    either case, as the trigram index folds them), in order, the first `limit` only."""
    where, args = _filters(speaker, recording)
    where, args = f"{where} AND instr(lower(s.text), ?) > 0", [*args, _ascii_lower(query)]
    order = " ORDER BY s.recording, s.start, s.segment" + (f" LIMIT {int(limit)}" if limit else "")
    if len(query) >= TRIGRAM:
        table, match = "sentence_trigrams", _phrase(query)
    elif any(c.isalnum() for c in query):
        table, match = "sentence_chars", _phrase(" ".join(query))
    else:  # punctuation alone is not in the one-character index: scan the sentences
        return _scan(db, where, args, order)
    sql = (f"SELECT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text FROM {table} f "
           f"JOIN sentences s ON s.id = f.rowid WHERE {table} MATCH ?{where}{order}")
    return db.execute(sql, [match, *args]).fetchall()


def _scan(db, where: str, args: list[Any], order: str):
    return db.execute("SELECT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text "
                      f"FROM sentences s WHERE 1{where}{order}", args).fetchall()


def _entity_candidates(db, query: str, speaker: str | None, label: str | None, recording: str | None):
    where, args = _filters(speaker, recording)
    if label:
        where, args = where + " AND e.label = ?", [*args, label]
    sql = ("SELECT DISTINCT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text, e.start, e.end, "
           "e.char_start, e.char_end, e.label FROM entity_forms f CROSS JOIN entities e ON e.id = f.entity "
           f"JOIN sentences s ON s.id = e.sentence WHERE f.form = ?{where}")
    return db.execute(sql, [fold(query), *args]).fetchall()


def _words(db, sentence_ids: list[int]) -> dict[int, str]:
    """The words (JSON) of these sentences, in their order."""
    found: dict[int, str] = {}
    for i in range(0, len(sentence_ids), 500):
        chunk = sentence_ids[i:i + 500]
        found.update(db.execute(f"SELECT id, words FROM sentences WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return {k: found.get(k, "") for k in sentence_ids}


def _labelled_spans(db, sentence_ids: list[int], label: str) -> dict[int, list[tuple[int, int]]]:
    found: dict[int, list[tuple[int, int]]] = {k: [] for k in sentence_ids}
    for k in sentence_ids:
        found[k] = db.execute("SELECT char_start, char_end FROM entities WHERE sentence = ? AND label = ?",
                              (k, label)).fetchall()
    return found


def _filters(speaker: str | None, recording: str | None) -> tuple[str, list[Any]]:
    where, args = "", []
    if speaker:
        where += " AND (s.speaker = ? OR s.speaker_id = ?)"
        args += [speaker, speaker]
    if recording:
        where += " AND s.recording = ?"
        args.append(recording)
    return where, args


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """What SQLite's lower() does: ASCII letters only, so offsets never move."""
    return text.translate(_ASCII_LOWER)


def _occurrences(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of the query in the text, ASCII letters in either case."""
    hay, needle = _ascii_lower(text), _ascii_lower(query)
    spans, i = [], hay.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = hay.find(needle, i + len(needle))
    return spans


def _span(words_json: str, a: int, b: int, start: float, end: float) -> tuple[float, float]:
    """Start and end time of characters a..b: those of the words that hold them."""
    pos, first, last = 0, None, None
    for length, w_start, w_end in json.loads(words_json or "[]"):
        if pos + length > a and pos < b:
            first = w_start if first is None else first
            last = w_end
        pos += length
    return (first if first is not None else start, last if last is not None else end)
