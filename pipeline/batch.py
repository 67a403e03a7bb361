"""The batch: find recordings, run each through the stages, survive bad files, resume after a crash."""
from __future__ import annotations

import json
import os
import socket
import threading
import time
from datetime import datetime, timezone
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__, cores, package_versions
from .artifacts import WorkFolder, atomic_write, make_key
from .audio import Audio, decode, file_sha256, is_media_file
from .errors import AudioError, KikigakiError
from .memory import release, tune_allocator
from .export import expand_formats, extension, render
from .options import Config, ExportOptions, SubtitleOptions, options_dict
from .transcript import Recording, Speaker, Transcript

# Options that change the words but not which words: left out of the ASR key.
ASR_KEY_IGNORES = ("cpu_threads",)


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


@dataclass
class BatchResult:
    recordings: list[RecordingResult]
    skipped: list[Path]
    notes: list[str] = field(default_factory=list)  # what went wrong beside the recordings (the catalog)

    @property
    def ok(self) -> bool:
        return all(r.status in ("done", "cached", "same") for r in self.recordings)


def find_inputs(inputs: Iterable[Path], out: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Audio and video files among the inputs (folders searched recursively, OUT left out when it
    lies inside one), and what was skipped."""
    found: list[Path] = []
    skipped: list[Path] = []
    out = Path(out).resolve() if out is not None else None
    for item in map(Path, inputs):
        if item.is_dir():
            for p in sorted(item.rglob("*")):
                if out is not None and p.resolve().is_relative_to(out):
                    continue
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(item).parts):
                    (found if is_media_file(p) else skipped).append(p)
        else:
            found.append(item)  # named explicitly: try it, and say why if it fails
    return found, skipped


def run_batch(inputs: Iterable[Path], out: Path, config: Config, force: bool = False,
              hook: Hook | None = None, jobs: int = 1, cluster: str | None = None) -> BatchResult:
    """Process every recording; one failure never stops the others. `cluster` (local:N,
    tcp://HOST:PORT, slurm:FILE.yaml) runs one Dask task per recording; `jobs` > 1 is local:N.
    The collection catalog OUT/kikigaki.sqlite hears of each recording as it finishes."""
    tune_allocator()  # freed memory goes back to the system (an hour's peak: see docs/benchmarks.md, Memory)
    config = replace(learned_config(config, Path(out)).resolved(), formats=expand_formats(config.formats))
    check_out(Path(out))
    files, skipped = find_inputs(inputs, out)
    hook = hook or (lambda event: None)
    results: list[RecordingResult] = []
    seen: dict[str, Path] = {}
    todo: list[tuple[Path, RecordingResult]] = []
    for path in files:
        rec_id = path.stem
        result = RecordingResult(rec_id, str(path))
        results.append(result)
        if rec_id in seen:
            result.status, result.stage = "failed", "ingest"
            result.error = (f"same recording id {rec_id!r} as {seen[rec_id]}: outputs would collide; "
                            "rename one of the files")
            hook(Event(rec_id, "ingest", 1, 1, "failed"))
            continue
        seen[rec_id] = path
        todo.append((path, result))
    todo = _once_each(todo, Path(out), hook)
    batch = BatchResult(results, skipped)
    catalog = _open_catalog(Path(out), batch)

    def tell_catalog(what: str, *args) -> None:  # the catalog is an index: its trouble never stops a batch
        if catalog:
            try:
                getattr(catalog, what)(*args)
            except KikigakiError as e:
                batch.notes.append(str(e))

    def finished(result: RecordingResult) -> None:
        tell_catalog("record", result)

    tell_catalog("start_run", [r for _, r in todo], cluster or (f"local:{jobs}" if jobs > 1 else "in-process"))
    address = cluster or (f"local:{min(jobs, len(todo))}" if jobs > 1 and len(todo) > 1 else None)
    try:
        if address and todo:
            from .cluster import run_distributed
            run_distributed(todo, Path(out), config, force, hook, address, finished)
        else:
            for path, result in todo:
                finished(process(path, Path(out), config, force, hook, result))
    finally:
        tell_catalog("end_run", results)
        tell_catalog("close")
    return batch


def _open_catalog(out: Path, batch: BatchResult):
    """The collection catalog, or None (with a note) when it cannot be opened: the batch goes on."""
    from .catalog import Catalog
    try:
        return Catalog(out)
    except KikigakiError as e:
        batch.notes.append(str(e))
        return None


def check_out(out: Path) -> None:
    """OUT exists (made if need be) and takes new files: say so once, not once per recording."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        import tempfile
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as e:
        raise KikigakiError(f"cannot write to {out} ({e.strerror or e}): give -o a folder you can write to") from e


def _once_each(todo: list[tuple[Path, RecordingResult]], out: Path, hook: Hook) -> list[tuple[Path, RecordingResult]]:
    """The same audio under two names is transcribed once; the other name is reported beside it.
    Only files of equal size are hashed to find out."""
    sizes: dict[int, int] = {}
    for path, _ in todo:
        if path.is_file():
            size = path.stat().st_size
            sizes[size] = sizes.get(size, 0) + 1
    first: dict[str, Path] = {}
    kept = []
    for path, result in todo:
        if path.is_file() and sizes[path.stat().st_size] > 1:
            folder = WorkFolder(out, path.stem)
            sha = _sha256(path, folder, remember=folder.root.is_dir())  # no folder made for a duplicate
            if sha in first:
                result.status, result.stage = "same", "ingest"
                result.error = (f"same audio as {first[sha]}: transcribed once, in {out / first[sha].stem}/")
                hook(Event(result.id, "done", 1, 1, "same"))
                continue
            first[sha] = path
        kept.append((path, result))
    return kept


class _Job:
    """One recording's run: lazy decoding, and stages that reuse their stored artifact when keyed alike."""

    def __init__(self, path: Path, folder: WorkFolder, hook: Hook, result: RecordingResult, config: Config):
        self.path, self.folder, self.hook, self.result = path, folder, hook, result
        self.stage = "ingest"
        self._audio: Audio | None = None
        self._spilled = None  # the mono samples mapped from disk, for the language layer's scorer
        self.keep_channels = config.diarize.diarizer in ("auto", "channels")

    def audio(self) -> Audio:
        if self._audio is None:  # decoded once per run, and only if a stage needs it
            self._audio = decode(self.path, keep_channels=self.keep_channels)
        return self._audio

    def spilled_samples(self):
        """The mono samples from an unnamed file in the work folder, mapped: the scorer reads a few
        seconds here and there, where an hour decoded again would hold 230 MB (460 MB while decoding)."""
        if self._spilled is None:
            from .memory import spill
            self._spilled = spill(self.audio().samples, self.folder.work)
            self._audio = None
        return self._spilled

    def stage_result(self, stage: str, key: str, compute: Callable[[], Any]) -> Any:
        """The stored result of `stage` under `key`, or compute, store and return it."""
        self.stage = stage
        self.result.stage_keys[stage] = key
        stored = self.folder.load(stage, key)
        if stored is not None:
            return stored
        self.hook(Event(self.folder.id, stage, 0, self.result.duration or 1))
        started = time.perf_counter()
        value = compute()
        release()  # what the stage freed goes back to the system before the next one loads its models
        self.folder.save(stage, key, value)
        self.result.stage_wall[stage] = round(time.perf_counter() - started, 3)
        self.result.redone.append(stage)
        return value

    def progress(self, stage: str) -> Callable[[float], None]:
        total = self.result.duration or 1
        return lambda done: self.hook(Event(self.folder.id, stage, min(done, total), total))


def process(path: Path, out: Path, config: Config, force: bool, hook: Hook,
            result: RecordingResult) -> RecordingResult:
    """Run one recording through ingest, ASR, speakers and exports, reusing what is already done."""
    started = time.perf_counter()
    folder = WorkFolder(out, path.stem)
    job = _Job(path, folder, hook, result, config)
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        if force:
            folder.forget()
        if not path.is_file():
            raise AudioError("file not found")
        sha = _sha256(path, folder)
        ingest_key = make_key("ingest", sha, __version__, "declared")
        facts = job.stage_result("ingest", ingest_key, lambda: _ingest(job, sha))
        recording = Recording(**{**facts, "source": result.source, "language": config.asr.language})
        result.duration = recording.duration

        from .asr import AsrResult, transcribe
        from .diarize import Diarization, diarize, parse_enroll
        asr_options = {k: v for k, v in options_dict(config.asr).items() if k not in ASR_KEY_IGNORES}
        asr_key = make_key("asr", sha, asr_options)
        enrolled = [(name, file_sha256(p)) for name, p in parse_enroll(config.diarize.enroll)]
        diarize_key = make_key("diarize", sha, options_dict(config.diarize), enrolled)
        # who-spoke-when runs beside recognition when both are to do: recognition keeps one core busy
        ahead = None
        if (config.asr.backend == "faster-whisper" and folder.load("asr", asr_key) is None
                and folder.load("diarize", diarize_key) is None):
            audio = job.audio()  # decoded once, before both stages share it
            ahead = Beside(_diarize_beside, audio, config)
        try:
            asr = AsrResult.from_dict(job.stage_result(
                "asr", asr_key, lambda: transcribe(job.audio(), config.asr, job.progress("asr")).to_dict()))
        except Exception:
            if ahead:  # never two diarizations at once (the next recording's): Silero's model is not thread-safe
                ahead.wait()
            raise
        diarization = Diarization.from_dict(job.stage_result(
            "diarize", diarize_key, ahead.result if ahead else
            lambda: diarize(job.audio(), config.diarize, job.progress("diarize")).to_dict()))
        # the samples (and stereo planes) are not needed past here: an hour's are 230 MB (690 MB with
        # the planes), held through the language layer otherwise; the scorer reads them from disk
        if job._audio is not None and _scorer_wanted(config):
            job.spilled_samples()
        audio = ahead = job._audio = None
        from .asr import faster_whisper
        from .diarize import builtin
        faster_whisper.unload()  # the models too (0.2 GB): loaded again for the next recording in a second
        builtin.unload()
        release()

        # words get speakers, then the language layer: one stored result, so a re-run redoes neither
        from .nlp import annotate
        assembled_key = make_key(asr_key, diarize_key, ingest_key, config.speaker_names, __version__)
        glossary = [(t.text, t.label, t.reading, list(t.heard)) for t in config.glossary]
        transcript_key = make_key("nlp", assembled_key, options_dict(config.nlp), glossary)
        scorer = _scorer(job, config)
        try:
            transcript = Transcript.from_dict(job.stage_result("nlp", transcript_key, lambda: annotate(
                _assemble(recording, asr, diarization, config), config.nlp, config.glossary, scorer).to_dict()))
        finally:  # its model (0.3 GB) and the mapped samples are not held through the exports
            if scorer is not None:
                scorer.close()
            job._spilled = None

        job.stage = "export"
        transcript = replace(transcript, metadata=config.metadata_for(folder.id))
        if write_exports(folder, transcript, transcript_key, config.formats, config.subtitles, config.export):
            result.redone.append("export")
        result.status = "done" if result.redone else "cached"
        if recording.partial:  # what decoded is transcribed and kept, but the run is not "done"
            result.status, result.stage = "partial", "ingest"
            result.error = (f"partial: {recording.partial}; the transcript covers the decoded part only "
                            "(the file is truncated or damaged: transcribe a complete copy if there is one)")
    except KikigakiError as e:
        result.status, result.stage, result.error, result.exception = "failed", job.stage, str(e), e
    except Exception as e:  # an unexpected failure still must not stop the batch
        result.status, result.stage, result.exception = "failed", job.stage, e
        result.error = f"{type(e).__name__}: {e}"
    result.wall = time.perf_counter() - started
    _write_run_record(folder, result)
    hook(Event(folder.id, "done", 1, 1, result.status))
    return result


RUN_RECORD = "run"  # .kikigaki/run.json: how the last run of this recording went (the catalog's source)


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


def learned_config(config: Config, out: Path) -> Config:
    """The config with OUT's learned glossary (archivists' corrections in review) after its own."""
    from dataclasses import replace

    from .glossary import load_learned, with_learned
    learned = load_learned(out)
    return replace(config, glossary=with_learned(config.glossary, learned)) if learned else config


def _scorer_wanted(config: Config) -> bool:
    return bool(config.glossary and config.nlp.glossary_correction and config.nlp.acoustic_check)


def _scorer(job: _Job, config: Config):
    """Whisper's judge of glossary proposals made of ordinary words (loaded only if one is asked)."""
    if not _scorer_wanted(config):
        return None
    from .asr.likelihood import Scorer
    return Scorer.for_glossary(job.spilled_samples, [t.text for t in config.glossary], config.asr)


class Beside:
    """A computation in a daemon thread: Ctrl-C in the main thread never waits for it (an executor's
    thread would be joined, holding the interrupt for as long as diarization has left to run)."""

    def __init__(self, fn: Callable[..., Any], *args: Any):
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, args=(fn, args), daemon=True, name="kikigaki-beside").start()

    def _run(self, fn, args) -> None:
        try:
            self._value = fn(*args)
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


def _diarize_beside(audio: Audio, config: Config) -> dict[str, Any]:
    """Diarization in a thread beside recognition, on the cores CTranslate2 leaves free."""
    import torch

    from .asr.faster_whisper import threads
    from .diarize import diarize
    torch.set_num_threads(max(1, cores() - threads(config.asr)))
    try:
        return diarize(audio, config.diarize).to_dict()
    finally:
        release()  # this thread's arena gives back what diarization freed, while recognition goes on


def write_exports(folder: WorkFolder, transcript: Transcript, transcript_key: str, formats: tuple[str, ...],
                  subtitles: SubtitleOptions, export: ExportOptions = ExportOptions()) -> bool:
    """Render each format over the transcript with the archivists' corrections applied; a format is
    re-rendered only when the transcript, its metadata, the corrections or its options changed.
    What it rendered with is kept, so the review app re-renders the same after an edit. True if any was.
    Writing holds the recording's lock, and reads the corrections again under it: an edit a review
    server saves meanwhile is never overwritten by exports made without it."""
    settings = {"formats": list(formats), "subtitles": options_dict(subtitles), "export": options_dict(export),
                "metadata": transcript.metadata.to_dict()}
    if folder.load("export_settings", "v1") != settings:
        folder.save("export_settings", "v1", settings)
    if not _stale_exports(folder, transcript, transcript_key, formats, subtitles, export)[0]:
        return False  # up to date: nothing to lock (OUT may even be read-only)
    with folder.lock():
        stale, edits, made, keys = _stale_exports(folder, transcript, transcript_key, formats, subtitles, export)
        if not stale:
            return False
        from .corrections import CorrectionsLayer, apply_corrections
        transcript = apply_corrections(transcript, edits, CorrectionsLayer(folder.root, folder.id).path.name)
        for fmt in stale:
            target = folder.output(extension(fmt))
            atomic_write(target, render(fmt, transcript, subtitles, page_dir=target.parent, export=export))
            made[fmt] = keys[fmt]
            folder.save("exports", "v1", made)
    return True


def _stale_exports(folder: WorkFolder, transcript: Transcript, transcript_key: str, formats: tuple[str, ...],
                   subtitles: SubtitleOptions, export: ExportOptions):
    """The formats to render again, with the edits, the stored export keys and the new keys."""
    from .corrections import CorrectionsLayer
    edits = CorrectionsLayer(folder.root, folder.id).edits()
    made = folder.load("exports", "v1") or {}
    metadata = transcript.metadata.to_dict()
    keys = {fmt: make_key(transcript_key, edits, fmt, options_dict(subtitles), options_dict(export), metadata)
            for fmt in formats}
    stale = [fmt for fmt in formats if made.get(fmt) != keys[fmt] or not folder.output(extension(fmt)).is_file()]
    return stale, edits, made, keys


def _ingest(job: _Job, sha: str) -> dict[str, Any]:
    info = job.audio().info
    return {"id": job.folder.id, "source": str(job.path), "duration": round(info.duration, 3), "sha256": sha,
            "sample_rate": info.sample_rate, "channels": info.channels, "format": info.format,
            "declared_duration": None if info.declared is None else round(info.declared, 3),
            "partial": info.damage or None}


def _sha256(path: Path, folder: WorkFolder, remember: bool = True) -> str:
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


def _assemble(recording: Recording, asr, diarization, config: Config) -> Transcript:
    """Words get speakers (segments split at each change); speakers get names by enrollment,
    else by the collection's names in order of first speech."""
    from .assemble import assign_speakers, flag_overlaps
    from .nlp.morph import word_starts
    turns = list(diarization.turns)
    segments = assign_speakers(asr.segments, turns, word_starts) if turns else asr.segments
    if diarization.overlapping:
        segments = flag_overlaps(segments, list(diarization.overlapping))
    speakers = tuple(
        Speaker(sid, diarization.names.get(sid) or (config.speaker_names[i] if i < len(config.speaker_names) else None))
        for i, sid in enumerate(diarization.speaker_ids))
    provenance = {
        "pipeline_version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),  # archive formats date the file
        "collection": config.collection or None,
        "stages": {
            "ingest": {"decoder": "PyAV", "versions": package_versions("av"),
                       "decoded": recording.duration, "declared": recording.declared_duration,
                       "partial": bool(recording.partial)},
            "asr": asr.provenance,
            "diarize": diarization.provenance,
            "export": {"subtitles": options_dict(config.subtitles), "formats": list(config.formats)},
        },
        "glossary": [t.text for t in config.glossary],
    }
    return Transcript(recording=recording, segments=segments, speakers=speakers, gaps=asr.gaps,
                      provenance=provenance, turns=tuple(turns))
