"""Corrections teach the collection: an archivist's edit that writes a name where the recogniser
heard something else (ふるみただゆき -> 古海忠之, 古見忠之 -> 古海忠之) becomes a lesson, a
(heard -> term, label, reading) line of the learned glossary (pipeline/glossary.py)."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .glossary_fix import _reading
from .labels import NAME_SUFFIXES, _term_label
from .morae import kana
from .morph import Morpheme, morphemes
from .romaji import to_katakana

MIN_TERM_CHARS = 2  # a one-character "name" teaches nothing safe
MAX_HEARD_RATIO = 2  # characters heard per character of the term (ふるみただゆき: 7 for 4), at most


@dataclass(frozen=True)
class Lesson:
    term: str
    label: str | None
    reading: str | None
    heard: str


def _is_noun(m: Morpheme) -> bool:
    return (m.pos.startswith(("名詞", "接尾辞-名詞的")) and not m.pos.startswith(("名詞-数詞", "名詞-代名詞"))
            and m.text not in NAME_SUFFIXES)


def _name_like(m: Morpheme) -> bool:
    return m.oov or "固有名詞" in m.pos


def _back(ops, pos: int, end: bool) -> int:
    """Where offset `pos` of the new text lies in the old one."""
    for tag, i1, i2, j1, j2 in ops:
        if j1 <= pos <= j2 and (tag == "equal" or pos in (j1, j2)):
            if tag == "equal":
                return i1 + pos - j1
            return i2 if (pos == j2 and (end or j1 == j2)) else i1
    return len(ops[-1]) and ops[-1][2]


def lessons(before: str, after: str, label: str | None = None) -> list[Lesson]:
    """What a text edit teaches: each changed stretch widened to the noun phrase holding it in the
    new text; kept where that phrase is name-like (a proper noun or unknown word, or a term whose
    suffix or GiNZA gives it a label)."""
    ops = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    words = morphemes(after)
    out: list[Lesson] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag not in ("replace", "insert") or j1 == j2:
            continue
        inside = [k for k, m in enumerate(words) if m.begin < j2 and j1 < m.end and _is_noun(m)]
        groups = [[k] for k in inside[:1]]
        for k in inside[1:]:
            if k == groups[-1][-1] + 1:
                groups[-1].append(k)
            else:
                groups.append([k])
        for group in groups:
            lesson = _lesson(before, after, ops, words, group[0], group[-1], label)
            if lesson and not (out and out[-1].term == lesson.term):
                out.append(lesson)
    return out


def _lesson(before: str, after: str, ops, words: list[Morpheme], a: int, b: int, label: str | None) -> Lesson | None:
    """The lesson of the noun run words[a..b] of the new text (widened to whole nouns), if name-like."""
    while a > 0 and _is_noun(words[a - 1]):
        a -= 1
    while b + 1 < len(words) and _is_noun(words[b + 1]):
        b += 1
    span = words[a:b + 1]
    begin, end = span[0].begin, span[-1].end
    term = after[begin:end]
    heard = before[_back(ops, begin, False):_back(ops, end, True)]
    own = label or _term_label(term)[0]
    if len(term) < MIN_TERM_CHARS or heard == term or not (any(_name_like(m) for m in span) or own):
        return None
    if len(heard) > MAX_HEARD_RATIO * len(term) + 2 or any(not c.isalnum() for c in heard):
        heard = ""  # a whole line rewritten: the name is learned, not what stood there
    # the reading: what was heard, when the recogniser wrote it in kana; else the dictionary's
    reading = kana(heard) if heard and kana(heard) == to_katakana(heard) else _reading(term)
    return Lesson(term, own, reading or None, heard)
