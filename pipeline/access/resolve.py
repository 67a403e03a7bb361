"""Restrictions resolved against a transcript: which words are closed, which stretches of audio go
silent, and the restricted transcript every access export is rendered from.

A span closes the words it covers (a quarter of a word's time or more) and exactly its own audio.
An occurrence or an entity closes whole words (a name inside a morpheme closes the morpheme) and
their time, padded a little on each side since word times are approximate. The placeholder takes
the closed words' place, with their times, so subtitles stay in sync.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable

from ..corrections.edits import Draft, locate
from ..options import AccessOptions
from ..transcript import Segment, Transcript, Word
from .layer import is_closed

SPAN_COVER = 0.25  # share of a word's time a span must cover to close the word
RESTRICTED = "restricted"  # segment flag


@dataclass(frozen=True)
class Closure:
    """One restriction as it falls on this transcript: its audio span and what it closed."""

    n: int
    scope: str          # the recording's id, or "collection"
    kind: str
    reason: str
    until: str | None
    start: float        # seconds: the audio closed
    end: float
    segments: tuple[int, ...] = ()  # segments (of the unrestricted transcript) with closed words
    status: str = "applied"         # applied; review (the words there changed); unresolved (the words are gone,
                                    # their time stays closed); absent (an entity not said in this recording)
    note: str = ""
    ranges: tuple[tuple[int, int, int], ...] = ()  # (segment, first char, end char) closed in the text


@dataclass(frozen=True)
class Restricted:
    transcript: Transcript
    closures: tuple[Closure, ...]
    lifted: int          # restrictions whose date has passed
    names: frozenset[str] = frozenset()  # the written forms of the entities closed everywhere

    def spans(self) -> list[tuple[float, float]]:
        """The closed audio, merged, in order."""
        merged: list[list[float]] = []
        for a, b in sorted((c.start, c.end) for c in self.closures if c.end > c.start):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        return [(a, b) for a, b in merged]


def _word_chars(seg: Segment) -> list[tuple[int, int, Word]]:
    out, pos = [], 0
    for w in seg.words:
        out.append((pos, pos + len(w.text), w))
        pos += len(w.text)
    return out


def _covered_words(seg: Segment, a: float, b: float) -> list[tuple[int, int]]:
    """Character ranges of the words a span closes."""
    if not seg.words:
        overlap = min(seg.end, b) - max(seg.start, a)
        return [(0, len(seg.text))] if overlap > 0 and overlap >= 0.5 * (seg.end - seg.start) else []
    closed = []
    for c0, c1, w in _word_chars(seg):
        length = w.end - w.start
        overlap = min(w.end, b) - max(w.start, a)
        if (length <= 0 and a <= w.start < b) or (length > 0 and overlap >= SPAN_COVER * length):
            closed.append((c0, c1))
    return closed


def surfaces(transcript: Transcript, text: str) -> set[str]:
    """Every written form of an entity: the text asked for, and the texts of entities normalised to it."""
    found = {text}
    for e in transcript.entities:
        if e.text == text or e.normalized == text:
            found.add(e.text)
    return {s for s in found if s.strip()}


def resolve(transcript: Transcript, restrictions: Iterable[tuple[str, dict[str, Any]]], options: AccessOptions,
            as_of: date) -> Restricted:
    """Apply `restrictions` ((scope, entry) pairs) in force on `as_of` to the transcript."""
    duration = transcript.recording.duration
    pad = options.entity_padding
    closed: dict[int, list[tuple[int, int, str]]] = {}   # segment -> char ranges and their placeholder
    closures: list[Closure] = []
    names: set[str] = set()
    lifted = 0
    draft = Draft.of(transcript)
    for scope, entry in restrictions:
        if not is_closed(entry, as_of):
            lifted += 1
            continue
        holder = entry.get("placeholder") or options.placeholder
        base = dict(n=entry["n"], scope=scope, kind=entry["kind"], reason=entry.get("reason", "other"),
                    until=entry.get("until"))

        def close_chars(i: int, ranges: list[tuple[int, int]]) -> None:
            closed.setdefault(i, []).extend((a, b, holder) for a, b in ranges)

        def chars_closure(hits: list[tuple[int, int, int]], status: str = "applied", note: str = "") -> None:
            for i, a, b in hits:
                seg = transcript.segments[i]
                a, b = _whole_words(seg, a, b)
                close_chars(i, [(a, b)])
                t0, t1 = seg.span_of(a, b)
                closures.append(Closure(**base, start=max(0.0, round(t0 - pad, 3)), end=min(duration, round(t1 + pad, 3)),
                                        segments=(i,), status=status, note=note, ranges=((i, a, b),)))

        def span_closure(a: float, b: float, heard: str = "", status: str = "applied", note: str = "") -> None:
            touched, now, spots = [], [], []
            for i, seg in enumerate(transcript.segments):
                ranges = _covered_words(seg, a, b)
                if ranges:
                    close_chars(i, ranges)
                    touched.append(i)
                    now += [seg.text[x:y] for x, y in ranges]
                    spots += [(i, x, y) for x, y in ranges]
            if status == "applied" and heard and heard != "".join(now):
                status, note = "review", "the words in this span changed since it was restricted"
            closures.append(Closure(**base, start=max(0.0, a), end=min(duration, b), segments=tuple(touched),
                                    status=status, note=note, ranges=tuple(spots)))

        kind = entry["kind"]
        if kind == "span":
            span_closure(float(entry["start"]), float(entry["end"]), entry.get("heard", ""))
        elif kind == "occurrence":
            hit = _find_occurrence(draft, entry)
            if hit:
                chars_closure([hit[:3]], *(() if hit[3] else ("review", "the line changed; the same words were found near")))
            else:  # the words are gone from that time: close the time they were said, never reopen it
                span_closure(float(entry["start"]) - pad, float(entry["end"]) + pad, status="unresolved",
                             note="the words are no longer found there; their time stays closed")
        else:
            forms = surfaces(transcript, entry["text"])
            names |= forms
            hits = [(i, m.start(), m.end()) for i, seg in enumerate(transcript.segments)
                    for form in sorted(forms, key=len, reverse=True) for m in re.finditer(re.escape(form), seg.text)]
            if hits:
                chars_closure(hits)
            else:
                closures.append(Closure(**base, start=0.0, end=0.0, status="absent",
                                        note="not said in this recording (closed wherever it is said later)"))
    return Restricted(_restricted(transcript, closed, names, options.placeholder), tuple(closures), lifted,
                      frozenset(names))


def _whole_words(seg: Segment, a: int, b: int) -> tuple[int, int]:
    for c0, c1, _ in _word_chars(seg):
        if c0 < b and c1 > a:
            a, b = min(a, c0), max(b, c1)
    return a, b


def _find_occurrence(draft: Draft, entry: dict[str, Any]) -> tuple[int, int, int, bool] | None:
    """The occurrence's segment and characters now, and whether its line is unchanged."""
    i, exact = locate(draft, entry["segment"])
    if i is None:
        return None
    text, seg_text = entry["text"], draft.rows[i].segment.text
    a, b = entry.get("char_start", 0), entry.get("char_end", 0)
    if exact and seg_text[a:b] == text:
        return i, a, b, True
    found = [m.start() for m in re.finditer(re.escape(text), seg_text)]
    if not found:
        return None
    k = min(found, key=lambda x: abs(x - a))
    return i, k, k + len(text), False


def _merged(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[list] = []
    for a, b, holder in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b, holder])
    return [tuple(r) for r in out]


def _restricted_segment(seg: Segment, ranges: list[tuple[int, int, str]]) -> tuple[Segment, list[int | None]]:
    """The segment with each closed run of words replaced by its placeholder, and where each old
    character now stands (None where it was closed)."""
    ranges = _merged(ranges)
    if not seg.words:
        return replace(seg, text=ranges[0][2], words=(), asr_text=None, corrections=(),
                       flags=tuple(sorted(set(seg.flags) | {RESTRICTED}))), [None] * len(seg.text)
    words: list[Word] = []
    where: list[int | None] = []
    out_pos, run = 0, None
    for c0, c1, w in _word_chars(seg):
        r = next((r for r in ranges if r[0] <= c0 and c1 <= r[1]), None)
        if r is None:
            words.append(w)
            where += range(out_pos, out_pos + c1 - c0)
            out_pos += c1 - c0
        elif run is r:  # the same closed run: the placeholder stretches over this word's time too
            words[-1] = replace(words[-1], end=max(words[-1].end, w.end))
            where += [None] * (c1 - c0)
        else:
            words.append(Word(r[2], w.start, w.end))
            where += [None] * (c1 - c0)
            out_pos += len(r[2])
        run = r
    text = "".join(w.text for w in words)
    return replace(seg, text=text, words=tuple(words), asr_text=None, corrections=(),
                   flags=tuple(sorted(set(seg.flags) | {RESTRICTED}))), where


def _restricted(transcript: Transcript, closed: dict[int, list[tuple[int, int, str]]], names: set[str],
                placeholder: str) -> Transcript:
    segments, moved = list(transcript.segments), {}
    for i, ranges in closed.items():
        segments[i], moved[i] = _restricted_segment(transcript.segments[i], ranges)
    entities = []
    for e in transcript.entities:
        if e.segment not in closed:
            entities.append(e)
            continue
        now = moved[e.segment][e.char_start:e.char_end]
        if now and None not in now and now[-1] - now[0] == len(now) - 1:  # untouched by any closure
            entities.append(replace(e, char_start=now[0], char_end=now[-1] + 1))
    speakers = tuple(replace(s, name=scrub(s.name, names, placeholder)) if s.name else s for s in transcript.speakers)
    provenance = _public_provenance(transcript.provenance, names, placeholder)
    return replace(transcript, segments=tuple(segments), entities=tuple(entities), speakers=speakers,
                   provenance=provenance)


def scrub(text: str, names: set[str], placeholder: str) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, placeholder)
    return text


def _public_provenance(value: Any, names: set[str], placeholder: str) -> Any:
    """Provenance with restricted names replaced (glossary, hotwords) and the corrections' review list
    (which quotes old text) reduced to its count."""
    if isinstance(value, dict):
        out = {k: _public_provenance(v, names, placeholder) for k, v in value.items()}
        if isinstance(value.get("review"), list) and "edits" in value:
            out["review"] = len(value["review"])
        return out
    if isinstance(value, list):
        return [_public_provenance(v, names, placeholder) for v in value]
    if isinstance(value, str):
        return scrub(value, names, placeholder)
    return value
