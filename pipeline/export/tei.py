"""`<id>.tei.xml`: ISO 24624:2016, the TEI transcription of spoken language (EXMARaLDA's schema).

The header names the recording and the speakers (`particDesc`); the text has a `timeline` of
`when`s (seconds since the start) and one `annotationBlock` per utterance with `u`, its morphemes as
`w`/`pc` tokens, `anchor synch` at its ends, and its named entities as a token-based `spanGrp`.
`who` holds a bare id (SPK1), and no id starts with a digit.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .. import __version__
from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import is_punctuation, language, media_path, mime_type, ms, speaker_labels, tokens, used_speakers

ARCHIVE = True
TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
# a conservative NCName: Latin letters, kana, the common CJK ideographs, digits after the first
NCNAME = re.compile(r"^[A-Za-z_\u3041-\u3096\u30A1-\u30FA\u4E00-\u9FA5]"
                    r"[A-Za-z0-9_.\-\u3041-\u3096\u30A1-\u30FA\u30FC\u3005\u4E00-\u9FA5]*$")


def _t(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def ncname(text: str, fallback: str) -> str:
    """`text` as an XML name where it can be one (spaces become _), else the fallback."""
    name = re.sub(r"\s+", "_", text.strip())
    return name if NCNAME.match(name) else fallback


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    meta = transcript.metadata
    root = etree.Element(_t("TEI"), nsmap={None: TEI})
    header = etree.SubElement(root, _t("teiHeader"))
    file_desc = etree.SubElement(header, _t("fileDesc"))
    if meta.title:
        etree.SubElement(etree.SubElement(file_desc, _t("titleStmt")), _t("title")).text = meta.title
    recording = etree.SubElement(etree.SubElement(etree.SubElement(file_desc, _t("sourceDesc")),
                                                  _t("recordingStmt")), _t("recording"), type="audio")
    etree.SubElement(recording, _t("media"), mimeType=mime_type(transcript), url=media_path(transcript, page_dir))
    partic = etree.SubElement(etree.SubElement(header, _t("profileDesc")), _t("particDesc"))
    labels = speaker_labels(transcript)
    person_ids: dict[str | None, str] = {}
    for n, sid in enumerate(used_speakers(transcript), 1):
        pid = person_ids[sid] = f"SPK{n}"
        person = etree.SubElement(partic, _t("person"), n=ncname(sid or "unknown", pid))
        person.set(f"{{{XML}}}id", pid)
        name = etree.SubElement(person, _t("persName"))
        etree.SubElement(name, _t("forename")).text = labels[sid]
        etree.SubElement(name, _t("abbr")).text = ncname(labels[sid], pid)
    if not person_ids:  # the schema wants one person even in an empty transcript
        person = etree.SubElement(partic, _t("person"), n="unknown")
        person.set(f"{{{XML}}}id", "SPK0")
        etree.SubElement(etree.SubElement(person, _t("persName")), _t("abbr")).text = "SPK0"
    encoding = etree.SubElement(header, _t("encodingDesc"))
    app = etree.SubElement(etree.SubElement(encoding, _t("appInfo")), _t("application"), ident="kikigaki",
                           version=__version__)
    etree.SubElement(app, _t("label")).text = "Kikigaki"
    etree.SubElement(app, _t("desc")).text = "Japanese oral-history interviews to aligned transcripts"
    desc = etree.SubElement(encoding, _t("transcriptionDesc"), ident="kikigaki", version="1")
    etree.SubElement(desc, _t("desc")).text = "Speech recognition with archivists' corrections; morphemes by SudachiPy"
    etree.SubElement(desc, _t("label")).text = "kikigaki"

    text = etree.SubElement(root, _t("text"))
    text.set(f"{{{XML}}}lang", language(transcript))
    timeline = etree.SubElement(text, _t("timeline"), unit="s")
    body = etree.SubElement(text, _t("body"))
    points = {0} | {ms(s.start) for s in transcript.segments} | {max(ms(s.end), ms(s.start) + 1)
                                                                 for s in transcript.segments}
    if len(points) < 2:
        points.add(max(ms(transcript.recording.duration), 1))  # a timeline has two points at least
    times = {value: f"T{n}" for n, value in enumerate(sorted(points), 1)}  # ids in time order

    word_n = 0
    for seg in transcript.segments:
        start, end = times[ms(seg.start)], times[max(ms(seg.end), ms(seg.start) + 1)]
        block = etree.SubElement(body, _t("annotationBlock"), start=start, end=end,
                                 who=person_ids.get(seg.speaker, "SPK0"))
        block.set(f"{{{XML}}}id", f"ab{seg.id + 1}")
        u = etree.SubElement(block, _t("u"))
        u.set(f"{{{XML}}}id", f"u{seg.id + 1}")
        etree.SubElement(u, _t("anchor"), synch=start)
        char_tokens: list[tuple[int, int, str]] = []  # (first char, end char, token id)
        pos = 0
        for token, _, _, tag in tokens(seg):
            word_n += 1
            kind = "pc" if is_punctuation(token) and token.strip() else "w"
            el = etree.SubElement(u, _t(kind))
            el.text = token
            el.set(f"{{{XML}}}id", f"{kind}{word_n}")
            if tag:
                el.set("pos", tag)
            char_tokens.append((pos, pos + len(token), f"{kind}{word_n}"))
            pos += len(token)
        etree.SubElement(u, _t("anchor"), synch=end)
        spans = []
        for e in (e for e in transcript.entities if e.segment == seg.id):
            covered = [tid for a, b, tid in char_tokens if a < e.char_end and b > e.char_start]
            if covered:
                spans.append((covered[0], covered[-1], e.label))
        if spans:
            group = etree.SubElement(block, _t("spanGrp"), type="entity", subtype="token-based")
            for first, last, label in spans:
                etree.SubElement(group, _t("span"), {"from": first, "to": last}).text = label
    for value, tid in sorted(times.items()):
        point = etree.SubElement(timeline, _t("when"))
        point.set(f"{{{XML}}}id", tid)
        if value:
            point.set("interval", f"{value / 1000:.3f}")
            point.set("since", "T1")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
