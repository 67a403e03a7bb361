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
    for row in _text_candidates(db, query, speaker, recording):
        sentence_id, rec, segment, start, end, who, text, words = row
        spans = [{"start": None, "end": None, "char_start": i, "char_end": j, "match": "text"}
                 for i, j in _occurrences(text, query)]
        if spans:  # the index proposes, the text decides: only sentences that hold the query
            hits[sentence_id] = Hit(rec, segment, who, text, start, end, spans, words)
    for row in _entity_candidates(db, query, speaker, label, recording):
        sentence_id, rec, segment, start, end, who, text, words, e_start, e_end, c0, c1, e_label = row
        hit = hits.setdefault(sentence_id, Hit(rec, segment, who, text, start, end, words=words))
        span = {"start": e_start, "end": e_end, "char_start": c0, "char_end": c1, "match": "entity",
                "label": e_label}
        same = [s for s in hit.spans if s["char_start"] == c0 and s["char_end"] == c1]
        if same:
            same[0].update(label=e_label)
        else:
            hit.spans.append(span)
    if label:  # only where the query is (part of) a name of that label
        hits = {k: h for k, h in hits.items() if any(s.get("label") == label for s in h.spans)}
        labelled = _labelled_spans(db, list(hits), label)
        for k, h in hits.items():
            h.spans = [s for s in h.spans if any(s["char_start"] < b and a < s["char_end"] for a, b in labelled[k])]
    ordered = sorted(hits.values(), key=lambda h: (h.recording, h.start, h.segment))
    ordered = ordered[:limit] if limit else ordered
    for h in ordered:  # timed only now, for the hits returned: a common word may be in every transcript
        h.spans.sort(key=lambda s: s["char_start"])
        for span in h.spans:
            if span["start"] is None:
                span["start"], span["end"] = _span(h.words, span["char_start"], span["char_end"], h.start, h.end)
    return ordered


def _text_candidates(db, query: str, speaker: str | None, recording: str | None):
    where, args = _filters(speaker, recording)
    if len(query) >= TRIGRAM:
        table, match = "sentence_trigrams", _phrase(query)
    elif any(c.isalnum() for c in query):
        table, match = "sentence_chars", _phrase(" ".join(query))
    else:  # punctuation alone is not in the one-character index: scan the sentences
        return _scan(db, query, where, args)
    sql = (f"SELECT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text, s.words FROM {table} f "
           f"JOIN sentences s ON s.id = f.rowid WHERE {table} MATCH ?{where}")
    return db.execute(sql, [match, *args]).fetchall()


def _scan(db, query: str, where: str, args: list[Any]):
    return db.execute("SELECT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text, s.words "
                      f"FROM sentences s WHERE instr(s.text, ?) > 0{where}", [query, *args]).fetchall()


def _entity_candidates(db, query: str, speaker: str | None, label: str | None, recording: str | None):
    where, args = _filters(speaker, recording)
    if label:
        where, args = where + " AND e.label = ?", [*args, label]
    sql = ("SELECT DISTINCT s.id, s.recording, s.segment, s.start, s.end, s.speaker, s.text, s.words, e.start, e.end, "
           "e.char_start, e.char_end, e.label FROM entity_forms f JOIN entities e ON e.id = f.entity "
           f"JOIN sentences s ON s.id = e.sentence WHERE f.form = ?{where}")
    return db.execute(sql, [fold(query), *args]).fetchall()


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


def _occurrences(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of the query in the text, ignoring case where that keeps offsets."""
    hay, needle = text, query
    if len(text.casefold()) == len(text) and len(query.casefold()) == len(query):
        hay, needle = text.casefold(), query.casefold()
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
