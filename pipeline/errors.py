"""Errors a user can act on: each message says what went wrong and how to fix it."""


class KikigakiError(Exception):
    """A failure with a readable, one-line reason (no traceback needed)."""


class InvariantError(KikigakiError):
    """The transcript broke one of its own rules (times out of order, words not rebuilding text)."""


class AudioError(KikigakiError):
    """The input cannot be read as audio."""


class ModelError(KikigakiError):
    """A model cannot be found, assembled or loaded."""


class ConfigError(KikigakiError):
    """A configuration file or option is wrong."""


class EditError(KikigakiError):
    """An archivist's edit does not fit the transcript it was made on."""
