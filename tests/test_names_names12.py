"""Eighth session (names12): one general proposal for what recognition heard close to a glossary
term (any script, anywhere), the recording deciding with a margin of its own: a family name heard as
words with a sound more (古いけ節子 for 小池節子), a given name alone heard as a word and the particle
を before a name suffix (都市を先生 for 敏夫先生)."""
import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.glossary_fix import CHECK_MARGINS, Correction, check_margin, find_corrections
from pipeline.nlp.labels import collection_labels

NENJIANG = ["小池武", "小池節子", "丸山敏夫", "満蒙開拓青少年義勇軍", "内原訓練所", "長野", "嫩江", "チチハル",
            "大連", "佐世保", "飯田", "信濃毎日新聞"]


def _proposals(text: str, terms: list[str]):
    glossary = tuple(GlossaryTerm(t) for t in terms)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    return [(c.heard, c.term, c.kind, c.part) for c in find_corrections(text, glossary, labels)]


@pytest.mark.parametrize("text,found", [
    # a family name heard as words, a mora off and a sound more: the whole run, with the neighbour
    # that holds the missing sound (古|いけ, not いけ節子 leaving 古 behind)
    ("娘の古いけ節子さんに伺います。", [("古いけ節子", "小池節子", "check", "near")]),
    # a given name alone heard as a word and を, before 先生: トシ|ヲ read exactly トシオ, said as a
    # name; を sounds オ and no particle stands before a suffix: the same sounds, sure (as 森もとまさを先生)
    ("都市を先生の話は、私もよく聞きました。", [("都市を", "敏夫", "sure", "given")]),
    ("手紙を先生に渡しました。", []),            # テガミヲ: no name of the glossary
    # the same words not said as a name: nothing
    ("都市を見ました。", []),
    ("古い池を見ました。", []),
    # what another rule already writes stays that rule's (sure)
    ("中隊長の丸山都市を先生が来ました。", [("丸山都市を", "丸山敏夫", "sure", "whole")]),
])
def test_a_run_heard_near_a_term_is_put_to_the_recording(text, found):
    assert _proposals(text, NENJIANG) == found


MANEI = ["木下静江", "大谷敏夫", "新京", "満洲映画協会", "図們", "ソ連軍", "錦州", "佐世保", "李香蘭"]


@pytest.mark.parametrize("text,found", [
    # a place of three morae heard a mora off (トモ for トモン) where a place stands (まで)
    ("撮影でともまで連れて行ってくださいました。", [("とも", "図們", "check", "near")]),
    ("都市を先生は、撮影でともまで行きました。", [("都市を", "敏夫", "sure", "given"), ("とも", "図們", "check", "near")]),
    ("撮影でとものことを話しました。", []),     # not said as a place
    ("錦州から船に乗りました。", []),           # the term itself: nothing to propose
])
def test_a_short_place_a_mora_off_where_a_place_stands(text, found):
    assert _proposals(text, MANEI) == found


def test_the_near_kind_has_a_margin_of_its_own():
    near = Correction(0, 5, "古いけ節子", "小池節子", 2.0, "check", "near")
    assert check_margin(near, 4.0) == CHECK_MARGINS["near"]
