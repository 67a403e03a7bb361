"""Ingest: read any audio or video file with PyAV into 16 kHz mono float32 for the models."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import AudioError

MODEL_SAMPLE_RATE = 16000  # Hz: what Whisper, Silero VAD and Resemblyzer expect
DIGITAL_SILENCE = 1e-4  # peak amplitude (-80 dBFS): below it nothing can be heard, nothing is recognised

AUDIO_EXTENSIONS = frozenset({
    ".wav", ".wave", ".flac", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wma",
    ".aif", ".aiff", ".aifc", ".caf", ".amr", ".mka", ".ac3", ".alac",
    ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg", ".3gp", ".wmv", ".ts",
})


def is_media_file(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_EXTENSIONS


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class AudioInfo:
    """What the file holds, before any conversion."""

    sample_rate: int
    channels: int
    duration: float  # seconds, from the decoded samples
    format: str
    declared: float | None = None  # seconds, as the file says it lasts (None: it does not say)
    damage: str = ""  # '' when all of it decoded, else e.g. "decoded 12:31 of 45:00"


@dataclass(frozen=True)
class Audio:
    """Decoded samples at MODEL_SAMPLE_RATE, mono, float32 in [-1, 1]."""

    samples: "object"  # numpy.ndarray, float32, shape (n,)
    info: AudioInfo
    channel_samples: "object" = None  # (channels, n) at the same rate, when asked for (diarization by channel)

    @property
    def duration(self) -> float:
        return len(self.samples) / MODEL_SAMPLE_RATE


def decode(path: Path, keep_channels: bool = False) -> Audio:
    """Decode the first audio track of `path`; raise AudioError with a readable reason.

    With `keep_channels`, a stereo track is also kept channel by channel (the mono mix is their mean).
    A file that decodes only in part (truncated, damaged) keeps what decoded and says so in `info.damage`.
    """
    import av
    import numpy as np

    from .completeness import damage, declared_duration, wav_layout

    path = Path(path)
    if not path.is_file():
        raise AudioError("file not found")
    if path.stat().st_size == 0:
        raise AudioError("file is empty (0 bytes)")
    wav = wav_layout(path)
    try:  # a WAV header that says less than the file holds must not cut the recording short
        container = av.open(str(path), metadata_errors="ignore",
                            options={"ignore_length": "1"} if wav and wav.header_understates else {})
    except av.FFmpegError as e:
        raise AudioError(f"not a readable audio or video file ({_reason(e)})") from e
    with container:
        streams = container.streams.audio
        if not streams:
            raise AudioError("the file has no audio track")
        stream = streams[0]
        rate = stream.codec_context.sample_rate or stream.rate or 0
        channels = stream.codec_context.channels or 0
        stereo = keep_channels and channels == 2
        resampler = av.AudioResampler(format="fltp", layout="stereo" if stereo else "mono", rate=MODEL_SAMPLE_RATE)
        chunks = []
        error = ""
        declared = declared_duration(container, stream, path, wav)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray())
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray())
        except av.FFmpegError as e:
            if not chunks:
                raise AudioError(f"audio track cannot be decoded ({_reason(e)})") from e
            error = _reason(e)  # a truncated tail (a recorder that died mid-file): keep what decoded
        fmt = container.format.name
    planes = np.concatenate(chunks, axis=1).astype(np.float32, copy=False) if chunks else np.zeros((1, 0), np.float32)
    if planes.shape[1] == 0:
        raise AudioError("the audio track holds no samples")
    np.clip(planes, -1.0, 1.0, out=planes)
    samples = planes.mean(axis=0).astype(np.float32) if stereo else planes[0]
    duration = samples.size / MODEL_SAMPLE_RATE
    info = AudioInfo(sample_rate=int(rate), channels=int(channels), duration=duration, format=fmt,
                     declared=declared, damage=damage(duration, declared, error))
    return Audio(samples=samples, info=info, channel_samples=planes if stereo else None)


def is_digital_silence(samples) -> bool:
    """True when no sample rises above DIGITAL_SILENCE (min and max: no temporary copy of an hour)."""
    import numpy as np
    return len(samples) == 0 or max(float(np.max(samples)), -float(np.min(samples))) < DIGITAL_SILENCE


def _reason(e: Exception) -> str:
    msg = getattr(e, "strerror", None) or str(e)
    return msg.split(": '")[0].strip().rstrip(".")
