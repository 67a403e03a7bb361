"""Dates said without their era (私は19年に), and an era the recogniser wrote as another word
(小林31年 for 昭和31年): normalised in the recording's era, marked as inferred; the audio decides."""
import json

import pytest

from conftest import DATA, heard_transcript
from pipeline.glossary import GlossaryTerm
from pipeline.nlp.dates import era_checks, normalize_in_era, recording_era
from pipeline.nlp.entities import find_entities
from pipeline.nlp.morph import analyze


@pytest.mark.parametrize("text,era", [
    ("私は1950年の7月に、シベリアから。31年の6月に判決を受けました。", "昭和"),  # a Western year's era
    ("大正12年に生まれ、昭和20年に終戦、昭和21年に帰国。", "昭和"),               # the era named most
    ("明治45年、大正元年。", "明治"),                                              # a tie: the first named
    ("二十年ほど前のことです。", None),                                            # no dated year: no era
])
def test_the_recordings_era(text, era):
    assert recording_era(text) == era


@pytest.mark.parametrize("surface,era,iso", [
    ("31年の6月", "昭和", "1956-06"), ("十九年", "昭和", "1944"), ("19年", None, None),
    ("70年", "昭和", None),          # 昭和 ended in its 64th year
    ("昭和3年", "大正", None),        # names its own era: normalize_date's job
    ("1950年", "昭和", None),         # a Western year
    ("20年間", "昭和", None),         # a length of time
])
def test_normalised_in_an_era(surface, era, iso):
    assert normalize_in_era(surface, era) == iso


@pytest.mark.parametrize("text,dates", [
    ("私は19年に奉天から嫁いで来ました。", [("19年", "1944", "era 昭和: the recording's era")]),
    ("20年間、港で働きました。", []),                         # a length of time: no date at all
    ("戦後10年に帰国しました。", [("戦後10年", None, None)]),  # counted from the war's end
    ("昭和31年の6月に判決を受けました。", [("昭和31年の6月", "1956-06", None)]),
])
def test_a_year_without_its_era_is_inferred_and_marked(text, dates):
    found = find_entities(analyze(text), (), era="昭和")
    assert [(text[f.begin:f.end], f.normalized, f.inferred) for f in found if f.label == "DATE"] == dates


@pytest.mark.parametrize("text,dates", [
    ("桃山小学校で、3年生の担任になりました。", []),          # a school grade (GiNZA: School_Age)
    ("それから2年間、収容所で働きました。", []),              # a length of time (GiNZA: Period_Year)
    ("学校を出て3年目の、昭和19年の5月に", [("昭和19年の5月", "1944-05")]),  # the 3rd year of something
    ("二十年前のことです。", []),
    ("私は19年に奉天から嫁いで来ました。", [("19年", "1944")]),  # a year, a point in time
    ("1945年前後のことです。", [("1945年前後", "1945")]),   # a Western year is a year whatever follows
])
def test_a_count_of_years_is_no_date(text, dates):
    found = find_entities(analyze(text), (), era="昭和")
    assert [(text[f.begin:f.end], f.normalized) for f in found if f.label == "DATE"] == dates


@pytest.mark.parametrize("text,era,proposed", [
    ("小林31年の6月に、瀋陽の法廷で", "昭和", [("小林", "昭和", "check")]),  # a glossary name for the era
    ("戦後10年に", "昭和", []), ("西暦31年", "昭和", []), ("昭和31年の6月に", "昭和", []),
    ("小林31年の6月に", None, []),              # no era in the recording, and コバヤシ sounds like none
    ("私は、小学13年の3月に", None, [("小学", "昭和", "check")]),  # none: the era nearest in sound (ショウガク)
    ("平静21年に", None, [("平静", "平成", "check")]),
    ("入社13年の春", None, []),                 # ニュウシャ as near 明治 as 昭和 and 令和: no one era
    ("小学70年に", None, []),                   # no era has reached its 70th year by now (昭和: 64)
    ("小林70年に", "昭和", []),                                              # past the era's last year
    ("私は19年に", "昭和", []),                                              # no word in the era's place
    # a word and the particle は that read the era as said (小|は: ショウ|ワ)
    ("父は、小は10年の6月に", "昭和", [("小は", "昭和", "check")]), ("父は、小は10年の6月に", None, [("小は", "昭和", "check")]),
    ("それは10年の6月に", "昭和", []),                                        # ソレワ: no era
])
def test_an_era_written_as_another_word_is_a_check(text, era, proposed):
    assert [(c.heard, c.term, c.kind) for c in era_checks(text, era)] == proposed


def _annotated_with_era_heard_as(name: str, dated: tuple[str, ...], heard_as: str):
    """The sentences of synthetic_`name` that hold any of `dated`, as recognition would give them with
    昭和 written `heard_as` (sentence ends left for the pauses to restore), annotated with the glossary
    and the recording's own audio deciding the checks."""
    from dataclasses import replace

    from pipeline.asr.likelihood import Scorer
    from pipeline.audio import decode
    from pipeline.nlp import annotate
    from pipeline.options import AsrOptions, NlpOptions
    path = DATA / "interviews" / f"synthetic_{name}"
    reference = json.loads(path.with_suffix(".reference.json").read_text(encoding="utf-8"))
    said = [s for s in reference["sentences"] if any(d in s["text"] for d in dated)]
    heard = [s["text"].replace("昭和", heard_as).rstrip("。") for s in said]
    parts = [heard_transcript(name, s["start"], s["end"], h, reference["duration"]) for s, h in zip(said, heard)]
    transcript = replace(parts[0], segments=tuple(replace(p.segments[0], id=k) for k, p in enumerate(parts)))
    glossary = tuple(GlossaryTerm(t) for t in reference["glossary"])
    samples = decode(path.with_suffix(".flac")).samples
    scorer = Scorer.for_glossary(lambda: samples, list(reference["glossary"]), AsrOptions())
    return annotate(transcript, NlpOptions(), glossary, scorer)


def test_the_recording_restores_a_lost_era():
    """synthetic_fushun says 昭和31年の6月に; recognition fed the glossary wrote 小林31年 (小林武雄 is
    a term). The recording's other date (1950年) puts it in 昭和; the audio prefers 昭和 (about 6 nats
    above 小林 on base), and the date is normalised to 1956-06."""
    out = _annotated_with_era_heard_as("fushun", ("1950年", "昭和31年"), "小林")
    checks = [c for s in out.segments for c in s.glossary_checks]  # in the sentence it corrected only
    assert [len(s.glossary_checks) for s in out.segments] == [0, 1]
    assert [(c["heard"], c["term"], c["accepted"]) for c in checks] == [("小林", "昭和", True)]
    assert checks[0]["term_nats"] > checks[0]["heard_nats"]
    dates = [(e.text, e.normalized) for e in out.entities if e.label == "DATE"]
    assert dates == [("1950年の7月", "1950-07"), ("昭和31年の6月", "1956-06")]
    assert out.provenance["stages"]["nlp"]["era"] == "昭和"
    assert not any(e.text == "小林" for e in out.entities)  # the era is no longer a person


def test_an_era_lost_where_the_recording_names_none():
    """synthetic_harbin says 昭和13年の3月 and later 21年の10月, no other era; recognition wrote
    小学13年, so the recording named no era. The word glued to the year is proposed as the era
    nearest in sound (ショウガク, ショウワ), the audio prefers it (about +2.6 nats on base), and the
    restored era places the later year said without one (1946-10, marked inferred)."""
    out = _annotated_with_era_heard_as("harbin", ("13年", "21年"), "小学")
    checks = [c for s in out.segments for c in s.glossary_checks]
    assert [(c["heard"], c["term"], c["accepted"]) for c in checks] == [("小学", "昭和", True)]
    dates = [(e.text, e.normalized, e.inferred) for e in out.entities if e.label == "DATE"]
    assert dates == [("昭和13年の3月", "1938-03", None), ("21年の10月", "1946-10", "era 昭和: the recording's era")]
    assert out.provenance["stages"]["nlp"]["era"] == "昭和"


def test_an_edited_date_drops_its_inferred_era():
    """An archivist who rewrites 19年 as 1944年 in review leaves no stale `inferred` on the entity."""
    from pipeline.corrections.edits import _described
    from pipeline.transcript import Entity
    entity = Entity("19年", "DATE", 0, 2, 5, 0.0, 1.0, "Date", "1944", inferred="era 昭和: the recording's era")
    edited = _described(entity, "私は1944年に", 2, 7)
    assert (edited.text, edited.normalized, edited.inferred) == ("1944年", "1944", None)
