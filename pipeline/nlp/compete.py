"""Proposals of different kinds for one span compete: the recording chooses among them.

The language layer proposes corrections from several rules (glossary terms, words of the period, an
era or a month misheard before a date). Where two of them overlap, the first that applied used to take
the span and the other was never asked (synthetic_jehol: 昭和 heard 秀徳の before 十九年, and the
glossary's 承徳 written over it). Here a check keeps the overlapping checks of other kinds as its
`rivals`; `_decide` (nlp/__init__.py) scores them all with the audio, over one stretch, and writes the
best that clears its margin, or none.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .dates import ERA_READINGS, ERAS, ERA_YEARS, NUMBER, kanji_number
from ..glossary import GlossaryTerm
from .glossary_fix import MAX_RIVALS, Correction, _kanji_readings, term_reading
from .morae import mora_distance, to_katakana

# a year said without its era, right after a proposal's span (秀徳|の十九年): the era may be what was heard
_BARE_YEAR_AFTER = re.compile(rf"^(?P<no>\s*の)?\s*(?P<year>{NUMBER})\s*年")


def overlaps(a: Correction, b: Correction) -> bool:
    return a.begin < b.end and b.begin < a.end


def with_rivals(proposals: list[Correction], others: list[Correction]) -> list[Correction]:
    """`proposals` (non-overlapping) with each of `others` (checks of another kind: a date's, an era's)
    given as a rival to the one check it overlaps; one that overlaps no proposal is a proposal of its
    own; one that overlaps a sure proposal, or two proposals, is not asked (as before)."""
    out = list(proposals)
    for o in others:
        hit = [k for k, p in enumerate(out) if overlaps(p, o)]
        if not hit:
            out.append(o)
        elif len(hit) == 1 and out[hit[0]].kind == "check" and o.kind == "check" \
                and len(out[hit[0]].rivals) < MAX_RIVALS and all(not _same(o, r) for r in out[hit[0]].rivals):
            out[hit[0]] = replace(out[hit[0]], rivals=out[hit[0]].rivals + (o,))
    return out


# a character of a name as the recogniser writes one: kanji (and 々) or katakana (and ー)
_NAME_CHAR = re.compile("[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc]")
EDGE_PARTS = ("whole", "near")  # checks of a whole glossary term (or a name a reading or two off)


def edge_rivals(text: str, proposals: list[Correction]) -> list[Correction]:
    """Each check of a whole term whose span stops next to a kanji or katakana character, with rivals
    that take that character in (before, after, both): the recogniser heard one more sound of the name
    there, and writing the term over the shorter span leaves it standing (ト連軍 for ソ連軍: 連軍 → ソ連軍
    reads トソ連軍; 小池竹武 for 小池武: 小池武武), which the audio refuses at -7 to -14 nats on cassette
    copies (twelfth session). The audio chooses the span, with the check's own margin; a span that would
    reach into another proposal, or reads farther from the term, is not offered."""
    out = []
    for p in proposals:
        if p.kind != "check" or p.part not in EDGE_PARTS:
            out.append(p)
            continue
        others = [q for q in proposals if q is not p]
        before = p.begin > 0 and _NAME_CHAR.match(text[p.begin - 1]) is not None
        after = p.end < len(text) and (_NAME_CHAR.match(text[p.end]) is not None or _KANA.match(text[p.end])
                                        is not None and _nearer(p, text[p.end]))
        spans = [(p.begin - before, p.end), (p.begin, p.end + after), (p.begin - before, p.end + after)]
        wider = [replace(p, begin=a, end=b, heard=text[a:b], rivals=()) for a, b in dict.fromkeys(spans)
                 if (a, b) != (p.begin, p.end) and not any(q.begin < b and a < q.end for q in others)
                 and _no_farther(text[a:p.begin], p, text[p.end:b])]
        out.append(replace(p, rivals=p.rivals + tuple(wider)) if wider else p)
    return out


def _no_farther(before: str, p: Correction, after: str) -> bool:
    """Whether the check's span with the characters `before` and `after` it taken in reads no farther
    from the term than the span alone (ト連軍 トレングン and 連軍 レングン: one mora each from ソレングン;
    芸王 ゲイオー is farther from 大野 オーノ than 王 is). A character taken in is read alone, a kanji by any
    of its dictionary readings; a kanji the dictionary cannot read at all (松井検|贈) is the audio's to judge."""
    target, own = term_reading(GlossaryTerm(p.term)), term_reading(GlossaryTerm(p.heard))
    if not (target and own):
        return False
    return min(mora_distance(b + own + a, target)
               for b in _readings_alone(before) for a in _readings_alone(after)) <= mora_distance(own, target)


_KANA = re.compile("[\u3041-\u3096]")  # a hiragana character after the span: a particle, or the term's last sound


def _nearer(p: Correction, kana_after: str) -> bool:
    """Whether the hiragana after the check's span, taken in, brings it strictly nearer the term: the term's
    last sound heard as a particle (坂出 サカイデ heard 境で: サカイ|デ; names23, after its blind run). A
    particle that adds nothing to the name (と連軍, 境に) is never taken."""
    target, own = term_reading(GlossaryTerm(p.term)), term_reading(GlossaryTerm(p.heard))
    return bool(target and own) and mora_distance(own + to_katakana(kana_after), target) < mora_distance(own, target)


def _readings_alone(char: str) -> tuple[str, ...]:
    """The readings of a character taken into a span: kana as written, a kanji's own ("" for none)."""
    read = tuple(r for r in ((term_reading(GlossaryTerm(char)),) + _kanji_readings(char)) if r) if char else ()
    return read or ("",)


def _same(a: Correction, b: Correction) -> bool:
    return (a.begin, a.end, a.term) == (b.begin, b.end, b.term)


def era_rivals(text: str, proposals: list[Correction], era: str | None) -> list[Correction]:
    """For a check ending right before a year said without its era (秀徳|の十九年, a glossary place
    proposed for 秀徳), the recording's era if the year fits it (or, in a recording that names none,
    the one era nearest in sound that the year fits, not in the future)
    proposed for the same words and their の: the speaker may have said 昭和十九年, the recogniser
    hearing the era as a word. Only as a rival: the audio chooses the era, the term or what was heard."""
    out = []
    for p in proposals:
        if p.kind != "check" or p.part in ("date", "month"):
            continue
        m = _BARE_YEAR_AFTER.match(text[p.end:])
        if not m:
            continue
        year = kanji_number(m["year"])
        said = (era if year and 1 <= year <= ERA_YEARS[era] else None) if era else _nearest_era(p.heard, year)
        if not said:
            continue
        end = p.end + (m.end("no") if m.group("no") else 0)
        out.append(Correction(p.begin, end, text[p.begin:end], said, 0.0, "check", "date"))
    return out


def _nearest_era(heard: str, year: int | None) -> str | None:
    """The one era nearest in sound to `heard` (its kana reading) that the year fits; a tie: none."""
    from .morph import morphemes
    if not year:
        return None
    reading = "".join(m.reading for m in morphemes(heard))
    near = sorted((mora_distance(reading, ERA_READINGS[e], 99.0), e) for e in ERAS
                  if 1 <= year <= ERA_YEARS[e] and ERAS[e] + year - 1 <= date.today().year)  # not in the future
    if not near or len(near) > 1 and near[0][0] == near[1][0]:
        return None
    return near[0][1]
