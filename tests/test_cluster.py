"""`kikigaki run --cluster`: a real `dask scheduler` and two `dask worker` processes on 127.0.0.1, one
killed while it works (the batch still ends well and the same as a local run); Ctrl-C in the client
cancels; the Slurm job script dask-jobqueue renders from a config (no Slurm here).
The LocalCluster path (`--jobs N` is `--cluster local:N`) is tested in test_batch.py."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CV, ROOT
from pipeline.batch import run_batch
from pipeline.errors import ConfigError
from pipeline.options import Config, load_config

CLIPS = ["common_voice_ja_38833628_16k.wav", "common_voice_ja_38843402_16k.wav", "common_voice_ja_38852485_16k.wav"]
STARTUP = 120  # seconds for the scheduler and workers to come up on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(*args) -> subprocess.Popen:
    """A process in its own group, so the test can end it and its children, and only them."""
    return subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster_in")
    for name in CLIPS:
        shutil.copy(CV / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def local_run(inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cluster_local")
    assert run_batch([inputs], out, Config()).ok
    return out


@pytest.fixture(scope="module")
def scheduler():
    """`dask scheduler` and two `dask worker`s (one thread each), started here on 127.0.0.1."""
    from distributed import Client
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = {"scheduler": _start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--no-dashboard")}
    try:
        for name in ("w1", "w2"):
            procs[name] = _start("distributed.cli.dask_worker", address, "--nthreads", "1", "--name", name,
                                 "--no-dashboard", "--host", "127.0.0.1")
        client = Client(address, timeout=STARTUP)
        client.wait_for_workers(2, timeout=STARTUP)
        yield address, client, procs
        client.close()
    finally:
        for proc in procs.values():
            _stop(proc)


def kikigaki(*args) -> subprocess.Popen:
    """The CLI as a user runs it: Ctrl-C (SIGINT) reaches it even when the tests run in the background,
    where the shell makes processes ignore it."""
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _texts(out: Path, rec: str) -> dict:
    return json.loads((out / rec / f"{rec}.json").read_text(encoding="utf-8"))


def test_worker_killed_mid_recording_batch_still_completes_like_a_local_run(scheduler, inputs, local_run, tmp_path):
    address, client, procs = scheduler
    out = tmp_path / "out"
    run = kikigaki("run", inputs, "-o", out, "--cluster", address)
    killed, deadline = None, time.time() + 600
    while killed is None and run.poll() is None and time.time() < deadline:
        workers = client.scheduler_info()["workers"]
        for addr, keys in client.processing().items():
            for key in keys:  # kill the worker whose recording has finished a stage but not the batch
                rec = str(key).split("-", 1)[1].rsplit("-", 1)[0]
                if (out / rec / ".kikigaki" / "ingest.json").is_file() and killed is None:
                    killed = (workers[addr]["name"], rec)
                    _stop(procs[workers[addr]["name"]])
        time.sleep(0.2)
    stdout, stderr = run.communicate(timeout=900)
    assert killed, "no worker was seen working"
    assert run.returncode == 0, stderr
    for name in CLIPS:
        rec = Path(name).stem
        here, there = _texts(local_run, rec), _texts(out, rec)
        assert [s["text"] for s in there["segments"]] == [s["text"] for s in here["segments"]]
        assert [s["speaker"] for s in there["segments"]] == [s["speaker"] for s in here["segments"]]
        for a, b in zip(there["segments"], here["segments"]):
            assert a["start"] == pytest.approx(b["start"], abs=0.05) and a["end"] == pytest.approx(b["end"], abs=0.05)
    record = json.loads((out / killed[1] / ".kikigaki" / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "done" and "ingest" not in record["redone"], record  # resumed, not redone
    assert record["worker"] and killed[0] not in ("",)
    status = json.loads(subprocess.run([sys.executable, "-m", "pipeline", "status", out, "--json"], cwd=ROOT,
                                       capture_output=True, text=True).stdout)
    assert status["done"] == 3 and not status["failed"] and not status["pending"]


def test_ctrl_c_cancels_the_tasks(scheduler, inputs, tmp_path):
    address, client, procs = scheduler
    if sum(p.poll() is None for name, p in procs.items() if name != "scheduler") == 0:
        pytest.skip("no worker left")
    run = kikigaki("run", inputs, "-o", tmp_path / "out", "--cluster", address, "--force")
    deadline = time.time() + 300
    while not any(client.processing().values()) and time.time() < deadline and run.poll() is None:
        time.sleep(0.2)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr
    deadline = time.time() + 60
    while any(client.processing().values()) and time.time() < deadline:
        time.sleep(0.5)  # the task already running on a worker ends; nothing is left queued
    assert not any(client.processing().values())


def test_worker_that_cannot_see_the_files_fails_the_recording_clearly(tmp_path):
    from pipeline.cluster import _unseen
    assert "cannot see the output folder" in _unseen(CV / CLIPS[0], tmp_path / "not-mounted")
    message = _unseen(tmp_path / "elsewhere.wav", tmp_path)
    assert "cannot see the recording" in message and "file system every worker mounts" in message


@pytest.mark.parametrize("address", ["local:0", "local:x", "tcp://nohost", "slurm:", "ssh://a:1", "local"])
def test_bad_addresses_say_what_fits(address):
    from pipeline.cluster import parse_address
    with pytest.raises(ConfigError, match="local:N"):
        parse_address(address)


def test_slurm_job_script_rendered_from_a_config(tmp_path):
    """The job script dask-jobqueue's SLURMCluster renders from a [cluster] section and a YAML file."""
    from dask_jobqueue import SLURMCluster
    from pipeline.cluster.slurm import cluster_kwargs, load_slurm_file
    (tmp_path / "hpc.yaml").write_text(
        "queue: long\naccount: oralhist\ncores: 16\nmemory: 64GB\nwalltime: '1-00:00:00'\nrecordings_per_job: 4\n"
        "max_jobs: 3\nsetup: ['module load python/3.11', 'source /shared/kikigaki/.venv/bin/activate']\n"
        "job_directives: ['--qos=normal']\n", encoding="utf-8")
    (tmp_path / "archive.toml").write_text('[cluster]\naddress = "slurm:hpc.yaml"\nmemory = "8GB"\n', encoding="utf-8")
    config = load_config(tmp_path / "archive.toml")
    assert config.cluster.address == f"slurm:{tmp_path / 'hpc.yaml'}"
    options = load_slurm_file(tmp_path / "hpc.yaml", config.cluster)
    assert options.memory == "64GB" and options.max_jobs == 3  # the file wins over the section
    cluster = SLURMCluster(**cluster_kwargs(options))
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    lines = script.splitlines()
    for expected in ("#SBATCH -p long", "#SBATCH -A oralhist", "#SBATCH --cpus-per-task=16", "#SBATCH --mem=60G",
                     "#SBATCH -t 1-00:00:00", "#SBATCH --qos=normal", "module load python/3.11",
                     "source /shared/kikigaki/.venv/bin/activate", "export KIKIGAKI_CORES=4"):
        assert expected in lines, (expected, script)
    command = lines[-1]
    assert "--nthreads 1" in command and "--nworkers 4" in command and "--lifetime 1430m" in command
    with pytest.raises(ConfigError, match="recordings_per_job"):
        cluster_kwargs(load_slurm_file(tmp_path / "hpc.yaml", config.cluster).__class__(cores=2, recordings_per_job=4))
    with pytest.raises(ConfigError, match="unknown option"):
        (tmp_path / "bad.yaml").write_text("queues: long\n")
        load_slurm_file(tmp_path / "bad.yaml")


def test_cluster_options_documented_and_example_loads():
    from dataclasses import fields

    from pipeline.cluster.slurm import cluster_kwargs, load_slurm_file
    from pipeline.options import ClusterOptions
    text = (ROOT / "configs" / "default.toml").read_text(encoding="utf-8")
    assert load_config(ROOT / "configs" / "default.toml").cluster == ClusterOptions()
    for f in fields(ClusterOptions):
        assert f"\n{f.name} =" in text, f"{f.name} missing from configs/default.toml"
    example = load_slurm_file(ROOT / "configs" / "slurm.example.yaml")
    assert cluster_kwargs(example)["job_script_prologue"][-1] == "export KIKIGAKI_CORES=2"
