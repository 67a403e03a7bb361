"""Assembly: the recogniser's words and the diarizer's turns become one transcript's segments.

Every word gets the speaker whose turn covers the end of it; a segment is split wherever the
speaker changes, at the best place nearby (punctuation, else the widest pause, never inside a
word); segments with another voice underneath are flagged as overlap. This works on transcript
segments, so it lives above both asr and diarize, and below the language layer.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from .transcript import Segment, Turn, Word, renumber

BOUNDARY_SEARCH = 3  # words either side of a change where the cut may move to the widest pause
WORD_CORE = 0.4      # seconds at the end of a word that decide its speaker
MIN_OVERLAP = 0.2    # seconds of another speaker's speech inside a segment that flag it "overlap"

WordStarts = Callable[[str], Iterable[int]]  # text -> char offsets where its words begin


def speaker_at(start: float, end: float, turns: list[Turn]) -> str | None:
    """The speaker whose turns overlap [start, end] most; the nearest turn's when none overlaps."""
    best, best_overlap = None, 0.0
    for t in turns:
        overlap = min(end, t.end) - max(start, t.start)
        if overlap > best_overlap:
            best, best_overlap = t.speaker, overlap
    if best is not None:
        return best
    mid = (start + end) / 2
    nearest = min(turns, key=lambda t: min(abs(mid - t.start), abs(mid - t.end)), default=None)
    return nearest.speaker if nearest else None


def assign_speakers(segments: Iterable[Segment], turns: list[Turn], word_starts: WordStarts) -> tuple[Segment, ...]:
    """Give every word a speaker and split segments at each change, never inside a word:
    `word_starts(text)` gives the offsets where the text's words begin (the language layer's
    morphemes, handed in by the runner so that assembly does not reach up into nlp)."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.words:
            out.append(replace(seg, speaker=speaker_at(seg.start, seg.end, turns)))
            continue
        # a word's end is reliable, its start often is not: Whisper lets the first word of a
        # segment begin in the silence before it, so only a word's last WORD_CORE seconds count
        labels = [speaker_at(max(w.start, w.end - WORD_CORE), w.end, turns) for w in seg.words]
        for words, speaker in _runs(list(seg.words), labels, _cuttable(seg, word_starts)):
            out.append(_segment(words, speaker, seg.flags))
    return renumber(out)


def _cuttable(seg: Segment, word_starts: WordStarts) -> set[int]:
    """Token indices where a segment may be cut: where a word (a morpheme) begins."""
    starts = set(word_starts(seg.text))
    out, pos = set(), 0
    for i, w in enumerate(seg.words):
        if pos in starts:
            out.add(i)
        pos += len(w.text)
    return out


def _runs(words: list[Word], labels: list[str | None], cuttable: set[int]) -> list[tuple[list[Word], str | None]]:
    """Consecutive words of one speaker; each cut moved to the best place near the change: after
    punctuation, else at the widest pause, and never inside a word split into several ASR tokens."""
    cuts = [i for i in range(1, len(words)) if labels[i] != labels[i - 1]]
    moved: list[int] = []
    for c in cuts:
        lo = max(c - BOUNDARY_SEARCH, moved[-1] + 1 if moved else 1)
        hi = min(len(words) - 1, c + BOUNDARY_SEARCH)
        options = [i for i in range(lo, hi + 1) if i in cuttable] or list(range(lo, hi + 1))
        if not options:
            continue
        moved.append(max(options, key=lambda i: (_marked_break(words[i - 1], words[i]),
                                                 words[i].start - words[i - 1].end, -abs(i - c))))
    bounds = [0, *moved, len(words)]
    runs = []
    for a, b in zip(bounds, bounds[1:]):
        if a < b:
            chunk = labels[a:b]
            speaker = max(sorted(set(chunk), key=str), key=lambda s: sum(w.end - w.start + 1e-3 for w, l in zip(words[a:b], chunk) if l == s))
            runs.append((words[a:b], speaker))
    merged: list[tuple[list[Word], str | None]] = []
    for words_, speaker in runs:  # two runs that ended with one speaker join again
        if merged and merged[-1][1] == speaker:
            merged[-1] = (merged[-1][0] + words_, speaker)
        else:
            merged.append((words_, speaker))
    return merged


def _marked_break(before: Word, after: Word) -> bool:
    """The recogniser marked a break here: punctuation, or a space (how Whisper separates sentences)."""
    return before.text[-1:] in "、。，．！？!?,. " or after.text[:1].isspace()


def _segment(words: list[Word], speaker: str | None, flags: tuple[str, ...]) -> Segment:
    first = words[0]
    if first.text != first.text.lstrip():
        words = [replace(first, text=first.text.lstrip()), *words[1:]]
    words = [w for w in words if w.text]
    return Segment(id=0, start=words[0].start, end=max(w.end for w in words), text="".join(w.text for w in words),
                   words=tuple(words), speaker=speaker, flags=flags)


def flag_overlaps(segments: Iterable[Segment], turns: list[Turn], min_overlap: float = MIN_OVERLAP) -> tuple[Segment, ...]:
    """Mark segments during which another speaker talks for at least `min_overlap` seconds."""
    return tuple(replace(s, overlap=s.overlap or any(
        t.speaker != s.speaker and min(s.end, t.end) - max(s.start, t.start) >= min_overlap for t in turns))
        for s in segments)


def carve(turns: Iterable[Turn], start: float, end: float) -> list[Turn]:
    """The turns with start..end taken out of them (a turn across it is cut in two)."""
    out = []
    for t in turns:
        if t.end <= start or t.start >= end:
            out.append(t)
            continue
        if t.start < start:
            out.append(Turn(t.start, start, t.speaker))
        if t.end > end:
            out.append(Turn(end, t.end, t.speaker))
    return out


def corrected_turns(turns: list[Turn], before: Iterable[Segment], after: Iterable[Segment]) -> tuple[Turn, ...]:
    """Who spoke when after an archivist's speaker corrections: the diarizer's turns, except that a
    line given another speaker is that speaker's over its time, and a deleted line's time is no
    one's. Speech without text keeps the diarizer's speaker."""
    after = list(after)
    turns = list(turns)
    kept = sorted((s.start, s.end) for s in after)
    for seg in before:  # time of a line no corrected line covers any more: deleted
        cursor = seg.start
        for a, b in kept:
            if b <= cursor or a >= seg.end:
                continue
            if a > cursor:
                turns = carve(turns, cursor, a)
            cursor = max(cursor, b)
        if cursor < seg.end:
            turns = carve(turns, cursor, seg.end)
    for seg in after:
        if seg.speaker and seg.end > seg.start and speaker_at(seg.start, seg.end, turns) != seg.speaker:
            turns = carve(turns, seg.start, seg.end) + [Turn(seg.start, seg.end, seg.speaker)]
    merged: list[Turn] = []
    for t in sorted(turns, key=lambda t: (t.start, t.end)):
        if merged and merged[-1].speaker == t.speaker and t.start <= merged[-1].end + 1e-6:
            merged[-1] = Turn(merged[-1].start, max(merged[-1].end, t.end), t.speaker)
        else:
            merged.append(t)
    return tuple(merged)
