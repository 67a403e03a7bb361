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
    # the family name heard the same way before the other name: the near check over the sure kana one
    # (いけたけし: 小池武) is asked first, and if the recording refuses it the sure one comes back
    ("古いけたけしさんと、娘の古いけ節子さん", [("古いけたけし", "小池武", "check", "near"),
                                               ("古いけ節子", "小池節子", "check", "near")]),
    # a particle said between two words is no near reading of a term without it
    ("小池の節子さん", []),
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


def test_a_near_check_with_a_word_after_a_sure_one_is_not_asked_first():
    """What follows a sure correction (田中まさおと: the particle glued on by the tokenizer) holds no
    sound of the term: the sure one is written, no check asked over it (the recording refused such
    ones at -5.4 and -20.7 nats)."""
    from pipeline.nlp.glossary_fix import _near_anywhere, _vouched_words, term_forms
    terms = ["田中春子", "田中正夫", "新京", "葫芦島"]
    text = "兄の田中まさおと一緒に、"
    found = _proposals(text, terms)
    assert [p for p in found if p[1] == "田中正夫"] == [("田中まさお", "田中正夫", "sure", "whole")]
    glossary = tuple(GlossaryTerm(t) for t in terms)  # and no near reading of 正夫 with the と in it
    assert not _near_anywhere(text, term_forms(glossary), {}, _vouched_words(glossary))


def test_a_family_name_called_with_a_suffix_is_no_near_reading():
    """Someone called by the family name alone (西田さん) is not the whole name misheard (西田久子:
    ニシダサン is two morae from ニシダヒサコ); the run ends on the suffix, so no near check."""
    found = _proposals("隣の西田さんとは、よく遊びました。", ["西田久子", "西田勝", "吉林"])
    assert not [p for p in found if p[3] == "near"]


def test_a_refused_near_check_gives_back_the_sure_one_inside_it():
    glossary = tuple(GlossaryTerm(t) for t in NENJIANG)
    text = "古いけたけしさんと話しました。"
    first = find_corrections(text, glossary)
    refused = frozenset((c.begin, c.end, c.term) for c in first if c.kind == "check")
    assert [(c.heard, c.term, c.kind) for c in find_corrections(text, glossary, None, refused)] == [
        ("いけたけし", "小池武", "sure")]


def test_the_near_kind_takes_the_glossary_margin():
    """Calibrated on the recordings (README, eighth session): true near readings scored +7.5 to -9.9
    nats against the heard sentence, wrong ones -4.9 (a particle said: now no proposal), -8.2, -15.9;
    the glossary's margin (4) takes the upper half of the true ones and no wrong one."""
    near = Correction(0, 5, "古いけ節子", "小池節子", 2.0, "check", "near")
    assert "near" not in CHECK_MARGINS and check_margin(near, 4.0) == 4.0


SHINGISHU = ["村上千代", "石川義雄", "安東", "新義州", "京城", "平壌", "釜山", "博多", "松本", "朝鮮総督府", "満鉄"]


def test_a_given_name_heard_as_before_is_written_where_it_is_said_again():
    """The recording's own mishearing of a name repeats (shingishu, after its blind run): 石川吉岡先生
    was written 石川義雄 (sure: the family name right, the whole a near reading), so 吉岡 is how this
    recording hears 義雄, and 吉岡先生 later is 義雄先生 (sure); not inside another word (福吉岡), and
    nothing without the earlier correction."""
    from pipeline.nlp.glossary_fix import heard_parts
    glossary = tuple(GlossaryTerm(t) for t in SHINGISHU)
    first = find_corrections("同じ学校の石川吉岡先生に教わりました。", glossary)
    assert [(c.heard, c.term, c.kind) for c in first] == [("石川吉岡", "石川義雄", "sure")]
    heard_as = heard_parts(first, glossary)
    assert heard_as == {"吉岡": "義雄"}
    later = "逃げました、吉岡先生が切符を探してくれました。"
    assert [(c.heard, c.term, c.kind, c.part) for c in find_corrections(later, glossary, None, frozenset(), heard_as)] \
        == [("吉岡", "義雄", "sure", "given")]
    sure = lambda text, h=None: [c for c in find_corrections(text, glossary, None, frozenset(), h) if c.kind == "sure"]
    assert sure(later) == []  # (a near check only, which the recording refused at -10 nats)
    assert sure("福吉岡先生が来ました。", heard_as) == []
    assert sure("吉岡の町に行きました。", heard_as) == []
