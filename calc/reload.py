"""Schedules under gunicorn: validated by the master before any worker sees them, so that a bad
file on `kill -HUP` never takes the service down.

On start and on every HUP the master copies the schedules directories (each layer named in
`CALC_SCHEDULES`, or the bundled set) to a snapshot, runs `calc check` on the snapshot in a
subprocess (the master never imports the calculator itself, so a HUP also picks up new code), and
only if it passes do the workers it forks next read that snapshot (`CALC_SCHEDULES`). If the new files are bad, the log says which file, key and problem,
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

OK = re.compile(r"^schedules ok: .* digest (?P<digest>[0-9a-f]+)", re.M)


class State:
    source: list[Path] | None = None  # the layers the operator edits, bottom first
    snapshot: Path | None = None  # the last good copy, which workers load
    layers: list[Path] = []  # its layer directories, bottom first
    digest: str | None = None


def source_roots() -> list[Path]:
    """The directories named in CALC_SCHEDULES, or the bundled set. The bundled set beneath an
    overlay is part of the installed code and is not copied: it changes only with the code."""
    if State.source is None:
        named = [p for p in os.environ.get("CALC_SCHEDULES", "").split(os.pathsep) if p.strip()]
        State.source = [Path(p).expanduser().resolve() for p in named] or [_bundled()]
    return State.source


def _bundled() -> Path:
    """As calc.schedules.DEFAULT_ROOT; not imported from there, for the master keeps no calculator
    code loaded (a HUP must pick up new code)."""
    here = Path(__file__).resolve().parent
    return here / "bundled" if (here / "bundled" / "periods.toml").is_file() else here.parent / "schedules"


def validate(roots: list[Path]) -> tuple[str | None, str]:
    """(digest, output) of `calc check` on the layers `roots`; digest None when it refused.

    Judged by its output, not its exit status: the gunicorn master reaps children on SIGCHLD."""
    try:
        done = subprocess.run([sys.executable, "-m", "calc.cli", "check"],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "CALC_SCHEDULES": os.pathsep.join(map(str, roots))})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"calc check 无法运行: {exc}"
    output = (done.stdout + done.stderr).strip()
    found = OK.search(done.stdout)
    return (found["digest"] if found else None), output


def refresh(log) -> bool:
    """Snapshot and validate the schedules; keep the last good snapshot if they are bad."""
    sources = source_roots()
    snapshot = Path(tempfile.mkdtemp(prefix="calc-schedules-"))
    layers = [snapshot / f"{i:02d}" / source.name for i, source in enumerate(sources)]  # names kept for /v1/meta
    for source, layer in zip(sources, layers):
        try:
            shutil.copytree(source, layer, ignore=shutil.ignore_patterns(".*"))  # a ConfigMap's ..data
        except OSError as exc:
            shutil.rmtree(snapshot, ignore_errors=True)
            return _refused(log, f"{source}: 无法读取: {exc}")
    digest, output = validate(layers)
    for source, layer in zip(sources, layers):  # name the operator's files, not the snapshot's
        output = output.replace(str(layer), str(source))
    if digest is None:
        shutil.rmtree(snapshot, ignore_errors=True)
        return _refused(log, output)
    old = State.snapshot
    State.snapshot, State.layers, State.digest = snapshot, layers, digest
    if old is not None and old != snapshot:
        shutil.rmtree(old, ignore_errors=True)
    log.info("schedules loaded from %s: digest %s", os.pathsep.join(map(str, sources)), digest)
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
        os.environ["CALC_SCHEDULES"] = os.pathsep.join(map(str, State.layers))


def cleanup():
    if State.snapshot is not None:
        shutil.rmtree(State.snapshot, ignore_errors=True)
        State.snapshot = None
