"""`<id>.iiif.json`: a IIIF Presentation 3.0 manifest for an audio viewer (Universal Viewer, Mirador,
Aviary, Clover).

One canvas as long as the recording; the audio as its painting annotation; the WebVTT file as a
supplementing annotation and, so the manifest carries the words itself, each utterance as a
supplementing text annotation on its stretch of the canvas (`#t=start,end`); the index points as
ranges. Ids are URLs under `[export] base_url`, by default `kikigaki review` on this computer.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import audio_url, base_url, language, mime_type, speaker_labels
from .index import index_points

ARCHIVE = True
CONTEXT = "http://iiif.io/api/presentation/3/context.json"


def _t(seconds: float) -> str:
    return f"{seconds:.3f}".rstrip("0").rstrip(".") or "0"


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    meta = transcript.metadata
    rec = transcript.recording
    lang = language(transcript)
    base = base_url(transcript, export)
    canvas = f"{base}canvas/1"
    duration = rec.duration or 0.001
    labels = speaker_labels(transcript)

    def text(value: str) -> dict:
        return {lang: [value]}

    def stretch(start: float, end: float) -> str:
        return f"{canvas}#t={_t(start)},{_t(max(end, start))}"

    words = [{"id": f"{base}annotation/segment/{seg.id + 1}", "type": "Annotation", "motivation": "supplementing",
              "label": text(labels[seg.speaker]),
              "body": {"type": "TextualBody", "value": seg.text, "format": "text/plain", "language": lang},
              "target": stretch(seg.start, seg.end)} for seg in transcript.segments]
    manifest = {
        "@context": CONTEXT,
        "id": f"{base}{rec.id}.iiif.json",
        "type": "Manifest",
        "label": text(meta.title or rec.id),
    }
    fields = [("Title", meta.title), ("Date", meta.date), ("Interviewee", "、".join(meta.interviewee)),
              ("Interviewer", "、".join(meta.interviewer)), ("Place", meta.place),
              ("Collection", meta.collection), ("Repository", meta.repository), ("Language", lang)]
    metadata = [{"label": {"en": [name]}, "value": text(value)} for name, value in fields if value]
    if metadata:
        manifest["metadata"] = metadata
    if meta.rights:
        if meta.rights.startswith(("http://", "https://")):
            manifest["rights"] = meta.rights
        else:
            manifest["requiredStatement"] = {"label": {"en": ["Rights"]}, "value": text(meta.rights)}
    manifest["items"] = [{
        "id": canvas, "type": "Canvas", "duration": duration,
        "items": [{"id": f"{base}page/painting", "type": "AnnotationPage", "items": [{
            "id": f"{base}annotation/audio", "type": "Annotation", "motivation": "painting",
            "body": {"id": audio_url(transcript, export), "type": "Sound", "format": mime_type(transcript),
                     "duration": duration},
            "target": canvas}]}],
        "annotations": [{"id": f"{base}page/transcript", "type": "AnnotationPage", "items": [{
            "id": f"{base}annotation/vtt", "type": "Annotation", "motivation": "supplementing",
            "body": {"id": f"{base}{rec.id}.vtt", "type": "Text", "format": "text/vtt", "language": lang,
                     "label": text("transcript (WebVTT)")},
            "target": canvas}, *words]}],
    }]
    points = index_points(transcript)
    if points:
        manifest["structures"] = [{
            "id": f"{base}range/index", "type": "Range", "label": {"en": ["Index"]},
            "items": [{"id": f"{base}range/{n}", "type": "Range", "label": text(p.title),
                       **({"summary": text("; ".join(p.keywords))} if p.keywords else {}),
                       "items": [{"id": stretch(p.start, p.end), "type": "Canvas"}]}
                      for n, p in enumerate(points, 1)]}]
    return json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
