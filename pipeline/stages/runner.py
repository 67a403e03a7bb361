"""One recording through `STAGES`: each stage's artifact loaded when its key is unchanged, else made
and stored; a stage that may run beside another does so in a daemon thread; progress through one hook;
how the run went kept in `.kikigaki/run.json`. `kikigaki run`, `--jobs` and `--cluster` all call `process`."""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..artifacts import WorkFolder, atomic_write, make_key
from ..audio import Audio, decode, file_sha256
from ..errors import AudioError, KikigakiError
from ..memory import release, spill, tune_allocator
from ..options import Config
from ..transcript import Recording
from . import STAGES, Stage

UNLOAD_AFTER = 15 * 60  # seconds of audio: past this, the speech stages' models go once they are done
                        # (0.2 GB for the language layer's peak; a batch of short clips keeps them warm)
TRIM_EVERY = 20.0  # seconds between heap trims while a stage reports progress: what its finished blocks
                  # freed goes back to the system during recognition, not only when the stage ends
RUN_RECORD = "run"  # .kikigaki/run.json: how the last run of this recording went (the catalog's source)


@dataclass(frozen=True)
class Event:
    """What the progress hook hears: a stage of a recording, how far along, in the stage's unit."""

    recording: str
    stage: str
    done: float
    total: float
    status: str = ""


Hook = Callable[[Event], None]


@dataclass
class RecordingResult:
    id: str
    source: str
    status: str = "pending"  # done, cached, same (the audio of another input), partial, failed
    duration: float | None = None
    wall: float = 0.0
    error: str = ""
    stage: str = ""          # the stage that failed
    redone: list[str] = field(default_factory=list)
    exception: BaseException | None = None  # kept for --verbose tracebacks
    traceback: str = ""                     # the same, as text, from a cluster worker
    worker: str = ""                        # host:pid of the process that ran it
    stage_wall: dict[str, float] = field(default_factory=dict)  # seconds spent computing each stage
    stage_keys: dict[str, str] = field(default_factory=dict)    # the artifact key each stage used
    finished: str = ""                      # UTC time the run ended (ISO 8601)

    @property
    def rtf(self) -> float | None:
        return self.wall / self.duration if self.duration else None


class Run:
    """One recording's run: what the stages' functions see (config, keys, artifacts, the audio)."""

    def __init__(self, path: Path, folder: WorkFolder, config: Config, hook: Hook, result: RecordingResult,
                 stages: tuple[Stage, ...] = STAGES):
        self.path, self.folder, self.config, self.hook, self.result = path, folder, config, hook, result
        self.stages = {s.name: s for s in stages}
        self.stage = "ingest"   # the stage at work (named when one fails)
        self.sha = ""
        self._audio: Audio | None = None
        self._spilled = None  # the mono samples mapped from an unnamed file, once the audio is dropped
        self._keys: dict[str, str] = {}
        self._values: dict[str, Any] = {}
        self._beside: dict[str, Beside] = {}
        self._trimmed = time.monotonic()

    def audio(self) -> Audio:
        if self._audio is None:  # decoded once per run, and only if a stage needs it; into unnamed files
            keep = self.config.diarize.diarizer in ("auto", "channels")  # in the work folder, mapped back:
            try:                                                          # resident only while read
                self.folder.work.mkdir(parents=True, exist_ok=True)      # (memory.release)
            except OSError:
                pass  # OUT cannot be written: decoded into memory (the run says why when it saves)
            self._audio = decode(self.path, keep_channels=keep, folder=self.folder.work)
        return self._audio

    def samples(self):
        """The mono samples, for a stage that reads a few seconds here and there (the glossary's scorer),
        mapped from disk (a resumed run decodes them for it once: the hour's 230 MB are not held through
        the language layer, and the stereo planes not at all)."""
        if self._spilled is None and self._audio is None:
            self._spilled = spill(self.audio().samples, self.folder.work)
            self._audio = None
            release()
        return self._spilled if self._spilled is not None else self.audio().samples

    def drop_audio(self, later: list[Stage]) -> None:
        """The samples (and stereo planes) are not needed past the stages that read them: an hour's are
        230 MB (690 MB with the planes), held through the language layer otherwise. A later stage that
        reads a few seconds here and there keeps the mono samples' mapping; on a long recording, the
        stages done with the audio let go of their models too."""
        wanted = any(s.samples and s.samples(self) for s in later)
        if self._audio is not None and wanted:
            self._spilled = spill(self._audio.samples, self.folder.work)
        elif not wanted:
            self._spilled = None
        long = (self.duration or 0) > UNLOAD_AFTER
        self._audio = None
        for stage in self.stages.values():
            if long and stage.unload and stage not in later:
                stage.unload()
        release()

    def key(self, name: str) -> str:
        if name not in self._keys:
            self._keys[name] = make_key(*self.stages[name].key(self))
        return self._keys[name]

    def value(self, name: str) -> Any:
        """The stage's artifact: loaded when stored under its key, else made (and stored)."""
        if name not in self._values:
            stage, key = self.stages[name], self.key(name)
            if stage.stored:
                self.result.stage_keys[name] = key
            found = self.folder.load(name, key) if stage.stored else None
            self._values[name] = found if found is not None else self._make(stage, key)
        return self._values[name]

    def _make(self, stage: Stage, key: str) -> Any:
        before = self.stage
        self.stage = stage.name
        if stage.stored:
            self.hook(Event(self.folder.id, stage.name, 0, self.duration or 1))
        started = time.perf_counter()
        value = self._beside.pop(stage.name).result() if stage.name in self._beside else self._run(stage)
        release()  # what the stage freed goes back to the system before the next one loads its models
        if stage.on_demand:  # made for the stage that asked: that one is at work again
            self.stage = before
        if stage.stored:
            self.folder.save(stage.name, key, value)
            self.result.stage_wall[stage.name] = round(time.perf_counter() - started, 3)
            self.result.redone.append(stage.name)
        elif value is True:  # a stage that writes its own files (export) says whether it wrote any
            self.result.redone.append(stage.name)
        return value

    def _run(self, stage: Stage) -> Any:
        """Make the stage; one that may run beside it starts first, in a thread, when both are to do."""
        for other in self.stages.values():
            if other.beside == stage.name and other.beside_make and self._missing(stage) and self._missing(other):
                make = other.beside_make(self)
                if make is not None:
                    self._beside[other.name] = Beside(make)
        try:
            return stage.make(self)
        except Exception:
            for ahead in self._beside.values():  # never two at once: their models are not thread-safe
                ahead.wait()
            raise

    def _missing(self, stage: Stage) -> bool:
        return stage.stored and self.folder.load(stage.name, self.key(stage.name)) is None

    def recording(self) -> Recording:
        facts = self.value("ingest")
        return Recording(**{**facts, "source": self.result.source, "language": self.config.asr.language})

    @property
    def duration(self) -> float | None:
        return (self._values.get("ingest") or {}).get("duration")

    def progress(self, stage: str) -> Callable[[float], None]:
        total = self.duration or 1

        def advance(done: float) -> None:
            self.hook(Event(self.folder.id, stage, min(done, total), total))
            if time.monotonic() - self._trimmed >= TRIM_EVERY:
                self._trimmed = time.monotonic()
                release()
        return advance


def process(path: Path, out: Path, config: Config, force: bool, hook: Hook,
            result: RecordingResult) -> RecordingResult:
    """Run one recording through the stages, reusing what is already done."""
    started = time.perf_counter()
    tune_allocator()  # freed memory goes back to the system (an hour's peak: docs/benchmarks.md, Memory)
    folder = WorkFolder(out, path.stem)
    run = Run(path, folder, config, hook, result)
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        if force:
            folder.forget()
        if not path.is_file():
            raise AudioError("file not found")
        run.sha = source_sha256(path, folder)
        stages = list(run.stages.values())
        for i, stage in enumerate(stages):
            if not stage.on_demand:
                run.value(stage.name)
                result.duration = run.duration
            if not any("audio" in later.reads for later in stages[i + 1:]):
                run.drop_audio(stages[i + 1:])
        result.status = "done" if result.redone else "cached"
        partial = run.recording().partial
        if partial:  # what decoded is transcribed and kept, but the run is not "done"
            result.status, result.stage = "partial", "ingest"
            result.error = (f"partial: {partial}; the transcript covers the decoded part only "
                            "(the file is truncated or damaged: transcribe a complete copy if there is one)")
    except KikigakiError as e:
        result.status, result.stage, result.error, result.exception = "failed", run.stage, str(e), e
    except Exception as e:  # an unexpected failure still must not stop the batch
        result.status, result.stage, result.exception = "failed", run.stage, e
        result.error = f"{type(e).__name__}: {e}"
    result.wall = time.perf_counter() - started
    _write_run_record(folder, result)
    hook(Event(folder.id, "done", 1, 1, result.status))
    return result


def _write_run_record(folder: WorkFolder, result: RecordingResult) -> None:
    """What the catalog needs to rebuild this recording's row: status, why, timings, worker."""
    from datetime import datetime, timezone
    result.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    record = {k: getattr(result, k) for k in ("id", "source", "status", "duration", "wall", "error", "stage",
                                               "redone", "worker", "stage_wall", "stage_keys", "finished")}
    try:
        atomic_write(folder.work / f"{RUN_RECORD}.json", json.dumps(record, ensure_ascii=False, indent=1))
    except OSError:
        pass  # OUT not writable here: the failure itself is already in the result


def source_sha256(path: Path, folder: WorkFolder, remember: bool = True) -> str:
    """The file's sha256, reused while its size and modification time are unchanged."""
    st = path.stat()
    stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    cached = folder.load("source", make_key(stamp))
    if cached:
        return cached
    sha = file_sha256(path)
    if remember:
        folder.save("source", make_key(stamp), sha)
    return sha


class Beside:
    """A computation in a daemon thread: Ctrl-C in the main thread never waits for it (an executor's
    thread would be joined, holding the interrupt for as long as diarization has left to run)."""

    def __init__(self, fn: Callable[[], Any]):
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, args=(fn,), daemon=True, name="kikigaki-beside").start()

    def _run(self, fn) -> None:
        try:
            self._value = fn()
        except BaseException as e:  # handed to whoever asks for the result
            self._error = e
        finally:
            self._done.set()

    def wait(self) -> None:
        while not self._done.wait(0.1):  # short waits: an interrupt is seen at once
            pass

    def result(self) -> Any:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value
