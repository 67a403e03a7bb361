"""Named entities: GiNZA's fine labels mapped to coarse ones (labels.py), the collection glossary as
a gazetteer that wins over the statistical model with one label per term, dates found and
normalised, readings and romanization.

A wrong entity in the index costs an archivist more than a missing one: a span GiNZA calls a name
but that is one kanji or ordinary nouns only (宗, 武術) is kept only with support: a proper noun or
unknown word in the dictionary (not one kanji, alone or as the proper noun inside it: 康 of 康賞),
the glossary, or a name suffix after it (さん, 氏, 先生; 氏 after a family name: a given name alone
before it, 昭氏 for 上司, is misheard). A person whose span ends where a name in kanji goes on
(高橋吉|与) is a name cut in two, and no entity; so is a span of ordinary nouns in kanji, an era, or
two family names before a suffix (平台さん for 兵隊さん, 昭和さん, 村上|清寺さん: names misheard).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..glossary import GlossaryTerm
from .dates import ERAS, NUMBER, bare_year, count_of_years, length_of_time, normalize_date, normalize_in_era
from .glossary_fix import FUNCTION_POS, TermForm, all_kanji, term_forms, term_reading
from .labels import (COARSE, FINE_TO_COARSE, NAME_SUFFIXES, collection_labels, one_personal_name,  # noqa: F401 (COARSE: the review page)
                     said_in_sentence, suffix_label)
from .morph import Analysis, Morpheme, words
from .romaji import hepburn, romanize_name

ROMANIZED_LABELS = ("PERSON", "PLACE")
# a region's last word, a place whatever GiNZA's fine label (中国東北部, 朝鮮半島, 東北地方)
REGION_ENDINGS = ("東部", "西部", "南部", "北部", "中部", "半島", "地方")
# what a name never follows glued: a verb or an adjective (no particle between them) is the misheard start
# of a longer name (古|いけ|節子 for 小池節子). Not a prefix: 故小林さん, the late Mr Kobayashi
MISHEARD_BEFORE_NAME = ("動詞", "形容詞")
# a part of a year said after it belongs to the date (18年の暮れ, 昭和20年の夏, 1946年末: GiNZA's span ends at 年)
YEAR_PARTS = ("春", "夏", "秋", "冬", "暮れ", "末", "初め", "始め", "終わり", "半ば", "頃", "ごろ")
_DATE = re.compile(rf"(?:(?:{'|'.join(ERAS)})\s*(?:{NUMBER})|(?:{NUMBER}))\s*年(?:\s*の?\s*(?:{NUMBER})\s*月(?:\s*(?:{NUMBER})\s*日)?"
                   rf"|\s*の?\s*(?:{'|'.join(YEAR_PARTS)}))?")
# a date says a number or an era: not a period word (戦後, 当時) nor a relative date (年の暮れ, 翌年, 去年)
_DATED = re.compile(rf"{NUMBER}|{'|'.join(ERAS)}")
_DATE_JOIN = re.compile(r"^\s*の?\s*$")  # what may stand between two date pieces (1950年の7月)


@dataclass(frozen=True)
class Found:
    begin: int
    end: int
    label: str
    fine_label: str | None
    normalized: str | None = None
    reading: str | None = None
    romanized: str | None = None
    inferred: str | None = None  # how `normalized` was inferred beyond the text (a date's era)


def find_entities(analysis: Analysis, glossary: tuple[GlossaryTerm, ...],
                  labels: dict[str, str | None] | None = None, era: str | None = None) -> list[Found]:
    """Entities of the analysed text. `labels`: each glossary term's collection label (labels.py);
    worked out here when not given. `era`: the recording's era (dates.recording_era), in which a
    year said without one (19年) is normalised, marked as inferred."""
    text = analysis.text
    if labels is None:
        labels = {t: label for t, (label, _) in collection_labels(tuple(glossary)).items()}
    forms = term_forms(tuple(glossary), labels)
    known = {f.text for f in forms} | {t.text for t in glossary}
    spans: list[tuple[int, int, str, str | None]] = []
    for e in analysis.entities:
        coarse = FINE_TO_COARSE.get(e.label)
        e = _region_without_stray_kanji(text, analysis.morphemes, e, coarse)
        if coarse == "PERSON" and _place_name(text[e.begin:e.end]) and not text[e.end:].startswith(NAME_SUFFIXES):
            coarse = "PLACE"  # GiNZA's guess against the dictionary's place name (満州からの…); never before さん (マイダさん)
        if coarse in ("PERSON", "ORG") and suffix_label(text[e.begin:e.end]) == "PLACE":
            coarse = "PLACE"  # a region or a state by its last word (中国東北部, 満州国), whatever GiNZA guessed
        elif coarse is None and text[e.begin:e.end].endswith(REGION_ENDINGS) and len(text[e.begin:e.end]) > 2:
            coarse = "PLACE"  # 中国東北部 that GiNZA calls a Position_Vocation: a region by its last word
        if coarse == "ORG" and _given_name_last(analysis.morphemes, e.begin, e.end):
            continue  # 大野寺三千生 (小野寺ミツ先生 misheard, after 担任の), Sokaiさき: no body ends in a given name
        if coarse == "PERSON" and _family_names_only(analysis.morphemes, e.begin, e.end):
            continue  # 村上|清寺, 石川|吉岳 (村上清志, 石川義雄 misheard): a family name then another is no one's name
        if coarse == "PERSON" and (_name_goes_on(analysis.morphemes, e.end) or _misheard_before(analysis.morphemes, e.begin)):
            continue  # a person cut inside a name that goes on (高橋吉|与, a misheard 高橋義男), or whose start
                      # was heard as a verb or an adjective (古|いけ|節子 for 小池節子): not this name
        if coarse and (coarse == "DATE" or _supported(text, e.begin, e.end, known, analysis.morphemes,
                                                      person=coarse == "PERSON")):
            spans.append((e.begin, e.end, coarse, e.label))
    for m in _DATE.finditer(text):  # dates GiNZA misses (千九百五十六年)
        spans.append((m.start(), m.end(), "DATE", "Date"))
    spans = [s for s in _merge_dates(text, spans)  # a date, not a period word (戦後), a count of years (3年生)
             if s[2] != "DATE" or _DATED.search(text[s[0]:s[1]]) and not count_of_years(text, s[0], s[1])
             and not length_of_time(text, s[0], s[1])  # or a length of months or days (三か月, 3日間)
             and text[s[0]:s[1]].strip() not in ERAS]  # or an era alone, no year (昭和、 for 今日は、 on a cassette)
    # the glossary wins where it speaks: its terms (and a person's family or given name alone)
    # replace whatever overlaps them, with the term's one label for the collection
    pinned: list[tuple[int, int, str, str | None, GlossaryTerm]] = []
    unlabelled: list[tuple[int, int]] = []
    wholes = [TermForm(t, t.text, "", "whole") for t in glossary]
    parts = [f for f in forms if f.part != "whole"]
    for form in sorted(wholes, key=lambda f: -len(f.text)) + sorted(parts, key=lambda f: -len(f.text)):
        label = labels.get(form.term.text) or form.term.label
        start = text.find(form.text)
        while start >= 0:
            end = start + len(form.text)
            free = all(end <= p[0] or start >= p[1] for p in pinned)
            if free and form.part != "whole" and not _alone(text, analysis.morphemes, spans, start, end):
                free = False  # 正夫 inside another name (田中正夫一) is not this person
            if free and label:
                fine = next((s[3] for s in spans if s[0] == start and s[1] == end), None)
                said = label
                if form.part == "whole" and not form.term.label and label in ("PERSON", "PLACE") \
                        and one_personal_name(form.text):
                    said = said_in_sentence(text, start, end) or label  # 安東の国民学校, 安東さん: this sentence says which
                pinned.append((start, end, said, fine, form.term if form.part == "whole" else None))
            elif free and form.part == "whole":
                unlabelled.append((start, end))  # a word of the collection (抑留), not a name
            start = text.find(form.text, end)
    taken = pinned + unlabelled
    spans = [s for s in spans if all(s[1] <= p[0] or s[0] >= p[1] for p in taken)]
    found = [describe(text, analysis.morphemes, s[0], s[1], s[2], s[3], None, era) for s in _dedupe(spans)]
    found += [describe(text, analysis.morphemes, p[0], p[1], p[2], p[3], p[4]) for p in pinned]
    found = [f for f in found if not (f.label == "PLACE" and _ridden(text, f.end))]
    return sorted(found, key=lambda f: (f.begin, f.end))


def _ridden(text: str, end: int) -> bool:
    """Whether what ends at `end` is ridden (興安嶺に乗り: 興安丸, a ship, written as the range): no place
    is; riding into one (満州に乗り込む) is said of places."""
    return text[end:].startswith("に乗") and not text[end:].startswith(("に乗り込", "に乗込"))


def _region_without_stray_kanji(text: str, morphs: tuple[Morpheme, ...], e, coarse: str | None):
    """A span GiNZA calls an organisation or a person that is a region by its last word but one, then
    one stray common kanji (中国東北部典: 典 misheard from the particle after it), cut back to the region."""
    if coarse not in ("PERSON", "ORG"):
        return e
    last = next((m for m in morphs if m.end == e.end and m.begin > e.begin), None)
    if last is None or len(last.text) != 1 or not last.pos.startswith("名詞-普通名詞") \
            or suffix_label(text[e.begin:last.begin]) != "PLACE":
        return e
    return replace(e, end=last.begin)


def _supported(text: str, begin: int, end: int, known: set[str], morphs: tuple[Morpheme, ...] = (),
               person: bool = False) -> bool:
    """Whether a span GiNZA calls a name has support beyond GiNZA's guess: the glossary, a proper
    noun or unknown word (SudachiPy; for a person, not a proper noun of no kind, 少女時代), or a name
    suffix after it. Otherwise a single kanji or ordinary
    nouns (宗, 武術) are not an entity; nor is one kanji before a suffix glued to the word before it
    (父親野祖さん: 野 a suffix, 祖 the tail of a misheard name)."""
    surface = text[begin:end]
    if surface in known:
        return True
    if person and (surface in ERAS or len(surface) > 1 and _ordinary_words(surface)):
        return False  # 昭和さん, 平台さん (兵隊さん), 佐千古さん: an era or ordinary words before さん are a name misheard
    if text[end:].startswith(NAME_SUFFIXES):
        if text[end:].startswith("氏") and _given_name_only(morphs, begin, end):
            return False  # 氏 follows a family name; a given name alone before it (昭氏 for 上司) is misheard
        before = next((m for m in morphs if m.end == begin), None)
        return len(surface) > 1 or before is None or before.pos.startswith(FUNCTION_POS)
    if len(surface) == 1:
        return False  # one kanji read alone is some name in the dictionary (宗 a surname): no support
    content = words(surface)
    # a proper noun of one kanji is as weak as one kanji alone (康 of 康賞, a misheard 交渉); a person
    # needs a personal name: a proper noun of another kind (少女時代, a band) is no person
    return any(m.oov or ("固有名詞" in m.pos and len(m.text) > 1 and (not person or "固有名詞-一般" not in m.pos))
               for m in content)


def _ordinary_words(surface: str) -> bool:
    """Whether the dictionary, reading `surface` (in kanji) alone, finds only ordinary nouns in it (平台, 佐|千古):
    GiNZA calls such a span a person only where さん follows a name misheard. Of 150 common family
    and given names, three read so (大家, 馬場, 大橋): the cost of the rule."""
    if not all_kanji(surface):
        return False  # a given name in kana is often an ordinary word too (ウメ, タケ, スミさん)
    content = words(surface)
    return bool(content) and all(m.pos.startswith("名詞-普通名詞") and not m.oov for m in content)


def _given_name_last(morphs: tuple[Morpheme, ...], begin: int, end: int) -> bool:
    """Whether text[begin:end] is two words or more, the last of which the dictionary reads as a given name."""
    inside = [m for m in morphs if begin <= m.begin and m.end <= end]
    return len(inside) >= 2 and inside[-1].end == end and "人名-名" in inside[-1].pos


def _family_names_only(morphs: tuple[Morpheme, ...], begin: int, end: int) -> bool:
    """Whether text[begin:end] is two or more words the dictionary, in this sentence, reads as family
    names and nothing else (村上|清寺, 河野|田河): a full name whose given name was misheard, since a
    Japanese name is one family name and a given name."""
    inside = [m for m in morphs if begin <= m.begin and m.end <= end]
    return len(inside) > 1 and all("人名-姓" in m.pos for m in inside)


def _given_name_only(morphs: tuple[Morpheme, ...], begin: int, end: int) -> bool:
    """Whether text[begin:end] is given names alone in the dictionary (昭: 人名-名), no family name."""
    inside = [m for m in morphs if begin <= m.begin and m.end <= end]
    return bool(inside) and inside[0].begin == begin and inside[-1].end == end and all("人名-名" in m.pos for m in inside)


def _place_name(surface: str) -> bool:
    content = words(surface)
    return bool(content) and all("地名" in m.pos for m in content)


def _alone(text: str, morphs: tuple[Morpheme, ...], spans, begin: int, end: int) -> bool:
    """A family or given name standing as a word of its own: not cut out of a longer word or name."""
    bounds = {m.begin for m in morphs} | {m.end for m in morphs}
    if begin not in bounds or end not in bounds or _name_goes_on(morphs, end):
        return False  # 高橋 of 高橋吉与 (a misheard 高橋義男) is no family name alone
    if _misheard_before(morphs, begin):
        return False  # 古|いけ|節子さん (小池節子 misheard): a name glued after a verb or an adjective is a tail
    return not any(s[0] < end and begin < s[1] and (s[0], s[1]) != (begin, end) and s[2] == "PERSON" for s in spans)


def _misheard_before(morphs: tuple[Morpheme, ...], begin: int) -> bool:
    """Whether the word glued before `begin` is a verb or an adjective (`MISHEARD_BEFORE_NAME`):
    a name never follows one without a particle, so a name starting there is the tail of a longer one
    misheard (古|いけ|節子 for 小池節子); after an auxiliary (来た節子さん) or a noun (兄正夫) it stands."""
    before = next((m for m in morphs if m.end == begin), None)
    return before is not None and before.pos.startswith(MISHEARD_BEFORE_NAME)


def _name_goes_on(morphs: tuple[Morpheme, ...], end: int) -> bool:
    """Whether a name in kanji goes on at `end`, so a span ending there cuts a name in two: the next
    word, glued to it, is one the dictionary has as a personal name (吉|与 after 高橋), or one or two
    single kanji then a name suffix (木|横さん after 中村, 少|一先生 after 石川: misheard given names;
    a title of its own, 部長さん, is one word and no cut), or a little hiragana then a suffix (達|や|さん)."""
    after = [m for m in morphs if m.begin >= end]
    if not after or after[0].begin != end:
        return False
    if "人名" in after[0].pos and all_kanji(after[0].text):
        return True
    if len(after) > 1 and len(after[0].text) <= 2 and all("\u3041" <= c <= "\u3096" for c in after[0].text) \
            and after[0].end == after[1].begin and after[1].text in NAME_SUFFIXES and after[1].text != "先生":
        return True  # 吉川達|や|さん (吉川達也 heard half in kana): nothing but a name stands before さん (先生
                     # stands alone too: 丸山敏夫を先生として)
    for k in (1, 2):
        glued = after[:k]
        if len(after) > k and all(len(m.text) == 1 and all_kanji(m.text) for m in glued) \
                and all(a.end == b.begin for a, b in zip(after[:k + 1], after[1:k + 1])) \
                and after[k].text in NAME_SUFFIXES:
            return True
    return False


def _merge_dates(text: str, spans):
    """Join date pieces GiNZA splits (1950年 | 7月, 1953年 | 春) and prefer the longest date."""
    dates = sorted(s for s in spans if s[2] == "DATE")
    merged: list[list] = []
    for s in dates:
        if merged and (s[0] <= merged[-1][1] or _DATE_JOIN.match(text[merged[-1][1]:s[0]])):
            merged[-1][1] = max(merged[-1][1], s[1])
        else:
            merged.append(list(s))
    others = [s for s in spans if s[2] != "DATE"]
    others = [s for s in others if all(s[1] <= d[0] or s[0] >= d[1] for d in merged)]
    return others + [tuple(d) for d in merged]


def _dedupe(spans):
    out = []
    for s in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def describe(text: str, morphs: tuple[Morpheme, ...], begin: int, end: int, label: str,
              fine: str | None, term: GlossaryTerm | None, era: str | None = None) -> Found:
    surface = text[begin:end]
    if label == "DATE":
        normalized = normalize_date(surface)
        if normalized is None and bare_year(text, begin, end, morphs):
            normalized = normalize_in_era(surface, era)
            if normalized:
                return Found(begin, end, label, fine, normalized, inferred=f"era {era}: the recording's era")
        return Found(begin, end, label, fine, normalized)
    reading = term.reading if term and term.reading else _reading(morphs, begin, end, label)
    if term and not term.reading and not reading:
        reading = term_reading(term)
    romanized = None
    if label in ROMANIZED_LABELS and reading:
        romanized = romanize_name(reading) if label == "PERSON" else _capitalised(hepburn(reading.replace(" ", "")))
    return Found(begin, end, label, fine, term.text if term else None, reading or None, romanized)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _reading(morphs: tuple[Morpheme, ...], begin: int, end: int, label: str) -> str:
    """Katakana reading of text[begin:end]; a person's family and given names separated by a space."""
    parts: list[str] = []
    for m in morphs:
        if m.end <= begin or m.begin >= end or not m.reading:
            continue
        if m.begin < begin or m.end > end:  # an entity boundary inside a morpheme: no reliable reading
            return ""
        if label == "PERSON" and parts and "人名-名" in m.pos:
            parts.append(" ")
        parts.append(m.reading)
    return "".join(parts)
