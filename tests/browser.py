"""What the browser tests share: Debian's Chromium driven by Playwright (no browser download), and
the review app served by uvicorn in a thread on a free local port. Importing this skips the test
module where there is no browser, unless KIKIGAKI_REQUIRE_BROWSER=1 (CI: a missing browser fails)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("KIKIGAKI_REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    expect = sync_playwright = None

if not REQUIRED and (CHROMIUM is None or sync_playwright is None):
    pytest.skip("needs Debian's chromium (apt-get install chromium) and playwright", allow_module_level=True)


def launch(playwright, *args: str):
    """Headless Chromium from Debian's package."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", *args])


class Server:
    """A Starlette app on a free local port, served by uvicorn in a thread: `with Server(app) as url`."""

    def __init__(self, app):
        import uvicorn
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            assert time.time() < deadline, "the review server did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)
