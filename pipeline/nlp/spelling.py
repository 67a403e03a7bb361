"""Common nouns the recogniser spelled in hiragana, written as the dictionary writes them.

Whisper base writes a common noun in kana about as often as in kanji (みなと for 港, きょう for
今日, となり for 隣), where a transcriber, and every reference transcript, writes the kanji. What
was said does not change, only its spelling: SudachiPy's normalised form of the morpheme is
written (the heard spelling stays in the segment's `heard`). Kept in kana, as written Japanese keeps
them: words of two kana that one kanji spells (とき 時, ところ 所, もの 物, やつ 奴, ただ 只: often
written in kana by choice, and the form nouns among them), and a time or quantity noun one kanji
spells (みんな 皆); nouns that also work as na-adjectives (だめ 駄目); every other part of speech (verbs, adverbs, auxiliaries: ください, ちょうど).
Measured: README, "The Japanese language layer".

A prefecture of Japan heard in hiragana (いばらき, かごしま: a home town outside the glossary) is written
in kanji too (`place_spellings`), where the dictionary reads the kana in its sentence as one place name
and the reading is one prefecture's; katakana stays (ペキン, ハルビン: how places abroad are written).

Arrival at a place heard in kana (舞鶴につきました, 長崎についてから) is written 着 (`arrival_spellings`), as
every reference and a transcriber write it: only after a place and に, and only in the forms that cannot
be "about" (についての話 stays) nor "per" (一人につき stays); 19 of the 35 tuning recordings said one.
"""
from __future__ import annotations

from functools import lru_cache

from .. import sudachi
from .labels import NAME_SUFFIXES

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


PREFECTURES = ("北海道", "青森", "岩手", "宮城", "秋田", "山形", "福島", "茨城", "栃木", "群馬", "埼玉", "千葉", "東京",
               "神奈川", "新潟", "富山", "石川", "福井", "山梨", "長野", "岐阜", "静岡", "愛知", "三重", "滋賀", "京都",
               "大阪", "兵庫", "奈良", "和歌山", "鳥取", "島根", "岡山", "広島", "山口", "徳島", "香川", "愛媛", "高知",
               "福岡", "佐賀", "長崎", "熊本", "大分", "宮崎", "鹿児島", "沖縄")


@lru_cache(maxsize=1)
def _prefectures_by_reading() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name in PREFECTURES:
        for reading in set(sudachi.readings(name, "地名")):  # 茨城: イバラキ and イバラギ
            out[reading] = out.get(reading, ()) + (name,)
    return out


def place_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, kanji) for each prefecture of `text` written in hiragana that the dictionary reads,
    in this sentence, as one place name (いばらき -> 茨城), in order; never before a name suffix (ながのさん)."""
    out = []
    for m in sudachi.morphemes(text):
        if "固有名詞-地名" in m.pos and _hiragana(m.text) and not text.startswith(NAME_SUFFIXES, m.end):
            names = _prefectures_by_reading().get(sudachi.to_katakana(m.text), ())
            if len(names) == 1:
                out.append((m.begin, m.end, names[0]))
    return out


PLACE_NOUNS = ("港", "駅", "島", "村", "町", "家", "実家")  # common nouns one arrives at
ARRIVAL_ENDINGS = {"つき": ("まし", "ます"), "つい": ("てから", "た"), "つく": ("と", "まで")}  # never 〜について, 〜につき、


def arrival_spellings(text: str, places: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(begin, end, "着") for each つく of `text` in kana that follows a place and に (舞鶴につきました ->
    舞鶴に着きました); `places`: the collection's place names, which the dictionary may not know (仙崎)."""
    out = []
    found = sudachi.morphemes(text)
    for k in range(2, len(found)):
        verb, ni, place = found[k], found[k - 1], found[k - 2]
        endings = ARRIVAL_ENDINGS.get(verb.text)
        if not (endings and verb.pos.startswith("動詞") and verb.normalized in ("つく", "付く", "着く")
                and text.startswith(endings, verb.end)):
            continue
        if ni.text == "に" and ni.pos.startswith("助詞-格助詞") and (
                "固有名詞-地名" in place.pos or place.text in PLACE_NOUNS or text.endswith(places, 0, ni.begin)):
            out.append((verb.begin, verb.begin + 1, "着"))
    return out
