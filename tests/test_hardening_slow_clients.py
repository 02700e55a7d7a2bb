"""Slow clients (issue 18, finding 1): the stack `calc serve`, `scripts/serve` and the container run
(gunicorn with calc.serving) keeps answering /healthz within a second while 200 connections trickle
their headers or their bodies for 60 s.

Under the old gthread workers (2 workers x 4 threads) eight such connections stopped every answer:
`CALC_WORKER_CLASS=gthread` makes this test fail within its first seconds. Loopback only, a free
port, 200 sockets driven by one selector thread; CALC_SLOW_SECONDS shortens the 60 s.
"""
from __future__ import annotations

import os
import selectors
import socket
import threading
import time

import pytest

from .test_hardening import Gunicorn

SECONDS = float(os.environ.get("CALC_SLOW_SECONDS", 60))
CONNECTIONS = 200


class Tricklers:
    """CONNECTIONS sockets, half sending a request's headers and half its body, one byte a second
    each; a socket the server drops is opened again, as an attacker would."""

    def __init__(self, port: int):
        self.port = port
        self.opened = self.dropped = self.bytes = 0
        self.stop = threading.Event()
        self.selector = selectors.DefaultSelector()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def connect(self, kind: str):
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.setblocking(False)
        if kind == "headers":
            pending = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 4000 + b"\r\n\r\n"
            first = pending[:20]
        else:
            body = b'{"start": "2026-09-21", "amount": 20, "unit": "workdays", "pad": "' + b"x" * 4000 + b'"}'
            first = (b"POST /v1/deadlines HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
            pending = first + body
        sock.send(first)
        self.opened += 1
        self.selector.register(sock, selectors.EVENT_READ, {"kind": kind, "rest": pending[len(first):]})

    def run(self):
        for i in range(CONNECTIONS):
            self.connect("headers" if i % 2 else "body")
        while not self.stop.is_set():
            started = time.monotonic()
            for key in list(self.selector.get_map().values()):
                sock, state = key.fileobj, key.data
                try:
                    if sock.recv(65536, socket.MSG_PEEK) == b"":  # closed by the server
                        raise ConnectionResetError
                except BlockingIOError:
                    pass
                except OSError:
                    self.reopen(sock, state["kind"])
                    continue
                try:
                    if state["rest"]:
                        sock.send(state["rest"][:1])
                        state["rest"] = state["rest"][1:]
                        self.bytes += 1
                except OSError:
                    self.reopen(sock, state["kind"])
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()

    def reopen(self, sock, kind: str):
        self.selector.unregister(sock)
        sock.close()
        self.dropped += 1
        try:
            self.connect(kind)
        except OSError:
            pass

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(30)


def healthz_seconds(port: int) -> float:
    """Seconds /healthz took on a fresh connection; inf if it did not answer 200 within 1 s."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.settimeout(max(0.05, 1 - (time.monotonic() - started)))
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                answer += chunk
    except OSError:
        return float("inf")
    return time.monotonic() - started if answer.startswith(b"HTTP/1.1 200") else float("inf")


@pytest.mark.slow
def test_healthz_answers_within_a_second_while_200_connections_trickle(tmp_path, schedules_copy):
    with Gunicorn(tmp_path, schedules_copy, env={"CALC_ACCESS_LOG": "0"}, workers=2) as server:
        assert healthz_seconds(server.port) < 1
        probes = []
        with Tricklers(server.port) as slow:
            deadline = time.monotonic() + SECONDS
            while time.monotonic() < deadline:
                probes.append(healthz_seconds(server.port))
                assert probes[-1] < 1, (f"/healthz did not answer within 1 s after {len(probes)} probes "
                                        f"with {slow.opened} slow connections opened")
                time.sleep(0.5)
            assert slow.opened >= CONNECTIONS and slow.bytes > CONNECTIONS  # they really trickled
        assert server.proc.poll() is None
    assert len(probes) >= SECONDS, probes  # at least one probe every second or so
    print(f"{len(probes)} probes, slowest {max(probes) * 1000:.0f} ms; {slow.opened} slow connections, "
          f"{slow.dropped} dropped by the server")


@pytest.fixture()
def schedules_copy(tmp_path):
    import shutil

    from calc import schedules

    root = tmp_path / "schedules"
    shutil.copytree(schedules.DEFAULT_ROOT, root)
    return root


def test_a_request_not_sent_whole_within_the_read_timeout_is_dropped_with_408(tmp_path, schedules_copy):
    with Gunicorn(tmp_path, schedules_copy, env={"CALC_ACCESS_LOG": "0", "CALC_READ_TIMEOUT": "2"}) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"POST /v1/deadlines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
            started = time.monotonic()
            answer = sock.recv(4096)
            waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408") and b'"reason": "timeout"' in answer
        assert 1.5 < waited < 5
        assert healthz_seconds(server.port) < 1


# -- how the worker tells a whole request (calc/worker.py) -------------------------------------------------

from calc import worker  # noqa: E402

LIMIT = 1000


@pytest.mark.parametrize("data, expected", [
    (b"GET / HTTP/1.1\r\nHost: x\r\n", ("wait", 0)),
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", ("whole", 27)),
    (b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n", ("whole", 27)),  # pipelined: the first is whole
    (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", ("wait", 43)),
    (b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde", ("whole", 43)),
    (b"POST / HTTP/1.1\r\ncontent-length: 1001\r\n\r\n", ("too_large", 0)),
    (b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", ("parser", 0)),
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", ("parser", 0)),
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", ("wait", 0)),
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", ("whole", 47 + 13)),  # head 17+28+2, body 3+5+3+2
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n0\r\nT: 1\r\n\r\n", ("whole", 47 + 23)),  # a trailer field
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ("parser", 0)),
    (b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n" + b"a" * 10, ("whole", 47 + 15)),  # 0x3e9 = 1001 > 1000: to the app, which refuses it
    (b"GET /" + b"a" * worker.HEADERS_LIMIT, ("parser", 0)),
])
def test_the_worker_tells_a_whole_request(data, expected):
    assert worker.complete(bytearray(data), LIMIT) == expected
