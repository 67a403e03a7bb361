"""The review page: how fast a one-hour transcript opens, and the screenshots in docs/.

Builds a one-hour transcript by repeating the demo recording's pipeline output (and its audio) end to
end, adds archivists' edits to its corrections layer, serves it with the real app and opens it in
Debian's headless Chromium through Playwright. Reports the time from navigation to the finished
transcript (server work included), cold (first open) and warm. Writes docs/review-benchmark.md and
docs/review-app.png, docs/review-app-editing.png.
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import DEMO, long_transcript, read_samples, write_wav  # noqa: E402
from test_review_browser import CHROMIUM, Server  # noqa: E402

from pipeline.artifacts import WorkFolder  # noqa: E402
from pipeline.batch import run_batch  # noqa: E402
from pipeline.options import Config  # noqa: E402
from pipeline.review.store import ReviewStore  # noqa: E402

EDITS = 40  # corrections already in the layer when the page opens
LENGTHS = (60, 120)  # minutes


def long_recording(out: Path, work: Path, minutes: int) -> tuple[str, float, int, int, float]:
    """A recording folder in OUT of about `minutes`: transcript artifact, audio, a corrections layer;
    with the seconds an edit takes to save."""
    rec = f"long_{minutes}min"
    folder = WorkFolder(out, rec)
    key, result = WorkFolder(out, DEMO.stem).latest("nlp")
    samples = read_samples(DEMO)[0]
    audio = work / f"{rec}.wav"
    data = long_transcript(result, minutes, str(audio))
    copies = round(data["recording"]["duration"] / result["recording"]["duration"])
    one = np.zeros(int(round(result["recording"]["duration"] * 16000)), dtype=np.float32)
    one[:min(len(one), len(samples))] = samples[:len(one)]
    write_wav(audio, np.tile(one, copies))
    data["recording"]["id"] = rec
    folder.save("nlp", key, data)
    store = ReviewStore(out, "bench")
    step = max(1, len(data["segments"]) // EDITS)
    started = time.perf_counter()
    for k in range(EDITS):
        s = store.state(rec)
        store.edit(rec, {"version": s["version"], "op": "text", "segment": k * step, "text": f"校正済みの行 {k}。"})
    per_edit = (time.perf_counter() - started) / EDITS
    return (rec, data["recording"]["duration"], len(data["segments"]), sum(len(s["words"]) for s in data["segments"]),
            per_edit)


def main() -> None:
    from playwright.sync_api import sync_playwright
    work = Path(tempfile.mkdtemp(prefix="kikigaki-review-bench-"))
    out = work / "out"
    assert run_batch([DEMO], out, Config()).ok
    measured = []
    for minutes in LENGTHS:
        rec, duration, n_segments, n_words, per_edit = long_recording(out, work, minutes)
        (out / rec / ".kikigaki" / "exports.json").unlink(missing_ok=True)
        measured.append([rec, duration, n_segments, n_words, per_edit, []])
    with Server(out) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for rec, _, n_segments, _, _, timings in measured:
            for attempt in range(4):  # the first open is cold: the server applies the layer and serialises
                if attempt == 0:
                    (out / rec / f"{rec}.corrections.json").touch()  # drop the server's cached state
                started = time.perf_counter()
                page.goto(f"{url}/r/{rec}")
                page.wait_for_function("window.kikigakiRendered !== undefined")
                browser_ms = page.evaluate("window.kikigakiRendered")  # from navigation start
                timings.append((time.perf_counter() - started, browser_ms / 1000))
                assert page.locator(".seg").count() == n_segments
        # screenshots of the demo recording: listening, then editing with the entity labeller open
        page.goto(f"{url}/r/{DEMO.stem}")
        page.wait_for_selector(".seg .w")
        page.locator("#seg-4 .w").nth(4).click()
        page.wait_for_timeout(600)
        page.evaluate("document.getElementById('player').pause()")
        page.evaluate("""() => { const w = document.querySelector('#seg-5 .w');
            const r = document.createRange(); r.selectNodeContents(w);
            const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""")
        page.locator("#seg-5 .w").first.dispatch_event("mouseup")
        page.screenshot(path=str(ROOT / "docs" / "review-app.png"))
        page.locator("#seg-7 .text").dblclick()
        page.evaluate("document.getElementById('player').pause()")
        page.screenshot(path=str(ROOT / "docs" / "review-app-editing.png"))
        browser.close()
    lines = [
        "# Review page benchmark", "",
        f"`python scripts/review_bench.py` on 2 cores, {date.today()}: long transcripts built by repeating the demo "
        f"recording's pipeline output (and audio), each with {EDITS} corrections in its layer, served by "
        "`kikigaki review`'s app and opened in headless Chromium (Playwright). Time from navigation to the whole "
        "transcript on screen, server work included; cold = first open (the server applies the layer and "
        "serialises), warm = median of 3 reopenings. Saving an edit = check it, append it to the layer, "
        "re-render all seven exports.", "",
        "| transcript | segments | timed words | open, cold | open, warm | navigation → rendered, warm (browser clock) "
        "| saving an edit |", "|---|---|---|---|---|---|---|",
    ]
    for rec, duration, n_segments, n_words, per_edit, timings in measured:
        cold, warm = timings[0], timings[1:]
        lines.append(f"| {duration / 60:.0f} min | {n_segments} | {n_words} | {cold[0]:.2f} s | "
                     f"{statistics.median(t[0] for t in warm):.2f} s | {statistics.median(t[1] for t in warm):.2f} s | "
                     f"{per_edit:.2f} s |")
    lines += ["", "The demo's speech is sparse (about 190 timed words a minute); the two-hour row stands for a "
              "dense hour of fast talk.", ""]
    (ROOT / "docs" / "review-benchmark.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
