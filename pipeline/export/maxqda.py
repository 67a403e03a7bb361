"""`<id>.maxqda.txt`: a MAXQDA "transcript with timestamps" (Import > Transcripts).

One paragraph per utterance, a blank line between: the start time in brackets, the speaker and a
colon (MAXQDA codes each speaker's paragraphs by the name), the words. UTF-8.
"""
from __future__ import annotations

from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import ms, speaker_labels
from .timecode import clock

ARCHIVE = True


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    labels = speaker_labels(transcript)
    return "".join(f"[{clock(ms(seg.start), '.')}] {labels[seg.speaker]}: {' '.join(seg.text.split())}\n\n"
                   for seg in transcript.segments)
