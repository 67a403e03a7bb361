"""`<id>.nvivo.txt`: NVivo transcript rows (audio source > Import Transcript Entries / Import Rows).

Tab-delimited with a header row, every line the same number of tabs: the timespan
(`hh:mm:ss.mmm - hh:mm:ss.mmm`), the speaker, the content. UTF-8.
"""
from __future__ import annotations

from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import ms, speaker_labels
from .timecode import clock

ARCHIVE = True
HEADER = "Timespan\tSpeaker\tContent"


def _field(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    labels = speaker_labels(transcript)
    rows = [HEADER] + [f"{clock(ms(seg.start), '.')} - {clock(ms(seg.end), '.')}\t{_field(labels[seg.speaker])}\t"
                       f"{_field(seg.text)}" for seg in transcript.segments]
    return "\n".join(rows) + "\n"
