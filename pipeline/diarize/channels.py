"""Diarization by channel: stereo recordings with one microphone per speaker.

The speaker of each moment is the channel that carries it: in speech (the speech analysis of the mix), each
20 ms frame goes to the louder channel, smoothed so that a breath or a click does not switch speaker.
"""
from __future__ import annotations

import numpy as np

from ..audio import MODEL_SAMPLE_RATE
from ..speech import Speech
from .turns import Turn

FRAME = 320               # samples (20 ms at 16 kHz)
SWITCH_PENALTY = 3.0      # in dB-units of the level difference, per change of channel
CLEAR_DIFFERENCE = 6.0    # dB: median level difference that says "one microphone per speaker"
MIN_SHARE = 0.05          # each channel must lead in at least this share of speech frames


def levels(channels: np.ndarray) -> np.ndarray:
    """Per-channel level in dB per frame: (C, frames)."""
    n = channels.shape[1] // FRAME * FRAME
    frames = channels[:, :n].reshape(channels.shape[0], -1, FRAME)
    return 10 * np.log10((frames ** 2).mean(axis=2) + 1e-10)


def _speech_frames(channels: np.ndarray, speech: Speech) -> np.ndarray:
    from .builtin import FPS, speech_regions
    n = channels.shape[1] // FRAME
    mask = np.zeros(n, bool)
    per_frame = FPS * FRAME / MODEL_SAMPLE_RATE  # mel frames per channel frame
    for a, b in speech_regions(speech):
        mask[int(a / per_frame):int(np.ceil(b / per_frame))] = True
    return mask


def clearly_separate(channels: np.ndarray, speech: Speech) -> bool:
    """True when two channels carry different voices (not a copied or panned mono); `speech`: the
    speech analysis of their mix (the recording's mono samples)."""
    if channels.ndim != 2 or channels.shape[0] != 2:
        return False
    db = levels(channels)
    frames = _speech_frames(channels, speech)[:db.shape[1]]
    if frames.sum() < 10:
        return False
    diff = db[0, frames] - db[1, frames]
    lead = (diff > 0).mean()
    return float(np.median(np.abs(diff))) >= CLEAR_DIFFERENCE and MIN_SHARE <= lead <= 1 - MIN_SHARE


def diarize(channels: np.ndarray, speech: Speech) -> list[Turn]:
    from .builtin import viterbi
    db = levels(channels)
    frames = _speech_frames(channels, speech)[:db.shape[1]]
    turns: list[Turn] = []
    step = FRAME / MODEL_SAMPLE_RATE
    idx = np.flatnonzero(frames)
    if not idx.size:
        return turns
    # contiguous speech runs, each decoded with a smoothed loudest-channel path
    breaks = np.flatnonzero(np.diff(idx) > 1)
    for run in np.split(idx, breaks + 1):
        scores = (db[:, run] - db[:, run].max(axis=0)).T  # 0 for the loudest channel
        path = viterbi(np.clip(scores, -20, 0), SWITCH_PENALTY)
        start = 0
        for i in range(1, len(run) + 1):
            if i == len(run) or path[i] != path[start]:
                turns.append(Turn(run[start] * step, (run[i - 1] + 1) * step, f"ch{path[start] + 1}"))
                start = i
    return turns
