"""Kikigaki: Japanese oral-history interviews to aligned, citable transcripts and subtitles."""
__version__ = "0.1.0"


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
