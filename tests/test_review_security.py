"""The review server against what a hostile web page or a careless link can send: a real
`kikigaki review` process on the demo recording's pipeline output, spoken to over HTTP (httpx, and
http.client where the exact request line matters). Every refusal leaves OUT untouched."""
import shutil

import httpx
import pytest

from conftest import DEMO
from review_process import ReviewProcess, snapshot

REC = DEMO.stem


@pytest.fixture(scope="module")
def served(tmp_path_factory, demo_output):
    root = tmp_path_factory.mktemp("review_security")
    out = root / "out"
    shutil.copytree(demo_output, out)
    (root / "secret.txt").write_text("not for the web", encoding="utf-8")
    outside = root / "elsewhere"  # a recording folder outside OUT, linked in
    shutil.copytree(out / REC, outside / REC)
    (out / "linked").symlink_to(outside / REC, target_is_directory=True)
    (out / REC / "leak.srt").symlink_to(root / "secret.txt")
    server = ReviewProcess(out)
    yield server, out, root
    server.close()


def test_the_printed_address_holds_a_token_that_becomes_a_cookie(served):
    server, out, _ = served
    assert server.url.startswith(f"http://127.0.0.1:{server.port}/?token=") and len(server.token) >= 32
    with httpx.Client() as browser:
        first = browser.get(server.url)
        assert first.status_code == 303 and "token" not in first.headers["location"]  # out of the address bar
        cookie = first.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = browser.get(server.url, follow_redirects=True)
        assert page.status_code == 200 and f'href="/r/{REC}"' in page.text
        assert browser.get(f"{server.base}/api/r/{REC}").status_code == 200  # the cookie alone is enough


def test_without_the_token_everything_is_refused(served):
    server, out, _ = served
    before = snapshot(out)
    for path in ("/", f"/r/{REC}", f"/api/r/{REC}", "/api/recordings", f"/audio/{REC}", f"/files/{REC}/{REC}.srt",
                 "/static/review.js", "/?token=wrong"):
        r = httpx.get(server.base + path)
        assert r.status_code == 403, path
    r = httpx.get(f"{server.base}/api/r/{REC}", headers={"Authorization": "token " + "x" * len(server.token)})
    assert r.status_code == 403 and "token" in r.json()["error"]
    r = httpx.post(f"{server.base}/api/r/{REC}/edits", json={"op": "text", "segment": 0, "text": "x", "version": "?"})
    assert r.status_code == 403
    assert snapshot(out) == before


def test_a_cross_origin_simple_post_is_refused(served):
    """What any page can send without a preflight: text/plain (or a form), even with the cookie."""
    server, out, _ = served
    auth = {"Authorization": f"token {server.token}"}
    version = httpx.get(f"{server.base}/api/r/{REC}", headers=auth).json()["version"]
    before = snapshot(out)
    body = ('{"op": "text", "segment": 0, "text": "乗っ取り", "version": "%s"}' % version).encode()
    cookie = {"Cookie": f"kikigaki-review-{server.port}={server.token}"}
    for headers in ({"Content-Type": "text/plain", "Origin": "http://evil.example", **cookie},
                    {"Content-Type": "text/plain", **cookie},
                    {"Content-Type": "application/x-www-form-urlencoded", **cookie},
                    {"Content-Type": "application/json", "Origin": "http://evil.example", **cookie},
                    {"Content-Type": "application/json", "Origin": f"http://localhost:{server.port + 1}", **auth}):
        status, data = server.raw("POST", f"/api/r/{REC}/edits", headers, body)
        assert status in (403, 415), (headers, data)
    assert snapshot(out) == before
    assert not (out / REC / f"{REC}.corrections.json").exists()


def test_a_rebinding_host_is_refused(served):
    """A hostile name resolving to 127.0.0.1 makes the page same-origin: only the Host header tells."""
    server, out, _ = served
    before = snapshot(out)
    auth = {"Authorization": f"token {server.token}"}
    for host in ("evil.example", f"evil.example:{server.port}", "127.0.0.1.evil.example", "localhost.evil.example"):
        status, data = server.raw("GET", f"/api/r/{REC}", {"Host": host, **auth})
        assert status == 403 and b"evil.example" in data, host
        status, _ = server.raw("POST", f"/api/r/{REC}/edits",
                               {"Host": host, "Origin": f"http://{host}", "Content-Type": "application/json", **auth},
                               b'{"op": "text", "segment": 0, "text": "x", "version": "x"}')
        assert status == 403
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", f"[::1]:{server.port}"):
        assert server.raw("GET", "/api/recordings", {"Host": host, **auth})[0] == 200, host
    assert snapshot(out) == before


def test_traversal_and_links_out_of_out_are_refused(served):
    server, out, root = served
    before = snapshot(out)
    auth = {"Authorization": f"token {server.token}"}
    assert server.raw("GET", f"/files/{REC}/{REC}.srt", auth)[0] == 200
    for path in ("/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/%2E%2E%2Fsecret.txt",
                 f"/files/{REC}/..%2f..%2fsecret.txt", f"/files/{REC}/%2e%2e/%2e%2e/secret.txt",
                 "/files/%2fetc%2fpasswd", "/files//etc/passwd", f"/files/{REC}/leak.srt",
                 "/files/linked/" + f"{REC}.srt", "/api/r/%2e%2e", "/api/r/linked", "/audio/linked", "/r/linked",
                 "/audio/%2e%2e%2f%2e%2e"):
        status, data = server.raw("GET", path, auth)
        assert status == 404 and b"not for the web" not in data, path
    linked_before = snapshot(root / "elsewhere")
    status, _ = server.raw("POST", "/api/r/linked/edits", {"Content-Type": "application/json", **auth},
                           b'{"op": "text", "segment": 0, "text": "x", "version": "x"}')
    assert status == 404
    assert snapshot(root / "elsewhere") == linked_before and snapshot(out) == before


def test_a_correct_edit_with_the_token_is_saved(served):
    server, out, _ = served
    # the first edit of a fresh server loads the language layer (GiNZA: seconds), hence the long timeout
    with httpx.Client(base_url=server.base, timeout=120) as browser:
        browser.get(server.url)  # the cookie, as the browser gets it
        s = browser.get(f"/api/r/{REC}").json()
        r = browser.post(f"/api/r/{REC}/edits", headers={"Origin": server.base},
                         json={"op": "text", "segment": 0, "text": "正しい訂正です。", "version": s["version"]})
        assert r.status_code == 200, r.text
        assert r.json()["transcript"]["segments"][0]["text"] == "正しい訂正です。"
    assert "正しい訂正です。" in (out / REC / f"{REC}.txt").read_text(encoding="utf-8")
    assert (out / REC / f"{REC}.corrections.json").is_file()


def test_no_token_serves_with_a_warning_and_keeps_the_other_checks(tmp_path, demo_output):
    out = tmp_path / "out"
    shutil.copytree(demo_output, out)
    server = ReviewProcess(out, "--no-token")
    try:
        assert server.token is None and "--no-token" in "".join(server.lines)
        assert httpx.get(f"{server.base}/api/r/{REC}").status_code == 200
        assert server.raw("GET", "/api/recordings", {"Host": "evil.example"})[0] == 403
        status, _ = server.raw("POST", f"/api/r/{REC}/edits", {"Content-Type": "text/plain"}, b"{}")
        assert status == 415
    finally:
        server.close()
