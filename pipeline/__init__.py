"""Kikigaki: Japanese oral-history interviews to aligned, citable transcripts and subtitles."""
import os

__version__ = "0.1.0"
CORES_ENV = "KIKIGAKI_CORES"  # set in `--jobs` workers: each one's share of the cores


def cores() -> int:
    """The cores this process may use: its share under `--jobs`, else all of them."""
    return int(os.environ.get(CORES_ENV) or 0) or os.cpu_count() or 1


def package_versions(*dists: str) -> dict[str, str | None]:
    """Installed versions of the named distributions, for provenance (None where missing)."""
    from importlib.metadata import PackageNotFoundError, version
    found: dict[str, str | None] = {}
    for dist in dists:
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            found[dist] = None
    return found
