"""What the archive formats share: speaker names, the recording's place relative to a file, the
date a file is made, and the language. Unknown metadata stays unknown here: nothing is filled in."""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path

from ..options import ExportOptions
from ..transcript import Segment, Transcript

UNKNOWN_SPEAKER = "?"  # the label of speech no speaker was found for
REVIEW_URL = "http://127.0.0.1:8765/"  # `kikigaki review OUT` serves OUT/<id>/... and the audio here
MIME_TYPES = {".wav": "audio/x-wav", ".mp3": "audio/mpeg", ".flac": "audio/flac", ".m4a": "audio/mp4",
              ".ogg": "audio/ogg", ".opus": "audio/ogg", ".aac": "audio/aac", ".mp4": "video/mp4",
              ".mov": "video/quicktime", ".mkv": "video/x-matroska", ".webm": "video/webm"}
PUNCTUATION = re.compile(r"^[\s、。，．,.！？!?…・「」『』（）()\[\]\"'ー―-]+$")


def speaker_labels(transcript: Transcript) -> dict[str | None, str]:
    """Each speaker id's label (its name, else its id), made unique: tools key tiers by it."""
    labels: dict[str | None, str] = {}
    used: set[str] = set()
    ids = [s.id for s in transcript.speakers]
    if any(seg.speaker is None for seg in transcript.segments):
        ids.append(None)
    for sid in ids:
        label = (transcript.speaker_label(sid) or UNKNOWN_SPEAKER) if sid is not None else UNKNOWN_SPEAKER
        base, n = label, 2
        while label in used:
            label, n = f"{base} ({n})", n + 1
        used.add(label)
        labels[sid] = label
    return labels


def used_speakers(transcript: Transcript) -> list[str | None]:
    """Speaker ids in order of first speech, then those who never speak (named but silent)."""
    order = list(dict.fromkeys(seg.speaker for seg in transcript.segments))
    return order + [s.id for s in transcript.speakers if s.id not in order]


def media_path(transcript: Transcript, page_dir: Path | None) -> str:
    """The recording, relative to the folder the file lives in (absolute where there is none)."""
    source = Path(transcript.recording.source).resolve()
    if page_dir is None:
        return source.as_posix()
    return Path(os.path.relpath(source, Path(page_dir).resolve())).as_posix()


def media_uri(transcript: Transcript) -> str:
    return Path(transcript.recording.source).resolve().as_uri()


def mime_type(transcript: Transcript) -> str:
    return MIME_TYPES.get(Path(transcript.recording.source).suffix.lower(), "audio/*")


def language(transcript: Transcript) -> str:
    """The interview's language: the archive's word, else what the recogniser was told."""
    return transcript.metadata.language or transcript.recording.language or "ja"


def made_at(transcript: Transcript) -> datetime:
    """When this version of the transcript came to be: its last correction, else the pipeline run.
    Read from the transcript, so the same transcript always renders the same file."""
    provenance = transcript.provenance
    for stamp in ((provenance.get("corrections") or {}).get("last_edit"), provenance.get("created")):
        if stamp:
            try:
                moment = datetime.fromisoformat(stamp)
            except ValueError:
                continue
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)  # a transcript from before times were kept


def base_url(transcript: Transcript, export: ExportOptions) -> str:
    """Where OUT/<id>/ is published, ending in '/'."""
    if export.base_url:
        return export.base_url.rstrip("/") + f"/{transcript.recording.id}/"
    return f"{REVIEW_URL}files/{transcript.recording.id}/"


def audio_url(transcript: Transcript, export: ExportOptions) -> str:
    if export.base_url:
        return base_url(transcript, export) + Path(transcript.recording.source).name
    return f"{REVIEW_URL}audio/{transcript.recording.id}"


def ms(seconds: float) -> int:
    return int(round(seconds * 1000))


def is_punctuation(text: str) -> bool:
    return bool(PUNCTUATION.match(text))


def tokens(segment: Segment) -> list[tuple[str, float, float, str | None]]:
    """The segment's words (morphemes) as (text, start, end, pos); its whole text where it has none."""
    if segment.words:
        return [(w.text, w.start, w.end, w.pos) for w in segment.words]
    return [(segment.text, segment.start, segment.end, None)] if segment.text else []


def is_question(segment: Segment) -> bool:
    text = segment.text.rstrip()
    return text.endswith(("？", "?", "か。", "か")) or text.endswith(("ですか、", "ますか、"))
