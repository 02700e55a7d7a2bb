"""Period counting (DESIGN.md §2) against examples worked by hand from the law and the 2026 notice."""
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calc.errors import CalendarGap, InvalidInput
from calc.periods import LIMITS, DateRange, Period, _due_without_steps, due

D = dt.date


def answer(book, rules, start, amount, unit, **kw):
    direction = kw.pop("direction", "after")
    liberty = kw.pop("restricts_liberty", False)
    return due(start, Period(amount, unit, direction, liberty), book, rules, **kw)


# rule 1: the start day is not counted; rule 2: the N-th working day
def test_rule_1_and_2_twenty_working_days_with_steps_and_basis(book, rules):
    a = answer(book, rules, D(2026, 9, 21), 20, "workdays")
    assert a.due == D(2026, 10, 26)
    assert a.steps[0].date == D(2026, 9, 21) and "第二百零一条" in a.steps[0].basis
    assert "国庆节" in a.steps[1].rule and "10-10" in a.steps[1].rule
    assert "国办发明电〔2025〕7号" in a.steps[1].basis
    assert (a.provisional, a.calendar_years) == (False, (2026,))


# rule 3: calendar days roll forward off a rest day
def test_rule_3_fifteen_days_ending_on_national_day_move_to_the_first_working_day(book, rules):
    a = answer(book, rules, D(2026, 9, 16), 15, "days")
    assert a.due == D(2026, 10, 8)
    assert a.steps[-1].rule.startswith("期间最后一日是法定休假日")
    assert "第二百零三条" in a.steps[-1].basis


def test_rule_3_a_weekend_end_rolls_to_monday(book, rules):
    # 2026-03-02 + 12 days = 03-14, a Saturday
    assert answer(book, rules, D(2026, 3, 2), 12, "days").due == D(2026, 3, 16)


def test_rule_3_never_for_periods_restricting_liberty(book, rules):
    a = answer(book, rules, D(2026, 9, 16), 15, "days", restricts_liberty=True)
    assert a.due == D(2026, 10, 1)
    assert "第三十五条" in a.steps[-1].basis


# rule 4: months and years
def test_rule_4_month_end_when_the_month_has_no_such_day(book, rules):
    # 1/31 + 1 month: February has no 31st, so 2/28, a make-up Saturday: a working day, no roll
    assert answer(book, rules, D(2026, 1, 31), 1, "months").due == D(2026, 2, 28)


def test_rule_4_then_rule_3_a_month_ending_in_the_spring_festival(book, rules):
    a = answer(book, rules, D(2026, 1, 15), 1, "months")
    assert a.due == D(2026, 2, 24)
    assert "第二百零二条" in a.steps[1].basis


def test_rule_4_a_year_from_a_leap_day(book, rules):
    assert answer(book, rules, D(2024, 2, 29), 1, "years").due == D(2025, 2, 28)


# rule 5: pauses are not counted
def test_rule_5_an_expert_review_across_national_day_is_not_counted(book, rules):
    # 9/22, 9/23 count (2); 9/24-10/9 paused; then 10/10 (make-up Sat) ... 11/3 is the 18th
    pause = DateRange(D(2026, 9, 24), D(2026, 10, 9), "专家评审")
    a = answer(book, rules, D(2026, 9, 21), 20, "workdays", pauses=[pause])
    assert a.due == D(2026, 11, 3)
    assert any("专家评审" in s.rule for s in a.steps)


def test_rule_5_paused_calendar_days_then_a_weekend_roll(book, rules):
    # 3/3, 3/4 count; 3/5-3/6 paused; 3/7 ... 3/14 (Sat) is day 10; rolls to Monday
    a = answer(book, rules, D(2026, 3, 2), 10, "days", pauses=[DateRange(D(2026, 3, 5), D(2026, 3, 6))])
    assert a.due == D(2026, 3, 16)


def test_rule_5_a_pause_after_the_due_date_changes_nothing(book, rules):
    a = answer(book, rules, D(2026, 3, 2), 10, "days", pauses=[DateRange(D(2026, 4, 1), D(2026, 4, 3))])
    assert a.due == D(2026, 3, 12)


# rule 6: extensions
def test_rule_6_ten_more_working_days_from_the_original_due_date(book, rules):
    a = answer(book, rules, D(2026, 9, 21), 20, "workdays", extension=Period(10, "workdays"))
    assert a.due == D(2026, 11, 9)
    assert any(s.rule.startswith("延长10个工作日") and s.date == D(2026, 10, 26) for s in a.steps)


# rule 7: backward periods roll back
def test_rule_7_twenty_days_before_an_event_landing_in_national_day_move_back(book, rules):
    a = answer(book, rules, D(2026, 10, 24), 20, "days", direction="before")
    assert a.due == D(2026, 9, 30)
    assert "提前" in a.steps[-1].rule


def test_rule_7_a_backward_sunday_moves_to_the_makeup_saturday(book, rules):
    assert answer(book, rules, D(2026, 3, 21), 20, "days", direction="before").due == D(2026, 2, 28)


def test_rule_7_backward_working_days(book, rules):
    assert answer(book, rules, D(2026, 10, 12), 5, "workdays", direction="before").due == D(2026, 9, 29)


# coverage and provisional answers
def test_a_period_reaching_into_2027_is_refused_unless_provisional(book, rules):
    with pytest.raises(CalendarGap) as err:
        answer(book, rules, D(2026, 12, 21), 20, "workdays")
    assert err.value.year == 2027
    a = answer(book, rules, D(2026, 12, 21), 20, "workdays", provisional=True)
    # 12/22-12/31: 8 working days; 2027: 1/1 元旦 off, 1/4 ... 1/19 is the 12th
    assert a.due == D(2027, 1, 19)
    assert a.provisional and a.calendar_years == (2026, 2027)
    assert a.assumptions and "放假办法" in a.steps[-1].basis


def test_a_provisional_request_inside_the_published_years_is_not_provisional(book, rules):
    a = answer(book, rules, D(2026, 9, 21), 20, "workdays", provisional=True)
    assert a.due == D(2026, 10, 26) and not a.provisional


@pytest.mark.parametrize("amount, unit", [(3661, "days"), (121, "months"), (101, "years"), (-1, "days")])
def test_absurd_amounts_are_refused(book, rules, amount, unit):
    with pytest.raises(InvalidInput) as err:
        answer(book, rules, D(2026, 1, 5), amount, unit)
    assert err.value.field == "amount"


def test_unknown_unit_is_refused(book, rules):
    with pytest.raises(InvalidInput) as err:
        answer(book, rules, D(2026, 1, 5), 3, "weeks")
    assert err.value.field == "unit"


# -- properties ----------------------------------------------------------------------------------

published_days = st.dates(D(2004, 1, 1), D(2026, 10, 31))


@given(published_days, st.integers(1, 40))
def test_count_after_start_up_to_due_is_n(cal, start, n):
    end = cal.add_workdays(start, n)
    assert cal.count_workdays(start + dt.timedelta(days=1), end) == n
    assert cal.is_workday(end)


@given(published_days, st.integers(1, 40))
def test_backward_inverts_forward_on_working_days(cal, start, n):
    assume(cal.is_workday(start))
    assert cal.add_workdays(cal.add_workdays(start, n), -n) == start


@settings(max_examples=200)
@given(published_days, st.integers(1, 60), st.sampled_from(["days", "months"]))
def test_a_days_or_months_due_date_is_never_a_rest_day(book, rules, cal, start, n, unit):
    try:
        a = answer(book, rules, start, n, unit)
    except CalendarGap:
        assume(False)
    assert cal.is_workday(a.due)
    assert a.due > start


@given(published_days, st.integers(1, 39), st.sampled_from(["workdays", "days", "months"]))
def test_due_is_monotonic_in_n(book, rules, start, n, unit):
    try:
        later = answer(book, rules, start, n + 1, unit).due
    except CalendarGap:
        assume(False)
    assert answer(book, rules, start, n, unit).due <= later


@st.composite
def pause_strategy(draw):
    first = draw(st.dates(D(2005, 1, 1), D(2025, 6, 30)))
    length = draw(st.integers(0, 30))
    return DateRange(first, first + dt.timedelta(days=length))


@given(published_days.filter(lambda d: d.year < 2026), st.integers(1, 60), pause_strategy())
def test_paused_working_days_are_exactly_the_ones_not_counted(book, rules, cal, start, n, pause):
    a = answer(book, rules, start, n, "workdays", pauses=[pause])
    first = start + dt.timedelta(days=1)
    inside = cal.count_workdays(max(first, pause.start), min(a.due, pause.end))
    assert cal.count_workdays(first, a.due) - inside == n
    assert not (pause.start <= a.due <= pause.end)
    assert a.due >= answer(book, rules, start, n, "workdays").due


@given(published_days.filter(lambda d: d.year < 2026), st.integers(1, 300), pause_strategy())
def test_pauses_never_bring_a_calendar_day_period_forward(book, rules, start, n, pause):
    assert answer(book, rules, start, n, "days", pauses=[pause]).due >= answer(book, rules, start, n, "days").due


@st.composite
def _plain_periods(draw):
    unit = draw(st.sampled_from(["workdays", "days", "months", "years"]))
    n = min(draw(st.integers(0, 400)), LIMITS[unit])
    backward = draw(st.booleans())
    pauses, extension = [], None
    if not backward and draw(st.booleans()):
        days = st.dates(dt.date(2003, 11, 1), dt.date(2027, 2, 1))
        pauses = [tuple(sorted(draw(st.tuples(days, days)))) for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        ext_unit = draw(st.sampled_from(["workdays", "days", "months"]))
        extension = (draw(st.integers(1, 40)), ext_unit)
    return n, unit, backward, pauses, extension


def due_plain(cal, start: str, amount: int, unit: str, backward: bool = False, pauses=(), extension=None):
    """`due`'s step-free count (`_due_without_steps`, what a batch without steps gets) on ISO text and
    ordinals: the due day and the first and last calendar year spanned, or None where only `due`
    can answer (a day outside the coverage, or a combination it refuses)."""
    o = cal.ordinal(start)
    if o is None or backward and pauses:
        return None
    ranges = [DateRange(dt.date.fromordinal(a), dt.date.fromordinal(b)) for a, b in pauses]
    found = _due_without_steps(cal, dt.date.fromordinal(o), Period(amount, unit, "before" if backward else "after"),
                               ranges, Period(*extension) if extension is not None else None)
    if found is None:
        return None
    years = found.calendar_years
    return found.due.isoformat(), years[0], years[-1]


@settings(max_examples=500)
@given(st.dates(dt.date(2003, 11, 1), dt.date(2027, 2, 1)), _plain_periods())
def test_the_batch_ordinal_path_gives_the_dates_due_gives(book, rules, start, plain):
    """`due_plain` (ISO text and ordinals, no steps) against `due` (dates, with its steps), to the
    coverage's edges, with pauses and extensions: the same due date and years; None (leave it to
    `due`) wherever `due` refuses, and only where a day lies outside the coverage."""
    n, unit, backward, pauses, extension = plain
    try:
        expected = due(start, Period(n, unit, "before" if backward else "after"), book, rules,
                       pauses=[DateRange(a, b) for a, b in pauses],
                       extension=Period(*extension) if extension else None)
    except (CalendarGap, InvalidInput):
        expected = None
    cal = book.published
    ordinals = sorted(((a.toordinal(), b.toordinal()) for a, b in pauses), key=lambda p: p[0])
    got = due_plain(cal, start.isoformat(), n, unit, backward, ordinals, extension)
    if expected is None:
        assert got is None
    elif got is None:
        days = [start, expected.due, *(d for p in pauses for d in p)]
        assert backward and extension or not all(cal.covers(d) for d in days)
    else:
        years = expected.calendar_years
        assert got == (expected.due.isoformat(), years[0], years[-1])


@settings(max_examples=200)
@given(st.dates(dt.date(2003, 11, 1), dt.date(2026, 6, 1)), st.sampled_from(["workdays", "days", "months"]),
       st.integers(0, 90), st.booleans())
def test_a_step_free_due_is_the_due_that_its_constructor_makes(book, rules, start, unit, n, backward):
    """The step-free Due is made without its __init__, its defaults (no steps, not provisional, no
    assumptions, no range) left to the class: it must still be the very value the dataclass makes,
    equal, with the same fields and hash, and `dataclasses.replace` must work on it (penalties and
    timelines replace a Due's fields)."""
    import dataclasses

    from calc.periods import Due

    period = Period(n, unit, "before" if backward else "after")
    try:
        quick = due(start, period, book, rules, explain=False)
    except CalendarGap:  # beyond the published notices: nothing to compare
        assume(False)
    assume(not quick.steps)  # a provisional year: `due` itself answered (and said its assumption)
    stepped = due(start, period, book, rules)
    made = Due(start, period, stepped.due, (), False, stepped.calendar_years, (), None, rules.digest)
    assert quick == made and hash(quick) == hash(made)
    assert dataclasses.asdict(quick) == dataclasses.asdict(made)
    assert (quick.steps, quick.provisional, quick.assumptions, quick.range) == ((), False, (), None)
    assert dataclasses.replace(quick, range=(start, start)).range == (start, start)
