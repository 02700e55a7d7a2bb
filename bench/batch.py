"""Bench 2: one POST /v1/deadlines/batch of 10,000 mixed deadlines through the Flask test client.

Server-side time (the whole request through the WSGI app, the body already encoded) against the
floor any JSON service pays in the same process: `json.loads` of the request plus `json.dumps` of
the response. Measured with and without `steps` (a caller recomputing at night may not want them).
`python -m bench --profile-batch` writes a pyinstrument profile of one batch.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import random
import statistics

from .common import best_of_each, ms, rounds_of_each, row


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


@functools.cache
def _deadline_schema():
    from calc.api import deadlines

    return deadlines.DeadlineIn()


def _marshmallow_reads(item):
    """DeadlineIn read by marshmallow itself (one schema, made once), instead of
    `deadline_body.read` (DeadlineIn.load)."""
    from marshmallow import Schema

    return Schema.load(_deadline_schema(), item)


def measure(client, items: list[dict], repeat: int = 7, without: dict | None = None) -> dict:
    """Server-side time and the floor, in interleaved rounds; `without` adds the same request with
    each named path replaced (`read`: marshmallow reading DeadlineIn instead of the reader;
    `without_steps`: the stepped count instead of calc/periods/fast.py's; same bytes out, checked)."""
    from calc.api import deadlines
    from calc.periods import fast

    modules = {"read": (deadlines, _marshmallow_reads), "without_steps": (fast, lambda *a: None)}

    body = json.dumps({"items": items}, ensure_ascii=False).encode()
    response = client.post("/v1/deadlines/batch", data=body, content_type="application/json")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    answer = json.loads(response.get_data())
    assert len(answer["items"]) == len(items)
    errors = sum(1 for a in answer["items"] if "error" in a)

    def post():
        return client.post("/v1/deadlines/batch", data=body, content_type="application/json").get_data()

    def switched_off(names):
        def run():
            saved = {n: getattr(modules[n][0], n) for n in names}
            for n in names:
                setattr(modules[n][0], n, modules[n][1])
            try:
                return post()
            finally:
                for n, f in saved.items():
                    setattr(modules[n][0], n, f)
        assert run() == response.get_data(), f"switching off {names} changed an answer"
        return run

    sides = {"server": post, "loads": lambda: json.loads(body),
             "dumps": lambda: json.dumps(answer, ensure_ascii=False)}
    sides.update({label: switched_off(names) for label, names in (without or {}).items()})
    rounds = rounds_of_each(sides, repeat)
    t = {name: min(ts) for name, ts in rounds.items()}
    floor = t["loads"] + t["dumps"]
    # beside the best of each, the median of the rounds' own ratios (each round's sides ran back to
    # back, so a slow phase of the machine slows both): the steadier figure when the speed drifts
    by_round = statistics.median(s / (a + b) for s, a, b in zip(rounds["server"], rounds["loads"], rounds["dumps"]))
    out = {"server_s": t["server"], "floor_s": floor, "ratio": t["server"] / floor, "ratio_median": by_round,
           "bytes_in": len(body), "bytes_out": len(response.get_data()), "errors": errors}
    out.update({f"{label}_s": t[label] for label in (without or {})})
    return out


def run(client, count: int = 10_000, out=print) -> dict:
    figures = {}
    out(f"2. POST /v1/deadlines/batch, {count:,} mixed deadlines (workdays, days, months; pauses, "
        "extensions, backward), Flask test client, sides measured in interleaved rounds")
    for steps in (True, False):
        without = {"schema": ("read",)} if steps else {"tables": ("without_steps",)}
        f = measure(client, make_items(count, steps=steps), without=without)
        key = "with_steps" if steps else "without_steps"
        figures[key] = f
        out(row(f"{'with' if steps else 'without'} steps: server-side", ms(f["server_s"]),
                f"({f['bytes_in'] / 1e6:.1f} MB in, {f['bytes_out'] / 1e6:.1f} MB out, {f['errors']} refused items)"))
        out(row("  floor: json.loads(request) + json.dumps(response)", ms(f["floor_s"])))
        out(row("  server / floor", f"{f['ratio']:.2f}×", f"(target ≤ {3 if steps else 3.5}×; best of each side; the step-free 2× was withdrawn, docs/benchmarks.md)"))
        out(row("  server / floor, median of the rounds' ratios", f"{f['ratio_median']:.2f}×"))
        if steps:
            out(row("  marshmallow reading DeadlineIn instead of deadline_body.read", ms(f["schema_s"]),
                    f"({f['schema_s'] / f['floor_s']:.2f}× the floor; the reader is "
                    f"{f['schema_s'] / f['server_s']:.2f}× faster, identical bytes out)"))
        else:
            out(row("  without the step-free count (periods.due, the reference count)", ms(f["tables_s"]),
                    f"({f['tables_s'] / f['floor_s']:.2f}× the floor; the step-free count is "
                    f"{f['tables_s'] / f['server_s']:.2f}× faster, identical bytes out)"))
    return figures


def breakdown(loaded, count: int = 10_000, out=print) -> dict:
    """Where a batch's time goes, item by item (interleaved rounds, as in `measure`)."""
    from calc.api import deadlines

    items = make_items(count)
    args = [deadlines.read(i) for i in items]
    dues = [deadlines.compute(a, loaded) for a in args]
    quiet_items = [dict(i, steps=False) for i in items]
    quiet = [deadlines.read(i) for i in quiet_items]
    t = best_of_each({
        "load": lambda: [deadlines.read(i) for i in items],
        "due": lambda: [deadlines.compute(a, loaded) for a in args],
        "json": lambda: [deadlines.as_json(d) for d in dues],
        "due_quiet": lambda: [deadlines.compute(a, loaded, explain=False) for a in quiet],
        "slots_quiet": lambda: [deadlines.answer_item(i, loaded) for i in quiet_items],
    }, 5)
    out(row("  where it goes: reading (deadline_body.read)", ms(t["load"])))
    out(row("  where it goes: periods.due (with its steps)", ms(t["due"])))
    out(row("  where it goes: as_json", ms(t["json"])))
    out(row("  where it goes: periods.due without steps (its step-free count)", ms(t["due_quiet"])))
    out(row("  where it goes: a whole slot without steps (read, count, answer)", ms(t["slots_quiet"])))
    return {f"{k}_s": v for k, v in t.items()}


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
