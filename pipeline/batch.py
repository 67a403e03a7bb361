"""The batch: find recordings, run each through the stages (pipeline/stages), survive bad files,
resume after a crash; `--jobs` and `--cluster` hand the same `process` to worker processes."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from .artifacts import WorkFolder
from .audio import is_media_file
from .errors import KikigakiError
from .export import expand_formats
from .options import Config
from .stages.runner import Event, Hook, RecordingResult, process, source_sha256


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
            sha = source_sha256(path, folder, remember=folder.root.is_dir())  # no folder made for a duplicate
            if sha in first:
                result.status, result.stage = "same", "ingest"
                result.error = (f"same audio as {first[sha]}: transcribed once, in {out / first[sha].stem}/")
                hook(Event(result.id, "done", 1, 1, "same"))
                continue
            first[sha] = path
        kept.append((path, result))
    return kept


def learned_config(config: Config, out: Path) -> Config:
    """The config with OUT's learned glossary (archivists' corrections in review) after its own."""
    from .glossary import load_learned, with_learned
    learned = load_learned(out)
    return replace(config, glossary=with_learned(config.glossary, learned)) if learned else config
