"""A collection's glossary: names, places and terms, one a line, with an optional TAB label."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import ConfigError


@dataclass(frozen=True)
class GlossaryTerm:
    text: str
    label: str | None = None     # PERSON, PLACE, ORG, ... where given
    reading: str | None = None   # katakana, where given (third TAB column)


def parse_glossary(lines: Iterable[str], where: str) -> list[GlossaryTerm]:
    """Parse `term[TAB label[TAB reading]]` lines; blank lines and `#` comments are ignored."""
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for n, raw in enumerate(lines, 1):
        line = raw.strip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if not parts[0]:
            raise ConfigError(f"{where}, line {n}: a glossary line must start with the term")
        if len(parts) > 3:
            raise ConfigError(f"{where}, line {n}: expected term, label, reading (TAB-separated)")
        label = parts[1].upper() if len(parts) > 1 and parts[1] else None
        reading = parts[2] if len(parts) > 2 and parts[2] else None
        if parts[0] not in seen:
            seen.add(parts[0])
            terms.append(GlossaryTerm(parts[0], label, reading))
    return terms


def load_glossary(path: Path) -> list[GlossaryTerm]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise ConfigError(f"glossary file not found: {path}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: a glossary must be UTF-8 text") from e
    return parse_glossary(text.splitlines(), path.name)
