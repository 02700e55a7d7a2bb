"""Bench 2: one POST /v1/deadlines/batch of 10,000 mixed deadlines through the Flask test client.

Server-side time (the whole request through the WSGI app, the body already encoded) against the
floor any JSON service pays in the same process: `json.loads` of the request plus `json.dumps` of
the response. Measured with and without `steps` (a caller recomputing at night may not want them).
`python -m bench --profile-batch` writes a pyinstrument profile of one batch.
"""
from __future__ import annotations

import datetime as dt
import json
import random

from .common import best_of, ms, row


def make_items(count: int = 10_000, seed: int = 8, steps: bool = True) -> list[dict]:
    rng = random.Random(seed)
    first, span = dt.date(2008, 1, 1), (dt.date(2025, 12, 31) - dt.date(2008, 1, 1)).days
    items = []
    for i in range(count):
        start = first + dt.timedelta(days=rng.randrange(span))
        unit = ("workdays", "days", "months")[i % 3]
        amount = {"workdays": rng.randint(1, 60), "days": rng.randint(1, 90), "months": rng.randint(1, 12)}[unit]
        item = {"start": start.isoformat(), "amount": amount, "unit": unit}
        r = rng.random()
        if r < 0.10:
            p = start + dt.timedelta(days=rng.randint(1, 20))
            item["pauses"] = [{"start": p.isoformat(), "end": (p + dt.timedelta(days=rng.randint(0, 15))).isoformat()}]
        elif r < 0.15:
            item["extension"] = {"amount": rng.randint(1, 30), "unit": "days" if unit != "workdays" else "workdays"}
        elif r < 0.20:
            item["direction"] = "before"
        if not steps:
            item["steps"] = False
        items.append(item)
    return items


def measure(client, items: list[dict], repeat: int = 5) -> dict:
    body = json.dumps({"items": items}, ensure_ascii=False).encode()
    response = client.post("/v1/deadlines/batch", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    answer = json.loads(response.get_data())
    assert len(answer["items"]) == len(items)
    errors = sum(1 for a in answer["items"] if "error" in a)
    server = best_of(lambda: client.post("/v1/deadlines/batch", data=body, content_type="application/json"), repeat)
    floor = best_of(lambda: json.loads(body), repeat) + \
        best_of(lambda: json.dumps(answer, ensure_ascii=False), repeat)
    return {"server_s": server, "floor_s": floor, "ratio": server / floor, "bytes_in": len(body),
            "bytes_out": len(response.get_data()), "errors": errors}


def run(client, count: int = 10_000, out=print) -> dict:
    from calc.api import deadlines

    figures = {}
    items = make_items(count)
    body = json.dumps({"items": items}).encode()
    fast_answer = client.post("/v1/deadlines/batch", data=body, content_type="application/json").get_data()
    original, deadlines.fast_load = deadlines.fast_load, (lambda item: None)
    try:
        slow_answer = client.post("/v1/deadlines/batch", data=body, content_type="application/json").get_data()
        schema_only = measure(client, items)
    finally:
        deadlines.fast_load = original
    assert fast_answer == slow_answer, "the fast path changed an answer"
    figures["schema_per_item"] = schema_only
    out(f"2. POST /v1/deadlines/batch, {count:,} mixed deadlines (workdays, days, months; pauses, "
        "extensions, backward), Flask test client")
    for steps in (True, False):
        f = measure(client, make_items(count, steps=steps))
        key = "with_steps" if steps else "without_steps"
        figures[key] = f
        out(row(f"{'with' if steps else 'without'} steps: server-side", ms(f["server_s"]),
                f"({f['bytes_in'] / 1e6:.1f} MB in, {f['bytes_out'] / 1e6:.1f} MB out, {f['errors']} refused items)"))
        out(row("  floor: json.loads(request) + json.dumps(response)", ms(f["floor_s"])))
        out(row("  server / floor", f"{f['ratio']:.2f}×", "(target ≤ 3×)"))
        if steps:
            out(row("  before the fast path (marshmallow per item)", ms(schema_only["server_s"]),
                    f"({schema_only['ratio']:.2f}× the floor; the fast path is "
                    f"{schema_only['server_s'] / f['server_s']:.2f}× faster, identical bytes out)"))
    return figures


def breakdown(loaded, count: int = 10_000, out=print) -> dict:
    """Where a batch's time goes, item by item."""
    from calc.api import deadlines

    items = make_items(count)
    args = [deadlines.fast_load(i) for i in items]
    t_load = best_of(lambda: [deadlines.fast_load(i) for i in items], 3)
    dues = [deadlines.compute(a, loaded) for a in args]
    t_due = best_of(lambda: [deadlines.compute(a, loaded) for a in args], 3)
    t_json = best_of(lambda: [deadlines.as_json(d) for d in dues], 3)

    out(row("  where it goes: validation (fast path)", ms(t_load)))
    out(row("  where it goes: periods.due (with its steps)", ms(t_due)))
    out(row("  where it goes: as_json", ms(t_json)))
    quiet = [deadlines.fast_load(dict(i, steps=False)) for i in items]
    t_due_quiet = best_of(lambda: [deadlines.compute(a, loaded, explain=False) for a in quiet], 3)
    out(row("  where it goes: periods.due without steps (explain=False)", ms(t_due_quiet)))
    return {"load_s": t_load, "due_s": t_due, "json_s": t_json, "due_quiet_s": t_due_quiet}


def profile(client, count: int = 10_000, path: str = "batch-profile.html"):
    from pyinstrument import Profiler

    body = json.dumps({"items": make_items(count)}, ensure_ascii=False).encode()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    client.post("/v1/deadlines/batch", data=body, content_type="application/json")
    profiler.stop()
    with open(path, "w", encoding="utf-8") as f:
        f.write(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False)[:6000])
    print(f"profile written to {path}")
