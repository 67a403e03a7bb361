"""The review app's search box in a real browser (Playwright, Debian's Chromium): a hit opens the
recording with the player at the hit's time and its line marked."""
import shutil

import pytest

from browser import Server, expect, launch, sync_playwright
from conftest import DEMO

REC = DEMO.stem


@pytest.fixture
def site(tmp_path, demo_output):
    from pipeline.review import create_app
    out = tmp_path / "out"
    shutil.copytree(demo_output, out)
    app = create_app(out, author="search test")
    with Server(app) as url:
        yield url, out, app.state.access.token


def test_search_hit_opens_the_recording_at_its_time(site):
    from pipeline.review import ReviewStore
    url, out, token = site
    segments = ReviewStore(out).state(REC)["transcript"]["segments"]
    later = next(s for s in segments if s["start"] > 10 and len(s["text"]) > 8)
    query = later["text"][4:8]  # from inside the line: the hit's time is a word's, after the line's start
    expected = [h for h in ReviewStore(out).search(query) if h["segment"] == later["id"]][0]
    with sync_playwright() as p:
        browser = launch(p)
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
