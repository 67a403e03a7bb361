"""Subtitle cue layout after the Netflix Japanese Timed Text Style Guide.

Lines break after punctuation or between phrases (bunsetsu, from SudachiPy's morphemes), never
inside a word; each cue holds one speaker, lasts between the minimum and maximum duration and
never overlaps another. Times are handled in integer milliseconds so that rounding cannot break a rule.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..options import SubtitleOptions
from ..transcript import Segment, Transcript, spread

SENTENCE_END = "。！？!?"
BREAK_AFTER = SENTENCE_END + "、，,．.…」』）)"
FUNCTION_POS = {"助詞", "助動詞", "補助記号", "接尾辞", "空白"}
OPENING = "「『（(［[〈《【"  # an opening bracket leans on what follows: ［|非公開］ never breaks
PAUSE_SPLIT = 1.5  # seconds of silence inside a segment that end a cue


@dataclass
class Cue:
    start: int  # milliseconds
    end: int
    lines: list[str]
    speaker: str | None


@dataclass(frozen=True)
class Unit:
    """A phrase: the smallest piece a line may hold; never split unless wider than a line."""

    text: str
    start: int
    end: int


def char_width(ch: str) -> float:
    """Full-width characters count 1, half-width 0.5 (Netflix counting)."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("F", "W", "A") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


def _morphemes(text: str) -> list[tuple[int, bool]]:
    """(start offset, is a function word) for each morpheme: particles, auxiliaries, suffixes,
    punctuation, and dependent verbs after a verb or te-form (して|いる) lean on what precedes."""
    from ..nlp.morph import morphemes
    out = []
    prev: list[str] = []
    for m in morphemes(text):
        pos = m.pos.split("-")
        dependent = pos[1:2] == ["非自立可能"] and pos[0] in ("動詞", "形容詞") and (
            prev[:1] in (["動詞"], ["助動詞"]) or prev[1:2] == ["接続助詞"])
        opening = pos[1:2] == ["括弧開"]
        out.append((m.begin, (pos[0] in FUNCTION_POS and not opening) or dependent))
        prev = pos
    return out


def phrase_bounds(text: str) -> list[int]:
    """Char offsets where a new phrase (bunsetsu) may start: after punctuation or a space, or
    where a content word follows a function word."""
    bounds = []
    prev_function = False
    for begin, is_function in _morphemes(text):
        if begin and text[begin - 1] not in OPENING and (
                (prev_function and not is_function) or text[begin - 1] in BREAK_AFTER or text[begin - 1].isspace()):
            bounds.append(begin)
        prev_function = is_function
    return bounds


def word_bounds(text: str) -> list[int]:
    """Bounds inside a phrase, before content words only (撫順|戦犯|管理所), never before まし|た."""
    return [begin for begin, is_function in _morphemes(text) if begin and not is_function and text[begin - 1] not in OPENING]


def char_times(segment: Segment) -> list[tuple[int, int]]:
    """Each character's time span in ms, spreading a word's span evenly across its characters."""
    if not segment.words:
        moments = spread(segment.start, segment.end, max(len(segment.text), 1))
        return [(round(moments[i] * 1000), round(moments[i + 1] * 1000)) for i in range(len(segment.text))]
    times: list[tuple[int, int]] = []
    for w in segment.words:
        moments = [round(t * 1000) for t in spread(w.start, w.end, len(w.text))]
        times += zip(moments, moments[1:])
    return times


def units_of(segment: Segment, options: SubtitleOptions) -> list[Unit]:
    text = segment.text
    if not text.strip():
        return []
    times = char_times(segment)
    cuts = [0, *phrase_bounds(text), len(text)]
    units: list[Unit] = []
    for a, b in zip(cuts, cuts[1:]):
        for lo, hi in _fit(text, a, b, options.max_line_chars):
            piece = text[lo:hi]
            if piece.strip():
                units.append(Unit(piece, times[lo][0], times[hi - 1][1]))
    return units


def _fit(text: str, a: int, b: int, width: float) -> list[tuple[int, int]]:
    """Split text[a:b] into spans no wider than a line: at word bounds, characters as a last resort."""
    if text_width(text[a:b].strip()) <= width:
        return [(a, b)]
    inner = [x for x in word_bounds(text[a:b])]
    cuts = [a] + [a + x for x in inner] + [b]
    spans: list[tuple[int, int]] = []
    start = a
    for prev, cut in zip(cuts, cuts[1:]):
        if text_width(text[start:cut].strip()) > width and prev > start:
            spans.append((start, prev))
            start = prev
    spans.append((start, b))
    out = []
    for lo, hi in spans:  # a single word wider than a line: break it by characters
        while text_width(text[lo:hi].strip()) > width:
            cut, w = lo, 0.0
            while cut < hi and w + char_width(text[cut]) <= width:
                w += char_width(text[cut])
                cut += 1
            out.append((lo, cut))
            lo = cut
        out.append((lo, hi))
    return out


def wrap(units: list[Unit], options: SubtitleOptions) -> list[str] | None:
    """Lay phrases into at most max_lines lines, breaking after punctuation where possible,
    otherwise as evenly as possible; None when they do not fit."""
    texts = [u.text for u in units]
    best: tuple[tuple, list[str]] | None = None

    def consider(lines: list[str]) -> None:
        nonlocal best
        if any(text_width(l) > options.max_line_chars for l in lines):
            return
        punct_breaks = sum(1 for l in lines[:-1] if l and l[-1] in BREAK_AFTER)
        score = (len(lines), -punct_breaks, max(text_width(l) for l in lines))
        if best is None or score < best[0]:
            best = (score, lines)

    joined = "".join(texts).strip()
    consider([joined])
    if options.max_lines >= 2:
        for i in range(1, len(texts)):
            lines = ["".join(texts[:i]).strip(), "".join(texts[i:]).strip()]
            if all(lines):
                consider(lines)
        if best is None and options.max_lines > 2:
            best = _greedy(texts, options)
    return best[1] if best else None


def _greedy(texts: list[str], options: SubtitleOptions):
    lines = [""]
    for t in texts:
        if lines[-1] and text_width((lines[-1] + t).strip()) > options.max_line_chars:
            lines.append("")
        lines[-1] += t
    lines = [l.strip() for l in lines]
    if len(lines) <= options.max_lines and all(text_width(l) <= options.max_line_chars for l in lines):
        return ((len(lines),), lines)
    return None


def segment_cues(segment: Segment, options: SubtitleOptions) -> list[Cue]:
    max_ms = round(options.max_duration * 1000)
    cues: list[Cue] = []
    current: list[Unit] = []

    def close() -> None:
        if current:
            lines = wrap(current, options) or [u.text.strip() for u in current]
            cues.append(Cue(current[0].start, current[-1].end, lines, segment.speaker))
            current.clear()

    for unit in units_of(segment, options):
        if current:
            too_long = unit.end - current[0].start > max_ms
            paused = unit.start - current[-1].end > PAUSE_SPLIT * 1000
            if too_long or paused or wrap(current + [unit], options) is None:
                close()
        current.append(unit)
        if unit.text.rstrip()[-1:] in SENTENCE_END:
            close()
    close()
    return cues


def layout(transcript: Transcript, options: SubtitleOptions) -> list[Cue]:
    """All cues of a transcript, timed to obey the duration and no-overlap rules."""
    cues = [c for seg in transcript.segments for c in segment_cues(seg, options)]
    cues.sort(key=lambda c: (c.start, c.end))
    return fix_timing(cues, options, round(transcript.recording.duration * 1000))


def fix_timing(cues: list[Cue], options: SubtitleOptions, total_ms: int) -> list[Cue]:
    min_ms = math.ceil(options.min_duration * 1000)
    max_ms = math.floor(options.max_duration * 1000)
    total_ms = max(total_ms, cues[-1].end if cues else 0)
    for c in cues:
        c.end = min(max(c.end, c.start), c.start + max_ms)
    for a, b in zip(cues, cues[1:]):  # no overlap: the earlier cue gives way
        a.end = min(a.end, b.start)
    for i, c in enumerate(cues):
        prev_end = cues[i - 1].end if i else 0
        next_start = cues[i + 1].start if i + 1 < len(cues) else total_ms
        if c.end - c.start < min_ms:
            c.end = min(next_start, c.start + min_ms)
        if c.end - c.start < min_ms:
            c.start = max(prev_end, c.end - min_ms)
        if c.end - c.start < min_ms and i + 1 < len(cues):  # borrow from a long enough next cue
            nxt = cues[i + 1]
            need = min_ms - (c.end - c.start)
            if nxt.end - nxt.start - need >= min_ms:
                nxt.start += need
                c.end += need
        if c.end - c.start < min_ms and i:  # or from the previous one
            prv = cues[i - 1]
            need = min_ms - (c.end - c.start)
            if prv.end - prv.start - need >= min_ms:
                prv.end -= need
                c.start -= need
    return cues
