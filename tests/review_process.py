"""A real `kikigaki review` process for tests, as the user starts it, and a snapshot of what is on disk."""
import hashlib
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import ROOT


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (links not followed) and a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if not p.is_symlink()}


class ReviewProcess:
    """`kikigaki review OUT` as the user starts it; `url` is the address it printed."""

    def __init__(self, out: Path, *flags: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "pipeline", "review", str(out), "--port", str(self.port),
                                      "--author", "tester", *flags],
                                     cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        self.lines = []
        deadline = time.time() + 60
        while True:
            line = self.proc.stderr.readline()
            assert line, f"kikigaki review exited: {''.join(self.lines)}{self.proc.stderr.read()}"
            self.lines.append(line)
            if m := re.search(r"(http://\S+)", line):
                self.url = m.group(1)
                break
            assert time.time() < deadline
        while True:  # the line comes before uvicorn listens
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(f"kikigaki review exited: {''.join(self.lines)}{self.proc.stderr.read()}")
                assert time.time() < deadline, "the review server did not start"
                time.sleep(0.1)
        threading.Thread(target=lambda: self.lines.extend(self.proc.stderr), daemon=True).start()  # never blocks
        self.base = f"http://127.0.0.1:{self.port}"
        self.token = dict(re.findall(r"[?&](\w+)=([^&\s]+)", self.url)).get("token")

    def raw(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
        """One request with the path exactly as written (no client-side normalising of `..` or %2e)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        conn.close()
        return r.status, data

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
