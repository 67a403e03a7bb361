"""A collection's glossary: names, places and terms, one a line, with an optional TAB label.

Also the collection's *learned* glossary, `OUT/glossary.learned.tsv`: what archivists taught it in
`kikigaki review` (a span corrected to a name). Plain UTF-8, one term a line,
`term<TAB>label<TAB>reading<TAB>heard<TAB>where` (heard: what the recogniser wrote, `|` between
several); edit it freely, delete a line to forget a term. Every `kikigaki run` into that OUT uses
it after the configured glossary (which wins where both name a term).
"""
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
    heard: tuple[str, ...] = ()  # spellings the recogniser wrote for it (learned in review)
    source: str = ""             # "learned" for a term from the learned glossary


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


LEARNED_FILE = "glossary.learned.tsv"
LEARNED_HEADER = (
    "# Kikigaki learned glossary: terms archivists corrected in `kikigaki review`, used by every\n"
    "# `kikigaki run` into this folder (hotwords, correction, labels). Delete a line to forget a term.\n"
    "# term<TAB>label<TAB>reading<TAB>heard (what the recogniser wrote, | between several)<TAB>where\n")


def load_learned(out: Path) -> list[GlossaryTerm]:
    """The learned glossary of an OUT folder (none: an empty list)."""
    path = Path(out) / LEARNED_FILE
    if not path.is_file():
        return []
    terms: dict[str, GlossaryTerm] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in raw.split("\t")] + [""] * 4
        if not parts[0]:
            raise ConfigError(f"{path}, line {n}: a line must start with the term (or delete the line)")
        old = terms.get(parts[0])
        heard = tuple(h for h in parts[3].split("|") if h and h != parts[0])
        terms[parts[0]] = GlossaryTerm(parts[0], parts[1].upper() or (old.label if old else None),
                                       parts[2] or (old.reading if old else None),
                                       tuple(dict.fromkeys((old.heard if old else ()) + heard)), "learned")
    return list(terms.values())


def add_learned(out: Path, term: str, label: str | None, reading: str | None, heard: str, where: str) -> None:
    """Append one lesson to the learned glossary (the file is created with its header)."""
    from .artifacts import atomic_write
    path = Path(out) / LEARNED_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else LEARNED_HEADER
    clean = [x.replace("\t", " ").replace("\n", " ") for x in (term, label or "", reading or "", heard, where)]
    atomic_write(path, text + ("" if text.endswith("\n") else "\n") + "\t".join(clean) + "\n")


def with_learned(glossary: tuple[GlossaryTerm, ...], learned: list[GlossaryTerm]) -> tuple[GlossaryTerm, ...]:
    """The configured glossary, then the learned terms it lacks; a learned term's heard spellings
    join a configured term of the same text."""
    mine = {t.text: t for t in glossary}
    out = list(glossary)
    for t in learned:
        if t.text in mine:
            i = out.index(mine[t.text])
            out[i] = GlossaryTerm(t.text, mine[t.text].label or t.label, mine[t.text].reading or t.reading,
                                  tuple(dict.fromkeys(mine[t.text].heard + t.heard)), mine[t.text].source)
        else:
            out.append(t)
    return tuple(out)
