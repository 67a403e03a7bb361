"""faster-whisper (CTranslate2) adapter: decoded audio in, our RawSegments out."""
from __future__ import annotations

import threading
from typing import Callable

import numpy as np

from ..audio import MODEL_SAMPLE_RATE
from ..errors import ModelError
from ..models import KNOWN_HUB_NAMES, ModelRef
from ..options import AsrOptions
from ..transcript import Word
from . import speech_in
from .cleanup import RawSegment
from .hotwords import Hotwords, window_hotwords

NAME = "faster-whisper"
_loaded: dict[tuple, object] = {}  # one model per process and settings: loaded once per batch


def versions() -> dict[str, str | None]:
    from .. import package_versions
    return package_versions("faster-whisper", "ctranslate2")


def workers(options: AsrOptions) -> int:
    """Blocks of a recording decoded at once: `workers`, else one per `cpu_threads` (1) of the cores.
    Measured on 2 cores: one CTranslate2 thread decodes Whisper base about 20% faster than two (the
    second spends its time synchronising), so a core is better used decoding another block."""
    from .. import cores
    return options.workers or max(1, cores() // (options.cpu_threads or 1))


def threads(options: AsrOptions) -> int:
    """The cores recognition keeps busy, all workers together (diarization beside it gets the rest)."""
    return workers(options) * (options.cpu_threads or 1)


def _load(model: ModelRef, options: AsrOptions):
    key = (model.location, options.device, options.compute_type, options.cpu_threads or 1, workers(options))
    if key in _loaded:
        return _loaded[key]
    try:
        from faster_whisper import WhisperModel
    except ImportError as e:
        raise ModelError(f"faster-whisper is not installed: run `pip install faster-whisper` ({e})") from e
    try:
        engine = WhisperModel(model.location, device=options.device, compute_type=options.compute_type,
                              cpu_threads=options.cpu_threads or 1, num_workers=workers(options))
    except Exception as e:  # hub errors, missing files, bad folders all surface here
        raise _model_error(model, e) from e
    engine.model = DecodeCounter(engine.model)  # counts what decoding costs; behaves as the model
    engine.feature_extractor = PiecewiseFeatures(engine.feature_extractor)  # a block's peak memory
    engine.get_prompt = _bounded_prompt(engine.get_prompt)
    engine.generate_with_fallback = _redecode_when_heard(engine.generate_with_fallback, engine.get_prompt)
    _loaded[key] = engine
    return engine


def unload() -> None:
    """Let go of the loaded models (base: 0.12 GB; larger ones more): the language layer and the
    exports after recognition need the memory more than the next recording needs a warm model."""
    _loaded.clear()


class PiecewiseFeatures:
    """faster-whisper's log-Mel features of a block, FRAMES frames at a time: the same numbers (its own
    STFT and filters; the floor is set from the whole block's maximum, as it does), without the
    whole block's STFT at once (a 150-s block: +124 MB; two workers' blocks met at the hour's peak)."""

    FRAMES = 3000  # 30 s

    def __init__(self, extractor):
        self._extractor = extractor

    def __getattr__(self, name):  # everything else is the extractor's own
        return getattr(self._extractor, name)

    def __call__(self, waveform: np.ndarray, padding: int = 160, chunk_length=None) -> np.ndarray:
        fe = self._extractor
        if chunk_length is not None or waveform.ndim != 1:
            return fe(waveform, padding=padding, chunk_length=chunk_length)
        n_fft, hop = fe.n_fft, fe.hop_length
        padded = np.pad(waveform.astype(np.float32), (0, padding)) if padding else waveform.astype(np.float32)
        padded = np.pad(padded, n_fft // 2, mode="reflect")  # its centred STFT
        frames = 1 + (len(padded) - n_fft) // hop - 1     # its last frame dropped
        window = np.hanning(n_fft + 1)[:-1].astype("float32")
        power = np.empty((frames, n_fft // 2 + 1), np.float32)  # laid out as its |STFT|^2 (a frame's bins together)
        for a in range(0, frames, self.FRAMES):
            b = min(frames, a + self.FRAMES)
            stft = fe.stft(padded[a * hop:(b - 1) * hop + n_fft], n_fft, hop, window=window, center=False,
                           return_complex=True).astype("complex64")
            power[a:b] = (np.abs(stft) ** 2).T
        out = np.log10(np.clip(fe.mel_filters @ power.T, a_min=1e-10, a_max=None))  # one product, as its own
        out = np.maximum(out, out.max() - 8.0)
        return (out + 4.0) / 4.0


_call = threading.local()  # what one decode asked for and counted: blocks are decoded in threads at once


def _bounded_prompt(get_prompt):
    """Hotwords and previous text share one budget of `prompt_tokens`, the oldest text going first.
    faster-whisper alone puts the hotwords before up to 223 tokens of previous text: with a glossary
    every window is fed more prompt (each prompt token costs about a fifth of a written one) and, on
    dense speech, windows close earlier (more encoder passes). See docs/benchmarks.md."""
    encoded: dict[str, int] = {}  # hotwords -> their length in tokens (one tokenizer per engine)

    def bounded(tokenizer, previous_tokens, without_timestamps=False, prefix=None, hotwords=None):
        _call.window = (hotwords, tokenizer, previous_tokens, without_timestamps, prefix)  # for a re-decode
        hotwords = window_hotwords(hotwords, tokenizer, previous_tokens)  # the terms heard so far (hotwords.py)
        budget = _call.prompt_budget
        if hotwords and not prefix:
            if hotwords not in encoded:
                encoded[hotwords] = len(tokenizer.encode(" " + hotwords.strip()))
            budget -= encoded[hotwords]
        previous = list(previous_tokens)[-budget:] if budget > 0 else []
        return get_prompt(tokenizer, previous, without_timestamps=without_timestamps, prefix=prefix,
                          hotwords=hotwords)
    return bounded


def _redecode_when_heard(generate_with_fallback, get_prompt):
    """`hotword_policy = "window"`: a window decoded unfed whose own text says a term (hotwords.py) is
    decoded again, fed every term, and the recording is fed from there on. One more decoder pass (not
    an encoder pass) at most per decode; a window that says no term keeps its unfed text."""

    def generate(encoder_output, prompt, tokenizer, options):
        decoded = generate_with_fallback(encoder_output, prompt, tokenizer, options)
        hotwords, _, previous_tokens, without_timestamps, prefix = getattr(_call, "window", (None,) * 5)
        if not isinstance(hotwords, Hotwords) or prefix:
            return decoded
        text = tokenizer.decode([t for t in decoded[0].sequences_ids[0] if t < tokenizer.eot])
        terms = hotwords.for_own_text(text)
        if not terms:
            return decoded
        fed = get_prompt(tokenizer, previous_tokens, without_timestamps=without_timestamps, hotwords=terms)
        return generate_with_fallback(encoder_output, fed, tokenizer, options)
    return generate


class DecodeCounter:
    """Wraps CTranslate2's Whisper model and counts its work, which tells where recognition's time
    goes: 30-s windows encoded, decoder runs, temperature fallbacks (each re-decodes a whole window
    with `best_of` samples), tokens generated, prompt tokens fed (previous text and hotwords), and
    decodes that ran into the 448-token limit (their window is decoded again from where they stopped)."""

    MAX_LENGTH = 448  # Whisper's decoder context, prompt included (tokens)

    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):  # everything else is the model's own
        return getattr(self._model, name)

    @staticmethod
    def reset() -> dict[str, int]:
        """This thread's counts so far, and a fresh start (each block is decoded in one thread)."""
        done, _call.counts = getattr(_call, "counts", {}), dict.fromkeys(COUNTERS, 0)
        return done

    @staticmethod
    def _add(key: str, n: int) -> None:
        _call.counts[key] = _call.counts.get(key, 0) + n

    def encode(self, features, *args, **kwargs):
        self._add("windows", int(features.shape[0]))
        return self._model.encode(features, *args, **kwargs)

    def generate(self, features, prompts, *args, **kwargs):
        """Beam search, or where `beam_threshold` is set, greedy first and beam search only for a
        window whose greedy text the model is unsure of (average log-probability below it)."""
        threshold = getattr(_call, "beam_threshold", 0.0)
        if threshold < 0 and kwargs.get("beam_size", 1) > 1 and len(prompts) == 1:
            greedy = self._generate(features, prompts, *args, **{**kwargs, "beam_size": 1, "patience": 1})
            if _avg_logprob(greedy[0], kwargs.get("length_penalty", 1.0)) >= threshold:
                self._add("greedy_kept", 1)
                return greedy
            self._add("beam_redecodes", 1)
        return self._generate(features, prompts, *args, **kwargs)

    def _generate(self, features, prompts, *args, **kwargs):
        results = self._model.generate(features, prompts, *args, **kwargs)
        sampled = kwargs.get("sampling_temperature", 0) > 0 and kwargs.get("beam_size", 1) == 1
        limit = kwargs.get("max_length", self.MAX_LENGTH)
        self._add("decodes", len(prompts))
        self._add("fallbacks", len(prompts) if sampled else 0)
        self._add("prompt_tokens", sum(len(p) for p in prompts))
        for prompt, result in zip(prompts, results):
            self._add("tokens", sum(len(ids) for ids in result.sequences_ids))
            self._add("hit_length_limit", int(len(prompt) + len(result.sequences_ids[0]) >= limit - 1))
        return results

    def align(self, *args, **kwargs):
        self._add("alignments", 1)
        return self._model.align(*args, **kwargs)


COUNTERS = ("windows", "decodes", "fallbacks", "tokens", "prompt_tokens", "hit_length_limit", "alignments",
            "greedy_kept", "beam_redecodes")


def _avg_logprob(result, length_penalty: float) -> float:
    """Average log-probability per token of a decode, as faster-whisper judges fallbacks by it."""
    length = len(result.sequences_ids[0])
    return result.scores[0] * length ** length_penalty / (length + 1)


def _speech_chunks(samples, regions: Callable[..., list[tuple[int, int]]] | None) -> list[dict]:
    """The speech faster-whisper's `vad_filter` keeps (its default VadOptions), as its chunks."""
    return [{"start": a, "end": b} for a, b in speech_in(samples, regions)()]


def _model_error(model: ModelRef, e: Exception) -> ModelError:
    if model.source == "backend":
        hint = (f"known names: {', '.join(KNOWN_HUB_NAMES)} or a hub id such as "
                "kotoba-tech/kotoba-whisper-v2.0-faster")
        return ModelError(
            f"model {model.name!r} is not available offline and could not be downloaded "
            f"({type(e).__name__}); use --model base (bundled) or a local CTranslate2 folder; {hint}")
    return ModelError(f"model at {model.location} cannot be loaded as a CTranslate2 Whisper model ({e})")


def decode(samples, options: AsrOptions, model: ModelRef, progress: Callable[[float], None] | None = None,
           regions: Callable[..., list[tuple[int, int]]] | None = None) -> tuple[list[RawSegment], dict]:
    """Transcribe 16 kHz mono samples; return raw segments and what the model reported. `regions(**vad)`:
    the speech in them as sample ranges, thresholded from the recording's speech analysis."""
    engine = _load(model, options)
    engine.model.reset()
    _call.prompt_budget, _call.beam_threshold = options.prompt_tokens, options.beam_threshold
    hotwords = Hotwords(options.hotwords, options.hotword_policy) if options.hotwords else None
    common = {"language": options.language or None, "beam_size": options.beam_size, "word_timestamps": True,
              "hotwords": hotwords}
    if options.batch_size > 0 and options.vad:
        from faster_whisper import BatchedInferencePipeline
        segments, info = BatchedInferencePipeline(engine).transcribe(samples, batch_size=options.batch_size, **common)
    else:
        chunks = _speech_chunks(samples, regions) if options.vad else None
        if chunks is not None:  # what `vad_filter` does, from the speech analysis instead of another VAD run
            from faster_whisper.vad import collect_chunks
            samples = np.concatenate(collect_chunks(samples, chunks)[0])
        segments, info = engine.transcribe(samples, vad_filter=False,
                                           condition_on_previous_text=options.condition_on_previous_text, **common)
        if chunks:
            from faster_whisper.transcribe import restore_speech_timestamps
            segments = restore_speech_timestamps(segments, chunks, MODEL_SAMPLE_RATE)
    out: list[RawSegment] = []
    for seg in segments:  # a generator: decoding happens as we iterate
        words = tuple(Word(w.word, float(w.start), float(w.end), round(float(w.probability), 4))
                      for w in (seg.words or ()))
        out.append(RawSegment(words, seg.avg_logprob, seg.no_speech_prob))
        if progress:
            progress(float(seg.end))
    counters = {**engine.model.reset(), "windows_with_hotwords": hotwords.fed if hotwords else 0,
                "hotword_redecodes": hotwords.redecoded if hotwords else 0}
    reported = {"language": info.language, "language_probability": round(info.language_probability, 3),
                "cpu_threads": options.cpu_threads or 1, "workers": workers(options), "counters": counters}
    return out, reported
