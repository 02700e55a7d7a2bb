"""The JSON of one period's due date: POST /v1/deadlines, each batch item, and `calc due --json`."""
from __future__ import annotations

from .. import periods


def as_json(d: periods.Due, with_steps: bool = True) -> dict:
    out = {"start": d.start.isoformat(), "amount": d.period.amount, "unit": d.period.unit,
           "direction": d.period.direction, "due": d.due.isoformat(), "provisional": d.provisional,
           "calendar_years": list(d.calendar_years)}
    if d.range:
        out["range"] = {"earliest": d.range[0].isoformat(), "latest": d.range[1].isoformat()}
    if with_steps:
        out["steps"] = [{"rule": s.rule, "date": s.date.isoformat(), "basis": s.basis} for s in d.steps]
    return out
