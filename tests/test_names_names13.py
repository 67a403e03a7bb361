"""Ninth session (names13): proposals of different kinds for one span compete, the recording choosing
among them (compete.py): an era heard as a word before a year (秀徳の十九年, 昭和 said) against the
glossary place near in sound (承徳) and what was heard."""
import json
from dataclasses import replace

import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.compete import era_rivals, with_rivals
from pipeline.nlp.glossary_fix import Correction, find_corrections
from pipeline.nlp.labels import collection_labels

from conftest import DATA, heard_transcript

JEHOL = ["村上清志", "村上房江", "長谷川秀夫", "満州国協和会", "熱河省", "承徳", "綏芬河", "撫順戦犯管理所",
         "瀋陽", "舞鶴", "秋田", "ソ連軍"]


@pytest.mark.parametrize("text,era,found", [
    # a check right before a year said without its era: the era is proposed for the word and its の
    ("夫は秀徳の19年の4月に", "昭和", [("秀徳の", "昭和")]),
    ("夫は秀徳の十九年の四月に", "昭和", [("秀徳の", "昭和")]),
    ("夫は秀徳19年に", "昭和", [("秀徳", "昭和")]),
    ("秀徳の事務所に移りました", "昭和", []),      # no year after it
    ("夫は秀徳の99年に", "昭和", []),              # a year the era never reached
])
def test_an_era_is_proposed_against_a_check_before_a_bare_year(text, era, found):
    begin = text.index("秀徳")
    check = Correction(begin, begin + 2, "秀徳", "承徳", 1.0, "check")
    assert [(c.heard, c.term) for c in era_rivals(text, [check], era)] == found
    assert era_rivals(text, [replace(check, kind="sure")], era) == []  # a sure one's reading decides


def test_a_date_check_over_a_check_is_its_rival_and_over_a_sure_one_is_not_asked():
    check = Correction(2, 4, "秀徳", "承徳", 1.0, "check")
    era = Correction(2, 5, "秀徳の", "昭和", 0.0, "check", "date")
    alone = Correction(20, 22, "6月", "の9月", 1.0, "check", "month")
    assert with_rivals([check], [era, alone]) == [replace(check, rivals=(era,)), alone]
    assert with_rivals([replace(check, kind="sure")], [era]) == [replace(check, kind="sure")]


def test_checks_for_other_terms_that_lost_the_span_by_rank_are_kept_as_rivals():
    glossary = tuple(GlossaryTerm(t) for t in JEHOL)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    for c in find_corrections("秀夫さんと一緒に釈放されました", glossary, labels):
        assert all(r.term != c.term and r.begin < c.end and c.begin < r.end for r in c.rivals)
        assert c.kind == "check" or not c.rivals


def test_the_recording_chooses_the_era_over_the_glossary_place():
    """synthetic_jehol says 夫は昭和19年の4月に、承徳の事務所に移りました; recognition wrote 昭和 as 秀徳の,
    and the glossary's 承徳 (ショウトク, a mora from シュウトク) was proposed and written over it, the
    era never asked. Now the era (the recording's, from its Western year 1956) is the check's rival:
    one stretch, three texts scored (heard, 承徳, 昭和), and the era wins (on base: -16.3 nats against
    -20.7 for 承徳 and -25.8 heard), so the date is 昭和19年の4月 again."""
    from pipeline.asr.likelihood import Scorer
    from pipeline.audio import decode
    from pipeline.nlp import annotate
    from pipeline.options import AsrOptions, NlpOptions
    path = DATA / "interviews" / "synthetic_jehol"
    reference = json.loads(path.with_suffix(".reference.json").read_text(encoding="utf-8"))
    said = next(s for s in reference["sentences"] if "昭和19年" in s["text"])
    later = next(s for s in reference["sentences"] if "1956年" in s["text"])
    heard = said["text"].replace("昭和", "秀徳の").rstrip("。")
    transcript = heard_transcript("jehol", said["start"], said["end"], heard, reference["duration"])
    other = heard_transcript("jehol", later["start"], later["end"], later["text"].rstrip("。"), reference["duration"])
    transcript = replace(transcript, segments=transcript.segments + (replace(other.segments[0], id=1),))
    samples = decode(path.with_suffix(".flac")).samples
    scorer = Scorer.for_glossary(lambda: samples, JEHOL, AsrOptions())
    out = annotate(transcript, NlpOptions(), tuple(GlossaryTerm(t) for t in JEHOL), scorer)
    checks = [c for s in out.segments for c in s.glossary_checks]
    assert len(checks) == 1 and set(checks[0]["among"]) == {"承徳", "秀徳の→昭和"}
    assert scorer.calls == 3
    assert (checks[0]["term"], checks[0]["accepted"]) == ("昭和", True)
    assert checks[0]["term_nats"] == max(checks[0]["among"].values())
    assert ("昭和19年の4月", "1944-04") in [(e.text, e.normalized) for e in out.entities]


NAMES = ["村上清志", "村上千代", "石川義雄", "藤井重雄", "宮本正雄", "高橋義男", "小池武"]


@pytest.mark.parametrize("text,found", [
    # a glossary person's family name as written, the given name heard up to two morae off, a name suffix:
    # the person's name misheard (shingishu, sanjiang, dairen): a check of its own kind
    ("同じ学校の石川吉岳先生に", [("石川吉岳", "石川義雄", "check", "named")]),
    ("団長の藤井市業さんが", [("藤井市業", "藤井重雄", "check", "named")]),
    ("高橋吉さんが来ました", [("高橋吉", "高橋義男", "check", "named")]),
    # another person of the glossary with the same family name is that person, not a mishearing
    ("村上千代さんに伺います", []),
    ("小池の節子さん", []),                      # a particle said between: two words (names12)
    # the given name said right, or not said as a name (no suffix: 石川吉岳の町 stays the general
    # check's), or too far off: nothing of this kind
    ("石川義雄先生に", []),
    ("石川吉岳の町に", []),
    ("藤井健太郎さんが", []),
])
def test_a_given_name_heard_far_after_its_family_name_is_put_to_the_recording(text, found):
    glossary = tuple(GlossaryTerm(t) for t in NAMES)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    assert [(c.heard, c.term, c.kind, c.part) for c in find_corrections(text, glossary, labels)
            if c.part == "named"] == found


def test_a_person_heard_in_other_kanji_is_read_kanji_by_kanji():
    """村上清寺さん for 村上清志 (jehol): the dictionary reads 清寺 セイジ, three morae from キヨシ; read
    kanji by kanji (清 キヨ, 寺 ジ) it is half a mora off, so a check (the family name keeps its reading)."""
    glossary = tuple(GlossaryTerm(t) for t in JEHOL)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    found = find_corrections("協和会につとめられた村上清寺さんの奥様", glossary, labels)
    assert [(c.heard, c.term, c.kind, c.distance) for c in found] == [("村上清寺", "村上清志", "check", 0.5)]
    assert find_corrections("村上清寺の家", glossary, labels)[0].kind == "sure"  # 村上清 read exactly (before)


def test_a_given_name_the_recording_accepted_after_its_family_name_is_its_hearing_of_that_name():
    """shingishu: 石川吉岳先生 accepted as 石川義雄 (a named check) makes 吉岳 this recording's hearing of
    義雄, so 吉岳先生 said later is 義雄先生 (as for a sure correction, eighth session)."""
    from pipeline.nlp.glossary_fix import heard_parts
    glossary = tuple(GlossaryTerm(t) for t in NAMES)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    accepted = Correction(5, 9, "石川吉岳", "石川義雄", 2.0, "check", "named")
    heard_as = heard_parts([accepted], glossary, labels)
    assert heard_as == {"吉岳": "義雄"}
    later = find_corrections("吉岳先生が、切符を探してくれました", glossary, labels, heard_as=heard_as)
    assert [(c.heard, c.term, c.kind) for c in later] == [("吉岳", "義雄", "sure")]
    assert heard_parts([Correction(5, 9, "石川吉岳", "石川義雄", 2.0, "check", "whole")], glossary, labels) == {}


def test_no_proposal_over_the_term_already_written():
    """jehol's own words: その後、撫順戦犯管理所 — the run 後、撫順戦犯管理 reads two morae from the term
    (a sound before, 所 after), and was proposed sure, writing the term over itself."""
    glossary = tuple(GlossaryTerm(t) for t in JEHOL)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    assert find_corrections("夫はその後、撫順戦犯管理所に移されました。", glossary, labels) == []
    assert [(c.heard, c.term) for c in find_corrections("夫はその後、武術先般管理所に移されました。", glossary, labels)] \
        == [("武術先般管理所", "撫順戦犯管理所")]
