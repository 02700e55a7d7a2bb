"""calc.answers.days.iso: every date an answer writes, kept once per day."""
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from calc.answers import days
from calc.periods import FIRST_DAY, LAST_DAY


@given(st.dates())
def test_a_day_is_written_as_isoformat_writes_it_every_time(day):
    # the expected text is the standard library's (YYYY-MM-DD), for any day Python has, inside the
    # counting range (kept) or outside it (written afresh, never stored)
    assert days.iso(day) == day.isoformat()
    assert days.iso(day) == day.isoformat()  # the second time from the table, where it is kept


def test_only_days_of_the_counting_range_are_kept():
    inside, before, after = dt.date(2026, 10, 1), FIRST_DAY - dt.timedelta(days=1), LAST_DAY + dt.timedelta(days=1)
    for day in (inside, before, after, FIRST_DAY, LAST_DAY):
        days.iso(day)
    kept = {t for t in days._TEXTS if t is not None}
    assert {"2026-10-01", "1900-01-01", "2200-12-31"} <= kept
    assert "1899-12-31" not in kept and "2201-01-01" not in kept
    assert len(days._TEXTS) == (LAST_DAY - FIRST_DAY).days + 1  # one slot a day, never more
