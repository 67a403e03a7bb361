"""Named entities: GiNZA's fine labels mapped to coarse ones, the collection glossary as a gazetteer
that wins over the statistical model, dates found and normalised, readings and romanization."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..glossary import GlossaryTerm
from .dates import ERAS, NUMBER, normalize_date
from .glossary_fix import term_reading
from .morph import Analysis, Morpheme
from .romaji import hepburn, romanize_name

COARSE = {
    "PERSON": {"Person", "God", "Character", "Name_Other"},
    "PLACE": {"Country", "Province", "City", "County", "GPE_Other", "Location_Other", "Domestic_Region",
              "Continental_Region", "Region_Other", "Geological_Region_Other", "Mountain", "Island", "River",
              "Lake", "Sea", "Bay", "Spa", "Road", "Railroad", "Station", "Airport", "Port", "Park",
              "Water_Route", "Canal", "Bridge", "Tunnel", "Astral_Body_Other", "Worship_Place",
              "Facility_Other", "Archaeological_Place_Other", "Tumulus", "Zoo", "Museum", "Theater"},
    "ORG": {"Organization_Other", "International_Organization", "Government", "Political_Party",
            "Political_Organization_Other", "Military", "Company", "Company_Group", "Corporation_Other",
            "School", "Public_Institution", "Research_Institute", "Cabinet", "Show_Organization",
            "Sports_Organization_Other", "Pro_Sports_Organization", "Family", "Ethnic_Group_Other"},
    "DATE": {"Date", "Era", "Period_Year", "Period_Month", "Period_Day", "Timex_Other"},
    "EVENT": {"War", "Incident_Other", "Occasion_Other", "Event_Other", "Conference", "Natural_Disaster",
              "Earthquake", "Religious_Festival", "Treaty", "Movement"},
    "WORK": {"Book", "Newspaper", "Magazine", "Broadcast_Program", "Movie", "Music", "Show", "Printing_Other",
             "Art_Other", "Game", "Law"},
}
FINE_TO_COARSE = {fine: coarse for coarse, fines in COARSE.items() for fine in fines}
ROMANIZED_LABELS = ("PERSON", "PLACE")
_DATE = re.compile(rf"(?:(?:{'|'.join(ERAS)})\s*(?:{NUMBER})|(?:{NUMBER}))\s*年(?:\s*の?\s*(?:{NUMBER})\s*月(?:\s*(?:{NUMBER})\s*日)?)?")
_DATED = re.compile(rf"{NUMBER}|{'|'.join(ERAS)}|[年月日]")  # a date, not a period word (戦後, 当時)
_DATE_JOIN = re.compile(r"^\s*の?\s*$")  # what may stand between two date pieces (1950年の7月)


@dataclass(frozen=True)
class Found:
    begin: int
    end: int
    label: str
    fine_label: str | None
    normalized: str | None = None
    reading: str | None = None
    romanized: str | None = None


def find_entities(analysis: Analysis, glossary: tuple[GlossaryTerm, ...]) -> list[Found]:
    text = analysis.text
    spans: list[tuple[int, int, str, str | None]] = []
    for e in analysis.entities:
        coarse = FINE_TO_COARSE.get(e.label)
        if coarse:
            spans.append((e.begin, e.end, coarse, e.label))
    for m in _DATE.finditer(text):  # dates GiNZA misses (千九百五十六年)
        spans.append((m.start(), m.end(), "DATE", "Date"))
    spans = [s for s in _merge_dates(text, spans) if s[2] != "DATE" or _DATED.search(text[s[0]:s[1]])]
    # the glossary wins where it speaks: its terms replace whatever overlaps them
    pinned: list[tuple[int, int, str, str | None, GlossaryTerm]] = []
    for term in sorted(glossary, key=lambda t: -len(t.text)):
        start = text.find(term.text)
        while start >= 0:
            end = start + len(term.text)
            if all(end <= p[0] or start >= p[1] for p in pinned):
                overlapping = [s for s in spans if s[0] < end and start < s[1]]
                label = term.label or (overlapping[0][2] if overlapping else None)
                if label:
                    pinned.append((start, end, label, overlapping[0][3] if overlapping else None, term))
            start = text.find(term.text, end)
    spans = [s for s in spans if all(s[1] <= p[0] or s[0] >= p[1] for p in pinned)]
    found = [describe(text, analysis.morphemes, s[0], s[1], s[2], s[3], None) for s in _dedupe(spans)]
    found += [describe(text, analysis.morphemes, p[0], p[1], p[2], p[3], p[4]) for p in pinned]
    return sorted(found, key=lambda f: (f.begin, f.end))


def _merge_dates(text: str, spans):
    """Join date pieces GiNZA splits (1950年 | 7月, 1953年 | 春) and prefer the longest date."""
    dates = sorted(s for s in spans if s[2] == "DATE")
    merged: list[list] = []
    for s in dates:
        if merged and (s[0] <= merged[-1][1] or _DATE_JOIN.match(text[merged[-1][1]:s[0]])):
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(list(s))
    others = [s for s in spans if s[2] != "DATE"]
    others = [s for s in others if all(s[1] <= d[0] or s[0] >= d[1] for d in merged)]
    return others + [tuple(d) for d in merged]


def _dedupe(spans):
    out = []
    for s in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def describe(text: str, morphs: tuple[Morpheme, ...], begin: int, end: int, label: str,
              fine: str | None, term: GlossaryTerm | None) -> Found:
    surface = text[begin:end]
    if label == "DATE":
        return Found(begin, end, label, fine, normalize_date(surface))
    reading = term.reading if term and term.reading else _reading(morphs, begin, end, label)
    if term and not term.reading and not reading:
        reading = term_reading(term)
    romanized = None
    if label in ROMANIZED_LABELS and reading:
        romanized = romanize_name(reading) if label == "PERSON" else _capitalised(hepburn(reading.replace(" ", "")))
    return Found(begin, end, label, fine, term.text if term else None, reading or None, romanized)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _reading(morphs: tuple[Morpheme, ...], begin: int, end: int, label: str) -> str:
    """Katakana reading of text[begin:end]; a person's family and given names separated by a space."""
    parts: list[str] = []
    for m in morphs:
        if m.end <= begin or m.begin >= end or not m.reading:
            continue
        if m.begin < begin or m.end > end:  # an entity boundary inside a morpheme: no reliable reading
            return ""
        if label == "PERSON" and parts and "人名-名" in m.pos:
            parts.append(" ")
        parts.append(m.reading)
    return "".join(parts)
