"""Access copies: what an archive may publish of a recording, the masters untouched.

Archivists restrict passages (a time span), one mention of a name, or every mention of a name across
the collection; the restrictions are a layer beside the corrections (`layer`), resolved against the
corrected transcript (`resolve`), and applied to the audio (`audio`: silence or a tone) and to every
export (`publish`). `suggest` lists what may need restricting; nothing is closed until a person accepts it.
"""
from __future__ import annotations

from .layer import REASONS, RestrictionError, RestrictionsLayer, parse_until
from .publish import PublishError, clip, parse_time, publish

__all__ = ["REASONS", "PublishError", "RestrictionError", "RestrictionsLayer", "clip", "parse_time", "parse_until",
           "publish"]
