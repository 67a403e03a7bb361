"""The restrictions layer: `OUT/<id>/<id>.restrictions.json` (one recording) and `OUT/restrictions.json`
(rules for every recording in OUT), beside the corrections layer and built the same way.

Append-only: each entry is stamped with its number, time and author and never rewritten. An entry
restricts (a time span, one occurrence of an entity, or every occurrence of an entity), removes an
earlier restriction, or dismisses a suggestion. Restrictions name what they close by time and text
(like corrections), so a pipeline re-run finds the same words again.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..artifacts import append_to_layer, read_layer
from ..errors import KikigakiError

SCHEMA_ID = "kikigaki.restrictions/1"
COLLECTION_FILE = "restrictions.json"  # in OUT itself: rules over every recording of the collection
KINDS = ("span", "occurrence", "entity")
REASONS = {"narrator": "narrator's request", "third_party": "third party", "personal_data": "personal data",
           "other": "other"}
_UNTIL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class RestrictionError(KikigakiError):
    """A restriction that cannot be made as asked (the message says what to give instead)."""


class LayerFileError(KikigakiError):
    """The restrictions file cannot be read: never overwritten, since it holds people's decisions."""


def parse_until(value: str | None) -> str | None:
    """`2040`, `2040-04` or `2040-04-01` as an ISO day (the first of the year or month): closed until then."""
    if value in (None, ""):
        return None
    m = _UNTIL.fullmatch(str(value).strip())
    try:
        if not m:
            raise ValueError
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).isoformat()
    except ValueError:
        raise RestrictionError(f"until {value!r}: give a date as YYYY, YYYY-MM or YYYY-MM-DD") from None


def is_closed(entry: dict[str, Any], as_of: date) -> bool:
    """Whether a restriction still holds on `as_of` (it is lifted on its `until` day)."""
    until = entry.get("until")
    return until is None or as_of < date.fromisoformat(until)


def validate(entry: dict[str, Any]) -> dict[str, Any]:
    """A restriction as the command line or the review app asks for it, checked and normalised."""
    kind = entry.get("kind")
    if kind not in KINDS:
        raise RestrictionError(f"unknown restriction {kind!r}; known: {', '.join(KINDS)}")
    reason = entry.get("reason") or "other"
    if reason not in REASONS:
        raise RestrictionError(f"reason {reason!r}: use one of {', '.join(REASONS)}")
    clean: dict[str, Any] = {"op": "restrict", "kind": kind, "reason": reason, "until": parse_until(entry.get("until"))}
    if entry.get("note"):
        clean["note"] = str(entry["note"])
    if entry.get("placeholder"):
        clean["placeholder"] = str(entry["placeholder"])
    if entry.get("suggestion"):
        clean["suggestion"] = str(entry["suggestion"])
    if kind == "span":
        try:
            start, end = float(entry["start"]), float(entry["end"])
        except (KeyError, TypeError, ValueError):
            raise RestrictionError("a span needs its start and end in seconds") from None
        if not 0 <= start < end:
            raise RestrictionError(f"span {start}-{end}: the start must come before the end, both from 0 s")
        clean.update(start=round(start, 3), end=round(end, 3), heard=str(entry.get("heard") or ""))
    else:
        text = str(entry.get("text") or "").strip()
        if not text:
            raise RestrictionError("give the entity's text (what must not be read or heard)")
        clean["text"] = text
        if entry.get("label"):
            clean["label"] = str(entry["label"])
    if kind == "occurrence":
        where = entry.get("segment")
        if not isinstance(where, dict) or not {"start", "end", "text"} <= set(where):
            raise RestrictionError("an occurrence names its line (start, end, text)")
        clean["segment"] = {k: where[k] for k in ("start", "end", "text")}
        clean.update(char_start=int(entry.get("char_start", 0)), char_end=int(entry.get("char_end", 0)),
                     start=float(entry.get("start", where["start"])), end=float(entry.get("end", where["end"])))
    return clean


class RestrictionsLayer:
    """One restrictions file: a recording's (`OUT/<id>/<id>.restrictions.json`) or the collection's."""

    def __init__(self, path: Path, scope: str):
        self.path, self.scope = Path(path), scope

    @classmethod
    def of_recording(cls, folder: Path) -> "RestrictionsLayer":
        folder = Path(folder)
        return cls(folder / f"{folder.name}.restrictions.json", folder.name)

    @classmethod
    def of_collection(cls, out: Path) -> "RestrictionsLayer":
        return cls(Path(out) / COLLECTION_FILE, "collection")

    def entries(self) -> list[dict[str, Any]]:
        return read_layer(self.path, SCHEMA_ID, "entries", LayerFileError, "archivists' restrictions",
                          "repair it before publishing anything", "repair it before publishing anything")

    def restrictions(self) -> list[dict[str, Any]]:
        """Restrictions in force in this file (removed ones left out), each with its number."""
        entries = self.entries()
        removed = {e.get("target") for e in entries if e.get("op") == "remove"}
        return [e for e in entries if e.get("op") == "restrict" and e.get("n") not in removed]

    def dismissed(self) -> set[str]:
        return {str(e.get("suggestion")) for e in self.entries() if e.get("op") in ("dismiss", "restrict")
                and e.get("suggestion")}

    def _append(self, entry: dict[str, Any], author: str) -> dict[str, Any]:
        return append_to_layer(self.path, {"schema": SCHEMA_ID, "scope": self.scope}, "entries", self.entries(),
                               entry, author)

    def add(self, entry: dict[str, Any], author: str) -> dict[str, Any]:
        clean = validate(entry)
        if self.scope == "collection" and clean["kind"] != "entity":
            raise RestrictionError("the collection's rules are entity-wide (--entity); restrict a span or one "
                                   "occurrence in a recording's folder, OUT/<id>")
        return self._append(clean, author)

    def remove(self, n: int, author: str) -> dict[str, Any]:
        if n not in {e["n"] for e in self.restrictions()}:
            raise RestrictionError(f"no restriction {n} in force in {self.path.name}; see `kikigaki restrict "
                                   f"{self.path.parent} --list`")
        return self._append({"op": "remove", "target": n}, author)

    def dismiss(self, suggestion: str, author: str) -> dict[str, Any]:
        return self._append({"op": "dismiss", "suggestion": str(suggestion)}, author)
