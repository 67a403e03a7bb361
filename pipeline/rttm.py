"""NIST RTTM, who spoke when: one `SPEAKER <file> 1 <start> <duration> <NA> <NA> <name> <NA> <NA>`
line per turn. Read for scoring (reference turns in `kikigaki eval`) and written by the `rttm`
export; it sits beside the transcript model so that neither has to reach into the diarizer."""
from __future__ import annotations

from typing import Iterable

from .transcript import Turn


def parse(text: str) -> list[Turn]:
    """The SPEAKER lines of an RTTM file as turns (other line types are skipped)."""
    turns = []
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 8 and f[0] == "SPEAKER":
            turns.append(Turn(float(f[3]), float(f[3]) + float(f[4]), f[7]))
    return turns


def write(file_id: str, turns: Iterable[Turn]) -> str:
    """RTTM text for `turns` of one file; spaces in the file id and speaker names become underscores."""
    rec = file_id.replace(" ", "_")
    lines = [f"SPEAKER {rec} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {t.speaker.replace(' ', '_')} <NA> <NA>"
             for t in turns]
    return "\n".join(lines) + ("\n" if lines else "")
