"""Exporters: each a pure function `Transcript -> text`, looked up by format name."""
from __future__ import annotations

import importlib

from ..errors import ConfigError
from ..options import SubtitleOptions
from ..transcript import Transcript

EXPORTERS = {
    "json": "pipeline.export.json_export",
    "srt": "pipeline.export.srt",
    "vtt": "pipeline.export.vtt",
    "txt": "pipeline.export.txt",
    "rttm": "pipeline.export.rttm",
    "entities": "pipeline.export.entities_csv",
}
EXTENSIONS = {"entities": "entities.csv"}  # file name ending where it differs from the format name


def extension(fmt: str) -> str:
    return EXTENSIONS.get(fmt, fmt)


def check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in EXPORTERS]
    if unknown:
        raise ConfigError(f"unknown export format {', '.join(unknown)}; known: {', '.join(EXPORTERS)}")


def render(fmt: str, transcript: Transcript, options: SubtitleOptions = SubtitleOptions()) -> str:
    check_formats((fmt,))
    return importlib.import_module(EXPORTERS[fmt]).render(transcript, options)
