"""An archivist's edits, each a function over a draft of the transcript.

An edit names its segment by the segment's time and text when it was made (an anchor), never by
id: ids change when the pipeline runs again. Where the anchor still matches, an edit is `applied`;
where the segment changed underneath it, it is applied to the segment now at that time and the
segment is flagged `review`; where nothing can take it, it is `unresolved`: kept, and listed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any, Callable

from ..errors import EditError, InvariantError
from ..transcript import Entity, Segment, Speaker, Transcript, Word, spread

TIME_SLACK = 0.05  # seconds: an anchor matches a segment whose ends moved less than this
LABEL = re.compile(r"[A-Z][A-Z_]{1,19}")  # PERSON, PLACE, ORG, DATE, EVENT, WORK or another upper-case name
EDITED, REVIEW = "edited", "review"  # segment flags
ADDED_SPEAKER = "A"  # ids of speakers an archivist adds (A1, A2, ...): diarizers use S1, S2, ...


@dataclass
class Row:
    segment: Segment
    entities: list[Entity]


@dataclass
class Draft:
    """A transcript being edited: segments with their entities (offsets into the segment), speakers."""

    rows: list[Row]
    speakers: list[Speaker]

    @classmethod
    def of(cls, transcript: Transcript) -> "Draft":
        rows = [Row(s, []) for s in transcript.segments]
        for e in transcript.entities:
            rows[e.segment].entities.append(e)
        return cls(rows, list(transcript.speakers))

    def build(self, transcript: Transcript) -> Transcript:
        rows = sorted(self.rows, key=lambda r: r.segment.start)
        segments, entities = [], []
        for i, row in enumerate(rows):
            seg = replace(row.segment, id=i)
            segments.append(seg)
            for e in sorted(row.entities, key=lambda e: e.char_start):
                start, end = seg.span_of(e.char_start, e.char_end)
                entities.append(replace(e, segment=i, start=start, end=end))
        return replace(transcript, segments=tuple(segments), entities=tuple(entities), speakers=tuple(self.speakers))

    def speaker_ids(self) -> set[str]:
        return {s.id for s in self.speakers}


@dataclass(frozen=True)
class Outcome:
    status: str            # applied, review, unresolved
    reason: str = ""
    at: float | None = None  # where in the recording (seconds), for the review list


# --- anchors -----------------------------------------------------------------
def anchor(segment: Segment) -> dict[str, Any]:
    return {"start": segment.start, "end": segment.end, "text": segment.text}


def speaker_anchor(transcript: Transcript, speaker: str, most: int = 5) -> list[list[float]]:
    """The speaker's longest segments' times: how to find the same voice after diarization renames it."""
    mine = sorted((s for s in transcript.segments if s.speaker == speaker), key=lambda s: s.start - s.end)[:most]
    return [[s.start, s.end] for s in mine]


def locate(draft: Draft, where: dict[str, Any]) -> tuple[int | None, bool]:
    """The row the anchor names, and whether it is unchanged; else the row overlapping it most."""
    a, b, text = float(where["start"]), float(where["end"]), where.get("text")
    best, most = None, 0.0
    for i, row in enumerate(draft.rows):
        s = row.segment
        if s.text == text and abs(s.start - a) <= TIME_SLACK and abs(s.end - b) <= TIME_SLACK:
            return i, True
        overlap = min(s.end, b) - max(s.start, a)
        if overlap > most:
            best, most = i, overlap
    return best, False


def resolve_speaker(draft: Draft, speaker: str, spans: list[list[float]]) -> str | None:
    """The speaker now heard over `spans` (the voice the edit meant), else the id itself if known."""
    heard: dict[str, float] = {}
    for row in draft.rows:
        s = row.segment
        for a, b in spans:
            overlap = min(s.end, b) - max(s.start, a)
            if overlap > 0 and s.speaker:
                heard[s.speaker] = heard.get(s.speaker, 0.0) + overlap
    if heard:
        return max(heard, key=heard.get)
    return speaker if speaker in draft.speaker_ids() else None


def _target(draft: Draft, edit: dict[str, Any]) -> tuple[int, str, str]:
    """Row index, status and reason for an edit's segment; EditError when no segment is there."""
    where = edit.get("segment")
    if not isinstance(where, dict) or "start" not in where or "end" not in where:
        raise EditError("the edit names no segment")
    i, exact = locate(draft, where)
    if i is None:
        raise EditError(f"no segment at {where['start']:.2f}-{where['end']:.2f} s any more")
    if exact:
        return i, "applied", ""
    now = draft.rows[i].segment
    return i, "review", f"the segment changed since the edit: it read {where.get('text')!r}, now {now.text!r}"


def _flagged(segment: Segment, status: str) -> tuple[str, ...]:
    flags = set(segment.flags) | {EDITED}
    if status == REVIEW:
        flags.add(REVIEW)
    return tuple(sorted(flags))


# --- text ----------------------------------------------------------------------
def retimed_words(old: Segment, new: str) -> tuple[Word, ...]:
    """Morphemes of `new`, timed from the old words: unchanged characters keep their time, changed
    ones share the time of what they replace."""
    if not old.words:
        return (Word(new, old.start, old.end),)
    from ..nlp.morph import morphemes
    from ..nlp.timed import TimedText
    tt = TimedText.of_segments([old])
    for tag, i1, i2, j1, j2 in reversed(SequenceMatcher(None, old.text, new, autojunk=False).get_opcodes()):
        if tag != "equal":
            tt.replace(i1, i2, new[j1:j2])
    words = []
    for m in morphemes(new):
        a, b = tt.span(m.begin, m.end)
        words.append(Word(m.text, round(max(a, old.start), 3), round(min(b, old.end), 3), None,
                          m.reading or None, m.pos or None))
    if "".join(w.text for w in words) != new:
        return (Word(new, old.start, old.end),)
    return tuple(words)


def _moved(opcodes, pos: int, side: str, length: int) -> int:
    """Where offset `pos` of the old text lies in the new one (an entity's start or end)."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and (i1 <= pos < i2 or (side == "end" and i1 < pos <= i2)):
            return j1 + pos - i1
        if tag != "equal" and side == "start" and i1 <= pos < i2:
            return j1
        if tag != "equal" and side == "end" and i1 < pos <= i2:
            return j2
    return length if pos else 0


def _description(text: str, begin: int, end: int, label: str, fine: str | None):
    """Reading, romanization and ISO date of text[begin:end] as the language layer gives them."""
    from ..nlp.entities import describe
    from ..nlp.morph import morphemes
    return describe(text, tuple(morphemes(text)), begin, end, label, fine, None)


def _described(entity: Entity, text: str, begin: int, end: int) -> Entity:
    """The entity over text[begin:end]; its reading and normal form redone where its text changed."""
    if text[begin:end] == entity.text:
        return replace(entity, char_start=begin, char_end=end)
    found = _description(text, begin, end, entity.label, entity.fine_label)
    return replace(entity, text=text[begin:end], char_start=begin, char_end=end, normalized=found.normalized,
                   reading=found.reading, romanized=found.romanized, inferred=found.inferred)


def set_text(draft: Draft, edit: dict[str, Any]) -> Outcome:
    new = str(edit.get("text", "")).replace("\n", " ").strip()
    if not new:
        raise EditError("a segment's text cannot be empty: delete the segment instead")
    where = edit.get("segment") or {}
    try:
        i, status, reason = _target(draft, edit)
    except EditError:
        if "start" not in where:
            raise
        # nothing is heard there any more: the correction stands as a segment of its own, never lost
        a, b = float(where["start"]), float(where["end"])
        speaker = where.get("speaker") if where.get("speaker") in draft.speaker_ids() else None
        draft.rows.append(Row(Segment(0, a, b, new, (Word(new, a, b),), speaker, flags=(EDITED, REVIEW)), []))
        return Outcome(REVIEW, "the pipeline no longer finds speech here; the correction was kept as its own segment", a)
    row = draft.rows[i]
    old = row.segment
    if old.text == new:
        return Outcome("applied", "the text already reads so", old.start)
    opcodes = SequenceMatcher(None, old.text, new, autojunk=False).get_opcodes()
    entities = []
    for e in row.entities:
        begin, end = _moved(opcodes, e.char_start, "start", len(new)), _moved(opcodes, e.char_end, "end", len(new))
        if end > begin and new[begin:end].strip():
            entities.append(_described(e, new, begin, end))
    row.segment = replace(old, text=new, words=retimed_words(old, new), flags=_flagged(old, status),
                          asr_text=old.asr_text if old.asr_text is not None else old.text)
    row.entities = entities
    return Outcome(status, reason, old.start)


# --- speakers ------------------------------------------------------------------
def _edit_speaker(draft: Draft, edit: dict[str, Any]) -> str:
    """The speaker an edit means, adding one an archivist named where needed."""
    sid = str(edit.get("speaker") or "")
    found = resolve_speaker(draft, sid, edit.get("speaker_at") or [])
    if found:
        return found
    if sid.startswith(ADDED_SPEAKER) and edit.get("name"):
        draft.speakers.append(Speaker(sid, str(edit["name"]).strip()))
        return sid
    raise EditError(f"no speaker {sid!r} in this transcript")


def set_speaker(draft: Draft, edit: dict[str, Any]) -> Outcome:
    i, status, reason = _target(draft, edit)
    sid = _edit_speaker(draft, edit)
    row = draft.rows[i]
    row.segment = replace(row.segment, speaker=sid, flags=_flagged(row.segment, status))
    return Outcome(status, reason, row.segment.start)


def rename_speaker(draft: Draft, edit: dict[str, Any]) -> Outcome:
    sid = str(edit.get("speaker") or "")
    found = resolve_speaker(draft, sid, edit.get("speaker_at") or [])
    if found is None:
        raise EditError(f"no speaker {sid!r} in this transcript")
    name = str(edit.get("name") or "").strip() or None
    draft.speakers = [replace(s, name=name) if s.id == found else s for s in draft.speakers]
    if found != sid:
        return Outcome(REVIEW, f"the voice named {sid} is now {found}; the name went to {found}")
    return Outcome("applied")


# --- split, merge, delete --------------------------------------------------------
def _split_words(words: tuple[Word, ...], at: int) -> tuple[list[Word], list[Word]]:
    left, right, pos = [], [], 0
    for w in words:
        end = pos + len(w.text)
        if end <= at:
            left.append(w)
        elif pos >= at:
            right.append(w)
        else:  # the cut falls inside a word: its time is shared by its characters
            k = at - pos
            t = round(spread(w.start, w.end, len(w.text))[k], 3)
            left.append(Word(w.text[:k], w.start, t, w.probability))
            right.append(Word(w.text[k:], t, w.end, w.probability))
        pos = end
    return left, right


def split(draft: Draft, edit: dict[str, Any]) -> Outcome:
    i, status, reason = _target(draft, edit)
    row = draft.rows[i]
    seg = row.segment
    at = int(edit.get("at", 0))
    if status != "applied":  # find the same place in the changed text
        at = _moved(SequenceMatcher(None, edit["segment"]["text"], seg.text, autojunk=False).get_opcodes(),
                    at, "start", len(seg.text))
    if not 0 < at < len(seg.text):
        raise EditError(f"cannot split {seg.text!r} at character {at}: the cut must fall inside the text")
    for e in row.entities:
        if e.char_start < at < e.char_end:
            raise EditError(f"the cut falls inside the entity {e.text!r}: remove it first")
    if seg.words:
        left, right = _split_words(seg.words, at)
    else:
        t = round(spread(seg.start, seg.end, len(seg.text))[at], 3)
        left, right = [Word(seg.text[:at], seg.start, t)], [Word(seg.text[at:], t, seg.end)]
    flags = _flagged(seg, status)
    first = replace(seg, end=max(w.end for w in left), text=seg.text[:at], words=tuple(left), flags=flags)
    second = replace(seg, start=right[0].start, text=seg.text[at:], words=tuple(right), flags=flags, asr_text=None,
                     corrections=())
    moved = [replace(e, char_start=e.char_start - at, char_end=e.char_end - at)
             for e in row.entities if e.char_start >= at]
    row.segment, row.entities = first, [e for e in row.entities if e.char_end <= at]
    draft.rows.insert(i + 1, Row(second, moved))
    return Outcome(status, reason, seg.start)


def merge(draft: Draft, edit: dict[str, Any]) -> Outcome:
    """A segment and the one after it become one (the same speaker's)."""
    i, status, reason = _target(draft, edit)
    j, status_next, reason_next = _target(draft, {"segment": edit.get("next")})
    if j != i + 1:
        raise EditError("only a segment and the one right after it can be merged")
    a, b = draft.rows[i], draft.rows[j]
    if a.segment.speaker != b.segment.speaker:
        raise EditError("the two segments have different speakers: give them the same speaker first")
    if status_next != "applied":
        status, reason = status_next, reason or reason_next
    sa, sb = a.segment, b.segment
    heard = None
    if sa.asr_text is not None or sb.asr_text is not None:
        heard = (sa.asr_text if sa.asr_text is not None else sa.text) + (sb.asr_text if sb.asr_text is not None else sb.text)
    words = sa.words + sb.words if sa.words and sb.words else ()
    if not words and (sa.words or sb.words):  # one side has no timed words: one piece for the whole
        words = (Word(sa.text + sb.text, sa.start, max(sa.end, sb.end)),)
    a.segment = replace(sa, end=max(sa.end, sb.end), text=sa.text + sb.text, words=words,
                        overlap=sa.overlap or sb.overlap, flags=_flagged(replace(sa, flags=sa.flags + sb.flags), status),
                        asr_text=heard, corrections=sa.corrections + sb.corrections)
    shift = len(sa.text)
    a.entities += [replace(e, char_start=e.char_start + shift, char_end=e.char_end + shift) for e in b.entities]
    del draft.rows[j]
    return Outcome(status, reason, sa.start)


def delete(draft: Draft, edit: dict[str, Any]) -> Outcome:
    """Remove a segment (a hallucination, a line that is not speech): only the one the archivist saw."""
    i, status, _ = _target(draft, edit)
    if status != "applied":
        raise EditError("the segment changed since it was deleted; check it and delete it again if need be")
    del draft.rows[i]
    return Outcome("applied", "", float(edit["segment"]["start"]))


# --- entities --------------------------------------------------------------------
def _entity_span(draft: Draft, edit: dict[str, Any], i: int, status: str) -> tuple[int, int]:
    """Where the edit's entity text lies in the segment: its offsets, or (the segment having changed)
    the occurrence nearest to them."""
    text, begin, end = str(edit.get("text") or ""), int(edit.get("char_start", -1)), int(edit.get("char_end", -1))
    seg_text = draft.rows[i].segment.text
    if not text:
        raise EditError("the entity has no text")
    if 0 <= begin < end <= len(seg_text) and seg_text[begin:end] == text:
        return begin, end
    if status == "applied":
        raise EditError(f"characters {begin}-{end} of the segment do not read {text!r}")
    found = [m.start() for m in re.finditer(re.escape(text), seg_text)]
    if not found:
        raise EditError(f"{text!r} is no longer in the segment")
    k = min(found, key=lambda x: abs(x - begin))
    return k, k + len(text)


def add_entity(draft: Draft, edit: dict[str, Any]) -> Outcome:
    label = str(edit.get("label") or "")
    if not LABEL.fullmatch(label):
        raise EditError(f"entity label {label!r}: use PERSON, PLACE, ORG, DATE, EVENT, WORK or another upper-case name")
    i, status, reason = _target(draft, edit)
    begin, end = _entity_span(draft, edit, i, status)
    row = draft.rows[i]
    seg = row.segment
    found = _description(seg.text, begin, end, label, "archivist")
    entity = Entity(seg.text[begin:end], label, 0, begin, end, seg.start, seg.start, "archivist",
                    found.normalized, found.reading, found.romanized)  # times set when the draft is built
    row.entities = [e for e in row.entities if e.char_end <= begin or e.char_start >= end] + [entity]
    row.segment = replace(seg, flags=_flagged(seg, status))
    return Outcome(status, reason, seg.start)


def remove_entity(draft: Draft, edit: dict[str, Any]) -> Outcome:
    i, status, reason = _target(draft, edit)
    row = draft.rows[i]
    text, label, begin = edit.get("text"), edit.get("label"), int(edit.get("char_start", 0))
    same = [e for e in row.entities if e.text == text and (label is None or e.label == label)]
    if not same:
        if status == "applied":
            raise EditError(f"no entity {text!r} in that segment")
        return Outcome("applied", "the entity is no longer found there", row.segment.start)
    gone = min(same, key=lambda e: abs(e.char_start - begin))
    row.entities = [e for e in row.entities if e is not gone]
    row.segment = replace(row.segment, flags=_flagged(row.segment, status))
    return Outcome(status, reason, row.segment.start)


OPS: dict[str, Callable[[Draft, dict[str, Any]], Outcome]] = {
    "text": set_text, "speaker": set_speaker, "rename": rename_speaker, "split": split, "merge": merge,
    "delete": delete, "add_entity": add_entity, "remove_entity": remove_entity,
}


def apply_edit(draft: Draft, edit: dict[str, Any], strict: bool = False) -> Outcome:
    """Apply one edit to the draft. Strict (a new edit from the review page): anything short of a
    clean `applied` raises EditError (the caller then drops the draft)."""
    op = OPS.get(str(edit.get("op")))
    if op is None:
        raise EditError(f"unknown edit {edit.get('op')!r}; known: {', '.join(OPS)}")
    try:
        outcome = op(draft, edit)
    except (EditError, InvariantError) as e:  # an edit that would break the transcript's rules is refused too
        if strict:
            raise EditError(str(e)) from e
        return Outcome("unresolved", str(e), (edit.get("segment") or {}).get("start"))
    if strict and outcome.status != "applied":
        raise EditError(outcome.reason)
    return outcome
