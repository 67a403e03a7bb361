"""The language stage: `annotate(transcript, NlpOptions, glossary) -> Transcript`.

Per speaker turn: glossary correction by reading, sentence ends restored, then GiNZA's morphemes
become the words (timed from the recogniser's tokens), sentences become the segments, and named
entities are found, normalised and indexed.
"""
from __future__ import annotations

import time
from dataclasses import replace
from itertools import groupby

from ..glossary import GlossaryTerm
from ..options import NlpOptions, options_dict
from ..transcript import Entity, Segment, Transcript, Word
from .entities import find_entities
from .glossary_fix import find_corrections
from .morph import analyze, versions
from .punctuate import restore_sentences, sentence_spans
from .timed import TimedText


def annotate(transcript: Transcript, options: NlpOptions, glossary: tuple[GlossaryTerm, ...] = ()) -> Transcript:
    started = time.perf_counter()
    language = transcript.recording.language or "ja"
    if not options.enabled or not language.startswith("ja"):
        return transcript
    built: list[tuple[Segment, list]] = []
    corrected = added = 0
    for speaker, group in groupby(transcript.segments, key=lambda s: s.speaker):
        segments = [s for s in group if s.words]
        if not segments:
            continue
        tt = TimedText.of_segments(segments)
        flags = tuple(sorted({f for s in segments for f in s.flags}))
        fixes = find_corrections(tt.text, glossary) if options.glossary_correction and glossary else []
        for c in reversed(fixes):
            tt.replace(c.begin, c.end, c.term)
        corrected += len(fixes)
        if options.punctuate:
            added += restore_sentences(tt, options.sentence_pause)
        analysis = analyze(tt.text)
        found = find_entities(analysis, glossary)
        for begin, end in sentence_spans(tt.text, analysis.sentence_starts):
            words = tuple(_word(tt, m) for m in analysis.morphemes if begin <= m.begin and m.end <= end)
            text = tt.text[begin:end]
            if not words or "".join(w.text for w in words) != text:
                words = (Word(text, *tt.span(begin, end)),)  # a morpheme straddles the cut: keep one piece
            heard = tt.source(begin, end)
            segment = Segment(0, words[0].start, max(w.end for w in words), text, words, speaker,
                              any(s.overlap for s in segments if s.start < words[-1].end and words[0].start < s.end),
                              flags, heard if heard != text else None,
                              tuple(f"{c.heard}→{c.term}" for c in fixes if _inside(tt, c, begin, end)))
            ents = [(f.begin - begin, f.end - begin, f) for f in found if begin <= f.begin and f.end <= end]
            built.append((segment, ents))
    built.sort(key=lambda x: (x[0].start, x[0].end))
    segments, entities = [], []
    for i, (segment, ents) in enumerate(built):
        segments.append(replace(segment, id=i))
        for a, b, f in ents:
            start, end = segment.span_of(a, b)
            entities.append(Entity(segment.text[a:b], f.label, i, a, b, start, end, f.fine_label,
                                   f.normalized, f.reading, f.romanized))
    provenance = dict(transcript.provenance)
    stages = dict(provenance.get("stages", {}))
    stages["nlp"] = {"options": options_dict(options), "versions": versions(), "glossary_corrections": corrected,
                     "sentence_ends_added": added, "entities": len(entities),
                     "seconds": round(time.perf_counter() - started, 2)}
    provenance["stages"] = stages
    return replace(transcript, segments=tuple(segments), entities=tuple(entities), provenance=provenance)


def _word(tt: TimedText, m) -> Word:
    start, end = tt.span(m.begin, m.end)
    return Word(m.text, round(start, 3), round(end, 3), None, m.reading or None, m.pos or None)


def _inside(tt: TimedText, c, begin: int, end: int) -> bool:
    """Whether the correction's written term lies in text[begin:end]: its characters carry the
    corrected span of the ASR text as their origin."""
    return (c.begin, c.end) in set(tt.origins[begin:end])

