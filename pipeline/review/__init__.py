"""`kikigaki review OUT`: archivists listen, read and correct in the browser.

A small local ASGI app (Starlette, served by uvicorn on 127.0.0.1). It serves the recordings in
OUT, each page's assets from this package (no CDN), the original audio with range requests, and
files under OUT only. Edits go to the corrections layer (`pipeline.corrections`) through `store`.
Every request passes `guard` first: a per-start token, a Host allow-list, JSON-only same-origin edits.
"""
from __future__ import annotations

from .guard import Access
from .store import ReviewStore

__all__ = ["Access", "ReviewStore", "create_app", "serve"]


def create_app(out, author: str = "", access: Access | None = None):
    """The app over OUT; `access` defaults to a fresh random token (read it at `app.state.access`)."""
    from .app import build
    from .guard import Guard
    access = access or Access.new()
    app = build(ReviewStore(out, author))
    app.state.access = access
    app.add_middleware(Guard, access=access)
    return app


def serve(out, host: str = "127.0.0.1", port: int = 8765, author: str = "", access: Access | None = None) -> None:
    import uvicorn
    uvicorn.run(create_app(out, author, access or Access.new(host)), host=host, port=port, log_level="warning")
