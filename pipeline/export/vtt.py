"""`<id>.vtt`: WebVTT subtitles with `<v Name>` voice tags, laid out by `layout`."""
from __future__ import annotations

from ..options import SubtitleOptions
from ..transcript import Transcript
from .layout import layout
from .timecode import clock


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(transcript: Transcript, options: SubtitleOptions) -> str:
    blocks = ["WEBVTT\n"]
    for cue in layout(transcript, options):
        lines = [_escape(line) for line in cue.lines]
        label = transcript.speaker_label(cue.speaker)
        if label:
            lines[0] = f"<v {_escape(label)}>{lines[0]}"
        blocks.append(f"{clock(cue.start, '.')} --> {clock(cue.end, '.')}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)
