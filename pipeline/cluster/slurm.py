"""`--cluster slurm:FILE.yaml`: dask-jobqueue's SLURMCluster, scaled to the recordings left.

Each Slurm job is one node's worth of cores running `recordings_per_job` single-threaded Dask workers;
each worker gets its share of the job's cores through KIKIGAKI_CORES (CTranslate2 and torch threads),
and leaves before the job's walltime so adaptive scaling can replace it without losing a recording.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..errors import ConfigError
from ..options import ClusterOptions, load_cluster_table
from .. import CORES_ENV

LEAVE_BEFORE_WALLTIME = 10  # minutes: a worker retires this long before its job is killed


def load_slurm_file(path: Path, base: ClusterOptions | None = None) -> ClusterOptions:
    """The cluster options in a YAML file (the same keys as a config's `[cluster]`), over `base`."""
    import yaml
    path = Path(path)
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as e:
        raise ConfigError(f"Slurm cluster file not found: {path} (see configs/slurm.example.yaml)") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({e})") from e
    merged = load_cluster_table({**_as_table(base or ClusterOptions()), **table}, path.name, path.parent)
    return replace(merged, address=f"slurm:{path}")


def _as_table(options: ClusterOptions) -> dict:
    from ..options import options_dict
    return options_dict(options)


def cluster_kwargs(options: ClusterOptions) -> dict:
    """SLURMCluster's arguments for these options: one thread per worker, the job's cores shared out."""
    per_job = options.recordings_per_job
    if per_job < 1 or options.cores < per_job:
        raise ConfigError(f"Slurm: recordings_per_job ({per_job}) must be between 1 and cores ({options.cores})")
    share = options.cores // per_job
    minutes = _minutes(options.walltime)
    lifetime = ["--lifetime", f"{max(1, minutes - LEAVE_BEFORE_WALLTIME)}m", "--lifetime-stagger", "2m"]
    kwargs = {
        "cores": per_job, "processes": per_job,  # Dask's threads: one per worker process
        "job_cpu": options.cores,                # what Slurm reserves
        "memory": options.memory, "walltime": options.walltime,
        "job_script_prologue": [*options.setup, f"export {CORES_ENV}={share}"],
        "job_extra_directives": list(options.job_directives),
        "worker_extra_args": lifetime,
        "python": options.python or sys.executable,
        "job_name": "kikigaki",
    }
    for key in ("queue", "account", "interface", "local_directory"):
        if getattr(options, key):
            kwargs[key] = getattr(options, key)
    return kwargs


def slurm_cluster(path: str, base: ClusterOptions):
    """A SLURMCluster from the file, scaling between 0 and `max_jobs` jobs with the work left."""
    try:
        from dask_jobqueue import SLURMCluster
    except ImportError as e:
        raise ConfigError(f"dask-jobqueue is not installed: run `pip install dask-jobqueue` ({e})") from e
    options = load_slurm_file(Path(path), base)
    cluster = SLURMCluster(**cluster_kwargs(options))
    cluster.adapt(minimum_jobs=0, maximum_jobs=options.max_jobs)
    return cluster


def _minutes(walltime: str) -> int:
    """Slurm's time formats (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS) in whole minutes."""
    days, dash, clock = walltime.strip().rpartition("-")
    try:
        parts = [int(p) for p in clock.split(":")]
        if dash:  # after a day count: hours first
            hours, minutes = parts[0], parts[1] if len(parts) > 1 else 0
        elif len(parts) == 3:
            hours, minutes = parts[0], parts[1]
        else:  # MM or MM:SS
            hours, minutes = 0, parts[0]
        return int(days or 0) * 1440 + hours * 60 + minutes
    except (ValueError, IndexError) as e:
        raise ConfigError(f"Slurm walltime {walltime!r}: expected HH:MM:SS or D-HH:MM:SS") from e
