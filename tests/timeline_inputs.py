"""The tests ask an estimate by keyword, as a caller says it (actual=…, extensions=…): the stage
inputs gathered into calc.timelines.StageInputs, the rest passed on to `estimate`."""
from __future__ import annotations

from dataclasses import fields

import pytest

from calc.timelines import StageInputs, estimate

_STAGE_INPUTS = {f.name for f in fields(StageInputs)}


def estimate_with(timelines, procedure_id, start, book, rules, **kw):
    inputs = StageInputs(**{k: kw.pop(k) for k in list(kw) if k in _STAGE_INPUTS})
    return estimate(timelines, procedure_id, start, book, rules, inputs, **kw)


@pytest.fixture(scope="module")
def run(schedules, book, rules):
    """`run(procedure_id, start, **inputs)`: the bundled procedure estimated on the published calendar
    (a test module takes it with `from tests.timeline_inputs import run`)."""
    def go(pid, start, **kw):
        return estimate_with(schedules.timelines, pid, start, book, rules, **kw)
    return go


def dues(t):
    """Each stage's due day, by stage id."""
    return {r.stage.id: r.due for r in t.stages}


def stage(t, sid):
    """The answer's row for stage `sid`."""
    return next(r for r in t.stages if r.stage.id == sid)
