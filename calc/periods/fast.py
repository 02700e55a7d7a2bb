"""The fast paths of counting, fenced off from the rules they must agree with (`counting`).

A nightly batch recomputes ten thousand deadlines in one request (POST /v1/deadlines/batch;
python -m bench --only batch). What made it quick lives here, and only here:

- counting on ordinals (`date.toordinal()`) over the calendar's numbering of its working days
  (`WorkCalendar.counted`, `workday_ordinals`), without making a date per step;
- `without_steps`: `counting.due` when no steps are wanted, the same rules on ordinals;
- answers made without their dataclass `__init__` (`made_due`, `made_step`);
- `Remembered`: each step text written once per calendar and counting rules;
- `period`: the few thousand periods a batch repeats, made once each.

tests/test_periods_fast.py holds every one of them to the reference: the same dates, steps and
answer bytes, with and without steps, pauses, extensions, months and years, backward, provisional.
"""
from __future__ import annotations

import datetime as dt
import weakref
from typing import Sequence

from ..errors import CalendarGap, InvalidInput
from ..steps import Step
from ..workcal import WorkCalendar
from .model import AFTER, AUTHORITY, BEFORE, DAYS, FIRST_DAY, LAST_DAY, LIMITS, MONTHS, PARTY, WORKDAYS, DateRange, \
    Due, Period, years
from .months import shift_months
from .rules import CountingRules
from .words import Words

FIRST_ORDINAL, LAST_ORDINAL = FIRST_DAY.toordinal(), LAST_DAY.toordinal()
_from_ordinal = dt.date.fromordinal


# -- the calendar's numbering, on ordinals ---------------------------------------------------------

def add_workdays_at(cal: WorkCalendar, ordinal: int, n: int) -> int:
    """`WorkCalendar.add_workdays` on ordinals: inside the coverage two list look-ups; at
    its edges the calendar itself answers (and refuses, naming the year)."""
    i = ordinal - cal.first_ordinal
    if 0 <= i < len(cal.work):
        if n == 0:
            return ordinal
        if n > 0:
            k = cal.counted[i] + n - 1
            if k < len(cal.workday_ordinals):
                return cal.workday_ordinals[k]
        else:
            k = cal.counted[i] - cal.work[i] + n
            if k >= 0:
                return cal.workday_ordinals[k]
    return cal.add_workdays(dt.date.fromordinal(ordinal), n).toordinal()


def count_workdays_at(cal: WorkCalendar, first: int, last: int) -> int:
    """`WorkCalendar.count_workdays` on ordinals."""
    return cal.count_workdays(dt.date.fromordinal(first), dt.date.fromordinal(last)) if last >= first else 0


def rolled_at(cal: WorkCalendar, ordinal: int, backward: bool = False) -> int:
    """`next_workday` (or `previous_workday`) on ordinals."""
    i = ordinal - cal.first_ordinal
    if 0 <= i < len(cal.work):
        return ordinal if cal.work[i] else add_workdays_at(cal, ordinal, -1 if backward else 1)
    day = dt.date.fromordinal(ordinal)  # outside the coverage: the calendar refuses it
    return (cal.previous_workday(day) if backward else cal.next_workday(day)).toordinal()


# -- counting on ordinals (rules 1-5 of `counting`, before any roll) ---------------------------------

def count_forward(cal: WorkCalendar, start: int, n: int, unit: str, pauses: Sequence[tuple[int, int]] = ()) -> int:
    """The day n units after `start`, not counting the paused days ((first, last) ordinals, in order)."""
    if unit == WORKDAYS:
        if not pauses:
            return add_workdays_at(cal, start, n) if n else start
        return _workdays_after(cal, start, n, pauses)
    if unit != DAYS:
        n = shift_months(_from_ordinal(start), n if unit == MONTHS else 12 * n).toordinal() - start
    if not pauses:
        return _in_range(start + n)
    return _days_after(start, n, pauses)


def count_backward(cal: WorkCalendar, anchor: int, n: int, unit: str) -> int:
    """The day n units before `anchor` (rule 7, before the roll back)."""
    if unit == WORKDAYS:
        return add_workdays_at(cal, anchor, -n) if n else anchor
    if unit == DAYS:
        return _in_range(anchor - n)
    return shift_months(_from_ordinal(anchor), -(n if unit == MONTHS else 12 * n)).toordinal()


def _workdays_after(cal: WorkCalendar, pos: int, n: int, pauses) -> int:
    if n == 0:
        return pos
    for first, last in pauses:
        if last <= pos:
            continue
        candidate = add_workdays_at(cal, pos, n)
        if first > candidate:
            return candidate
        n -= count_workdays_at(cal, pos + 1, first - 1)
        pos = last
    return add_workdays_at(cal, pos, n)


def _days_after(pos: int, n: int, pauses) -> int:
    for first, last in pauses:
        if last <= pos:
            continue
        candidate = _in_range(pos + n)
        if first > candidate:
            return candidate
        n -= max(0, first - pos - 1)
        pos = last
    return _in_range(pos + n)


def _in_range(ordinal: int) -> int:
    if not FIRST_ORDINAL <= ordinal <= LAST_ORDINAL:
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    return ordinal


# -- the step-free count --------------------------------------------------------------------------

def without_steps(cal: WorkCalendar, start: dt.date, period: Period, pauses: Sequence[DateRange],
                  extension: Period | None, rules_digest: str = "") -> Due | None:
    """`counting.due` when no steps are wanted (a nightly batch): the same date, counted on
    ordinals; one extension at most (a chain of them is a procedure's, always explained). None
    where `due` itself must answer: a refusal (it words it), or a provisional year (its answer
    names the assumption). `due` has already checked `start`, `period` and the pauses."""
    try:
        if period.direction == BEFORE:
            end = None if extension is not None else _before(cal, start.toordinal(), period)
        elif extension is None and not pauses:  # most of a batch: one count, one roll (rule 6)
            end = count_forward(cal, start.toordinal(), period.amount, period.unit)
            if period.unit != WORKDAYS:
                end = rolled_at(cal, end)
        else:
            end = _after(cal, start.toordinal(), period, pauses, extension)
    except (CalendarGap, InvalidInput):
        return None
    if end is None:
        return None
    day = _from_ordinal(end)
    if not (extension or period).amount and not cal.covers(day):  # zero working days: nothing was looked up
        return None
    spanned = years(start, day)
    if cal.provisional_years and not cal.provisional_years.isdisjoint(spanned):
        return None
    made = _new(Due)  # as `made_due`, its defaults (no steps, not provisional) left to the class
    made.__dict__.update(start=start, period=period, due=day, calendar_years=spanned, rules_digest=rules_digest)
    return made


def _before(cal: WorkCalendar, anchor: int, period: Period) -> int:
    end = count_backward(cal, anchor, period.amount, period.unit)
    if period.unit == WORKDAYS:
        return end
    rolled = rolled_at(cal, end, backward=True)  # inside the coverage either way, as `due`
    return end if period.duty == AUTHORITY else rolled  # an authority's last day is not moved back


def _after(cal: WorkCalendar, start: int, period: Period, pauses: Sequence[DateRange],
           extension: Period | None) -> int | None:
    ordinals = [(p.start.toordinal(), p.end.toordinal()) for p in sorted(pauses, key=_by_start)] if pauses else ()
    end = count_forward(cal, start, period.amount, period.unit, ordinals)
    unit = period.unit
    if extension is not None:  # counted on from the period's own last day, not moved (rule 5)
        if extension.direction != AFTER or extension.restricts_liberty \
                or not 1 <= extension.amount <= LIMITS.get(extension.unit, -1):
            return None
        end, unit = count_forward(cal, end, extension.amount, extension.unit, ordinals), extension.unit
    return end if unit == WORKDAYS else rolled_at(cal, end)  # the last day of the whole period, once (rule 6)


def _by_start(p: DateRange) -> dt.date:
    return p.start


# -- answers made without __init__ -----------------------------------------------------------------

_new = object.__new__


def made_due(start, period, day, steps, provisional, spanned, assumptions, span, rules_digest) -> Due:
    """The same frozen Due, made without its __init__: its nine object.__setattr__ calls were a
    fifth of a step-free batch item's time (python -m bench --only batch)."""
    made = _new(Due)
    made.__dict__.update(start=start, period=period, due=day, steps=steps, provisional=provisional,
                         calendar_years=spanned, assumptions=assumptions, range=span, rules_digest=rules_digest)
    return made


def made_step(rule: str, day: dt.date | None, basis: str, code: str) -> Step:
    """The same frozen Step, made without its __init__ (as `made_due`: every step of a batch item)."""
    made = _new(Step)
    made.__dict__.update(rule=rule, date=day, basis=basis, code=code)
    return made


# -- step texts written once -----------------------------------------------------------------------

class Remembered(Words):
    """The step texts already written for one calendar and one set of counting rules: a rule's
    words for the same values (`start_excluded`, `days` with its n …), the breaks skipped and the
    notices cited for the same calendar segment (`WorkCalendar.segment`), why a day is a rest day.
    Writing them was most of a batch item's time with steps (python -m bench --only batch).

    Keyed on the very WorkCalendar and CountingRules objects (a reload makes new ones, so never a
    stale text), held weakly (an old calendar is not kept alive), each table at most `SIZE`
    entries, emptied when full (a 10,000-item batch writes about 4,500 rule texts, 650 segments
    and 1,400 rest days; full tables are some 10 MB)."""

    SIZE = 16384

    def __init__(self, cal: WorkCalendar, rules: CountingRules):  # noqa: super: both held weakly instead
        self.cal_ref, self.rules_ref = weakref.ref(cal), weakref.ref(rules)
        self.said: dict[tuple, tuple[str, str]] = {}  # (rule name, what its words depend on) -> (text, basis)
        self.segments: dict[tuple, tuple[str, str]] = {}  # calendar segment -> (notices, detail)
        self.rests: dict[dt.date, str] = {}  # a rest day -> why it is one

    @property
    def cal(self) -> WorkCalendar:
        return self.cal_ref()

    @property
    def rules(self) -> CountingRules:
        return self.rules_ref()

    def plain(self, name: str):
        key = (name,)
        return self.said.get(key) or _remember(self.said, key, super().plain(name))

    def unit(self, unit: str, n: int):
        key = (unit, n)
        return self.said.get(key) or _remember(self.said, key, super().unit(unit, n))

    def workdays(self, n: int, start: dt.date, end: dt.date):
        segment = self.cal.segment(start + _ONE_DAY, end)
        key = ("workdays", n, segment)
        found = self.said.get(key)
        if found is None:
            notices, detail = self.segments.get(segment) or _remember(  # longer texts: a quarter as many
                self.segments, segment, (self.notices(start, end), self.skipped(start, end)), 4)
            found = _remember(self.said, key, self.rule("workdays", n=n, notices=notices, detail=detail))
        return found

    def rest(self, name: str, day: dt.date):
        key = (name, day)
        return self.said.get(key) or _remember(self.said, key, super().rest(name, day))

    def why_rest(self, day: dt.date) -> str:
        return self.rests.get(day) or _remember(self.rests, day, super().why_rest(day))

    def step(self, said, day, code) -> Step:
        made = _new(Step)  # made_step written out: two or three times an item
        made.__dict__.update(rule=said[0], date=day, basis=said[1], code=code)
        return made


_ONE_DAY = dt.timedelta(days=1)
_REMEMBERED: list[Remembered] = []  # the most recently used first; a few (calendar, rules) pairs


def remembered(cal: WorkCalendar, rules: CountingRules) -> Remembered:
    for t in _REMEMBERED:
        if t.cal_ref() is cal and t.rules_ref() is rules:
            return t
    t = Remembered(cal, rules)
    _REMEMBERED[:] = [t, *(old for old in _REMEMBERED[:3] if old.cal_ref() is not None and old.rules_ref() is not None)]
    return t


def _remember(table: dict, key, value, share: int = 1):
    """`table[key] = value`, the table emptied first when it holds `Remembered.SIZE // share` entries."""
    if len(table) >= Remembered.SIZE // share:
        table.clear()
    table[key] = value
    return value


# -- periods made once -----------------------------------------------------------------------------

PERIODS: dict[tuple, Period] = {}  # (amount, unit, direction, duty) -> the Period


def period(amount: int, unit: str, direction: str = AFTER, duty: str = PARTY) -> Period:
    """The same few thousand periods recur across a batch: made once each (a frozen dataclass
    costs a microsecond to build, a tenth of a step-free item). At most 50,000 of them (a few MB)."""
    key = (amount, unit, direction, duty)
    found = PERIODS.get(key)
    if found is None:
        if len(PERIODS) > 50_000:
            PERIODS.clear()
        found = PERIODS[key] = Period(amount, unit, direction, duty=duty)
    return found
