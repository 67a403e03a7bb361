"""`<id>.exb`: an EXMARaLDA basic transcription (DTD basic-transcription-1.4).

A speaker table, one common timeline in seconds, one transcription (`t`) tier per speaker with an
event per utterance, and an annotation (`a`) tier of the named entities under each speaker.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import language, media_path, ms, speaker_labels, used_speakers

ARCHIVE = True
DOCTYPE = '<!DOCTYPE basic-transcription SYSTEM "basic-transcription-1.4.dtd">'


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    meta = transcript.metadata
    root = etree.Element("basic-transcription")
    head = etree.SubElement(root, "head")
    info = etree.SubElement(head, "meta-information")
    etree.SubElement(info, "project-name").text = meta.collection or ""
    etree.SubElement(info, "transcription-name").text = meta.title or transcript.recording.id
    etree.SubElement(info, "referenced-file", url=media_path(transcript, page_dir))
    ud = etree.SubElement(info, "ud-meta-information")
    for name, value in (("title", meta.title), ("date", meta.date), ("place", meta.place),
                        ("interviewee", "; ".join(meta.interviewee)), ("interviewer", "; ".join(meta.interviewer)),
                        ("repository", meta.repository), ("collection", meta.collection), ("rights", meta.rights)):
        if value:
            etree.SubElement(ud, "ud-information", {"attribute-name": name}).text = value
    etree.SubElement(info, "comment").text = "draft for review" if not meta.reviewed else ""
    etree.SubElement(info, "transcription-convention").text = "Kikigaki: recognised speech, corrected by archivists"
    table = etree.SubElement(head, "speakertable")
    labels = speaker_labels(transcript)
    speakers = used_speakers(transcript)
    lang = language(transcript)
    spk_ids = {sid: f"SPK{n}" for n, sid in enumerate(speakers)}
    for sid in speakers:
        speaker = etree.SubElement(table, "speaker", id=spk_ids[sid])
        etree.SubElement(speaker, "abbreviation").text = labels[sid]
        etree.SubElement(speaker, "sex", value="u")
        etree.SubElement(etree.SubElement(speaker, "languages-used"), "language", lang=lang)
        etree.SubElement(speaker, "l1")
        etree.SubElement(speaker, "l2")
        etree.SubElement(speaker, "ud-speaker-information")
        etree.SubElement(speaker, "comment")

    body = etree.SubElement(root, "basic-body")
    timeline = etree.SubElement(body, "common-timeline")
    points: set[int] = set()
    spans = {}
    for seg in transcript.segments:
        a = ms(seg.start)
        spans[seg.id] = (a, max(ms(seg.end), a + 1))  # an event needs two points of the timeline
        points.update(spans[seg.id])
    entity_spans = []
    for e in transcript.entities:
        a = ms(e.start)
        entity_spans.append((e, a, max(ms(e.end), a + 1)))
        points.update(entity_spans[-1][1:])
    tli = {value: f"T{n}" for n, value in enumerate(sorted(points))}
    for value in sorted(points):
        etree.SubElement(timeline, "tli", id=tli[value], time=f"{value / 1000:.3f}")
    for n, sid in enumerate(speakers):
        tier = etree.SubElement(body, "tier", id=f"TIE{n}", speaker=spk_ids[sid], category="v", type="t",
                                **{"display-name": f"{labels[sid]} [v]"})
        for seg in transcript.segments:
            if seg.speaker == sid:
                a, b = spans[seg.id]
                etree.SubElement(tier, "event", start=tli[a], end=tli[b]).text = seg.text
        mine = [x for x in entity_spans if transcript.segments[x[0].segment].speaker == sid]
        if mine:
            names = etree.SubElement(body, "tier", id=f"TIE{n}_ne", speaker=spk_ids[sid], category="ne", type="a",
                                     **{"display-name": f"{labels[sid]} [ne]"})
            for e, a, b in mine:
                etree.SubElement(names, "event", start=tli[a], end=tli[b]).text = f"{e.text} [{e.label}]"
    xml = etree.tostring(root, encoding="UTF-8", pretty_print=True).decode("utf-8")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{xml}'
