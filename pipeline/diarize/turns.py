"""Speaker turns as the diarizers hand them over: tidied and named S1, S2, ... (giving words their
speakers is assembly: pipeline/assemble.py; RTTM files: pipeline/rttm.py)."""
from __future__ import annotations

from typing import Iterable

from ..transcript import Turn


def tidy_turns(turns: Iterable[Turn], fill_gap: float) -> list[Turn]:
    """Sort, merge a speaker's turns separated by at most `fill_gap` seconds (pauses within a turn),
    and rename speakers S1, S2, ... by order of first speech."""
    merged: list[Turn] = []
    for t in sorted(turns, key=lambda t: (t.start, t.end)):
        if t.end <= t.start:
            continue
        if merged and merged[-1].speaker == t.speaker and t.start - merged[-1].end <= fill_gap:
            merged[-1] = Turn(merged[-1].start, max(merged[-1].end, t.end), t.speaker)
        else:
            merged.append(t)
    order: dict[str, str] = {}
    for t in merged:
        order.setdefault(t.speaker, f"S{len(order) + 1}")
    return [Turn(round(float(t.start), 3), round(float(t.end), 3), order[t.speaker]) for t in merged]
