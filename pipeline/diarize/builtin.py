"""The built-in diarizer, offline from weights that ship in packages.

Speech regions from Silero VAD (`pipeline.speech`), voice embeddings from Resemblyzer's `pretrained.pt`
over 2.0 s windows inside speech, a speaker count from how the voices separate (count.py), each
window given to the nearest voice, then re-segmentation: 0.8 s windows every 0.1 s scored against each speaker and smoothed (Viterbi), so
boundaries are sharp to about a tenth of a second.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np

from ..audio import MODEL_SAMPLE_RATE
from ..options import DiarizeOptions
from ..speech import Speech, analyse
from .count import SpeakerCount, count_speakers, piece_frames, pieces
from .spectrum import piece_spectra, stretch_shapes
from .turns import Turn

FPS = 100                 # mel frames per second (Resemblyzer: 10 ms hop)
CLUSTER_WINDOW = 200      # frames (2.0 s) per embedding used for clustering: closer voices apart than at 1.5 s
CLUSTER_HOP = 25          # frames (0.25 s)
REFINE_WINDOW = 80        # frames (0.8 s) per embedding used to place boundaries
REFINE_HOP = 10           # frames (0.1 s)
SWITCH_PENALTY = 5.0      # Viterbi cost of a speaker change, in units of scaled cosine similarity
SCORE_SCALE = 10.0
MAX_CLUSTER_UNITS = 4000  # keeps clustering memory flat on long recordings
MIN_CLUSTER_WINDOWS = 3   # a cluster smaller than this (under ~1 s of speech) joins its nearest


@lru_cache(maxsize=1)
def _models():
    import torch
    from resemblyzer import VoiceEncoder
    torch.set_num_threads(max(1, torch.get_num_threads()))
    return VoiceEncoder("cpu", verbose=False)


def unload() -> None:
    """Let go of the models (loaded again when next needed): the language layer needs the memory."""
    _models.cache_clear()


def versions() -> dict[str, str | None]:
    from .. import package_versions
    from ..speech import versions as vad_versions
    return {**package_versions("resemblyzer", "torch"), **vad_versions()}


REGION_VAD = {"min_silence_duration_ms": 200, "speech_pad_ms": 30, "min_speech_duration_ms": 250}
"""The thresholding of the speech analysis into the diarizer's regions (silero-vad's defaults for short pauses)."""


def speech_regions(speech: Speech) -> list[tuple[int, int]]:
    """Speech as (start, end) mel-frame indices (`REGION_VAD`)."""
    stamps = speech.regions(**REGION_VAD)
    step = MODEL_SAMPLE_RATE // FPS
    return [(a // step, b // step) for a, b in stamps if b > a]


def windows(regions: list[tuple[int, int]], size: int, hop: int) -> list[tuple[int, int]]:
    """Windows of `size` frames every `hop` inside each region; a shorter region is one window."""
    out = []
    for a, b in regions:
        if b - a <= size:
            out.append((a, b))
            continue
        out.extend((s, s + size) for s in range(a, b - size + 1, hop))
        if out[-1][1] < b:
            out.append((b - size, b))
    return out


def embed(mel: np.ndarray, spans: list[tuple[int, int]], batch: int = 64) -> np.ndarray:
    """L2-normalised voice embeddings of mel frames [a, b), batched by length (64 at a time: the LSTM's
    activations for 256 took +170 MB beside recognition, 64 +60 MB, the same embeddings)."""
    import torch
    encoder = _models()
    out = np.zeros((len(spans), 256), np.float32)
    by_length: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(spans):
        by_length.setdefault(b - a, []).append(i)
    with torch.no_grad():
        for idx in by_length.values():
            for k in range(0, len(idx), batch):
                part = idx[k:k + batch]
                x = torch.from_numpy(np.stack([leveled(mel[spans[i][0]:spans[i][1]]) for i in part])).float()
                out[part] = encoder(x).numpy()
    return out


def cluster(emb: np.ndarray, k: int) -> np.ndarray:
    """Window labels 0..k-1: average-linkage (cosine) clusters, k of them that are not stray windows."""
    from scipy.cluster.hierarchy import fcluster, linkage
    if len(emb) < 2 or k < 2:
        return np.zeros(len(emb), int)
    average = linkage(emb, "average", metric="cosine")
    # average linkage may spend a cluster on a stray window (a cough, a click) that is then
    # absorbed: cut finer until k real clusters remain, else take Ward's partition
    for finer in range(k, k + 2 * MIN_CLUSTER_WINDOWS + 4):
        labels = _absorb_small(emb, fcluster(average, finer, "maxclust") - 1)
        if len(np.unique(labels)) >= k:
            break
    else:
        labels = _absorb_small(emb, fcluster(linkage(emb, "ward"), k, "maxclust") - 1)
    return np.unique(labels, return_inverse=True)[1]


def _absorb_small(emb: np.ndarray, labels: np.ndarray) -> np.ndarray:
    counts = np.bincount(labels)
    big = [c for c in range(len(counts)) if counts[c] >= MIN_CLUSTER_WINDOWS]
    if not big or len(big) == len(counts):
        return labels
    centroids = _centroids(emb, labels, big)
    small = ~np.isin(labels, big)
    labels = labels.copy()
    labels[small] = np.array(big)[(emb[small] @ centroids.T).argmax(1)]
    return labels


def _centroids(emb: np.ndarray, labels: np.ndarray, which) -> np.ndarray:
    c = np.stack([emb[labels == k].mean(0) for k in which])
    return c / np.linalg.norm(c, axis=1, keepdims=True)


def viterbi(scores: np.ndarray, penalty: float) -> np.ndarray:
    """Best label path through frame scores (n, k) with a fixed cost per change."""
    n, k = scores.shape
    switch = penalty * (1 - np.eye(k))
    total, back = scores[0].copy(), np.zeros((n, k), int)
    for t in range(1, n):
        trans = total[:, None] - switch
        back[t] = trans.argmax(0)
        total = trans.max(0) + scores[t]
    path = np.empty(n, int)
    path[-1] = total.argmax()
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


EMBED_BAND: tuple[float, float] | None = None  # Hz: every recording band-passed alike before its voice
                                              # embeddings (a cassette's telephone band), None: as recorded
EMBED_DENOISE = False                         # hiss and hum reduced first (pipeline/denoise.py)
EMBED_LEVEL: float | None = None              # dBFS each embedding window is brought to (its RMS), None: as
                                              # recorded. Resemblyzer's mel frames are power, not log, so a
                                              # voice's loudness is part of its embedding
MEL_POWER_PER_SAMPLE_POWER = 395.0            # a mel frame's power summed over bands / its samples' mean square
                                              # (librosa's Slaney filters, speech of the fixtures: 393-398)


def front_end() -> dict:
    """What the voice embeddings are computed from, beside the samples (a cache of them keys on it)."""
    return {"band": list(EMBED_BAND) if EMBED_BAND else None, "denoise": EMBED_DENOISE, "level": EMBED_LEVEL}


def leveled(frames: np.ndarray) -> np.ndarray:
    """One window's mel frames as if its samples were scaled to `EMBED_LEVEL` dBFS RMS (power frames
    scale with the square of a gain); as they are when the switch is off or the window is silent."""
    power = frames.sum(1).mean()
    if EMBED_LEVEL is None or power <= 0:
        return frames
    return frames * (MEL_POWER_PER_SAMPLE_POWER * 10 ** (EMBED_LEVEL / 10) / power)


def conditioned(samples: np.ndarray) -> np.ndarray:
    """The samples the voice embeddings hear (`EMBED_DENOISE`, `EMBED_BAND`): same length and timing."""
    if EMBED_DENOISE:
        from ..denoise import clean
        samples = clean(samples)
    if EMBED_BAND:
        from scipy.signal import butter, sosfiltfilt
        sos = butter(4, EMBED_BAND, btype="band", fs=MODEL_SAMPLE_RATE, output="sos")
        samples = sosfiltfilt(sos, samples).astype(np.float32)
    return samples


MEL_BLOCK = 60 * MODEL_SAMPLE_RATE  # samples per mel block: a whole hour at once would need ~1.2 GB of STFT
MEL_CONTEXT = 4 * (MODEL_SAMPLE_RATE // FPS)  # samples of context either side of a block (>= half the FFT)


def mel_frames(samples: np.ndarray) -> np.ndarray:
    """Resemblyzer's mel frames (FPS a second) computed a block at a time: the same frames as for
    the whole recording, in memory that does not grow with its length."""
    from resemblyzer.audio import wav_to_mel_spectrogram
    samples = conditioned(samples)
    if len(samples) <= MEL_BLOCK + 2 * MEL_CONTEXT:
        return wav_to_mel_spectrogram(samples)
    hop = MODEL_SAMPLE_RATE // FPS
    total = len(samples) // hop + 1  # frames of a centred STFT
    parts = []
    for a in range(0, len(samples), MEL_BLOCK):
        lo, hi = max(0, a - MEL_CONTEXT), min(len(samples), a + MEL_BLOCK + MEL_CONTEXT)
        frames = wav_to_mel_spectrogram(samples[lo:hi])
        first = (a - lo) // hop
        parts.append(frames[first:first + min(MEL_BLOCK, len(samples) - a) // hop + (a + MEL_BLOCK >= len(samples))])
    return np.concatenate(parts)[:total]


def diarize(samples: np.ndarray, options: DiarizeOptions, progress: Callable[[float], None] | None = None,
            speech: Speech | None = None) -> tuple[list[Turn], SpeakerCount]:
    """Speaker turns (labels c0, c1, ...) for 16 kHz mono samples, and how the count was found
    (`speech`: their speech analysis, made here when not given)."""
    regions = speech_regions(speech if speech is not None else analyse(samples))
    if not regions:
        return [], SpeakerCount(0)
    mel = mel_frames(samples)
    spans = windows(regions, CLUSTER_WINDOW, CLUSTER_HOP)
    emb = embed(mel, spans)
    if progress:
        progress(len(samples) / MODEL_SAMPLE_RATE * 0.5)
    lo = max(1, options.min_speakers, len(options.enroll))
    P, seconds, stretch = pieces(regions, spans, emb, FPS)

    def shapes() -> np.ndarray:  # the spectral shape of each stretch: a second opinion on a voice heard once,
        frames = [(x, y) for x, y, *_ in piece_frames(regions, spans, FPS)]  # made only if a candidate asks
        return stretch_shapes(*piece_spectra(samples, frames, FPS), stretch)
    count, _, voices = count_speakers(P, seconds, stretch, lo, options.max_speakers, options.num_speakers, shapes)
    if not count.given and len(voices) == count.speakers:  # each window to the nearest voice, re-centred once
        labels = (emb @ voices.T).argmax(1)
        labels = (emb @ _centroids(emb, labels, np.unique(labels)).T).argmax(1)
        labels = np.unique(labels, return_inverse=True)[1]
    else:  # the count given (windows then cluster well on their own), or too little long speech to count on
        group = max(1, int(np.ceil(len(emb) / MAX_CLUSTER_UNITS)))  # average neighbours on long recordings
        unit_labels = cluster(emb if group == 1 else _pool(emb, group), count.speakers)
        labels = np.repeat(unit_labels, group)[:len(emb)] if group > 1 else unit_labels
    ids = sorted(set(labels.tolist()))
    centroids = _centroids(emb, labels, ids)
    turns: list[Turn] = []
    region_of = np.repeat(np.arange(len(regions)), [len(windows([r], CLUSTER_WINDOW, CLUSTER_HOP)) for r in regions])
    for r, (a, b) in enumerate(regions):
        inside = set(labels[region_of == r].tolist())
        if len(inside) == 1:  # one voice throughout: nothing to place
            turns.append(Turn(a / FPS, b / FPS, f"c{inside.pop()}"))
            continue
        fine = windows([(a, b)], REFINE_WINDOW, REFINE_HOP)
        scores = embed(mel, fine) @ centroids.T * SCORE_SCALE
        centers = np.array([(x + y) / 2 for x, y in fine])
        frames = np.arange(a, b, 5)  # 50 ms steps
        path = viterbi(scores[np.abs(centers[None, :] - frames[:, None]).argmin(1)], SWITCH_PENALTY)
        start = 0
        for i in range(1, len(frames) + 1):
            if i == len(frames) or path[i] != path[start]:
                end = frames[i] if i < len(frames) else b
                turns.append(Turn(frames[start] / FPS, end / FPS, f"c{ids[path[start]]}"))
                start = i
    return turns, count


def _pool(emb: np.ndarray, group: int) -> np.ndarray:
    n = len(emb) // group * group
    pooled = emb[:n].reshape(-1, group, emb.shape[1]).mean(1)
    if n < len(emb):
        pooled = np.vstack([pooled, emb[n:].mean(0, keepdims=True)])
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def voice_print(samples: np.ndarray) -> np.ndarray:
    """One embedding for a stretch of one speaker's speech (enrollment and naming), heard through the
    same front end as the recording's windows."""
    mel = mel_frames(samples)
    regions = speech_regions(analyse(samples)) or [(0, len(mel))]  # a clip of its own
    emb = embed(mel, windows(regions, CLUSTER_WINDOW, CLUSTER_HOP))
    v = emb.mean(0)
    return v / np.linalg.norm(v)
