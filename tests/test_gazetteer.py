"""Well-known places the collection's glossary does not list (pipeline/nlp/words/places.txt): heard in
kana or as ordinary words a sound off, corrected after the glossary, never over it, a proper noun in
kanji or a person, and made entities with the gazetteer's label."""
import pytest

from conftest import heard_transcript
from pipeline.glossary import GlossaryTerm
from pipeline.nlp import annotate
from pipeline.nlp.gazetteer import gazetteer_corrections
from pipeline.options import NlpOptions


@pytest.mark.parametrize("text,glossary,proposed", [
    # kana spelling a place's reading exactly: the same sounds, sure
    ("麗水の港から引き揚げ船に乗り、カラツに着きました。", ("麗水",), [("カラツ", "唐津", "sure")]),
    ("カラフトの収容所を経て、函館に着きました。", (), [("カラフト", "樺太", "sure")]),
    ("20年の8月に、ソレン軍が島に上がってきました。", (), [("ソレン軍", "ソ連軍", "sure")]),
    ("私はこうべの学校で教師になりました。", (), [("こうべ", "神戸", "sure")]),
    ("くれの港に着きました。", (), [("くれ", "呉", "sure")]),          # a short place where only a place stands
    ("大連から船に乗りさせぼにつきました。", (), [("させぼ", "佐世保", "sure")]),  # kana glued after a verb
    ("箱田手につきました。", (), [("箱田手", "函館", "sure")]),   # a surname glued to more kanji: misheard
    ("頃等から船に乗り、させぼにつきました。", (), [("させぼ", "佐世保", "sure")]),  # cut さ|せ|ぼ, a verb first
    ("20年の7月に、父は監督軍に召集されました。", (), [("監督軍", "関東軍", "check")]),  # a body, 軍 heard right
    # ordinary words a sound off, where a place is said: the audio decides
    ("母の実家のある大盛りに移りました。", (), [("大盛り", "青森", "check")]),
    # nothing: a person (before a suffix), a verb in kana, kana inside a longer word, a word a place
    # holds (港, of 大湊), a proper noun written in kanji, the glossary's own term
    ("宮崎さんに会いました。", (), []),
    ("ミヤザキ先生に習いました。", (), []),
    ("飽きたので、あきたらやめます。", (), []),
    ("こうちょう先生に会いました。", (), []),
    ("麗水の港から船に乗りました。", ("麗水",), []),
    ("大牟田から来ました。", (), []),
    ("カラツに着きました。", ("カラツ",), []),
    ("周戦の後、宗戦の時は", (), []),        # a sound off a place (朝鮮), not where a place is said: nothing
    ("港から船に乗りました。", (), []),       # a word a place holds (港 of 大湊) is no check
    ("野球の監督に会いました。", (), []),     # no 軍: no army
])
def test_a_well_known_place_is_proposed_after_the_glossary(text, glossary, proposed):
    terms = tuple(GlossaryTerm(t) for t in glossary)
    assert [(c.heard, c.term, c.kind) for c in gazetteer_corrections(text, "places", terms, [])] == proposed


def test_the_gazetteer_writes_the_place_and_makes_it_an_entity():
    heard = "麗水の港から船に乗り、カラツにつきました"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(gazetteer="places"),
                   (GlossaryTerm("麗水"),))
    segment = out.segments[0]
    assert "唐津に着きました" in segment.text and "カラツ→唐津" in segment.corrections
    assert any(e.text == "唐津" and e.label == "PLACE" for e in out.entities)
    assert out.provenance["stages"]["nlp"]["places_written"] == ["唐津"]
    off = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(gazetteer=""), (GlossaryTerm("麗水"),))
    assert "カラツ" in off.segments[0].text


def test_an_army_is_an_organisation():
    heard = "20年の8月に、ソレン軍が島に上がってきました"
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(gazetteer="places"))
    assert [(e.text, e.label) for e in out.entities if e.label != "DATE"] == [("ソ連軍", "ORG")]


@pytest.mark.parametrize("heard,entities", [
    ("父は満鉄に勤め、横浜に着きました", [("満鉄", "ORG"), ("横浜", "PLACE")]),   # GiNZA: 満鉄 a place, 横浜 a body
    ("宮崎が東京から来ました", [("宮崎", "PERSON"), ("東京", "PLACE")]),          # a person stays one
    ("横浜正金銀行に勤めました", [("横浜正金銀行", "ORG")]),                       # a longer name is left whole
    ("病気は大分良くなりました", []),                                           # だいぶ, an adverb
])
def test_a_place_said_right_takes_the_gazetteers_label(heard, entities):
    out = annotate(heard_transcript("t", 1.0, 4.0, heard, 5.0), NlpOptions(gazetteer="places"))
    assert [(e.text, e.label) for e in out.entities] == entities
    place = next((e for e in out.entities if e.text == "横浜"), None)
    assert place is None or place.romanized == "Yokohama"
