"""Load (issue 7 item 5) and HTTP overhead (issue 8 item 3) under gunicorn with the repo's config.

The load mix is what a bureau's systems and officers send: calendar look-ups, single deadlines,
small nightly batches, penalty lists and assessments, timelines, events, inspection plans,
responsibility searches and a page or two, taken from whatever /openapi.json offers when the bench
runs. Every request is sent once before the run and must answer 2xx: a bad bench body is reported
and left out, so the error count measures the server under load only.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
from pathlib import Path
from urllib.parse import quote

from .common import row
from .driver import Request, Result, drive


def _post(path: str, body: dict) -> Request:
    return Request("POST", path, json.dumps(body, ensure_ascii=False).encode())


def candidates(server, seed: int = 7) -> list[Request]:
    rng = random.Random(seed)
    spec = json.loads(server.request("GET", "/openapi.json")[1])
    paths = spec.get("paths", {})
    day = lambda: (dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(5800))).isoformat()  # noqa: E731
    out: list[Request] = []
    for _ in range(20):
        out.append(Request("GET", f"/v1/calendar/{day()}"))
    for _ in range(10):
        a = day()
        out.append(Request("GET", f"/v1/calendar/workdays?start={a}&end={(dt.date.fromisoformat(a) + dt.timedelta(days=rng.randint(1, 400))).isoformat()}"))
    for _ in range(30):
        unit = rng.choice(["workdays", "days", "months"])
        out.append(_post("/v1/deadlines", {"start": day(), "amount": rng.randint(1, 60 if unit != "months" else 12),
                                           "unit": unit}))
    for _ in range(3):
        items = [{"start": day(), "amount": rng.randint(1, 30), "unit": rng.choice(["workdays", "days"]),
                  "steps": False} for _ in range(50)]
        out.append(_post("/v1/deadlines/batch", {"items": items}))
    out += [Request("GET", "/healthz"), Request("GET", "/v1/meta")]
    ids = _ids(server)
    if "/v1/penalties" in paths:
        out += [Request("GET", "/v1/penalties"), Request("GET", "/v1/penalties?q=" + quote("印章"))]
        for vid in ids.get("penalties", [])[:6]:
            out.append(Request("GET", f"/v1/penalties/{vid}"))
            out.append(_post(f"/v1/penalties/{vid}/assess", {"act_date": "2026-03-02", "decision_date": "2026-04-01",
                                                            "party": "individual", "circumstances": []}))
    if "/v1/penalties/late-fee" in paths:
        out.append(_post("/v1/penalties/late-fee", {"fine": 1000, "served": "2026-01-05", "paid": "2026-03-02"}))
    if "/v1/timelines" in paths:
        out.append(Request("GET", "/v1/timelines"))
        for pid in ids.get("timelines", [])[:6]:
            out.append(_post(f"/v1/timelines/{pid}", {"start": "2026-03-02"}))
    if "/v1/events" in paths:
        out += [Request("GET", "/v1/events?start=2026-01-01&end=2026-12-31"),
                Request("GET", "/v1/events.ics?start=2026-01-01&end=2026-12-31")]
    if "/v1/inspections" in paths:
        out.append(Request("GET", "/v1/inspections"))
        for rid in ids.get("inspections", [])[:6]:
            out.append(_post(f"/v1/inspections/{rid}/plan", {"start": "2026-01-01", "end": "2026-12-31",
                                                             "population": 40}))
    if "/v1/responsibilities" in paths:
        out += [Request("GET", "/v1/responsibilities?q=" + quote(q)) for q in ("治安", "户口", "网吧")]
    out += [Request("GET", "/"), Request("GET", "/docs")]
    return out


def _ids(server) -> dict[str, list[str]]:
    found = {}
    for area, path in (("penalties", "/v1/penalties"), ("timelines", "/v1/timelines"),
                       ("inspections", "/v1/inspections")):
        status, body = server.request("GET", path)
        if status == 200:
            found[area] = [item["id"] for item in json.loads(body).get("items", []) if "id" in item]
    return found


def preflight(server, requests: list[Request]) -> tuple[list[Request], list[str]]:
    ok, dropped = [], []
    for r in requests:
        status, body = server.request(r.method, r.path, r.body)
        if 200 <= status < 400:
            ok.append(r)
        else:
            dropped.append(f"{r.method} {r.path} -> {status} {body[:120]!r}")
    return ok, dropped


def run_load(server, seconds: int = 60, concurrency: int = 64, tool: str | None = None, out=print) -> dict:
    requests, dropped = preflight(server, candidates(server))
    kinds = sorted({f"{r.method} " + "/".join(r.path.split("?")[0].split("/")[:3]) for r in requests})
    result = drive(server, requests, seconds, concurrency, tool)
    out(f"5. Load: {len(requests)} distinct requests, {seconds} s at concurrency {concurrency}, {result.tool}, "
        f"gunicorn with the repo's config; mix: {', '.join(kinds)}")
    out(row("requests per second", f"{result.rps:,.0f}", f"({result.requests:,} requests)"))
    out(row("latency p50 / p99", f"{result.p50_ms:.1f} / {result.p99_ms:.1f} ms"))
    out(row("errors (non-2xx/3xx, socket errors, timeouts)", f"{result.errors}", "(must be 0)"))
    for d in dropped:
        out(f"  left out (failed before the run): {d}")
    return {"rps": result.rps, "p50_ms": result.p50_ms, "p99_ms": result.p99_ms, "errors": result.errors,
            "requests": result.requests, "tool": result.tool, "dropped": dropped, "endpoints": kinds}


def run_overhead(server, seconds: int = 10, concurrency: int = 64, tool: str | None = None, out=print) -> dict:
    """Both endpoints in alternating rounds of about 2 s (this machine's speed drifts within
    seconds); the ratio is the median of the rounds' ratios, the rps the totals over all rounds."""
    body = json.dumps({"start": "2026-09-21", "amount": 20, "unit": "workdays"}).encode()
    real = [Request("POST", "/v1/deadlines", body)]
    bare = [Request("POST", "/bench/bare", body)]
    for reqs in (real, bare):
        assert server.request(reqs[0].method, reqs[0].path, reqs[0].body)[0] == 200
    drive(server, bare, 2, concurrency, tool)  # warm-up
    rounds = max(1, seconds // 2)
    step = max(1, round(seconds / rounds))
    runs, cpu = [], []
    for _ in range(rounds):
        (r, r_cpu), (b, b_cpu) = (_with_cpu(server, reqs, step, concurrency, tool) for reqs in (real, bare))
        runs.append((r, b))
        if r_cpu and b_cpu:
            cpu.append((r_cpu, b_cpu))
    ratio = statistics.median(r.rps / b.rps for r, b in runs)
    r_real, r_bare = (_total([run[k] for run in runs]) for k in (0, 1))
    out(f"3. HTTP overhead: POST /v1/deadlines vs a bare endpoint returning the same bytes, same app and "
        f"server, {rounds} alternating rounds of {step} s each at concurrency {concurrency}, {r_real.tool}")
    out(row("POST /v1/deadlines", f"{r_real.rps:,.0f} rps", f"(p50 {r_real.p50_ms:.1f} ms, p99 "
                                                            f"{r_real.p99_ms:.1f} ms, {r_real.errors} errors)"))
    out(row("POST /bench/bare (fixed JSON)", f"{r_bare.rps:,.0f} rps", f"(p50 {r_bare.p50_ms:.1f} ms, p99 "
                                                                      f"{r_bare.p99_ms:.1f} ms, {r_bare.errors} errors)"))
    out(row("deadlines / bare, median of the rounds", f"{ratio:.2f}",
            f"(target ≥ 0.8; rounds {', '.join(f'{r.rps / b.rps:.2f}' for r, b in runs)})"))
    cpu_ratio = statistics.median(b / r for r, b in cpu) if cpu else float("nan")
    if cpu:
        out(row("  workers' CPU per request, deadlines / bare", f"{statistics.median(r for r, _ in cpu) * 1e6:.0f} / "
                f"{statistics.median(b for _, b in cpu) * 1e6:.0f} µs",
                f"(bare / deadlines {cpu_ratio:.2f}: the same comparison, steadier on a shared machine)"))
    return {"real_rps": r_real.rps, "bare_rps": r_bare.rps, "ratio": ratio, "cpu_ratio": cpu_ratio,
            "errors": r_real.errors + r_bare.errors}


def _with_cpu(server, requests: list[Request], seconds: int, concurrency: int, tool) -> tuple[Result, float | None]:
    """A run and the CPU time its workers spent per request (None when a worker was recycled
    meanwhile): other processes' load slows a round, but hardly changes what a request costs."""
    before = _worker_cpu(server)
    result = drive(server, requests, seconds, concurrency, tool)
    after = _worker_cpu(server)
    if set(after) != set(before) or not result.requests:
        return result, None
    return result, sum(after[p] - before[p] for p in after) / result.requests


def _worker_cpu(server) -> dict[int, float]:
    """User plus system CPU seconds of each gunicorn worker, all its threads (/proc/<pid>/stat)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in server.workers():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _total(results: list[Result]) -> Result:
    """Rounds summed: requests and errors added, rps over the whole time, latencies the median round's."""
    seconds = sum(r.seconds for r in results)
    requests = sum(r.requests for r in results)
    return Result(results[0].tool, seconds, requests, requests / seconds,
                  statistics.median(r.p50_ms for r in results), statistics.median(r.p99_ms for r in results),
                  sum(r.errors for r in results))
