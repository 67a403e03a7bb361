"""`kikigaki run --cluster ADDRESS` (and `--jobs N`, which is `local:N`): one Dask task per recording.

The stages (pipeline/stages) run on the worker as they do locally (`stages.runner.process`), writing
their artifacts under OUT, which every worker must see (a shared file system). Each worker process keeps
its models loaded between recordings. A worker that dies mid-recording costs only that recording's unfinished stage:
the scheduler hands the task to another worker, which resumes from the stored artifacts. The client
hears stage progress through Dask's event topics and alone writes the catalog.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Callable, Iterator

from .. import CORES_ENV, cores
from ..stages.runner import Event, Hook, RecordingResult, process
from ..errors import ConfigError
from ..options import ClusterOptions, Config

ADDRESS_HELP = "local:N (N worker processes here), tcp://HOST:PORT (a running Dask scheduler) or slurm:FILE.yaml"
EVENT_FIELDS = {f.name for f in fields(Event)}
CONNECT_TIMEOUT = 20  # seconds to reach a tcp:// scheduler before saying how to start one


def parse_address(address: str) -> tuple[str, str]:
    """('local', 'N') | ('tcp', 'tcp://HOST:PORT') | ('slurm', 'FILE.yaml'), or a ConfigError saying what fits."""
    kind, sep, rest = address.partition(":")
    if kind == "local" and sep and rest.isdigit() and int(rest) > 0:
        return "local", rest
    if kind in ("tcp", "tls") and rest.startswith("//") and ":" in rest[2:]:
        return "tcp", address
    if kind == "slurm" and sep and rest:
        return "slurm", rest
    raise ConfigError(f"--cluster {address!r}: not a cluster address; give {ADDRESS_HELP}")


@contextmanager
def open_client(address: str, options: ClusterOptions | None = None) -> Iterator:
    """A Dask client on the cluster ADDRESS names, closed (and any cluster it started stopped) on exit."""
    from distributed import Client, LocalCluster
    kind, value = parse_address(address)
    options = options or ClusterOptions()
    cluster = None
    if kind == "local":
        workers = int(value)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR, env={CORES_ENV: str(max(1, cores() // workers))})
    elif kind == "slurm":
        from .slurm import slurm_cluster
        cluster = slurm_cluster(value, options)
    try:
        if cluster is not None:
            client = Client(cluster)
        else:
            try:
                client = Client(value, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as e:
                raise ConfigError(f"cannot reach a Dask scheduler at {value} ({type(e).__name__}: {e}); start one "
                                  f"with `dask scheduler --port PORT` and workers with `dask worker {value} "
                                  "--nthreads 1`, or use --cluster local:N") from e
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def run_distributed(todo: list[tuple[Path, RecordingResult]], out: Path, config: Config, force: bool,
                    hook: Hook, address: str, finished: Callable[[RecordingResult], None]) -> None:
    """Fill each RecordingResult in `todo` by running its recording as a task on the cluster;
    `finished` hears each as it completes (in this process). Ctrl-C cancels the tasks."""
    from distributed import as_completed
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)  # the workers check they see it
    topic = f"kikigaki-{uuid.uuid4().hex}"
    ended: set[str] = set()

    def forward(event: tuple) -> None:  # on the client's event loop: stage progress from the workers
        e = Event(**{k: v for k, v in event[1].items() if k in EVENT_FIELDS})  # Dask adds its own keys
        if e.recording not in ended:
            hook(e)

    with open_client(address, config.cluster) as client:
        client.subscribe_topic(topic, forward)
        futures = {}
        try:
            for path, result in todo:
                future = client.submit(run_recording, str(Path(path).resolve()), result.source, str(out), config,
                                       force, topic, key=f"kikigaki-{result.id}-{topic[-8:]}", pure=False)
                futures[future] = result
            for future in as_completed(futures):
                result = futures[future]
                _collect(future, result)
                ended.add(result.id)
                hook(Event(result.id, "done", 1, 1, result.status))
                finished(result)
        except KeyboardInterrupt:
            client.cancel(list(futures), force=True)
            raise
        finally:
            client.unsubscribe_topic(topic)


def _collect(future, result: RecordingResult) -> None:
    from distributed import KilledWorker
    try:
        result.__dict__.update(future.result().__dict__)
    except KilledWorker as e:
        result.status, result.stage = "failed", result.stage or "ingest"
        result.error = ("its worker died every time it was tried (out of memory? killed? Dask's "
                        "distributed.scheduler.allowed-failures says how often); finished stages are kept, "
                        f"run again to resume ({e})")
    except Exception as e:  # the task could not run at all (e.g. kikigaki missing on the worker)
        result.status, result.stage = "failed", result.stage or "ingest"
        result.error = f"the cluster could not run it ({type(e).__name__}: {e})"
        result.traceback = "".join(traceback.format_exception(e))


_one_recording_at_a_time = threading.Lock()  # a worker started with several threads still runs one


def run_recording(path: str, source: str, out: str, config: Config, force: bool, topic: str) -> RecordingResult:
    """The task: one recording through every stage on this worker, its progress sent to the client."""
    from distributed import get_worker
    worker = get_worker()
    result = RecordingResult(Path(path).stem, source, worker=f"{socket.gethostname()}:{os.getpid()}")

    def hook(event: Event) -> None:
        if event.stage != "done":  # the client marks the end itself, when the result is in
            worker.log_event(topic, asdict(event))

    unseen = _unseen(Path(path), Path(out))
    if unseen:
        return replace(result, status="failed", stage="ingest", error=unseen)
    with _one_recording_at_a_time:
        _threads_as_in_a_plain_process()
        process(Path(path), Path(out), config, force, hook, result)
    if result.exception is not None:  # exceptions may not pickle: their traceback travels as text
        result.traceback = "".join(traceback.format_exception(result.exception))
        result.exception = None
    return result


_DASK_THREAD_LIMITS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
_threads_restored = False


def _threads_as_in_a_plain_process() -> None:
    """Dask's nanny starts workers with OpenMP, MKL and OpenBLAS limited to one thread; a plain
    `kikigaki run` has the libraries' defaults. Thread counts change the order of floating-point sums,
    and with it a borderline speaker decision (seen on a Common Voice clip): so a worker takes the
    plain defaults back, for libraries loaded from now on (the variables) and those already loaded
    (threadpoolctl), and its transcripts are the local run's."""
    global _threads_restored
    if _threads_restored:
        return
    import dask
    limits = dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {}
    for var in _DASK_THREAD_LIMITS:
        if var in limits and os.environ.get(var) == str(limits[var]):
            del os.environ[var]
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=os.cpu_count())
    except ImportError:
        pass
    _threads_restored = True


def _unseen(path: Path, out: Path) -> str:
    """Why this worker cannot do the recording's work (it does not see the files), or ''."""
    host = socket.gethostname()
    shared = "the inputs and OUT must be on a file system every worker mounts at the same path"
    if not out.is_dir():
        return f"worker {host} cannot see the output folder {out}: {shared}"
    if not path.is_file():
        return f"worker {host} cannot see the recording {path}: {shared}"
    return ""
