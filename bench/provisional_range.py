"""Provisional ranges: how wide they are on the backtest (each year 2009-2026 treated as
unpublished, tests/test_provisional_range.py) and what the range costs a provisional answer, against
the same answer without it, in interleaved rounds."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import statistics
import time

from calc import periods
from calc.workcal import CalendarBook, WorkCalendar

D = dt.timedelta


def _without(book: CalendarBook, year: int) -> CalendarBook:
    pub = book.published
    cal = WorkCalendar(pub.first.year, year - 1, [b for b in pub._breaks if b.notice.year < year],
                       [m for m in pub._makeups if m.notice.year < year])
    rule = dataclasses.replace(book.provisional_rule, until_year=year + 2)
    return CalendarBook(cal, {y: n for y, n in book.notices.items() if y < year}, rule)


def _sample(rng: random.Random, year: int):
    start = dt.date(year - 1, 11, 1) + D(rng.randrange(0, 425))
    unit, hi = rng.choice((("workdays", 60), ("days", 90), ("months", 6)))
    return start, periods.Period(rng.randint(1, hi), unit)


def run(loaded, rounds: int = 5) -> dict:
    widths, moved, total = [], 0, 0
    for year in range(2009, 2027):
        book, real = _without(loaded.calendar, year), loaded.calendar
        rng = random.Random(year)
        for _ in range(200):
            start, period = _sample(rng, year)
            d = periods.due(start, period, book, loaded.rules, provisional=True, explain=False)
            if not d.provisional or d.due.year > 2026:
                continue
            r = periods.due(start, period, real, loaded.rules, provisional=True, explain=False)
            if r.provisional:
                continue
            total += 1
            widths.append((d.range[1] - d.range[0]).days)
            moved += d.due != r.due
    book = loaded.calendar
    rng = random.Random(0)
    qs = [(dt.date(2026, 12, 1) + D(rng.randrange(0, 60)), periods.Period(rng.randint(1, 60), "workdays"))
          for _ in range(2000)]
    book.bounds  # built once per process, like the provisional calendar itself
    times = {True: [], False: []}
    for _ in range(rounds):
        for bracket in (False, True):
            t = time.perf_counter()
            for start, period in qs:
                periods.due(start, period, book, loaded.rules, provisional=True, explain=False, bracket=bracket)
            times[bracket].append(time.perf_counter() - t)
    ratio = statistics.median(a / b for a, b in zip(times[True], times[False]))
    out = {"answers": total, "moved": moved, "mean_width": statistics.mean(widths),
           "median_width": statistics.median(widths), "max_width": max(widths), "cost_ratio": ratio}
    print(f"provisional range: {total} provisional answers backtested, {moved} moved once the notice was out; "
          f"range width mean {out['mean_width']:.2f} days, median {out['median_width']:.0f}, max {out['max_width']}; "
          f"an answer with its range costs {ratio:.2f}x one without (median of {rounds} interleaved rounds)")
    return out
