"""Well-known places and bodies the collection's glossary does not list (`nlp.gazetteer`).

A collection's glossary lists its own people and places, never every prefecture or port a narrator
passes through; Whisper base writes those it does not know in katakana (カラツ for 唐津, カラフト for
樺太) or as ordinary words a sound off (大盛り for 青森). The gazetteer (`words/places.txt`, or a file
of one's own: term, TAB, label) is matched as the glossary is (glossary_fix.find_corrections), on the
place's own readings only: kana or kanji read exactly like it is written at once; a reading a mora off,
or ordinary words, only where a place is said (から, へ, に着...) and the recording supports it. It comes
after the glossary and never writes over a glossary term (proposed or written), a place name already in
kanji (大牟田 is no 大分), another name in kanji heard whole, or a name before a suffix (宮崎さん). What it
writes becomes an entity with its label, and so does a term said right that GiNZA missed (`places_said`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..glossary import GlossaryTerm
from ..sudachi import morphemes
from .glossary_fix import (CHECK_RATE, FUNCTION_POS, PLACE_SLOT, VOICED, Correction, all_kanji, find_corrections,
                           term_forms, term_reading)
from .morae import kana, mora_distance, morae
from .labels import NAME_SUFFIXES
from .vocabulary import load, spans_taken

# what kana spelled like a place does not end on: a verb or an adjective (あきた: 飽き|た, not 秋田)
NOT_IN_A_NAME = ("動詞", "形容詞")


def gazetteer_terms(name: str, glossary: tuple[GlossaryTerm, ...]) -> dict[str, str]:
    """The gazetteer's terms the glossary does not hold, with their labels."""
    have = {t.text for t in glossary}
    return {t.text: t.label or "PLACE" for t in load(name, "nlp.gazetteer") if t.text not in have}


def gazetteer_corrections(text: str, name: str, glossary: tuple[GlossaryTerm, ...],
                          proposed: list[Correction]) -> list[Correction]:
    """Proposals of the gazetteer's terms for `text` that touch no glossary proposal, no glossary term
    written in the text, no place name in kanji and no name said whole or with a suffix."""
    labels = gazetteer_terms(name, glossary)
    morphs = morphemes(text)
    said = _sounds_in(text, morphs)
    every = _readings(name)
    terms = tuple(t for t in load(name, "nlp.gazetteer") if t.text in labels and any(
        _may_be_in(r, said) for r in every[t.text]))  # (most of the list cannot be near this text: the cost)
    if not terms:
        return []
    taken = spans_taken(text, glossary, proposed)
    names = [m for m in morphs if "固有名詞" in m.pos and len(m.text) >= 2 and all_kanji(m.text)]
    taken += [(m.begin, m.end) for m in names if "地名" in m.pos]  # a place heard is a place said (大牟田)
    bounds = {m.begin for m in morphs} | {m.end for m in morphs}
    out = []
    for c in find_corrections(text, terms, labels):
        if any(c.begin < b and a < c.end for a, b in taken) or any((m.begin, m.end) == (c.begin, c.end) for m in names):
            continue  # (another name in kanji, heard whole, was said; one glued to more, 箱田|手, is misheard)
        if text.startswith(NAME_SUFFIXES, c.end) or c.heard.endswith(NAME_SUFFIXES):
            continue  # 宮崎さん, ミヤザキ先生: a person of that name
        if not (c.begin in bounds and c.end in bounds) and not _kana(c.heard):
            continue
        if _kana(c.heard) and c.part != "short" and not _word_of_its_own(text, morphs, c):
            continue  # (a short place, 呉 for くれ, stands where only a place stands: glossary_fix.SHORT_SLOT)
        if not _sounds_like(morphs, c, every[c.term]):
            continue  # 工場 (コウジョウ) spelled 高松 kanji by kanji (コウ|ショウ): a well-known place is said as
                      # everyone reads it, so only its own reading counts
        if c.distance:  # near, not the place's own sounds (周戦 for 終戦 is シュウセン, a sound off 朝鮮): a
            c = replace(c, kind="check")  # name heard there may be another word misheard; the audio decides
        if c.kind == "check" and not (_said_as(labels[c.term], text, c)
                                      and _as_long(morphs, c, min(every[c.term], key=len))):
            continue  # ordinary words a sound off a place (大盛りに移り: 青森) are put to the audio only where
                      # a place is said, and not a word the place holds (港から is no 大湊): each check costs
                      # a pass of Whisper
        out.append(c)
    return out


@lru_cache(maxsize=8)
def _readings(name: str) -> dict[str, frozenset[str]]:
    """Each gazetteer term's readings (its own, and the dictionary's other place readings: 小倉 コクラ, オグラ)."""
    terms = load(name, "nlp.gazetteer")
    forms = term_forms(terms, {t.text: t.label for t in terms})
    return {t.text: frozenset(f.reading for f in forms if f.term == t) or frozenset({term_reading(t)}) for t in terms}


# morae a long vowel, a doubled consonant or a voicing may stand for (cost half or nothing in mora_distance)
LOOSE_MORAE = frozenset("ーウイオッン")
UNVOICED = {v: u for u, v in VOICED.items()}


def _plain(mora: str) -> str:
    return UNVOICED.get(mora[:1], mora[:1]) + mora[1:]


def _firm(reading: str) -> list[str]:
    return [_plain(m) for m in morae(kana(reading)) if m not in LOOSE_MORAE]


def _pairs(sounds: list[str]) -> set[tuple[str, str]]:
    """Pairs of morae one after the other or one apart (ABC: AB, BC, AC)."""
    return {(a, b) for k, a in enumerate(sounds) for b in sounds[k + 1:k + 3]}


_KANA_RUN = re.compile("[\u3041-\u30ff]+")


def _sounds_in(text: str, morphs) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """The morae of the text, as its words read and as its kana are written (unvoiced, long vowels and
    doubled consonants left out), and their pairs (`_pairs`)."""
    spoken = _firm("".join(m.reading for m in morphs))
    written = [_firm(run) for run in _KANA_RUN.findall(text)]
    return frozenset(spoken).union(*written), frozenset(_pairs(spoken).union(*map(_pairs, written)))


def _may_be_in(reading: str, said: tuple[frozenset[str], frozenset[tuple[str, str]]]) -> bool:
    """Whether the text may hold the reading within a check's distance, a cheap bound: a reading heard
    a mora or two off keeps two of its morae one after the other or one apart (ABC heard AXC keeps A?C),
    so a term none of whose pairs the text holds is no proposal, and is not matched at all (the cost)."""
    firm = _firm(reading)
    if len(firm) < 3:  # (コウチ: コ, チ; one mora off, コウザ, leaves no pair of them)
        return not firm or any(m in said[0] for m in firm)
    return not _pairs(firm).isdisjoint(said[1])


def _heard(morphs, c: Correction) -> str:
    """The reading of the words heard: the kana as written, else the dictionary's."""
    if _kana(c.heard):
        return kana(c.heard)
    return kana("".join(m.reading for m in morphs if c.begin <= m.begin and m.end <= c.end))


def _sounds_like(morphs, c: Correction, readings: set[str]) -> bool:
    """Whether the words heard, as the dictionary reads them, lie within CHECK_RATE of the place's own
    reading (a mora off at most for a short one)."""
    heard = _heard(morphs, c)
    return any(mora_distance(heard, r, max(1.0, CHECK_RATE * len(morae(r)))) <= max(1.0, CHECK_RATE * len(morae(r)))
               for r in readings)


def _said_as(label: str, text: str, c: Correction) -> bool:
    """Where the words heard stand as the term would: a place before から, へ, に着... (`PLACE_SLOT`); a body
    with its last word heard right (監督軍 for 関東軍: an army is said with 軍)."""
    return text.startswith(PLACE_SLOT, c.end) if label == "PLACE" else c.heard[-1:] == c.term[-1:]


def _as_long(morphs, c: Correction, reading: str) -> bool:
    """Whether the words heard are as many morae as the place: a sound changed, none lost."""
    return len(morae(_heard(morphs, c))) >= len(morae(reading))


def _word_of_its_own(text: str, morphs, c: Correction) -> bool:
    """Kana spelled like a place that stands as a word: not ending on a verb, an adjective or an
    auxiliary (あきた: 飽き|た, not 秋田; させぼ, さ|せ|ぼ after 乗り、, is 佐世保), nor the middle of longer kana
    (こうちょう holds こうち; ソレンカ is no ソレン then カ)."""
    inside = [m for m in morphs if c.begin < m.end and m.begin < c.end]
    if not inside or inside[-1].pos.startswith(NOT_IN_A_NAME + FUNCTION_POS):
        return False  # (SudachiPy cuts kana it does not know anyhow: さ|せ|ぼ, a verb and an auxiliary, for させぼ)
    if _katakana(c.heard):
        return not _katakana(text[c.begin - 1:c.begin]) and not _katakana(text[c.end:c.end + 1])
    return (c.begin, c.end) == (inside[0].begin, inside[-1].end)  # hiragana: where SudachiPy cuts it


def _kana(text: str) -> bool:
    return bool(text) and all("\u3041" <= ch <= "\u30ff" for ch in text)


def _katakana(text: str) -> bool:
    return bool(text) and all("\u30a1" <= ch <= "\u30ff" for ch in text)


def places_said(analysis, found: list, places: dict[str, str]) -> list:
    """`found` with the gazetteer's terms said as heard made entities where GiNZA missed them (横浜) or
    gave a place a body's label or the reverse (満鉄 as a place): whole words only, a proper noun among
    them (大分, the adverb だいぶ, is no 大分), never before a name suffix; a person stays (宮崎 may be one)."""
    from .entities import describe  # (entities imports glossary_fix, as this module does: kept local)
    text, morphs = analysis.text, analysis.morphemes
    begins, ends = {m.begin for m in morphs}, {m.end for m in morphs}
    out = list(found)
    for term, label in places.items():
        start = text.find(term)
        while start >= 0:
            end = start + len(term)
            inside = [m for m in morphs if start <= m.begin and m.end <= end]
            if start in begins and end in ends and any("固有名詞" in m.pos for m in inside) \
                    and not text.startswith(NAME_SUFFIXES, end):
                same = [k for k, f in enumerate(out) if (f.begin, f.end) == (start, end)]
                if same and out[same[0]].label in ("PLACE", "ORG") and out[same[0]].label != label:
                    out[same[0]] = describe(text, morphs, start, end, label, out[same[0]].fine_label, GlossaryTerm(term, label))
                elif not any(f.begin < end and start < f.end for f in out):
                    out.append(describe(text, morphs, start, end, label, None, GlossaryTerm(term, label)))
            start = text.find(term, end)
    return sorted(out, key=lambda f: (f.begin, f.end))
