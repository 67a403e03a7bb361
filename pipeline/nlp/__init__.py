"""The language stage: `annotate(transcript, NlpOptions, glossary, scorer) -> Transcript`.

Per speaker turn: glossary correction by reading (proposals made only of ordinary words, a month
misheard after a year, and an era written as another word before a year, are put to the recording
through `scorer`, see pipeline/asr/likelihood.py; proposals of different kinds for one span are scored
together and the best is written, compete.py) and of the period's words (vocabulary.py), common
nouns heard in hiragana written in kanji (spelling.py), sentence ends restored, then
GiNZA's morphemes become the words (timed from the recogniser's tokens, with its probabilities),
sentences become the segments, and named entities are found with one label per glossary term for
the collection, normalised and indexed.
"""
from __future__ import annotations

import time
from dataclasses import replace
from itertools import groupby
from typing import Protocol

from ..errors import ModelError
from ..glossary import GlossaryTerm
from ..options import NlpOptions, options_dict
from ..transcript import Entity, Segment, Transcript, Word
from .dates import (date_checks, dates_in_digits, digit_dates, era_checks, month_in_last_year, recording_era,
                    year_of, year_part_kanji)
from .compete import edge_rivals, era_rivals, with_rivals
from .entities import find_entities
from .glossary_fix import Correction, check_margin, find_corrections, heard_parts
from . import kept_kanji  # noqa: F401  (adds its check to glossary_fix.PROPOSERS)
from . import place_words  # noqa: F401  (adds its proposals to glossary_fix.PROPOSERS)
from . import composed  # noqa: F401  (adds its check to glossary_fix.TERM_PROPOSERS)
from .labels import collection_labels, in_context
from .months import glued_month_checks
from .morph import analyze_all, versions
from .morph import unload as unload_ginza
from .punctuate import restore_sentences, sentence_spans
from .spelling import arrival_spellings, respellings
from .gazetteer import gazetteer_corrections, gazetteer_terms, places_said
from .sound_alike import sound_alike_checks
from .vocabulary import load as load_vocabulary, spans_taken, vocabulary_corrections
from .timed import TimedText


SCORED_SPAN_MAX = 25.0  # seconds of audio scored around a proposal (Whisper's window is 30)
SCORE_BREAK = 0.6       # seconds of silence that end the stretch scored around a proposal


class Scorer(Protocol):
    def score(self, start: float, end: float, texts: list[str]) -> list[float]: ...

    def close(self) -> None: ...  # lets go of its model (scoring again loads it again)


def annotate(transcript: Transcript, options: NlpOptions, glossary: tuple[GlossaryTerm, ...] = (),
             scorer: Scorer | None = None) -> Transcript:
    """`scorer` (audio): without it, proposals that need the recording's word are not written."""
    started = time.perf_counter()
    language = transcript.recording.language or "ja"
    if not options.enabled or not language.startswith("ja"):
        return transcript
    glossary = tuple(glossary)
    described = collection_labels(glossary)
    labels = {t: label for t, (label, _) in described.items()}
    built: list[tuple[Segment, list]] = []
    corrected = added = respelled = 0
    checked: list[dict] = []
    turns = []  # each speaker turn's corrected, punctuated text, before GiNZA reads them all at once
    era = recording_era("。".join(s.text for s in transcript.segments))  # for years said without theirs
    heard_as: dict[str, str] = {}  # a given name as this recording's sure corrections heard it (吉岡: 義雄)
    digits = dates_in_digits("。".join(s.text for s in transcript.segments))  # how the recogniser writes dates
    period = {t.text for t in load_vocabulary(options.vocabulary)} - {t.text for t in glossary}
    places = gazetteer_terms(options.gazetteer, glossary) if options.gazetteer else {}  # well-known, not the glossary's
    written = {"dates": set(), "period": set(), "places": set(), "words": set()}  # what wrote each term, for the review page (else the glossary)
    for speaker, group in groupby(transcript.segments, key=lambda s: s.speaker):
        segments = [s for s in group if s.words]
        if not segments:
            continue
        tt = TimedText.of_segments(segments)
        proposals = find_corrections(tt.text, glossary, labels, heard_as=heard_as) \
            if options.glossary_correction and glossary else []
        if options.glossary_correction and places:  # well-known places (カラツ: 唐津), after the glossary, never over it
            proposals += gazetteer_corrections(tt.text, options.gazetteer, glossary, proposals)
        if options.glossary_correction and options.vocabulary:  # words of the period (収容所), never over a name
            proposals += vocabulary_corrections(tt.text, options.vocabulary, glossary, proposals)
        if options.glossary_correction and options.sound_alike and scorer is not None:  # 単人 -> 担任, 浮かが -> 伺
            proposals += sound_alike_checks(tt.text, spans_taken(tt.text, glossary, proposals))
        if options.glossary_correction:  # dates, where no proposal above stands: checks the audio decides
            # (a month misheard after 〇〇年の, an era written as another word, 23年6月 for 23年のくがつ), then
            # sure rewrites (昭和十二年の6月 among dates in digits: 昭和12年の6月; 18年のくれ: 18年の暮れ)
            # A date check over a check of another kind is its rival (compete.py): the audio chooses
            asked = date_checks(tt.text) + era_checks(tt.text, era) + glued_month_checks(tt.text) \
                + era_rivals(tt.text, proposals, era) if scorer is not None else []
            proposals = edge_rivals(tt.text, with_rivals(proposals, asked))
            for d in (digit_dates(tt.text) if digits else []) + year_part_kanji(tt.text):
                if all(d.end <= c.begin or d.begin >= c.end for c in proposals):
                    proposals.append(d)
        fixes, checks = _decide(tt, proposals, options, scorer)
        refused = frozenset((c.begin, c.end, c.term) for c in proposals if c.kind == "check" and c not in fixes
                            and not any((f.begin, f.end) == (c.begin, c.end) for f in fixes))  # (the audio's choice)
        if refused and glossary:  # a longer term refused (or not asked): the sure ones inside it
            fixes = sorted(fixes + [c for c in find_corrections(tt.text, glossary, labels, refused) if c.kind == "sure"
                                    and c not in fixes and all(c.end <= f.begin or c.begin >= f.end for f in fixes)],
                           key=lambda c: c.begin)
        checked += checks
        heard_as.update(heard_parts(fixes, glossary, labels))
        for c in sorted(fixes, key=lambda c: c.begin, reverse=True):  # from the end: a date check, appended
            tt.replace(c.begin, c.end, c.term)                         # last, may lie before the others
        corrected += len(fixes)
        for c in fixes:
            kind = "dates" if c.part in ("date", "month") else "period" if c.term in period else \
                "places" if c.term in places else "words" if c.part == "sounds" else None
            if kind:
                written[kind].add(c.term)
        if options.standard_spelling:  # みなと -> 港, いばらき -> 茨城, after the glossary's terms (はるびん is ハルビン)
            for begin, end, kanji in reversed(respellings(tt.text)):  # and およぎ -> 泳ぎ, Sokai -> 疎開
                tt.replace(begin, end, kanji, heard=True)
                respelled += 1
        if options.punctuate:
            added += restore_sentences(tt, options.sentence_pause)
        turns.append((speaker, segments, tt, fixes, checks))
    if scorer is not None:  # done scoring: its model goes before GiNZA comes back (never both on the peak)
        scorer.close()
    era = recording_era("。".join(tt.text for _, _, tt, _, _ in turns)) or era  # an era the checks restored
    analyses = analyze_all([tt.text for _, _, tt, _, _ in turns])
    described = in_context(described, analyses)  # a surname-only term said as a place (仙崎へ)
    composed_fixes = [c for *_, fixes, _ in turns for c in fixes if c.part == "composed"]  # 恵須取 for エストル: a place,
    described = composed.places_heard(described, composed_fixes)                     # read as heard
    labels = {t: label for t, (label, _) in described.items()}
    labels |= {t: places[t] for t in written["places"]}  # the gazetteer's terms it wrote are entities too
    named = composed.with_heard_readings(glossary, composed_fixes) + tuple(
        GlossaryTerm(t, places[t]) for t in sorted(written["places"]))
    arrivals = tuple(t for t, label in labels.items() if label == "PLACE")  # the collection's, for arrivals
    for (speaker, segments, tt, fixes, checks), analysis in zip(turns, analyses):
        flags = tuple(sorted({f for s in segments for f in s.flags}))
        found = find_entities(analysis, named, labels, era)
        if places:  # and those said right that GiNZA left unlabelled or mislabelled (横浜 as a body)
            found = places_said(analysis, found, places)
        if options.standard_spelling:  # 舞鶴につきました -> 着き, after GiNZA has read the heard kana (one character
            for begin, end, kanji in arrival_spellings(tt.text, arrivals):  # for one: no span moves)
                tt.replace(begin, end, kanji, heard=True)
                respelled += 1
        for begin, end in sentence_spans(tt.text, analysis.sentence_starts):
            words = tuple(_word(tt, m) for m in analysis.morphemes if begin <= m.begin and m.end <= end)
            text = tt.text[begin:end]
            if not words or "".join(w.text for w in words) != text:
                words = (Word(text, *tt.span(begin, end)),)  # a morpheme straddles the cut: keep one piece
            heard = tt.source(begin, end)
            segment = Segment(0, words[0].start, max(w.end for w in words), text, words, speaker,
                              any(s.overlap for s in segments if s.start < words[-1].end and words[0].start < s.end),
                              flags, heard if heard != text else None,
                              tuple(f"{c.heard}→{c.term}" for c in fixes if _inside(tt, c, begin, end)),
                              tuple(k for k in checks if _holds(tt, k["at"], begin, end)))
            ents = [(f.begin - begin, f.end - begin, f) for f in found if begin <= f.begin and f.end <= end]
            built.append((segment, ents))
    built.sort(key=lambda x: (x[0].start, x[0].end))
    segments, entities = [], []
    last_year = None  # the last year said, for a month said without one (9月には)
    for i, (segment, ents) in enumerate(built):
        segments.append(replace(segment, id=i, glossary_checks=tuple(
            {k: v for k, v in c.items() if k != "at"} for c in segment.glossary_checks)))
        for a, b, f in ents:
            start, end = segment.span_of(a, b)
            normalized, inferred = f.normalized, f.inferred
            if f.label == "DATE" and normalized is None and (normalized := month_in_last_year(segment.text[a:b], last_year, segment.text[:a])):
                inferred = f"year {normalized[:4]}: the last year said ({last_year})"
            last_year = year_of(normalized) if f.label == "DATE" and year_of(normalized) else last_year
            entities.append(Entity(segment.text[a:b], f.label, i, a, b, start, end, f.fine_label,
                                   normalized, f.reading, f.romanized, inferred))
    provenance = dict(transcript.provenance)
    stages = dict(provenance.get("stages", {}))
    stages["nlp"] = {"options": options_dict(options), "versions": versions(), "glossary_corrections": corrected,
                     "acoustic_checks": len(checked), "acoustic_accepted": sum(k["accepted"] for k in checked),
                     "glossary_labels": {t: {"label": lab, "from": how} for t, (lab, how) in described.items()},
                     "learned_terms_applied": sorted({t.text for t in glossary if t.source == "learned"
                                                      and any(t.text in s.text for s in segments)}),
                     "era": era, "dates_in_inferred_era": sum(e.inferred is not None for e in entities),
                     "sentence_ends_added": added, "nouns_respelled": respelled, "entities": len(entities),
                     "dates_written": sorted(written["dates"]), "period_words_written": sorted(written["period"]),
                     "places_written": sorted(written["places"]), "sound_alike_written": sorted(written["words"]),
                     "seconds": round(time.perf_counter() - started, 2)}
    provenance["stages"] = stages
    return replace(transcript, segments=tuple(segments), entities=tuple(entities), provenance=provenance)


def _decide(tt: TimedText, proposals: list[Correction], options: NlpOptions,
            scorer: Scorer | None) -> tuple[list[Correction], list[dict]]:
    """The corrections to write: every `sure` one, and each `check` one whose sentence the recording
    supports at least as well as the heard one, less the margin. Also what was asked, and the answers."""
    fixes, checks = [], []
    for c in proposals:
        if c.kind == "sure":
            fixes.append(c)
            continue
        if scorer is None or not options.acoustic_check:
            continue
        rivals = (replace(c, rivals=()),) + c.rivals  # proposals for overlapping spans: the audio chooses
        a, b = _stretch(tt, min(r.begin for r in rivals), max(r.end for r in rivals))
        heard = tt.text[a:b]
        options_of = [(r, t) for r in rivals for t in (r.term,) + r.others]  # and several terms for one span
        start, end = tt.span(a, b)
        unload_ginza()  # loaded for the glossary's labels; the scorer's model takes its place until the analysis
        try:
            heard_nats, *term_scores = scorer.score(start, end, [heard] + [
                heard[:r.begin - a] + t + heard[r.end - a:] for r, t in options_of])
        except ModelError as e:  # no Whisper model to judge with: the doubtful proposal is not written
            checks.append({"heard": c.heard, "term": c.term, "morae": c.distance, "accepted": False,
                           "error": str(e), "at": c})
            continue
        scored = [(n, replace(r, term=t, others=())) for n, (r, t) in zip(term_scores, options_of)]
        margins = [check_margin(r, options.acoustic_margin) for _, r in scored]  # a kind's own, else the glossary's
        cleared = [(n, r, m) for (n, r), m in zip(scored, margins) if n >= heard_nats - m]
        best = max(cleared, key=lambda x: x[0]) if cleared else max(
            ((n, r, m) for (n, r), m in zip(scored, margins)), key=lambda x: x[0] + x[2])
        span = (c.begin, c.end)
        term_nats, c, margin = best
        checks.append({"heard": c.heard, "term": c.term, "morae": c.distance, "heard_nats": round(heard_nats, 2),
                       "term_nats": round(term_nats, 2), "accepted": bool(cleared), "kind": c.part, "margin": margin,
                       "at": c} | ({"among": {r.term if (r.begin, r.end) == span else f"{r.heard}→{r.term}": round(n, 2)
                                              for n, r in scored}} if len(scored) > 1 else {}))
        if cleared:
            fixes.append(c)
    return fixes, checks


def _stretch(tt: TimedText, begin: int, end: int) -> tuple[int, int]:
    """The sentence (or stretch of talk between pauses) around text[begin:end], for scoring."""
    a, b = begin, end
    while a > 0 and tt.text[a - 1] not in "。？！?!" and tt.pause_before(a) < SCORE_BREAK \
            and tt.ends[end - 1] - tt.starts[a - 1] < SCORED_SPAN_MAX / 2:
        a -= 1
    while b < len(tt.text) and tt.pause_before(b) < SCORE_BREAK and tt.ends[b] - tt.starts[a] < SCORED_SPAN_MAX:
        b += 1
        if tt.text[b - 1] in "。？！?!":
            break
    return a, b


def _word(tt: TimedText, m) -> Word:
    """The morpheme as a word, its text as written (着 where GiNZA read a heard つ)."""
    start, end = tt.span(m.begin, m.end)
    probability = tt.probability(m.begin, m.end)
    return Word(tt.text[m.begin:m.end], round(start, 3), round(end, 3), None if probability is None else round(probability, 4),
                m.reading or None, m.pos or None)


def _holds(tt: TimedText, c, begin: int, end: int) -> bool:
    """Whether text[begin:end] holds characters heard in the proposal's span (written or not); a mark
    the language layer inserted (a sentence end) holds nothing, even where the proposal begins."""
    return any(c.begin <= a < b <= c.end for a, b in tt.origins[begin:end])


def _inside(tt: TimedText, c, begin: int, end: int) -> bool:
    """Whether the correction's written term lies in text[begin:end]: its characters carry the
    corrected span of the ASR text as their origin."""
    return (c.begin, c.end) in set(tt.origins[begin:end])

