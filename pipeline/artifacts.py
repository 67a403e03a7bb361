"""Per-recording artifacts: written atomically, keyed by input hash and the options that matter."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

WORK_DIR = ".kikigaki"  # inside OUT/<id>/: one JSON file per stage
LOCK_WAIT = 600.0  # seconds another process may hold a recording's lock (an export of a long recording)


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write via a temp file and rename, so a crash (or a power cut) never leaves half a file
    (bytes are written as they are, text as UTF-8).

    The file gets the mode any new file gets here (0644 under the usual umask 022: colleagues on a
    shared drive can read it), not mkstemp's 0600; an existing file keeps its own mode. The data is
    on disk before the rename and the rename is on disk before this returns.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~current_umask()
        os.fchmod(fd, mode)
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8")) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def current_umask() -> int:
    """The process umask, read without changing it (os.umask sets it, a race with other threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc (macOS): set and restore at once
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_layer(path: Path, schema: str, key: str, error: type[Exception], holds: str,
               fix_json: str, fix_schema: str) -> list[dict[str, Any]]:
    """The entries of an append-only layer file (`{"schema": ..., key: [...]}`), [] where there is none;
    a damaged file is an `error` naming what it holds and how to mend it (never overwritten)."""
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise error(f"{path} is not valid JSON ({e}); it holds {holds}: {fix_json}") from e
    if not isinstance(data, dict) or data.get("schema") != schema or not isinstance(data.get(key), list):
        raise error(f"{path} is not a {schema} file: {fix_schema}")
    return data[key]


def append_to_layer(path: Path, head: dict[str, Any], key: str, entries: list[dict[str, Any]],
                    entry: dict[str, Any], author: str) -> dict[str, Any]:
    """Add `entry` after `entries` (the layer's, as `read_layer` read them), stamped with its number, the
    time and its author, and write the file whole, atomically (`head`: the schema and whose layer it is)."""
    stamped = {"n": len(entries) + 1, "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "author": author or "unknown", **entry}
    atomic_write(path, json.dumps({**head, key: [*entries, stamped]}, ensure_ascii=False, indent=1) + "\n")
    return stamped


def make_key(*parts: Any) -> str:
    """A stable hash of JSON-able parts (input hash, options, model id)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


class WorkFolder:
    """`OUT/<id>/`: the recording's outputs, with stage artifacts under `.kikigaki/`."""

    def __init__(self, out: Path, recording_id: str):
        self.root = Path(out) / recording_id
        self.work = self.root / WORK_DIR
        self.id = recording_id

    def output(self, ext: str) -> Path:
        return self.root / f"{self.id}.{ext}"

    def load(self, stage: str, key: str) -> Any | None:
        """The stage's stored result if it was made with this key, else None."""
        stored = self.latest(stage)
        return stored[1] if stored and stored[0] == key else None

    def latest(self, stage: str) -> tuple[str, Any] | None:
        """The key and result the stage stored last, whatever options made it."""
        try:
            data = json.loads((self.work / f"{stage}.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return None
        return data.get("key"), data.get("result")

    def save(self, stage: str, key: str, result: Any) -> None:
        atomic_write(self.work / f"{stage}.json",
                     json.dumps({"key": key, "result": result}, ensure_ascii=False, indent=1))

    def lock(self):
        """This recording's lock across processes and threads (two `kikigaki review` servers on one
        OUT, or a run while a review server edits); taken again in the same thread, it just nests."""
        from filelock import FileLock
        self.work.mkdir(parents=True, exist_ok=True)
        return _Lock(FileLock(self.work / "lock", timeout=LOCK_WAIT, is_singleton=True), self.root)

    def forget(self) -> None:
        for f in self.work.glob("*.json"):
            f.unlink()


class _Lock:
    """A FileLock whose timeout says what to do, as a KikigakiError."""

    def __init__(self, lock, root: Path):
        self.lock, self.root = lock, root

    def __enter__(self):
        from filelock import Timeout

        from .errors import KikigakiError
        try:
            self.lock.acquire()
        except Timeout as e:
            raise KikigakiError(f"{self.root} is busy: another kikigaki process has held it for {LOCK_WAIT:.0f} s "
                                "(a run or a review server); try again when it is done") from e
        return self

    def __exit__(self, *exc):
        self.lock.release()
