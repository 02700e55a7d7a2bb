"""A log of inspections done, judged against the plan: window by window, which entries count, whether
the quota is met and by how much it is short; an entry covering too few units or sent with too few
officers does not count, and says why."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

from ..errors import InvalidInput
from .model import Compliance, Discounted, Entry, Regime, Requirement, TriggeredResult, Window, WindowResult
from .texts import Texts
from .windows import plan


def compliance(regime: Regime, start: dt.date, end: dt.date, book, log: list[Entry], *,
               population: Any = None, overrides: dict | None = None, provisional: bool = False) -> Compliance:
    """Window by window: inspections that count, whether the quota is met, and by how much it is short."""
    p = plan(regime, start, end, book, population=population, overrides=overrides, provisional=provisional)
    reqs = {w.requirement.id: w.requirement for w in p.windows} | {r.id: r for r in p.triggered}
    _check_log(regime, start, end, log, reqs)
    texts = regime.texts
    assumptions = list(p.assumptions)
    unchecked = [e.index for e in log if e.officers is None and reqs[e.requirement].officers]
    if unchecked:
        assumptions.append(texts.say("officers_unchecked", entries=texts.join(map(str, unchecked))))
    by_req: dict[str, list[Entry]] = {}
    for e in sorted(log, key=lambda e: (e.date, e.index)):
        by_req.setdefault(e.requirement, []).append(e)
    days = {rid: [e.date for e in entries] for rid, entries in by_req.items()}
    results = []
    for w in p.windows:
        rid = w.requirement.id
        lo, hi = bisect_left(days.get(rid, []), w.start), bisect_right(days.get(rid, []), w.end)
        results.append(_window_result(w, by_req.get(rid, [])[lo:hi], texts))
    triggered = [_triggered_result(req, by_req.get(req.id, []), texts) for req in p.triggered]
    discounted = sorted((d for r in (*results, *triggered) for d in r.discounted), key=lambda d: d.entry.index)
    return Compliance(p, tuple(results), tuple(triggered), tuple(discounted), tuple(assumptions))


def _check_log(regime: Regime, start: dt.date, end: dt.date, log: list[Entry], reqs: dict[str, Requirement]):
    """Every entry lies in the period asked about and names a requirement of the regime."""
    for e in log:
        if not start <= e.date <= end:
            n, where = e.index + 1, e.index
            outside = f"的日期 {e.date.isoformat()} 不在所问期间 {start.isoformat()} 至 {end.isoformat()} 内"
            raise InvalidInput(f"第 {n} 条记录（log[{where}]）{outside}", field=f"log.{where}.date",
                               plain=f"第 {n} 条记录{outside}")
        if e.requirement not in reqs:
            regime.requirement(e.requirement, f"log.{e.index}.requirement")


def _window_result(w: Window, mine: list[Entry], texts: Texts) -> WindowResult:
    """One window's entries judged: the count done, and what is short of its quota."""
    counted, discounted = _judge(w.requirement, w.min_per_inspection, mine, texts)
    done = len(counted)
    units_done = sum(e.units for e in counted)
    if w.requirement.has_quota:
        short = max((w.times or 0) - done, 0)
        units_short = max(w.min_units - units_done, 0) if w.min_units is not None else None
        met = short == 0 and not units_short
        if w.partial and not met:
            met = None  # part of the window lies outside the log: not reached yet is not a failure
    else:
        short, units_short, met = 0, None, None
    result = WindowResult(w, done, units_done, met, short, units_short,
                          tuple(e.index for e in counted), tuple(discounted))
    return replace(result, verdict=_verdict(result, texts))


def _triggered_result(req: Requirement, mine: list[Entry], texts: Texts) -> TriggeredResult:
    """A requirement owed per event or case: what was logged, and what of it counts."""
    counted, discounted = _judge(req, 0, mine, texts)
    return TriggeredResult(req, len(mine), len(counted), tuple(discounted))


def _judge(req: Requirement, min_units: int, entries: list[Entry],
           texts: Texts) -> tuple[list[Entry], list[Discounted]]:
    counted, discounted = [], []
    for e in entries:
        reasons = []
        if e.units < min_units:
            reasons.append(texts.say("too_few_units", units=e.units, label=req.unit_label, least=min_units))
        if req.officers and e.officers is not None and e.officers < req.officers:
            reasons.append(texts.say("too_few_officers", officers=e.officers, least=req.officers))
        if reasons:
            discounted.append(Discounted(e, texts.say("discounted", reasons=texts.word("reasons").join(reasons),
                                                     basis=req.basis)))
        else:
            counted.append(e)
    return counted, discounted


def _verdict(r: WindowResult, texts: Texts) -> str:
    w = r.window
    label = w.requirement.unit_label
    if not w.requirement.has_quota:
        return texts.say("no_quota", done=r.done)
    gaps = texts.join([*([texts.say("short_times", n=r.short)] if r.short else []),
                       *([texts.say("short_units", n=r.units_short, label=label)] if r.units_short else [])])
    if r.met is None:
        return texts.say("undetermined", full_first=w.full_start.isoformat(), full_last=w.full_end.isoformat(),
                         done=r.done, units_done=r.units_done, label=label, gaps=gaps)
    if r.met:
        least = "" if w.times is None else (
            texts.say("met_least_times", times=w.times) if w.min_units is None
            else texts.say("met_least_units", times=w.times, min_units=w.min_units, label=label))
        return texts.say("met", done=r.done, units_done=r.units_done, label=label, least=least)
    return texts.say("short", gaps=gaps)
