"""The JSON of one period's due date: POST /v1/deadlines, each batch item, and `calc due --json`."""
from __future__ import annotations

from .. import periods
from .days import iso
from .rules import rule_version
from .steps import steps_json


def rules_json(digest: str) -> list[dict]:
    """A batch says once, beside its items, which counting rules they were all counted by."""
    return [rule_version("counting_rules", "periods", digest=digest)]


def as_json(d: periods.Due, with_steps: bool = True, with_rules: bool = True) -> dict:
    period = d.period
    out = {"start": iso(d.start), "amount": period.amount, "unit": period.unit,
           "direction": period.direction, "due": iso(d.due), "provisional": d.provisional,
           "calendar_years": list(d.calendar_years)}
    if with_rules and d.rules_digest:
        out["rule_versions"] = rules_json(d.rules_digest)
    if d.range:
        out["range"] = {"earliest": iso(d.range[0]), "latest": iso(d.range[1])}
    if with_steps:
        out["steps"] = steps_json(d.steps)
    return out
