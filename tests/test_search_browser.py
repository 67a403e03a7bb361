"""The review app's search box in a real browser (Playwright, Debian's Chromium): a hit opens the
recording with the player at the hit's time and its line marked."""
import os
import shutil
import socket
import threading
import time

import pytest

from conftest import DEMO

REC = DEMO.stem
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("KIKIGAKI_REQUIRE_BROWSER") == "1"  # CI: a missing browser fails, not skips

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

if not REQUIRED and (CHROMIUM is None or sync_playwright is None):
    pytest.skip("needs Debian's chromium (apt-get install chromium) and playwright", allow_module_level=True)


@pytest.fixture
def site(tmp_path, demo_output):
    import uvicorn

    from pipeline.review import create_app
    out = tmp_path / "out"
    shutil.copytree(demo_output, out)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(out, author="search test")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "the review server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", out, app.state.access.token
    server.should_exit = True
    thread.join(10)


def test_search_hit_opens_the_recording_at_its_time(site):
    from pipeline.review import ReviewStore
    url, out, token = site
    segments = ReviewStore(out).state(REC)["transcript"]["segments"]
    later = next(s for s in segments if s["start"] > 10 and len(s["text"]) > 8)
    query = later["text"][4:8]  # from inside the line: the hit's time is a word's, after the line's start
    expected = [h for h in ReviewStore(out).search(query) if h["segment"] == later["id"]][0]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{url}/?token={token}")  # as the address `kikigaki review` prints
            page.fill("input[name=q]", query)
            page.click("form.search button")
            link = page.locator(f'ul.hits a[href="/r/{REC}#t={expected["time"]:.2f}"]')
            expect(link).to_have_count(1)
            link.click()
            row = page.locator(".seg.hit")
            expect(row).to_have_count(1)
            expect(row).to_contain_text(later["text"][:4])
            current = page.evaluate("document.querySelector('#player').currentTime")
            assert current == pytest.approx(expected["time"], abs=0.02) and current >= later["start"]
        finally:
            browser.close()
