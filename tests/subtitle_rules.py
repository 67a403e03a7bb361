"""An independent check of the subtitle rules, reading SRT with `srt` and WebVTT with `webvtt-py`."""
from __future__ import annotations

import io
import unicodedata

import srt
import webvtt

from pipeline.options import SubtitleOptions


def width(line: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "FWA" else 0.5 for c in line)


def check_times(spans: list[tuple[float, float]], options: SubtitleOptions) -> None:
    for i, (start, end) in enumerate(spans):
        assert end - start >= options.min_duration - 1e-6, f"cue {i + 1} shorter than {options.min_duration:.3f} s"
        assert end - start <= options.max_duration + 1e-6, f"cue {i + 1} longer than {options.max_duration} s"
        if i:
            assert start >= spans[i - 1][1] - 1e-6, f"cue {i + 1} overlaps cue {i}"


def check_lines(lines: list[str], options: SubtitleOptions, where: str) -> None:
    assert 1 <= len(lines) <= options.max_lines, f"{where}: {len(lines)} lines"
    for line in lines:
        assert line.strip(), f"{where}: empty line"
        assert width(line) <= options.max_line_chars, f"{where}: {line!r} is {width(line)} wide"


def check_srt(text: str, options: SubtitleOptions = SubtitleOptions()) -> list[srt.Subtitle]:
    cues = list(srt.parse(text))
    for cue in cues:
        check_lines(cue.content.split("\n"), options, f"SRT cue {cue.index}")
    check_times([(c.start.total_seconds(), c.end.total_seconds()) for c in cues], options)
    return cues


def check_vtt(text: str, options: SubtitleOptions = SubtitleOptions()):
    cues = list(webvtt.from_buffer(io.StringIO(text)))
    for i, cue in enumerate(cues):
        lines = cue.text.split("\n")
        check_lines(lines, options, f"VTT cue {i + 1}")
        assert cue.raw_text.count("<v ") <= 1, "one speaker per cue"
    check_times([(_secs(c.start), _secs(c.end)) for c in cues], options)
    return cues


def _secs(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
