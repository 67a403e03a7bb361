"""Issue 10, eighth session (names11): dates and labels once the text is written: a month said without
its year, a part of a year (18年の暮れ), a date in kanji numerals among dates in digits, a body said as
one (満鉄の調査部で), a given name alone before 氏 (昭氏, a misheard 上司)."""
import pytest

from conftest import heard_transcript
from pipeline.glossary import GlossaryTerm
from pipeline.nlp import annotate
from pipeline.nlp.dates import dates_in_digits, digit_dates, month_in_last_year
from pipeline.nlp.entities import find_entities
from pipeline.nlp.labels import collection_labels, in_context
from pipeline.nlp.morph import analyze, analyze_all
from pipeline.options import NlpOptions


@pytest.mark.parametrize("surface,year,iso", [
    ("9月", 1945, "1945-09"), ("8月15日", 1945, "1945-08-15"), ("８月", 1946, "1946-08"),
    ("9月", None, None),            # no year said before it
    ("9月の初め", 1945, None),      # not a month alone
    ("翌月", 1945, None), ("春", 1945, None),
])
def test_a_month_alone_in_the_last_year_said(surface, year, iso):
    assert month_in_last_year(surface, year) == iso


@pytest.mark.parametrize("text,dates", [
    ("正造さんは、18年の暮れにハイラルの調査に出かけました。", [("18年の暮れ", "1943")]),
    ("1946年末に帰りました。", [("1946年末", "1946")]),
    ("昭和20年の夏には、方正にいました。", [("昭和20年の夏", "1945")]),
    ("それから2年間、収容所で働きました。", []),   # still a length of time
])
def test_a_part_of_a_year_belongs_to_its_date(text, dates):
    found = find_entities(analyze(text), (), era="昭和")
    assert [(text[f.begin:f.end], f.normalized) for f in found if f.label == "DATE"] == dates


def test_kanji_numerals_in_a_date_among_dates_in_digits():
    text = "父は昭和十二年の6月に、八月十五日に、二十年間、昭和元年に"
    fixes = [(c.heard, c.term, c.kind) for c in digit_dates(text)]
    assert fixes == [("昭和十二年の6月", "昭和12年の6月", "sure"), ("八月十五日", "8月15日", "sure")]  # not 二十年間, 元年
    assert dates_in_digits("昭和十二年の6月、19年の11月、1946年の8月")
    assert not dates_in_digits("昭和十二年の六月、昭和二十年の八月")  # the recording writes kanji: left as said


def test_a_month_alone_and_a_kanji_date_in_a_recording():
    """The language stage on one heard segment: 昭和十二年の6月 is written 昭和12年の6月 (the recording's
    other dates are in digits), and 9月 said after 1945年 is 1945-09, marked as inferred."""
    heard = "父は昭和十二年の6月に満州へ渡りました。1945年の8月15日は新京にいました。19年の11月に。9月には、ソ連軍が来ました。"
    out = annotate(heard_transcript("t", 0.0, 20.0, heard, 21.0), NlpOptions())
    dates = [(e.text, e.normalized, e.inferred) for e in out.entities if e.label == "DATE"]
    assert ("昭和12年の6月", "1937-06", None) in dates
    assert ("1945年の8月15日", "1945-08-15", None) in dates
    assert ("9月", "1944-09", "year 1944: the last year said (1944)") in dates  # 19年 (1944) was said last
    assert "十二" not in "".join(s.text for s in out.segments)


@pytest.mark.parametrize("texts,label", [
    (["満鉄の調査部で働かれた原田俊一さんに伺います。"], "ORG"),
    (["父は満鉄に勤めていました。", "満鉄から派遣されました。", "満鉄に入社しました。"], "ORG"),
    (["満鉄の事務所に行きました。"], None),   # a body's office and a town's alike: no vote
    (["満鉄の本社に入りました。"], None),     # 大連の本社: said of places too
])
def test_a_term_said_as_a_body_is_an_org(texts, label):
    described = collection_labels((GlossaryTerm("満鉄"),))
    assert described["満鉄"] == (None, "none")
    relabelled = in_context(described, analyze_all(texts))
    assert relabelled["満鉄"] == ((label, "body in context") if label else described["満鉄"])


def test_a_place_said_with_its_company_houses_stays_a_place():
    described = collection_labels((GlossaryTerm("海拉爾"),))
    relabelled = in_context(described, analyze_all(["海拉爾の社宅に住み、海拉爾から汽車で帰りました。"]))
    assert relabelled["海拉爾"] == ("PLACE", "place in context")


@pytest.mark.parametrize("text,people", [
    ("昭氏の伊東正造さんは、ロシア語が得意でした。", ["伊東正造"]),  # 上司 heard 昭氏: a given name before 氏
    ("林氏の話を聞きました。", ["林"]),                                # a family name before 氏 stands
    ("昭さんは優しい人でした。", ["昭"]),                              # a given name before さん stands
])
def test_a_given_name_alone_before_shi_is_no_name(text, people):
    found = find_entities(analyze(text), ())
    assert [text[f.begin:f.end] for f in found if f.label == "PERSON"] == people


@pytest.mark.parametrize("before,iso", [("翌年の", "1946-03"), ("その年の", "1945-03"), ("そして", "1945-03"), ("前の年の", "1944-03"),
                                        ("毎年、", None), ("例年", None)])
def test_a_month_after_a_year_said_relative_to_the_last(before, iso):
    assert month_in_last_year("3月", 1945, before) == iso


@pytest.mark.parametrize("text", ["その年の暮れに、帰りました。", "年の暮れに亡くなりました。", "去年の夏に会いました。"])
def test_a_relative_date_with_no_number_is_no_date(text):
    """No gold date of any fixture lacks a number or an era; GiNZA's Date on 年の暮れ is no point in time."""
    assert not [f for f in find_entities(analyze(text), (), era="昭和") if f.label == "DATE"]


def test_a_part_of_a_year_heard_in_kana():
    from pipeline.nlp.dates import year_part_kanji
    text = "正造さんは、18年のくれにハイラルへ。都市のくれに。20年のはじめに"
    assert [(c.heard, c.term, c.kind) for c in year_part_kanji(text)] == [("くれ", "暮れ", "sure"), ("はじめ", "初め", "sure")]
