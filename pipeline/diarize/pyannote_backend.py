"""pyannote.audio's SpeakerDiarization pipeline (community-1 or 3.1), from a folder or the hub.

Its gated weights need a Hugging Face token (HF_TOKEN) and a network once; a local pipeline folder
(config.yaml and its models) works offline. We use its exclusive output (one speaker at a time)
for word assignment, and its overlapping output to flag overlapped speech.
"""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from ..audio import MODEL_SAMPLE_RATE
from ..errors import ModelError
from ..options import DiarizeOptions
from .turns import Turn


def versions() -> dict[str, str | None]:
    from .. import package_versions
    return package_versions("pyannote.audio", "torch")


@lru_cache(maxsize=2)
def load(name: str):
    try:
        from pyannote.audio import Pipeline
    except ImportError as e:
        raise ModelError(f"pyannote.audio is not installed: run `pip install pyannote.audio` ({e})") from e
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGINGFACE_TOKEN") or None
    try:
        pipeline = Pipeline.from_pretrained(name, token=token)
    except Exception as e:
        raise ModelError(
            f"pyannote pipeline {name!r} could not be loaded ({type(e).__name__}): pass a local pipeline "
            "folder with --pyannote-pipeline PATH, or accept its terms on the hub and set HF_TOKEN with a "
            "network; --diarizer builtin works offline") from e
    if pipeline is None:
        raise ModelError(f"pyannote pipeline {name!r} not found; set HF_TOKEN or pass a local folder")
    return pipeline


def annotation_turns(annotation) -> list[Turn]:
    """pyannote `Annotation` -> our turns, converted at once."""
    return [Turn(float(seg.start), float(seg.end), str(label))
            for seg, _, label in annotation.itertracks(yield_label=True)]


def diarize(samples: np.ndarray, options: DiarizeOptions) -> tuple[list[Turn], list[Turn]]:
    """(exclusive turns, overlapping turns)."""
    import torch
    pipeline = load(options.pyannote_pipeline)
    kwargs = {"num_speakers": options.num_speakers} if options.num_speakers else {
        "min_speakers": options.min_speakers, "max_speakers": options.max_speakers}
    if not samples.flags.writeable:  # samples mapped read-only from disk (audio.decode): torch wants its own
        samples = np.array(samples, np.float32)
    output = pipeline({"waveform": torch.from_numpy(samples)[None], "sample_rate": MODEL_SAMPLE_RATE}, **kwargs)
    full = getattr(output, "speaker_diarization", output)  # 4.x DiarizeOutput, or a 3.x Annotation
    exclusive = getattr(output, "exclusive_speaker_diarization", None)
    if exclusive is None:  # 3.x pipelines: words go to the speaker overlapping them most
        exclusive = full
    return annotation_turns(exclusive), annotation_turns(full)
