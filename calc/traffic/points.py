"""The points cycle (记分周期): the twelve months from the first licence date that contain a day, the
points inside it, what 12 points bring (the licence withheld, days of study by licence class and by
how many times, the exams), the reduction by education, and the 审验 owed after the cycle.

The rules are data (traffic/rules.toml [[points_rules]], from 记分管理办法 第三条、第十五条、第十七条至
第二十七条 and 驾驶证规定 第七十二条), read in the version in force on the day asked about; the
entries are the points the caller knows (or the acts, scored as POST …/assess scores them) since
the last clearance (第二十三条: passing the study and exam clears the points).

How the cycle is counted: "自机动车驾驶人初次领取机动车驾驶证之日起连续计算" — the day of the licence
is the cycle's first day and each cycle ends the day before the licence's anniversary. A licence
taken on 29 February has its anniversary on 1 March in a common year, so the cycle still ends on
the last day of February (民法典 第二百零二条: a month without the corresponding day ends on its last day).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Sequence

from .. import periods
from ..citations import Basis
from ..errors import InvalidInput, NotFound
from ..periods import Period
from ..steps import Step
from .assess import ASK, assess, facts_for
from .model import PointsRules, Traffic


@dataclass(frozen=True)
class Entry:
    """One scored act: its points as given, or the act by id with the facts that score it."""

    date: dt.date
    points: int | None = None
    violation: str | None = None
    vehicle: str | None = None
    road: str | None = None
    circumstances: tuple[str, ...] = ()
    over_percent: Decimal | None = None
    total_over_percent: Decimal | None = None
    seats: int | None = None
    unpaid: bool = False  # a fine not yet paid: the points pass into the next cycle (第十五条)


@dataclass(frozen=True)
class Reduction:
    date: dt.date
    kind: str  # online | onsite | public_welfare (第二十七条)


@dataclass(frozen=True)
class Counted:
    entry: Entry
    points: int
    status: Literal["counted", "carried", "outside"]


@dataclass(frozen=True)
class Study:
    days: int
    times: int
    onsite_or_online: int
    onsite: int
    basis: Basis


@dataclass(frozen=True)
class Review:
    required: bool | None
    due: periods.Due | None
    why: str
    basis: Basis


@dataclass(frozen=True)
class PointsAnswer:
    first_licence: dt.date
    on: dt.date
    licence: str | None
    start: dt.date
    end: dt.date
    entries: tuple[Counted, ...]
    reduced: int
    total: int
    full: bool
    full_on: dt.date | None
    study: Study | None
    exams: tuple[Literal["knowledge", "road", "field"], ...]
    review: Review
    notes: tuple[str, ...]
    steps: tuple[Step, ...]
    rules: PointsRules | None


def anniversary(first: dt.date, years: int) -> dt.date:
    """The licence's day `years` later; 1 March for a 29 February in a common year."""
    try:
        return first.replace(year=first.year + years)
    except ValueError:
        return dt.date(first.year + years, 3, 1)


def cycle_of(first: dt.date, on: dt.date) -> tuple[dt.date, dt.date]:
    """The cycle (start, end), both days included, that contains `on`."""
    years = on.year - first.year
    if anniversary(first, years) > on:
        years -= 1
    return anniversary(first, years), anniversary(first, years + 1) - dt.timedelta(days=1)


def _check(t: Traffic, first: dt.date, on: dt.date, licence: str | None, bars: Sequence[str],
           review_facts: Sequence[str], reductions: Sequence[Reduction], previous_full: int, rules):
    if on < first:
        raise InvalidInput(f"查询日 {on} 早于初次领证日 {first}", field="on")
    if licence is not None and licence not in t.licences:
        raise InvalidInput(t.texts["unknown_licence"].say(code=licence, known="、".join(t.licences)), field="vehicle")
    if previous_full < 0:
        raise InvalidInput("应为非负整数", field="previous_full")
    if rules is None:
        return
    for i, code in enumerate(bars):
        if code not in rules.bars:
            raise InvalidInput(f"未知的不予扣减情形：{code}（可用：{'、'.join(rules.bars)}）", field=f"bars[{i}]")
    for i, code in enumerate(review_facts):
        if code not in rules.review_facts:
            raise InvalidInput(f"未知的审验事由：{code}（可用：{'、'.join(rules.review_facts)}）", field=f"review_facts[{i}]")
    for i, r in enumerate(reductions):
        if r.kind not in rules.reductions:
            raise InvalidInput(f"未知的扣减方式：{r.kind}（可用：{'、'.join(rules.reductions)}）", field=f"reductions[{i}].kind")


def _score(t: Traffic, i: int, e: Entry) -> int:
    """An entry's points: as given, or as the act of that day scores them."""
    if e.points is not None:
        return e.points
    ask = {k: f"entries[{i}].{v}" for k, v in ASK.items()}
    try:
        facts = facts_for(t, e.violation, e.vehicle, e.road, e.circumstances, e.over_percent, e.total_over_percent,
                          e.seats)
        a = assess(t, e.violation, e.date, e.date, facts, ask)
    except NotFound as err:
        raise InvalidInput(err.message, field=f"entries[{i}].violation") from None
    except InvalidInput as err:
        field_name = err.field if err.field and err.field.startswith("entries") else \
            f"entries[{i}].{err.field}" if err.field in ("over_percent", "circumstances") else f"entries[{i}].violation"
        raise InvalidInput(err.message, field=field_name) from None
    if a.points is None:
        first = t.rules.points[0].first if t.rules.points else None
        raise InvalidInput(t.texts["entry_before_rules"].say(day=e.date, first=first), field=f"entries[{i}].points")
    return a.points


def _entries(t: Traffic, entries: Sequence[Entry], first: dt.date, start: dt.date, end: dt.date, rules,
             steps: list) -> list[Counted]:
    """Each entry in the cycle, or carried into it from the previous one (第十五条: a cycle that ends
    under 12 points passes on the points of fines still unpaid), or left out."""
    scored = [(e, _score(t, i, e)) for i, e in enumerate(entries)]
    previous = cycle_of(first, start - dt.timedelta(days=1))[0] if start > first else start
    last_cycle = [p for e, p in scored if previous <= e.date < start]
    carry = rules is not None and sum(last_cycle) < rules.full
    out = []
    for e, p in scored:
        if start <= e.date <= end:
            out.append(Counted(e, p, "counted"))
        elif carry and e.unpaid and previous <= e.date < start:
            out.append(Counted(e, p, "carried"))
        else:
            out.append(Counted(e, p, "outside"))
    for c in sorted(out, key=lambda c: c.entry.date):
        e, what = c.entry, (t.acts[c.entry.violation].title + "，" if c.entry.violation else "")
        if c.status == "carried":
            steps.append(t.texts["entry_carried"].step(e.date, day=e.date, points=c.points, what=what,
                                                       basis=rules.carry_basis))
        else:
            said = t.texts[f"entry_{c.status}"].say(day=e.date, points=c.points, what=what)
            steps.append(Step(said, e.date, Basis(), "entry"))
    return out


def _barred(rules: PointsRules, counted: Sequence[Counted], bars: Sequence[str], previous_full: int,
            day: dt.date) -> list[str]:
    """The 第二十六条 grounds that bar a reduction asked for on `day`: those the caller names, an act
    of the cycle before that day that is one of them, and two full scores already in this cycle."""
    found = list(dict.fromkeys(bars))
    acts = {c.entry.violation for c in counted
            if c.status != "outside" and c.entry.violation and c.entry.date <= day}
    for code, (_, _, listed) in rules.bars.items():
        if code not in found and acts & listed:
            found.append(code)
    if previous_full >= 2 and "full_twice" in rules.bars and "full_twice" not in found:
        found.append("full_twice")
    return found


def _run(t: Traffic, rules: PointsRules | None, counted: Sequence[Counted], reductions: Sequence[Reduction],
         start: dt.date, end: dt.date, bars: tuple[Sequence[str], int], steps: list) -> tuple[int, int, dt.date | None, int]:
    """The entries and reductions of the cycle in date order: (total, reduced, the day 12 was reached,
    the total that day).
    A reduction counts only before the full score, on points there are, up to the cycle's maximum
    (第二十五条); where a 第二十六条 ground bars it, it is refused."""
    events = [(c.entry.date, 0, c) for c in counted if c.status != "outside"]
    events += [(r.date, 1, r) for r in reductions]
    total = reduced = reached = 0
    full_on = None
    for day, kind, item in sorted(events, key=lambda x: (x[0], x[1])):
        if kind == 0:
            total += item.points
            if rules is not None and full_on is None and total >= rules.full:
                full_on = day
            continue
        barred = _barred(rules, counted, *bars, day) if rules is not None else []
        total, reduced = _reduce(t, rules, item, total, reduced, full_on, start, end, barred, steps)
    if full_on is not None:
        reached = sum(c.points for c in counted if c.status != "outside" and c.entry.date <= full_on) - reduced
    return total, reduced, full_on, reached


def _reduce(t, rules, r: Reduction, total: int, reduced: int, full_on, start, end, barred, steps) -> tuple[int, int]:
    say = t.texts
    if rules is None or not start <= r.date <= end:
        steps.append(Step(say["reduction_outside"].say(day=r.date), r.date, Basis(), "reduction_outside"))
        return total, reduced
    if barred:
        why = "；".join(rules.bars[code][0] for code in barred)
        basis = Basis([c for code in barred for c in rules.bars[code][1].cites])
        steps.append(say["reduction_refused"].step(r.date, day=r.date, why=why, basis=basis))
        return total, reduced
    if reduced >= rules.reduction_max:
        steps.append(say["reduction_limit"].step(r.date, day=r.date, max=rules.reduction_max, basis=rules.reduction_basis))
        return total, reduced
    if full_on is not None or total <= 0 or total >= rules.full:
        steps.append(say["reduction_not_allowed"].step(r.date, day=r.date, total=total, full=rules.full,
                                                        basis=rules.reduction_basis))
        return total, reduced
    points, basis = rules.reductions[r.kind]
    n = min(points, rules.reduction_max - reduced, total)
    steps.append(say["reduced"].step(r.date, day=r.date, points=n, kind=say[f"reduction_{r.kind}"].say(),
                                     total=total - n, basis=basis))
    return total - n, reduced + n


def _study(t: Traffic, rules: PointsRules, licence: str | None, total: int, previous_full: int, day: dt.date,
           steps: list, notes: list) -> tuple[Study | None, tuple[str, ...]]:
    """第十八条、第十九条: days of study by licence class and by the times and the points; 第二十一条、
    第二十二条: the exams."""
    times = previous_full + 1
    study = None
    if licence is None:
        notes.append(t.texts["study_no_licence"].say())
    else:
        rule = rules.study_large if licence in rules.large else rules.study
        more = previous_full + total // rules.full - 1
        days = min(rule.max, rule.days + rule.step * more)
        study = Study(days, times, rule.onsite_or_online, rule.onsite, rule.basis)
        steps.append(t.texts["study"].step(day, days=days, times=times, licence=t.licences[licence].title,
                                           onsite_or_online=rule.onsite_or_online, onsite=rule.onsite, basis=rule.basis))
    exams = ["knowledge"]
    steps.append(t.texts["exam"].step(day, basis=rules.exam_basis))
    if times >= rules.field_test.times or total >= rules.field_test.points:
        exams += ["field", "road"]
        steps.append(t.texts["field_test"].step(day, basis=rules.field_test.basis))
    elif times >= rules.road_test.times or total >= rules.road_test.points:
        exams.append("road")
        steps.append(t.texts["road_test"].step(day, basis=rules.road_test.basis))
    return study, tuple(exams)


def _review(t: Traffic, rules: PointsRules | None, licence: str | None, counted: Sequence[Counted],
            review_facts: Sequence[str], end: dt.date, provisional: bool, steps: list) -> Review:
    """驾驶证规定 第七十二条: who owes the 审验 within 30 days after the cycle, and by when."""
    say = t.texts
    if rules is None:
        return Review(None, None, say["review_unknown"].say(), Basis())
    scored = any(c.points > 0 for c in counted if c.status != "outside")
    reasons: list[tuple[str, Basis]] = [rules.review_facts[code] for code in review_facts]
    if licence in rules.large and scored:
        reasons.insert(0, (say["review_large"].say(licence=t.licences[licence].title), rules.review_large_basis))
    if not reasons:
        if licence is None:
            return Review(None, None, say["review_no_licence"].say(), rules.review_basis)
        why = say["review_large_no_points"].say() if licence in rules.large else say["review_other"].say()
        steps.append(Step(say["review_none"].say(why=why), end, rules.review_large_basis, "review"))
        return Review(False, None, why, rules.review_large_basis)
    why = "；".join(text for text, _ in reasons)
    basis = Basis([c for _, b in reasons for c in b.cites])
    due = periods.due(end, Period(rules.review_days, "days"), t.book, t.counting, provisional=provisional)
    steps.append(say["review_due"].step(due.due, end=end, days=rules.review_days, due=due.due, why=why, basis=basis))
    steps += due.steps
    return Review(True, due, why, basis)


def points_cycle(t: Traffic, first: dt.date, on: dt.date, licence: str | None = None, entries: Sequence[Entry] = (),
                 previous_full: int = 0, reductions: Sequence[Reduction] = (), bars: Sequence[str] = (),
                 review_facts: Sequence[str] = (), provisional: bool = False) -> PointsAnswer:
    """The cycle containing `on`, its points and what they bring."""
    rules = t.points_rules(on)
    _check(t, first, on, licence, bars, review_facts, reductions, previous_full, rules)
    start, end = cycle_of(first, on)
    say = t.texts
    notes = [say["not_encoded_licence_rules"].say()]
    if rules is not None:
        steps = [say["cycle"].step(start, first=first, start=start, end=end, months=rules.months, basis=rules.cycle_basis)]
    else:
        steps = [say["cycle_before"].step(start, first=first, start=start, end=end, basis=t.rules.cycle_before)]
        notes.append(say["cycle_before_note"].say())
    counted = _entries(t, entries, first, start, end, rules, steps)
    total, reduced, full_on, reached = _run(t, rules, counted, reductions, start, end, (bars, previous_full), steps)
    full_score = rules.full if rules is not None else t.rules.points[0].full if t.rules.points else 12
    steps.append(Step(say["total"].say(total=total, full=full_score), end, Basis(), "total"))
    study, exams = None, ()
    if full_on is not None:
        day_rules = t.points_rules(full_on)
        if day_rules is None:
            notes.append(say["full_before_rules"].say(day=full_on, first=rules.first))
        else:
            steps.append(say["full"].step(full_on, day=full_on, total=reached, basis=day_rules.full_basis))
            study, exams = _study(t, day_rules, licence, total, previous_full, full_on, steps, notes)
    elif rules is None and total >= full_score:
        notes.append(say["full_before_rules"].say(day=end, first=t.rules.points[0].first))
    review = _review(t, rules, licence, counted, review_facts, end, provisional, steps)
    return PointsAnswer(first, on, licence, start, end, tuple(counted), reduced, total,
                        total >= full_score, full_on, study, exams, review, tuple(dict.fromkeys(notes)),
                        tuple(steps), rules)
