"""The corrections layer: `OUT/<id>/<id>.corrections.json`, an archivist's edits over the pipeline's output.

Append-only: each edit is stamped with its number, time and author and never rewritten. Every
export applies the layer over the pipeline's transcript, so a re-run keeps the corrections; an edit
whose segment changed is applied and flagged `review`, one that no longer fits is listed, never dropped.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..artifacts import append_to_layer, read_layer
from ..errors import EditError, KikigakiError
from ..transcript import Transcript
from .edits import ADDED_SPEAKER, OPS, Draft, Outcome, anchor, apply_edit, speaker_anchor

SCHEMA_ID = "kikigaki.corrections/1"
SPEAKER_OPS = ("speaker", "delete")  # edits that change who spoke when (a rename changes only a name)


class CorrectionsError(KikigakiError):
    """The corrections file cannot be read: never overwritten, since it holds people's work."""


class StaleVersion(KikigakiError):
    """An edit was made on a version of the transcript that has changed since (another tab, a re-run)."""


class CorrectionsLayer:
    def __init__(self, folder: Path, recording_id: str):
        self.path = Path(folder) / f"{recording_id}.corrections.json"
        self.recording_id = recording_id

    def edits(self) -> list[dict[str, Any]]:
        return read_layer(self.path, SCHEMA_ID, "edits", CorrectionsError, "archivists' corrections",
                          "repair it (or move it aside to drop them)", "repair it or move it aside")

    def append(self, edit: dict[str, Any], author: str) -> dict[str, Any]:
        return append_to_layer(self.path, {"schema": SCHEMA_ID, "recording": self.recording_id}, "edits",
                               self.edits(), edit, author)


def apply_corrections(transcript: Transcript, edits: list[dict[str, Any]], file_name: str = "") -> Transcript:
    """The transcript with every edit applied in order; what needs a person's eye is listed in
    `provenance.corrections.review` (and those segments carry the `review` flag)."""
    if not edits:
        return transcript
    draft = Draft.of(transcript)
    review = []
    for edit in edits:
        outcome = apply_edit(draft, edit)
        if outcome.status != "applied":
            review.append({"edit": edit.get("n"), "op": edit.get("op"), "author": edit.get("author"),
                           "status": outcome.status, "reason": outcome.reason, "at": outcome.at})
    corrected = draft.build(transcript)
    provenance = {**transcript.provenance,
                  "corrections": {"file": file_name, "edits": len(edits), "review": review,
                                  "last_edit": edits[-1].get("time")}}
    turns = corrected.turns
    if transcript.turns and any(e.get("op") in SPEAKER_OPS for e in edits):  # RTTM and DER follow the edits
        from ..assemble import corrected_turns
        turns = corrected_turns(list(transcript.turns), transcript.segments, corrected.segments)
    return replace(corrected, provenance=provenance, turns=turns)


def anchored(transcript: Transcript, request: dict[str, Any]) -> dict[str, Any]:
    """An edit as the review page sends it (segment ids of the version it shows) made durable:
    segments become anchors (time and text), speakers carry the times of their voice."""
    op = request.get("op")
    if op not in OPS:
        raise EditError(f"unknown edit {op!r}; known: {', '.join(OPS)}")
    edit = {k: v for k, v in request.items() if k not in ("version", "author", "segment")}
    segments = transcript.segments
    if op != "rename":
        i = request.get("segment")
        if not isinstance(i, int) or not 0 <= i < len(segments):
            raise EditError(f"no segment {i!r} in this transcript")
        edit["segment"] = {**anchor(segments[i]), "speaker": segments[i].speaker}
        if op == "merge":
            if i + 1 >= len(segments):
                raise EditError("the last segment has nothing after it to merge with")
            edit["next"] = anchor(segments[i + 1])
    if op in ("speaker", "rename"):
        sid = request.get("speaker")
        if op == "speaker" and not sid and request.get("name"):  # a voice the diarizer missed
            taken = {s.id for s in transcript.speakers}
            sid = next(f"{ADDED_SPEAKER}{k}" for k in range(1, 10_000) if f"{ADDED_SPEAKER}{k}" not in taken)
        edit["speaker"] = sid
        edit["speaker_at"] = speaker_anchor(transcript, sid) if sid else []
    return edit


def check(transcript: Transcript, edit: dict[str, Any]) -> Outcome:
    """Apply a new edit strictly to a copy: EditError says why it does not fit."""
    return apply_edit(Draft.of(transcript), edit, strict=True)
