"""Bench 1: working-day arithmetic on 100,000 random (date in 2005-2025, 1 ≤ n ≤ 60) cases.

Four ways to the same answers, checked equal case by case:
- `WorkCalendar.add_workdays` (the service: a table of working-day ordinals built once at load);
- the day-by-day loop with `chinese_calendar.is_workday` (how the popular package is used), timed
  on a sample of the same cases because the library validates the year on every call;
- the same day-by-day loop over a prebuilt set of rest days (the loop without the library's cost);
- `numpy.busday_offset` with weekmask '1111111' and every rest day listed as a holiday (the rest
  days of the service's calendar: numpy is compared as an algorithm, on the same data).
  numpy counts from the start day itself (a start on a rest day is first rolled), so the service's
  rule "the start day never counts; the N-th working day after it" is `roll='backward'`: a rest-day
  start rolls back to the last working day before it, after which there are no working days until
  the start, so N working days on from there is the N-th after the start.
And a vectorised path over the service's own tables (numpy indexing), for batches.
"""
from __future__ import annotations

import datetime as dt
import random
import time

import numpy as np

from .common import best_of_each, row, us

FIRST, LAST = dt.date(2005, 1, 1), dt.date(2025, 12, 31)


def make_cases(count: int = 100_000, seed: int = 20261128) -> list[tuple[dt.date, int]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [(FIRST + dt.timedelta(days=rng.randrange(span + 1)), rng.randint(1, 60)) for _ in range(count)]


def day_by_day(is_workday, start: dt.date, n: int) -> dt.date:
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def rest_days(is_workday, first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        if not is_workday(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


class Vectorised:
    """add_workdays for arrays, from the calendar's own tables (its working-day ordinals)."""

    def __init__(self, cal):
        self.base = cal.first.toordinal()
        self.cum = np.asarray(cal.counted, dtype=np.int64)
        self.work = np.frombuffer(cal.work, dtype=np.uint8).astype(np.int64)
        self.days = np.array(cal.workday_ordinals, dtype=np.int64)

    def add(self, ordinals: np.ndarray, n: np.ndarray) -> np.ndarray:
        i = ordinals - self.base
        if i.min() < 0 or i.max() >= len(self.cum):
            raise ValueError("outside the calendar")
        k = np.where(n > 0, self.cum[i] + n - 1, self.cum[i] - self.work[i] + n)
        return self.days[k]


def run(cal, count: int = 100_000, sample: int = 500, out=print) -> dict:
    import chinese_calendar

    cases = make_cases(count)
    starts = [d for d, _ in cases]
    ns = [n for _, n in cases]

    ours = [cal.add_workdays(d, n) for d, n in cases]

    # numpy and the set loop get every rest day of the service's calendar (the State Council data);
    # chinese_calendar has its own data: the days where the two disagree are listed, and the cases
    # whose count crosses one are left out of that comparison only.
    t0 = time.perf_counter()
    rest = rest_days(cal.is_workday, FIRST, dt.date(2026, 12, 31))
    t_rest = time.perf_counter() - t0
    cc_rest = set(rest_days(chinese_calendar.is_workday, FIRST, dt.date(2026, 12, 31)))
    disagree = sorted(cc_rest.symmetric_difference(rest))
    t0 = time.perf_counter()
    bdc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    t_bdc = time.perf_counter() - t0
    t0 = time.perf_counter()
    np_starts = np.array(starts, dtype="datetime64[D]")
    np_ns = np.array(ns, dtype=np.int64)
    t_convert = time.perf_counter() - t0
    np_out = np.busday_offset(np_starts, np_ns, roll="backward", busdaycal=bdc)

    # the day-by-day loop over a prebuilt set (all cases) and with chinese_calendar (a sample)
    rest_set = frozenset(rest)
    t0 = time.process_time()
    loop_set = [day_by_day(lambda d: d not in rest_set, d, n) for d, n in cases]
    t_set = time.process_time() - t0
    head = [(d, n) for (d, n), end in zip(cases, ours)
            if not any(d < x <= end for x in disagree)][:sample]
    head_ours = [cal.add_workdays(d, n) for d, n in head]
    t0 = time.process_time()
    loop_cc = [day_by_day(chinese_calendar.is_workday, d, n) for d, n in head]
    t_cc = (time.process_time() - t0) / len(head) * count

    vec = Vectorised(cal)
    ords = np.array([d.toordinal() for d in starts], dtype=np.int64)
    vec_out = vec.add(ords, np_ns)
    # the three fast sides in interleaved rounds: their ratios are the ones that drift
    t = best_of_each({"ours": lambda: [cal.add_workdays(d, n) for d, n in cases],
                      "numpy": lambda: np.busday_offset(np_starts, np_ns, roll="backward", busdaycal=bdc),
                      "vec": lambda: vec.add(ords, np_ns)}, 7)
    t_ours, t_numpy, t_vec = t["ours"], t["numpy"], t["vec"]
    ours_from_vec = [dt.date.fromordinal(int(o)) for o in vec_out]

    numpy_dates = np_out.astype(object).tolist()
    assert numpy_dates == ours, _first_difference(cases, ours, numpy_dates, "numpy")
    assert loop_set == ours, _first_difference(cases, ours, loop_set, "day-by-day")
    assert loop_cc == head_ours, _first_difference(head, head_ours, loop_cc, "chinese_calendar")
    assert ours_from_vec == ours, _first_difference(cases, ours, ours_from_vec, "vectorised")

    per = lambda t: t / count  # noqa: E731
    figures = {
        "cases": count, "ours_us": per(t_ours) * 1e6, "numpy_us": per(t_numpy) * 1e6,
        "cc_loop_us": per(t_cc) * 1e6, "set_loop_us": per(t_set) * 1e6, "vectorised_us": per(t_vec) * 1e6,
        "x_vs_cc_loop": t_cc / t_ours, "x_vs_set_loop": t_set / t_ours,
        "ours_over_numpy": t_ours / t_numpy, "vectorised_over_numpy": t_vec / t_numpy,
    }
    out(f"1. Working-day arithmetic: {count:,} random cases (start 2005-2025, 1 ≤ n ≤ 60), all four agree")
    out(row("add_workdays (service), per case", us(per(t_ours))))
    out(row("chinese_calendar.is_workday day-by-day, per case", us(per(t_cc)),
            f"(timed on {len(head):,} of the cases)"))
    out(row("day-by-day over a prebuilt rest-day set, per case", us(per(t_set))))
    out(row("numpy.busday_offset (1111111 + rest days), per case", us(per(t_numpy)),
            f"(+ one-off: rest list {t_rest * 1e3:.0f} ms, calendar {t_bdc * 1e3:.1f} ms, "
            f"date conversion {t_convert * 1e3:.1f} ms)"))
    out(row("vectorised add over the service's tables, per case", us(per(t_vec))))
    out(row("speed-up vs chinese_calendar day-by-day", f"{figures['x_vs_cc_loop']:,.0f}×", "(target ≥ 20×)"))
    out(row("speed-up vs day-by-day over a set", f"{figures['x_vs_set_loop']:,.1f}×"))
    out(row("add_workdays per element / numpy per element", f"{figures['ours_over_numpy']:,.1f}×",
            "(Python call per case vs one C loop)"))
    out(row("vectorised per element / numpy per element", f"{figures['vectorised_over_numpy']:,.2f}×"))
    if disagree:
        out(f"  chinese_calendar and the State Council data disagree on {len(disagree)} day(s) in 2005-2026: "
            + ", ".join(d.isoformat() for d in disagree[:10]) + " (cases crossing them left out of that check)")
    figures["disagree"] = [d.isoformat() for d in disagree]
    return figures


def _first_difference(cases, ours, other, name):
    for (d, n), a, b in zip(cases, ours, other):
        if a != b:
            return f"{name} differs: start {d} n {n}: service {a}, {name} {b}"
    return f"{name}: lengths differ"
