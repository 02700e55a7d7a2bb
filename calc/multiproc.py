"""prometheus_client's multiprocess mode under gunicorn (calc/serving.py), as its documentation
describes it: one directory, named by PROMETHEUS_MULTIPROC_DIR, where every worker writes its
values (emptied before the workers start), and each worker that exits marked dead.

Imported by gunicorn's master: nothing here imports the app, so workers forked after a HUP still
load the code afresh (calc/api/metrics.py serves /metrics).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MULTIPROC = "PROMETHEUS_MULTIPROC_DIR"


def prepare_multiprocess_dir() -> str | None:
    """Before the workers start: the directory named by PROMETHEUS_MULTIPROC_DIR, emptied (values
    of an earlier run must not be added in), or a new temporary one when none is named."""
    named = os.environ.get(MULTIPROC)
    if named:
        path = Path(named)
        path.mkdir(parents=True, exist_ok=True)
        for old in path.glob("*.db"):
            old.unlink()
        return None
    # In /dev/shm where there is one (as the workers' heartbeat files): a temp folder that an
    # operator's cleanup removes would take every worker's metric files with it (issue 18, finding 4).
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    made = tempfile.mkdtemp(prefix="calc-metrics-", dir=shm)
    os.environ[MULTIPROC] = made
    return made


def worker_exit(pid: int):
    if os.environ.get(MULTIPROC):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def remove_dir(path: str | None):
    if path:
        shutil.rmtree(path, ignore_errors=True)
