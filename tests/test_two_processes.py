"""Two processes on one OUT never lose an edit, workers never race over the bundled model, and Ctrl-C
is prompt: real `kikigaki review` and `kikigaki run` processes, real requests, real signals."""
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

from conftest import DEMO, ROOT
from review_process import ReviewProcess

REC = DEMO.stem
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def keep_editing(server: ReviewProcess, texts: list[tuple[int, str]], errors: list[str]) -> None:
    """Post each text edit as the page does, reloading on 409 (another editor got there first)."""
    with httpx.Client(base_url=server.base, headers={"Authorization": f"token {server.token}"}, timeout=120) as c:
        for segment, text in texts:
            for _ in range(30):
                version = c.get(f"/api/r/{REC}").json()["version"]
                r = c.post(f"/api/r/{REC}/edits", json={"op": "text", "segment": segment, "text": text,
                                                         "version": version})
                if r.status_code == 200:
                    break
                if r.status_code != 409:
                    errors.append(f"{r.status_code} {r.text}")
                    return
            else:
                errors.append(f"{text}: never saved")


def saved(out) -> list[str]:
    layer = json.loads((out / REC / f"{REC}.corrections.json").read_text(encoding="utf-8"))
    return [e["text"] for e in layer["edits"]]


@pytest.fixture
def out(tmp_path, demo_output):
    target = tmp_path / "out"
    shutil.copytree(demo_output, target)
    return target


def test_two_review_servers_on_one_out_lose_no_edit(out):
    servers = [ReviewProcess(out), ReviewProcess(out)]
    try:
        plans = [[(0, f"一人目の訂正{k}。") for k in range(4)], [(1, f"二人目の訂正{k}。") for k in range(4)]]
        errors: list[str] = []
        threads = [threading.Thread(target=keep_editing, args=(s, p, errors)) for s, p in zip(servers, plans)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        assert not errors, errors
    finally:
        for s in servers:
            s.close()
    texts = saved(out)
    assert sorted(texts) == sorted(text for plan in plans for _, text in plan)  # all 8, none twice
    layer = json.loads((out / REC / f"{REC}.corrections.json").read_text(encoding="utf-8"))
    assert [e["n"] for e in layer["edits"]] == list(range(1, 9))
    txt = (out / REC / f"{REC}.txt").read_text(encoding="utf-8")
    assert "一人目の訂正3。" in txt and "二人目の訂正3。" in txt  # the exports hold the last of each


def test_a_run_while_a_review_server_edits_loses_nothing(out):
    server = ReviewProcess(out)
    errors: list[str] = []
    plan = [(k % 3, f"訂正その{k}。") for k in range(5)]
    try:
        editor = threading.Thread(target=keep_editing, args=(server, plan, errors))
        editor.start()
        runs = []
        while editor.is_alive() or not runs:  # runs keep re-exporting while the edits arrive
            runs.append(subprocess.run([sys.executable, "-m", "pipeline", "run", str(DEMO), "-o", str(out)],
                                       capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300))
        editor.join()
        assert not errors, errors
        assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    finally:
        server.close()
    assert sorted(saved(out)) == sorted(text for _, text in plan)
    exported = json.loads((out / REC / f"{REC}.json").read_text(encoding="utf-8"))
    assert exported["provenance"]["corrections"]["edits"] == len(plan)  # the exports saw every edit
    texts = [s["text"] for s in exported["segments"]]
    for segment in range(3):
        last = [text for k, text in plan if k == segment][-1]
        assert last in texts


def test_workers_assemble_the_bundled_model_once(tmp_path):
    """Three processes asking for the model at the same moment on a fresh cache (`--jobs 3`, first run)."""
    go = tmp_path / "go"
    script = ("import hashlib, os, sys, time\n"
              "from pathlib import Path\n"
              "from pipeline import models\n"
              f"while not os.path.exists({str(go)!r}): time.sleep(0.01)\n"
              "folder = models.bundled_model_dir(Path(sys.argv[1]))\n"
              "print(hashlib.sha256((folder / 'model.bin').read_bytes()).hexdigest())\n")
    home = tmp_path / "home"
    workers = [subprocess.Popen([sys.executable, "-c", script, str(home)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV, cwd=ROOT) for _ in range(3)]
    time.sleep(2)  # all three imported and waiting
    go.touch()
    results = [w.communicate(timeout=600) for w in workers]
    from pipeline.models import BUNDLED_DIR, BUNDLED_SHA256
    for w, (stdout, stderr) in zip(workers, results):
        assert w.returncode == 0, stderr
        assert stdout.strip() == BUNDLED_SHA256
    assert [p.name for p in (home / "models").iterdir() if not p.name.endswith(".lock")] == [BUNDLED_DIR]


def test_ctrl_c_during_recognition_stops_within_two_seconds(tmp_path):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(DEMO), "-o", str(out)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, cwd=ROOT)
    work = out / REC / ".kikigaki"
    deadline = time.time() + 300
    while not (work / "ingest.json").is_file():  # decoded: recognition and diarization now run side by side
        assert run.poll() is None and time.time() < deadline, run.stderr.read() if run.poll() is not None else ""
        time.sleep(0.05)
    time.sleep(3)
    assert run.poll() is None and not (work / "asr.json").exists(), "recognition already finished: no test"
    sent = time.monotonic()
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=60)
    took = time.monotonic() - sent
    assert run.returncode == 130 and "interrupted" in stderr, stderr
    assert took <= 2.0, f"{took:.1f} s to stop"
    facts = json.loads((work / "ingest.json").read_text(encoding="utf-8"))  # the finished stage is kept, whole
    assert facts["result"]["sha256"] and not (work / "asr.json").exists()
    assert not [p for p in work.iterdir() if p.name.startswith(".")]  # no half-written artifact
