"""The canonical transcript model: `<id>.json` is this, serialized.

Times are seconds from the start of the recording; char offsets index into a segment's text.
Invariants are checked when an object is built, so a broken transcript never reaches an export.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Iterable

from .errors import InvariantError

SCHEMA_ID = "kikigaki.transcript/1"
TIME_TOLERANCE = 0.001  # seconds: rounding slack when checking that times lie inside the recording


def _check_span(what: str, start: float, end: float) -> None:
    if not (start >= 0 and end >= start):
        raise InvariantError(f"{what}: times out of order (start {start}, end {end})")


@dataclass(frozen=True)
class Word:
    """A timed token: an ASR word piece, or (after the language layer) a morpheme."""

    text: str
    start: float
    end: float
    probability: float | None = None
    reading: str | None = None
    pos: str | None = None

    def __post_init__(self) -> None:
        _check_span(f"word {self.text!r}", self.start, self.end)


@dataclass(frozen=True)
class Segment:
    """An utterance of one speaker; its words concatenate to its text."""

    id: int
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str | None = None
    overlap: bool = False
    flags: tuple[str, ...] = ()  # e.g. "repetition_cut", "recovered" (see README)
    asr_text: str | None = None  # what the recogniser wrote, where the language layer changed it
    corrections: tuple[str, ...] = ()  # glossary corrections made here, "heard→term"
    glossary_checks: tuple[dict, ...] = ()  # proposals the recording was asked about, with their scores

    def __post_init__(self) -> None:
        _check_span(f"segment {self.id}", self.start, self.end)
        if self.words:
            rebuilt = "".join(w.text for w in self.words)
            if rebuilt != self.text:
                raise InvariantError(
                    f"segment {self.id}: words rebuild {rebuilt!r}, not the text {self.text!r}")
            for a, b in zip(self.words, self.words[1:]):
                if b.start < a.start:
                    raise InvariantError(f"segment {self.id}: word {b.text!r} starts before {a.text!r}")
            lo, hi = self.words[0].start, max(w.end for w in self.words)
            if lo < self.start - TIME_TOLERANCE or hi > self.end + TIME_TOLERANCE:
                raise InvariantError(
                    f"segment {self.id}: words span {lo:.3f}-{hi:.3f}, outside {self.start:.3f}-{self.end:.3f}")

    def span_of(self, a: int, b: int) -> tuple[float, float]:
        """Start and end time of characters a..b of the text, from the words that hold them."""
        pos, start, end = 0, None, None
        for w in self.words:
            w_end = pos + len(w.text)
            if w_end > a and pos < b:
                start = w.start if start is None else start
                end = w.end
            pos = w_end
        return (start if start is not None else self.start, end if end is not None else self.end)


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str | None = None

    @property
    def label(self) -> str:
        """What a reader sees: the name when known, else the id."""
        return self.name or self.id


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    segment: int
    char_start: int
    char_end: int
    start: float
    end: float
    fine_label: str | None = None
    normalized: str | None = None
    reading: str | None = None
    romanized: str | None = None
    inferred: str | None = None  # how `normalized` goes beyond the text: a date's era taken from the recording


@dataclass(frozen=True)
class Recording:
    id: str
    source: str
    duration: float
    sha256: str
    sample_rate: int | None = None
    channels: int | None = None
    language: str | None = None
    format: str | None = None
    declared_duration: float | None = None  # seconds, as the file says it lasts
    partial: str | None = None  # set when only part decoded: "decoded 12:31 of 45:00"; `duration` is that part


@dataclass(frozen=True)
class Turn:
    """A stretch of one speaker's speech, as the diarizer found it (pauses inside a turn filled)."""

    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Gap:
    """A stretch where speech was detected but no text could be recognised: reported, never hidden."""

    start: float
    end: float
    reason: str


@dataclass(frozen=True)
class Metadata:
    """What the archive knows about a recording (from the collection config): written into the
    archive formats. Unknown is None or empty and left out of every file; nothing is guessed."""

    title: str | None = None
    date: str | None = None              # as the archive writes it; ISO 8601 (1998-07-12) where known
    interviewee: tuple[str, ...] = ()
    interviewer: tuple[str, ...] = ()
    place: str | None = None
    repository: str | None = None
    collection: str | None = None
    rights: str | None = None            # a rights statement, or its URL
    language: str | None = None          # of the interview, where it differs from the recogniser's
    reviewed: bool = False               # the narrator/archivist approved it: no "draft for review"

    def to_dict(self) -> dict[str, Any]:
        """Known fields only."""
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()
                if v not in (None, (), [], "", False)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Metadata":
        names = {f.name for f in fields(cls)}
        return cls(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Transcript:
    recording: Recording
    segments: tuple[Segment, ...]
    speakers: tuple[Speaker, ...] = ()
    entities: tuple[Entity, ...] = ()
    gaps: tuple[Gap, ...] = ()
    provenance: dict[str, Any] = field(default_factory=dict)
    turns: tuple[Turn, ...] = ()  # who spoke when, independent of what was recognised
    metadata: Metadata = Metadata()  # the archive's facts about the recording (attached at export)

    def __post_init__(self) -> None:
        duration = self.recording.duration
        ids = {s.id for s in self.speakers}
        for i, seg in enumerate(self.segments):
            if seg.id != i:
                raise InvariantError(f"segment ids must be 0..n-1 in order; found {seg.id} at {i}")
            if seg.end > duration + TIME_TOLERANCE:
                raise InvariantError(
                    f"segment {seg.id} ends at {seg.end:.3f} s, after the recording ({duration:.3f} s)")
            if i and seg.start < self.segments[i - 1].start:
                raise InvariantError(f"segment {seg.id} starts before segment {seg.id - 1}")
            if seg.speaker is not None and seg.speaker not in ids:
                raise InvariantError(f"segment {seg.id}: unknown speaker {seg.speaker!r}")
        for ent in self.entities:
            if not 0 <= ent.segment < len(self.segments):
                raise InvariantError(f"entity {ent.text!r}: no segment {ent.segment}")
            if self.segments[ent.segment].text[ent.char_start:ent.char_end] != ent.text:
                raise InvariantError(f"entity {ent.text!r}: offsets do not point at its text")

    def speaker_label(self, speaker_id: str | None) -> str | None:
        for s in self.speakers:
            if s.id == speaker_id:
                return s.label
        return None

    def entity_index(self) -> list[dict[str, Any]]:
        """Each distinct entity once, with every occurrence (time, speaker, segment): the index
        archivists otherwise build by hand."""
        index: dict[tuple[str, str], dict[str, Any]] = {}
        for e in self.entities:
            key = (e.normalized if e.label != "DATE" and e.normalized else e.text, e.label)
            entry = index.setdefault(key, {"entity": key[0], "label": e.label, "normalized": e.normalized,
                                           "reading": e.reading, "romanized": e.romanized, "occurrences": []})
            entry["occurrences"].append({"segment": e.segment, "text": e.text, "start": e.start, "end": e.end,
                                         "speaker": self.segments[e.segment].speaker,
                                         "char_start": e.char_start, "char_end": e.char_end})
        return sorted(index.values(), key=lambda x: (x["label"], x["occurrences"][0]["start"]))

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    # --- serialization -------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            # optional recording fields are left out rather than null (the schema types them strictly)
            "recording": {k: v for k, v in asdict(self.recording).items() if v is not None},
            "speakers": [asdict(s) for s in self.speakers],
            "segments": [segment_to_dict(s) for s in self.segments],
            "entities": [entity_to_dict(e) for e in self.entities],
            "gaps": [asdict(g) for g in self.gaps],
            "turns": [asdict(t) for t in self.turns],
            "entity_index": self.entity_index(),
            "provenance": self.provenance,
            **({"metadata": self.metadata.to_dict()} if self.metadata.to_dict() else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Transcript":
        if data.get("schema") != SCHEMA_ID:
            raise InvariantError(f"not a {SCHEMA_ID} document (schema is {data.get('schema')!r})")
        return cls(
            recording=_build(Recording, data["recording"]),
            speakers=tuple(_build(Speaker, s) for s in data.get("speakers", ())),
            segments=tuple(segment_from_dict(s) for s in data.get("segments", ())),
            entities=tuple(_build(Entity, e) for e in data.get("entities", ())),
            gaps=tuple(_build(Gap, g) for g in data.get("gaps", ())),
            provenance=data.get("provenance", {}),
            turns=tuple(_build(Turn, t) for t in data.get("turns", ())),
            metadata=Metadata.from_dict(data.get("metadata") or {}),
        )


def _build(cls, data: dict[str, Any]):
    """Build a dataclass from a dict, ignoring fields a newer producer may have added."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """An entity's fields; `inferred` only where something was inferred (files made before it had
    none, and stay byte for byte the same)."""
    d = asdict(entity)
    if d["inferred"] is None:
        del d["inferred"]
    return d


def segment_to_dict(seg: Segment) -> dict[str, Any]:
    d = asdict(seg)
    d["words"] = [asdict(w) for w in seg.words]
    d["flags"] = list(seg.flags)
    d["corrections"] = list(seg.corrections)
    d["glossary_checks"] = [dict(c) for c in seg.glossary_checks]
    return d


def segment_from_dict(data: dict[str, Any]) -> Segment:
    words = tuple(_build(Word, w) for w in data.get("words", ()))
    return _build(Segment, {**data, "words": words, "flags": tuple(data.get("flags", ())),
                             "corrections": tuple(data.get("corrections", ())),
                             "glossary_checks": tuple(data.get("glossary_checks", ()))})


def renumber(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Sort segments by time and give them ids 0..n-1."""
    ordered = sorted(segments, key=lambda s: (s.start, s.end))
    return tuple(replace(s, id=i) for i, s in enumerate(ordered))


def spread(start: float, end: float, n: int) -> list[float]:
    """The n + 1 moments that share [start, end] evenly among n characters: character i lasts from
    moments[i] to moments[i + 1]. The one way a word's time is given to its characters (language
    layer, subtitle layout, corrections), so that they all agree to the last bit."""
    step = (end - start) / n if n else 0.0
    return [start + i * step for i in range(n + 1)]
