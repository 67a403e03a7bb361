"""What may need restricting, for an archivist to accept or dismiss: nothing is closed by a suggestion alone.

People the language layer (GiNZA) tagged PERSON who are not in the collection glossary (the glossary
holds the public figures and the narrators the archive already names), Japanese telephone numbers,
postal codes, addresses (a block number after a place GiNZA tagged, or a written-out address) and
email addresses.
"""
from __future__ import annotations

import re
from typing import Any

from ..transcript import Transcript

D = "[0-9０-９]"
NUM = "[0-9０-９一二三四五六七八九十〇百]"
DASH = "[-‐－ー―−]"
PATTERNS = {
    "phone": re.compile(rf"(?<![0-9０-９])(?:\+81|[0０]){D}{{1,4}}(?:{DASH}|[（(）)]|\s)?{D}{{1,4}}(?:{DASH}|[）)]|\s)?{D}{{3,4}}(?![0-9０-９])"),
    "postal": re.compile(rf"(?:〒\s*)?(?<![0-9０-９]){D}{{3}}{DASH}{D}{{4}}(?![0-9０-９]|{DASH}{D})"),
    "email": re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
    "address": re.compile(rf"(?:[一-龥]{{2,3}}[都道府県])?[一-龥ァ-ヶー]{{1,6}}[市区町村郡][一-龥ァ-ヶぁ-んー]{{0,8}}?"
                          rf"{NUM}+(?:丁目|番地|番|号)(?:{DASH}?{NUM}+(?:番地|番|号)?)*"),
}
BLOCK = re.compile(rf"^[^、。？！\s]{{0,6}}?{NUM}+(?:丁目|番地|番|号)(?:{DASH}?{NUM}+(?:番地|番|号)?)*")
KINDS = ("person", "phone", "postal", "address", "email")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def suggestions(transcript: Transcript, glossary: set[str] | None = None) -> list[dict[str, Any]]:
    """Every suggestion, in time order. A person is suggested once (all their mentions); the rest
    once per occurrence. `glossary` defaults to the terms the pipeline ran with (provenance)."""
    if glossary is None:
        glossary = set(transcript.provenance.get("glossary") or ())
    found: list[dict[str, Any]] = []
    people: dict[str, dict[str, Any]] = {}
    for e in transcript.entities:
        name = e.normalized or e.text
        if e.label != "PERSON" or e.text in glossary or name in glossary:
            continue
        entry = people.setdefault(e.text, {"kind": "person", "text": e.text, "segment": e.segment,
                                           "char_start": e.char_start, "char_end": e.char_end,
                                           "start": e.start, "end": e.end, "mentions": 0})
        entry["mentions"] += 1
    for p in people.values():
        found.append({**p, "key": f"person:{p['text']}",
                      "restrict": {"kind": "entity", "text": p["text"], "label": "PERSON", "reason": "third_party"}})
    for i, seg in enumerate(transcript.segments):
        taken: list[tuple[int, int]] = []
        for kind in ("email", "phone", "postal", "address"):
            for m in PATTERNS[kind].finditer(seg.text):
                a, b = m.span()
                if kind == "phone" and not 10 <= _digits(m.group()) <= 12:
                    continue
                if any(a < y and x < b for x, y in taken):
                    continue
                taken.append((a, b))
                found.append(_occurrence(transcript, i, a, b, kind))
        for e in transcript.entities:  # a block number right after a place GiNZA found: an address
            if e.segment != i or e.label != "PLACE":
                continue
            m = BLOCK.match(seg.text, e.char_end)
            if m and not any(e.char_start < y and x < m.end() for x, y in taken):
                taken.append((e.char_start, m.end()))
                found.append(_occurrence(transcript, i, e.char_start, m.end(), "address"))
    return sorted(found, key=lambda s: (s["start"], s["kind"]))


def _occurrence(transcript: Transcript, i: int, a: int, b: int, kind: str) -> dict[str, Any]:
    seg = transcript.segments[i]
    t0, t1 = seg.span_of(a, b)
    text = seg.text[a:b]
    return {"kind": kind, "text": text, "segment": i, "char_start": a, "char_end": b, "start": t0, "end": t1,
            "key": f"{kind}:{text}:{t0:.1f}",
            "restrict": {"kind": "occurrence", "text": text, "reason": "personal_data",
                         "segment": {"start": seg.start, "end": seg.end, "text": seg.text},
                         "char_start": a, "char_end": b, "start": t0, "end": t1}}


def pending(transcript: Transcript, decided: set[str], restricted_texts: set[str],
            closed: list[tuple[float, float]]) -> list[dict[str, Any]]:
    """Suggestions nobody has accepted or dismissed yet, and that no restriction already covers."""
    out = []
    for s in suggestions(transcript):
        if s["key"] in decided or s["text"] in restricted_texts:
            continue
        if s["kind"] != "person" and any(a <= s["start"] and s["end"] <= b for a, b in closed):
            continue
        out.append(s)
    return out
