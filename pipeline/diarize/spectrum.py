"""The shape of each stretch's average spectrum: a second opinion for a close voice heard in one turn.

A close voice that speaks a single answer between an interviewer's questions (issue 11: jf_nezumi beside
jf_gongitsune) lies, to the voice embedding, no farther from its partner than the partner's own sentences
do, and has no turns to give evidence over time. The long-term average spectrum of its sentences (speech
frames only, each band's share of the whole, in dB) tells it apart from its partner's sentences where the
embedding does not (session 18, `count.single_visit`): measured on the count's own stretches, the close
single turns the count missed lie 2.2-3.4 of the partner's spread from it, every split of one voice that
reaches the same rule 0.5-1.0. Bands are normalised per recording (each band's mean and spread over the
recording's stretches), so a microphone's or a tape's colour is no one's voice.
"""
from __future__ import annotations

import numpy as np

RATE = 16000
NFFT = 512                                # 32 ms frames
HOP = 160                                 # 10 ms
BAND_EDGES = np.arange(100, 8001, 300)    # Hz: 26 bands of 300 Hz, 100-7900 (the high band above 3.4 kHz included)
SPEECH_DB = 25.0                          # frames within this much of a piece's loudest (300-3400 Hz) are speech

_FREQS = np.fft.rfftfreq(NFFT, 1 / RATE)
_WINDOW = np.hanning(NFFT).astype(np.float32)


def piece_spectra(samples: np.ndarray, frames: list[tuple[float, float]], fps: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean power spectrum (n, NFFT/2+1) over the speech frames of each piece [(start, end) in `fps`
    frames], and how many frames each mean holds."""
    telephone = (_FREQS >= 300) & (_FREQS < 3400)
    out = np.zeros((len(frames), len(_FREQS)), np.float32)
    held = np.zeros(len(frames), int)
    for i, (x, y) in enumerate(frames):
        part = np.asarray(samples[int(x / fps * RATE):int(y / fps * RATE)], np.float32)
        if len(part) < NFFT:
            part = np.pad(part, (0, NFFT - len(part)))
        starts = HOP * np.arange(1 + (len(part) - NFFT) // HOP)
        power = np.abs(np.fft.rfft(part[starts[:, None] + np.arange(NFFT)] * _WINDOW, axis=1)) ** 2
        loud = power[:, telephone].sum(1)
        speech = loud >= loud.max() * 10 ** (-SPEECH_DB / 10)
        out[i], held[i] = power[speech].mean(0), int(speech.sum())
    return out, held


def stretch_shapes(spectra: np.ndarray, held: np.ndarray, stretch: np.ndarray) -> np.ndarray:
    """Each stretch's spectral shape (stretches in time order, as `count.stretch_owners`): its pieces'
    spectra pooled over their speech frames, each band's share of the whole in dB, then every band
    standardised over the recording's stretches."""
    ids = np.unique(stretch)
    pooled = np.stack([(spectra[stretch == s] * held[stretch == s, None]).sum(0) / max(held[stretch == s].sum(), 1)
                       for s in ids]) if len(ids) else np.zeros((0, len(_FREQS)))
    bands = np.stack([pooled[:, (_FREQS >= a) & (_FREQS < b)].sum(1) for a, b in zip(BAND_EDGES, BAND_EDGES[1:])], 1)
    total = pooled[:, _FREQS >= BAND_EDGES[0]].sum(1, keepdims=True)
    shape = 10 * np.log10(bands / np.maximum(total, 1e-20) + 1e-12)
    return (shape - shape.mean(0)) / (shape.std(0) + 1e-9)


def apart(shapes: np.ndarray, owner: np.ndarray, a: int, b: int) -> float:
    """How far cluster a's stretches lie, on average, from cluster b's: the distance between their mean
    shapes over the spread b's own stretches show (each left out of b in turn, root mean square), that
    spread shrunk by the square root of a's stretches (a mean of n). NaN where b has under 3 stretches."""
    mine, theirs = shapes[owner == a], shapes[owner == b]
    if len(theirs) < 3 or not len(mine):
        return float("nan")
    left_out = [np.linalg.norm(theirs[i] - np.delete(theirs, i, 0).mean(0)) for i in range(len(theirs))]
    spread = np.sqrt(np.mean(np.square(left_out))) / np.sqrt(len(mine))
    return float(np.linalg.norm(mine.mean(0) - theirs.mean(0)) / max(spread, 1e-9))
