"""The tests ask an estimate by keyword, as a caller says it (actual=…, extensions=…): the stage
inputs gathered into calc.timelines.StageInputs, the rest passed on to `estimate`."""
from __future__ import annotations

from dataclasses import fields

from calc.timelines import StageInputs, estimate

_STAGE_INPUTS = {f.name for f in fields(StageInputs)}


def estimate_with(timelines, procedure_id, start, book, rules, **kw):
    inputs = StageInputs(**{k: kw.pop(k) for k in list(kw) if k in _STAGE_INPUTS})
    return estimate(timelines, procedure_id, start, book, rules, inputs, **kw)
