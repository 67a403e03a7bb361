"""`kikigaki review OUT`: archivists listen, read and correct in the browser.

A small local ASGI app (Starlette, served by uvicorn on 127.0.0.1). It serves the recordings in
OUT, each page's assets from this package (no CDN), the original audio with range requests, and
files under OUT only. Edits go to the corrections layer (`pipeline.corrections`) through `store`.
"""
from __future__ import annotations

from .store import ReviewStore

__all__ = ["ReviewStore", "create_app", "serve"]


def create_app(out, author: str = ""):
    from .app import build
    return build(ReviewStore(out, author))


def serve(out, host: str = "127.0.0.1", port: int = 8765, author: str = "") -> None:
    import uvicorn
    uvicorn.run(create_app(out, author), host=host, port=port, log_level="warning")
