"""`kikigaki tag`: the language layer for a plain or typed transcript, without audio.

Lines may carry a `[hh:mm:ss]` timestamp and a `Name:` speaker label (as `<id>.txt` writes them);
plain text works too (no times then: every time is that of the last timestamp seen, or 0).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..audio import file_sha256
from ..glossary import GlossaryTerm
from ..options import NlpOptions
from ..transcript import Recording, Segment, Speaker, Transcript, Word
from . import annotate

_LINE = re.compile(r"^\s*(?:\[(?P<h>\d+):(?P<m>\d\d):(?P<s>\d\d)\]\s*)?(?:(?P<name>[^:：\s][^:：]{0,30})[:：]\s*)?(?P<text>.*)$")


def read_text_transcript(path: Path) -> Transcript:
    segments, speakers = [], {}
    clock = 0.0
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        m = _LINE.match(line)
        text = (m["text"] if m else line).strip()
        if not text:
            continue
        if m and m["h"] is not None:
            clock = int(m["h"]) * 3600 + int(m["m"]) * 60 + int(m["s"])
        speaker = None
        if m and m["name"]:
            speaker = speakers.setdefault(m["name"].strip(), f"S{len(speakers) + 1}")
        segments.append(Segment(len(segments), clock, clock, text, (Word(text, clock, clock),), speaker))
    rec = Recording(Path(path).stem, str(path), max((s.end for s in segments), default=0.0), file_sha256(Path(path)),
                    language="ja", format="text")
    return Transcript(rec, tuple(segments), tuple(Speaker(sid, name) for name, sid in speakers.items()),
                      provenance={"pipeline_version": "", "stages": {"input": {"kind": "text"}}})


def tag(path: Path, options: NlpOptions, glossary: tuple[GlossaryTerm, ...] = ()) -> Transcript:
    from .. import __version__
    transcript = annotate(read_text_transcript(path), options, glossary)
    transcript.provenance["pipeline_version"] = __version__
    return transcript
