"""Who may talk to the review server: what Jupyter does for its local server.

The server listens on this computer, but every web page the archivist opens can send requests to
it. So each start has a random token, printed in the URL the user opens and then kept in a cookie
(or sent as `Authorization: token ...`); a request without it is refused. The Host header must name
this computer (or the `--host` given), which stops a DNS-rebinding page; a POST must be JSON (a web
page cannot send that without a CORS preflight, which this server never answers) and, when the
browser says where it comes from (Origin), come from this server's own pages.
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
TOKEN_PARAM = "token"
COOKIE = "kikigaki-review-{port}"  # cookies do not tell ports apart: one name per server
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True)
class Access:
    """The token (None: `--no-token`, anyone who can connect) and the host names this server answers to."""

    token: str | None
    hosts: frozenset[str] = LOCAL_HOSTS

    @classmethod
    def new(cls, host: str = "127.0.0.1", token: bool = True) -> "Access":
        names = {host, f"[{host}]"} if ":" in host and not host.startswith("[") else {host}
        return cls(secrets.token_urlsafe(32) if token else None, LOCAL_HOSTS | names)

    def url(self, host: str, port: int) -> str:
        """The address to open: with the token, which the page then keeps in a cookie."""
        name = f"[{host}]" if ":" in host and not host.startswith("[") else host
        query = f"?{TOKEN_PARAM}={self.token}" if self.token else ""
        return f"http://{name}:{port}/{query}"


class Guard:
    """ASGI middleware: refuse (403, 415) what did not come from the person who started the server."""

    def __init__(self, app, access: Access):
        self.app = app
        self.access = access

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        answer = self.check(scope)
        if answer is not None:
            return await answer(scope, receive, send)
        return await self.app(scope, receive, send)

    def check(self, scope) -> Response | None:
        """None to let the request through, else the answer: a refusal, or the redirect that keeps the token."""
        headers = Headers(scope=scope)
        html = "text/html" in headers.get("accept", "")  # a person at a browser reads the reason
        host = headers.get("host", "")
        if _hostname(host) not in self.access.hosts:
            return _refuse(html, 403, f"this server answers to {', '.join(sorted(self.access.hosts))} only, "
                                f"not {host!r}: open the address `kikigaki review` printed")
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin is not None and origin != f"{scope.get('scheme', 'http')}://{host}":
                return _refuse(html, 403, "an edit from another web site is refused: edit in the review page itself")
            media_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type != "application/json":
                return _refuse(html, 415, "an edit must be sent as application/json")
        if self.access.token is None:
            return None
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        cookie_name = COOKIE.format(port=_port(scope))
        if _same(query.get(TOKEN_PARAM), self.access.token) and scope["method"] in ("GET", "HEAD"):
            # keep the token in a cookie and take it out of the address bar (and the history)
            rest = urlencode([(k, v) for k, v in query.items() if k != TOKEN_PARAM])
            redirect = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), status_code=303)
            redirect.set_cookie(cookie_name, self.access.token, httponly=True, samesite="strict", path="/")
            return redirect
        given = _cookie(headers, cookie_name)
        auth = headers.get("authorization", "")
        if auth.lower().startswith("token "):
            given = auth[6:].strip()
        if not _same(given, self.access.token):
            return _refuse(html, 403, "no valid token: open the address with ?token=... that `kikigaki review` "
                                "printed when it started (a new start has a new token)")
        return None


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _port(scope) -> int:
    server = scope.get("server") or ("", 0)
    return server[1] or 0


def _cookie(headers: Headers, name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def _refuse(html: bool, status: int, reason: str) -> Response:
    if html:
        return HTMLResponse(f"<!doctype html><meta charset=utf-8><title>Kikigaki review</title><p>{escape(reason)}</p>",
                            status_code=status, headers=dict(HEADERS))
    return JSONResponse({"error": reason}, status_code=status, headers=dict(HEADERS))
