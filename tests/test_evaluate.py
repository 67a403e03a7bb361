"""Scores against a reference: the edit distance (rapidfuzz) agrees with the textbook dynamic
programme, and CER normalises the way the project measures it."""
import random

import pytest

from pipeline.evaluate import cer, edit_distance


def textbook_distance(a: str, b: str) -> int:
    """Wagner-Fischer, unit costs: what evaluate.edit_distance computed by hand before rapidfuzz."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.mark.parametrize("a,b,distance", [
    ("", "", 0), ("撫順", "", 2), ("", "抑留", 2), ("武順", "撫順", 1), ("よく理由", "抑留", 4),
    ("ヨクリユウ", "ヨクリュウ", 1), ("フルミタダユキ", "フルミタダユキ", 0), ("kitten", "sitting", 3),
    ("満州国", "万州国の官僚", 4), ("👍撫順", "撫順👍", 2),  # astral-plane characters count once
])
def test_edit_distance_table(a, b, distance):
    assert edit_distance(a, b) == distance == textbook_distance(a, b)


def test_edit_distance_agrees_with_the_textbook_on_random_japanese():
    rng = random.Random(14)
    alphabet = "あいうかきくアイウカキク撫順抑留、。 ab"
    for _ in range(300):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert edit_distance(a, b) == textbook_distance(a, b), (a, b)


def test_cer_ignores_punctuation_width_and_spaces():
    assert cer("撫順に、行きました。", "撫順に行きました") == 0.0
    assert cer("ＡＢＣ　です", "ABCです") == 0.0
    assert cer("武順に行きました", "撫順に行きました") == pytest.approx(1 / 8)
    with pytest.raises(ValueError, match="empty"):
        cer("何か", "、。")


def test_entity_scores_match_each_mention_to_its_own_sentence():
    """A name said in two sentences in a row: each gold mention takes the one found in its own sentence,
    not the first within reach (京城 at 1.6 s and 10.1 s, sentences 0.5-6.3 s and 7.0-13.3 s)."""
    from types import SimpleNamespace

    from pipeline.evaluate import entity_scores
    from pipeline.transcript import Entity
    reference = {"sentences": [
        {"start": 0.5, "end": 6.3, "entities": [["京城", "PLACE"]]},
        {"start": 7.0, "end": 13.3, "entities": [["京城", "PLACE"], ["昭和18年の4月", "DATE", "1943-04"]]}]}
    found = [Entity("京城", "PLACE", 1, 10, 12, 10.1, 10.4),
             Entity("京城", "PLACE", 0, 4, 6, 1.6, 1.9),
             Entity("昭和18年の4月", "DATE", 1, 2, 10, 8.0, 9.0, normalized="1943-04")]
    scores = entity_scores(SimpleNamespace(entities=found), reference)
    assert scores["matched"] == 3 and scores["timed"] == 1.0 and scores["dates_normalized"] == 1.0
    # one found mention for two said: one match, timed inside its sentence; the other is missed
    scores = entity_scores(SimpleNamespace(entities=found[:1]), reference)
    assert scores["matched"] == 1 and scores["timed"] == 1.0 and scores["recall"] == 1 / 3
