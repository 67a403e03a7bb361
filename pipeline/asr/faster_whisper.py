"""faster-whisper (CTranslate2) adapter: decoded audio in, our RawSegments out."""
from __future__ import annotations

from typing import Callable

from ..errors import ModelError
from ..models import KNOWN_HUB_NAMES, ModelRef
from ..options import AsrOptions
from ..transcript import Word
from .cleanup import RawSegment

NAME = "faster-whisper"
_loaded: dict[tuple, object] = {}  # one model per process and settings: loaded once per batch


def versions() -> dict[str, str | None]:
    from .. import package_versions
    return package_versions("faster-whisper", "ctranslate2")


def threads(options: AsrOptions) -> int:
    """CTranslate2's threads: `cpu_threads`, else half the cores. Measured on 2 cores: one thread
    decodes Whisper base about 20% faster than two (the second spends its time synchronising) and
    leaves the other core to diarization, which runs beside recognition."""
    from .. import cores
    return options.cpu_threads or max(1, cores() // 2)


def _load(model: ModelRef, options: AsrOptions):
    key = (model.location, options.device, options.compute_type, threads(options))
    if key in _loaded:
        return _loaded[key]
    try:
        from faster_whisper import WhisperModel
    except ImportError as e:
        raise ModelError(f"faster-whisper is not installed: run `pip install faster-whisper` ({e})") from e
    try:
        engine = WhisperModel(model.location, device=options.device, compute_type=options.compute_type,
                              cpu_threads=threads(options))
    except Exception as e:  # hub errors, missing files, bad folders all surface here
        raise _model_error(model, e) from e
    _loaded[key] = engine
    return engine


def _model_error(model: ModelRef, e: Exception) -> ModelError:
    if model.source == "backend":
        hint = (f"known names: {', '.join(KNOWN_HUB_NAMES)} or a hub id such as "
                "kotoba-tech/kotoba-whisper-v2.0-faster")
        return ModelError(
            f"model {model.name!r} is not available offline and could not be downloaded "
            f"({type(e).__name__}); use --model base (bundled) or a local CTranslate2 folder; {hint}")
    return ModelError(f"model at {model.location} cannot be loaded as a CTranslate2 Whisper model ({e})")


def decode(samples, options: AsrOptions, model: ModelRef,
           progress: Callable[[float], None] | None = None) -> tuple[list[RawSegment], dict]:
    """Transcribe 16 kHz mono samples; return raw segments and what the model reported."""
    engine = _load(model, options)
    hotwords = "、".join(options.hotwords) if options.hotwords else None
    common = {"language": options.language or None, "beam_size": options.beam_size, "word_timestamps": True,
              "hotwords": hotwords}
    if options.batch_size > 0 and options.vad:
        from faster_whisper import BatchedInferencePipeline
        segments, info = BatchedInferencePipeline(engine).transcribe(samples, batch_size=options.batch_size, **common)
    else:
        segments, info = engine.transcribe(samples, vad_filter=options.vad,
                                           condition_on_previous_text=options.condition_on_previous_text, **common)
    out: list[RawSegment] = []
    for seg in segments:  # a generator: decoding happens as we iterate
        words = tuple(Word(w.word, float(w.start), float(w.end), round(float(w.probability), 4))
                      for w in (seg.words or ()))
        out.append(RawSegment(words, seg.avg_logprob, seg.no_speech_prob))
        if progress:
            progress(float(seg.end))
    reported = {"language": info.language, "language_probability": round(info.language_probability, 3),
                "cpu_threads": threads(options)}
    return out, reported
