"""Readings compared as morae, the way a listener hears them.

キョウ and キョー and キョ are one long or short syllable; ズ and ス differ by voicing only; ッ is a
pause. A recogniser that mishears a name gets exactly these wrong, so they count as small edits
(SMALL_EDIT morae), while a different mora counts one.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .romaji import to_katakana

SMALL_EDIT = 0.5   # morae: a voicing difference, a long vowel or a geminate (ッ) more or less
SAME = 0.0
_SMALL_KANA = set("ァィゥェォャュョヮ")
_LONG_AFTER = {"ア": "ア", "イ": "イエ", "ウ": "ウオ", "エ": "エ", "オ": "オ"}  # which vowels a mora may lengthen
_VOWEL_ROWS = {
    "ア": "アカサタナハマヤラワガザダバパャ", "イ": "イキシチニヒミリギジヂビピ",
    "ウ": "ウクスツヌフムユルグズヅブプュ", "エ": "エケセテネヘメレゲゼデベペ", "オ": "オコソトノホモヨロヲゴゾドボポョ",
}
_VOWEL = {k: v for v, ks in _VOWEL_ROWS.items() for k in ks}
_EQUAL = str.maketrans("ヅヂヲ", "ズジオ")


def kana(text: str) -> str:
    """Katakana, NFKC, without spaces or punctuation."""
    text = to_katakana(unicodedata.normalize("NFKC", text))
    return "".join(c for c in text if "\u30a1" <= c <= "\u30ff")


def morae(reading: str) -> list[str]:
    """Split a reading into morae: キョ, ウ, ッ, ン, ー each count one."""
    return list(_morae(reading))  # glossary matching asks for the same readings thousands of times


def _split_morae(reading: str) -> list[str]:
    out: list[str] = []
    for c in kana(reading).translate(_EQUAL):
        if c in _SMALL_KANA and out and out[-1] not in "ーッン":
            out[-1] += c
        else:
            out.append(c)
    return out


def _vowel(mora: str) -> str:
    return _VOWEL.get(mora[-1], "") if mora else ""


@lru_cache(maxsize=1 << 16)
def _unvoiced(mora: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", mora) if c not in "\u3099\u309a")


@lru_cache(maxsize=1 << 16)
def _lengthens(prev: str, mora: str) -> bool:
    """`mora` only lengthens the vowel before it (ー, or オウ/エイ style vowels)."""
    if mora == "ー":
        return True
    v = _vowel(prev)
    return bool(v) and mora in _LONG_AFTER and v in _LONG_AFTER[mora]


@lru_cache(maxsize=1 << 16)
def _indel(prev: str, mora: str) -> float:
    return SMALL_EDIT if mora == "ッ" or _lengthens(prev, mora) else 1.0


@lru_cache(maxsize=1 << 16)  # a few hundred morae: the same pairs come back all the time
def _substitute(a: str, b: str, prev_a: str, prev_b: str) -> float:
    if a == b:
        return SAME
    if _unvoiced(a) == _unvoiced(b):
        return SMALL_EDIT  # voicing: ス/ズ, ハ/バ/パ
    if _lengthens(prev_a, a) and _lengthens(prev_b, b):
        return SAME  # ウ for ー (キョウ = キョー)
    return 1.0


_LARGE = str.maketrans("ァィゥェォャュョヮ", "アイウエオヤユヨワ")


@lru_cache(maxsize=1 << 16)
def _split_yoon(one: str, first: str, second: str) -> bool:
    """キョ heard as キ|ヨ (リュウ as リユウ): one mora written as two."""
    return len(one) == 2 and one[0] == first and one[1].translate(_LARGE) == second


@lru_cache(maxsize=1 << 16)  # glossary matching: the same run readings meet the same terms turn after turn
def mora_distance(a: str, b: str, limit: float | None = None) -> float:
    """Weighted edit distance between two readings, in morae. With `limit`, a distance above it is
    not counted to the end: the count stops once two rows of the table lie wholly above it (every
    path goes on through one of them, and no edit costs less than nothing) and returns infinity."""
    x, y = _morae(a), _morae(b)
    if limit is not None and max(_least_cost(x, b), _least_cost(y, a)) > limit:
        return float("inf")  # most runs a glossary meets lie far from every term: no table for them
    d = [[0.0] * (len(y) + 1) for _ in range(len(x) + 1)]
    for j in range(1, len(y) + 1):
        d[0][j] = d[0][j - 1] + _indel(y[j - 2] if j > 1 else "", y[j - 1])
    for i in range(1, len(x) + 1):
        px = x[i - 2] if i > 1 else ""
        d[i][0] = d[i - 1][0] + _indel(px, x[i - 1])
        for j in range(1, len(y) + 1):
            py = y[j - 2] if j > 1 else ""
            best = min(d[i - 1][j] + _indel(px, x[i - 1]), d[i][j - 1] + _indel(py, y[j - 1]),
                       d[i - 1][j - 1] + _substitute(x[i - 1], y[j - 1], px, py))
            if j > 1 and _split_yoon(x[i - 1], y[j - 2], y[j - 1]):
                best = min(best, d[i - 1][j - 2] + SMALL_EDIT)
            if i > 1 and _split_yoon(y[j - 1], x[i - 2], x[i - 1]):
                best = min(best, d[i - 2][j - 1] + SMALL_EDIT)
            d[i][j] = best
        if limit is not None and min(d[i]) > limit and min(d[i - 1]) > limit:
            return float("inf")
    return d[-1][-1]


def _least_cost(x: tuple[str, ...], other: str) -> float:
    """A lower bound of mora_distance: what each mora of `x` costs at the least, whatever the edit that
    takes it (the same mora in `other`: nothing; a long vowel: maybe nothing; its voicing or ッ: half;
    half of one mora written as two, ョ for ヨ, shared by the two: a quarter; else one)."""
    same, unvoiced, halves = _kinds(other)
    cost = 0.0
    for m in x:
        if m in same or m == "ー" or m in _LONG_AFTER:
            continue
        c = 0.25 if m in halves else 0.5 if m == "ッ" or _unvoiced(m) in unvoiced or (
            len(m) == 2 and m[0] in same and m[1].translate(_LARGE) in same) else 1.0
        cost += c
    return cost


@lru_cache(maxsize=1 << 14)
def _kinds(reading: str) -> tuple[frozenset, frozenset, frozenset]:
    """The morae of `reading`, their unvoiced forms, and the halves of its morae written as two (キ, ヨ of キョ)."""
    y = _morae(reading)
    halves = {h for m in y if len(m) == 2 for h in (m[0], m[1].translate(_LARGE))}
    return frozenset(y), frozenset(_unvoiced(m) for m in y), frozenset(halves)


@lru_cache(maxsize=1 << 14)
def _morae(reading: str) -> tuple[str, ...]:
    return tuple(_split_morae(reading))
