"""Issue 10, eleventh session (names19): a glossary place heard as ordinary words of (nearly) its sound,
where a place is said (眠るから for 根室から, 泣きたから for 秋田から: a check of its own kind), and a two-mora
place heard exactly before its works or school (暮れの工場へ for 呉の工場へ, 社なの国民学校 for 紗那の: sure)."""
import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.dates import era_checks
from pipeline.nlp.glossary_fix import CHECK_MARGINS, Correction, check_margin, find_corrections
from pipeline.nlp.labels import collection_labels


def _proposed(text: str, terms: list[str]):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    return [(c.heard, c.term, c.kind, c.part) for c in find_corrections(text, glossary, labels)
            for c in (c,) + c.rivals if c.part in ("word", "short")]


# the recognition of tuning fixtures (synthetic_etorofu, synthetic_yubari, synthetic_toyokawa), and sentences
# where the same words are what was said
@pytest.mark.parametrize("text,terms,found", [
    ("日魯漁業の番屋を任されて、眠るから社なに渡りました。", ["根室", "紗那", "日魯漁業"],
     [("眠る", "根室", "check", "word"), ("社な", "紗那", "sure", "short")]),
    ("北海道炭礦汽船の工夫として泣きたから夕張にきました。", ["秋田", "夕張", "北海道炭礦汽船"],
     [("泣きた", "秋田", "check", "word")]),   # 泣き|た: a run that ends on an auxiliary
    ("9月には、挑戦から連れて来られた人たちが出て行きました。", ["朝鮮"], [("挑戦", "朝鮮", "check", "word")]),
    ("母の故郷の境へ行きました。", ["堺"], [("境", "堺", "check", "word")]),  # names10_bujun: read exactly
    ("暮れの工場へ移られました。", ["光州"], []),                   # a noun a mora off: the term's own rules
    ("子供が泣きたから帰りました。", ["秋田"], [("泣きた", "秋田", "check", "word")]),  # the audio decides
    ("眠る前に本を読みました。", ["根室"], []),                     # not where a place is said
    ("境を越えました。", ["堺"], []),                               # not where a place is moved to
    ("挑戦することにしました。", ["朝鮮"], []),  # not said as a place: the term's own check
    ("終戦の時は、どうされましたか。", ["朝鮮"], []),   # の時: no place's slot
    ("王子製紙の工場につとめ始めました。", ["京城"], []),  # に勤め: no arrival
    ("根室から船に乗りました。", ["根室"], []),                     # the term itself
    ("満州へ渡りました。", ["錦州"], []),                           # a place the dictionary knows was said
    ("不景の多くは、満州中央銀行に勤めていました。", ["福井"], []),   # の: no move (harbin, 父兄)
])
def test_a_place_heard_as_ordinary_words_where_a_place_is_said(text, terms, found):
    assert _proposed(text, terms) == found


@pytest.mark.parametrize("text,terms,found", [
    ("20年の2月に、暮れの工場へ移られました。", ["呉", "豊橋"], [("暮れ", "呉", "sure", "short")]),
    ("社なの国民学校で、算数を習いました。", ["紗那"], [("社な", "紗那", "sure", "short")]),  # 社|な, no word
    ("眠るからシャナに渡りました。", ["紗那"], [("シャナ", "紗那", "sure", "short")]),       # katakana after kana
    ("くれの港から船に乗りました。", ["呉"], [("くれ", "呉", "sure", "short")]),            # as before
    ("年の暮れの大掃除をしました。", ["呉"], []),                   # の before no works, school or port
    ("してくれの工場へ行きました。", ["呉"], []),                   # kana after kana: the verb くれる
    ("暮れから忙しくなりました。", ["呉"], []),                     # から is said after the season too
])
def test_a_two_mora_place_heard_exactly_before_its_works_or_a_crossing(text, terms, found):
    assert _proposed(text, terms) == found


def test_the_word_kind_has_a_margin_of_its_own():
    """Measured on the tuning set (README, eleventh session): the true ones lie within it, the wrong ones of
    other collections' places beyond it."""
    c = Correction(0, 2, "眠る", "根室", 1.0, "check", "word")
    assert check_margin(c, 4.0) == CHECK_MARGINS["word"]


@pytest.mark.parametrize("text,terms,found", [
    ("アメリカ軍の船に乗って裏側につきました。", ["浦賀"], [("裏側", "浦賀")]),  # synthetic_babeldaob: arrived, in kana
    ("アメリカ軍の船に乗って裏側に着きました。", ["浦賀"], [("裏側", "浦賀")]),  # as in kanji
    ("裏側について話しました。", ["浦賀"], []),                                 # about: no arrival
])
def test_a_near_place_where_an_arrival_is_said_in_kana(text, terms, found):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    assert [(c.heard, c.term) for c in find_corrections(text, glossary, labels) if c.part == "near"] == found


@pytest.mark.parametrize("text,era,proposed", [
    ("私は少は19年の3月に、関東軍の通信兵として", None, [("少は", "昭和")]),  # synthetic_ulaanbaatar (after its blind run)
    ("私は小は19年の3月に", None, [("小は", "昭和")]),                          # as before
    ("私は少は19年の3月に", "平成", [("少は", "昭和")]),   # the era of its only Western year (1993年) is no guide
    ("それは10年の6月に", "昭和", []),                                          # ソレワ: no era
])
def test_an_era_heard_as_a_prefix_and_wa_is_a_check(text, era, proposed):
    """少 is a prefix to the dictionary, 小 a noun: either, with は, reads the era as said (ショウ|ワ)."""
    assert [(c.heard, c.term) for c in era_checks(text, era)] == proposed
