"""Glossary correction by reading: where the transcript *sounds* like a glossary term, write the term.

Whisper base hears 撫順 and writes 武順, ふるみただゆき for 古海忠之, よく理由 for 抑留. Each glossary
term's kana reading (given, or from SudachiPy) is compared with the readings of runs of morphemes in
the transcript. A run is rewritten when its reading matches exactly, or nearly (a small edit
distance on long readings), and it is not an ordinary dictionary word that merely sounds alike
(a single kanji word such as 武術 or 不順 is left alone).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance.Levenshtein import distance as edit_distance

from ..glossary import GlossaryTerm
from .morph import Morpheme, morphemes
from .romaji import to_katakana

MIN_READING = 3        # kana: shorter terms are too easily heard by chance
NEAR_MIN_READING = 4   # kana: only readings at least this long may match with an edit
NEAR_RATE = 0.2        # edits allowed per kana of the term's reading (at least 1)
MAX_RUN = 6            # morphemes in one candidate run
_SMALL = str.maketrans("ァィゥェォャュョヮ", "アイウエオヤユヨワ")


def normalize_reading(kana: str) -> str:
    """Katakana with small vowels/yōon made large and long-vowel marks dropped: ヨクリュウ ≈ ヨクリユウ."""
    kana = to_katakana(unicodedata.normalize("NFKC", kana))
    return kana.translate(_SMALL).replace("ー", "").replace("ヅ", "ズ").replace("ヂ", "ジ").replace("ヲ", "オ")


def term_reading(term: GlossaryTerm) -> str:
    if term.reading:
        return normalize_reading(term.reading.replace(" ", ""))
    return normalize_reading("".join(m.reading for m in morphemes(term.text)))


@dataclass(frozen=True)
class Correction:
    begin: int
    end: int
    heard: str     # what the ASR wrote
    term: str      # the glossary surface written instead
    distance: int  # edits between the readings


def _ordinary_word(run: list[Morpheme]) -> bool:
    """One known dictionary word written with kanji (not a name): a homophone, not a mishearing."""
    if len(run) != 1:
        return False
    m = run[0]
    return _has_kanji(m.text) and not m.oov and "固有名詞" not in m.pos


FUNCTION_POS = ("助詞", "助動詞", "補助記号", "空白")


def _has_kanji(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _is_function(m: Morpheme) -> bool:
    return m.pos.startswith(FUNCTION_POS)


NAME_LABELS = ("PERSON", "PLACE", "ORG")


def _is_name(term: GlossaryTerm) -> bool:
    if term.label:
        return term.label in NAME_LABELS
    return any("固有名詞" in m.pos for m in morphemes(term.text))


def _misheard(run: list[Morpheme], after: Morpheme | None) -> bool:
    """Evidence that a run of words is a mishearing, not what was said: an unknown word, a name,
    kana only (how Whisper writes a name it does not know), or a noun conjugated with する that
    cannot take it (よく理由されて)."""
    if any(m.oov or "固有名詞" in m.pos for m in run):
        return True
    if not any(_has_kanji(m.text) for m in run):
        return True
    suru = after is not None and after.pos.startswith("動詞") and after.text[:1] in "しさすせ"
    return suru and "サ変" not in run[-1].pos


def find_corrections(text: str, glossary: tuple[GlossaryTerm, ...]) -> list[Correction]:
    """Non-overlapping corrections for `text`, best first (exact before near, longer before shorter)."""
    terms = [(t, term_reading(t), _is_name(t)) for t in glossary]
    terms = [(t, r, name) for t, r, name in terms if len(r) >= MIN_READING]
    if not terms:
        return []
    morphs = morphemes(text)
    candidates: list[tuple[tuple, Correction]] = []
    for i in range(len(morphs)):
        reading = ""
        for j in range(i, min(i + MAX_RUN, len(morphs))):
            if morphs[j].pos.startswith(("補助記号", "空白")):
                break
            reading += normalize_reading(morphs[j].reading)
            run = morphs[i:j + 1]
            surface = text[run[0].begin:run[-1].end]
            if _is_function(run[0]) or _is_function(run[-1]):
                continue  # a run starts and ends on content: 周恩来の is not a mishearing of 周恩来
            after = morphs[j + 1] if j + 1 < len(morphs) else None
            for term, target, is_name in terms:
                if surface == term.text or abs(len(reading) - len(target)) > 2:
                    continue
                distance = edit_distance(reading, target)
                allowed = max(1, int(len(target) * NEAR_RATE)) if len(target) >= NEAR_MIN_READING else 0
                if distance > allowed or _ordinary_word(run):
                    continue
                if distance and not any(m.oov or _has_kanji(m.text) for m in run):
                    continue  # known words in kana, a sound off (ふじゅん), are those words
                if not is_name and not _misheard(run, after):
                    continue  # an ordinary phrase that sounds like a common term (よく理由がわからない)
                if distance and len(reading) < len(target) and any(
                        0 <= k < len(morphs) and not _is_function(morphs[k]) for k in (i - 1, j + 1)):
                    continue  # the missing sound is likely in the neighbour (武|順戦犯管理所): no partial fix
                if distance and all(not m.oov and "固有名詞" not in m.pos and m.pos.startswith(("名詞", "動詞"))
                                    and _has_kanji(m.text) for m in run) and len(run) > 1:
                    continue  # near match of ordinary kanji words only (天候不順): leave it
                rank = (distance, -len(target), i)
                candidates.append((rank, Correction(run[0].begin, run[-1].end, surface, term.text, distance)))
    chosen: list[Correction] = []
    for _, c in sorted(candidates, key=lambda x: x[0]):
        if all(c.end <= o.begin or c.begin >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.begin)
