"""Period counting (DESIGN.md §2) against examples worked by hand from the law and the 2026 notice."""
import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calc.errors import CalendarGap, InvalidInput
from calc.periods import LIMITS, DateRange, Link, Period, due
from calc.periods.fast import without_steps as _due_without_steps

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


# rule 6, LAW.md round three: an extension counts from the period's own last day, which is not moved
# (民法典 第二百零三条 moves only the last day of the period, and once extended that day is not the
# last); the extended period's last day moves, once.
ZHIAN_118 = "治安管理处罚法（2025） 第一百一十八条第一款"


def test_rule_6_thirty_and_thirty_days_from_2026_09_07_end_on_11_06_not_11_09(book, rules):
    # 9/7 + 30 days = 10/7 (国庆 10/1-10/7, a Wednesday): extended, so not the last day, not moved.
    # 10/7 + 30 days = 11/6, a Friday (10/1 Thu, 11/6 = 10/1 + 36 days = Thu + 1): the last day, a
    # working day. Counted from a moved 10/8 it was 11/7 (Sat) -> 11/9.
    a = answer(book, rules, D(2026, 9, 7), 30, "days", extension=Period(30, "days"), extension_basis=ZHIAN_118)
    assert a.due == D(2026, 11, 6)
    assert [(s.code, s.date) for s in a.steps] == [
        ("start_excluded", D(2026, 9, 7)), ("days", D(2026, 10, 7)), ("not_last_day", D(2026, 10, 7)),
        ("extension", D(2026, 10, 7)), ("days", D(2026, 11, 6))]
    held, extension = a.steps[2], a.steps[3]
    assert "法定休假日（2026-10-07 国庆节）" in held.rule and "已不是期间的最后一日" in held.rule
    assert "不顺延" in held.rule and held.basis.startswith("民法典 第二百零三条")
    assert extension.rule == "延长30日，自被延长期间的最后一日（2026-10-07）起算" and extension.basis == ZHIAN_118


def test_rule_6_an_extension_from_a_working_day_says_so_without_a_holiday_step(book, rules):
    # 3/2 + 30 days = 4/1 (Wed, a working day); + 30 = 5/1 (劳动节 5/1-5/5), the last day -> 5/6 (Wed).
    a = answer(book, rules, D(2026, 3, 2), 30, "days", extension=Period(30, "days"))
    assert a.due == D(2026, 5, 6)
    assert [s.code for s in a.steps] == ["start_excluded", "days", "extension", "days", "roll_forward"]
    assert "（2026-04-01）起算" in a.steps[2].rule and "劳动节" in a.steps[-1].rule


def test_rule_6_both_extensions_ninety_days_from_2026_09_07_end_on_monday_12_07(book, rules):
    # 10/7 (国庆, not moved) + 30 -> 11/6 (Fri) + 30 -> 12/6, a Sunday and now the last day -> 12/7 (Mon).
    # The same day as one period of 90 days: 9/7 + 90 = 12/6 -> 12/7 (24 + 31 + 30 + 5 days).
    links = [Link(Period(30, "days"), ZHIAN_118), Link(Period(30, "days"), ZHIAN_118)]
    a = due(D(2026, 9, 7), Period(30, "days"), book, rules, extensions=links)
    assert a.due == D(2026, 12, 7)
    assert [s.code for s in a.steps] == ["start_excluded", "days", "not_last_day", "extension", "days",
                                         "extension", "days", "roll_forward"]
    assert [s.date for s in a.steps if s.code == "extension"] == [D(2026, 10, 7), D(2026, 11, 6)]
    assert "（2026-11-06）起算" in a.steps[5].rule
    assert "2026-12-06 星期日" in a.steps[-1].rule and a.steps[-1].date == D(2026, 12, 7)
    assert due(D(2026, 9, 7), Period(90, "days"), book, rules).due == D(2026, 12, 7)


def test_rule_6_a_liberty_period_extended_twice_never_moves(book, rules):
    # 程序规定 第三十五条: 10/7 and 11/6 as above, then 12/6 (Sun) stays the last day: no roll at all.
    links = [Link(Period(30, "days")), Link(Period(30, "days"))]
    a = due(D(2026, 9, 7), Period(30, "days", restricts_liberty=True), book, rules, extensions=links)
    assert a.due == D(2026, 12, 6)
    codes = [s.code for s in a.steps]
    assert codes.count("no_roll") == 3 and "roll_forward" not in codes and "not_last_day" not in codes
    # a liberty extension makes the whole period one that restricts liberty (the caller's own words kept)
    b = due(D(2026, 9, 7), Period(30, "days"), book, rules, extension=Period(60, "days", restricts_liberty=True))
    assert b.due == D(2026, 12, 6) and not b.period.restricts_liberty


def test_rule_6_a_month_extended_counts_on_from_the_corresponding_day(book, rules):
    # 9/3 + 1 month = 10/3 (国庆, a Saturday): not moved; + 1 month = 11/3 (Tue, 11/1 is a Sunday).
    # Counted from a moved 10/8 it would be 11/8 (Sun) -> 11/9.
    a = answer(book, rules, D(2026, 9, 3), 1, "months", extension=Period(1, "months"))
    assert a.due == D(2026, 11, 3)
    assert [s.code for s in a.steps] == ["start_excluded", "months", "not_last_day", "extension", "months"]


def test_rule_6_working_days_of_an_extension_count_from_the_unmoved_day(book, rules):
    # 9/3 + 30 days = 10/3 (国庆): not moved; the 5 working days after it: 10/8 (Thu), 10/9 (Fri),
    # 10/10 (Sat, 调休上班), 10/12 (Mon), 10/13 (Tue). From a moved 10/8 it would be 10/14.
    assert answer(book, rules, D(2026, 9, 3), 30, "days", extension=Period(5, "workdays")).due == D(2026, 10, 13)


def test_rule_6_seizure_from_2026_09_01_extended_ends_on_11_02(book, rules):
    # 行政强制法 第二十五条: 9/1 + 30 = 10/1 (国庆, not moved); + 30 = 10/31 (Sat) -> 11/1 (Sun) -> 11/2 (Mon).
    assert answer(book, rules, D(2026, 9, 1), 30, "days", extension=Period(30, "days")).due == D(2026, 11, 2)


def test_rule_6_a_pause_counts_the_same_after_the_unmoved_day(book, rules):
    # 9/7 + 30 = 10/7 (not moved); appraisal 10/8-10/12 not counted; 30 more from 10/12 -> 11/11 (Wed).
    pause = DateRange(D(2026, 10, 8), D(2026, 10, 12), "鉴定")
    a = answer(book, rules, D(2026, 9, 7), 30, "days", pauses=[pause], extension=Period(30, "days"))
    assert a.due == D(2026, 11, 11)


@pytest.mark.parametrize("extension, field", [(Period(0, "days"), "extension.amount"),
                                              (Period(3661, "days"), "extension.amount"),
                                              (Period(3, "days", "before"), "extension.direction")])
def test_rule_6_an_extension_of_nothing_or_backwards_is_refused_naming_the_field(book, rules, extension, field):
    with pytest.raises(InvalidInput) as err:
        answer(book, rules, D(2026, 9, 7), 30, "days", extension=extension)
    assert err.value.field == field


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
    day = dt.date.fromisoformat(start)
    if not cal.covers(day) or backward and pauses:
        return None
    o = day.toordinal()
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


# -- rule 6 as properties: the first count ending on a rest day, where moving it would show ----------

def _first_workday_from(cal, day: dt.date) -> dt.date:
    """Walked day by day on the calendar: the day itself if it is a working day, else the next one."""
    while not cal.is_workday(day):
        day += dt.timedelta(days=1)
    return day


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_days_extended_end_on_the_first_working_day_from_the_unmoved_end_plus_the_extension(book, rules, cal, data):
    """n days extended by m days, the n-th day a rest day: the due day is start + n + m (the
    intermediate day not moved), moved once to a working day; the step-free count (what a batch
    without steps gets) gives the same day, and the steps say the intermediate day was not moved."""
    rest = data.draw(st.dates(D(2004, 3, 1), D(2026, 10, 31)).filter(lambda d: not cal.is_workday(d)), label="rest")
    n, m = data.draw(st.integers(0, 60), label="n"), data.draw(st.integers(1, 60), label="m")
    start = rest - dt.timedelta(days=n)
    expected = _first_workday_from(cal, rest + dt.timedelta(days=m))
    assume(expected <= D(2026, 12, 31))
    period, extension = Period(n, "days"), Period(m, "days")
    stepped = due(start, period, book, rules, extension=extension)
    assert stepped.due == expected
    held = [s for s in stepped.steps if s.code == "not_last_day"]
    assert [s.date for s in held] == [rest] and rest.isoformat() in held[0].rule
    assert next(s for s in stepped.steps if s.code == "extension").date == rest
    quick = _due_without_steps(cal, start, period, (), extension, rules.digest)
    assert quick is not None and quick.due == expected
    assert due(start, period, book, rules, extension=extension, explain=False) == quick


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_step_free_count_of_an_extension_across_a_rest_day_is_the_stepped_one(book, rules, cal, data):
    """The differential test of the batch path, aimed at extensions: the first count (days or months)
    ends on a rest day, the extension is in days, working days or months, with or without a pause;
    `_due_without_steps` and `due` with its steps give the same day and years. A calendar-day period
    extended by calendar days, pauses and all, ends where one period of the sum ends."""
    rest = data.draw(st.dates(D(2004, 3, 1), D(2026, 9, 30)).filter(lambda d: not cal.is_workday(d)), label="rest")
    unit = data.draw(st.sampled_from(["days", "months"]), label="unit")
    n = data.draw(st.integers(0, 40) if unit == "days" else st.integers(1, 12), label="n")
    start = rest - dt.timedelta(days=n) if unit == "days" else shift_back(rest, n)
    ext_unit = data.draw(st.sampled_from(["days", "workdays", "months"]), label="ext_unit")
    m = data.draw(st.integers(1, 3) if ext_unit == "months" else st.integers(1, 40), label="m")
    pauses = []
    if data.draw(st.booleans(), label="paused"):
        first = start + dt.timedelta(days=data.draw(st.integers(1, 80), label="pause_at"))
        pauses = [DateRange(first, first + dt.timedelta(days=data.draw(st.integers(0, 12), label="pause_days")))]
    period, extension = Period(n, unit), Period(m, ext_unit)
    try:
        stepped = due(start, period, book, rules, pauses=pauses, extension=extension)
    except CalendarGap:
        assume(False)
    quick = _due_without_steps(cal, start, period, pauses, extension)
    assert quick is not None
    assert (quick.due, quick.calendar_years) == (stepped.due, stepped.calendar_years)
    if unit == ext_unit == "days":
        assert stepped.due == due(start, Period(n + m, "days"), book, rules, pauses=pauses).due


def shift_back(day: dt.date, months: int) -> dt.date:
    """A start whose n-th month's corresponding day is `day` where the month allows (else near it)."""
    y, m0 = divmod(day.month - 1 - months, 12)
    year, month = day.year + y, m0 + 1
    last = ((D(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)).day
    return D(year, month, min(day.day, last))
