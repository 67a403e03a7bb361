"""The review app's restrictions: shaded spans, "restrict" on a selection, suggestions to accept or dismiss.

Its own routes (registered by `app.build` in one line) over the same layer `kikigaki restrict`
writes, with the same validation (`pipeline.access`).
"""
from __future__ import annotations

import functools
import json
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..access.layer import REASONS, RestrictionsLayer, is_closed
from ..access.publish import heard, restrictions
from ..access.resolve import resolve
from ..access.suggest import pending
from ..errors import EditError, KikigakiError
from ..options import AccessOptions
from ..transcript import Transcript
from .store import NotFound, ReviewStore

SCRIPT = Path(__file__).with_name("static") / "restrictions.js"
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class RestrictionsApi:
    def __init__(self, store: ReviewStore, options: AccessOptions = AccessOptions()):
        self.store, self.options = store, options
        self._lock = threading.Lock()

    def layers(self, rec_id: str) -> dict[str, RestrictionsLayer]:
        folder = self.store.folder(rec_id).root
        return {"recording": RestrictionsLayer.of_recording(folder), "collection": RestrictionsLayer.of_collection(folder.parent)}

    def layer(self, rec_id: str, scope: str) -> RestrictionsLayer:
        """The recording's layer or the collection's, as a request names it."""
        layer = self.layers(rec_id).get(scope)
        if layer is None:
            raise EditError(f"scope {scope!r}: recording or collection")
        return layer

    def state(self, rec_id: str) -> dict[str, Any]:
        """Every restriction (in force or lifted), the characters to shade, and the pending suggestions."""
        page = self.store.state(rec_id)
        transcript = Transcript.from_dict(page["transcript"])
        today = datetime.now(timezone.utc).date()
        layers = self.layers(rec_id)
        resolved = resolve(transcript, restrictions(layers["recording"].path.parent), self.options, today)
        rows = []
        for scope, layer in layers.items():
            for e in layer.restrictions():
                key = (rec_id if scope == "recording" else "collection", e["n"])
                mine = [c for c in resolved.closures if (c.scope, c.n) == key]
                rows.append({**e, "scope": scope, "in_force": is_closed(e, today), "reason_label": REASONS.get(e["reason"]),
                             "status": mine[0].status if mine else "lifted", "note": mine[0].note if mine else "",
                             "at": min((c.start for c in mine if c.end > c.start), default=e.get("start"))})
        shading = [{"segment": i, "char_start": a, "char_end": b, "n": c.n, "scope": c.scope, "reason": REASONS.get(c.reason),
                    "until": c.until} for c in resolved.closures for i, a, b in c.ranges]
        decided = layers["recording"].dismissed()
        texts = {e["text"] for layer in layers.values() for e in layer.restrictions() if e["kind"] == "entity"}
        return {"restrictions": rows, "shading": shading, "reasons": REASONS,
                "suggestions": pending(transcript, decided, texts, resolved.spans()),
                "placeholder": self.options.placeholder}

    def add(self, rec_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """A restriction made on the page: a selection in one line (an occurrence, or with scope
        "collection" every mention of it), or a passage between two times."""
        with self._lock:
            page = self.store.state(rec_id)
            transcript = Transcript.from_dict(page["transcript"])
            author = str(request.get("author") or self.store.author)
            layer = self.layer(rec_id, request.get("scope") or "recording")
            entry = {k: request.get(k) for k in ("kind", "reason", "until", "placeholder", "note", "text", "label")}
            if request.get("kind") == "occurrence" or (request.get("kind") == "entity" and "segment" in request):
                i = request.get("segment")
                if not isinstance(i, int) or not 0 <= i < len(transcript.segments):
                    raise EditError(f"no segment {i!r} in this transcript")
                seg = transcript.segments[i]
                a, b = int(request.get("char_start", -1)), int(request.get("char_end", -1))
                if not (0 <= a < b <= len(seg.text)) or seg.text[a:b] != request.get("text"):
                    raise EditError(f"characters {a}-{b} of the line do not read {request.get('text')!r}: reload the page")
                if request["kind"] == "occurrence":
                    t0, t1 = seg.span_of(a, b)
                    entry.update(segment={"start": seg.start, "end": seg.end, "text": seg.text}, char_start=a,
                                 char_end=b, start=t0, end=t1)
            elif request.get("kind") == "span":
                entry.update(start=request.get("start"), end=request.get("end"))
                try:
                    entry["heard"] = heard(transcript, float(request["start"]), float(request["end"]))
                except (KeyError, TypeError, ValueError):
                    pass
            if request.get("suggestion"):
                entry["suggestion"] = request["suggestion"]
            layer.add(entry, author)
            return self.state(rec_id)

    def remove(self, rec_id: str, scope: str, n: int, author: str) -> dict[str, Any]:
        with self._lock:
            self.layer(rec_id, scope).remove(n, author or self.store.author)
            return self.state(rec_id)

    def decide(self, rec_id: str, key: str, action: str, author: str) -> dict[str, Any]:
        """Accept a suggestion (it becomes a restriction) or dismiss it (it is not offered again)."""
        if action not in ("accept", "dismiss"):  # a malformed request, whatever it names
            raise EditError(f"{action!r}: accept or dismiss")
        current = {s["key"]: s for s in self.state(rec_id)["suggestions"]}
        if key not in current:
            raise NotFound(f"no pending suggestion {key!r}: reload the page")
        if action == "dismiss":
            with self._lock:
                self.layers(rec_id)["recording"].dismiss(key, author or self.store.author)
            return self.state(rec_id)
        s = current[key]
        request = {**s["restrict"], "suggestion": key, "author": author}
        if s["kind"] != "person":
            request.update(segment=s["segment"], kind="occurrence")
        return self.add(rec_id, request)


def routes(store: ReviewStore) -> list[Route]:
    """The routes to add to the review app."""
    api = RestrictionsApi(store)

    def error(e: Exception) -> JSONResponse:
        return JSONResponse({"error": str(e)}, status_code=404 if isinstance(e, NotFound) else 400, headers=HEADERS)

    async def body(request: Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise EditError("the request is not JSON") from None
        if not isinstance(data, dict):
            raise EditError("the request must be a JSON object")
        return data

    async def answer(call, *args) -> JSONResponse:
        try:
            return JSONResponse(await run_in_threadpool(call, *args), headers=HEADERS)
        except KikigakiError as e:
            return error(e)

    def posted(reply):
        """A POST route: `reply(request, data)` with the JSON object sent, or the error saying it is not one."""
        @functools.wraps(reply)
        async def route(request: Request) -> JSONResponse:
            try:
                data = await body(request)
            except KikigakiError as e:
                return error(e)
            return await reply(request, data)
        return route

    async def state(request: Request) -> JSONResponse:
        return await answer(api.state, request.path_params["rec_id"])

    @posted
    async def add(request: Request, data: dict[str, Any]) -> JSONResponse:
        return await answer(api.add, request.path_params["rec_id"], data)

    @posted
    async def remove(request: Request, data: dict[str, Any]) -> JSONResponse:
        p = request.path_params
        return await answer(api.remove, p["rec_id"], p["scope"], p["n"], str(data.get("author") or ""))

    @posted
    async def decide(request: Request, data: dict[str, Any]) -> JSONResponse:
        return await answer(api.decide, request.path_params["rec_id"], str(data.get("key") or ""),
                            str(data.get("action") or ""), str(data.get("author") or ""))

    def script(request: Request) -> Response:
        return FileResponse(SCRIPT, media_type="text/javascript", headers=HEADERS)

    return [
        Route("/api/r/{rec_id}/restrictions", state),
        Route("/api/r/{rec_id}/restrictions", add, methods=["POST"]),
        Route("/api/r/{rec_id}/restrictions/{scope}/{n:int}/remove", remove, methods=["POST"]),
        Route("/api/r/{rec_id}/suggestions", decide, methods=["POST"]),
        Route("/access/restrictions.js", script),
    ]
