"""gunicorn with the repo's config on a free loopback port, for as long as a bench needs it."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app: str = "bench.app:app", env: dict | None = None):
        self.port = free_port()
        self.app = app
        self.log = Path(tempfile.mkstemp(prefix="calc-bench-", suffix=".log")[1])
        self.env = {**os.environ, "CALC_BIND": f"127.0.0.1:{self.port}", **(env or {})}

    def __enter__(self) -> "Server":
        self.log_file = self.log.open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:calc.serving", self.app],
                                     cwd=REPO, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                text = self.log.read_text(errors="replace")[-2000:]
                self.__exit__()
                raise RuntimeError(f"gunicorn exited: {text}")
            try:
                if self.request("GET", "/healthz")[0] == 200 and len(self.workers()) >= self.expected_workers():
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not come up in 60 s")

    def expected_workers(self) -> int:
        import multiprocessing

        return int(self.env.get("CALC_WORKERS", max(2, multiprocessing.cpu_count())))

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log_file.close()
        self.log.unlink(missing_ok=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            r = conn.getresponse()
            return r.status, r.read()
        finally:
            conn.close()

    def workers(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of each worker (VmRSS), in MB."""
        out = {}
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        out[pid] = int(line.split()[1]) / 1024
            except OSError:
                pass
        return out
