"""Issue 10, tenth session (names16): a glossary place of China or Korea said in the period's reading
and heard with one of its kanji kept and the rest two morae off (山海 for 上海, 豊天 for 奉天, 方まさ for
方正), said where a place stands: a check of its own kind for the recording to decide."""
import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.glossary_fix import CHECK_MARGINS, Correction, check_margin, find_corrections
from pipeline.nlp.labels import collection_labels


def _kept(text: str, terms: list[str]):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    return [(c.heard, c.term) for c in find_corrections(text, glossary, labels)
            for c in (c,) + c.rivals if c.part == "kept"]


# the recognition of tuning fixtures (scratch_names9_shanghai, synthetic_nanjing, names10_bujun,
# names11_hosei, synthetic_dairen), and sentences where the same words are what was said
@pytest.mark.parametrize("text,terms,found", [
    ("今日は、山海の日本人街で、育った松井和枝さんに伺います。", ["上海", "松井和枝"], [("山海", "上海")]),
    ("1946年に、私たちは山海から佐世保へ引き上げました。", ["上海", "佐世保"], [("山海", "上海")]),
    ("私は、豊天の女学校に記者で通いました。", ["奉天", "撫順"], [("豊天", "奉天")]),       # 豊 トヨ: トヨテン
    ("きょうは、方まさの修行所で冬を越された山口トミさんに伺います。", ["方正", "山形"], [("方まさ", "方正")]),
    ("大連埠頭事務所で、大図の積み出しを担当しました。", ["大連", "奉天"], []),  # 大図 オオズ: it was 大豆 (dairen)
    ("山海の珍味を食べました。", ["上海"], [("山海", "上海")]),     # the audio decides: the same words, the same slot
    ("山海を越えて行きました。", ["上海"], []),                     # not where a place is said
    ("山海のです。", ["上海"], []),                                 # の before kana: no noun of the place
    ("くれのみなとから満州へ渡りました。", ["錦州", "蘇州"], []),   # a place the dictionary knows was said
    ("上海から船に乗りました。", ["上海"], []),                     # the term itself
    ("同じ大学の先生に習いました。", ["大連"], []),                 # 大学 ダイガク: three morae off
])
def test_a_place_heard_with_one_of_its_kanji_kept(text, terms, found):
    assert _kept(text, terms) == found


def test_the_kept_kind_has_a_margin_of_its_own():
    """Measured on the tuning set (README, tenth session): the true ones lie within it, the wrong ones of
    other collections' places mostly beyond it."""
    c = Correction(0, 2, "山海", "上海", 2.0, "check", "kept")
    assert check_margin(c, 4.0) == CHECK_MARGINS["kept"]


@pytest.mark.parametrize("text,terms,found", [
    # scratch_keijo: 仁川 said じんせん, heard 人|戦, ジン|セン: the dictionary's place reading of 仁川, said as a place
    ("生徒たちを連れて人戦の海へ出かけました。", ["仁川", "京城"], [("人戦", "仁川", "sure")]),
    ("違和国に帰りました。", ["岩国"], [("違和国", "岩国", "sure")]),        # names12_ujina (the audio took it too)
    ("人戦を交えました。", ["仁川"], [("人戦", "仁川", "check")]),            # not said as a place: the audio decides
    ("王朝明の政府に入りました。", ["汪兆銘"], [("王朝明", "汪兆銘", "check")]),  # a person: the audio decides
])
def test_a_place_heard_in_other_kanji_read_one_by_one_said_as_a_place(text, terms, found):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    assert [(c.heard, c.term, c.kind) for c in find_corrections(text, glossary, labels)] == found
