"""Common nouns the recogniser spelled in hiragana, written as the dictionary writes them.

Whisper base writes a common noun in kana about as often as in kanji (みなと for 港, きょう for
今日, となり for 隣), where a transcriber, and every reference transcript, writes the kanji. What
was said does not change, only its spelling: SudachiPy's normalised form of the morpheme is
written (the heard spelling stays in the segment's `heard`). Kept in kana, as written Japanese keeps
them: the form nouns (とき, ところ, もの, わけ, ほう, やつ, ため: FORM_NOUNS), a noun of two kana and one
kanji that does not follow a particle, a pause, an adverb, a prefix or the start (袴えり, heard for 墓参り,
is a piece of a misheard word; あにの, おてら are written 兄の, お寺), a time or quantity noun one kanji
spells (みんな 皆), a spelling with a kanji outside the jōyō list (筈, 只: words/joyo_kanji.txt), nouns
that also work as na-adjectives (だめ 駄目), adverbs, adjectives (ひどく) and auxiliaries (ください, ちょうど).
Measured: README, "The Japanese language layer" and "Thirteenth session, names25".

Verbs heard in hiragana are written as the dictionary writes them too (`word_spellings`:
およぎました -> 泳ぎました, かよい -> 通い), where SudachiPy's normalised form is spelled in kanji: it keeps
the kana form of a verb that several kanji spell (つとめる 勤/務/努, ならう 習/倣, たずねる 訪/尋, なくなる 亡/無),
and those stay kana. Not the verbs that also work as auxiliaries (いる, くる, なる, ある: 痩せていきました,
written in kana), nor という. A noun the dictionary takes for an interjection before a particle (おっとの実家: 夫)
is written with the one kanji whose reading it is (`interjection_nouns`); a word heard in Latin letters glued
to Japanese (Sokaiされた) is written as the common noun its Hepburn reading is (`romaji_spellings`: 疎開;
GHQ, NHK and names stay); 引き上げ is written 引き揚げ, its sense in these interviews (`repatriation_spellings`).

A prefecture of Japan heard in hiragana (いばらき, かごしま: a home town outside the glossary) is written
in kanji too (`place_spellings`), where the dictionary reads the kana in its sentence as one place name
and the reading is one prefecture's; katakana stays (ペキン, ハルビン: how places abroad are written).

Arrival at a place heard in kana (舞鶴につきました, 長崎についてから) is written 着 (`arrival_spellings`), as
every reference and a transcriber write it: only after a place and に, and only in the forms that cannot
be "about" (についての話 stays) nor "per" (一人につき stays); 19 of the 35 tuning recordings said one.
"""
from __future__ import annotations

from functools import lru_cache

import re
from pathlib import Path

from .. import sudachi
from .kanji_table import KUN, kanji_by_reading
from .labels import NAME_SUFFIXES
from .romaji import katakana_of

COMMON_NOUN = "名詞-普通名詞"
ADVERBIAL = "副詞可能"  # nouns that also work as adverbs: 今日, 毎晩, 所, 時, 皆
KINDS = ("一般", "サ変可能", ADVERBIAL)  # not 形状詞可能 (だめ 駄目, きれい 綺麗: kana as often) nor 助数詞可能
FORM_NOUNS = ("こと", "もの", "わけ", "ほう", "やつ", "ため", "うち", "はず", "まま", "ところ", "とき", "ほか")  # kana by custom
JOYO = Path(__file__).parent / "words" / "joyo_kanji.txt"
VERB_KINDS = ("動詞-一般",)  # not 非自立可能: いる, くる, なる, ある (痩せていきました stays); no adjective: ひどくて stays
AFTER = ("助詞", "補助記号", "副詞", "接続詞", "名詞-普通名詞-副詞可能")  # what a word heard whole follows


@lru_cache(maxsize=1)
def joyo() -> frozenset[str]:
    """The jōyō kanji: the ones a transcriber writes an ordinary word with (纏める, 辿り着く stay in kana)."""
    return frozenset("".join(line for line in JOYO.read_text(encoding="utf-8").splitlines()
                             if not line.startswith("#")))


def _hiragana(text: str) -> bool:
    return all("ぁ" <= c <= "ゖ" or c == "ー" for c in text)


def _kanji(text: str) -> bool:
    return all("一" <= c <= "鿿" or c == "々" for c in text)


def _common_kanji(text: str) -> bool:
    """Some kanji in `text`, every one of them jōyō (kana around them allowed: 辿り着く has 辿, not jōyō)."""
    kanji = [c for c in text if "一" <= c <= "鿿" or c == "々"]
    return bool(kanji) and all(c in joyo() or c == "々" for c in kanji)


def standard_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, kanji) for each common noun of `text` written in hiragana that the dictionary
    spells in kanji, in order."""
    out = []
    found = sudachi.morphemes(text)
    for k, m in enumerate(found):
        form = m.normalized
        if not (m.pos.startswith(COMMON_NOUN) and m.pos.endswith(KINDS) and _hiragana(m.text) and form
                and _kanji(form)):
            continue
        if len(form) >= 2 or (len(m.text) >= 3 and not m.pos.endswith(ADVERBIAL)) or (
                len(m.text) == 2 and m.pos.endswith("一般") and m.text not in FORM_NOUNS and _common_kanji(form)
                and not text.startswith(NAME_SUFFIXES, m.end)  # あに 兄, うま 馬; never ハナさん's はな
                and (not k or found[k - 1].pos.startswith(AFTER + ("接頭辞",)))):  # nor 袴えり's えり (墓参り)
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


# what confirms each form of a verb heard whole: およぎ|ました, かよい|、, やか|れ (not のし|ば: ば takes 仮定形)
CONTINUING = ("助動詞", "動詞-非自立可能", "形容詞-非自立可能", "補助記号")  # ます, た; 始める, いる; a pause
CONFIRMED_BY = {"連用形": CONTINUING + tuple(f"助詞-接続助詞:{w}" for w in ("て", "で", "ながら", "つつ", "たり", "だり")),
                "未然形": ("助動詞",), "仮定形": ("助詞-接続助詞:ば",)}


def _inflected(m: sudachi.Morpheme) -> str | None:
    """The kana verb `m` written with its dictionary form's kanji (およぎ: 泳ぎ, たどりつき:
    辿り着き), or None where the form's kana do not begin the heard word."""
    form = m.normalized
    stem = re.sub("[ぁ-ゖ]+$", "", form)
    ending = form[len(stem):]
    for reading in sudachi.readings(form):
        said = sudachi.to_hiragana(reading)
        if said.endswith(ending) and m.text.startswith(said[:len(said) - len(ending)]):
            return stem + m.text[len(said) - len(ending):]
    return None


MERGED = {"撥音便": "ぶむぬ", "促音便": "うつる"}  # よん is 読む or 呼ぶ, のぼっ 登る or 上る: the endings it may hide


def _one_verb(m: sudachi.Morpheme) -> bool:
    """Whether a kana verb in a euphonic form (よん, のぼっ) is one verb only: every dictionary form it
    may stand for that the dictionary has is spelled the same (のっ: のる 乗る only; よん: 読む, 呼ぶ)."""
    endings = next((e for kind, e in MERGED.items() if kind in m.inflection), "")
    forms = {e.normalized_form() for ending in endings for e in sudachi.lookup(m.text[:-1] + ending)
             if e.part_of_speech()[0] == "動詞"  # 見る too: みっ is 見る or 満つ
             and e.normalized_form().endswith(ending) and _common_kanji(e.normalized_form())}  # not 綯う for のっ
    return not endings or forms <= {m.normalized}


def word_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, written) for each verb of `text` heard in hiragana that the dictionary
    spells in jōyō kanji, one spelling only (かよい -> 通い, つかまり -> 捕まり; つとめ stays), in order.
    Only a word heard whole: after a particle, a pause, an adverb or the start (not a piece of a misheard
    word: 記者のき), in a form its next word confirms (およぎ|ました, やか|れ, かよい|、; not a contraction,
    かしゃ, nor a plain form, かぐ|なの for 家具などの, という)."""
    out = []
    found = sudachi.morphemes(text)
    for k, m in enumerate(found):
        if not (m.pos.startswith(VERB_KINDS) and len(m.text) >= 2 and _hiragana(m.text) and "融合" not in m.inflection
                and _common_kanji(m.normalized) and not text.startswith(NAME_SUFFIXES, m.end)):
            continue
        before = found[k - 1] if k else None
        after = found[k + 1] if k + 1 < len(found) else None
        if before and not before.pos.startswith(AFTER) or before and before.pos.startswith("副詞") and len(before.text) < 2:
            continue  # (そ, an adverb of one kana, is a piece of a misheard word too: そばり)
        if before and before.pos.startswith("助詞") and (before.pos.startswith("助詞-終助詞") or k >= 2 and (
                found[k - 2].pos.startswith("感動詞-フィラー") or len(found[k - 2].text) == 1 and _hiragana(found[k - 2].text))):
            continue  # a particle after a piece of one kana (or a filler) is a piece too: を|お|と|わり (教わり)
        if m.inflection.startswith(("終止形", "連体形")):
            continue  # a word heard whole ends in its inflection: かぐ|な|の (家具などの) is no verb
        takes = CONFIRMED_BY.get(m.inflection.split("-")[0], ())
        if not (after and (after.pos.startswith(takes) or f"{after.pos}:{after.text}" in takes)
                and ("音便" not in m.inflection or after.text[0] in "てたでだ")):
            continue  # (not かぐ|なの, もっ|ぽ, のし|ば)
        written = _inflected(m) if _one_verb(m) else None
        if written and written.startswith(tuple(REPATRIATION)) and not (before and before.text == "を"):
            written = written.replace("上", "揚", 1)  # ひきあげました: 引き揚げました
        if written and written != m.text:
            out.append((m.begin, m.end, written))
    return out


def _is_joyo(kanji: str) -> bool:
    return kanji in joyo()


def _kanji_by_kun() -> dict[str, tuple[str, ...]]:
    """kana -> the jōyō kanji whose kun reading (whole, without okurigana) it is: おっと 夫, あに 兄."""
    return kanji_by_reading(_is_joyo, KUN)


NOUN_PARTICLES = ("は", "が", "の", "を", "に", "も", "へ")  # never after an interjection (and と: はいと言った)


def interjection_nouns(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, kanji) for each hiragana word the dictionary reads as an interjection but which a
    particle follows, so a noun (おっとの実家, おっとは: 夫), where one jōyō kanji has that reading and the
    dictionary knows it as a common noun so read; in order."""
    out = []
    found = sudachi.morphemes(text)
    for m, after in zip(found, found[1:]):
        if not (m.pos.startswith("感動詞-一般") and _hiragana(m.text) and after.text in NOUN_PARTICLES
                and after.pos.startswith("助詞")):
            continue
        reading = sudachi.to_katakana(m.text)
        nouns = [k for k in _kanji_by_kun().get(reading, ()) if any(
            e.part_of_speech()[:2] == ("名詞", "普通名詞") and e.reading_form() == reading for e in sudachi.lookup(k))]
        if len(nouns) == 1:
            out.append((m.begin, m.end, nouns[0]))
    return out


LATIN_WORD = re.compile(r"[A-Za-zāīūēō]+")
JAPANESE = re.compile(r"[ぁ-ゖァ-ヺー一-鿿々]")
DOING = ("され", "させ", "し", "す")  # する after a noun: 疎開された, not 租界


def _kanji_by_reading() -> dict[str, tuple[str, ...]]:
    """katakana -> the jōyō kanji with that on or kun reading (okurigana left off): ソ 疎 租 祖..., カイ 開 界..."""
    return kanji_by_reading(_is_joyo)


@lru_cache(maxsize=256)
def nouns_read(reading: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) of the dictionary's common nouns of one or two jōyō kanji read `reading`
    (katakana): ソカイ -> 疎開 (サ変可能), 租界."""
    words = set(_kanji_by_reading().get(reading, ()))
    for cut in range(1, len(reading)):
        for a in _kanji_by_reading().get(reading[:cut], ()):
            words.update(a + b for b in _kanji_by_reading().get(reading[cut:], ()))
    return tuple(sorted({(w, "-".join(e.part_of_speech()[:3])) for w in words for e in sudachi.lookup(w)
                         if e.surface() == w and e.reading_form() == reading
                         and "-".join(e.part_of_speech()[:2]) == COMMON_NOUN}))


def romaji_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, kanji) for each word of `text` in Latin letters glued to Japanese (Sokaiされた) whose
    Hepburn reading is one common noun of the dictionary in jōyō kanji (ソカイ: 疎開 or 租界, and only
    疎開 takes される); in order. Acronyms (GHQ, NHK) make no syllables, names are no common noun: they stay."""
    out = []
    for w in LATIN_WORD.finditer(text):
        glued = JAPANESE.match(text[w.start() - 1:w.start()] if w.start() else "") or JAPANESE.match(text[w.end():])
        kana = katakana_of(w[0]) if glued and not w[0].isupper() and len(w[0]) >= 3 else None
        nouns = nouns_read(kana) if kana else ()
        if text.startswith(DOING, w.end()):
            nouns = tuple(n for n in nouns if n[1].endswith("サ変可能"))
        if len({word for word, _ in nouns}) == 1:
            out.append((w.start(), w.end(), nouns[0][0]))
    return out


REPATRIATION = {"引き上げ": "引き揚げ", "引上げ": "引揚げ"}  # "raise" only with an object: 値段を引き上げる


def repatriation_spellings(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, written) for 引き上げ (noun or verb) written 引き揚げ, the return from abroad these
    interviews speak of, but not after を (something raised); in order."""
    out = []
    found = sudachi.morphemes(text)
    for k, m in enumerate(found):
        heard = next((h for h in REPATRIATION if m.text.startswith(h)), None)
        if heard and not (k and found[k - 1].text == "を"):
            out.append((m.begin, m.begin + len(heard), REPATRIATION[heard]))
    return out


def respellings(text: str) -> list[tuple[int, int, str]]:
    """Every spelling above for `text` (nouns, prefectures, verbs, interjections read as nouns, Latin
    letters, 引き揚げ), none overlapping another, in order."""
    out: list[tuple[int, int, str]] = []
    for begin, end, written in sorted(standard_spellings(text) + place_spellings(text) + word_spellings(text)
                                      + interjection_nouns(text) + romaji_spellings(text)
                                      + repatriation_spellings(text)):
        if not out or begin >= out[-1][1]:
            out.append((begin, end, written))
    return out
