"""Issue 10, tenth session (names17): a glossary person's name split by a pause the recogniser heard
inside it (松井、佐千古さん for 松井幸子さん; harbin's and khabarovsk's cassette copies, bujun)."""
from __future__ import annotations

import pytest

from pipeline.glossary import GlossaryTerm
from pipeline.nlp.entities import find_entities
from pipeline.nlp.glossary_fix import find_corrections
from pipeline.nlp.labels import collection_labels
from pipeline.nlp.morph import analyze

NAMES = ["松井幸子", "佐野節子", "吉田和子", "森田幸子"]


@pytest.mark.parametrize("text,found", [
    # the family name, a pause mark, the given name misheard (or its very reading in other kanji), a
    # suffix: one person's name, put to the recording as a "named" check
    ("撫順で育った松井、佐千古さんに伺います。", [("松井、佐千古", "松井幸子", "check")]),
    ("隣の組の吉田、家族先生とは", [("吉田、家族", "吉田和子", "check")]),
    ("松井、幸子さんと", [("松井、幸子", "松井幸子", "sure")]),  # the name as written: the whole term's rule
    # another glossary person after the pause is a list of two people; a given name far off (イシカワ
    # for サチコ) is someone else; no suffix, no name
    ("松井、佐野さんと会いました。", []),
    ("森田、石川さんに伺います。", []),
    ("松井、佐千古の家に", []),
])
def test_a_name_split_by_a_pause_is_put_to_the_recording(text, found):
    glossary = tuple(GlossaryTerm(t) for t in NAMES)
    labels = {t: label for t, (label, _) in collection_labels(glossary).items()}
    assert [(c.heard, c.term, c.kind) for c in find_corrections(text, glossary, labels)] == found


@pytest.mark.parametrize("text,dates", [
    # 今日は、 heard as 昭和、 at the start of an interview (three cassette copies: bujun, sanjiang, anshan):
    # an era alone names no year, so no date; with its year it is one
    ("昭和、撫順で育った松井幸子さんに伺います。", []),
    ("昭和、三江省の開拓団で、少女時代を過ごされた", []),
    ("昭和20年に、撫順で育ちました。", [("昭和20年", "1945")]),
    ("昭和元年の生まれです。", [("昭和元年", "1926")]),
])
def test_an_era_alone_is_no_date(text, dates):
    found = find_entities(analyze(text), ())
    assert [(text[f.begin:f.end], f.normalized) for f in found if f.label == "DATE"] == dates
