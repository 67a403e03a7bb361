"""`<id>.docx`: the review copy a narrator or archivist reads on paper, made with python-docx.

A header with what the archive knows of the recording (and "draft for review" on every page until
the metadata says it was reviewed), one paragraph per utterance: `[hh:mm:ss]`, the speaker in bold,
the words; line numbers in the margin, page numbers in the footer, a Japanese font for East Asian
text, and each named entity as a Word comment where it is first spoken.
"""
from __future__ import annotations

import io
from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import language, made_at, speaker_labels
from .ohms import _duration
from .timecode import hms

ARCHIVE = True
EAST_ASIAN_FONT = "Yu Mincho"   # Word's Japanese serif on Windows and macOS (MS Mincho before 2016)
LATIN_FONT = "Times New Roman"
DRAFT = "draft for review"
LABELS = {"title": "Title", "date": "Date", "interviewee": "Interviewee", "interviewer": "Interviewer",
          "place": "Place", "collection": "Collection", "repository": "Repository", "rights": "Rights",
          "duration": "Duration", "recording": "Recording"}


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> bytes:
    from docx import Document
    from docx.shared import Pt

    meta = transcript.metadata
    doc = Document()
    _fonts(doc)
    props = doc.core_properties
    props.title = meta.title or ""
    props.language = language(transcript)
    props.created = props.modified = made_at(transcript).replace(tzinfo=None)
    props.author = props.last_modified_by = "kikigaki"

    section = doc.sections[0]
    _line_numbers(section)
    _page_numbers(section)
    if not meta.reviewed:
        section.header.paragraphs[0].text = DRAFT
    doc.add_heading(meta.title or transcript.recording.id, level=1)
    if not meta.reviewed:
        doc.add_paragraph().add_run(DRAFT).bold = True
    rows = [("title", meta.title), ("date", meta.date), ("interviewee", "、".join(meta.interviewee)),
            ("interviewer", "、".join(meta.interviewer)), ("place", meta.place), ("collection", meta.collection),
            ("repository", meta.repository), ("rights", meta.rights),
            ("duration", _duration(transcript.recording.duration)),
            ("recording", Path(transcript.recording.source).name)]
    known = [(LABELS[k], v) for k, v in rows if v]
    table = doc.add_table(rows=len(known), cols=2)
    for row, (label, value) in zip(table.rows, known):
        row.cells[0].text, row.cells[1].text = label, value
    doc.add_paragraph()

    labels = speaker_labels(transcript)
    noted: set[tuple[str, str]] = set()  # a name is explained once, where it is first spoken
    by_segment: dict[int, list] = {}
    for e in transcript.entities:
        by_segment.setdefault(e.segment, []).append(e)
    for seg in transcript.segments:
        p = doc.add_paragraph()
        p.add_run(f"[{hms(seg.start)}] ")
        p.add_run(f"{labels[seg.speaker]}: ").bold = True
        pos = 0
        for e in sorted(by_segment.get(seg.id, []), key=lambda e: e.char_start):
            if e.char_start < pos:
                continue
            if e.char_start > pos:
                p.add_run(seg.text[pos:e.char_start])
            run = p.add_run(seg.text[e.char_start:e.char_end])
            if export.entity_comments and (e.text, e.label) not in noted:
                noted.add((e.text, e.label))
                note = e.label + (f" ({e.normalized})" if e.normalized else "") + \
                    (f" {e.reading}" if e.reading else "")
                doc.add_comment(run, text=note, author="kikigaki", initials="KG")
            pos = e.char_end
        if pos < len(seg.text):
            p.add_run(seg.text[pos:])
        p.paragraph_format.space_after = Pt(6)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _fonts(doc) -> None:
    """Latin and East Asian fonts on the styles the text uses, so kanji never fall back to a
    Chinese face."""
    from docx.oxml.ns import qn
    for name in ("Normal", "Heading 1", "Header", "Footer"):
        style = doc.styles[name]
        style.font.name = LATIN_FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    normal = doc.styles["Normal"].element.get_or_add_rPr()
    lang = normal.find(qn("w:lang"))
    if lang is None:
        lang = normal.makeelement(qn("w:lang"), {})
        normal.append(lang)
    lang.set(qn("w:eastAsia"), "ja-JP")  # Japanese line breaking and glyphs


def _line_numbers(section) -> None:
    from docx.oxml.ns import qn
    sect = section._sectPr
    numbers = sect.makeelement(qn("w:lnNumType"), {qn("w:countBy"): "1", qn("w:restart"): "continuous"})
    # CT_SectPr's children have an order: lnNumType goes before pgNumType/cols/docGrid
    follower = next((c for c in sect if c.tag in {qn(t) for t in ("w:pgNumType", "w:cols", "w:formProt",
                                                                     "w:vAlign", "w:noEndnote", "w:titlePg",
                                                                     "w:textDirection", "w:bidi", "w:rtlGutter",
                                                                     "w:docGrid", "w:printerSettings")}), None)
    if follower is not None:
        follower.addprevious(numbers)
    else:
        sect.append(numbers)


def _page_numbers(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = p._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): " PAGE "})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
