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

    samples: "object"  # numpy.ndarray, float32, shape (n,) (a read-only numpy.memmap when decoded into a folder)
    info: AudioInfo
    channel_samples: "object" = None  # (channels, n) at the same rate, when asked for (diarization by channel)

    @property
    def duration(self) -> float:
        return len(self.samples) / MODEL_SAMPLE_RATE


def decode(path: Path, keep_channels: bool = False, folder: Path | None = None) -> Audio:
    """Decode the first audio track of `path`; raise AudioError with a readable reason.

    With `keep_channels`, a stereo track is also kept channel by channel (the mono mix is their mean).
    A file that decodes only in part (truncated, damaged) keeps what decoded and says so in `info.damage`.
    With `folder`, the samples are written to unnamed files there as they decode and mapped back
    read-only (`memory.mapped`): an hour is 230 MB (690 MB with stereo planes) that the readers go
    through a block at a time, so it need not stay resident, and decoding never holds it twice.
    """
    import av

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
        error = ""
        declared = declared_duration(container, stream, path, wav)
        with _Sink(folder, stereo) as sink:
            try:
                for frame in container.decode(stream):
                    for out in resampler.resample(frame):
                        sink.add(out.to_ndarray())
                for out in resampler.resample(None):
                    sink.add(out.to_ndarray())
            except av.FFmpegError as e:
                if not sink.count:
                    raise AudioError(f"audio track cannot be decoded ({_reason(e)})") from e
                error = _reason(e)  # a truncated tail (a recorder that died mid-file): keep what decoded
            fmt = container.format.name
            if not sink.count:
                raise AudioError("the audio track holds no samples")
            samples, planes = sink.arrays()
    duration = samples.size / MODEL_SAMPLE_RATE
    info = AudioInfo(sample_rate=int(rate), channels=int(channels), duration=duration, format=fmt,
                     declared=declared, damage=damage(duration, declared, error))
    return Audio(samples=samples, info=info, channel_samples=planes if stereo else None)


class _Sink:
    """Where decoded chunks go: each clipped to [-1, 1] and mixed down (stereo: the mean of its two
    channels) as it comes, which gives the very values of clipping and mixing the whole at once; kept
    in memory, or with a folder written to unnamed files and mapped back (see `decode`)."""

    def __init__(self, folder: Path | None, stereo: bool):
        self.folder, self.stereo, self.count = folder, stereo, 0
        self._chunks: list = []  # (planes, mono) in memory
        self._files: list = []   # mono, then each channel's plane, when written to files

    def __enter__(self) -> "_Sink":
        import tempfile
        if self.folder is not None:
            try:
                self._files = [tempfile.TemporaryFile(dir=self.folder) for _ in range(3 if self.stereo else 1)]
            except OSError:  # a folder that cannot be written: in memory, as without one
                self._files = []
        return self

    def __exit__(self, *exc) -> None:
        for f in self._files:  # the mappings keep what they need
            f.close()

    def add(self, chunk) -> None:
        import numpy as np
        planes = np.clip(chunk.astype(np.float32, copy=False), -1.0, 1.0)
        mono = planes.mean(axis=0).astype(np.float32) if self.stereo else planes[0]
        self.count += mono.size
        if not self._files:
            self._chunks.append((planes, mono))
            return
        self._files[0].write(mono.tobytes())
        for f, plane in zip(self._files[1:], planes):
            f.write(plane.tobytes())

    def arrays(self):
        """(mono samples, stereo planes or None)."""
        import shutil

        import numpy as np

        from .memory import mapped
        if not self._files:
            samples = np.concatenate([m for _, m in self._chunks])
            planes = np.concatenate([p for p, _ in self._chunks], axis=1) if self.stereo else None
            self._chunks = []
            return samples, planes
        samples = mapped(self._files[0], np.float32, (self.count,))
        if not self.stereo:
            return samples, None
        left, right = self._files[1:]
        right.flush()
        right.seek(0)
        shutil.copyfileobj(right, left, 1 << 20)  # the planes one after the other: (2, n), as in memory
        return samples, mapped(left, np.float32, (2, self.count))


def is_digital_silence(samples) -> bool:
    """True when no sample rises above DIGITAL_SILENCE (min and max: no temporary copy of an hour)."""
    import numpy as np
    return len(samples) == 0 or max(float(np.max(samples)), -float(np.min(samples))) < DIGITAL_SILENCE


def _reason(e: Exception) -> str:
    msg = getattr(e, "strerror", None) or str(e)
    return msg.split(": '")[0].strip().rstrip(".")
