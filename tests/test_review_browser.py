"""The review page in a real browser: Playwright driving Debian's headless Chromium (no browser
download) against the real app on the demo recording's pipeline output."""
import json
import shutil

import pytest

from browser import Server, expect, launch, sync_playwright
from conftest import DEMO
from pipeline.batch import run_batch
from pipeline.options import Config
from pipeline.review import Access, create_app

REC = DEMO.stem
ACCESS = Access.new()  # the token the page is opened with, as `kikigaki review` prints it
NAME = "古海忠之"


def serve(out):
    """The review app on OUT, opened with ACCESS's token (as `kikigaki review` prints it)."""
    return Server(create_app(out, author="browser test", access=ACCESS))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p, "--autoplay-policy=no-user-gesture-required")
        yield b
        b.close()


@pytest.fixture
def site(tmp_path, demo_output):
    out = tmp_path / "out"
    shutil.copytree(demo_output, out)
    with serve(out) as url:
        yield url, out


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{url}/r/{REC}?token={ACCESS.token}")  # then kept in the page's cookie
    page.wait_for_selector(".seg .w")
    return page, errors


def player_time(page) -> float:
    return page.evaluate("document.getElementById('player').currentTime")


def test_listen_correct_reload_export(browser, site):
    url, out = site
    page, errors = open_page(browser, url)
    data = page.evaluate("fetch('/api/r/%s').then(r => r.json())" % REC)
    segments = data["transcript"]["segments"]

    # click a word in the fifth segment: the audio moves there and that word lights up
    word = page.locator("#seg-4 .w").nth(2)
    target = segments[4]["words"][int(word.get_attribute("data-w"))]["start"]
    word.click()
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {target}) < 1.0")
    expect(page.locator("#seg-4")).to_have_class("seg cur")
    assert page.locator(".w.now").count() >= 1

    # keyboard: Space pauses and plays, the left arrow goes back five seconds
    page.evaluate("document.getElementById('player').pause()")
    page.locator("body").click(position={"x": 5, "y": 880})
    before = player_time(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"document.getElementById('player').currentTime < {before - 4}")
    page.keyboard.press("Space")
    page.wait_for_function("!document.getElementById('player').paused")
    page.keyboard.press("Space")
    page.wait_for_function("document.getElementById('player').paused")

    # edit a name in the first segment's text
    page.locator("#seg-0 .text").dblclick()
    box = page.locator("textarea.edit")
    corrected = NAME + "さんについてお話を伺います。"
    box.fill(corrected)
    box.press("Enter")
    expect(page.locator("#seg-0 .text")).to_have_text(corrected)

    # rename the second voice everywhere
    other = next(s["speaker"] for s in segments if s["speaker"] != segments[0]["speaker"])
    page.locator(f'#speakers [data-speaker="{other}"]').click()
    page.locator("input.rename").fill("古海建一")
    page.locator("input.rename").press("Enter")
    expect(page.locator(f'#speakers [data-speaker="{other}"]')).to_contain_text("古海建一")

    # reload: both are kept
    page.reload()
    page.wait_for_selector(".seg .w")
    expect(page.locator("#seg-0 .text")).to_have_text(corrected)
    expect(page.locator(".turn-head .who", has_text="古海建一").first).to_be_visible()

    # export: the SRT link serves the corrected subtitles
    href = page.locator("#exports a", has_text=f"{REC}.srt").get_attribute("href")
    srt = page.request.get(url + href).text()
    assert NAME in srt
    assert errors == []

    # a pipeline re-run keeps the correction in every export
    assert run_batch([DEMO], out, Config(), force=True).ok
    for ext in ("json", "srt", "vtt", "txt", "html", "entities.csv"):
        text = (out / REC / f"{REC}.{ext}").read_text(encoding="utf-8")
        assert NAME in text or ext == "entities.csv", ext
    assert "古海建一" in (out / REC / f"{REC}.txt").read_text(encoding="utf-8")
    page.close()


def test_tag_an_entity_and_split_in_the_page(browser, site):
    url, out = site
    page, errors = open_page(browser, url)
    # select the first two characters of segment 1 and tag them as a place
    page.evaluate("""() => {
        const w = document.querySelector('#seg-1 .w');
        const r = document.createRange();
        r.setStart(w.firstChild, 0); r.setEnd(w.firstChild, Math.min(2, w.firstChild.length));
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
    }""")
    page.locator("#seg-1 .w").first.dispatch_event("mouseup")
    version = page.evaluate("document.body.dataset.version")
    page.locator('#labeler [data-label="PLACE"]').click()
    expect(page.locator("#seg-1 .ent.l-PLACE").first).to_be_visible()
    # wait until the page shows the saved version: the line may hold a PLACE already, and the layer file
    # exists from the module's earlier edits; the page re-renders on the server's answer, which would
    # close the editor opened below
    page.wait_for_function("v => document.body.dataset.version !== v", arg=version, timeout=60_000)
    layer = json.loads((out / REC / f"{REC}.corrections.json").read_text(encoding="utf-8"))
    assert layer["edits"][-1]["op"] == "add_entity" and layer["edits"][-1]["label"] == "PLACE"

    # split segment 2 at the cursor
    text = page.evaluate("fetch('/api/r/%s').then(r => r.json())" % REC)["transcript"]["segments"][2]["text"]
    page.locator("#seg-2 .text").dblclick()
    page.evaluate("() => { const t = document.querySelector('textarea.edit'); t.setSelectionRange(4, 4); }")
    page.locator('[data-act="split-here"]').click()
    expect(page.locator("#seg-2 .text")).to_have_text(text[:4])
    expect(page.locator("#seg-3 .text")).to_have_text(text[4:])
    assert errors == []
    page.close()


def test_two_tabs_editing_is_detected(browser, site):
    url, out = site
    first, _ = open_page(browser, url)
    second, _ = open_page(browser, url)
    second.locator("#seg-0 .text").dblclick()
    second.locator("textarea.edit").fill("二つ目のタブで直した。")
    second.locator("textarea.edit").press("Enter")
    expect(second.locator("#seg-0 .text")).to_have_text("二つ目のタブで直した。")
    first.locator("#seg-1 .text").dblclick()
    first.locator("textarea.edit").fill("一つ目のタブで直した。")
    first.locator("textarea.edit").press("Enter")
    expect(first.locator("#banner")).to_contain_text("reload")
    layer = json.loads((out / REC / f"{REC}.corrections.json").read_text(encoding="utf-8"))
    assert [e["text"] for e in layer["edits"]] == ["二つ目のタブで直した。"]
    first.close()
    second.close()
