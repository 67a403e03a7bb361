"""`<id>.ohms.xml`: OHMS XML 6.0, the repository format of the Oral History Metadata Synchronizer.

The transcript travels as WebVTT in `<vtt_transcript>` (one cue per segment, numbered, times in full
`HH:MM:SS.mmm` and a `<v Name>` on every cue: the OHMS viewer drops a cue written otherwise and
glues a cue with a non-numeric id to the one before). The index is built from the transcript (see
`index`); the record's fields come from the collection's metadata, unknown ones left out.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import audio_url, language, made_at, ms, speaker_labels
from .index import index_points
from .timecode import clock

ARCHIVE = True
NS = "https://www.weareavp.com/nunncenter/ohms"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
VIDEO = {".mp4", ".mov", ".mkv", ".webm", ".avi"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt(transcript: Transcript) -> str:
    """WebVTT with one numbered cue per segment, as OHMS reads it."""
    labels = speaker_labels(transcript)
    blocks = ["WEBVTT\n"]
    n = 0
    for seg in transcript.segments:
        text = " ".join(seg.text.split())
        if not text:
            continue
        n += 1
        start, end = ms(seg.start), max(ms(seg.end), ms(seg.start) + 1)  # a cue must last
        blocks.append(f"{n}\n{clock(start, '.')} --> {clock(end, '.')}\n"
                      f"<v {_escape(labels[seg.speaker])}>{_escape(text)}\n")
    return "\n".join(blocks)


def _duration(seconds: float) -> str:
    total = int(round(seconds))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    meta = transcript.metadata
    E = lambda tag, text=None, **attrs: _element(tag, text, attrs)  # noqa: E731
    root = etree.Element(f"{{{NS}}}ROOT", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {NS}/ohms.xsd")
    # the record id is the repository's to give; until then a stable number from the audio's hash
    record = etree.SubElement(root, f"{{{NS}}}record", id=str(int(transcript.recording.sha256[:7] or "0", 16)),
                              dt=made_at(transcript).date().isoformat())
    fields = [E("version", "6.0")]
    if meta.date and ISO_DATE.match(meta.date):
        fields.append(E("date", value=meta.date, format="yyyy-mm-dd"))
    else:
        fields.append(E("date"))  # required; left empty when unknown
        if meta.date:
            fields.append(E("date_nonpreferred_format", meta.date))
    fields.append(E("title", meta.title or ""))  # required; never made up from the file name
    fields.append(E("duration", _duration(transcript.recording.duration)))
    if meta.collection:
        fields.append(E("collection_name", meta.collection))
    if meta.repository:
        fields.append(E("repository", meta.repository))
    points = index_points(transcript)
    for keyword in dict.fromkeys(k for p in points for k in p.keywords):
        fields.append(E("keyword", keyword))
    fields += [E("interviewee", name) for name in meta.interviewee]
    fields += [E("interviewer", name) for name in meta.interviewer]
    video = Path(transcript.recording.source).suffix.lower() in VIDEO
    fields.append(E("format", "video" if video else "audio"))
    fields.append(E("file_name", Path(transcript.recording.source).name))
    fields.append(E("media_url", audio_url(transcript, export)))
    fields.append(E("language", language(transcript)))
    index = E("index")
    for p in points:
        point = etree.SubElement(index, f"{{{NS}}}point")
        for tag, text in (("time", str(int(p.start))), ("title", p.title),
                          ("partial_transcript", p.partial_transcript), ("synopsis", p.synopsis),
                          ("keywords", ";".join(p.keywords)), ("subjects", ";".join(p.subjects))):
            point.append(E(tag, text))
    fields.append(index)
    fields.append(E("type", "interview"))
    transcript_vtt = E("vtt_transcript")
    transcript_vtt.text = etree.CDATA(vtt(transcript).replace("]]>", "]] >"))
    fields.append(transcript_vtt)
    if meta.rights:
        fields.append(E("rights", meta.rights))
    fields.append(E("fmt", "video" if video else "audio"))
    for f in fields:
        record.append(f)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def _element(tag: str, text: str | None, attrs: dict[str, str]) -> etree._Element:
    el = etree.Element(f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        el.text = text
    return el
