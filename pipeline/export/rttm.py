"""`<id>.rttm`: who spoke when (NIST RTTM), for scoring with pyannote.metrics or dscore."""
from __future__ import annotations

from ..options import SubtitleOptions
from ..transcript import Transcript


def render(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    """One SPEAKER line per turn, named where names are known (spaces become underscores)."""
    rec = transcript.recording.id.replace(" ", "_")
    lines = []
    for t in transcript.turns:
        name = (transcript.speaker_label(t.speaker) or t.speaker).replace(" ", "_")
        lines.append(f"SPEAKER {rec} 1 {t.start:.3f} {t.end - t.start:.3f} <NA> <NA> {name} <NA> <NA>")
    return "\n".join(lines) + ("\n" if lines else "")
