"""`<id>.entities.csv`: the entity index, one row per occurrence (entity, label, normalized, reading,
romanized, time, speaker, segment), for archivists' catalogues."""
from __future__ import annotations

import csv
import io

from ..options import SubtitleOptions
from ..transcript import Transcript
from .timecode import hms

COLUMNS = ("entity", "label", "normalized", "reading", "romanized", "occurrences", "text", "start", "end",
           "timestamp", "speaker", "segment")


def render(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in transcript.entity_index():
        for occ in entry["occurrences"]:
            writer.writerow([entry["entity"], entry["label"], entry["normalized"] or "", entry["reading"] or "",
                             entry["romanized"] or "", len(entry["occurrences"]), occ["text"], f"{occ['start']:.2f}",
                             f"{occ['end']:.2f}", hms(occ["start"]),
                             transcript.speaker_label(occ["speaker"]) or "", occ["segment"]])
    return out.getvalue()
