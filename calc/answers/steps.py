"""The JSON of one step, the same in every answer (deadlines, timelines, penalties, inspections).

The machine `code` stays in the domain (calc.steps.Step): the v1 answers keep their three keys.
"""
from __future__ import annotations

from typing import Iterable

from ..steps import Step
from .cites import cited
from .days import iso


def steps_json(steps: Iterable[Step]) -> list[dict]:
    return [{"rule": s.rule, "date": iso(s.date) if s.date is not None else None, **cited(s.basis)}
            for s in steps]
