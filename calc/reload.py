"""Schedules under gunicorn: validated by the master before any worker sees them, so that a bad
file on `kill -HUP` never takes the service down.

On start and on every HUP the master copies the schedules directories (each layer named in
`CALC_SCHEDULES`, or the bundled set) to a snapshot, runs `calc check` on the snapshot in a
subprocess (the master never imports the calculator itself, so a HUP also picks up new code), and
only if it passes do the workers it forks next read that snapshot (`CALC_SCHEDULES`). If the new files are bad, the log says which file, key and problem,
and the new workers load the last good snapshot: the service keeps answering from the old data,
and `/v1/meta` keeps showing the old digest. At first start, bad files refuse the start.

The snapshot lives in the temp folder, which others may clean: the master keeps the validated
files in memory too, and before forking a worker (`guard`, gunicorn's pre_fork) writes them back if
the snapshot was deleted or changed, so a respawned worker never boots on nothing (which stopped
the whole service). A temp folder that has gone is looked for again (TMPDIR, /tmp, ...); if no
folder can be written, the HUP is refused and the workers keep the last good data.
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
    files: dict[Path, bytes] = {}  # the snapshot's files (relative path -> bytes): written back if it goes


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
    try:
        snapshot = _mkdtemp(log)
    except OSError as exc:
        return _refused(log, f"无法建立 schedules 快照目录: {exc}")
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
    try:
        files = {path.relative_to(snapshot): path.read_bytes() for path in sorted(snapshot.rglob("*")) if path.is_file()}
    except OSError as exc:
        shutil.rmtree(snapshot, ignore_errors=True)
        return _refused(log, f"快照在校验后无法读取: {exc}")
    old = State.snapshot
    State.snapshot, State.layers, State.digest, State.files = snapshot, layers, digest, files
    if old is not None and old != snapshot:
        shutil.rmtree(old, ignore_errors=True)
    log.info("schedules loaded from %s: digest %s", os.pathsep.join(map(str, sources)), digest)
    return True


def _mkdtemp(log) -> Path:
    """A new snapshot folder; if the temp folder has gone since tempfile first chose it, choose
    again (tempfile keeps its first choice for the life of the process)."""
    try:
        return Path(tempfile.mkdtemp(prefix="calc-schedules-"))
    except FileNotFoundError:
        gone, tempfile.tempdir = tempfile.gettempdir(), None
        found = Path(tempfile.mkdtemp(prefix="calc-schedules-"))
        log.warning("temp folder %s is gone: schedules snapshot made in %s", gone, found.parent)
        return found


def guard(log) -> None:
    """Before a worker is forked: the snapshot it will load is the one validated, file for file.
    If it was deleted or changed, write it back (in a new folder if its own cannot be made)."""
    if State.snapshot is None or _intact():
        return
    log.warning("schedules snapshot %s was deleted or changed: writing back digest %s", State.snapshot, State.digest)
    try:
        _write(State.snapshot)
        return
    except OSError as exc:
        log.warning("cannot write the snapshot back in %s (%s): making a new one", State.snapshot, exc)
    try:
        snapshot = _mkdtemp(log)
        _write(snapshot)
    except OSError as exc:
        log.error("no schedules snapshot can be written (%s): the new worker will not start", exc)
        return
    State.layers = [snapshot / layer.relative_to(State.snapshot) for layer in State.layers]
    State.snapshot = snapshot


def _intact() -> bool:
    try:
        return all((State.snapshot / rel).read_bytes() == data for rel, data in State.files.items())
    except OSError:
        return False


def _write(snapshot: Path) -> None:
    for rel, data in State.files.items():
        path = snapshot / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


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
