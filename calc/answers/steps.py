"""The JSON of one step, the same in every answer (deadlines, timelines, penalties, inspections).

The machine `code` stays in the domain (calc.steps.Step): the v1 answers keep their three keys.
"""
from __future__ import annotations

from ..steps import Step
from .days import iso


def step_json(s: Step) -> dict:
    return {"rule": s.rule, "date": iso(s.date) if s.date is not None else None, "basis": s.basis}


def steps_json(steps) -> list[dict]:
    # step_json written out: a 10,000-item batch with steps serialises some 25,000 of them
    return [{"rule": s.rule, "date": iso(s.date) if s.date is not None else None, "basis": s.basis}
            for s in steps]
