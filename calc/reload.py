"""Schedules under gunicorn: validated by the master before any worker sees them, so that a bad
file on `kill -HUP` never takes the service down.

On start and on every HUP the master copies the schedules directory to a snapshot, runs
`calc check` on the snapshot in a subprocess (the master never imports the calculator itself, so a
HUP also picks up new code), and only if it passes do the workers it forks next read that
snapshot (`CALC_SCHEDULES`). If the new files are bad, the log says which file, key and problem,
and the new workers load the last good snapshot: the service keeps answering from the old data,
and `/v1/meta` keeps showing the old digest. At first start, bad files refuse the start.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "schedules"
OK = re.compile(r"^schedules ok: .* digest (?P<digest>[0-9a-f]+)", re.M)


class State:
    source: Path | None = None  # what the operator edits
    snapshot: Path | None = None  # the last good copy, which workers load
    digest: str | None = None


def source_root() -> Path:
    if State.source is None:
        State.source = Path(os.environ.get("CALC_SCHEDULES") or DEFAULT_ROOT).resolve()
    return State.source


def validate(root: Path) -> tuple[str | None, str]:
    """(digest, output) of `calc check` on `root`; digest None when it refused.

    Judged by its output, not its exit status: the gunicorn master reaps children on SIGCHLD."""
    try:
        done = subprocess.run([sys.executable, "-m", "calc.cli", "--schedules", str(root), "check"],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "CALC_SCHEDULES": str(root)})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"calc check 无法运行: {exc}"
    output = (done.stdout + done.stderr).strip()
    found = OK.search(done.stdout)
    return (found["digest"] if found else None), output


def refresh(log) -> bool:
    """Snapshot and validate the schedules; keep the last good snapshot if they are bad."""
    source = source_root()
    snapshot = Path(tempfile.mkdtemp(prefix="calc-schedules-"))
    try:
        shutil.copytree(source, snapshot, dirs_exist_ok=True)
    except OSError as exc:
        shutil.rmtree(snapshot, ignore_errors=True)
        return _refused(log, f"{source}: 无法读取: {exc}")
    digest, output = validate(snapshot)
    if digest is None:
        shutil.rmtree(snapshot, ignore_errors=True)
        return _refused(log, output)
    old = State.snapshot
    State.snapshot, State.digest = snapshot, digest
    if old is not None and old != snapshot:
        shutil.rmtree(old, ignore_errors=True)
    log.info("schedules loaded from %s: digest %s", source, digest)
    return True


def _refused(log, why: str) -> bool:
    if State.snapshot is None:
        log.error("schedules refused, not starting: %s", why)
    else:
        log.error("schedules reload refused, workers keep serving digest %s: %s", State.digest, why)
    return False


def worker_env():
    """In a freshly forked worker: load the snapshot the master validated."""
    if State.snapshot is not None:
        os.environ["CALC_SCHEDULES"] = str(State.snapshot)


def cleanup():
    if State.snapshot is not None:
        shutil.rmtree(State.snapshot, ignore_errors=True)
        State.snapshot = None
