"""The range of a provisional date (API.md, "Provisional range"), backtested on the real notices.

Each published year Y from 2009 to 2026 is treated as unpublished: the book keeps the notices of
the years before Y and estimates Y onwards by the 放假办法. A provisional answer's `range` must hold
the date the real notice gives. The real dates are counted here with the independent
`chinese_calendar` package (the State Council's notices as its authors entered them), not with the
code under test.

Two arrangements rested on notices of their own, outside the 放假办法, and no estimate from the
放假办法 can foresee them: the 2015 commemoration of the victory in the War of Resistance (9/3-9/5,
made up on 9/6) and the 2020 extension of the Spring Festival (1/31-2/2, 国办发明电〔2020〕1号).
Samples whose counting touches those days are left out.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

import chinese_calendar
import pytest
from dateutil.relativedelta import relativedelta

from calc import periods, schedules
from calc.workcal import CalendarBook, WorkCalendar

D = dt.timedelta
SPECIAL = [(dt.date(2015, 9, 3), dt.date(2015, 9, 6)), (dt.date(2020, 1, 31), dt.date(2020, 2, 2))]
LAST_REAL = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def loaded():
    return schedules.load()


def _book_without(book: CalendarBook, year: int) -> CalendarBook:
    """`book` as it stood before the notice of `year` (and every later one) was out."""
    pub = book.published
    cal = WorkCalendar(pub.first.year, year - 1, [b for b in pub._breaks if b.notice.year < year],
                       [m for m in pub._makeups if m.notice.year < year])
    rule = dataclasses.replace(book.provisional_rule, until_year=min(year + 2, 2100))
    return CalendarBook(cal, {y: n for y, n in book.notices.items() if y < year}, rule)


class _Beyond(Exception):
    """The real count runs past the last published notice."""


def _real_workday(day: dt.date) -> bool:
    if day > LAST_REAL:
        raise _Beyond
    return chinese_calendar.is_workday(day)


def _real_due(start: dt.date, amount: int, unit: str, direction: str) -> dt.date:
    """民法典 第二百零一条至第二百零三条: the start day not counted; a last day that is a rest day
    moves to the next working day (forward) — backward periods move back (a party's latest day)."""
    if unit == "workdays":
        step = D(1) if direction == "after" else D(-1)
        day, left = start, amount
        while left:
            day += step
            if _real_workday(day):
                left -= 1
        return day
    if unit == "days":
        end = start + D(amount) if direction == "after" else start - D(amount)
    else:
        end = start + relativedelta(months=amount) if direction == "after" else start - relativedelta(months=amount)
    step = D(1) if direction == "after" else D(-1)
    while not _real_workday(end):
        end += step
    return end


def _touches(a: dt.date, b: dt.date, first: dt.date, last: dt.date) -> bool:
    return min(a, b) <= last and first <= max(a, b)


def _touches_special(a: dt.date, b: dt.date) -> bool:
    lo, hi = min(a, b) - D(10), max(a, b) + D(10)
    return any(lo <= s2 and s1 <= hi for s1, s2 in SPECIAL)


def test_the_real_calendar_of_every_year_lies_between_the_two_extremes(loaded):
    # Containment, day by day: every day the real notice made a working day is one in the
    # "most work" book, and every day it made a rest day is one in the "least work" book.
    for year in range(2009, 2027):
        most, least = (b.get(True) for b in _book_without(loaded.calendar, year).bounds)
        day = dt.date(year, 1, 1)
        while day <= dt.date(year, 12, 31):
            if not any(s1 <= day <= s2 for s1, s2 in SPECIAL):
                real = _real_workday(day)
                if real:
                    assert most.is_workday(day), (year, day, "a real working day the widest estimate rests")
                else:
                    assert not least.is_workday(day), (year, day, "a real rest day the narrowest estimate works")
            day += D(1)


CASES = [("workdays", 1, 60), ("days", 1, 90), ("months", 1, 6)]


@pytest.mark.parametrize("year", range(2009, 2027))
def test_the_real_due_date_falls_in_the_range_of_the_provisional_one(loaded, year):
    book = _book_without(loaded.calendar, year)
    rng = random.Random(year)
    checked = widths = 0
    for _ in range(300):
        start = dt.date(year - 1, 11, 1) + D(rng.randrange(0, 425))
        unit, lo, hi = rng.choice(CASES)
        amount = rng.randint(lo, hi)
        direction = "before" if unit != "months" and rng.random() < 0.2 else "after"
        try:
            real = _real_due(start, amount, unit, direction)
        except _Beyond:
            continue
        if _touches_special(start, real):
            continue
        d = periods.due(start, periods.Period(amount, unit, direction), book, loaded.rules, provisional=True,
                        explain=False)
        if not d.provisional:
            # Not estimated, so no range. A notice can still rearrange the last days of the year
            # before it (the 2019 notice made 2018-12-29 a working day and 2018-12-31 a rest day),
            # which an answer inside the published year cannot know: left out here, and noted.
            assert d.range is None
            if not _touches(start, d.due, dt.date(year - 1, 12, 24), dt.date(year - 1, 12, 31)):
                assert d.due == real, (start, amount, unit, direction)
            continue
        earliest, latest = d.range
        assert earliest <= d.due <= latest
        assert earliest <= real <= latest, (start, amount, unit, direction, real, d.range)
        checked += 1
        widths += (latest - earliest).days
    assert checked > 50  # the sample reaches into the unpublished year


def test_a_published_answer_has_no_range(loaded):
    # 2026 notice: 2026-09-21 + 20 working days = 2026-10-26 (README example); nothing estimated
    d = periods.due(dt.date(2026, 9, 21), periods.Period(20, "workdays"), loaded.calendar, loaded.rules)
    assert d.due == dt.date(2026, 10, 26) and d.range is None


def test_a_provisional_answer_into_2027_brackets_the_spring_festival(loaded):
    # 2027 has no notice. 2027-01-25 (Mon) + 20 working days, by the 放假办法 alone: 春节 is
    # 除夕 02-05 to 初三 02-08, the weekend days 02-06/07 made up on 02-09/10 (第六条), so the
    # estimate skips 02-05, 02-08, 02-09, 02-10 and lands on 2027-02-26 (Fri).
    # A notice may add weekdays to the break (up to 4 after the statutory days, as 2026 did) and
    # make weekends near it working days: the range must reach both ways around 02-26.
    d = periods.due(dt.date(2027, 1, 25), periods.Period(20, "workdays"), loaded.calendar, loaded.rules,
                    provisional=True)
    assert d.provisional and d.due == dt.date(2027, 2, 26)
    earliest, latest = d.range
    assert earliest < d.due < latest


def test_an_inspection_window_in_2027_gives_the_range_of_its_due_date(loaded):
    # A monthly window ending on a day a notice may still rearrange: 2027-09 ends on Thu 09-30,
    # the day before 国庆节 (10-01 to 10-03 by the 放假办法). The estimate keeps 09-30 a working
    # day, so the due date is 09-30; a notice may add up to 2 weekdays before the statutory days
    # (2008-2026 reached that far), so 09-29 and 09-30 may be rest days and the due date 09-28.
    from calc import inspections

    regime = next(r for r in loaded.inspections.regimes.values()
                  if any(q.window == "month" and q.due == "end" and not q.triggered for q in r.requirements.values()))
    p = inspections.plan(regime, dt.date(2027, 9, 1), dt.date(2027, 9, 30), loaded.calendar, provisional=True)
    w = next(w for w in p.windows if w.requirement.window == "month" and w.requirement.due == "end")
    assert p.provisional and w.due == dt.date(2027, 9, 30)
    assert w.range == (dt.date(2027, 9, 28), dt.date(2027, 9, 30))


def test_a_late_fee_due_in_2027_gives_the_range_of_its_due_date(loaded):
    # 行政处罚法 第六十七条: pay within 15 days of service. Served 2027-01-25: day 15 is Tue 02-09.
    # By the 放假办法 alone 春节 is 02-05 to 02-08, its weekend days made up on 02-09 and 02-10
    # (第六条), so the estimate rolls to Thu 02-11. The notice decides which weekdays make up the
    # weekend days (02-09 may stay a working day) and may add up to 4 weekdays after them (02-11,
    # 02-12; 02-13/14 are a weekend): the real due date lies between 02-09 and Mon 02-15.
    from decimal import Decimal

    from calc import penalties

    f = penalties.late_fee(loaded.penalties, Decimal(200), dt.date(2027, 1, 25), dt.date(2027, 3, 1),
                           provisional=True)
    assert f.due.due == dt.date(2027, 2, 11)
    assert f.due.range == (dt.date(2027, 2, 9), dt.date(2027, 2, 15))


def test_the_api_sends_the_range_with_a_provisional_deadline(client):
    # Same counting as above: 2027-01-25 + 15 days.
    r = client.post("/v1/deadlines", json={"start": "2027-01-25", "amount": 15, "unit": "days", "provisional": True})
    assert r.status_code == 200
    body = r.get_json()
    assert body["provisional"] is True and body["due"] == "2027-02-11"
    assert body["range"] == {"earliest": "2027-02-09", "latest": "2027-02-15"}
    r = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"})
    assert "range" not in r.get_json()


def test_a_provisional_timeline_gives_each_estimated_stage_its_range(loaded):
    # 行政许可法 第四十二条: decide within 20 working days of acceptance; started 2027-01-25 (Mon).
    # By the 放假办法 alone (春节 除夕 02-05 to 初三 02-08; its weekend days made up on 02-09/10):
    #   01-26..29 (4), 02-01..04 (8), 02-11, 02-12 (10), 02-15..19 (15), 02-22..26 (20) -> 02-26.
    # Least work: a notice may also rest 02-04 (1 day before) and 02-11, 02-12 (up to 4 after):
    #   three more working days needed -> 03-01, 03-02, 03-03.
    # Most work: 02-09/10 may be working days (the 补休 may fall elsewhere) and the weekends
    # 01-30/31 (6 days before) and 02-13/14 (3-4 days after) make-up days:
    #   01-26..29 (4), 01-30, 01-31 (6), 02-01..04 (10), 02-09..14 (16), 02-15..18 (20) -> 02-18.
    from calc import timelines

    t = timelines.estimate(loaded.timelines, "administrative-licence", dt.date(2027, 1, 25), loaded.calendar,
                           loaded.rules, provisional=True)
    decision = next(r for r in t.stages if r.stage.id == "decision")
    assert decision.due == dt.date(2027, 2, 26)
    assert decision.range == (dt.date(2027, 2, 18), dt.date(2027, 3, 3))
    assert t.completion_range[0] <= t.completion <= t.completion_range[1]


def test_a_timeline_counted_in_hours_has_no_range(loaded):
    # 治安管理处罚法 questioning after a summons: 8 hours, no calendar involved.
    from calc import timelines

    t = timelines.estimate(loaded.timelines, "summons-questioning", dt.datetime(2027, 1, 25, 9, 0), loaded.calendar,
                           loaded.rules, provisional=True)
    assert all(r.range is None for r in t.stages)
