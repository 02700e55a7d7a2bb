"""Counting a period as Chinese law counts it, rule by rule, each rule a step of the answer:

1. 民法典 第二百零一条 (程序规定 第三十五条): the day the period starts is not counted; it runs
   from the next day.
2. Working days (工作日) are counted on the State Council's calendar: weekends and breaks skipped,
   make-up working days (调休上班) counted (calc.workcal).
3. 民法典 第二百零二条: months and years end on the corresponding day, or the month's last day
   where it has none (`shift_months`).
4. Days the law says are not counted (中止、听证、鉴定…, `DateRange`) are skipped.
5. An extension (延长) counts on from the last day of the period it extends (民法典 第二百零三条
   moves only the last day of the whole period, so that day is not moved first).
6. 民法典 第二百零三条: a last day that is a statutory holiday or rest day moves to the next
   working day, except a period that restricts liberty (程序规定 第三十五条: 不因节假日而延长).
7. A period counted backwards ("N days before") ends on a working day before it, where it is a
   party's duty; an authority's last day is not moved.

The reference: every date counted on dates with the calendar's own questions, every step written.
`calc.periods.fast` answers the same without steps, on ordinals, for batches; the tests hold the
two to the same dates and the same answer bytes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Sequence

from ..errors import InvalidInput
from ..steps import Step
from ..workcal import CalendarBook, WorkCalendar
from . import fast
from .months import shift_months
from .model import (AFTER, AUTHORITY, BEFORE, DAYS, DIRECTIONS, DUTIES, FIRST_DAY, LAST_DAY, LIMITS, MONTHS,
                    WORKDAYS, DateRange, Due, Link, Period, check_day, check_period, years)
from .rules import CountingRules
from .words import Words

_ONE_DAY = dt.timedelta(days=1)


def due(start: dt.date, period: Period, book: CalendarBook, rules: CountingRules, *,
        pauses: Sequence[DateRange] = (), extension: Period | None = None, extension_basis: str | None = None,
        extensions: Sequence[Link] = (), provisional: bool = False, explain: bool = True,
        bracket: bool = True) -> Due:
    """The last day of `period` counted from `start`, as Chinese law counts it.

    `extension` lengthens the period once (`extension_basis`: the law that allows it);
    `extensions`, one after another (延长以二次为限, a custody period's renewals), after `extension`
    where both are given. Each counts on from the last day of what it extends as the law sets that
    day; only the last day of the extended period moves off a rest day (rule 6).
    `explain=False` skips writing the steps (same date), for batches that do not want them. A
    provisional answer also carries the range its real date can fall in (`bracket=False` skips it)."""
    limit = LIMITS.get(period.unit)
    if not FIRST_DAY <= start <= LAST_DAY or limit is None or period.direction not in DIRECTIONS \
            or period.duty not in DUTIES or not 0 <= period.amount <= limit or pauses or extension is not None \
            or extensions:
        links, counted = prepared(start, period, pauses, extension, extension_basis, extensions)
    else:  # a well-formed period alone (`prepared` has nothing to say): most of a batch's items
        links, counted = (), period
    cal = book.get(provisional)
    if not explain and not counted.restricts_liberty and len(links) < 2:
        quick = fast.without_steps(cal, start, period, pauses, links[0].period if links else None, rules.digest)
        if quick is not None:
            return quick
    words = fast.remembered(cal, rules) if explain else None
    return count(start, period, counted, links, pauses, book, cal, rules, words, bracket, made=fast.made_due)


def count(start: dt.date, period: Period, counted: Period, links: Sequence[Link], pauses: Sequence[DateRange],
          book: CalendarBook, cal: WorkCalendar, rules: CountingRules, words: Words | None,
          bracket: bool = True, made=Due) -> Due:
    """`due` once its inputs are checked: the rules applied in order, each a step where `words`
    are given (None: the same dates, no steps); the answer made by `made` (`fast.made_due`: the
    same Due, quicker)."""
    counter = _Counter(cal, rules, words)
    in_order = sorted(pauses, key=_by_start) if pauses else []
    if period.direction == BEFORE:
        end = counter.backward(start, counted)
    else:
        end = counter.forward(start, counted, in_order, first=True, last=not links)
    for k, link in enumerate(links, 1):
        counter.extension(end, link)
        end = counter.forward(end, link.period, in_order, first=False, last=k == len(links))
    spanned = years(start, end)
    guessed = tuple(y for y in spanned if y in cal.provisional_years)
    assumptions: tuple[str, ...] = ()
    if guessed:
        text = rules["provisional"].say(years="、".join(map(str, guessed)), assumption=book.provisional_rule.assumption)
        counter.steps.append(Step(text, end, book.provisional_rule.basis, "provisional"))
        assumptions = (text,)
    span = None
    if guessed and bracket:
        ends = [end, *(count(start, period, counted, links, pauses, b, b.get(True), rules, None, False).due
                       for b in book.bounds)]
        span = (min(ends), max(ends))
    return made(start, period, end, tuple(counter.steps), bool(guessed), spanned, assumptions, span, rules.digest)


def prepared(start: dt.date, period: Period, pauses: Sequence[DateRange], extension: Period | None = None,
             extension_basis: str | None = None, extensions: Sequence[Link] = ()) -> tuple[tuple[Link, ...], Period]:
    """`due`'s inputs checked (a refusal names the field): the extensions in order, and the period
    as counted (restricting liberty where an extension does: one period, extended)."""
    _check(start, period, pauses)
    links = _links(period, extension, extension_basis, extensions) if extension is not None or extensions else ()
    if links and links[0].period.restricts_liberty and not period.restricts_liberty:
        return links, replace(period, restricts_liberty=True)
    return links, period


def _check(start: dt.date, period: Period, pauses: Sequence[DateRange]):
    limit = LIMITS.get(period.unit)
    if not FIRST_DAY <= start <= LAST_DAY or limit is None or period.direction not in DIRECTIONS \
            or period.duty not in DUTIES or not 0 <= period.amount <= limit:
        check_day(start, "start")  # each raises with its own field and words
        check_period(period)
    if pauses:
        for i, p in enumerate(pauses):
            if p.end < p.start:
                raise InvalidInput("结束日不能早于开始日", field=f"pauses[{i}].end")  # the API schema's words
        if period.direction == BEFORE:
            raise InvalidInput("向前计算的期限不适用中止期间", field="pauses")


def _links(period: Period, extension: Period | None, basis: str | None, more: Sequence[Link]) -> tuple[Link, ...]:
    """The extensions of `period` in order, each checked; each restricts liberty where any of
    the chain does (they lengthen one period: 程序规定 第三十五条 holds for the whole of it)."""
    links = (*((Link(extension, basis),) if extension is not None else ()), *more)
    for link in links:
        p = link.period
        check_period(p, "extension.amount")
        if p.direction != AFTER:
            raise InvalidInput("延长期间只能向后计算", field="extension.direction")
        if not p.amount:  # no extension: and its end would be the unmoved last day of the one before
            raise InvalidInput(f"延长期间应在 1 至 {LIMITS[p.unit]}{p.unit} 之间", field="extension.amount")
    if period.restricts_liberty or any(link.period.restricts_liberty for link in links):
        links = tuple(link if link.period.restricts_liberty else
                      replace(link, period=replace(link.period, restricts_liberty=True)) for link in links)
    return links


def _by_start(p: DateRange) -> dt.date:
    return p.start


class _Counter:
    """Applies the rules one after another and, given `words`, records each as a step."""

    def __init__(self, cal: WorkCalendar, rules: CountingRules, words: Words | None):
        self.cal, self.rules, self.words, self.steps = cal, rules, words, []

    def forward(self, start: dt.date, period: Period, pauses: list[DateRange], first: bool,
                last: bool = True) -> dt.date:
        """The day `period` ends counted from `start`. Only the last day of the whole period moves
        off a rest day (rule 6): where an extension follows (`last` false), the day stays where
        the count put it, and the extension counts on from there."""
        words, n, unit = self.words, period.amount, period.unit
        if first and words:
            self.steps.append(words.step(words.plain("start_excluded"), start, "start_excluded"))  # rule 1
        end = self._counted(start, n, unit, pauses)
        if unit == WORKDAYS:
            if words:
                self.steps.append(words.step(words.workdays(n, start, end), end, "workdays"))
            if last:
                return end  # the n-th working day (n ≥ 1) is never a rest day: nothing to move
        else:
            if words:
                self.steps.append(words.step(words.unit(unit, n), end, unit))
            if period.restricts_liberty:
                if words:
                    self.steps.append(words.step(words.plain("no_roll"), end, "no_roll"))
                return end
        return self._rolled(end, period, last)

    def _rolled(self, end: dt.date, period: Period, last: bool) -> dt.date:
        """Rule 6: the last day of the whole period moves off a rest day; a day an extension counts
        on from (`last` false) is not that last day, and stays."""
        words = self.words
        if not last:
            # a day outside the calendar's coverage is not looked up: it is not moved either way
            if words and not period.restricts_liberty and self.cal.covers(end) and not self.cal.is_workday(end):
                self.steps.append(words.step(words.rest("not_last_day", end), end, "not_last_day"))
            return end
        rolled = self.cal.next_workday(end)
        if rolled != end and words:
            self.steps.append(words.step(words.rest("roll_forward", end), rolled, "roll_forward"))
        return rolled

    def _counted(self, start: dt.date, n: int, unit: str, pauses: list[DateRange]) -> dt.date:
        """The day n units after `start` before any roll (rules 1-4), the paused days not counted."""
        if unit == WORKDAYS:
            return self._workdays_after(start, n, pauses)
        if unit != DAYS:  # rule 3, then the same days as any other count
            n = (shift_months(start, n if unit == MONTHS else 12 * n) - start).days
        return self._days_after(start, n, pauses)

    def _workdays_after(self, day: dt.date, n: int, pauses: list[DateRange]) -> dt.date:
        if n == 0:
            return day
        for p in pauses:
            if p.end <= day:
                continue
            reached = self.cal.add_workdays(day, n)
            if p.start > reached:
                return reached
            n -= self.cal.count_workdays(day + _ONE_DAY, p.start - _ONE_DAY)
            self._paused(p, max(p.start, day + _ONE_DAY))
            day = p.end
        return self.cal.add_workdays(day, n)

    def _days_after(self, day: dt.date, n: int, pauses: list[DateRange]) -> dt.date:
        for p in pauses:
            if p.end <= day:
                continue
            reached = _later(day, n)
            if p.start > reached:
                return reached
            n -= max(0, (p.start - day).days - 1)
            self._paused(p, max(p.start, day + _ONE_DAY))
            day = p.end
        return _later(day, n)

    def _paused(self, p: DateRange, first: dt.date):
        """Rule 4: the days of `p` from `first` on were not counted."""
        if self.words:
            text, basis = self.words.rule("pause", first=first.isoformat(), last=p.end.isoformat(),
                                          reason=p.reason, days=(p.end - first).days + 1)
            self.steps.append(self.words.step((text, p.basis or basis), p.end, "pause"))

    def extension(self, day: dt.date, link: Link):
        """The step that heads an extension (rule 5), dated the day it counts from."""
        if not self.words:
            return
        if link.step is not None:
            self.steps.append(self.words.step((link.step.rule, link.step.basis), day, link.step.code))
            return
        p = link.period
        text, basis = self.words.rule("extension", n=p.amount, unit=self.rules.units[p.unit], day=day.isoformat())
        self.steps.append(self.words.step((text, link.basis or basis), day, "extension"))

    def backward(self, anchor: dt.date, period: Period) -> dt.date:
        """Rule 7: the day `period` before `anchor`, moved back off a rest day where it is a party's duty."""
        n, unit, words = period.amount, period.unit, self.words
        if unit == WORKDAYS:
            end = self.cal.add_workdays(anchor, -n) if n else anchor
        elif unit == DAYS:
            end = _later(anchor, -n)
        else:
            end = shift_months(anchor, -(n if unit == MONTHS else 12 * n))
        if words:
            said = words.rule("backward", anchor=anchor.isoformat(), n=n, unit=self.rules.units[unit])
            self.steps.append(words.step(said, end, "backward"))
        if unit == WORKDAYS or period.restricts_liberty:
            return end
        rolled = self.cal.previous_workday(end)
        if period.duty == AUTHORITY:
            if rolled != end and words:
                self.steps.append(words.step(words.rest("authority_strict", end), end, "authority_strict"))
            return end
        if rolled != end and words:
            self.steps.append(words.step(words.rest("roll_back", end), rolled, "roll_back"))
        return rolled


def _later(day: dt.date, n: int) -> dt.date:
    """The day n calendar days after `day` (before it, n < 0), within the days the calculator counts."""
    ordinal = day.toordinal() + n
    if not _FIRST <= ordinal <= _LAST:
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    return dt.date.fromordinal(ordinal)


_FIRST, _LAST = FIRST_DAY.toordinal(), LAST_DAY.toordinal()
