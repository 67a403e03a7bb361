"""Exporters: each a pure function `Transcript -> text`, looked up by format name."""
from __future__ import annotations

import importlib
from pathlib import Path

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
    "html": "pipeline.export.html",
}
EXTENSIONS = {"entities": "entities.csv"}  # file name ending where it differs from the format name


def extension(fmt: str) -> str:
    return EXTENSIONS.get(fmt, fmt)


def check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in EXPORTERS]
    if unknown:
        raise ConfigError(f"unknown export format {', '.join(unknown)}; known: {', '.join(EXPORTERS)}")


def render(fmt: str, transcript: Transcript, options: SubtitleOptions = SubtitleOptions(),
           page_dir: Path | None = None) -> str:
    """The format's text; `page_dir` is where the file will live (a page links the audio relative to it)."""
    check_formats((fmt,))
    module = importlib.import_module(EXPORTERS[fmt])
    if getattr(module, "LINKS_AUDIO", False):
        return module.render(transcript, options, page_dir)
    return module.render(transcript, options)
