"""Drive a server with a list of requests for a fixed time at a fixed concurrency.

wrk (Debian: `apt-get install wrk`) with a generated Lua script when it is installed; otherwise a
Python client (threads, one keep-alive connection each), which is slower and says so.
"""
from __future__ import annotations

import http.client
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None


@dataclass
class Result:
    tool: str
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx answers plus socket errors and timeouts
    detail: str = ""


def lua_string(data: bytes | str) -> str:
    text = data.decode() if isinstance(data, bytes) else data
    level = "=" * 4
    while f"]{level}]" in text:
        level += "="
    return f"[{level}[{text}]{level}]"


def lua_script(requests: list[Request]) -> str:
    rows = []
    for r in requests:
        body = lua_string(r.body) if r.body is not None else "nil"
        rows.append(f"  {{{lua_string(r.method)}, {lua_string(r.path)}, {body}}},")
    return "\n".join([
        "local reqs = {", *rows, "}",
        "local json = {['Content-Type'] = 'application/json'}",
        "local n = #reqs",
        "local i = 0",
        "function setup(thread) thread:set('offset', math.random(n)) end",
        "function init(args) i = tonumber(offset) or 0 end",
        "function request()",
        "  i = i + 1",
        "  local r = reqs[(i % n) + 1]",
        "  if r[3] then return wrk.format(r[1], r[2], json, r[3]) end",
        "  return wrk.format(r[1], r[2])",
        "end",
    ])


def _latency_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}[unit]


def run_wrk(url: str, requests: list[Request], seconds: int, concurrency: int, threads: int = 2) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua_script(requests))
        script = f.name
    try:
        done = subprocess.run(["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "--latency",
                               "--timeout", "10s", "-s", script, url],
                              capture_output=True, text=True, timeout=seconds + 60)
    finally:
        os.unlink(script)
    text = done.stdout
    if done.returncode != 0 or "Requests/sec" not in text:
        raise RuntimeError(f"wrk failed: {done.stdout}\n{done.stderr}")
    total = int(re.search(r"(\d+) requests in", text).group(1))
    took = re.search(r"requests in ([\d.]+)(ms|s|m)", text)
    secs = float(took.group(1)) * {"ms": 1e-3, "s": 1, "m": 60}[took.group(2)]
    pct = {m.group(1): _latency_ms(m.group(2), m.group(3))
           for m in re.finditer(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return Result("wrk", secs, total, total / secs, pct.get("50", float("nan")), pct.get("99", float("nan")),
                  errors, text)


def run_python(host: str, port: int, requests: list[Request], seconds: int, concurrency: int) -> Result:
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    stop = time.monotonic() + seconds

    def worker(k: int):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        i = k
        while time.monotonic() < stop:
            r = requests[i % len(requests)]
            i += 1
            t = time.perf_counter()
            try:
                conn.request(r.method, r.path, body=r.body,
                             headers={"Content-Type": "application/json"} if r.body else {})
                resp = conn.getresponse()
                resp.read()
                if resp.status >= 400:
                    errors[k] += 1
            except (OSError, http.client.HTTPException):
                errors[k] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
            latencies[k].append(time.perf_counter() - t)
        conn.close()

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(concurrency)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(seconds + 30)
    took = time.monotonic() - started
    flat = sorted(x for part in latencies for x in part)
    q = statistics.quantiles(flat, n=100) if len(flat) > 1 else [float("nan")] * 99
    return Result("python", took, len(flat), len(flat) / took, q[49] * 1e3, q[98] * 1e3, sum(errors),
                  "python threads client (wrk not installed): the client, not the server, may be the limit")


def drive(server, requests: list[Request], seconds: int, concurrency: int, tool: str | None = None) -> Result:
    tool = tool or ("wrk" if shutil.which("wrk") else "python")
    if tool == "wrk":
        return run_wrk(server.url, requests, seconds, concurrency)
    return run_python("127.0.0.1", server.port, requests, seconds, concurrency)
