"""`<id>.labels.txt`: Audacity labels (File > Import > Labels): start TAB end TAB text, in seconds;
the label is the speaker and the words."""
from __future__ import annotations

from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import speaker_labels

ARCHIVE = True


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    labels = speaker_labels(transcript)
    return "".join(f"{seg.start:.6f}\t{seg.end:.6f}\t{labels[seg.speaker]}: {' '.join(seg.text.split())}\n"
                   for seg in transcript.segments)
