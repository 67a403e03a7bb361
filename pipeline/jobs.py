"""`--jobs N`: recordings processed N at a time, each in a worker process with its share of the cores
(models load once per worker). Progress events come back to the parent's hook through a queue."""
from __future__ import annotations

import os
import threading
import traceback
from pathlib import Path

from . import CORES_ENV, cores
from .batch import Hook, RecordingResult, process
from .options import Config


def run_parallel(todo: list[tuple[Path, RecordingResult]], out: Path, config: Config, force: bool,
                 hook: Hook, jobs: int) -> None:
    """Fill each RecordingResult in `todo` by processing the recordings in `jobs` processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("spawn")  # no forked copies of the parent's threads
    share = max(1, cores() // jobs)
    with context.Manager() as manager:
        events = manager.Queue()
        pump = threading.Thread(target=_pump, args=(events, hook), daemon=True)
        pump.start()
        try:
            with ProcessPoolExecutor(jobs, mp_context=context, initializer=_share, initargs=(share,)) as pool:
                futures = {pool.submit(_work, path, out, config, force, events, result): result
                           for path, result in todo}
                for future in as_completed(futures):
                    result = futures[future]
                    try:
                        result.__dict__.update(future.result().__dict__)
                    except Exception as e:  # the worker died (out of memory, killed): say so, go on
                        result.status, result.stage = "failed", result.stage or "ingest"
                        result.error = f"its worker process stopped ({type(e).__name__}: {e}); run again"
        finally:
            events.put(None)
            pump.join()


def _share(share: int) -> None:
    os.environ[CORES_ENV] = str(share)


def _pump(events, hook: Hook) -> None:
    while (event := events.get()) is not None:
        hook(event)


def _work(path: Path, out: Path, config: Config, force: bool, events, result: RecordingResult) -> RecordingResult:
    process(path, out, config, force, events.put, result)
    if result.exception is not None:  # exceptions may not pickle: their traceback travels as text
        result.traceback = "".join(traceback.format_exception(result.exception))
        result.exception = None
    return result
