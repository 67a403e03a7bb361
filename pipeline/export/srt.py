"""`<id>.srt`: SubRip subtitles, laid out by `layout`."""
from __future__ import annotations

from ..options import SubtitleOptions
from ..transcript import Transcript
from .layout import layout
from .timecode import clock


def render(transcript: Transcript, options: SubtitleOptions) -> str:
    blocks = []
    previous = None
    for n, cue in enumerate(layout(transcript, options), 1):
        lines = list(cue.lines)
        if options.speaker_labels and cue.speaker != previous and cue.speaker is not None:
            lines[0] = f"（{transcript.speaker_label(cue.speaker)}）{lines[0]}"
        previous = cue.speaker
        blocks.append(f"{n}\n{clock(cue.start, ',')} --> {clock(cue.end, ',')}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)
