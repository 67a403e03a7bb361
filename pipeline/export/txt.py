"""`<id>.txt`: speaker-labelled paragraphs with `[hh:mm:ss]` timestamps (imports into MAXQDA and NVivo)."""
from __future__ import annotations

from ..options import SubtitleOptions
from ..transcript import Transcript
from .timecode import hms


def render(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    """One paragraph per segment: `[hh:mm:ss] Name: text` (MAXQDA reads `Name:` as the speaker)."""
    lines = []
    for seg in transcript.segments:
        label = transcript.speaker_label(seg.speaker)
        lines.append(f"[{hms(seg.start)}] " + (f"{label}: " if label else "") + seg.text.strip())
    return "\n\n".join(lines) + "\n" if lines else ""
