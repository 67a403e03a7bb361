"""The review app's routes: pages, JSON API, audio with range requests, files under OUT."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..corrections import StaleVersion
from ..errors import KikigakiError
from . import restrictions_api
from .store import NotFound, ReviewStore

STATIC = Path(__file__).with_name("static")
ASSETS = {"review.js": "text/javascript", "review.css": "text/css"}
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _error(e: Exception) -> JSONResponse:
    status = 404 if isinstance(e, NotFound) else 409 if isinstance(e, StaleVersion) else 400
    return JSONResponse({"error": str(e)}, status_code=status, headers=HEADERS)


def _hits_html(hits: list[dict]) -> str:
    """Search hits as links that open the recording at the hit's time."""
    from urllib.parse import quote
    items = [f'<li><a href="/r/{quote(h["recording"])}#t={h["time"]:.2f}">{escape(h["recording"])} '
             f'{int(h["time"] // 60)}:{h["time"] % 60:04.1f}</a> <small>{escape(h["speaker"] or "")}</small> '
             f'{escape(h["text"])}</li>' for h in hits]
    return f'<ul class="hits">{"".join(items)}</ul>' if items else "<p>Not found.</p>"


def build(store: ReviewStore) -> Starlette:
    def index(request: Request) -> HTMLResponse:
        rows = []
        for r in store.summary():
            if "error" in r:
                rows.append(f'<li>{escape(r["id"])}: <em>{escape(r["error"])}</em></li>')
                continue
            minutes = r["duration"] / 60
            review = f', <b>{r["review"]} to review</b>' if r["review"] else ""
            link = escape(quote(r["id"], safe=""))
            rows.append(f'<li><a href="/r/{link}">{escape(r["id"])}</a> '
                        f'<small>{minutes:.1f} min, {r["segments"]} segments, {r["edits"]} edits{review}</small></li>')
        body = "".join(rows) or "<li>No transcripts here yet: run <code>kikigaki run</code> first.</li>"
        query = request.query_params.get("q", "").strip()
        try:
            hits = _hits_html(store.search(query)) if query else ""
        except KikigakiError as e:
            hits = f"<p><em>{escape(str(e))}</em></p>"
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page.replace("{{out}}", escape(str(store.out))).replace("{{rows}}", body)
                            .replace("{{q}}", escape(query)).replace("{{hits}}", hits), headers=HEADERS)

    def page(request: Request) -> Response:
        rec_id = request.path_params["rec_id"]
        try:
            store.folder(rec_id)
        except NotFound as e:
            return HTMLResponse(f"<p>{escape(str(e))}</p>", status_code=404)
        html = (STATIC / "review.html").read_text(encoding="utf-8")
        return HTMLResponse(html.replace("{{id}}", escape(rec_id)), headers=HEADERS)

    def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response("not found", status_code=404)
        return FileResponse(STATIC / name, media_type=ASSETS[name], headers=HEADERS)

    def recordings(request: Request) -> JSONResponse:
        return JSONResponse(store.summary(), headers=HEADERS)

    def state(request: Request) -> JSONResponse:
        try:
            return JSONResponse(store.state(request.path_params["rec_id"]), headers=HEADERS)
        except KikigakiError as e:
            return _error(e)

    async def edit(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return JSONResponse({"error": "the edit is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "the edit must be a JSON object"}, status_code=400)
        from starlette.concurrency import run_in_threadpool
        try:
            return JSONResponse(await run_in_threadpool(store.edit, request.path_params["rec_id"], body),
                                headers=HEADERS)
        except KikigakiError as e:
            return _error(e)

    def audio(request: Request) -> Response:
        try:
            path = store.audio_path(request.path_params["rec_id"])
        except KikigakiError as e:
            return _error(e)
        if path is None:
            return JSONResponse({"error": "the original recording is not where the transcript says; run "
                                          "`kikigaki review` from the folder you ran `kikigaki run` in"},
                                status_code=404)
        return FileResponse(path)  # answers Range requests: long files seek at once

    def files(request: Request) -> Response:
        try:
            return FileResponse(store.file_path(request.path_params["path"]), headers=HEADERS)
        except KikigakiError as e:
            return _error(e)

    return Starlette(routes=[
        Route("/", index),
        Route("/r/{rec_id}", page),
        Route("/static/{name}", asset),
        Route("/api/recordings", recordings),
        Route("/api/r/{rec_id}", state),
        Route("/api/r/{rec_id}/edits", edit, methods=["POST"]),
        Route("/audio/{rec_id}", audio),
        Route("/files/{path:path}", files),
        *restrictions_api.routes(store),
    ])
