"""The applicant's estimate: every stage of a procedure chained in the worst case (each starts the day
the stage it hangs on was decided: its due date unless the caller gives the actual one), and the
day the procedure is done (DESIGN.md §4)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Sequence

from .. import periods
from ..workcal import CalendarBook
from .answer import Note, StageResult, Timeline, sort_key
from .chain import Chain, Question
from .checks import check_headline, checked, choose_version
from .compare import compare
from .headline import lead
from .model import PREREQUISITE, Moment, StageInputs, Timelines, day_of

NOTHING_SAID = StageInputs()


def estimate(timelines: Timelines, procedure_id: str, start: Moment, book: CalendarBook,
             rules: periods.CountingRules, inputs: StageInputs = NOTHING_SAID, *, event: dt.date | None = None,
             as_of: Moment | None = None, provisional: bool = False, bracket: bool = True,
             headline: str | None = None) -> Timeline:
    """Every stage's start and due date, chained in the worst case, and the completion date.

    `inputs`: what the caller says of the stages (actual dates, days not counted, extensions,
    variants, restarts, decided lengths). A provisional timeline is counted again on the two
    extreme books (workcal.CalendarBook.bounds), so each estimated date says where the real one
    can fall (`bracket=False` skips that, and the headline). `headline`: the stage the answer
    leads with, where the caller chooses one (else the version's own, else the completion)."""
    proc = timelines.get(procedure_id)
    version = choose_version(proc, start)
    check_headline(version, headline)
    q = Question(timelines, proc, version, start, event, book, rules, provisional, as_of,
                 checked(version, start, inputs, event))
    chain = Chain(q)
    results = tuple(chain.run())
    notes = list(chain.notes)
    completion = _completion(timelines, results, notes)
    if proc.compare_with:
        notes.append(compare(q, lambda: estimate(timelines, proc.compare_with, start, book, rules,
                                                 provisional=provisional)))
    notes.extend(Note("remark", r) for r in proc.remarks)
    notes.extend(Note("provisional", a) for a in dict.fromkeys(chain.assumptions))
    years = sorted({y for r in results for y in r.calendar_years})
    t = Timeline(proc, version, start, event, results, completion, tuple(notes),
                 any(r.provisional for r in results), tuple(years))
    if t.provisional and bracket:
        others = [estimate(timelines, procedure_id, start, b, rules, inputs, event=event, as_of=as_of,
                           provisional=True, bracket=False) for b in book.bounds]
        t = _with_ranges(t, others)
    if bracket:
        t = replace(t, headline=lead(timelines, t, headline or version.headline, book.last_year))
    return t


def _completion(timelines: Timelines, results: Sequence[StageResult], notes: list[Note]) -> Moment | None:
    """The day the last stage that always happens is decided; unknown if one has no period."""
    needed = [r for r in results if not r.stage.optional and r.stage.kind != PREREQUISITE]
    ends = [r.end for r in needed]
    if all(e is not None for e in ends):
        return max(ends, key=sort_key) if ends else None
    open_ = next(r for r in needed if r.end is None)
    dated = [r for r in needed if r.end is not None]
    parts = {"completion_unknown": timelines.note("completion_unknown", title=open_.stage.title,
                                                  authority=open_.stage.authority)}
    details = {"stage": open_.stage.id}
    if dated:  # what the headline says too (calc/timelines/headline.py): a front end may leave it out
        last = max(dated, key=lambda r: sort_key(r.end))
        parts["completion_last_dated"] = timelines.note("completion_last_dated", title=last.stage.title,
                                                        day=day_of(last.end))
        details.update(last_dated_stage=last.stage.id, last_dated=last.end)
    notes.append(Note("completion_unknown", "".join(parts.values()), details, parts))
    return None


def _span_of(*moments: Moment | None) -> tuple[Moment, Moment] | None:
    known = [m for m in moments if m is not None]
    if len(known) < len(moments) or len({type(m) for m in known}) != 1:
        return None  # a stage with no due date on one book, or counted in hours on one and days on another
    return min(known), max(known)


def _with_ranges(t: Timeline, others: list[Timeline]) -> Timeline:
    stages = []
    for i, r in enumerate(t.stages):
        alike = [o.stages[i] for o in others if i < len(o.stages) and o.stages[i].stage.id == r.stage.id]
        if r.provisional and len(alike) == len(others):
            r = replace(r, range=_span_of(r.due, *(a.due for a in alike)))
        stages.append(r)
    done = _span_of(t.completion, *(o.completion for o in others)) if t.completion is not None else None
    return replace(t, stages=tuple(stages), completion_range=done)
