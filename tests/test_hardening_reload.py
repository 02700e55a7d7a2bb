"""Reload and respawn survive the temp folder going and the snapshot being deleted (issue 18,
finding 4): `kill -HUP` with the temp folder gone killed the master (`tempfile.mkdtemp` outside the
try), and a worker respawned after the snapshot was deleted could not boot, which stopped the whole
service. Now the master keeps the last good data (in memory too), writes the snapshot back before a
fork, and logs why."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from calc import schedules as schedules_module

from .test_hardening import Gunicorn


@pytest.fixture()
def schedules_copy(tmp_path):
    root = tmp_path / "schedules"
    shutil.copytree(schedules_module.DEFAULT_ROOT, root)
    return root


def workers(server) -> list[int]:
    text = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read_text()
    return [int(p) for p in text.split()]


def snapshots(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("calc-schedules-*"))


def respawn(server) -> None:
    """Kill the worker outright; gunicorn forks a new one, which must boot and answer."""
    (old,) = workers(server)
    os.kill(old, signal.SIGKILL)
    server.wait_for(lambda: workers(server) and workers(server) != [old] and server.status("/healthz") == 200,
                    "a respawned worker answering")


def test_a_respawned_worker_boots_on_the_last_good_data_after_its_snapshot_was_deleted(tmp_path, schedules_copy):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with Gunicorn(tmp_path, schedules_copy, env={"TMPDIR": str(tmp)}) as server:
        digest = server.digest()
        (snapshot,) = snapshots(tmp)
        shutil.rmtree(snapshot)
        respawn(server)
        assert server.digest() == digest and server.proc.poll() is None
        assert "was deleted or changed: writing back digest " + digest in server.log()
        # A snapshot file changed behind the master's back is written back too.
        (periods,) = snapshot.glob("*/*/periods.toml")
        periods.write_text("broken = [\n", "utf-8")
        respawn(server)
        assert server.digest() == digest
        assert server.status("/healthz") == 200


def test_hup_with_the_temp_folder_gone_keeps_the_master_and_reloads(tmp_path, schedules_copy):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with Gunicorn(tmp_path, schedules_copy, env={"TMPDIR": str(tmp)}) as server:
        digest = server.digest()
        shutil.rmtree(tmp)  # the snapshot goes with it
        periods = schedules_copy / "periods.toml"
        periods.write_text(periods.read_text("utf-8") + "\n# 改动：临时目录已被清理\n", "utf-8")
        changed = schedules_module.load(schedules_copy).digest
        assert changed != digest
        server.hup()
        server.wait_for(lambda: server.digest() == changed, f"digest {changed} after HUP without the temp folder")
        assert server.proc.poll() is None
        assert f"temp folder {tmp} is gone" in server.log()
        respawn(server)
        assert server.digest() == changed


def test_hup_that_cannot_make_a_snapshot_is_refused_and_the_old_data_kept(tmp_path, schedules_copy, monkeypatch):
    """No folder can be written: refresh refuses (it used to raise, and the exception ended the
    master's main loop)."""
    import tempfile

    from calc import reload

    logged = []

    class Log:
        def info(self, *a):
            logged.append(("info", a[0] % a[1:]))

        warning = error = info

    monkeypatch.setattr(reload.State, "snapshot", Path("/nonexistent/calc-schedules-old"))
    monkeypatch.setattr(reload.State, "digest", "0123456789abcdef")
    monkeypatch.setattr(reload.State, "source", [schedules_copy])

    def no_folder(*a, **k):
        raise FileNotFoundError(2, "No such file or directory", "/gone")

    monkeypatch.setattr(tempfile, "mkdtemp", no_folder)
    assert reload.refresh(Log()) is False
    assert reload.State.snapshot == Path("/nonexistent/calc-schedules-old")
    assert any("keep serving digest 0123456789abcdef" in line and "快照目录" in line for _, line in logged), logged
