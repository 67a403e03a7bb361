"""Where people speak: Silero VAD's speech probabilities for a recording, computed once and shared.

The network is the costly part (10 dense minutes: 1.2-1.7 CPU-s here; the torch Silero the diarizer
ran before took 11.8, a window per call); each consumer's speech regions are a cheap thresholding of
the probabilities with its own settings, through faster-whisper's own `get_speech_timestamps` loop.

One model for all, run once per recording as a batched ONNX sequence model: the silero-vad package's
Silero v6.2 (`silero_vad_16k_sequence.onnx`, its torch model's probabilities exactly), read by
recognition's `vad_filter` regions, gap recovery, the hallucination check, openai-whisper's clips and
the builtin and channel diarizers. faster-whisper's bundled `silero_vad_v6.onnx` (Silero v6.0's weights)
is no longer read: recognition on it and the diarizers on v6.2 made two passes (2.8-3.3 CPU-s on 10
dense minutes, one: 1.6), and the diarizers' speaker counts, tuned on v6.2, move on v6.0 (3 of 29
fixtures), while recognition on v6.2 moves only the start of a speech chunk, by 32 ms, on 2 of 8
interview fixtures, a change of the size main's own text has under such a shift (docs/architecture.md
has the figures). The regions are those of silero-vad's `get_speech_timestamps` and, over the same
probabilities, of faster-whisper's `vad_filter` (tests/test_speech.py; it leans on faster-whisper 1.2's
`vad` module, so a release that changes it fails there).
"""
from __future__ import annotations

import types
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .audio import MODEL_SAMPLE_RATE

WINDOW = 512            # samples per probability (32 ms at 16 kHz): Silero's window
CONTEXT = 64            # samples of the previous window the network sees with each window
BLOCK_WINDOWS = 1_000   # windows per network call (32 s), the state carried: the probabilities of one
                        # call over the whole recording, in memory that does not grow with its length
                        # (an hour at once: +600 MB; 10,000 windows: +170-250 MB a model, 1,000: +40 MB
                        # and no more CPU; docs/benchmarks.md, Memory)
MODEL = "silero-vad"    # whose Silero export: the silero-vad package's (MODEL_FILE, Silero v6.2)
MODEL_FILE = "silero_vad_16k_sequence.onnx"
SILERO_RUNS: Counter[str] = Counter()  # "passes": analyses made; "windows": windows run


@dataclass(frozen=True)
class Speech:
    """Silero's speech probability for each WINDOW samples of a recording of `samples` samples
    (one more window than fit, as faster-whisper pads)."""

    probabilities: np.ndarray  # float32, samples // WINDOW + 1 of them
    samples: int

    @classmethod
    def silent(cls, samples: int) -> "Speech":
        """No speech anywhere (digital silence: nothing for the network to hear)."""
        return cls(np.zeros(samples // WINDOW + 1, np.float32), samples)

    def regions(self, lo: int = 0, hi: int | None = None, **vad: Any) -> list[tuple[int, int]]:
        """Speech inside samples lo..hi as (start, end) sample indices of the recording, found by
        faster-whisper's thresholding with `vad` (VadOptions' fields: min_silence_duration_ms,
        speech_pad_ms, ...). Over the whole recording they are what faster-whisper's own VAD finds;
        a span from lo thresholds the same probabilities on their windows (grid of the recording)."""
        from faster_whisper.vad import VadOptions
        hi = self.samples if hi is None else min(hi, self.samples)
        first = lo // WINDOW
        if hi <= lo:
            return []
        length = hi - first * WINDOW
        probabilities = self.probabilities[first:first + length // WINDOW + 1]
        stamps = _threshold(probabilities, length, VadOptions(**vad))
        shift = first * WINDOW
        return [(max(lo, s["start"] + shift), s["end"] + shift) for s in stamps if s["end"] + shift > lo]

    def seconds(self, lo: int = 0, hi: int | None = None, **vad: Any) -> list[tuple[float, float]]:
        """`regions` in seconds of the recording."""
        return [(a / MODEL_SAMPLE_RATE, b / MODEL_SAMPLE_RATE) for a, b in self.regions(lo, hi, **vad)]

    def share(self, start: float, end: float, **vad: Any) -> float:
        """The share of start..end (seconds) in which speech is found."""
        if end <= start:
            return 0.0
        pad = 0.5  # seconds of context either side, so a region's onset is seen
        lo, hi = int((start - pad) * MODEL_SAMPLE_RATE), int((end + pad) * MODEL_SAMPLE_RATE)
        heard = sum(max(0.0, min(b, end) - max(a, start)) for a, b in self.seconds(max(0, lo), hi, **vad))
        return heard / (end - start)


def analyse(samples: np.ndarray) -> Speech:
    """Run Silero over 16 kHz mono samples, a block of BLOCK_WINDOWS windows at a time, carrying the
    network's state from block to block: the probabilities of one call over the whole recording."""
    session = _session()
    n = len(samples)
    count = n // WINDOW + 1
    state = np.zeros((1, 1, 128), np.float32), np.zeros((1, 1, 128), np.float32)
    context = np.zeros((1, CONTEXT), np.float32)
    out = []
    for k in range(0, count, BLOCK_WINDOWS):
        part = samples[k * WINDOW:min(n, (k + BLOCK_WINDOWS) * WINDOW)].astype(np.float32, copy=False)
        windows = min(BLOCK_WINDOWS, count - k)
        block = np.zeros((windows, WINDOW), np.float32)  # the last window padded with zeros
        block.reshape(-1)[:len(part)] = part
        batch = np.concatenate([np.concatenate([context, block[:-1, -CONTEXT:]]), block], axis=1)
        probabilities, h, c = session.run(None, {"input": batch, "h": state[0], "c": state[1]})
        state, context = (h, c), block[-1:, -CONTEXT:].copy()
        out.append(probabilities.reshape(-1).astype(np.float32))
    SILERO_RUNS["passes"] += 1
    SILERO_RUNS["windows"] += count
    return Speech(np.concatenate(out) if out else np.zeros(0, np.float32), n)


@lru_cache(maxsize=None)
def _session():
    """The model's ONNX session (input: windows with their context, h, c), on one thread as
    faster-whisper runs its own."""
    from importlib.util import find_spec
    from pathlib import Path

    import onnxruntime

    from .errors import ModelError
    package = find_spec("silero_vad")  # found, not imported (that would import torch)
    if package is None or not package.submodule_search_locations:
        raise ModelError("the Silero VAD model is missing: run `pip install silero-vad`")
    path = Path(package.submodule_search_locations[0]) / "data" / MODEL_FILE
    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = options.intra_op_num_threads = 1
    options.enable_cpu_mem_arena, options.log_severity_level = False, 4
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"], sess_options=options)


def _threshold(probabilities: np.ndarray, length: int, options) -> list[dict]:
    """faster-whisper's `get_speech_timestamps` on probabilities already computed: its own code, run
    with the network call answered by them (a copy of the function with other globals: nothing of
    faster-whisper's is changed, so threads and its own VAD are unaffected)."""
    from faster_whisper import vad
    answer = {**vad.__dict__, "get_vad_model": lambda: (lambda padded: probabilities),
              "np": types.SimpleNamespace(pad=lambda audio, widths: audio)}  # nothing to pad: no audio here
    original = vad.get_speech_timestamps
    loop = types.FunctionType(original.__code__, answer, original.__name__, original.__defaults__)
    return loop(_Length(length), options, MODEL_SAMPLE_RATE)


class _Length:
    """Stands in for the audio: the thresholding reads only its length."""

    def __init__(self, n: int):
        self.shape = (n,)

    def __len__(self) -> int:
        return self.shape[0]


def versions() -> dict[str, str | None]:
    from . import package_versions
    return {**package_versions(MODEL, "onnxruntime"), "vad_model": f"{MODEL}/{MODEL_FILE}"}


__all__ = ["MODEL", "SILERO_RUNS", "Speech", "WINDOW", "analyse"]
