"""Common nouns the recogniser spelled in hiragana, written as the dictionary writes them.

Whisper base writes a common noun in kana about as often as in kanji (みなと for 港, きょう for
今日, となり for 隣), where a transcriber, and every reference transcript, writes the kanji. What
was said does not change, only its spelling: SudachiPy's normalised form of the morpheme is
written (the heard spelling stays in the segment's `heard`). Kept in kana, as written Japanese keeps
them: words of two kana that one kanji spells (とき 時, ところ 所, もの 物, やつ 奴, ただ 只: often
written in kana by choice, and the form nouns among them), and a time or quantity noun one kanji
spells (みんな 皆); nouns that also work as na-adjectives (だめ 駄目); every other part of speech (verbs, adverbs, auxiliaries: ください, ちょうど).
Measured: README, "The Japanese language layer".
"""
from __future__ import annotations

from .. import sudachi

COMMON_NOUN = "名詞-普通名詞"
ADVERBIAL = "副詞可能"  # nouns that also work as adverbs: 今日, 毎晩, 所, 時, 皆
KINDS = ("一般", "サ変可能", ADVERBIAL)  # not 形状詞可能 (だめ 駄目, きれい 綺麗: kana as often) nor 助数詞可能


def _hiragana(text: str) -> bool:
    return all("ぁ" <= c <= "ゖ" or c == "ー" for c in text)


def _kanji(text: str) -> bool:
    return all("一" <= c <= "鿿" or c == "々" for c in text)


def standard_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, kanji) for each common noun of `text` written in hiragana that the dictionary
    spells in kanji, in order."""
    out = []
    for m in sudachi.morphemes(text):
        form = m.normalized
        if not (m.pos.startswith(COMMON_NOUN) and m.pos.endswith(KINDS) and _hiragana(m.text) and form
                and _kanji(form)):
            continue
        if len(form) >= 2 or (len(m.text) >= 3 and not m.pos.endswith(ADVERBIAL)):
            out.append((m.begin, m.end, form))
    return out
