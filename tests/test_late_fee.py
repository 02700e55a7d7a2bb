"""加处罚款 (行政处罚法 第六十七条、第七十二条), worked by hand.

Pay within 15 calendar days of service (第八十五条: only 二、三、五、七日 are working days), the last
day moved off a rest day (民法典 第二百零三条); then 3% of the fine per day, never more than the fine.
"""
import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calc.errors import CalendarGap, InvalidInput
from calc.penalties import late_fee

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def test_day_15_on_national_day_moves_the_due_date_to_october_8(p):
    # served 2026-09-16; day 15 = 2026-10-01 (国庆 10/1-10/7) -> 2026-10-08 (Thursday)
    f = late_fee(p, Decimal(1000), D(2026, 9, 16), D(2026, 10, 8))
    assert f.due.due == D(2026, 10, 8) and f.days_late == 0 and f.surcharge == 0 and f.total == 1000
    assert any("国庆节" in s.rule for s in f.steps)


def test_one_day_after_the_moved_due_date_is_3_percent(p):
    f = late_fee(p, Decimal(1000), D(2026, 9, 16), D(2026, 10, 9))
    assert (f.days_late, f.surcharge, f.total, f.capped) == (1, Decimal("30.00"), Decimal("1030.00"), False)


def test_33_days_late_is_99_percent(p):
    # 2026-10-08 + 33 days = 2026-11-10; 1000 x 3% x 33 = 990
    f = late_fee(p, Decimal(1000), D(2026, 9, 16), D(2026, 11, 10))
    assert (f.days_late, f.surcharge, f.capped) == (33, Decimal("990.00"), False)


def test_34_days_late_would_be_102_percent_and_is_capped_at_the_fine(p):
    f = late_fee(p, Decimal(1000), D(2026, 9, 16), D(2026, 11, 11))
    assert (f.days_late, f.surcharge, f.capped, f.total) == (34, Decimal("1000.00"), True, Decimal("2000.00"))
    assert "第七十二条" in f.steps[-1].basis


def test_a_plain_weekday_due_date_is_not_moved(p):
    # served Monday 2026-03-02 + 15 = Tuesday 2026-03-17; paid 2026-03-20 -> 3 days, 500 x 9% = 45
    f = late_fee(p, Decimal(500), D(2026, 3, 2), D(2026, 3, 20))
    assert f.due.due == D(2026, 3, 17) and f.days_late == 3 and f.surcharge == Decimal("45.00")


def test_the_spring_festival_break_moves_the_due_date(p):
    # served 2026-02-05 + 15 = 2026-02-20, inside 春节 2/15-2/23 -> Tuesday 2026-02-24
    f = late_fee(p, Decimal(200), D(2026, 2, 5), D(2026, 2, 25))
    assert f.due.due == D(2026, 2, 24) and f.days_late == 1 and f.surcharge == Decimal("6.00")


def test_fen_are_rounded_half_up(p):
    # 1.50 x 3% = 0.045 -> 0.05 (half up; banker's rounding would give 0.04)
    f = late_fee(p, Decimal("1.50"), D(2026, 3, 2), D(2026, 3, 18))
    assert f.surcharge == Decimal("0.05")
    # 333.33 x 3% x 2 = 19.9998 -> 20.00
    f = late_fee(p, Decimal("333.33"), D(2026, 3, 2), D(2026, 3, 19))
    assert f.surcharge == Decimal("20.00")


def test_a_due_date_in_2027_needs_the_2027_notice_or_provisional(p):
    # served 2026-12-20 + 15 = 2027-01-04 (a Monday; 元旦 assumed on 1/1 only)
    with pytest.raises(CalendarGap):
        late_fee(p, Decimal(100), D(2026, 12, 20), D(2027, 1, 10))
    f = late_fee(p, Decimal(100), D(2026, 12, 20), D(2027, 1, 10), provisional=True)
    assert f.due.due == D(2027, 1, 4) and f.due.provisional and f.due.calendar_years == (2026, 2027)
    assert f.days_late == 6 and f.surcharge == Decimal("18.00")


@pytest.mark.parametrize("fine, served, paid, field", [
    (Decimal(100), D(2026, 3, 2), D(2026, 3, 1), "paid"),
    (Decimal("0"), D(2026, 3, 2), D(2026, 3, 3), "fine"),
    (Decimal("10.001"), D(2026, 3, 2), D(2026, 3, 3), "fine"),
    (Decimal(100), D(2020, 3, 2), D(2020, 3, 3), "served"),
])
def test_bad_input_names_the_field(p, fine, served, paid, field):
    with pytest.raises(InvalidInput) as err:
        late_fee(p, fine, served, paid)
    assert err.value.field == field


fines = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)


@given(fine=fines, served=st.dates(D(2022, 1, 1), D(2026, 11, 30)), late=st.integers(0, 200))
@settings(max_examples=200, deadline=None)
@example(fine=Decimal("0.01"), served=D(2026, 3, 2), late=36)  # 0.01 x 3% x 36 = 0.0108 rounds to the cap: still capped
def test_surcharge_is_never_more_than_the_fine_and_kept_to_the_fen(schedules, fine, served, late):
    p = schedules.penalties
    f = late_fee(p, fine, served, served + dt.timedelta(days=15 + late), provisional=True)
    assert 0 <= f.surcharge <= fine
    assert f.surcharge == f.surcharge.quantize(Decimal("0.01"))
    assert f.total == fine + f.surcharge
    assert f.capped == (fine * Decimal("0.03") * f.days_late > fine)


@given(fine=fines, served=st.dates(D(2022, 1, 1), D(2026, 11, 30)), a=st.integers(0, 60), b=st.integers(0, 60))
@settings(max_examples=100, deadline=None)
def test_paying_later_never_costs_less(schedules, fine, served, a, b):
    p = schedules.penalties
    early, late = sorted((a, b))
    x = late_fee(p, fine, served, served + dt.timedelta(days=early), provisional=True)
    y = late_fee(p, fine, served, served + dt.timedelta(days=late), provisional=True)
    assert x.surcharge <= y.surcharge


def test_a_rule_that_has_ended_is_not_applied_to_a_fine_served_after_it(p):
    # A rule in force until 2026-12-31 (a made-up end: the bundled rule has none) says nothing of a
    # decision served on 2027-01-04: refused, naming the service date, rather than charged by it.
    # Served on its last day, 2026-12-31 + 15 days = 2027-01-15: answered.
    ended = dataclasses.replace(p, late_fee=dataclasses.replace(p.late_fee, until=D(2026, 12, 31)))
    with pytest.raises(InvalidInput) as refused:
        late_fee(ended, Decimal(1000), D(2027, 1, 4), D(2027, 2, 1), provisional=True)
    assert refused.value.field == "served" and "2026-12-31" in refused.value.message
    assert late_fee(ended, Decimal(1000), D(2026, 12, 31), D(2027, 1, 15), provisional=True).days_late == 0
