"""The forms a name is searched by: its text, normal form, reading (katakana or hiragana), romanization
and, for places written in kanji, pinyin (Western literature writes 撫順 as Fushun, not Bujun)."""
from __future__ import annotations

import unicodedata

from ..transcript import Entity

PINYIN_LABELS = ("PLACE", "ORG")  # Chinese places and institutions of the Manchukuo years, by their pinyin


def fold(text: str) -> str:
    """One spelling for comparison: NFKC, case folded, macrons and accents off Latin letters (Sō = so),
    katakana as hiragana, no spaces or separators."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for c in text:
        if c.isascii() or not ("\u00c0" <= c <= "\u024f"):
            out.append(c)
        else:  # a Latin letter with a mark: keep the letter (ū -> u); kana keep their dakuten
            out.append("".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d)))
    folded = "".join(out)
    folded = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded)
    return "".join(c for c in folded if c not in " \u3000・･-'’.")


def entity_forms(entity: Entity) -> set[str]:
    """Every folded form that should find this entity."""
    forms = {entity.text, entity.normalized or "", entity.reading or "", entity.romanized or ""}
    if entity.label in PINYIN_LABELS and _all_kanji(entity.text):
        forms |= _pinyin(entity.text)
    return {f for f in map(fold, forms) if f}


def _all_kanji(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in text)


def _pinyin(text: str) -> set[str]:
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:  # optional: names are still found by their Japanese forms
        return set()
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    joined = "".join(syllables)
    return {joined, joined.replace("v", "u"), joined.replace("v", "ü")} if joined else set()
