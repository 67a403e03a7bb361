"""Glossary correction by reading: where the transcript *sounds* like a glossary term, write the term.

Whisper base hears 撫順 and writes 武順, ふるみただゆき for 古海忠之, よく理由 for 抑留. Each glossary
term knows its forms: the whole term, and for a person the family and the given name alone (田中正夫:
田中, 正夫), each with its kana reading (given, or from SudachiPy). Runs of morphemes in the
transcript are compared with them in morae (morae.py: a long vowel or voicing counts half).

Two kinds of proposal come out:
- `sure`: an exact or near reading where the heard run is clearly a mishearing (an unknown word, a
  name, kana only, a noun that cannot take する); written at once, as before;
- `check`: what only sounds like the term but is made of ordinary words (中央講論 for 中央公論, a
  name heard as a homophone, one dictionary word read exactly like the term: 新教 for 新京), or a
  run two or so morae off a long term (ヤマモトヤソウ for 山本康雄: up to CHECK_RATE per mora), or a
  family or given name alone in homophone kanji said as a name (数個さん for 和子: 数 is also カズ;
  吉田、数個先生 for 吉田和子, written whole); written only when the recording supports it (see
  `pipeline.asr.likelihood`), never without audio.

A term is also heard in its other readings (sixth session): a one-word name's other dictionary
entries of its kind (延吉: the given name エンキチ, the city エンキツ), and its kanji read one by one,
voiced or doubled where Japanese does so (北安省 ホク|アン|ショウ, 元山 ゲン|ザン, 黒河 コッ|カ; SudachiPy
reads them キタヤスショウ, モトヤマ, クロカワ: surnames). Kana so spelled is the term (sure); one
dictionary word so read (国家 for 黒河) is a check, sure where it is said as a place (国家の近く).
Kana that SudachiPy cuts across the particles around it (母|はけ|じょ|に|っぽ|お for 母は京城日報を)
is searched wherever a term may start and end in it. A place, body or title heard in kanji that the
dictionary reads as a personal name (盛州国通信社: 盛州 モリクニ) is re-read with those kanji one by one
(セイ|シュウ: two morae from マンシュウ): a check within the near rate.

A term the recogniser cut at a pause (吉田、和子; マイズル、引揚援護局) is read across the mark and
written whole. A near reading that spans a particle between two words (ボタンへの陸軍病院 for
牡丹江陸軍病院) is no proposal: the speaker said the particle (牡丹江の陸軍病院), and two words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..glossary import GlossaryTerm
from .kanji_table import NANORI, kanji_readings
from .labels import NAME_SUFFIXES
from .morae import kana, mora_distance, morae
from .morph import Morpheme, morphemes
from ..sudachi import to_hiragana
from .romaji import to_katakana

MIN_MORAE = 3          # terms shorter than this are too easily heard by chance
NEAR_MIN_MORAE = 4     # only readings at least this long may match with an edit
NEAR_RATE = 0.2        # weighted edits allowed per mora of the term's reading (at least 1)
CHECK_RATE = 0.3       # further off than NEAR_RATE but within this: only ever a `check` (the audio decides)
PART_MIN_MORAE = 2     # a family or given name alone: matched on its exact reading only
MAX_RUN = 6            # morphemes in one candidate run
NAME_LABELS = ("PERSON", "PLACE", "ORG", "WORK")  # a title is a name too (樺太日日新聞)
# proposers of checks other modules add (kept_kanji.py registers itself): each (text, forms, labels, vouched)
# -> [(rank, Correction)], asked by find_corrections after its own rules
PROPOSERS: list = []
# ... and those that need the glossary itself, not its terms' forms (composed.py: places with no reading of
# their own): each (text, glossary, labels, vouched) -> [(rank, Correction)]
TERM_PROPOSERS: list = []


def normalize_reading(text: str) -> str:
    """Katakana of a reading, for display and comparison (spaces and marks dropped)."""
    return kana(text)


@dataclass(frozen=True)
class TermForm:
    """A way a glossary term may be heard: the whole term, or a person's family or given name."""

    term: GlossaryTerm
    text: str      # what is written (the term, or the part)
    reading: str   # katakana
    part: str      # whole, family, given


def term_reading(term: GlossaryTerm) -> str:
    if term.reading:
        return kana(term.reading)
    return _reading(term.text)


@lru_cache(maxsize=4096)
def _reading(text: str) -> str:
    """SudachiPy's reading, or "" where it has none (an unknown kanji word keeps its kanji)."""
    reading = "".join(m.reading for m in morphemes(text))
    return reading if reading and kana(reading) == to_katakana(reading) else ""


def term_forms(glossary: tuple[GlossaryTerm, ...], labels: dict[str, str | None] | None = None) -> list[TermForm]:
    """Every form of every term. A person (by its label, else the dictionary) also has its parts:
    a family name and a given name SudachiPy tags as such, or the halves of a spaced reading."""
    labels = labels or {}
    forms = []
    for term in glossary:
        reading = term_reading(term)
        label = labels.get(term.text, term.label)
        if reading:
            forms.append(TermForm(term, term.text, reading, "whole"))
            if not term.reading:  # the other readings of a one-word name (延吉: エンキチ, the city エンキツ)
                forms += [TermForm(term, term.text, r, "whole")
                          for r in _entry_readings(term.text, label) if r != reading]
        parts = [m for m in morphemes(term.text)]
        if label not in (None, "PERSON") or len(parts) != 2:
            continue
        family, given = parts
        if not ("人名-姓" in family.pos and "人名-名" in given.pos) and label != "PERSON":
            continue
        readings = term.reading.split() if term.reading and len(term.reading.split()) == 2 else \
            [family.reading, given.reading]
        for m, r, part in ((family, readings[0], "family"), (given, readings[1], "given")):
            if len(morae(r)) >= PART_MIN_MORAE and kana(r):
                forms.append(TermForm(term, m.text, kana(r), part))
        if term.reading:
            continue
        # a name's other readings in the dictionary (義一: ヨシカズ first, ギイチ too), alone and in the whole name
        others = [[kana(readings[0])] + [r for r in _entry_readings(family.text, "PERSON") if r != kana(readings[0])],
                  [kana(readings[1])] + [r for r in _entry_readings(given.text, "PERSON") if r != kana(readings[1])]]
        for m, rs, part in ((family, others[0], "family"), (given, others[1], "given")):
            forms += [TermForm(term, m.text, r, part) for r in rs[1:] if len(morae(r)) >= PART_MIN_MORAE]
        forms += [TermForm(term, term.text, f + g, "whole") for f in others[0] for g in others[1]
                  if f + g != kana(reading)][:MAX_NAME_READINGS]
    return forms


MAX_NAME_READINGS = 6  # other readings of a whole person's name tried, at most


ENTRY_KINDS = {"PLACE": "地名", "PERSON": "人名"}  # which dictionary entries' readings a term of that label takes


@lru_cache(maxsize=4096)
def _entry_readings(text: str, label: str | None) -> tuple[str, ...]:
    """The readings of the dictionary's entries for `text` written alone that are names of the term's
    kind (a place: 地名; a person: 人名): 延吉 is エンキチ as a given name, エンキツ as a city, and
    SudachiPy's analysis gives the first."""
    kind = ENTRY_KINDS.get(label or "")
    if not kind:
        return ()
    from ..sudachi import readings
    return tuple(sorted({kana(r) for r in readings(text, kind) if r}))


@dataclass(frozen=True)
class Correction:
    begin: int
    end: int
    heard: str        # what the ASR wrote
    term: str         # the glossary surface written instead
    distance: float   # weighted edits between the readings, in morae
    kind: str = "sure"  # sure: written at once; check: written only if the audio supports it
    part: str = "whole"
    others: tuple[str, ...] = ()  # other terms the audio may choose for the same span (a check only)
    rivals: tuple["Correction", ...] = ()  # checks of other spans or kinds overlapping it: the audio chooses (compete.py)


FUNCTION_POS = ("助詞", "助動詞", "補助記号", "空白")


def _has_kanji(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _is_function(m: Morpheme) -> bool:
    return m.pos.startswith(FUNCTION_POS)


def _is_name(term: GlossaryTerm, label: str | None) -> bool:
    if label or term.label:
        return (label or term.label) in NAME_LABELS
    return any("固有名詞" in m.pos for m in morphemes(term.text))


def _misheard(run: list[Morpheme], after: Morpheme | None) -> bool:
    """Evidence that a run of words is a mishearing, not what was said: an unknown word, a name,
    kana only (how Whisper writes a name it does not know), or a noun conjugated with する that
    cannot take it (よく理由されて)."""
    if any(m.oov or "固有名詞" in m.pos for m in run):
        return True
    if not any(_has_kanji(m.text) for m in run):
        return True
    suru = after is not None and after.pos.startswith("動詞") and after.text[:1] in "しさすせ"
    return suru and "サ変" not in run[-1].pos


def _said_as_person(text: str, run: list[Morpheme], form: TermForm) -> bool:
    """Whether a run heard for a person's whole name starts with its family name as written and is said
    as a name (before さん, 先生...): the rest is the given name heard in other kanji (ninth session)."""
    family = next((m.text for m in morphemes(form.term.text) if "人名-姓" in m.pos), "")
    return form.part == "whole" and bool(family) and run[0].text == family and len(run) > 1 \
        and text[run[-1].end:].startswith(NAME_SUFFIXES)


REREAD_SPELLINGS = 200  # spellings of a run tried when its name words are read kanji by kanji, at most


def _reread_names(run: list[Morpheme], target: str, allowed: float, keep: bool = False) -> float | None:
    """The least distance from `target` of the run read with each word the dictionary reads as a
    personal name (盛州 モリクニ) read kanji by kanji instead (セイシュウ...), if within `allowed`.
    `keep`: the dictionary's reading of such a word stays one of its readings (a person's family name)."""
    from itertools import islice, product
    options = []
    for m in run:
        if "人名" in m.pos and 1 < len(m.text) <= 3 and all(_has_kanji(c) for c in m.text):
            spelled = ["".join(p) for p in islice(product(*(_kanji_readings(c) for c in m.text)), REREAD_SPELLINGS)]
            options.append(([m.reading] if keep else []) + [r for r in spelled if r != m.reading] or [m.reading])
        else:
            options.append([m.reading])
    best = min((mora_distance("".join(p), target, allowed) for p in islice(product(*options), REREAD_SPELLINGS)),
               default=float("inf"))
    return best if best <= allowed else None


def _readings_of(m: Morpheme) -> tuple[str, ...]:
    """A word's reading, and for one kanji alone every reading the dictionary has for it (武: タケ, ブ...)."""
    return (m.reading,) + (_kanji_readings(m.text) if len(m.text) == 1 and _has_kanji(m.text) else ())


def _ordinary_word(run: list[Morpheme]) -> bool:
    """One known dictionary word written with kanji (not a name): a homophone, not a mishearing."""
    return len(run) == 1 and _has_kanji(run[0].text) and not run[0].oov and "固有名詞" not in run[0].pos


def _known_place(run: list[Morpheme]) -> bool:
    """One place name of the dictionary written in kanji (満州, 長野): another place than a term a sound away."""
    return len(run) == 1 and len(run[0].text) > 1 and _has_kanji(run[0].text) and "地名" in run[0].pos


def _judge(run: list[Morpheme], morphs: list[Morpheme], i: int, j: int, form: TermForm, distance: float,
           is_name: bool, far: bool = False) -> str | None:
    """sure, check, or None (no proposal) for the run morphs[i..j] heard for `form`. `far`: the
    distance is past NEAR_RATE (within CHECK_RATE): a check at most."""
    after = morphs[j + 1] if j + 1 < len(morphs) else None
    if far:
        if form.part != "whole" or not is_name:
            return None
        kind = _judge(run, morphs, i, j, form, distance, is_name)
        return kind and "check"
    if form.part != "whole":
        # a family or given name alone: only a name (or an unknown word) read exactly the same, or a word
        # in katakana so read before a name suffix (シゲハルさん for 重治; twelfth session, names22's blind run)
        if distance or len(run) != 1 or not (run[0].oov or "人名" in run[0].pos or (
                after is not None and after.text in NAME_SUFFIXES and _katakana(run[0].text))):
            return None
        return "sure"
    if distance and not any(m.oov or _has_kanji(m.text) for m in run):
        if _is_function(run[0]) or _is_function(run[-1]):
            return "check"  # a word Sudachi cut into particles (し|べり|や for シベリア): the audio decides
        return None  # known words in kana, a sound off (ふじゅん), are those words
    said = "".join(m.reading for m in run)
    if distance and len(morae(form.reading)) > len(morae(said)) and any(
            0 <= k < len(morphs) and not _is_function(morphs[k]) and morphs[k].text not in NAME_SUFFIXES
            and any(mora_distance(r + said if k < i else said + r, form.reading, distance) < distance
                    for r in _readings_of(morphs[k]))
            for k in (i - 1, j + 1)):
        return None  # the missing sound is in the neighbour (武|順戦犯管理所: 武 also ブ): no partial fix
    if _ordinary_word(run):
        return "check"  # one dictionary word read like the term (新教 for 新京): a homophone; the audio decides
    if distance >= 1 and _known_place(run):
        return "check"  # a place the dictionary knows, a mora off (満州 near 錦州): said, or misheard; the audio decides
    ordinary = ((not is_name and not _misheard(run, after))
                or (len(run) > 1 and all(
                    not m.oov and "固有名詞" not in m.pos and m.pos.startswith(("名詞", "動詞")) and _has_kanji(m.text)
                    for m in run)))
    return "check" if ordinary else "sure"


def find_corrections(text: str, glossary: tuple[GlossaryTerm, ...],
                     labels: dict[str, str | None] | None = None,
                     refused: frozenset[tuple[int, int, str]] = frozenset(),
                     heard_as: dict[str, str] | None = None) -> list[Correction]:
    """Non-overlapping proposals for `text`, best first (sure before check, exact before near,
    longer before shorter; a check for a longer term holding a sure one's term, over its span, before
    it: カラフト日に地震文 is 樺太日日新聞 or nothing more than 樺太). `labels`: each term's collection
    label (labels.py). `refused`: (begin, end, term) of checks the recording refused, not proposed again
    (so the sure ones inside them come back). `heard_as`: a name part as the recording's earlier sure
    corrections heard it (`heard_parts`), written where it is said again before a name suffix."""
    forms = [f for f in term_forms(glossary, labels)
             if len(morae(f.reading)) >= (MIN_MORAE if f.part == "whole" else PART_MIN_MORAE)]
    if not forms and not any(t.heard for t in glossary) and not any(
            _unread(t.text) or len(t.text) <= 2 for t in glossary):
        return []
    labels = labels or {}
    morphs = morphemes(text)
    candidates: list[tuple[tuple, Correction]] = []
    spellings = [(spelling, f.text) for f in forms if f.part == "whole"
                 for spelling in {f.reading, to_hiragana(f.reading)} - {f.text}]
    spellings += [(spelling, t.text) for t in glossary for spelling in t.heard if spelling != t.text]
    for spelling, written in spellings:  # kana spellings of a term's reading (はるびん, ブジュン), however
        start = text.find(spelling)      # they tokenise, and what an archivist corrected to it (learned)
        while start >= 0:
            end = start + len(spelling)
            candidates.append(((0, 0, -len(spelling), 0, start), Correction(start, end, spelling, written, 0.0, "sure")))
            start = text.find(spelling, end)
    vouched = _vouched_words(glossary)
    for i in range(len(morphs)):
        reading = ""
        for j in range(i, min(i + MAX_RUN, len(morphs))):
            if morphs[j].pos.startswith(("補助記号", "空白")):
                if _pause_inside(morphs, i, j):
                    continue  # a term the recogniser cut at a pause (牡丹江、陸軍病院): the mark is no sound
                break
            reading += morphs[j].reading
            run = [m for m in morphs[i:j + 1] if not m.pos.startswith(("補助記号", "空白"))]
            surface = text[run[0].begin:run[-1].end]
            edged = _is_function(run[0]) or _is_function(run[-1])
            if edged and not (len(run) > 1 and _hiragana_only(surface)):
                continue  # a run starts and ends on content: 周恩来の is not a mishearing of 周恩来
            heard = morae(reading)
            if surface in vouched:
                continue  # the collection's own word (満州 of 満州拓殖公社) was said: never another term (錦州)
            for form in forms:
                target = morae(form.reading)
                if form.text in surface or abs(len(heard) - len(target)) > 2:  # 佐藤一郎さん holds it already
                    continue
                allowed = max(1.0, len(target) * NEAR_RATE) if len(target) >= NEAR_MIN_MORAE else 0.0
                checked = max(allowed, len(target) * CHECK_RATE) if len(target) >= NEAR_MIN_MORAE else 0.0
                distance = mora_distance(reading, form.reading, checked)
                if distance > checked:
                    if form.part == "whole" and _kana_only(surface) and len(heard) >= KANA_SPELLED_MIN_MORAE \
                            and _spelled_by_term(form.text, to_katakana(surface)) \
                            and _is_name(form.term, labels.get(form.term.text)):
                        # kana the term's own kanji spell, each read by one of its readings (ほくあんしょう:
                        # 北|安|省 ホク|アン|ショウ; SudachiPy reads 北安 キタヤス, a surname): the same sounds
                        # in another spelling, which the audio cannot tell apart; sure
                        candidates.append(((False, 0.0, -len(target), 0, i), Correction(
                            run[0].begin, run[-1].end, surface, form.text, 0.0, "sure")))
                    elif form.part == "whole" and _ordinary_word(run) and len(heard) >= MIN_MORAE \
                            and _spelled_by_term(form.text, kana(reading)) \
                            and _is_name(form.term, labels.get(form.term.text)):
                        # one dictionary word read as the name's kanji spell it one by one (国家 コッカ for
                        # 黒河 コク|カ, which SudachiPy reads クロカワ, a surname): a homophone; the audio decides,
                        # unless it is said as a place (国家の近く, 国家から): the same sounds, said as the name
                        sure = text[run[-1].end:].startswith(SAID_AS_PLACE) and (
                            _label(form.term, labels) == "PLACE" or _lone_name(form.term.text))
                        rank = 0.0 if sure else KANJI_READ_DISTANCE
                        candidates.append(((not sure, rank, -len(target), 0, i), Correction(
                            run[0].begin, run[-1].end, surface, form.text, rank, "sure" if sure else "check")))
                    elif form.part == "whole" and len(target) >= NEAR_MIN_MORAE and any("人名" in m.pos for m in run) \
                            and (_label(form.term, labels) in ("PLACE", "ORG", "WORK") or _said_as_person(
                                text, run, form)) \
                            and (reread := _reread_names(run, form.reading, allowed,
                                                         _label(form.term, labels) == "PERSON")) is not None:
                        # a place or a body heard in kanji the dictionary reads as a personal name (盛州国通信社:
                        # 盛州 モリクニ), near the term with those kanji read one by one (セイ|シュウ: マンシュウ
                        # two morae off): a check, the audio decides. So is a person's whole name heard with
                        # its family name and another name's kanji (村上清寺 ムラカミセイジ: キヨ|ジ, for 村上清志)
                        candidates.append(((True, reread, -len(target), 0, i), Correction(
                            run[0].begin, run[-1].end, surface, form.text, reread, "check")))
                    elif form.part == "whole" and len(target) >= MIN_MORAE and _read_by_kanji(surface, form.reading) \
                            and _is_name(form.term, labels.get(form.term.text)):
                        # homophone kanji the dictionary reads as another name (王朝明 オウトモアキ for
                        # 汪兆銘 オウチョウメイ), read kanji by kanji like the term: the audio decides. Sure for a
                        # place heard as kanji of more than one word, said where a place stands (人|戦の海へ:
                        # ジン|セン, the dictionary's place reading of 仁川; the audio, prompted with 仁川 it reads
                        # インチョン, refused it at -13.9 nats): the same sounds, said as a place (tenth session)
                        sure = len(run) > 1 and _label(form.term, labels) == "PLACE" and said_as_place(text, run[-1].end)
                        rank = 0.0 if sure else KANJI_READ_DISTANCE
                        candidates.append(((not sure, rank, -len(target), 0, i), Correction(
                            run[0].begin, run[-1].end, surface, form.text, rank, "sure" if sure else "check")))
                    elif form.part == "whole" and len(target) >= MIN_MORAE and _read_by_chars(surface, form.reading) \
                            and all(m.oov or "固有名詞" in m.pos for m in run) \
                            and _is_name(form.term, labels.get(form.term.text)) \
                            and not (_label(form.term, labels) != "PERSON"
                                     and _called_as(text, run[0].begin, run[-1].end, form)):  # 広さきさん: a person
                        # kanji and kana the dictionary takes for a name of its own (広|さき, コウ|サキ) that,
                        # each kanji read by one of its readings, spell the term exactly (ヒロサキ: 弘前):
                        # the same sounds, so the audio cannot tell the spellings apart; sure
                        candidates.append(((False, 0.0, -len(target), 0, i), Correction(
                            run[0].begin, run[-1].end, surface, form.text, 0.0, "sure")))
                    elif form.part != "whole" and len(target) >= MIN_MORAE and _read_by_kanji(surface, form.reading):
                        called = _called_as(text, run[0].begin, run[-1].end, form)
                        if called:  # a name alone in homophone kanji (数個さん for 和子: スウコ, 数 also カズ)
                            begin, written = called
                            candidates.append(((True, KANJI_READ_DISTANCE, -len(target), 0, i), Correction(
                                begin, run[-1].end, text[begin:run[-1].end], written, KANJI_READ_DISTANCE,
                                "check", form.part)))
                    continue
                if not distance and form.part != "whole" and len(run) > 1 and len(target) >= MIN_MORAE:
                    called = _called_as(text, run[0].begin, run[-1].end, form)
                    if called:  # ordinary words read exactly as a name part, said as a name (踏み子さん for
                        begin, written = called  # 文子): the same sounds, so the audio cannot tell; sure
                        candidates.append(((False, 0.0, -len(target), 0, i), Correction(
                            begin, run[-1].end, text[begin:run[-1].end], written, 0.0, "sure", form.part)))
                    continue
                if distance and form.part == "whole" and _particle_inside(run, form.text, surface, form.reading):
                    continue  # ボタンへの陸軍病院 is 牡丹江の陸軍病院 said, not the term 牡丹江陸軍病院
                kind = _judge(run, morphs, i, j, form, distance,
                              _is_name(form.term, labels.get(form.term.text)), distance > allowed)
                if kind:
                    rank = (kind != "sure", distance, -len(target), abs(len(heard) - len(target)), i)
                    candidates.append((rank, Correction(run[0].begin, run[-1].end, surface, form.text, distance,
                                                        kind, form.part)))
    candidates += _in_kana_stretches(text, forms, vouched)
    candidates += _before_name_suffixes(text, forms)
    candidates += _short_places(text, glossary, labels)
    candidates += _unread_places(text, glossary, labels, forms, vouched)
    candidates += _mixed_places(text, forms, labels)
    candidates += _odd_kanji_places(text, forms, labels, vouched)
    candidates += _near_anywhere(text, forms, labels, vouched)
    candidates += _heard_before(text, heard_as or {})
    candidates += _family_then_given(text, forms)
    for propose in PROPOSERS:  # checks of other modules (kept_kanji.py), asked here to compete with these
        candidates += propose(text, forms, labels, vouched)
    for propose in TERM_PROPOSERS:
        candidates += propose(text, glossary, labels, vouched)
    wholes = [c for _, c in candidates if c.kind == "sure" and c.part == "whole"]
    candidates = [(r, c) for r, c in candidates if c.part == "whole" or not any(  # a person's whole name
        w.term.endswith(c.term) or w.term.startswith(c.term)  # before a part of it inside (富士しげお:
        for w in wholes if w.begin <= c.begin and c.end <= w.end)]  # 藤井重雄, not しげお: 重雄)
    candidates = [(r, c) for r, c in candidates if (c.begin, c.end, c.term) not in refused
                  and not _written_across(text, c)]
    sures = [c for _, c in candidates if c.kind == "sure"]
    candidates = [((False, -1.0) + r[2:] if c.kind == "check" and c.part in ("whole", "near") and any(
        c.begin <= o.begin and o.end <= c.end and (o.begin, o.end) != (c.begin, c.end) and o.term in c.term
        and (o.term != c.term or c.part == "near" and o.end == c.end) for o in sures) else r, c) for r, c in candidates]
    # (a near check over a sure one of the same term, with the neighbour before holding its missing sound,
    # is asked first too: 古いけたけし for 小池武, not 古 left before いけたけし's 小池武; eighth session)
    chosen: list[Correction] = []
    ranked = [c for _, c in sorted(candidates, key=lambda x: x[0])]
    for c in ranked:
        if all(c.end <= o.begin or c.begin >= o.end for o in chosen):
            chosen.append(c)
    return sorted((_with_rivals(c, ranked, chosen) for c in chosen), key=lambda c: c.begin)


def _written_across(text: str, c: Correction) -> bool:
    """Whether the term is already written where the proposal would write it, in part (その後、撫順戦犯管理|所:
    the run 後、撫順戦犯管理 reads two morae from the term said right after it; ninth session)."""
    at = text.find(c.term, max(0, c.begin - len(c.term) + 1))
    return 0 <= at < c.end


MAX_RIVALS = 3  # checks of other terms asked with a chosen one, at most (each costs a pass of the decoder)


def _with_rivals(c: Correction, ranked: list[Correction], chosen: list[Correction]) -> Correction:
    """A chosen check with the checks for other terms that lost its span by rank alone (a term's own rule
    before a near reading of another): they overlap it and nothing else chosen, so the audio may choose
    among them (ninth session; compete.py). A sure proposal has none: its reading decides."""
    if c.kind != "check":
        return c
    rivals: list[Correction] = []
    for o in ranked:
        if o.kind == "check" and o.term != c.term and o.begin < c.end and c.begin < o.end \
                and all(o.end <= x.begin or o.begin >= x.end for x in chosen if x is not c) \
                and not any((r.begin, r.end, r.term) == (o.begin, o.end, o.term) for r in rivals):
            rivals.append(o)
    return replace(c, rivals=tuple(rivals[:MAX_RIVALS])) if rivals else c


def _in_kana_stretches(text: str, forms: list[TermForm], vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """Near readings of a term inside a stretch of kana, wherever they start and end: SudachiPy cuts
    unknown kana across the particles around it (母はけじょにっぽお: 母|はけ|じょ|に|っぽ|お, for
    京城日報を), so no run of its morphemes holds the name. Exact, or near a term of KANA_SURE_MORAE
    or more (a chance match that long is unlikely): sure; near a shorter one: a check."""
    out = []
    for stretch in _KANA_STRETCH.finditer(text):
        chars = stretch.group()
        for form in forms:
            target = morae(form.reading)
            if form.part != "whole" or len(target) < NEAR_MIN_MORAE or form.text in vouched and form.text in chars:
                continue
            allowed = max(1.0, len(target) * NEAR_RATE)
            for a in range(len(chars)):
                for b in range(a + 2, len(chars) + 1):
                    heard = morae(to_katakana(chars[a:b]))
                    if len(heard) > len(target) + 2 * allowed:  # a long vowel or a voicing costs half a mora
                        break
                    if len(heard) < len(target) - 2 * allowed:
                        continue
                    distance = mora_distance(to_katakana(chars[a:b]), form.reading, allowed)
                    if distance <= allowed and chars[b - 1] in PARTICLE_KANA and \
                            mora_distance(to_katakana(chars[a:b - 1]), form.reading, allowed) <= allowed:
                        continue  # the particle after it was said (けじょにっぽお: 京城日報を), not the term's end
                    if distance <= allowed:
                        begin = stretch.start() + a
                        kind = "sure" if distance == 0 or len(target) >= KANA_SURE_MORAE else "check"
                        out.append(((kind != "sure", distance, -len(target), abs(len(heard) - len(target)), begin),
                                    Correction(begin, begin + b - a, chars[a:b], form.text, distance, kind)))
    return out


# after the heard run: where a place is said (from, to, arrived, lived), or の before a noun (上海の日本人街)
KEPT_SLOT = ("から", "へ", "まで", "に着", "につ", "に渡", "に移", "に戻", "に帰", "に住", "で暮", "で育", "の")


def said_as_place(text: str, end: int) -> bool:
    """Whether a word ending at `end` stands where a place is said (`KEPT_SLOT`); の only before a noun
    (山海の日本人街, 人戦の海へ), not before kana (...のです)."""
    after = text[end:]
    return after.startswith(KEPT_SLOT) and not (after.startswith("の") and not (
        len(after) > 1 and (_has_kanji(after[1]) or "\u30a1" <= after[1] <= "\u30fa")))


PARTICLE_KANA = "をおはわがにのへでともや"
KANA_SURE_MORAE = 6  # a near reading of a term this long inside kana is written at once
# what follows a word said as a place: a destination, an origin, a side or the surroundings of it
SAID_AS_PLACE = ("へ", "から", "まで", "港", "駅", "の近く", "の郊外", "の周辺", "の北", "の南", "の東", "の西", "の町",
                 "の街", "の港", "の駅")


def _lone_name(text: str) -> bool:
    """One word the dictionary has as a personal name alone (黒河: a surname), which a glossary, naming
    its people in full, lists as a place more likely than as a person."""
    words = [m for m in morphemes(text) if not _is_function(m)]
    return len(words) == 1 and "人名" in words[0].pos


def _before_name_suffixes(text: str, forms: list[TermForm]) -> list[tuple[tuple, Correction]]:
    """A family or given name said before a name suffix, in words or kana read exactly like it however
    the tokenizer cut them (植えださん: 植え|ださ|ん, read as 植え|だ ウエダ, for 上田; ただ|おさん for
    忠雄), from the start of a word: the same sounds, said as a name, so sure (as 踏み子さん for 文子).
    So is a person's whole name (seventh session: 森もとまさを先生 for 森本正夫, 森|も|と|まさ|を: its
    last sound taken for the particle を, so no run of words that ends on content reads it whole), and
    a name part so heard (eighth session: 都市を先生 for 敏夫先生, トシ|ヲ)."""
    out = []
    morphs = morphemes(text)
    starts, word_spans = {m.begin for m in morphs}, {(m.begin, m.end) for m in morphs}
    people = {f.term.text for f in forms if f.part != "whole"}
    for suffix in _NAME_SUFFIX.finditer(text):
        end = suffix.start()
        for form in forms:
            target = morae(form.reading)
            whole = form.part == "whole" and form.term.text in people
            if form.part == "whole" and not whole or len(target) < MIN_MORAE:
                continue
            for begin in range(end - 1, max(-1, end - 2 * len(target) - 1), -1):
                heard = text[begin:end]
                if any(c in PAUSE_MARKS or c in "。？！?!" for c in heard) or form.text in heard:
                    break
                if begin not in starts or _has_kanji(heard) and begin and _has_kanji(text[begin - 1]):
                    continue  # not from the start of a word (女学|校の先生: 校の is no コウノ said as a name)
                if (mora_distance(kana(_reading_alone(heard)), form.reading, 0.0) == 0 if whole else
                        _final_o(_plain_vowels(kana(_reading_alone(heard)))) == _plain_vowels(form.reading)) \
                        and (begin, end) not in word_spans:
                    called = _called_as(text, begin, end, form)
                    if called:
                        at, written = called
                        out.append(((False, 0.0, -len(target), 0, at), Correction(
                            at, end, text[at:end], written, 0.0, "sure", form.part)))
                    break
    return out


def _final_o(reading: str) -> str:
    """A reading whose last sound the tokenizer took for the particle を read as the オ said (都市を先生
    for 敏夫先生: トシ|ヲ, トシオ; eighth session): を sounds オ, and no particle stands before a suffix."""
    return reading[:-1] + "オ" if reading.endswith("ヲ") else reading


def _reading_alone(text: str) -> str:
    return "".join(m.reading for m in morphemes(text))


_NAME_SUFFIX = re.compile("|".join(NAME_SUFFIXES))
_KANA_STRETCH = re.compile("[\u3041-\u309f\u30a1-\u30fc]{3,}")


def _vouched_words(glossary: tuple[GlossaryTerm, ...]) -> frozenset[str]:
    """The glossary's terms and the words of two or more characters they are made of (満州 of
    満州拓殖公社): the collection says them, so heard as such they were said, not misheard."""
    words = {t.text for t in glossary}
    for t in glossary:
        words.update(m.text for m in morphemes(t.text) if len(m.text) > 1 and not _is_function(m))
    return frozenset(words)


def _particle_inside(run: list[Morpheme], term: str, surface: str, target: str = "") -> bool:
    """A particle between the run's content words (ボタン|へ|の|陸軍|病院) where the term is written
    without kana: the speaker likely said the particle, and two words, not the term (a near reading
    only; kana Sudachi cut into particles, しべりや, is another matter). Not where the term needs the
    particle's sound (樺太|日|に|地震|文 for 樺太日日新聞, カラフトニチニチ: without に it is further off)."""
    if len(run) < 3 or _hiragana_only(surface) or any("\u3041" <= c <= "\u309f" for c in term):
        return False
    words = [k for k, m in enumerate(run) if not m.pos.startswith("助詞")]
    inside = any(b > a + 1 and not _hiragana_only(run[a].text) and not _hiragana_only(run[b].text)
                 for a, b in zip(words, words[1:]))  # particles between two words not in hiragana (山本|や|そう is kana)
    if not inside or not target:
        return inside
    said = "".join(m.reading for m in run)
    without = "".join(m.reading for k, m in enumerate(run) if k in words or k == 0 or k == len(run) - 1)
    as_said = mora_distance(said, target, 99.0)
    return mora_distance(without, target, as_said) <= as_said


PAUSE_MARKS = ("、", ",", "，", " ", "　")


def _pause_inside(morphs: list[Morpheme], i: int, j: int) -> bool:
    """Whether morphs[j] is the one pause mark of a run from morphs[i], between two content words."""
    return (morphs[j].text in PAUSE_MARKS and i < j < len(morphs) - 1
            and not any(m.text in PAUSE_MARKS for m in morphs[i:j])
            and not _is_function(morphs[j - 1]) and not _is_function(morphs[j + 1]))


def _called_as(text: str, begin: int, end: int, form: TermForm) -> tuple[int, str] | None:
    """How the run text[begin:end], heard for a family or given name alone, is said as a name: after
    the other part of the same person (吉田、数個: the whole name from the family name on, written
    whole) or before a name suffix (数個さん: the part alone). None: not said as a name."""
    term = form.term.text
    other = term[:-len(form.text)] if form.part == "given" and term.endswith(form.text) else ""
    before = text[:begin].rstrip("、 　")
    if other and before.endswith(other):
        return len(before) - len(other), term
    if text[end:].startswith(NAME_SUFFIXES):
        return begin, form.text
    return None


KANJI_READ_RUN = (2, 4)    # kanji in a run that may be read kanji by kanji against a term
KANJI_READ_DISTANCE = 0.5  # the rank such a proposal takes among checks (an exact reading, but not the dictionary's)


def _read_by_kanji(surface: str, target: str) -> bool:
    """Whether the kanji of `surface`, each read by one of its dictionary readings alone, spell
    `target` exactly (a long vowel written ウ or ー alike)."""
    if not KANJI_READ_RUN[0] <= len(surface) <= KANJI_READ_RUN[1] or not all(_has_kanji(c) for c in surface):
        return False
    return _spells(surface, target)


@lru_cache(maxsize=4096)
def _kanji_readings(kanji: str) -> tuple[str, ...]:
    """Every reading SudachiPy's dictionary has for one kanji written alone (王: オウ, オオキミ, ミコ)."""
    from ..sudachi import readings  # the process's one dictionary, the tokenizer's
    return tuple(sorted({_plain_vowels(kana(r)) for r in readings(kanji)}))


def _read_by_chars(surface: str, target: str) -> bool:
    """Whether `surface`, kanji and kana mixed (広さき), spells `target` exactly with each kanji read by
    one of its dictionary readings alone and the kana as written."""
    if not 2 <= len(surface) <= KANJI_READ_RUN[1] + 2 or not _has_kanji(surface) \
            or not any("\u3041" <= c <= "\u30fa" for c in surface):
        return False
    return _spells(surface, target)


def _spells(surface: str, target: str, sandhi: bool = False) -> bool:
    """Whether `surface`, each kanji read by one of its dictionary readings alone and kana as
    written, spells `target` exactly (a long vowel written ウ or ー alike). `sandhi`: a kanji after
    the first may also be voiced (元山 ゲン|ザン), and one before another may close doubled (黒河
    コク|カ: コッカ)."""
    def spell(k: int, rest: str) -> bool:
        if k == len(surface):
            return not rest
        if not _has_kanji(surface[k]):
            readings = (_plain_vowels(kana(surface[k])),)
        else:
            readings = _kanji_readings(surface[k])
            if sandhi and k:
                readings = readings + tuple(_voiced(r) for r in readings)
            if sandhi and k + 1 < len(surface):  # a closing ク ツ チ キ doubled into the next
                readings = readings + tuple(r[:-1] + "ッ" for r in readings if len(r) > 1 and r[-1] in "クツチキ")
        return any(rest.startswith(r) and spell(k + 1, rest[len(r):]) for r in readings if r)
    return spell(0, _plain_vowels(target))


KANA_SPELLED_MIN_MORAE = 4  # kana heard that a term's kanji spell one by one: at least this long


def _spelled_by_term(term: str, heard: str) -> bool:
    """Whether the kanji of `term`, each read by one of its dictionary readings alone (after the
    first, voiced too: 元山 ゲン|ザン), and its kana as written, spell `heard` (katakana) exactly."""
    if not 2 <= len(term) <= KANJI_READ_RUN[1] + 1 or not all(_has_kanji(c) or "\u30a1" <= c <= "\u30fc"
                                                               or "\u3041" <= c <= "\u309f" for c in term):
        return False
    return _has_kanji(term) and _spells(term, heard, sandhi=True)


VOICED = dict(zip("カキクケコサシスセソタチツテトハヒフヘホ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボ"))


def _voiced(reading: str) -> str:
    """A reading with its first kana voiced (rendaku: 山 サン -> ザン in 元山)."""
    return VOICED.get(reading[:1], reading[:1]) + reading[1:]


def _kana_only(text: str) -> bool:
    return bool(text) and all("\u3041" <= c <= "\u309f" or "\u30a1" <= c <= "\u30fc" for c in text)


def _plain_vowels(reading: str) -> str:
    return reading.replace("ー", "ウ")


def _hiragana_only(text: str) -> bool:
    return all("\u3041" <= c <= "\u309f" for c in text)




# --- seventh session (names10): short places a word away, and names in kanji no dictionary reads ---

# what follows a word said as a place the speaker went to, came from, or lived in (船で門司に着きました)
PLACE_SLOT = SAID_AS_PLACE + ("に着", "に渡", "に移", "に戻", "に帰", "に上陸", "で降", "に住", "で暮",
                              "につきまし", "についた", "についてから")  # arrived, in kana (裏側につきました: 浦賀)
SHORT_MORAE = 2        # a whole term this short (門司 モジ, 呉 クレ) is heard by chance as an ordinary word
UNREAD_KANJI = (2, 4)  # kanji in a name no Japanese dictionary reads (琿春, 海拉爾, 斉斉哈爾)
# nats the term's sentence may score below the heard one, for a kind with a margin of its own: a name
# no dictionary reads, put against katakana or odd kanji, has no reading to vouch for it, so the audio
# must (the glossary's 4 is for near readings). Measured on base, glossary as prompt (README, seventh
# session): 14 wrong ones on synthetic clips -5.4 to -19, one in a fixture -12.6; true ones +8.1 to -12.4
# a month glued to its year (months.py): the alternative has the の the audio has, so a wide margin: true
# ones -4.3 to -8.0, wrong ones -15.2 to -17.6
# a place heard with one of its kanji kept (kept_kanji.py), said where a place stands: true ones +3.1 to -6.2
# on the tuning set, wrong ones (other collections' places tried on it) +5.6 (満春 for 琿春, 満州), -5.8, -7.5
# a place heard as a verb where a place is said (place_words.py): true ones +0.44 (泣きた for 秋田), -4.35 and
# -5.92 (眠る for 根室, clean and cassette); no verb run of the tuning set read near another collection's place
# an ordinary word for a non-word of its reading (sound_alike.py): on the tuning set the true ones scored
# -2.9 to +3.0 nats (one at -7.2, 観護府 for 看護婦), wrong ones of the same sound -5.7 to -4.3 and -2.9 up
CHECK_MARGINS = {"unread": 2.0, "month": 10.0, "named": 8.0, "kept": 6.5, "word": 6.5,
                 "sounds": 3.5}  # `near` (eighth session) takes the glossary's: README


def check_margin(c: Correction, default: float) -> float:
    """Nats the term's sentence may score below the heard one for `c` to be written: its kind's own
    (CHECK_MARGINS), else the glossary's (`default`)."""
    return CHECK_MARGINS.get(c.part, default)


def _label(term: GlossaryTerm, labels: dict[str, str | None]) -> str | None:
    return labels.get(term.text) or term.label


def _short_places(text: str, glossary: tuple[GlossaryTerm, ...],
                  labels: dict[str, str | None]) -> list[tuple[tuple, Correction]]:
    """A place of SHORT_MORAE morae (門司 モジ, 呉 クレ) heard as one word read exactly like it (文字,
    くれ), said where only a place stands (文字につきました, くれのみなとから: `SHORT_SLOT`): the same
    sounds, said as a place; sure. The audio cannot tell them apart: with the glossary as prompt it
    preferred the ordinary word in true cases (-5 to -9 nats) as in wrong ones (-2.6 to -11), so only
    the sentence can decide, and only a slot no ordinary word fills does (暮れから, 文字に are said)."""
    out = []
    places = [(t, r) for t in glossary if _label(t, labels) == "PLACE"
              for r in {term_reading(t), *_entry_readings(t.text, "PLACE")} if r and len(morae(r)) == SHORT_MORAE]
    if not places:
        return out
    for m in morphemes(text):
        if _is_function(m) or m.begin and not (
                text[m.begin - 1] in PAUSE_MARKS + ("。",) or _script(m.text) != _script(text[m.begin - 1])):
            continue  # kana after kana is no word said alone (してくれの港: the verb くれる; からシャナ is)
        # one word, or a kanji word and a kana or two after it (社な シャ|ナ for 紗那, cut 社|なに: eleventh session)
        for end in range(m.end, m.end + (SHORT_KANA + 1 if _has_kanji(m.text) else 1)):
            if not _hiragana_only(text[m.end:end]) or not (
                    text[end:].startswith(SHORT_SLOT) or SHORT_WORKS.match(text, end)):
                continue
            said = _plain_vowels(kana(m.reading + text[m.end:end]))
            for term, reading in places:
                if text[m.begin:end] != term.text and said == _plain_vowels(reading):
                    out.append(((False, 0.0, -SHORT_MORAE, 0, m.begin),
                                Correction(m.begin, end, text[m.begin:end], term.text, 0.0, "sure", "short")))
    return out


def _script(text: str) -> str:
    """kanji, hiragana or other, of the first character (katakana after hiragana starts a word)."""
    return "kanji" if _has_kanji(text[:1]) else "hiragana" if _hiragana_only(text[:1]) else "other"


# where a word stands that only a place fills: a port, a station, a landing (not 〜から 〜まで 〜に: 暮れから)
SHORT_SLOT = ("の港", "のみなと", "の駅", "港", "駅", "に着", "につきまし", "についた", "に上陸")
# ... or the place's works, school or camp then a motion (暮れの工場へ for 呉の工廠へ, 社なの国民学校で for 紗那の),
# or a crossing to it (社なに渡りました): no ordinary word of a place's sound stands there (eleventh session)
PLACE_WORKS = ("工場", "工廠", "学校", "病院", "収容所", "部隊", "基地", "港", "駅")
SHORT_KANA = 2  # kana after a kanji word that may be the short place's last sound (社な for 紗那)
SHORT_WORKS = re.compile(r"の[\u4e00-\u9fff]*(?:" + "|".join(PLACE_WORKS) + r")(?:へ|に|から|まで|で)|に渡[りっ]")


def _mixed_places(text: str, forms: list[TermForm], labels: dict[str, str | None]) -> list[tuple[tuple, Correction]]:
    """A place heard in katakana and kanji (シモノ石 for 下関: how the recogniser writes a name it half
    knows) that, each kanji read by one of its readings (石 セキ), spells the term exactly, said where only
    a place stands (シモノ石につきました: `SHORT_SLOT`): the same sounds, said as a place; sure. (Without
    the slot, ordinary words and kana spell names by chance; the audio prefers the common spelling.)"""
    out = []
    places = [f for f in forms if f.part == "whole" and _label(f.term, labels) == "PLACE"]
    if not places:
        return out
    morphs = morphemes(text)
    for i in range(len(morphs)):
        for j in range(i + 1, min(i + 4, len(morphs))):
            run = morphs[i:j + 1]
            surface = text[run[0].begin:run[-1].end]
            if any(_is_function(m) for m in run) or not any(_katakana(m.text) for m in run) \
                    or not text[run[-1].end:].startswith(SHORT_SLOT) or i and _katakana(morphs[i - 1].text):
                continue
            for form in places:
                if form.text not in surface and _read_by_chars(surface, form.reading):
                    out.append(((False, 0.0, -len(morae(form.reading)), 0, run[0].begin), Correction(
                        run[0].begin, run[-1].end, surface, form.text, 0.0, "sure")))
    return out


def _odd_kanji_places(text: str, forms: list[TermForm], labels: dict[str, str | None],
                      vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """Kanji that are no dictionary word (舞術 マイジュツ for 舞鶴 マイヅル: two morae off of four, past
    any near reading), as many as a place term's and sharing one of them in the same place, said where
    only a place stands (舞術につきました: `SHORT_SLOT`): a check, the audio decides."""
    from ..sudachi import readings
    places = {f.term.text for f in forms if f.part == "whole" and _label(f.term, labels) == "PLACE"
              and 2 <= len(f.term.text) <= UNREAD_KANJI[1] and all_kanji(f.term.text)}
    out = []
    for run in re.finditer(r"[\u4e00-\u9fff]{2,4}", text):
        heard, begin, end = run.group(), run.start(), run.end()
        if not text[end:].startswith(SHORT_SLOT) or heard in vouched or readings(heard):
            continue
        for term in sorted(places):
            if len(term) == len(heard) and term != heard and any(a == b for a, b in zip(term, heard)):
                out.append(((True, 1.0, -len(term), 0, begin), Correction(begin, end, heard, term, 1.0, "check")))
    return out


def _unread(text: str) -> bool:
    """A name in kanji no Japanese dictionary reads (海拉爾, said ハイラル; 佳木斯, ジャムス): 2-4 kanji,
    no dictionary word itself, that SudachiPy reads kanji by kanji or not at all (海|拉|爾: ウミ|ヘシャゲ|
    ナンジ), so its reading is no guide to how it is said."""
    if not UNREAD_KANJI[0] <= len(text) <= UNREAD_KANJI[1] or not all(_has_kanji(c) for c in text):
        return False
    from ..sudachi import readings
    return not readings(text) and all(len(m.text) == 1 or m.oov for m in morphemes(text))


def _unread_places(text: str, glossary: tuple[GlossaryTerm, ...], labels: dict[str, str | None],
                   forms: list[TermForm], vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """A name the dictionary cannot read (`_unread`), a place or unlabelled, tried against what was
    heard in a place slot (`PLACE_SLOT`) and reads like no other term: katakana of one to two morae
    per kanji, no country's name (ハイラルから, ジャムスの北; not ロシアへ), or kanji within a kanji of
    its length that are no dictionary word, or only a given name (頃等へ for 葫芦島, 満春へ for 琿春: no
    place is called ミツハル). A check, the audio choosing among every unread term that fits, with a
    margin of its own (CHECK_MARGINS: stricter than the glossary's)."""
    terms = [t for t in glossary if _unread(t.text) and _label(t, labels) in (None, "PLACE")]
    if not terms:
        return []
    from ..sudachi import readings
    out = []
    morphs = morphemes(text)
    k = 0
    while k < len(morphs):
        script = _katakana if _katakana(morphs[k].text) else all_kanji if all_kanji(morphs[k].text) else None
        j = k + 1
        while script and j < len(morphs) and script(morphs[j].text):
            j += 1
        run, k = morphs[k:j], j
        if not script:
            continue
        begin, end = run[0].begin, run[-1].end
        heard = text[begin:end]
        said = kana("".join(m.reading for m in run))
        if not text[end:].startswith(PLACE_SLOT) or heard in vouched \
                or any(mora_distance(said, f.reading, max(1.0, len(morae(f.reading)) * CHECK_RATE))
                       <= max(1.0, len(morae(f.reading)) * CHECK_RATE) for f in forms):
            continue
        if script is _katakana:
            if any("地名-国" in m.pos for m in run):
                continue
            fits = [t for t in terms if len(t.text) <= len(morae(said)) <= 2 * len(t.text)]
        else:
            if not 2 <= len(heard) <= UNREAD_KANJI[1] or readings(heard) and not all(
                    "人名-名" in m.pos for m in run):
                continue
            fits = [t for t in terms if abs(len(t.text) - len(heard)) <= 1  # its length, or its sound's
                    or len(t.text) <= len(morae(said)) <= 2 * len(t.text)]  # (父春 チチハル for 斉斉哈爾)
        fitting = sorted((_spelled_distance(t.text, said), t.text) for t in fits)
        if fitting:  # one check for the span: the audio chooses among the terms that fit it
            distance, term = fitting[0]
            out.append(((True, 1.0 + distance, -len(morae(said)), 0, begin), Correction(
                begin, end, heard, term, distance, "check", "unread", tuple(t for _, t in fitting[1:]))))
    return out


def all_kanji(text: str) -> bool:
    """Whether `text` is kanji alone (and not empty)."""
    return bool(text) and all(_has_kanji(c) for c in text)


def _katakana(text: str) -> bool:
    return bool(text) and all("\u30a1" <= c <= "\u30fa" or c == "ー" for c in text)


def _spelled_distance(term: str, said: str) -> float:
    """The least distance in morae from `said` of `term`'s kanji each read by one of its dictionary
    readings (a ranking among unread terms only: 海拉爾 カイ|ラ|ジ is 2 from ハイラル)."""
    from itertools import islice, product
    spellings = islice(product(*(_kanji_readings(c) or ("",) for c in term)), REREAD_SPELLINGS)
    return min((mora_distance("".join(p), said) for p in spellings), default=float(len(morae(said))))


# --- eighth session (names12): one general proposal, anything heard near a term, the audio decides ---

NEAR_ANY_RATE = 0.34   # weighted edits per mora of a whole term a heard run may be off (at least 1): 古いけ節子
                       # フルイケセツコ for 小池節子 コイケセツコ, 2 of 6; past NEAR_RATE and CHECK_RATE
PART_NEAR = 1.0        # morae a family or given name alone, said as a name, may be off
NEAR_ANY_RANK = 2.0    # such a proposal ranks after every other kind (a term's own rules come first)


def _near_anywhere(text: str, forms: list[TermForm], labels: dict[str, str | None],
                   vouched: frozenset[str]) -> list[tuple[tuple, Correction]]:
    """Every run of words, in any script, whose reading is near a name term's: a whole term of
    NEAR_MIN_MORAE or more within NEAR_ANY_RATE per mora (古いけ節子 for 小池節子, a sound more and one
    off; ボタン for 牡丹江), a place of MIN_MORAE a mora off where a place stands (ともまで for 図們まで:
    `PLACE_SLOT`), or a family or given name alone read exactly, said as a name (before さん or 先生, after the
    other part), with the particle the recogniser heard in its last sound (都市を先生 for 敏夫先生:
    トシ|ヲ). What the term's own rules do not propose; a check of its own kind ("near"), the audio
    deciding with its margin (CHECK_MARGINS), so no ordinary word is replaced on reading alone."""
    out = []
    morphs = morphemes(text)
    for i in range(len(morphs)):
        if _is_function(morphs[i]) or morphs[i].pos.startswith(("補助記号", "空白")):
            continue
        reading = ""
        for j in range(i, min(i + MAX_RUN, len(morphs))):
            if morphs[j].pos.startswith(("補助記号", "空白")):
                break
            reading += morphs[j].reading
            begin, end = morphs[i].begin, morphs[j].end
            surface = text[begin:end]
            if surface in vouched or morphs[j].text in NAME_SUFFIXES:
                continue  # 西田さん is someone called by the family name, not 西田久子 misheard
            heard = morae(reading)
            for form in forms:
                target = morae(form.reading)
                if form.text in surface or abs(len(heard) - len(target)) > 2:
                    continue
                if form.part == "whole":
                    if len(target) < MIN_MORAE or _is_function(morphs[j]) \
                            or not _is_name(form.term, labels.get(form.term.text)):
                        continue
                    if len(target) < NEAR_MIN_MORAE and not (  # a short place (図們 トモン heard とも), said
                            _label(form.term, labels) == "PLACE" and text[end:].startswith(PLACE_SLOT)):  # as one
                        continue
                    limit = max(1.0, len(target) * NEAR_ANY_RATE)
                    distance = mora_distance(reading, form.reading, limit)
                    if distance == 0 or distance > limit:
                        continue
                    if _particle_inside(morphs[i:j + 1], form.text, surface, form.reading):
                        continue  # 牡丹江の陸軍病院 is said, not the term 牡丹江陸軍病院 misheard
                    if len(heard) < len(target) and any(
                            0 <= k < len(morphs) and not _is_function(morphs[k]) and morphs[k].text not in NAME_SUFFIXES
                            and not morphs[k].pos.startswith(("補助記号", "空白"))
                            and mora_distance(morphs[k].reading + reading if k < i else reading + morphs[k].reading,
                                              form.reading, limit) <= limit for k in (i - 1, j + 1)):
                        continue  # the missing sound is in the neighbour (古|いけ節子): the run with it is proposed
                    written, at = form.text, begin
                else:  # a part alone, said as a name: a mora off (不正さん for 房江さん: フセイ, フサエ), or
                    # exact with the last sound heard as a particle (都市を先生); one word read exactly is
                    # the other rules' (踏み子さん, 数個さん)
                    distance = mora_distance(reading, form.reading, PART_NEAR)
                    if len(target) < MIN_MORAE or distance > PART_NEAR or not distance and j == i \
                            or distance and _is_function(morphs[j]):  # (まさおと: the particle said after it)
                        continue
                    called = _called_as(text, begin, end, form)
                    if not called:
                        continue
                    at, written = called
                out.append(((True, NEAR_ANY_RANK + distance, -len(target), abs(len(heard) - len(target)), at),
                            Correction(at, end, text[at:end], written, distance, "check", "near")))
    return out


def heard_parts(fixes: list[Correction], glossary: tuple[GlossaryTerm, ...],
                labels: dict[str, str | None] | None = None) -> dict[str, str]:
    """What the recogniser wrote for a given name inside a person's whole name it wrote with the family
    name right (石川吉岡 → 石川義雄: 吉岡 for 義雄), from sure corrections: the recording's own mishearing of
    that name, which repeats where the name is said alone (吉岡先生 for 義雄先生; shingishu, eighth
    session: the near check refused it at -10 nats, the audio preferring the surname it heard)."""
    out = {}
    forms = term_forms(glossary, labels)
    for c in fixes:  # (and from a "named" check the recording accepted: 石川吉岳先生, ninth session)
        if not (c.kind == "sure" and c.part == "whole" or c.part == "named"):
            continue
        family = [f for f in forms if f.term.text == c.term and f.part == "family" and c.heard.startswith(f.text)]
        given = [f for f in forms if f.term.text == c.term and f.part == "given"]
        if family and given:
            rest = c.heard[len(family[0].text):].lstrip("".join(PAUSE_MARKS))
            if len(rest) >= 2 and rest != given[0].text and not _is_function(morphemes(rest)[0]):
                out[rest] = given[0].text
    return out


def _heard_before(text: str, heard_as: dict[str, str]) -> list[tuple[tuple, Correction]]:
    """A name part as the recording heard it before (`heard_parts`), said again alone before a name
    suffix from the start of a word (吉岡先生): the same mishearing of the same name; sure."""
    out = []
    starts = {m.begin for m in morphemes(text)} if heard_as else set()
    for heard, written in heard_as.items():
        at = text.find(heard)
        while at >= 0:
            end = at + len(heard)
            if at in starts and text[end:].startswith(NAME_SUFFIXES) and not (at and _has_kanji(text[at - 1])):
                out.append(((False, 0.0, -len(morae(_reading_alone(written) or written)), 0, at),
                            Correction(at, end, heard, written, 0.0, "sure", "given")))
            at = text.find(heard, end)
    return out


# --- ninth session (names13): a person's given name heard more than a mora off, after the family name ---

GIVEN_FAR = 2.0  # morae a given name heard after its family name, before a name suffix, may be off
NAMED_RANK = 0.9  # such a proposal ranks before the general checks for the same span (its margin is its own)


def _family_then_given(text: str, forms: list[TermForm]) -> list[tuple[tuple, Correction]]:
    """A glossary person's family name as written, then (maybe after a pause mark, 松井、佐千古さん for
    松井幸子さん) a word or two that are not the given name, then
    a name suffix (石川吉岳先生, 藤井市業さん, 村上清寺さん for 石川義雄, 藤井重雄, 村上清志): the speaker
    said the person's name and the recogniser misheard the given name, up to GIVEN_FAR morae off (in
    the dictionary's reading, or each kanji read by one of its readings: 清寺 キヨ|ジ). A check of its own
    kind ("named"), the audio deciding with its margin (CHECK_MARGINS: on base the true ones scored 2.9 to
    5.8 nats below what was heard); every person of the family that fits is asked at once (rivals).
    The given name heard is read by the dictionary, kanji by kanji, and by its kanji's KANJIDIC2 on and
    kun readings (高田美奥さん: 美 ミ, for 美代子); a さん heard as 山 glued to it (西田沢山の, 木下静山に)
    counts as the suffix, and the name is then written with its さん (twelfth session, names23: cassette
    copies cut such names back to the family name)."""
    out = []
    morphs = morphemes(text)
    starts = {m.begin for m in morphs}
    said = {m.begin for m in morphs if _is_function(m)}  # a particle said after the family name (小池の節子さん)
    family = {f.term.text: f for f in forms if f.part == "family"}
    given = {f.text for f in forms if f.part == "given"}  # another person's given name heard is that person
    for form in forms:
        if form.part != "given" or form.term.text not in family:
            continue
        name = family[form.term.text].text
        at = text.find(name)
        while at >= 0:
            after = at + len(name)
            pause = int(text[after:after + 1] in PAUSE_MARKS)  # 松井、佐千古さん: a pause heard inside the name
            ends = range(after + pause + 1, min(len(text), after + pause + 4) + 1) \
                if at in starts and after + pause not in said else ()
            for end in ends:
                heard = text[after + pause:end]
                if any(c in PAUSE_MARKS or c in "。？！?!" for c in heard) or any(g in heard for g in given) \
                        or pause and any(heard.startswith(f.text) for f in family.values()):
                    break  # (松井、佐野さん: after a pause, another person of the glossary named)
                glued = len(heard) > 1 and heard.endswith(GLUED_SAN) and not text[end:].startswith(NAME_SUFFIXES)
                if not (glued or text[end:].startswith(NAME_SUFFIXES)):
                    continue
                said_name = heard[:-1] if glued else heard  # 西田沢山の: 沢 for 久子, its さん heard as 山
                spelled = [kana(_reading_alone(said_name))] + [_plain_vowels(kana(r)) for r in _spellings(said_name)] \
                    + _name_spellings(said_name)
                distance = min(mora_distance(r, form.reading, GIVEN_FAR) for r in spelled if r)
                # the given name's very reading in other kanji counts too once a pause split the name
                # (nothing else joins the two halves across it)
                if (0 < distance or pause) and distance <= GIVEN_FAR and distance < len(morae(form.reading)):
                    out.append(((True, NAMED_RANK, -len(morae(form.reading)), 0, at), Correction(
                        at, end, text[at:end], form.term.text + ("さん" if glued else ""), distance, "check", "named")))
            at = text.find(name, after)
    return out


# さん heard as the kanji 山 glued to the given name before it (西田沢山のご主人 for 西田久子さんの, 小松原、白山に for
# 小松原一郎さんに: names22's count of cassette copies); the name is then written with its さん
GLUED_SAN = "山"
NAME_SPELLINGS = 64  # spellings of a heard given name from its kanji's KANJIDIC2 readings, at most


def _name_spellings(surface: str) -> list[str]:
    """`surface` (1-3 kanji) read kanji by kanji by their KANJIDIC2 on and kun readings (美 ミ, 沢 サワ:
    SudachiPy reads 美 ビ only), cheapest first: a given name in kanji that spell it otherwise. Not the
    name readings (nanori): one-mora ones (川 コ) bring any surname within reach (石川 セキコ for サチコ)."""
    from itertools import islice, product
    if not surface or len(surface) > 3 or not all(_has_kanji(c) for c in surface):
        return []
    each = [tuple(r for r in kanji_readings(c) if r[1] < NANORI) or (("", 0.0),) for c in surface]
    spelled = sorted(((sum(c for _, c in p), "".join(r for r, _ in p)) for p in product(*each)))
    return [_plain_vowels(r) for _, r in islice(spelled, NAME_SPELLINGS)]


def _spellings(surface: str) -> list[str]:
    """`surface` read kanji by kanji, each by one of its dictionary readings (at most REREAD_SPELLINGS)."""
    from itertools import islice, product
    if not surface or len(surface) > 3 or not all(_has_kanji(c) for c in surface):
        return []
    return ["".join(p) for p in islice(product(*(_kanji_readings(c) or ("",) for c in surface)), REREAD_SPELLINGS)]
