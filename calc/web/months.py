"""Month grids for the pages: each day's kind from the working-day calendar, plus the marks a page
wants to show on it (start, due dates). Days the calendar does not cover are shown as unknown."""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field

from ..errors import CalendarGap
from ..labels import DAY_KINDS
from ..workcal import WorkCalendar

WEEKDAYS = "一二三四五六日"


@dataclass
class Cell:
    date: dt.date
    in_month: bool
    kind: str
    name: str | None
    marks: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)

    @property
    def classes(self) -> str:
        out = [f"k-{self.kind}"]
        if not self.in_month:
            out.append("other")
        out += [f"m-{cls}" for cls, _ in self.marks]
        return " ".join(out)

    @property
    def describe(self) -> str:
        """What a screen reader says for the cell: the date, its kind and every mark."""
        parts = [f"{self.date.month}月{self.date.day}日 星期{WEEKDAYS[self.date.weekday()]}", DAY_KINDS[self.kind]]
        if self.name:
            parts.append(self.name)
        parts += [label for _, label in self.marks]
        return "，".join(parts)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Cell]]
    provisional: bool
    unknown: bool

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def kind_of(cal: WorkCalendar, day: dt.date) -> tuple[str, str | None]:
    try:
        info = cal.day(day)
    except CalendarGap:
        return "unknown", None
    return info.kind, info.name


def month(cal: WorkCalendar, year: int, month_: int, marks: dict[dt.date, list[tuple[str, str]]] | None = None) -> Month:
    marks = marks or {}
    weeks = []
    for week in _calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_):
        row = []
        for day in week:
            kind, name = kind_of(cal, day)
            row.append(Cell(day, day.month == month_, kind, name, list(marks.get(day, ()))))
        weeks.append(row)
    in_month = [c for w in weeks for c in w if c.in_month]
    return Month(year, month_, weeks,
                 provisional=year in cal.provisional_years,
                 unknown=any(c.kind == "unknown" for c in in_month))


def months_between(first: dt.date, last: dt.date, limit: int = 6) -> list[tuple[int, int]]:
    """The months from `first` to `last` (at most `limit`, the last ones kept when there are more)."""
    if last < first:
        first, last = last, first
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(out) > limit:
        out = out[:1] + out[-(limit - 1):]
    return out


def shift(year: int, month_: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month_ - 1) + by
    return index // 12, index % 12 + 1
