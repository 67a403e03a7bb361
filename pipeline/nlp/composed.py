"""A glossary place's readings composed from its kanji, for the places the dictionary reads otherwise or
not at all (twelfth session, names21).

A place of Karafuto, Korea or China is said in a reading the dictionary lacks: 恵須取 エストル (SudachiPy has
no entry), 木浦 モッポ (it has キウラ), 真岡 マオカ (モオカ, the Tochigi town). The recogniser, not knowing the
name, writes what it hears in katakana (エストル, マオカ) or in kanji by ear. A user's glossary has no
readings, so each such term is given CANDIDATE readings, composed from its characters' readings in
KANJIDIC2 (words/kanji_readings.txt: on, kun and name readings; the dictionary's own per-kanji readings are
too few: 恵 has no エ, 須 no ス, 浦 no ホ) with the usual sound changes between them (a closing ク ツ チ キ
doubled before a voiceless sound, and ハ after it made パ: モク|ホ モッポ; a later kanji voiced: rendaku). The
cheapest MAX_COMPOSED spellings are kept, the reading types ranked (on first, then kun, then name readings).

A run the recogniser wrote in katakana, or in kanji no dictionary reads as a word, read exactly as one of a
place's composed readings (in morae, as the matcher measures: a long vowel written either way), is a check
of its own kind ("composed"), never written sure: the recording decides (`pipeline.asr.likelihood`), with
the margin CHECK_MARGINS["composed"] (README, twelfth session, names21).
"""
from __future__ import annotations

import heapq
from functools import lru_cache

from .glossary_fix import (CHECK_MARGINS, PLACE_SLOT, TERM_PROPOSERS, Correction, _entry_readings, _has_kanji,
                           _katakana, _label, _plain_vowels, _unread, all_kanji, term_reading)
from .kanji_table import KUN, kanji_readings
from .morae import kana, mora_distance, morae
from .labels import NAME_SUFFIXES
from .morph import morphemes

MAX_COMPOSED = 64      # candidate readings kept per term (the cheapest)
MAX_COST = 3.0         # a spelling costing more than this is not a candidate
TERM_KANJI = (2, 4)    # kanji in a place composed so
# what each sound change costs (a reading's own cost: kanji_table)
GEMINATE = 0.25       # モク|ホ: モッポ (the on readings of a compound, as a rule)
RENDAKU = 0.5          # a kun reading voiced after the first kanji (大|泊 オオドマリ), or an on reading after ン (元山);
                       # an on reading voiced after another sound is not tried (真岡 マ|ゴウ would be マゴーたち, 孫)
COMPOSED_RANK = 0.8    # among checks: before the unread rule (1.0+) for the same span, after a term's own
COMPOSED_MARGIN = 6.5  # nats the term's sentence may score below the heard one, as for the other kinds that rest on
                       # a reading heard exactly ("word", "kept"). Tuning set (README, twelfth session): true ones
                       # +0.22 to -5.16, and -9.9 to -16.8 (エストル: rare kanji the model will not write); no wrong
                       # one proposed; other places' kanji put for those katakana runs -5.8 to -24
CHECK_MARGINS["composed"] = COMPOSED_MARGIN

VOICED = dict(zip("カキクケコサシスセソタチツテトハヒフヘホ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボ"))
HALF_VOICED = dict(zip("ハヒフヘホ", "パピプペポ"))
DOUBLED_BEFORE = set("カキクケコサシスセソタチツテトハヒフヘホパピプペポ")


def _joined(before: str, reading: str, cost: float) -> list[tuple[str, str, float]]:
    """(the earlier part as it ends now, this kanji's reading as said, the extra cost) for `reading` (of
    cost `cost`: on or kun) after `before`: as it is, voiced (rendaku), or with the earlier closing sound
    doubled (モク|ホ: モッ|ポ)."""
    out = [(before, reading, 0.0)]
    if reading[:1] in VOICED and (cost >= KUN or before.endswith("ン")):
        out.append((before, VOICED[reading[0]] + reading[1:], RENDAKU))
    if before[-1:] in "クツチキ" and len(before) > 1 and reading[:1] in DOUBLED_BEFORE:
        out.append((before[:-1] + "ッ", HALF_VOICED.get(reading[0], reading[0]) + reading[1:], GEMINATE))
    return out


@lru_cache(maxsize=1024)
def composed_readings(text: str) -> tuple[str, ...]:
    """The cheapest MAX_COMPOSED readings of a term in kanji composed from its characters' readings
    (katakana, long vowels as ウ); () if a kanji is not in the table or the term is not TERM_KANJI kanji."""
    if not TERM_KANJI[0] <= len(text) <= TERM_KANJI[1] or not all_kanji(text):
        return ()
    choices = [kanji_readings(c) for c in text]
    if not all(choices):
        return ()
    # best first over (cost, reading so far, kanji done): each step joins the next kanji's readings
    heap: list[tuple[float, str, int]] = [(cost, r, 1) for r, cost in choices[0]]
    heapq.heapify(heap)
    out: list[str] = []
    while heap and len(out) < MAX_COMPOSED:
        cost, reading, done = heapq.heappop(heap)
        if cost > MAX_COST:
            break
        if done == len(text):
            reading = _plain_vowels(reading)
            if reading not in out:
                out.append(reading)
            continue
        for r, c in choices[done]:
            for before, said, extra in _joined(reading, r, c):
                if cost + c + extra <= MAX_COST:
                    heapq.heappush(heap, (cost + c + extra, before + said, done + 1))
    return tuple(out)


def _places(glossary: tuple, labels: dict) -> dict[str, tuple[str, ...]]:
    """The glossary's places in kanji (by label; unlabelled: no dictionary word, or a place to the
    dictionary) with their composed readings, less the readings the term's own rules already match."""
    out = {}
    for term in glossary:
        label = _label(term, labels)
        if term.reading or not all_kanji(term.text) or not (
                label == "PLACE" or label is None and (_unread(term.text) or _entry_readings(term.text, "PLACE"))):
            continue
        composed = _new_readings(term.text)
        if composed:
            out[term.text] = composed
    return out


@lru_cache(maxsize=1024)
def _new_readings(text: str) -> tuple[str, ...]:
    """A place's composed readings but those of its own the dictionary gives (木浦: キウラ is the term's rules')."""
    from ..glossary import GlossaryTerm
    own = {_plain_vowels(r) for r in (term_reading(GlossaryTerm(text)), *_entry_readings(text, "PLACE")) if r}
    return tuple(r for r in composed_readings(text) if r not in own)


def composed_checks(text: str, glossary: tuple, labels: dict, vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """Checks for runs in katakana (anywhere but a country's name, not said of people), or of kanji that are
    no dictionary word (said where a place stands: `PLACE_SLOT`), read as one of a glossary place's composed
    readings (exactly, or a long vowel, a voicing or a ッ off for a run of COMPOSED_FAR_MORAE or more)."""
    places = _places(glossary, labels)
    if not places:
        return []
    out = []
    for begin, end, said in _heard_runs(text, vouched):
        far = COMPOSED_FAR if len(morae(said)) >= COMPOSED_FAR_MORAE else 0.0
        for term, readings in places.items():
            if term in text[begin:end]:
                continue
            distance = 0.0 if said in readings else min((mora_distance(said, r, far) for r in readings
                                                          if abs(len(r) - len(said)) <= 1), default=1.0) if far else 1.0
            if distance <= far:
                out.append(((True, COMPOSED_RANK + distance, -len(morae(said)), 0, begin),
                            Correction(begin, end, text[begin:end], term, distance, "check", "composed")))
    return out


COMPOSED_FAR = 0.5      # morae a heard run of COMPOSED_FAR_MORAE or more may be off a composed reading: a long
COMPOSED_FAR_MORAE = 4  # vowel, a voicing or a ッ (エストール); a shorter run only exactly (プサン is no 富山 プザン)
COMPOSED_MIN_MORAE = 3  # shorter runs match some composed reading by chance
PEOPLE = NAME_SUFFIXES + ("たち", "達")  # after a run said of people (マゴーたち: 孫たち), no place


def _heard_runs(text: str, vouched: frozenset[str]) -> list[tuple[int, int, str]]:
    """(begin, end, reading) of the runs a place's composed reading is matched against: a whole run of
    katakana words (not a country: ロシア), and one or two kanji words from the start of a word, no
    dictionary word among them (unknown, or a name: 目歩), before a place's slot."""
    morphs = morphemes(text)
    out = []
    k = 0
    while k < len(morphs):
        j = k
        while j < len(morphs) and _katakana(morphs[j].text):
            j += 1
        if j > k:
            run, k = morphs[k:j], j
            said = _plain_vowels(kana(text[run[0].begin:run[-1].end]))
            if not any("地名-国" in m.pos for m in run) and text[run[0].begin:run[-1].end] not in vouched \
                    and len(morae(said)) >= COMPOSED_MIN_MORAE and not text.startswith(PEOPLE, run[-1].end):
                out.append((run[0].begin, run[-1].end, said))
            continue
        k += 1
    for i, m in enumerate(morphs):
        if not all_kanji(m.text) or m.begin and _has_kanji(text[m.begin - 1]):
            continue
        for j in (i, i + 1):
            run = morphs[i:j + 1]
            if j >= len(morphs) or not all(all_kanji(x.text) for x in run):
                break
            begin, end = run[0].begin, run[-1].end
            if end < len(text) and _has_kanji(text[end]) or not text.startswith(PLACE_SLOT, end) \
                    or text[begin:end] in vouched or not any(x.oov or "固有名詞" in x.pos for x in run) \
                    or len(run) == 1 and "地名" in m.pos:
                continue
            said = _plain_vowels(kana("".join(x.reading for x in run)))
            if len(morae(said)) >= COMPOSED_MIN_MORAE:
                out.append((begin, end, said))
    return out


TERM_PROPOSERS.append(composed_checks)  # asked by glossary_fix.find_corrections with the glossary itself


def places_heard(described: dict, fixes: list) -> dict:
    """The collection labels (labels.collection_labels), with each unlabelled term the recording accepted in
    one of its composed readings made a PLACE: only a place's readings are composed (恵須取 has no reading
    and no label; written before は alone, 恵須取は、今は..., nothing else would label it)."""
    heard = {c.term for c in fixes if c.part == "composed"}
    return {t: ("PLACE", "composed reading heard") if t in heard and label is None else (label, how)
            for t, (label, how) in described.items()}


def with_heard_readings(glossary: tuple, fixes: list) -> tuple:
    """The glossary with each term the recording accepted in a composed reading heard in kana given that
    reading (恵須取: エストル, not the kanji's メグミシュトリ), for its entities' reading and romanization."""
    from dataclasses import replace
    heard = {c.term: kana(c.heard) for c in fixes if c.part == "composed" and _katakana(c.heard)}
    return tuple(replace(t, reading=heard[t.text]) if t.text in heard and not t.reading else t for t in glossary)
