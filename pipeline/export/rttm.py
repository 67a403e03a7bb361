"""`<id>.rttm`: who spoke when (NIST RTTM), for scoring with pyannote.metrics or dscore."""
from __future__ import annotations

from .. import rttm
from ..options import SubtitleOptions
from ..transcript import Transcript, Turn


def render(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    """One SPEAKER line per turn, named where names are known (spaces become underscores)."""
    return rttm.write(transcript.recording.id, (
        Turn(t.start, t.end, transcript.speaker_label(t.speaker) or t.speaker) for t in transcript.turns))
