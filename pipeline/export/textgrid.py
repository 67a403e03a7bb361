"""`<id>.TextGrid`: Praat (long text format). An interval tier per speaker with its utterances and,
beside each, a tier of its words (morphemes); the gaps between are empty intervals, as Praat wants
every tier to cover the whole recording."""
from __future__ import annotations

from pathlib import Path

from ..options import ExportOptions, SubtitleOptions
from ..transcript import Transcript
from .archive import ms, speaker_labels, tokens, used_speakers

ARCHIVE = True


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _tile(spans: list[tuple[int, int, str]], total: int) -> list[tuple[int, int, str]]:
    """Intervals (ms) that cover 0..total without overlap: gaps become empty intervals; a span that
    would have no length once the one before it ends joins that one's text."""
    out: list[tuple[int, int, str]] = []
    at = 0
    for start, end, text in sorted(spans, key=lambda s: s[0]):
        start, end = max(start, at), min(end, total)
        if end <= start:
            if out and out[-1][2]:
                a, b, previous = out[-1]
                out[-1] = (a, b, previous + text)
            continue
        if start > at:
            out.append((at, start, ""))
        out.append((start, end, text))
        at = end
    if at < total or not out:
        out.append((at, max(total, at + 1), ""))
    return out


def render(transcript: Transcript, options: SubtitleOptions, page_dir: Path | None = None,
           export: ExportOptions = ExportOptions()) -> str:
    labels = speaker_labels(transcript)
    total = max([ms(transcript.recording.duration)] + [ms(s.end) for s in transcript.segments])
    tiers = []
    for sid in used_speakers(transcript):
        mine = [s for s in transcript.segments if s.speaker == sid]
        tiers.append((labels[sid], _tile([(ms(s.start), ms(s.end), s.text) for s in mine], total)))
        words = [(ms(a), ms(b), text) for s in mine for text, a, b, _ in tokens(s)]
        tiers.append((f"{labels[sid]} words", _tile(words, total)))
    lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "xmin = 0",
             f"xmax = {total / 1000}", "tiers? <exists>", f"size = {len(tiers)}", "item []:"]
    for n, (name, intervals) in enumerate(tiers, 1):
        lines += [f"    item [{n}]:", '        class = "IntervalTier"', f"        name = {_quote(name)}",
                  "        xmin = 0", f"        xmax = {total / 1000}",
                  f"        intervals: size = {len(intervals)}"]
        for k, (a, b, text) in enumerate(intervals, 1):
            lines += [f"        intervals [{k}]:", f"            xmin = {a / 1000}", f"            xmax = {b / 1000}",
                      f"            text = {_quote(text)}"]
    return "\n".join(lines) + "\n"
