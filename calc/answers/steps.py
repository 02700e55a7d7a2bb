"""The JSON of one step, the same in every answer (deadlines, timelines, penalties, inspections).

The machine `code` stays in the domain (calc.steps.Step): the v1 answers keep their three keys.
"""
from __future__ import annotations

from ..steps import Step


def step_json(s: Step) -> dict:
    return {"rule": s.rule, "date": s.date.isoformat() if s.date is not None else None, "basis": s.basis}


def steps_json(steps) -> list[dict]:
    return [step_json(s) for s in steps]
