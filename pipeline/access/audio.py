"""The access copy's audio: the master with each closed span replaced by silence or a tone.

pydub reads and writes the audio through imageio-ffmpeg's ffmpeg binary (a wheel: nothing to
install by hand). Samples outside the spans and their fades are copied untouched, so a lossless
copy is sample-exact there; the tone comes from pydub's sine generator.
"""
from __future__ import annotations

import io
import subprocess
import warnings
from pathlib import Path

from ..errors import AudioError, ConfigError
from ..options import AccessOptions

# access format -> (file extension, pydub/ffmpeg format, codec, extra ffmpeg parameters)
FORMATS = {
    "flac": ("flac", "flac", "flac", []),
    "wav": ("wav", "wav", None, []),
    "mp3": ("mp3", "mp3", "libmp3lame", ["-q:a", "2"]),
    "m4a": ("m4a", "ipod", "aac", ["-b:a", "192k"]),
    "ogg": ("ogg", "ogg", "libvorbis", ["-q:a", "6"]),
}
MASTER_FORMATS = {".flac": "flac", ".wav": "wav", ".wave": "wav", ".mp3": "mp3", ".m4a": "m4a", ".aac": "m4a",
                  ".mp4": "m4a", ".mov": "m4a", ".ogg": "ogg", ".oga": "ogg", ".opus": "ogg"}
AUDIO_KINDS = ("silence", "tone")


def pydub():
    """pydub's AudioSegment, pointed at imageio-ffmpeg's ffmpeg."""
    import imageio_ffmpeg
    with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH: we bring our own
        warnings.simplefilter("ignore")
        from pydub import AudioSegment
    AudioSegment.converter = imageio_ffmpeg.get_ffmpeg_exe()
    return AudioSegment


def access_format(master: Path, chosen: str) -> str:
    fmt = (chosen or MASTER_FORMATS.get(Path(master).suffix.lower(), "flac")).lower()
    if fmt not in FORMATS:
        raise ConfigError(f"access audio format {fmt!r}; known: {', '.join(FORMATS)}")
    return fmt


def load(master: Path):
    """The master as a pydub AudioSegment at its own rate and channels (16-bit, or 32-bit for deeper masters)."""
    import av
    AudioSegment = pydub()
    try:
        with av.open(str(master)) as c:
            stream = c.streams.audio[0]
            ctx = stream.codec_context  # lossy decoders give floats: 16 bits hold them; 24-bit and float PCM need 32
            deep = ctx.format.name.startswith("s32") or ctx.name.startswith(("pcm_f", "pcm_s24", "pcm_s32"))
    except (av.FFmpegError, IndexError) as e:
        raise AudioError(f"{master}: the master cannot be read ({e})") from e
    command = [AudioSegment.converter, "-nostdin", "-v", "error", "-i", str(master), "-vn", "-map", "0:a:0",
               "-acodec", "pcm_s32le" if deep else "pcm_s16le", "-f", "wav", "-"]
    done = subprocess.run(command, capture_output=True)
    if done.returncode != 0 or not done.stdout:
        raise AudioError(f"{master}: ffmpeg could not decode it ({done.stderr.decode(errors='ignore').strip()[-300:]})")
    return AudioSegment.from_wav(io.BytesIO(done.stdout))


def samples(segment):
    """(frames, channels) integer samples of a pydub segment."""
    import numpy as np
    dtype = {1: np.int8, 2: np.int16, 4: np.int32}[segment.sample_width]
    return np.frombuffer(segment.raw_data, dtype=dtype).reshape(-1, segment.channels).copy()


def tone(frames: int, rate: int, options: AccessOptions):
    """`frames` samples of the bleep as floats in [-1, 1], from pydub's sine generator."""
    import numpy as np
    from pydub.generators import Sine
    ms = frames * 1000 / rate + 2
    sine = Sine(options.tone_hz, sample_rate=rate, bit_depth=16).to_audio_segment(duration=ms, volume=options.tone_dbfs)
    return samples(sine)[:frames, 0].astype(np.float64) / 32768


def close_spans(segment, spans: list[tuple[float, float]], options: AccessOptions):
    """A new segment with each span silent or toned: the `fade` before a span fades the speech out, the
    `fade` after it fades it back in, and the tone fades in and out inside the span. Every other
    sample is copied as it is."""
    import numpy as np
    if options.audio not in AUDIO_KINDS:
        raise ConfigError(f"access audio {options.audio!r}; use one of {', '.join(AUDIO_KINDS)}")
    result = samples(segment)
    full = float(2 ** (8 * segment.sample_width - 1))
    rate, n = segment.frame_rate, len(result)
    fade = max(1, round(options.fade * rate))
    for a, b in spans:
        i, j = max(0, round(a * rate)), min(n, round(b * rate))
        if j <= i:
            continue
        k, m = max(0, i - fade), min(n, j + fade)
        region = result[k:m].astype(np.float64)  # only the span and its fades are touched
        region[:i - k] *= np.linspace(1, 0, i - k + 1)[1:, None]   # fade out, reaching 0 at the span
        region[j - k:] *= np.linspace(0, 1, m - j + 1)[:-1, None]  # fade in from 0 after it
        fill = np.zeros(j - i)
        if options.audio == "tone":
            fill = tone(j - i, rate, options)
            edge = min(fade, (j - i) // 2)
            if edge:
                fill[:edge] *= np.linspace(0, 1, edge)
                fill[-edge:] *= np.linspace(1, 0, edge)
            fill = fill * full
        region[i - k:j - k] = fill[:, None]
        result[k:m] = np.clip(np.round(region), -full, full - 1).astype(result.dtype)
    return segment._spawn(result.tobytes())


def write(segment, target: Path, fmt: str) -> Path:
    ext, container, codec, parameters = FORMATS[fmt]
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.part")
    try:
        kwargs = {"codec": codec} if codec else {}
        segment.export(str(tmp), format=container, parameters=parameters, **kwargs).close()
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def excerpt(segment, start: float, end: float):
    """Samples start..end (seconds) of a pydub segment, cut at exact sample positions."""
    rate = segment.frame_rate
    i, j = round(start * rate), round(end * rate)
    return segment.get_sample_slice(i, min(j, int(segment.frame_count())))
