"""The ASR stage: `transcribe(audio, AsrOptions) -> AsrResult`, whatever the backend.

Backends are looked up by name; each is one module with `decode(samples, options, model, progress, regions)`
returning our RawSegments, and `versions()`. Guards shared by all backends run here. Where speech is comes
from the recording's one speech analysis (`pipeline.speech`): each block's backend, gap recovery and the
hallucination check threshold its probabilities with their own settings.
"""
from __future__ import annotations

import importlib
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from .. import models
from ..audio import MODEL_SAMPLE_RATE, Audio, is_digital_silence
from ..errors import ConfigError
from ..options import AsrOptions, options_dict
from ..speech import Speech, analyse
from ..speech import versions as vad_versions
from ..transcript import Gap, Segment, Word, renumber, segment_from_dict, segment_to_dict
from .cleanup import (RawSegment, bare_text, cut_repetitions, drop_squashed_copies, is_hallucination, is_known_phrase,
                      squashed, tidy_words,
                      to_segment)
from .hotwords import Recording, block_of

BACKENDS = {"faster-whisper": "pipeline.asr.faster_whisper", "openai-whisper": "pipeline.asr.openai_whisper"}
GAP_PAD = 0.3  # seconds around recognised words counted as covered
BLOCK_SECONDS = 300.0  # audio handed to the backend at a time: its features for a whole recording grow
                       # with length (faster-whisper: +0.5 GB at 10 min, +1.5 GB at 30 min); blocks keep it flat
BLOCK_SEARCH = 20.0    # seconds either side of a block boundary searched for the quietest moment
MIN_BLOCK = 120.0      # seconds: a recording is cut shorter than BLOCK_SECONDS to give every worker a block,
                       # but not below this (each cut restarts the recogniser's context)
CONTEXT = 5.0  # seconds either side of a gap where recovered text may already stand


def get_backend(name: str):
    if name not in BACKENDS:
        raise ConfigError(f"unknown ASR backend {name!r}; known: {', '.join(BACKENDS)}")
    return importlib.import_module(BACKENDS[name])


@dataclass(frozen=True)
class AsrResult:
    """Timed text without speakers, plus the stretches of speech nothing could be recognised in."""

    segments: tuple[Segment, ...]
    gaps: tuple[Gap, ...] = ()
    provenance: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"segments": [segment_to_dict(s) for s in self.segments],
                "gaps": [g.__dict__ for g in self.gaps], "provenance": self.provenance}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "AsrResult":
        return cls(tuple(segment_from_dict(s) for s in d["segments"]),
                   tuple(Gap(**g) for g in d.get("gaps", ())), d.get("provenance", {}))


def transcribe(audio: Audio, options: AsrOptions,
               progress: Callable[[float], None] | None = None,
               speech: Speech | Callable[[], Speech] | None = None) -> AsrResult:
    """Transcribe decoded audio; `progress` gets seconds of audio done. `speech`: the recording's
    speech analysis, or what makes it when first needed (made here when needed and not given)."""
    started = time.perf_counter()
    backend = get_backend(options.backend)
    if options.denoise:  # the speech analysis stays the original's: the same length and timing
        from ..denoise import clean
        audio = replace(audio, samples=clean(audio.samples))
    model = models.resolve(options.model)
    duration = audio.duration
    raw: list[RawSegment] = []
    reported: dict[str, Any] = {}
    silent = is_digital_silence(audio.samples)  # an hour of it: nothing to decode, in seconds
    counters: dict[str, int] = {}
    workers = backend.workers(options)
    spans = [] if silent else blocks(audio.samples, block_seconds(duration, workers))
    done = [0.0] * len(spans)  # seconds decoded of each block, for `progress`
    lock, stop = threading.Lock(), threading.Event()
    known = [speech] if isinstance(speech, Speech) else []

    def analysis() -> Speech:  # with `vad` off, made only if a known invented phrase is to be checked
        if not known:
            known.append(speech() if callable(speech) else analyse(audio.samples))
        return known[0]
    if options.vad and spans:
        analysis()  # before the blocks' threads share it
    recording = Recording()  # hotwords: whether the recording's first window said a term (asr/hotwords.py)

    def decode_block(n: int, lo: int, hi: int):
        with block_of(recording, first=n == 0):
            return _decode_block(n, lo, hi)

    def _decode_block(n: int, lo: int, hi: int):
        def advance(seconds: float) -> None:  # after each segment
            if stop.is_set():
                raise InterruptedError("recognition stopped")
            if progress:
                with lock:
                    done[n] = seconds
                    progress(sum(done))
        def regions(**vad) -> list[tuple[int, int]]:  # speech in this block, in its own samples
            return [(a - lo, b - lo) for a, b in analysis().regions(lo, hi, **vad)]
        return backend.decode(audio.samples[lo:hi], options, model, advance, regions)

    # blocks decoded at once by the backend's workers (CTranslate2 releases the GIL), joined in order:
    # the same blocks give the same text however many run at a time
    pool = ThreadPoolExecutor(max(1, min(workers, len(spans))))
    try:
        parts = list(pool.map(decode_block, range(len(spans)), *zip(*spans))) if spans else []
    except BaseException:  # Ctrl-C or a failed block: the other blocks stop after their current segment
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    for (lo, _), (part, reported) in zip(spans, parts):
        _add_counts(counters, reported.pop("counters", {}))
        raw += _shifted(part, lo / MODEL_SAMPLE_RATE)
    def made() -> Speech | None:
        return known[0] if known else None
    segments = _clean(raw, duration, analysis, options.max_repeats, made=made)

    gaps: list[Gap] = []
    recovered = 0
    gap_counters: dict[str, int] = {"redecodes": 0}
    gap_seconds = 0.0
    if options.recover_gaps and options.vad and not silent:
        for start, end in uncovered_speech(analysis(), segments, options.min_gap):
            lo, hi = int(start * MODEL_SAMPLE_RATE), int(end * MODEL_SAMPLE_RATE)
            clip_raw, clip_reported = backend.decode(audio.samples[lo:hi], replace(options, vad=False), model)
            _add_counts(gap_counters, {"redecodes": 1, **clip_reported.get("counters", {})})
            gap_seconds += end - start
            found = _clean(_shifted(clip_raw, start), duration, analysis, options.max_repeats, "recovered", made)
            nearby = bare_text("".join(s.text for s in segments if s.end > start - CONTEXT and s.start < end + CONTEXT))
            if found and all(bare_text(s.text) in nearby for s in found):
                continue  # the first pass had it; its word times were just short
            if found:
                segments += found
                recovered += 1
            else:
                gaps.append(Gap(round(start, 3), round(end, 3), "speech detected, no text recognised"))
    if progress:
        progress(duration)
    provenance = {
        "backend": options.backend, "model": model.name, "model_source": model.source,
        "model_sha256": model.sha256, "options": options_dict(options),
        "versions": {**backend.versions(), **(vad_versions() if known else {})},  # the VAD, when it was read
        "recovered_passages": recovered, "digital_silence": silent, **reported,
        "counters": {**counters, "characters": sum(len(s.text) for s in segments)},
        "gap_recovery": {**gap_counters, "seconds_of_audio": round(gap_seconds, 2)},
        "seconds": round(time.perf_counter() - started, 2),
    }
    return AsrResult(renumber(segments), tuple(gaps), provenance)


def block_seconds(duration: float, workers: int) -> float:
    """How long the blocks are: BLOCK_SECONDS for one worker; for more, as many blocks as a multiple
    of the workers (so they finish together), none shorter than MIN_BLOCK (a short recording stays whole)."""
    if workers > 1 and duration > 2 * BLOCK_SECONDS * workers:
        # a long recording keeps every worker busy anyway: the blocks in flight together hold no more
        # features than one BLOCK_SECONDS block (the hour's peak memory is set here; docs/benchmarks.md)
        return max(MIN_BLOCK, BLOCK_SECONDS / workers)
    alone = max(1, math.ceil((duration - BLOCK_SEARCH) / BLOCK_SECONDS))  # what blocks() cuts by default
    count = min(math.ceil(alone / workers) * workers, max(alone, int(duration // MIN_BLOCK)))
    return BLOCK_SECONDS if workers <= 1 or count <= 1 else duration / count


def blocks(samples, seconds: float | None = None) -> list[tuple[int, int]]:
    """Sample ranges of about `seconds` each covering the recording, each cut at the quietest
    half-second near its boundary (so no word is cut; the recogniser's context restarts there)."""
    import numpy as np
    rate, n, seconds = MODEL_SAMPLE_RATE, len(samples), seconds or BLOCK_SECONDS
    size, step = int(seconds * rate), rate // 10  # energy in 0.1 s frames
    cuts, pos = [0], 0
    while n - pos > size + BLOCK_SEARCH * rate:
        a, b = pos + size - int(BLOCK_SEARCH * rate), pos + size + int(BLOCK_SEARCH * rate)
        frames = samples[a:b][: (b - a) // step * step].reshape(-1, step)
        energy = np.convolve((frames.astype(np.float64) ** 2).mean(axis=1), np.ones(5), "valid")  # 0.5 s
        pos = a + (int(np.argmin(energy)) + 2) * step + step // 2
        cuts.append(pos)
    cuts.append(n)
    return list(zip(cuts, cuts[1:]))


def _add_counts(total: dict[str, int], part: dict[str, int]) -> None:
    for key, n in part.items():
        total[key] = total.get(key, 0) + n


def _shifted(raw: list[RawSegment], offset: float) -> list[RawSegment]:
    if not offset:
        return raw
    return [RawSegment(tuple(replace(w, start=w.start + offset, end=w.end + offset) for w in r.words),
                       r.avg_logprob, r.no_speech_prob) for r in raw]


def _clean(raw: list[RawSegment], duration: float, speech: Callable[[], Speech], max_repeats: int,
           flag: str = "", made: Callable[[], Speech | None] = lambda: None) -> list[Segment]:
    """Segments from a backend's output; `made`: the speech analysis if one was made (first words'
    onsets), `speech`: one made if needed (a known invented phrase to check)."""
    out = []
    for r in raw:
        words = tidy_words(list(r.words), duration)
        tidied = RawSegment(words, r.avg_logprob, r.no_speech_prob)
        # the VAD is asked only about a segment that is a known invented phrase (rare)
        share = speech_share(speech(), words[0].start, words[-1].end) if words and is_known_phrase(tidied) else None
        if not words or is_hallucination(tidied, share):
            continue
        words, cut = cut_repetitions(words, max_repeats)
        words, doubled = drop_squashed_copies(words)
        flags = tuple(f for f in (flag, "repetition_cut" if cut or doubled else "") if f)
        out.append(to_segment(onset_in_speech(words, made), flags))
    return fit_to_speech(out, made, duration)


SLOWEST_CHARS_PER_SECOND = 2.5  # a squashed segment is never given more time than this (median 4.8)


def fit_to_speech(segments: list[Segment], speech: Callable[[], Speech | None], duration: float) -> list[Segment]:
    """A segment squashed into less time than its words take to say (the closing ありがとうございました
    given 0.4 s of the 1.5 s its voice takes) ends where its speech does: at the end of the stretch of
    talk the analysis hears from its start, never past the next segment; its words share the time by
    their characters. Only when the analysis was made, and only ever longer."""
    analysis = speech() if segments else None
    if analysis is None:
        return segments
    out = list(segments)
    for i, seg in enumerate(out):
        if not seg.words or not squashed(seg.words):
            continue
        limit = min(out[i + 1].start if i + 1 < len(out) else duration, duration)
        talk = [b for a, b in analysis.seconds(int(seg.start * MODEL_SAMPLE_RATE), int(limit * MODEL_SAMPLE_RATE),
                                               **TALK_VAD) if a <= seg.end]
        chars = len(bare_text(seg.text))
        end = round(min(max(talk, default=seg.end), limit, seg.start + chars / SLOWEST_CHARS_PER_SECOND), 3)
        if end <= seg.end:
            continue
        sizes = [max(1, len(bare_text(w.text))) for w in seg.words]
        step, t, words = (end - seg.start) / sum(sizes), seg.start, []
        for w, n in zip(seg.words, sizes):
            words.append(replace(w, start=round(t, 3), end=round(t + n * step, 3)))
            t += n * step
        out[i] = replace(seg, end=end, words=tuple(words))
    return out


# Measured over 617 segment starts of 96 SYNTHETIC interview transcripts (clean and cassette copies) against
# their references' sentence starts: mean error 0.190 s -> 0.108 s, 134 -> 51 starts off by more than 0.3 s
# (0.3 s of silence, 100 ms padding, as before: 0.190 and 134); 2 of the 198 moved came out later by ~0.2 s.
ONSET_SILENCE = 0.2  # seconds of silence a segment's first word may have taken in before it is moved
ONSET_TAIL = 0.8     # seconds of the speech before that a first word may have swallowed (the sentence before's end)
ONSET_VAD = {"min_silence_duration_ms": 100, "speech_pad_ms": 30}


def onset_in_speech(words: tuple[Word, ...], speech: Callable[[], Speech | None]) -> tuple[Word, ...]:
    """A segment's first word starts where its speech does: Whisper often stretches the first word
    back over the pause before it (撫順 from the previous sentence's end, 0.7 s early; エ of エストル 0.57 s
    early over a 0.3 s pause inside a turn), which puts the word, its entity and the subtitle cue before
    anyone speaks. Moved only when the speech analysis (already made) finds at least ONSET_SILENCE of
    silence inside the word before speech, after at most ONSET_TAIL of speech that was already going
    when the word began (the end of what was said before)."""
    analysis = speech() if words else None
    if analysis is None or words[0].end - words[0].start <= ONSET_SILENCE:
        return words
    first = words[0]
    lo = int(max(0.0, first.start - 1.0) * MODEL_SAMPLE_RATE)  # a second before: is speech already going?
    quiet_from = first.start
    for a, b in analysis.seconds(lo, int(first.end * MODEL_SAMPLE_RATE), **ONSET_VAD):
        if b <= first.start:
            continue
        if a < first.start + 0.02:  # speech going as the word begins: the sentence before's tail, or the word
            if b - first.start > ONSET_TAIL:
                return words  # the word's own speech began at its start
            quiet_from = b
            continue
        if a - quiet_from >= ONSET_SILENCE and a < first.end:
            return (replace(first, start=round(a, 3)), *words[1:])
        return words
    return words


def speech_in(samples, regions: Callable[..., list[tuple[int, int]]] | None) -> Callable[..., list[tuple[int, int]]]:
    """What a backend thresholds into the speech it decodes (`regions(**vad)`, sample ranges): as
    `transcribe` hands it in, or for a clip decoded alone, the clip's own analysis (its own recording)."""
    return regions if regions is not None else analyse(samples).regions


TALK_VAD = {"min_silence_duration_ms": 500, "speech_pad_ms": 200}
"""Stretches of talk (pauses under half a second kept inside): gap recovery's and openai-whisper's clips."""


def speech_regions(speech: Speech) -> list[tuple[float, float]]:
    """Where Silero VAD hears speech, in seconds, as stretches of talk (`TALK_VAD`)."""
    return speech.seconds(**TALK_VAD)


def speech_share(speech: Speech, start: float, end: float) -> float:
    """The share of start..end in which Silero VAD hears speech (the hallucination check's settings)."""
    return speech.share(start, end, min_silence_duration_ms=200, speech_pad_ms=100)


def uncovered_speech(speech: Speech, segments: list[Segment], min_gap: float) -> list[tuple[float, float]]:
    """Stretches of at least `min_gap` seconds of speech with no recognised word near them."""
    covered = sorted((w.start - GAP_PAD, w.end + GAP_PAD) for s in segments for w in s.words)
    found = []
    for start, end in speech_regions(speech):
        cursor = start
        for a, b in covered:
            if b <= cursor or a >= end:
                continue
            if a - cursor >= min_gap:
                found.append((cursor, a))
            cursor = max(cursor, b)
        if end - cursor >= min_gap:
            found.append((cursor, end))
    return found


__all__ = ["AsrResult", "BACKENDS", "Word", "get_backend", "transcribe"]
