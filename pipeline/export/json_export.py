"""`<id>.json`: the canonical transcript (shared/schema/transcript.schema.json)."""
from __future__ import annotations

import json

from ..options import SubtitleOptions
from ..transcript import Transcript


def render(transcript: Transcript, options: SubtitleOptions | None = None) -> str:
    return json.dumps(transcript.to_dict(), ensure_ascii=False, indent=1) + "\n"
