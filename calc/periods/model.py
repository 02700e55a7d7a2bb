"""What a period is: an amount of a unit, counted after a day or before one, whose duty it is, and
whether it restricts liberty; the days not counted in it, the extensions that lengthen it, and the
answer (`Due`). One model for every area: a deadline (POST /v1/deadlines), a timeline stage, a
penalty's time to pay.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..errors import InvalidInput
from ..steps import Step


class Unit(StrEnum):
    """民法典 第二百零一条: 按照年、月、日计算期间; 程序规定 第三十五条: 期间以时、日、月、年计算; a working
    day (工作日) where a law counts in them (行政许可法 第八十二条)."""

    WORKDAYS = "workdays"
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"  # counted as a duration on the clock (`hours_after`), never by `due`


class Direction(StrEnum):
    AFTER = "after"  # the last day of a period counted from a day
    BEFORE = "before"  # the latest day "at least N days before" a day (听证的七日前)


class Duty(StrEnum):
    """Whose duty a backward period is: a party's latest day moves back off a rest day, an
    authority's does not (it may not shorten the party's time)."""

    PARTY = "party"
    AUTHORITY = "authority"


# The values as plain names, for the counting code (an enum member's look-up costs ten times a name's).
WORKDAYS, DAYS, MONTHS, YEARS, HOURS = (u.value for u in Unit)
AFTER, BEFORE = (d.value for d in Direction)
PARTY, AUTHORITY = (d.value for d in Duty)
UNITS = (WORKDAYS, DAYS, MONTHS, YEARS)  # the units `due` counts
DIRECTIONS = tuple(d.value for d in Direction)
DUTIES = tuple(d.value for d in Duty)
# Not legal numbers: limits that keep one request bounded (about ten years of any unit).
LIMITS = {WORKDAYS: 2600, DAYS: 3660, MONTHS: 120, YEARS: 100}
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)


@dataclass(frozen=True)
class Period:
    """`amount` `unit`s (a `Unit` value), counted `direction` (a `Direction` value) from a day."""

    amount: int
    unit: str
    direction: str = AFTER
    restricts_liberty: bool = False  # detention, questioning: never rolled off a rest day
    duty: str = PARTY  # a backward period's (`Duty`)


@dataclass(frozen=True)
class DateRange:
    """Days not counted (听证、鉴定、补正、中止…), both ends included."""

    start: dt.date
    end: dt.date
    reason: str = "依法不计入期间的时间"
    basis: str | None = None  # the law that says this time is not counted, where the caller knows it


@dataclass(frozen=True)
class Link:
    """One extension (延长) in a chain of them: `period` more, counted on from the last day of the
    period it extends as the law sets that day, never from a day it was moved to (rule 6: 民法典
    第二百零三条 moves only the last day of the whole period). `basis`: the law that allows it;
    `step`: a procedure's own words for it (a custody renewal), instead of [extension]'s; its date
    is the day the extension counts from, which the count fills in."""

    period: Period
    basis: str | None = None
    step: Step | None = None


@dataclass(frozen=True)
class Due:
    start: dt.date
    period: Period
    due: dt.date
    steps: tuple[Step, ...] = ()
    provisional: bool = False
    calendar_years: tuple[int, ...] = ()
    assumptions: tuple[str, ...] = field(default=())
    range: tuple[dt.date, dt.date] | None = None  # provisional: where the real date can fall
    rules_digest: str = ""  # the counting rules (periods.toml) it was counted by


def check_period(period: Period, field_name: str = "amount"):
    if period.unit not in UNITS:
        raise InvalidInput(f"未知的期间单位：{period.unit}", field="unit")
    if period.direction not in DIRECTIONS:
        raise InvalidInput(f"未知的计算方向：{period.direction}", field="direction")
    if period.duty not in DUTIES:
        raise InvalidInput(f"未知的义务人：{period.duty}（应为 {', '.join(DUTIES)}）", field="duty")
    limit = LIMITS[period.unit]
    if period.amount > limit:  # the words of the API's schema (calc/api/deadline_body.py), which checks first
        raise InvalidInput(f"{period.unit} 期间不能超过 {limit}", field=field_name)
    if period.amount < 0:
        raise InvalidInput("期间长度不能为负数", field=field_name)


def check_day(day: dt.date, field_name: str):
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput("日期应在 1900-01-01 至 2200-12-31 之间", field=field_name)


def years(start: dt.date, end: dt.date) -> tuple[int, ...]:
    """The calendar years a period spans, earlier first (most periods stay within one)."""
    first, last = (end.year, start.year) if end < start else (start.year, end.year)
    return (first,) if first == last else tuple(range(first, last + 1))
