"""Katakana readings to modified Hepburn, with macrons for long vowels (as library catalogues write
Japanese names: フルミ タダユキ -> Furumi Tadayuki, マンシュウコク -> Manshūkoku, チェコ -> Cheko).

No library gives Hepburn with macrons, hence this module. Its decisions, checked by the table in
tests/test_romaji.py:

- Syllables: yōon (キャ kya, シュ shu, チョ cho, ジャ ja) and the extended katakana of loanwords
  (シェ she, チェ che, ジェ je, ティ ti, ディ di, トゥ tu, デュ dyu, ファ fa, フィ fi, フェ fe, フォ fo,
  ウィ wi, ウェ we, ウォ wo, ヴァ va, ツァ tsa, クォ kwo, イェ ye...); ン is n, n' before a vowel or y
  (ケンイチ Ken'ichi), n before b, m, p as well (サンペイ Sanpei); ッ doubles the next consonant,
  t before ch (マッチャ matcha); ヲ is o.
- Long vowels: ー lengthens the vowel before it (ティー tī, シェークスピア shēkusupia); in native
  spelling オウ and オオ are ō, ウウ is ū, エエ is ē (オネエサン onēsan), while アア, イイ and エイ stay
  as written (okaasan, Niigata, sensei).
- Morpheme boundaries: a long vowel never spans one. Spaces and ・ in the reading mark boundaries
  (a person's family and given names; ジョン・スミス) and stay as spaces. Inside one string the
  boundaries are unknown, so three patterns common in names are read as two morphemes: ウエ ending
  a word after o (イノウエ Inoue, 上 ue), ノウチ ending a word (ヤマノウチ Yamanouchi, 内 uchi), and
  オ after a syllable in o further into the word than the second mora, unless that syllable is
  オ, ト or ド (ヨコオ Yokoo, ヒロオカ Hirooka; but トオル Tōru, キタオオジ Kitaōji, オオドオリ Ōdōri).
  A verb's final ウ (オモウ, omou) is not told apart: entity names rarely end in one.
"""
from __future__ import annotations

import re
import unicodedata

from ..sudachi import to_katakana  # glossary_fix, learn and morae import it from here

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
    "ヴ": "vu", "ヷ": "va", "ヸ": "vi", "ヹ": "ve", "ヺ": "vo",
    # small kana standing alone (not part of a syllable below)
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa",
    "ヵ": "ka", "ヶ": "ke",
}
# two-kana syllables: yōon of the i-column, then the extended katakana of loanwords
_PAIRS = {k + small: ({"シ": "sh", "チ": "ch", "ジ": "j", "ヂ": "j"}.get(k) or _BASE[k][:-1] + "y") + v
          for k in "キギシジチヂニヒビピミリ" for small, v in (("ャ", "a"), ("ュ", "u"), ("ョ", "o"))}
_PAIRS.update({k + "ェ": _PAIRS[k + "ャ"][:-1] + "e" for k in "キギシジチヂニヒビピミリ"})
_PAIRS.update({
    "イェ": "ye", "ウィ": "wi", "ウェ": "we", "ウォ": "wo",
    "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo", "ヴュ": "vyu",
    "ティ": "ti", "トゥ": "tu", "テュ": "tyu", "ディ": "di", "ドゥ": "du", "デュ": "dyu",
    "ツァ": "tsa", "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "クァ": "kwa", "クィ": "kwi", "クェ": "kwe", "クォ": "kwo", "クヮ": "kwa", "グァ": "gwa", "グヮ": "gwa",
    "スィ": "si", "ズィ": "zi",
})
_VOWEL_KANA = {"ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
_BOUNDARY = re.compile(r"[\s・]+")


def _syllables(kana: str) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(kana):
        step = 2 if kana[i:i + 2] in _PAIRS else 1
        out.append(kana[i:i + step])
        i += step
    return out


def _roman(syllable: str) -> str:
    return _PAIRS.get(syllable) or _BASE.get(syllable, syllable)


def _lengthens(syllables: list[str], k: int, vowel: str) -> bool:
    """Whether the vowel kana syllables[k], after a syllable ending in `vowel`, makes it long."""
    kana = syllables[k]
    if vowel == "u" and kana == "ウ" or vowel == "e" and kana == "エ":
        return True
    if vowel == "o" and kana == "ウ":
        rest = "".join(syllables[k:])
        return not (rest == "ウエ" or rest == "ウチ" and k >= 2 and syllables[k - 1] == "ノ")
    if vowel == "o" and kana == "オ":
        return k == 1 or syllables[k - 1] in ("オ", "ト", "ド")
    return False


def _word(kana: str) -> str:
    syllables = _syllables(kana)
    roman: list[str] = []
    for k, s in enumerate(syllables):
        nxt = _roman(syllables[k + 1]) if k + 1 < len(syllables) else ""
        prev = roman[-1] if roman else ""
        if s == "ッ":  # doubled consonant; nothing to double before a vowel or at the end
            roman.append("t" if nxt.startswith("ch") else nxt[:1] if nxt[:1].isalpha() and nxt[:1] not in "aiueo" else "")
        elif s == "ー":
            if prev[-1:] in _MACRON:
                roman[-1] = prev[:-1] + _MACRON[prev[-1]]
        elif s == "ン":
            roman.append("n'" if nxt[:1] and nxt[:1] in "aiueoy" else "n")
        elif s in _VOWEL_KANA and prev[-1:] in _MACRON and k and _lengthens(syllables, k, prev[-1]):
            roman[-1] = prev[:-1] + _MACRON[prev[-1]]
        else:
            roman.append(_roman(s))
    return "".join(roman)


def hepburn(reading: str) -> str:
    """Romanize a katakana reading (hiragana and half-width accepted); spaces and ・ separate words
    and stay spaces; characters that are not kana pass through."""
    kana = to_katakana(unicodedata.normalize("NFKC", reading))
    return " ".join(w for w in (_word(part) for part in _BOUNDARY.split(kana)) if w)


def romanize_name(reading: str) -> str:
    """'フルミ タダユキ' -> 'Furumi Tadayuki': each space-separated part romanized and capitalised."""
    return " ".join(p[:1].upper() + p[1:] for p in hepburn(reading).split())


# Hepburn back to kana, for a word the recogniser wrote in Latin letters (Sokaiされた: 疎開): the tables
# above read the other way, the longest syllable first; a doubled consonant is ッ, n not before a vowel ン
_KANA_OF = {}
for _kana, _roman_form in list(_BASE.items()) + list(_PAIRS.items()):
    if len(_kana) == 2 or _kana not in "ァィゥェォャュョヮヵヶヰヱヲヂヅ" and _kana[0] < "ヴ":
        _KANA_OF.setdefault(_roman_form, _kana)
_KANA_OF.update({"si": "シ", "ti": "チ", "tu": "ツ", "hu": "フ", "zi": "ジ", "di": "ヂ", "du": "ヅ", "wo": "ヲ"})


def katakana_of(word: str) -> str | None:
    """'Sokai' -> 'ソカイ', 'gakudou' -> 'ガクドウ': a word of Latin letters read as Hepburn (or Kunrei)
    syllables, in katakana; None where some letters make no syllable (GHQ, NHK, Smith)."""
    text, out, i = word.lower().translate({ord(m): v + {"o": "u", "e": "i"}.get(v, v) for v, m in _MACRON.items()}), [], 0
    while i < len(text):
        if text[i] == "n" and (i + 1 == len(text) or text[i + 1] not in "aiueoy"):
            out.append("ン")
            i += 1 + (text[i + 1:i + 2] == "'")
            continue
        if i + 1 < len(text) and text[i] == text[i + 1] and text[i] not in "aiueon" or text.startswith("tch", i):
            out.append("ッ")
            i += 1
            continue
        step = next((n for n in (3, 2, 1) if text[i:i + n] in _KANA_OF), 0)
        if not step:
            return None
        out.append(_KANA_OF[text[i:i + step]])
        i += step
    return "".join(out)
