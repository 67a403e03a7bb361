"""Issue 10, twelfth session (names21): a glossary place said in a reading the dictionary lacks (恵須取 エストル,
木浦 モッポ, 真岡 マオカ) gets candidate readings composed from its kanji's readings (KANJIDIC2); a katakana
run, or kanji no dictionary reads as a word where a place stands, read exactly as one of them is a check
the recording decides (kind "composed"), never written sure."""
import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.composed import COMPOSED_MARGIN, MAX_COMPOSED, composed_readings, kanji_readings
from pipeline.nlp.glossary_fix import Correction, check_margin, find_corrections
from pipeline.nlp.labels import collection_labels


@pytest.mark.parametrize("kanji,readings", [
    ("恵", ["ケイ", "エ", "メグ", "メグム"]),   # on, kun stem, kun with its okurigana (めぐ.む)
    ("須", ["ス", "シュ"]),                     # the dictionary has シュ only
    ("浦", ["ホ", "ウラ"]),
    ("泊", ["ハク", "ト", "トマル", "トマリ"]),  # と.まる: its stem and whole; とまり a name reading (nanori)
])
def test_the_kanji_table_has_on_kun_and_name_readings(kanji, readings):
    have = [r for r, _ in kanji_readings(kanji)]
    assert all(r in have for r in readings), have


@pytest.mark.parametrize("term,reading", [
    ("恵須取", "エストル"),   # エ (on) ス (on) トル (と.る)
    ("木浦", "モッポ"),       # モク|ホ: the closing ク doubled, ホ made ポ after it
    ("真岡", "マオカ"),       # ま|おか (kun, kun)
    ("元山", "ゲンザン"),     # an on reading voiced after ン
    ("黒河", "コッカ"),
])
def test_a_place_reading_composed_from_its_kanji(term, reading):
    assert reading in composed_readings(term)


def test_composed_readings_are_few_and_only_for_kanji_terms():
    assert all(len(composed_readings(t)) <= MAX_COMPOSED for t in ("恵須取", "京城", "済州島", "牡丹江"))
    assert composed_readings("ハルビン") == () and composed_readings("呉") == () and composed_readings("北海道庁舎") == ()
    assert "マゴウ" not in composed_readings("真岡")  # an on reading is voiced only after ン (マゴーたち is 孫たち)


def _proposed(text: str, terms: list[str]):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    return [(c.heard, c.term, c.kind) for c in find_corrections(text, glossary, labels)
            for c in (c,) + c.rivals if c.part == "composed"]


# the recognition of tuning fixtures (synthetic_esutoru, synthetic_mokpo), and sentences where no place was said
@pytest.mark.parametrize("text,terms,found", [
    ("父は、鶴岡からエストルに渡りました。", ["恵須取", "鶴岡"], [("エストル", "恵須取", "check")]),
    ("エストルは、今はウグレゴルスクと呼ばれています。", ["恵須取", "ウグレゴルスク"], [("エストル", "恵須取", "check")]),
    ("1947年の7月に、マオカのみなとから船に乗りました。", ["真岡"], [("マオカ", "真岡", "check")]),
    ("16年の4月に、モッポの国民学校に入りました。", ["木浦"], [("モッポ", "木浦", "check")]),
    ("新京の事務所で、ラジオの放送を聞きました。", ["木浦", "恵須取", "真岡"], []),  # reads as none of them
    ("京城でマゴーたちと暮らしています。", ["真岡"], []),   # said of people (孫たち), and no such reading
    ("エストールから来ました。", ["恵須取"], [("エストール", "恵須取", "check")]),  # a long vowel off, four morae
    ("エストロから来ました。", ["恵須取"], []),             # a mora off: not proposed
    ("プザンから来ました。", ["富山"], []),                 # three morae: only exactly (富 フ, 山 ザン)
    ("恵須取に渡りました。", ["恵須取"], []),               # the term itself
])
def test_a_place_heard_in_a_reading_composed_from_its_kanji(text, terms, found):
    assert _proposed(text, terms) == found


def test_the_composed_kind_has_a_margin_of_its_own():
    """Measured on the tuning set (README, twelfth session): the true ones the audio can vouch for lie within it."""
    c = Correction(0, 4, "エストル", "恵須取", 0.0, "check", "composed")
    assert check_margin(c, 4.0) == COMPOSED_MARGIN


def test_an_unlabelled_term_heard_in_a_composed_reading_is_a_place():
    from pipeline.nlp.composed import places_heard
    described = {"恵須取": (None, "none"), "塔路": (None, "none"), "木浦": ("PLACE", "dictionary")}
    fixes = [Correction(0, 4, "エストル", "恵須取", 0.0, "check", "composed"),
             Correction(9, 11, "トーロ", "塔路", 0.0, "check", "near")]
    assert places_heard(described, fixes) == {"恵須取": ("PLACE", "composed reading heard"), "塔路": (None, "none"),
                                               "木浦": ("PLACE", "dictionary")}


def test_a_term_heard_in_a_composed_reading_is_read_as_heard():
    from pipeline.nlp.composed import with_heard_readings
    glossary = (GlossaryTerm("恵須取"), GlossaryTerm("真岡"), GlossaryTerm("鶴岡"))
    fixes = [Correction(0, 4, "エストル", "恵須取", 0.0, "check", "composed")]
    assert [t.reading for t in with_heard_readings(glossary, fixes)] == ["エストル", None, None]
