"""Timestamps as subtitle formats and transcripts write them."""


def clock(ms: int, sep: str) -> str:
    """`hh:mm:ss<sep>mmm` from milliseconds (SRT uses ',', WebVTT '.')."""
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(seconds: float) -> str:
    """`hh:mm:ss`, for transcripts (MAXQDA / NVivo import)."""
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
