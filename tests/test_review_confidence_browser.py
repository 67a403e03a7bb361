"""The review page marks what a reviewer should check: words the recogniser was unsure of, and the
corrections (with what was heard and what wrote them: the glossary, a date rule, the period's words),
and `u` walks through them. Real server, real Chromium, on the demo recording run with its collection
config (real corrections, real word probabilities)."""
import shutil

import pytest

from pipeline.nlp.vocabulary import load as load_vocabulary

from test_review_browser import ACCESS, REC, browser, player_time, serve  # noqa: F401 (browser: a fixture)

LOW_CONFIDENCE = 0.5  # as review.js


@pytest.fixture
def furumi_site(tmp_path, demo_furumi_output):
    out = tmp_path / "out"
    shutil.copytree(demo_furumi_output, out)
    with serve(out) as url:
        yield url


def test_unsure_words_and_corrections_are_marked_and_walked(browser, furumi_site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{furumi_site}/r/{REC}?token={ACCESS.token}")
    page.wait_for_selector(".seg .w")
    segments = page.evaluate("fetch('/api/r/%s').then(r => r.json())" % REC)["transcript"]["segments"]

    # every unsure word is marked (a word cut by an entity is marked in each of its pieces), nothing else
    unsure = {(i, k) for i, s in enumerate(segments) for k, w in enumerate(s["words"])
              if w.get("probability") is not None and w["probability"] < LOW_CONFIDENCE}
    marked = set(map(tuple, page.evaluate(
        "[...document.querySelectorAll('#transcript .w.low')].map(el => [+el.closest('.seg').dataset.s, +el.dataset.w])")))
    assert unsure and marked == unsure
    assert "unsure" in page.locator("#transcript .w.low").first.get_attribute("title")

    # every glossary correction is marked on its term, and says what was heard
    corrections = [(i, c.split("→")) for i, s in enumerate(segments) for c in s.get("corrections", [])]
    glossary = page.evaluate("fetch('/api/r/%s').then(r => r.json())" % REC)["transcript"]["provenance"]["stages"]["nlp"]["glossary_labels"]
    period = {t.text for t in load_vocabulary("postwar")} - set(glossary)  # configs/furumi.toml's vocabulary
    assert corrections, "the Furumi demo run corrects names (ふるみただゆき → 古海忠之)"
    for i, (heard, term) in corrections:
        fixed = page.locator(f"#seg-{i} .w.fix")
        assert "".join(fixed.all_text_contents()).count(term) >= 1
        titles = fixed.evaluate_all("els => els.map(e => e.title)")  # a sentence may hold two (周戦, 収容上)
        assert any(f"heard “{heard}”" in t for t in titles), titles
        source = "words of the period" if term in period else "date" if any(c.isdigit() for c in term) else "glossary"
        assert any(t.startswith(f"{source}") or f" · {source}" in t for t in titles), (term, titles)
    assert any(term not in glossary for _, (_, term) in corrections), \
        "the demo's config also corrects a word of the period (周戦 → 終戦), which is no glossary term"

    # u: the player goes to each mark in time order, paused; Shift+U goes back
    starts = sorted({segments[i]["words"][k]["start"] for i, k in unsure} |
                    {segments[i]["words"][int(el)]["start"] for i, _ in corrections
                     for el in page.locator(f"#seg-{i} .w.fix").evaluate_all("els => els.map(e => e.dataset.w)")})
    page.evaluate("document.getElementById('player').pause()")
    page.locator("body").click(position={"x": 5, "y": 880})
    for expected in starts[:3]:
        page.keyboard.press("u")
        page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {expected}) < 0.05")
        assert page.locator(".w.visit").count() >= 1
    page.keyboard.press("Shift+U")
    page.wait_for_function(f"Math.abs(document.getElementById('player').currentTime - {starts[1]}) < 0.05")
    assert player_time(page) == pytest.approx(starts[1], abs=0.05)
    assert "u next" in page.locator(".keys").inner_text()
    assert errors == []
    page.close()
