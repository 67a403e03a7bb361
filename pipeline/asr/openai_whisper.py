"""openai-whisper adapter: the reference implementation, behind the same stage contract.

Offline it runs the bundled base weights, converted once from the CTranslate2 model into an
openai-whisper checkpoint. It is handed decoded arrays, so no ffmpeg executable is needed; with
`vad` on it decodes only the speech regions (`clip_timestamps`). It has no hotwords: the glossary
still corrects the text afterwards, in the language layer.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from .. import models
from ..audio import MODEL_SAMPLE_RATE
from ..errors import ModelError
from ..models import ModelRef
from ..options import AsrOptions
from ..transcript import Word
from . import TALK_VAD, speech_in
from .cleanup import RawSegment

NAME = "openai-whisper"
CLIP_JOIN = 3.0   # seconds: speech regions closer than this are decoded as one clip
CLIP_MAX = 30.0   # seconds: Whisper's window; a clip grows no longer by joining
_loaded: dict[tuple, object] = {}


def versions() -> dict[str, str | None]:
    from .. import package_versions
    return package_versions("openai-whisper", "torch")


def workers(options: AsrOptions) -> int:
    """One block at a time: torch spreads each over `cpu_threads` itself."""
    return 1


def checkpoint_for(model: ModelRef) -> Path | str:
    """A checkpoint file for the model: converted once from CTranslate2 where needed."""
    from .convert import convert
    if model.source == "backend":
        return model.name  # openai-whisper's own names (large-v3, turbo) download where a network exists
    folder = Path(model.location)
    if folder.is_file():
        return folder  # an openai-whisper .pt checkpoint
    if not (folder / "model.bin").is_file():
        raise ModelError(f"{folder} holds no CTranslate2 model.bin to convert for openai-whisper")
    tag = model.sha256 or hashlib.sha256(str(folder.resolve()).encode()).hexdigest()
    target = models.kikigaki_home() / "models" / f"whisper-openai-{tag[:16]}.pt"
    if not target.is_file():
        convert(folder, target)
    return target


def _load(model: ModelRef, options: AsrOptions, keep: bool = True):
    """The model, loaded once per process (`keep`), or for the caller alone to let go of."""
    key = (model.location, options.device)
    if key in _loaded:
        return _loaded[key]
    try:
        import torch
        import whisper
        from whisper.model import ModelDimensions, Whisper
    except ImportError as e:
        raise ModelError(f"openai-whisper is not installed: run `pip install openai-whisper` ({e})") from e
    if options.cpu_threads:
        torch.set_num_threads(options.cpu_threads)
    source = checkpoint_for(model)
    if isinstance(source, str):
        try:
            engine = whisper.load_model(source, device=options.device)
        except Exception as e:
            raise ModelError(f"openai-whisper model {source!r} is not available offline and could not be "
                             f"downloaded ({type(e).__name__}); use --model base (bundled)") from e
    else:
        ck = torch.load(source, map_location="cpu", weights_only=False)
        engine = Whisper(ModelDimensions(**ck["dims"]))
        engine.load_state_dict(ck["model_state_dict"])
        heads = torch.zeros(engine.dims.n_text_layer, engine.dims.n_text_head, dtype=torch.bool)
        for layer, head in ck.get("alignment_heads", []):
            heads[layer, head] = True
        engine.register_buffer("alignment_heads", heads.to_sparse(), persistent=False)
        engine = engine.float().to(options.device)  # float16 weights compute in float32 on a CPU
    if keep:
        _loaded[key] = engine
    return engine


def decode(samples, options: AsrOptions, model: ModelRef, progress: Callable[[float], None] | None = None,
           regions: Callable[..., list[tuple[int, int]]] | None = None) -> tuple[list[RawSegment], dict]:
    import whisper
    engine = _load(model, options)
    clips: list[float] = []
    if options.vad:
        for a, b in speech_in(samples, regions)(**TALK_VAD):
            start, end = a / MODEL_SAMPLE_RATE, b / MODEL_SAMPLE_RATE
            if clips and start - clips[-1] < CLIP_JOIN and end - clips[-2] < CLIP_MAX:
                clips[-1] = round(end, 3)  # one window per stretch of talk, not one per breath
            else:
                clips += [round(start, 3), round(end, 3)]
        if not clips:
            return [], {"language": options.language or None}
    result = whisper.transcribe(
        engine, samples, language=options.language or None, beam_size=options.beam_size, best_of=options.beam_size,
        word_timestamps=True, condition_on_previous_text=options.condition_on_previous_text,
        fp16=options.device != "cpu", verbose=None, clip_timestamps=clips or "0")
    out = []
    for seg in result["segments"]:
        words = tuple(Word(w["word"], float(w["start"]), float(w["end"]), round(float(w["probability"]), 4))
                      for w in seg.get("words", ()))
        out.append(RawSegment(words, seg.get("avg_logprob"), seg.get("no_speech_prob")))
    if progress:
        progress(len(samples) / MODEL_SAMPLE_RATE)
    return out, {"language": result.get("language"), "hotwords": "not supported by openai-whisper"}
