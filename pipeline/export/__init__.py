"""Exporters: each a pure function `Transcript -> text`, looked up by format name."""
from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import ConfigError
from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript

EXPORTERS = {
    "json": "pipeline.export.json_export",
    "srt": "pipeline.export.srt",
    "vtt": "pipeline.export.vtt",
    "txt": "pipeline.export.txt",
    "rttm": "pipeline.export.rttm",
    "entities": "pipeline.export.entities_csv",
    "html": "pipeline.export.html",
    # into the archive: each accepted by its tool's schema or reader
    "ohms": "pipeline.export.ohms",
    "eaf": "pipeline.export.eaf",
    "tei": "pipeline.export.tei",
    "exb": "pipeline.export.exb",
    "docx": "pipeline.export.docx_export",
    "maxqda": "pipeline.export.maxqda",
    "nvivo": "pipeline.export.nvivo",
    "textgrid": "pipeline.export.textgrid",
    "audacity": "pipeline.export.audacity",
    "iiif": "pipeline.export.iiif",
}
# file name ending where it differs from the format name
EXTENSIONS = {"entities": "entities.csv", "ohms": "ohms.xml", "tei": "tei.xml", "maxqda": "maxqda.txt",
              "nvivo": "nvivo.txt", "textgrid": "TextGrid", "audacity": "labels.txt", "iiif": "iiif.json"}
ALL = "all"  # --formats all: every format above


def extension(fmt: str) -> str:
    return EXTENSIONS.get(fmt, fmt)


def check_formats(formats: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in EXPORTERS and f != ALL]
    if unknown:
        raise ConfigError(f"unknown export format {', '.join(unknown)}; known: {ALL}, {', '.join(EXPORTERS)}")


def expand_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats named, `all` standing for every one; each once, in the order given."""
    check_formats(formats)
    named = [f for name in formats for f in (EXPORTERS if name == ALL else (name,))]
    return tuple(dict.fromkeys(named))


def render(fmt: str, transcript: Transcript, options: SubtitleOptions = SubtitleOptions(),
           page_dir: Path | None = None, export: ExportOptions = ExportOptions()) -> str | bytes:
    """The format's text (bytes for DOCX); `page_dir` is where the file will live (a page links the
    audio relative to it); `export` says where the archive formats link to."""
    check_formats((fmt,))
    module = importlib.import_module(EXPORTERS[fmt])
    if getattr(module, "ARCHIVE", False):
        return module.render(transcript, options, page_dir, export)
    if getattr(module, "LINKS_AUDIO", False):
        return module.render(transcript, options, page_dir)
    return module.render(transcript, options)
