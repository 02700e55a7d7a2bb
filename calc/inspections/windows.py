"""The plan: every calendar window (month, quarter, year) of every requirement in a period, when it
is due and how many inspections of how many units it owes.

A window is due on its last working day (`WorkCalendar.previous_workday` of its last day, so a
make-up Saturday counts), or on its first where the requirement is owed at the start. Windows are
calendar months/quarters/years clipped to the period asked about; a clipped window keeps its full
quota (the seed prorates nothing) and says it is partial.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from ..errors import InvalidInput
from ..steps import Step
from .model import NEEDS_POPULATION, Plan, Regime, Requirement, Window, percent, share_of
from .targets import apply_overrides, population_for
from .texts import Texts

MAX_YEARS = 50


def _month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _first_window(kind: str, start: dt.date) -> dt.date:
    """The first day of the month, quarter or year `start` falls in."""
    if kind == "month":
        return dt.date(start.year, start.month, 1)
    if kind == "quarter":
        return dt.date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    return dt.date(start.year, 1, 1)


def _window_from(kind: str, first: dt.date) -> tuple[str, dt.date]:
    """The label and the last day of the window of `kind` beginning on `first`."""
    if kind == "month":
        return f"{first.year}-{first.month:02d}", _month_end(first)
    if kind == "quarter":
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}", _month_end(dt.date(first.year, first.month + 2, 1))
    return f"{first.year}", dt.date(first.year, 12, 31)


def calendar_windows(kind: str, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date, dt.date, dt.date]]:
    """(label, clipped start, clipped end, full start, full end) for each window touching [start, end]."""
    if kind == "period":
        return [(f"{start.isoformat()}/{end.isoformat()}", start, end, start, end)]
    out = []
    first = _first_window(kind, start)
    while first <= end:
        label, last = _window_from(kind, first)
        out.append((label, max(first, start), min(last, end), first, last))
        first = last + dt.timedelta(days=1)
    return out


def check_period(start: dt.date, end: dt.date):
    if end < start:
        raise InvalidInput("结束日不能早于开始日。", field="end")
    if (end - start).days > MAX_YEARS * 366:
        raise InvalidInput(f"期间不能超过 {MAX_YEARS} 年。", field="end")


def plan(regime: Regime, start: dt.date, end: dt.date, book, *, population: Any = None,
         overrides: dict | None = None, provisional: bool = False) -> Plan:
    """Every window of every requirement in [start, end], with due date and minimum counts."""
    check_period(start, end)
    if isinstance(population, dict):
        for rid in population:
            regime.requirement(rid, f"population.{rid}")
    reqs, override_steps = apply_overrides(regime, overrides or {})
    texts = regime.texts
    cal = book.get(provisional)
    windows: list[Window] = []
    triggered: list[Requirement] = []
    assumptions = _unused_population(reqs, population, texts)
    years: set[int] = set()
    for req in reqs.values():
        if req.triggered:
            triggered.append(req)
        else:
            windows += _windows_of(req, start, end, population, cal, years, texts, assumptions)
    if any(w.partial for w in windows):
        assumptions.append(texts.say("partial_windows"))
    used = tuple(sorted(years))
    if provisional and cal.provisional_years:
        windows = [_ranged(w, book, cal) for w in windows]
    return Plan(regime, start, end, tuple(windows), tuple(triggered), tuple(override_steps),
                tuple(assumptions), any(y in cal.provisional_years for y in used), used)


def _unused_population(reqs: dict[str, Requirement], population: Any, texts: Texts) -> list[str]:
    """A population given per requirement for one that counts no population is said, not refused."""
    if not isinstance(population, dict):
        return []
    unused = [rid for rid in population if reqs[rid].coverage not in NEEDS_POPULATION]
    return [texts.say("population_unused", requirements=texts.join(unused))] if unused else []


def _windows_of(req: Requirement, start, end, population, cal, years: set[int], texts: Texts,
                assumptions: list[str]) -> list[Window]:
    """The windows of one calendar requirement, each with its due date and counts."""
    spans = calendar_windows(req.window, start, end)
    pops = population_for(req, population, [s[0] for s in spans])
    if req.coverage in NEEDS_POPULATION and any(p is None for p in pops.values()):
        assumptions.append(texts.say("population_absent", requirement=req.id, population=req.population))
    out = []
    for label, first, last, full_first, full_last in spans:
        w = _window(req, label, first, last, (first, last) != (full_first, full_last), pops[label], cal, years,
                    texts)
        if w.partial:
            note = texts.step("partial", None, req.basis, full_first=full_first.isoformat(),
                              full_last=full_last.isoformat())
            w = replace(w, steps=(*w.steps, note))
        out.append(replace(w, full_start=full_first, full_end=full_last))
    return out


def _window(req: Requirement, label, first, last, partial, pop, cal, years: set[int], texts: Texts) -> Window:
    steps = [texts.step("window", None, req.basis, label=label, kind=texts.word(req.window),
                        clipped=texts.word("clipped") if partial else "", first=first.isoformat(),
                        last=last.isoformat())]
    due = _due(req, first, last, cal, steps, years, texts)
    units, how = _units(req, pop, texts)
    if how:
        steps.append(how)
    times = req.times
    if times is not None and units is not None:
        min_units = times * units
        steps.append(texts.step("min_units", None, req.basis, times=times, units=units, min=min_units))
    elif times is None and req.has_quota and units is not None:
        min_units = units
    else:
        min_units = None
    per_check = units if (times is not None and units is not None and req.coverage in ("units", "share", "per_unit")) else 1
    if req.coverage == "none":
        per_check = 0
    return Window(req, label, first, last, partial, due, times, pop, units, min_units, per_check, tuple(steps))


def _due(req, first, last, cal, steps, years: set[int], texts: Texts) -> dt.date | None:
    years.update((first.year, last.year))
    if cal.count_workdays(first, last) == 0:
        steps.append(texts.step("no_workday", None, req.basis))
        return None
    if req.due == "start":
        due = cal.next_workday(first)
        steps.append(texts.step("due_start", due, req.basis, due=due.isoformat()))
        return due
    day = cal.day(last)
    due = cal.previous_workday(last)
    if due == last:
        if day.kind == "makeup_workday":
            kind = texts.word("makeup_named", name=day.name) if day.name else texts.word("makeup")
        else:
            kind = texts.word("workday")
        steps.append(texts.step("due_last", due, _notice(day, texts, "due_last"), last=last.isoformat(), kind=kind))
    else:
        why = texts.word("holiday", name=day.name) if day.kind == "holiday" else texts.word("weekend")
        steps.append(texts.step("roll_back", due, _notice(day, texts, "roll_back"), last=last.isoformat(), why=why,
                                due=due.isoformat()))
    return due


def _ranged(w: Window, book, cal) -> Window:
    """A window whose due date was estimated (a year with no notice yet) also carries the span in
    which the real due date can fall: the same day found on the two extreme books (workcal)."""
    if w.due is None or not any(y in cal.provisional_years for y in (w.start.year, w.end.year)):
        return w
    dues = [w.due]
    for b in book.bounds:
        c = b.get(True)
        if c.count_workdays(w.start, w.end):
            dues.append(c.next_workday(w.start) if w.requirement.due == "start" else c.previous_workday(w.end))
    return replace(w, range=(min(dues), max(dues)))


def _notice(day, texts: Texts, code: str) -> str:
    """The notice that fixes the day, else what the text cites for a plain weekday or weekend."""
    return day.notice.cite if day.notice else texts.basis(code)


def _units(req: Requirement, pop: int | None, texts: Texts) -> tuple[int | None, Step | None]:
    """The units each inspection must cover in a window, and the step that says how."""
    label, basis = req.unit_label, req.basis
    if req.coverage == "units":
        return req.units, texts.step("units", None, basis, units=req.units, label=label)
    if req.coverage == "none":
        return None, None
    if pop is None:
        return None, texts.step("population_missing", None, basis, population=req.population)
    if req.coverage == "all":
        return pop, texts.step("all", None, basis, population=req.population, count=pop)
    if req.coverage == "per_unit":
        n = req.units * pop
        return n, texts.step("per_unit", None, basis, units=req.units, label=label, count=pop, n=n)
    n = share_of(req.share, pop)
    exact = req.share * pop / 100
    exact_text = str(exact.numerator) if exact.denominator == 1 else f"{float(exact):g}"
    return n, texts.step("share", None, basis, share=percent(req.share), count=pop, exact=exact_text, n=n)
