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

    def big_body(self, size: int = 16 * 2**20) -> dict:
        """Send `size` bytes of `{"items": [{},{},...]}` (5.3 million items; 560 MB in one worker
        before issue 18) to every worker in turn, each after its peak is reset; the status, the
        resident memory after, and the largest peak growth."""
        data = b'{"items":[' + b",".join([b"{}"] * ((size - 12) // 3)) + b"]}"
        grown, status = 0.0, None
        for pid in self.workers():
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")
            except OSError:
                pass
        base = {pid: _status(pid, "VmRSS") for pid in self.workers()}
        for _ in range(len(base)):
            status = self._post_raw("/v1/deadlines/batch", data)
        for pid, rss in base.items():
            grown = max(grown, _status(pid, "VmHWM") - rss)
        return {"status": status, "after": self.rss_mb(), "grown": grown}

    def _post_raw(self, path: str, data: bytes) -> int:
        """The status of a POST that the server may answer (413) before the body is all sent."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=60) as sock:
            sock.sendall(b"POST %s HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                         b"Connection: close\r\nContent-Length: %d\r\n\r\n" % (path.encode(), len(data)))
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            answer = sock.recv(64)
        return int(answer.split()[1]) if answer.startswith(b"HTTP/") else 0

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


def _status(pid: int, field: str) -> float:
    """A /proc/<pid>/status figure in MB (0 if the process has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
