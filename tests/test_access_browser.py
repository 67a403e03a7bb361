"""Restrictions in the review page, in a real browser (Playwright driving Debian's Chromium): select
words -> Restrict, the closed words shaded with their reason and date, suggestions dismissed and
accepted with one key each."""
import json

from test_review_browser import REC, browser, open_page, serve  # noqa: F401  (skips without Chromium)
from conftest import add_personal_data

import pytest
import shutil
from playwright.sync_api import expect


@pytest.fixture
def site(tmp_path, demo_output):
    out = tmp_path / "out"
    shutil.copytree(demo_output, out)
    add_personal_data(out, REC)
    with serve(out) as url:
        yield url, out


def layer(out) -> list[dict]:
    path = out / REC / f"{REC}.restrictions.json"
    return json.loads(path.read_text(encoding="utf-8"))["entries"] if path.is_file() else []


def test_restrict_a_selection_and_work_through_suggestions(browser, site):  # noqa: F811
    url, out = site
    page, errors = open_page(browser, url)
    page.wait_for_selector("#sug-list .sug")
    page.evaluate("""() => {
        const w = document.querySelector('#seg-1 .w');
        const r = document.createRange();
        r.setStart(w.firstChild, 0); r.setEnd(w.firstChild, w.firstChild.length);
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
    }""")
    page.locator("#seg-1 .w").first.dispatch_event("mouseup")
    page.locator("#labeler button.restrict").click()
    page.locator('#restrictor [name="reason"]').select_option("personal_data")
    page.locator('#restrictor [name="until"]').fill("2045")
    page.locator('#restrictor [name="ok"]').click()
    closed = page.locator("#seg-1 .w.closed").first
    expect(closed).to_be_visible()
    expect(closed).to_have_attribute("title", "Restricted: personal data until 2045-01-01 (#1)")
    [entry] = layer(out)
    assert entry["kind"] == "occurrence" and entry["until"] == "2045-01-01" and entry["reason"] == "personal_data"

    # suggestions: d dismisses the current one, a accepts the next
    count = page.locator("#sug-list .sug").count()
    first = page.locator("#sug-list .sug.cur").inner_text()
    page.locator("body").press("d")
    expect(page.locator("#sug-list .sug")).to_have_count(count - 1)
    page.locator("body").press("a")
    expect(page.locator("#sug-list .sug")).to_have_count(count - 2)
    ops = [e["op"] for e in layer(out)]
    assert ops == ["restrict", "dismiss", "restrict"] and layer(out)[1]["suggestion"].split(":")[1] in first
    expect(page.locator("#closed-list li")).to_have_count(2)
    assert errors == []
    page.close()
