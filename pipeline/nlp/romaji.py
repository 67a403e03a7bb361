"""Katakana readings to Hepburn romanization, with macrons for long vowels (as library catalogues write
Japanese names: フルミ タダユキ -> Furumi Tadayuki, マンシュウコク -> Manshūkoku)."""
from __future__ import annotations

import unicodedata

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SPECIAL = {"シ": "sh", "チ": "ch", "ジ": "j", "ヂ": "j"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def _syllables(kana: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if nxt in _YOON and c in _BASE:
            head = _SPECIAL.get(c, _BASE[c][:-1] + "y")
            out.append(head + _YOON[nxt])
            i += 2
            continue
        if c in _BASE and nxt in "ァィェォ" and c in "ファフィフェフォヴ":
            out.append(_BASE[c][:-1] + _BASE[nxt])
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def hepburn(reading: str) -> str:
    """Romanize one katakana word (hiragana accepted); unknown characters pass through."""
    kana = to_katakana(unicodedata.normalize("NFKC", reading))
    syllables = _syllables(kana)
    roman: list[str] = []
    for k, s in enumerate(syllables):
        if s == "ッ":  # doubled consonant before the next syllable (ッチ -> tchi)
            nxt = syllables[k + 1] if k + 1 < len(syllables) else ""
            nxt_roman = _BASE.get(nxt, nxt) if len(nxt) == 1 else nxt
            roman.append("t" if nxt_roman.startswith("ch") else nxt_roman[:1] if nxt_roman[:1].isalpha() else "")
            continue
        if s == "ー":
            if roman and roman[-1] and roman[-1][-1] in _MACRON:
                roman[-1] = roman[-1][:-1] + _MACRON[roman[-1][-1]]
            continue
        text = _BASE.get(s, s) if len(s) == 1 else s
        prev = roman[-1] if roman else ""
        # long vowels: オウ, オオ, ウウ -> ō, ū (but not across a morpheme the caller split)
        if text == "u" and prev[-1:] in ("o", "u"):
            roman[-1] = prev[:-1] + _MACRON[prev[-1]]
            continue
        if text == "o" and prev[-1:] == "o" and s == "オ":
            roman[-1] = prev[:-1] + "ō"
            continue
        if prev == "n" and text[:1] in "aiueoy":
            roman[-1] = "n'"
        roman.append(text)
    return "".join(roman)


def romanize_name(reading: str) -> str:
    """'フルミ タダユキ' -> 'Furumi Tadayuki': each space-separated part romanized and capitalised."""
    return " ".join(p[:1].upper() + p[1:] for p in (hepburn(part) for part in reading.split()) if p)
