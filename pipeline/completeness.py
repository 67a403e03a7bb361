"""Did the whole recording decode? What the file declares about its length, set against what decoded.

A truncated upload or a damaged block decodes "fine" up to the damage; only the container's own
statement of its length tells the rest is missing. FLAC (STREAMINFO), MP3 with a Xing/Info/VBRI
header, MP4/M4A and most others declare it through FFmpeg; a WAV's RIFF header is read here, since
FFmpeg quietly clamps a data size longer than the file, and stops at one shorter than the data.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MISSING_TOLERANCE = 1.0  # seconds: decoders trim priming and padding; damage is longer than this
MP3_HEADER_SCAN = 1 << 16  # bytes after any ID3 tag where an MP3's frame-count header would be
UNKNOWN_SIZES = (0, 0xFFFFFFFF)  # a WAV data size a streaming recorder left unset


@dataclass(frozen=True)
class WavLayout:
    """A RIFF/WAVE file's data chunk: what its header declares, and what the file holds."""

    declared: int  # bytes, as the header says (None-like 0 / 0xFFFFFFFF: not set)
    present: int   # bytes from the data chunk's start to the end of the file
    byte_rate: int
    trailing_chunk: bool  # a valid chunk follows the declared data (LIST, bext ...)

    @property
    def header_understates(self) -> bool:
        """The data goes on past what the header says (and no chunk follows): read to the end."""
        return self.declared in UNKNOWN_SIZES or (self.present > self.declared and not self.trailing_chunk)

    @property
    def declared_seconds(self) -> float | None:
        if self.declared in UNKNOWN_SIZES or not self.byte_rate:
            return None
        return self.declared / self.byte_rate


def wav_layout(path: Path) -> WavLayout | None:
    """The data chunk of a RIFF/WAVE file, or None for anything else (RF64, W64, other formats)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        size = Path(path).stat().st_size
        byte_rate = 0
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                return None
            name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            start = f.tell()
            if name == b"fmt ":
                fmt = f.read(min(length, 16))
                if len(fmt) >= 12:
                    byte_rate = struct.unpack("<I", fmt[8:12])[0]
            elif name == b"data":
                present = size - start
                end = start + length + (length & 1)
                trailing = False
                if length not in UNKNOWN_SIZES and end + 8 <= size:
                    f.seek(end)
                    after = f.read(8)
                    trailing = (len(after) == 8 and all(32 <= b < 127 for b in after[:4])
                                and end + 8 + struct.unpack("<I", after[4:])[0] <= size + 1)
                return WavLayout(length, present, byte_rate, trailing)
            f.seek(start + length + (length & 1))


def mp3_declares_length(path: Path) -> bool:
    """An MP3 states its length only in a Xing/Info/VBRI header; without one FFmpeg guesses from the
    file size and the first frame's bitrate (which a truncated file shrinks with it)."""
    with open(path, "rb") as f:
        head = f.read(10)
        skip = 0
        if head[:3] == b"ID3" and len(head) == 10:  # ID3v2: a syncsafe size
            skip = 10 + ((head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 | (head[9] & 0x7F))
        f.seek(skip)
        block = f.read(MP3_HEADER_SCAN)
    return any(tag in block[:2048] for tag in (b"Xing", b"Info", b"VBRI"))


def declared_duration(container, stream, path: Path, wav: WavLayout | None) -> float | None:
    """Seconds the file says it holds, or None where it does not say (or only guesses)."""
    if wav is not None:
        return wav.declared_seconds
    if container.format.name.split(",")[0] == "mp3" and not mp3_declares_length(path):
        return None
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000  # AV_TIME_BASE
    return None


def damage(decoded: float, declared: float | None, error: str = "") -> str:
    """'' when the whole recording decoded, else what a person reads: 'decoded 12:31 of 45:00'."""
    if declared is not None and decoded < declared - MISSING_TOLERANCE:
        return f"decoded {clock(decoded)} of {clock(declared)}" + (f" ({error})" if error else "")
    if error:
        return f"decoded {clock(decoded)}, then the audio could not be decoded ({error})"
    return ""


def clock(seconds: float) -> str:
    """12:31, or 1:02:05 past an hour."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
