"""The worker class against gthread (issue 18): the same load mix, both servers up at once, driven
in alternating rounds so that this machine's drift in speed hits both alike; ratios are the median
of the rounds'. `python -m bench --only workers`.

Each server has the repo's config; the baseline differs only in CALC_WORKER_CLASS=gthread, the
worker before issue 18 (whose 8 slots slow clients could hold).
"""
from __future__ import annotations

import statistics

from .common import row
from .driver import drive
from .load import candidates, preflight
from .server import Server


def run(seconds: int = 60, concurrency: int = 64, tool: str | None = None, env: dict | None = None, out=print) -> dict:
    rounds = max(2, seconds // 10)
    step = max(1, round(seconds / rounds))
    with Server(env={**(env or {}), "CALC_WORKER_CLASS": "gthread"}) as old, Server(env=env) as new:
        requests, _ = preflight(new, candidates(new))
        runs = []
        for _ in range(rounds):
            pair = (drive(old, requests, step, concurrency, tool), drive(new, requests, step, concurrency, tool))
            runs.append(pair)
        ratio = statistics.median(n.rps / o.rps for o, n in runs)
        p99 = statistics.median(n.p99_ms / o.p99_ms for o, n in runs)
        tool_name = runs[0][0].tool
        out(f"6. Worker class: calc.worker.BufferingWorker vs gthread, the load mix, {rounds} alternating rounds of "
            f"{step} s at concurrency {concurrency}, {tool_name}")
        for label, k in (("gthread (before)", 0), ("BufferingWorker (now)", 1)):
            total = sum(r[k].requests for r in runs)
            secs = sum(r[k].seconds for r in runs)
            out(row(label, f"{total / secs:,.0f} rps", f"(p50 {statistics.median(r[k].p50_ms for r in runs):.1f} ms, "
                                                       f"p99 {statistics.median(r[k].p99_ms for r in runs):.1f} ms, "
                                                       f"{sum(r[k].errors for r in runs)} errors)"))
        out(row("now / before, requests per second", f"{ratio:.2f}", f"(rounds {', '.join(f'{n.rps / o.rps:.2f}' for o, n in runs)})"))
        out(row("now / before, p99 latency", f"{p99:.2f}"))
        return {"ratio": ratio, "p99_ratio": p99, "errors": sum(o.errors + n.errors for o, n in runs)}
