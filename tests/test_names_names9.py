"""Issue 10, seventh session (names9): labels a recording settles for terms nothing else labels (a
katakana or unknown-kanji place, a title said as one), and a title's last word."""
import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.entities import find_entities
from pipeline.nlp.labels import collection_labels, in_context
from pipeline.nlp.morph import analyze_all


@pytest.mark.parametrize("term", ["大陸新報", "満州グラフ", "主婦之友", "大阪週報", "主婦の友", "暮しの手帖"])
def test_a_title_by_its_last_word(term):
    """A newspaper's or a magazine's last word (〜新報 〜週報 〜グラフ 〜之友) makes the term a WORK."""
    assert collection_labels((GlossaryTerm(term),))[term] == ("WORK", "suffix")


@pytest.mark.parametrize("term,texts,label,how", [
    # a katakana place the dictionary does not know, said with a facility in it or as a destination
    ("タイシェット", ["タイシェットの収容所で、鉄道を作る仕事をさせられました。"], "PLACE", "place in context"),
    ("ライチハ", ["兄はライチハの収容所に送られました。", "ライチハから手紙が来ました。"], "PLACE", "place in context"),
    # a Chinese place in kanji the dictionary splits into pieces
    ("佳木斯", ["土地は、佳木斯の北の広い平原にありました。", "佳木斯から貨車に乗りました。"], "PLACE", "place in context"),
    ("海拉爾", ["私たちは海拉爾まで歩きました。"], "PLACE", "place in context"),
    ("佳木斯", ["土地は、佳木斯の北の広い平原にありました。"], "PLACE", "place in context"),  # a side of it
    # a title said as one: after the kind of work, or named as one
    ("改造", ["父は雑誌の改造に、上海の思い出を書きました。"], "WORK", "title in context"),
    ("三光", ["渡辺とは、後に三光という本を一緒に作りました。"], "WORK", "title in context"),
    ("キング", ["兄はキングという雑誌を毎月読んでいました。"], "WORK", "title in context"),
    ("少年倶楽部", ["少年倶楽部という雑誌を毎月読みました。"], "WORK", "title in context"),  # GiNZA alone: ORG
    # an ordinary word of Japanese in kanji says から too: no place
    ("抑留", ["抑留から帰ってきました。"], None, "none"),
    # a body said as one, or a name said with a suffix, is no place (said as a body more often: an ORG, names11)
    ("満鉄", ["父は満鉄に勤めていました。", "満鉄から派遣されました。", "満鉄に入社しました。"], "ORG", "body in context"),
    ("満鉄", ["父は満鉄で働いていました。"], None, "none"),  # で働き: said of a place and of a body alike
    ("タイシェット", ["タイシェットで鉄道を作りました。"], "PLACE", "place in context"),
    ("タイシェット", ["タイシェットの終了所で、鉄道を作りました。"], "PLACE", "place in context"),  # 収容所 misheard
    ("満鉄", ["満鉄の事務所に行きました。"], None, "none"),  # a body's office
    ("タイシェット", ["タイシェットさんと話しました。"], None, "none"),
    # said neither way: the recording settles nothing
    ("タイシェット", ["タイシェットは寒かったです。"], None, "none"),
    ("興安丸", ["ナホトカから興安丸に乗り、舞鶴に着きました。"], None, "none"),
])
def test_a_term_nothing_labels_settled_by_the_recording(term, texts, label, how):
    described = collection_labels((GlossaryTerm(term), GlossaryTerm("佐藤一郎")))
    assert described[term][1] in ("none", "ginza")
    relabelled = in_context(described, analyze_all(texts))
    assert relabelled[term] == (label, how) if label else relabelled[term] == described[term]
    assert relabelled["佐藤一郎"] == described["佐藤一郎"]


def test_the_recordings_label_holds_in_every_sentence():
    """Once the recording says タイシェット as a place, it is a PLACE entity in a sentence that says
    nothing of it (one label per term for the recording)."""
    glossary = (GlossaryTerm("タイシェット"),)
    texts = ["タイシェットの収容所に入れられました。", "タイシェットは寒かったです。"]
    analyses = analyze_all(texts)
    labels = {t: lab for t, (lab, _) in in_context(collection_labels(glossary), analyses).items()}
    for analysis in analyses:
        found = [(analysis.text[f.begin:f.end], f.label) for f in find_entities(analysis, glossary, labels)]
        assert ("タイシェット", "PLACE") in found


@pytest.mark.parametrize("text,dates", [
    # a length of months, weeks or days is no date (GiNZA: Period_Month, Period_Day, Period_Year)
    ("病院で三か月の治療を受けました。", []), ("収容所には2ヶ月いました。", []), ("6か月ほど働きました。", []),
    ("3日間歩き続けました。", []), ("半年ほど待ちました。", []), ("一か月後に出発しました。", []),
    # a month, a day of a month, a year: dates still
    ("3月に着きました。", ["3月"]), ("1946年の3月3日に着きました。", ["1946年の3月3日"]),
    ("昭和20年の8月15日に終戦でした。", ["昭和20年の8月15日"]),
])
def test_a_length_of_months_or_days_is_no_date(text, dates):
    from pipeline.nlp.morph import analyze
    found = find_entities(analyze(text), ())
    assert [text[f.begin:f.end] for f in found if f.label == "DATE"] == dates


@pytest.mark.parametrize("text,persons", [
    # a name glued after a verb or an adjective is the tail of a longer name misheard (小池節子)
    ("娘の古いけ節子さんに伺います。", []),
    # after a particle, an auxiliary, a noun or a prefix it is a name
    ("娘の節子さんに伺います。", ["節子"]), ("来た節子さんと話しました。", ["節子"]), ("兄正夫は泣きました。", ["正夫"]),
    ("故田中正夫さんの手紙です。", ["田中正夫"]),
])
def test_a_name_glued_after_a_verb_or_adjective_is_no_name(text, persons):
    from pipeline.nlp.morph import analyze
    glossary = (GlossaryTerm("小池節子"), GlossaryTerm("田中正夫"))
    found = find_entities(analyze(text), glossary)
    assert [text[f.begin:f.end] for f in found if f.label == "PERSON"] == persons
