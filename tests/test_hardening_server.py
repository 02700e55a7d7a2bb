"""What gunicorn itself answers and logs (issue 18, findings 2 and 9), on a real server: its own
400/414/431 in the API's shape, 413 for chunked and over-long bodies, workers recycled and never
grown by more than 100 MB by one request; and the app's log lines (no query values, none lost in
silence to a full disk)."""
from __future__ import annotations

import errno
import io
import json
import logging
import socket
import time
from pathlib import Path

import pytest

from calc import serving
from calc.api import security

from .test_hardening import Gunicorn


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import shutil

    from calc import schedules

    tmp = tmp_path_factory.mktemp("server")
    root = tmp / "schedules"
    shutil.copytree(schedules.DEFAULT_ROOT, root)
    with Gunicorn(tmp, root, env={"CALC_ACCESS_LOG": "0", "CALC_MAX_REQUESTS": "100000"}) as running:
        yield running


def exchange(port: int, data: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except (socket.timeout, ConnectionResetError):
            pass
    return answer


def parse(answer: bytes) -> tuple[int, dict, dict]:
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, json.loads(body) if body else {}


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(120)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
    (b"\x00\x01 garbage\r\n\r\n", 400),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400),
])
def test_gunicorns_own_errors_are_json_in_chinese_with_the_security_headers(server, request_bytes, status):
    got, headers, body = parse(exchange(server.port, request_bytes))
    assert got == status
    assert headers["content-type"] == "application/json" and headers["server"] == "calc"
    for name, value in security.HEADERS.items():
        assert headers[name.lower()] == value
    assert body["code"] == status and body["reason"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])


def test_a_chunked_body_over_the_limit_is_413(server):
    """It was a 400: the limit was met inside gunicorn's chunked reader."""
    chunk = b"100000\r\n" + b" " * 0x100000 + b"\r\n"
    answer = exchange(server.port, b"POST /v1/deadlines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   b"Transfer-Encoding: chunked\r\n\r\n" + chunk * 9 + b"0\r\n\r\n")
    status, _, body = parse(answer)
    assert status == 413 and body["reason"] == "too_large"


def test_a_chunked_body_within_the_limit_is_answered(server):
    body = json.dumps({"start": "2026-09-21", "amount": 20, "unit": "workdays"}).encode()
    answer = exchange(server.port, b"POST /v1/deadlines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                   + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    status, _, answer_body = parse(answer)
    assert status == 200 and answer_body["due"] == "2026-10-26"  # as test_hardening.py works it


def test_a_content_length_over_the_limit_is_413_at_once_without_the_body(server):
    started = time.monotonic()
    answer = exchange(server.port, b"POST /v1/deadlines/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   b"Content-Length: 999999999\r\n\r\n{")
    status, headers, body = parse(answer)
    assert status == 413 and body["reason"] == "too_large" and headers["x-content-type-options"] == "nosniff"
    assert time.monotonic() - started < 5


def test_expect_100_continue_gets_its_interim_answer_once(server):
    body = json.dumps({"start": "2026-09-21", "amount": 20, "unit": "workdays"}).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/deadlines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200") and b"100 Continue" not in answer


def test_keep_alive_connections_answer_request_after_request(server):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        for _ in range(5):
            conn.request("POST", "/v1/deadlines", body=json.dumps({"start": "2026-09-21", "amount": 20, "unit": "workdays"}),
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            assert response.status == 200 and json.loads(response.read())["due"] == "2026-10-26"
    finally:
        conn.close()


# -- memory: no single request grows a worker by more than 100 MB ----------------------------------------

def worker_pid(server) -> int:
    (pid,) = [int(p) for p in Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children").read_text().split()]
    return pid


def status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    raise AssertionError(field)


def _fill(prefix: bytes, unit: bytes, suffix: bytes, size: int) -> bytes:
    return prefix + b",".join([unit] * ((size - len(prefix) - len(suffix)) // (len(unit) + 1))) + suffix


ITEM = {"start": "2026-09-21", "amount": 20, "unit": "workdays", "direction": "after", "steps": True,
        "pauses": [{"start": "2026-09-22", "end": "2026-09-23", "reason": "鉴定期间"}] * 2,
        "extension": {"amount": 30, "unit": "days", "basis": "公安机关办理行政案件程序规定第一百六十五条"}}
HEAVY = {
    "16 MB of empty batch items": ("/v1/deadlines/batch", _fill(b'{"items":[', b"{}", b"]}", 16 * 2**20)),
    "8 MiB of empty batch items": ("/v1/deadlines/batch", _fill(b'{"items":[', b"{}", b"]}", 8 * 2**20 - 64)),
    "8 MiB of one-letter strings": ("/v1/deadlines/batch", _fill(b'{"items":[', b'"a"', b"]}", 8 * 2**20 - 64)),
    "8 MiB of unknown keys": ("/v1/deadlines", _fill(b"{", b'"k":1', b"}", 8 * 2**20 - 64)),
    "10,000 full items with steps": ("/v1/deadlines/batch", json.dumps({"items": [ITEM] * 10_000}).encode()),
    "10,000 items with 30 bad pauses": ("/v1/deadlines/batch", json.dumps(
        {"items": [{"start": "2026-09-21", "amount": 20, "unit": "workdays", "pauses": [1] * 30}] * 10_000}).encode()),
    "10,000 items of 38 unknown keys": ("/v1/deadlines/batch", json.dumps(
        {"items": [{f"k{i}": 1 for i in range(38)}] * 10_000}).encode()),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HEAVY))
def test_no_single_request_grows_a_worker_by_more_than_100_mb(server, name):
    path, data = HEAVY[name]
    pid = worker_pid(server)
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets the peak (VmHWM) to what is resident now
    before = status_mb(pid, "VmRSS")
    with socket.create_connection(("127.0.0.1", server.port), timeout=120) as sock:
        sock.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     b"Content-Length: %d\r\n\r\n" % (path.encode(), len(data)))
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused on its Content-Length before the body was read
        answer = b""
        while chunk := sock.recv(1 << 20):
            answer += chunk
    status = int(answer.split()[1])
    assert status in (200, 413), answer[:300]
    assert worker_pid(server) == pid
    grown = status_mb(pid, "VmHWM") - before
    print(f"{name}: {len(data) / 1e6:.1f} MB -> {status}, worker peak +{grown:.0f} MB")
    assert grown <= 100, f"{name}: the worker grew by {grown:.0f} MB"


def test_a_worker_past_its_memory_ceiling_is_replaced_after_its_request(tmp_path):
    import shutil

    from calc import schedules

    root = tmp_path / "schedules"
    shutil.copytree(schedules.DEFAULT_ROOT, root)
    with Gunicorn(tmp_path, root, env={"CALC_MAX_WORKER_MB": "1"}) as small:
        first = worker_pid(small)
        assert small.status("/healthz") == 200
        small.wait_for(lambda: worker_pid(small) != first and small.status("/healthz") == 200, "a fresh worker")
        assert "over 1 MB" in small.log() and "replacing it" in small.log()


def test_workers_are_recycled_with_jitter():
    assert serving.max_requests > 0 and 0 < serving.max_requests_jitter < serving.max_requests


# -- the app's log lines ---------------------------------------------------------------------------------

class Full(io.StringIO):
    """A stream on a full disk until `full` is set to False."""

    full = True

    def write(self, text):
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(text)


def test_log_lines_lost_to_a_full_disk_are_counted_and_reported_when_it_frees():
    stream = Full()
    handler = security.LogStream(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("calc.test-full-disk")
    log.propagate = False
    log.addHandler(handler)
    try:
        for i in range(3):
            log.warning("line %d", i)
        assert handler.lost == 3
        stream.full = False
        log.warning("line 3")
    finally:
        log.removeHandler(handler)
    first, second = stream.getvalue().splitlines()
    assert json.loads(first)["event"] == "log_lines_lost" and json.loads(first)["count"] == 3
    assert second == "line 3" and handler.lost == 0


def test_the_access_log_names_query_parameters_without_their_values(client):
    from .test_hardening import Captured

    captured = Captured()
    logger = logging.getLogger("calc.access")
    old = logger.level
    logger.addHandler(captured)
    logger.setLevel(logging.INFO)
    try:
        client.get("/v1/penalties?q=%E5%8D%B0%E7%AB%A0-secret-words")
        client.get("/inspections?regime=website-security&start=2026-01-01&log=2026-01-15+monthly-check+5")
    finally:
        logger.removeHandler(captured)
        logger.setLevel(old)
    entries = [json.loads(line) for line in captured.lines]
    assert entries[0]["query"] == ["q"] and sorted(entries[1]["query"]) == ["log", "regime", "start"]
    text = "\n".join(captured.lines)
    assert "secret" not in text and "monthly-check" not in text and "印章" not in text


def test_gunicorns_access_log_format_leaves_out_the_query_string():
    assert "%(U)s" in serving.access_log_format
    for with_query in ("%(r)s", "%(q)s"):
        assert with_query not in serving.access_log_format
