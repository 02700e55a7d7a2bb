"""The JSON of one step, the same in every answer (deadlines, timelines, penalties, inspections).

The machine `code` stays in the domain (calc.steps.Step): the v1 answers keep their three keys.
"""
from typing import Iterable, TypedDict, cast

from ..steps import Step
from .cites import Citation, Cites, cited
from .days import iso
from .doc import Day


class StepOut(TypedDict):
    rule: str
    date: Day
    basis: str
    cites: Cites
    citation: Citation


class NoteStepOut(TypedDict):
    """A step that may give no date (an inspection plan's override, a window's note)."""

    rule: str
    date: Day | None
    basis: str
    cites: Cites
    citation: Citation


def note_steps_json(steps: Iterable[Step]) -> list[NoteStepOut]:
    return [{"rule": s.rule, "date": iso(s.date) if s.date is not None else None, **cited(s.basis)}
            for s in steps]


def steps_json(steps: Iterable[Step]) -> list[StepOut]:
    """A count's steps, each of which gives a date (calc.steps.Step allows none for the notes of
    note_steps_json; a count's never lacks one, and tests/api/test_shapes.py would see a null)."""
    return cast(list[StepOut], note_steps_json(steps))
