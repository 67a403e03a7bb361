"""A glossary place heard as ordinary words of (nearly) its sound (eleventh session, names19).

The recogniser writes a place it does not expect as the commonest words that sound like it: a verb
(眠るから for 根室から, 泣きたから for 秋田から: one mora off), a word and kana (社なに渡りました for 紗那に),
a homophone (暮れの工場へ for 呉の工場へ). The term's own rules do not reach them: a run that ends on an
auxiliary (泣き|た) is no candidate, a near reading of a three-mora term is asked with the glossary's
margin (眠る: refused at -4.35), and a two-mora place is written only before a port or a landing.
- `place_word_checks` (here): a place of three morae or more heard within a mora as a verb or a word in
  the past, or exactly as other words (境 for 堺, 挑戦 for 朝鮮), where a place is moved to, from or stayed in
  (から, へ, に渡, で暮...: `MOVED`); a check of its own kind, "word", which the recording decides with its
  own margin (CHECK_MARGINS in glossary_fix.py, measured on the tuning set: README, eleventh session).
  Nouns a mora off stay the term's own rules';
- `glossary_fix._short_places` (there, with the glossary's short terms): a two-mora place heard exactly,
  as one word or a word and kana, before the place's works, school or port and a motion (暮れの工場へ,
  社なの国民学校), or a crossing (に渡り): sure, the audio cannot tell the same sounds apart.
"""
from __future__ import annotations

import re

from .glossary_fix import KEPT_SLOT, PROPOSERS, Correction, _entry_readings, _has_kanji, _is_function, _label
from .morae import mora_distance, morae
from .morph import morphemes

WORD_FAR = 1.0       # morae the heard words may be off the place's reading
WORD_RANK = -0.5     # among checks: before a term's own check of the same span (a homophone 0, a mora off 1)
WORD_RUN = 3         # words in a heard run, at most (and an auxiliary after them: 泣き|た)
MIN_PLACE_MORAE = 3  # shorter places are glossary_fix._short_places'


def _places(forms: list, labels: dict) -> list:
    """The glossary's places (by label, or unlabelled and a place to the dictionary: 方正), whole."""
    return [f for f in forms if f.part == "whole" and (_label(f.term, labels) == "PLACE" or not _label(
        f.term, labels) and _entry_readings(f.text, "PLACE"))]


def place_word_checks(text: str, forms: list, labels: dict, vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """Checks for runs of one to WORD_RUN words (and an auxiliary after them) from the start of a word that
    read exactly as a glossary place of MIN_PLACE_MORAE or more, or within WORD_FAR morae of it as a verb or
    in the past, standing where a place is moved to, from or stayed in (`MOVED`)."""
    places = [f for f in _places(forms, labels) if len(morae(f.reading)) >= MIN_PLACE_MORAE]
    if not places:
        return []
    out = []
    morphs = morphemes(text)
    for i, first in enumerate(morphs):
        if not _content(first) or first.begin and _has_kanji(first.text[:1]) and _has_kanji(text[first.begin - 1]):
            continue  # from the start of a word, not inside a compound
        reading = ""
        for j in range(i, min(i + WORD_RUN, len(morphs))):
            if not _content(morphs[j]):
                break
            reading += morphs[j].reading
            runs = [(j, reading)]
            if j + 1 < len(morphs) and _after_verb(morphs[j], morphs[j + 1]):
                runs.append((j + 1, reading + morphs[j + 1].reading))  # 泣き|た: its last sound heard as the past
            for last, said in runs:
                out += _checks(text, morphs[i:last + 1], said, places, vouched)
    return out


# where a place is said as the end of a move or a stay (glossary_fix.KEPT_SLOT but の: 不景の多くは, 軍人の
# 石川先生, 高州の農場 read a mora from other collections' places, 福井 群山 高雄, and the audio took some)
MOVED = tuple(s for s in KEPT_SLOT if s != "の")
NOT_ARRIVAL = re.compile(r"につ(?!きまし|きます|いた|いてから|くと|くまで)")  # 工場に勤め, 満州について


def _place_slot(text: str, end: int) -> bool:
    """Whether a word ending at `end` stands where a place is moved to, from or stayed in (`MOVED`)."""
    return text.startswith(MOVED, end) and not NOT_ARRIVAL.match(text, end)


def _content(m) -> bool:
    return not _is_function(m) and not m.pos.startswith(("補助記号", "空白"))


def _checks(text: str, run: list, said: str, places: list, vouched: frozenset[str]) -> list:
    begin, end = run[0].begin, run[-1].end
    heard = text[begin:end]
    if heard in vouched or not _place_slot(text, end) or len(run) == 1 and "地名" in run[0].pos:
        return []  # no place's slot, or a place the dictionary knows was said (満州へ)
    far = WORD_FAR if _predicate(run) else 0.0  # a noun: read exactly as the place (境へ for 堺へ, 挑戦から)
    out = []
    for form in places:
        if form.text in heard or heard in form.text:
            continue
        distance = mora_distance(said, form.reading, far)
        if distance <= far:
            out.append(((True, WORD_RANK + distance, -len(morae(form.reading)), 0, begin),
                        Correction(begin, end, heard, form.text, distance, "check", "word")))
    return out


def _predicate(run: list) -> bool:
    """Whether the run is a verb, or a word in the past (眠る, 泣き|た): no place, so heard for one where a
    place is said, it is the place misheard or an odd sentence said, which the audio tells apart. (Nouns a
    mora off are the term's own rules' and keep the glossary's margin: 工場へ, a mora from 光州, scored -1.79
    for it, 週戦の from 朝鮮 -2.65: the tuning set's wrong ones of other collections' places. Nouns read
    exactly as a place, where a place is moved to, were the place every time: 境へ, 山型から, 単空から.)"""
    return any(m.pos.startswith("動詞") for m in run) or run[-1].text in PAST


PAST = ("た", "だ")


def _after_verb(before, m) -> bool:
    """An auxiliary of the past (た, だ) after a verb or a noun of one word (泣き|た): how a verb heard
    for the place's last sound is written."""
    return m.text in PAST and before.pos.startswith(("動詞", "名詞"))


PROPOSERS.append(place_word_checks)  # asked by glossary_fix.find_corrections with its own rules
