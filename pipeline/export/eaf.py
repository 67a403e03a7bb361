"""`<id>.eaf`: ELAN Annotation Format 3.0.

A time-aligned tier per speaker (tier id and participant: the speaker's name), under each a tier
of its words (the language layer's morphemes, symbolic subdivisions of the utterance), an entity
tier and an index tier. Times in integer milliseconds; the media descriptor points at the recording
by absolute URL and by a path relative to the file.
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import made_at, media_path, media_uri, mime_type, ms, speaker_labels, tokens, used_speakers
from .index import index_points

ARCHIVE = True
XSI = "http://www.w3.org/2001/XMLSchema-instance"
UTTERANCE, WORDS, ENTITY, INDEX = "utterance", "words", "entity", "index"  # linguistic types
ENTITY_TIER, INDEX_TIER = "entities", "index"


class _Slots:
    """TIME_ORDER: one slot per distinct millisecond."""

    def __init__(self) -> None:
        self.ids: dict[int, str] = {}

    def __call__(self, value: int) -> str:
        return self.ids.setdefault(value, f"ts{len(self.ids) + 1}")


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    meta = transcript.metadata
    root = etree.Element("ANNOTATION_DOCUMENT", nsmap={"xsi": XSI})
    root.set(f"{{{XSI}}}noNamespaceSchemaLocation", "http://www.mpi.nl/tools/elan/EAFv3.0.xsd")
    root.set("AUTHOR", "")
    root.set("DATE", made_at(transcript).isoformat())
    root.set("FORMAT", "3.0")
    root.set("VERSION", "3.0")
    if meta.rights:
        url = meta.rights if meta.rights.startswith(("http://", "https://")) else ""
        etree.SubElement(root, "LICENSE", LICENSE_URL=url).text = meta.rights
    header = etree.SubElement(root, "HEADER", MEDIA_FILE="", TIME_UNITS="milliseconds")
    etree.SubElement(header, "MEDIA_DESCRIPTOR", MEDIA_URL=media_uri(transcript), MIME_TYPE=mime_type(transcript),
                     RELATIVE_MEDIA_URL=media_path(transcript, page_dir) if page_dir else media_uri(transcript))
    for name, value in (("title", meta.title), ("date", meta.date), ("place", meta.place),
                        ("interviewee", "; ".join(meta.interviewee)), ("interviewer", "; ".join(meta.interviewer)),
                        ("repository", meta.repository), ("collection", meta.collection)):
        if value:
            etree.SubElement(header, "PROPERTY", NAME=name).text = value
    last_id = etree.SubElement(header, "PROPERTY", NAME="lastUsedAnnotationId")
    time_order = etree.SubElement(root, "TIME_ORDER")
    slot = _Slots()
    labels = speaker_labels(transcript)
    count = 0

    def aligned(tier, start: float, end: float, value: str) -> str:
        nonlocal count
        a, b = ms(start), max(ms(end), ms(start) + 1)  # ELAN drops an annotation without length
        count += 1
        ann = etree.SubElement(etree.SubElement(tier, "ANNOTATION"), "ALIGNABLE_ANNOTATION",
                               ANNOTATION_ID=f"a{count}", TIME_SLOT_REF1=slot(a), TIME_SLOT_REF2=slot(b))
        etree.SubElement(ann, "ANNOTATION_VALUE").text = value
        return f"a{count}"

    def symbolic(tier, parent: str, previous: str | None, value: str) -> str:
        nonlocal count
        count += 1
        attrs = {"ANNOTATION_ID": f"a{count}", "ANNOTATION_REF": parent}
        if previous:
            attrs["PREVIOUS_ANNOTATION"] = previous
        ann = etree.SubElement(etree.SubElement(tier, "ANNOTATION"), "REF_ANNOTATION", **attrs)
        etree.SubElement(ann, "ANNOTATION_VALUE").text = value
        return f"a{count}"

    tiers = []
    for sid in used_speakers(transcript):
        label = labels[sid]
        tier = etree.Element("TIER", TIER_ID=label, PARTICIPANT=label, LINGUISTIC_TYPE_REF=UTTERANCE)
        words = etree.Element("TIER", TIER_ID=f"{label} {WORDS}", PARTICIPANT=label, PARENT_REF=label,
                              LINGUISTIC_TYPE_REF=WORDS)
        for seg in transcript.segments:
            if seg.speaker != sid:
                continue
            parent = aligned(tier, seg.start, seg.end, seg.text)
            previous = None
            for text, *_ in tokens(seg):
                previous = symbolic(words, parent, previous, text)
        tiers += [tier, words]
    entities = etree.Element("TIER", TIER_ID=ENTITY_TIER, LINGUISTIC_TYPE_REF=ENTITY)
    last_end = -1
    for e in sorted(transcript.entities, key=lambda e: (e.start, e.end)):
        start = max(ms(e.start), last_end)  # annotations on one tier must not overlap
        if start >= max(ms(e.end), start + 1) or start > ms(transcript.recording.duration):
            continue
        aligned(entities, start / 1000, max(e.end, start / 1000 + 0.001), f"{e.text} [{e.label}]")
        last_end = max(ms(e.end), start + 1)
    index = etree.Element("TIER", TIER_ID=INDEX_TIER, LINGUISTIC_TYPE_REF=INDEX)
    for p in index_points(transcript):
        keywords = f" ({'; '.join(p.keywords)})" if p.keywords else ""
        aligned(index, p.start, p.end, p.title + keywords)
    for tier in tiers + [entities, index]:
        root.append(tier)
    ordered = {slot.ids[value]: f"ts{n}" for n, value in enumerate(sorted(slot.ids), 1)}  # ids in time order
    for value in sorted(slot.ids):
        etree.SubElement(time_order, "TIME_SLOT", TIME_SLOT_ID=ordered[slot.ids[value]], TIME_VALUE=str(value))
    for ann in root.iter("ALIGNABLE_ANNOTATION"):
        for ref in ("TIME_SLOT_REF1", "TIME_SLOT_REF2"):
            ann.set(ref, ordered[ann.get(ref)])
    last_id.text = str(count)
    for type_id, alignable, constraint in ((UTTERANCE, "true", None), (WORDS, "false", "Symbolic_Subdivision"),
                                           (ENTITY, "true", None), (INDEX, "true", None)):
        attrs = {"LINGUISTIC_TYPE_ID": type_id, "TIME_ALIGNABLE": alignable, "GRAPHIC_REFERENCES": "false"}
        if constraint:
            attrs["CONSTRAINTS"] = constraint
        etree.SubElement(root, "LINGUISTIC_TYPE", **attrs)
    etree.SubElement(root, "CONSTRAINT", STEREOTYPE="Symbolic_Subdivision",
                     DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations refering to the same "
                                 "parent are ordered")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
