"""The fast paths of counting (calc/periods/fast.py) held to the readable reference
(calc/periods/counting.py `count` with `Words`, a plain `Due`): the same dates, the same steps and
the same answer bytes (calc/answers/deadlines.py, as POST /v1/deadlines and each batch slot send
them), with and without steps, pauses, extensions, months and years, backward (a party's and an
authority's), restricting liberty, provisional; and the same refusals. The reference is the
expected value here: these tests say nothing about what the law counts (tests/test_periods.py
does, by hand), only that the quick way counts what the readable way counts."""
from __future__ import annotations

import datetime as dt

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calc.answers.deadlines import as_json
from calc.errors import CalendarGap, DomainError
from calc.periods import LIMITS, DateRange, Link, Period, counting, due, fast
from calc.periods.words import Words

D = dt.date
# From before the calendar's first year to past its last published one: the edges, where the fast
# path hands the answer back to the reference, are where the two could part.
_days = st.dates(D(2003, 10, 1), D(2027, 4, 30))


@st.composite
def deadlines(draw):
    unit = draw(st.sampled_from(["workdays", "days", "months", "years"]))
    amount = draw(st.integers(0, {"workdays": 70, "days": 120, "months": 14, "years": 3}[unit]))
    direction = draw(st.sampled_from(["after", "after", "before"]))
    duty = draw(st.sampled_from(["party", "authority"])) if direction == "before" else "party"
    period = Period(amount, unit, direction, restricts_liberty=draw(st.booleans()) and unit != "workdays",
                    duty=duty)
    start = draw(_days)
    pauses: list[DateRange] = []
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 3))):
            first = start + dt.timedelta(days=draw(st.integers(-5, 60)))
            pauses.append(DateRange(first, first + dt.timedelta(days=draw(st.integers(0, 20))), "鉴定"))
    extension = None
    if draw(st.booleans()):
        ext_unit = draw(st.sampled_from(["workdays", "days", "months"]))
        extension = Period(draw(st.integers(1, {"workdays": 30, "days": 60, "months": 3}[ext_unit])), ext_unit)
    return start, period, tuple(pauses), extension, draw(st.booleans())


def reference(book, rules, start, period, pauses, extension, provisional, explain):
    """`due` without any fast path: the inputs checked as `due` checks them, then counted on dates."""
    links, counted = counting.prepared(start, period, pauses, extension)
    cal = book.get(provisional)
    return counting.count(start, period, counted, links, pauses, book, cal, rules,
                          Words(cal, rules) if explain else None)


def outcome(count):
    """The answer, or the refusal as a caller sees it (its kind, field, words and year)."""
    try:
        return count()
    except DomainError as refused:
        return ("refused", type(refused).__name__, refused.field, str(refused), getattr(refused, "year", None))


def answer_bytes(d, steps: bool) -> bytes:
    return orjson.dumps(as_json(d, steps)) if not isinstance(d, tuple) else orjson.dumps(d)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=deadlines())
def test_a_batch_without_steps_counts_what_the_reference_counts(book, rules, case):
    start, period, pauses, extension, provisional = case
    quick = outcome(lambda: due(start, period, book, rules, pauses=pauses, extension=extension,
                                provisional=provisional, explain=False))
    slow = outcome(lambda: reference(book, rules, *case, explain=False))
    assert quick == slow
    assert answer_bytes(quick, False) == answer_bytes(slow, False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=deadlines())
def test_remembered_words_say_what_the_rules_say_written_afresh(book, rules, case):
    """The step texts kept per calendar (fast.Remembered) and the steps made without __init__:
    the same steps, bases (their references too) and answer bytes as the reference writes."""
    start, period, pauses, extension, provisional = case
    quick = outcome(lambda: due(start, period, book, rules, pauses=pauses, extension=extension,
                                provisional=provisional))
    slow = outcome(lambda: reference(book, rules, *case, explain=True))
    assert quick == slow
    assert answer_bytes(quick, True) == answer_bytes(slow, True)
    if not isinstance(quick, tuple):
        assert [s.basis.parts for s in quick.steps] == [s.basis.parts for s in slow.steps]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.dates(D(2004, 1, 1), D(2026, 12, 1)), first=st.integers(1, 40), then=st.integers(1, 40),
       unit=st.sampled_from(["days", "workdays", "months"]), liberty=st.booleans())
def test_a_chain_of_extensions_is_counted_alike_whichever_words_write_it(book, rules, start, first, then, unit,
                                                                           liberty):
    """A procedure's chain (延长以二次为限, renewals): always explained, so only the words differ."""
    period = Period(first if unit != "months" else 1 + first % 6, unit, restricts_liberty=liberty)
    links = [Link(Period(then, "days"), None), Link(Period(1 + then % 3, "months"), None)]
    quick = outcome(lambda: due(start, period, book, rules, extensions=links, provisional=True))

    def slow():
        chain, counted = counting.prepared(start, period, (), extensions=links)
        cal = book.get(True)
        return counting.count(start, period, counted, chain, (), book, cal, rules, Words(cal, rules))

    assert outcome(slow) == quick


# -- the calendar's numbering on ordinals -----------------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(day=st.dates(D(2003, 12, 1), D(2027, 1, 31)), n=st.integers(-40, 40))
def test_ordinal_counting_is_the_calendars_own(cal, day, n):
    o = day.toordinal()
    assert outcome(lambda: fast.add_workdays_at(cal, o, n)) == outcome(lambda: cal.add_workdays(day, n).toordinal())
    assert outcome(lambda: fast.rolled_at(cal, o)) == outcome(lambda: cal.next_workday(day).toordinal())
    assert outcome(lambda: fast.rolled_at(cal, o, backward=True)) == \
        outcome(lambda: cal.previous_workday(day).toordinal())
    other = day + dt.timedelta(days=n)
    assert outcome(lambda: fast.count_workdays_at(cal, o, other.toordinal())) == \
        outcome(lambda: cal.count_workdays(day, other))


def test_the_fast_path_answers_where_it_can_and_hands_back_where_it_cannot(book, rules):
    """Without this, the differential tests could pass with a fast path that never answers."""
    cal = book.published
    # 2026-09-21 + 20 working days: inside the published calendar, the step-free count answers
    assert fast.without_steps(cal, D(2026, 9, 21), Period(20, "workdays"), (), None) is not None
    # a day past the coverage, or a provisional year: `due` itself answers (with its refusal or note)
    assert fast.without_steps(cal, D(2026, 12, 20), Period(20, "workdays"), (), None) is None
    assert fast.without_steps(book.get(True), D(2026, 12, 20), Period(20, "workdays"), (), None) is None


def test_a_period_made_once_is_the_period_made_afresh():
    made = fast.period(20, "workdays")
    assert made == Period(20, "workdays") and fast.period(20, "workdays") is made
    assert fast.period(3, "days", "before", "authority") == Period(3, "days", "before", duty="authority")


@pytest.mark.parametrize("unit", sorted(LIMITS))
def test_the_limits_are_refused_alike(book, rules, unit):
    too_long = Period(LIMITS[unit] + 1, unit)
    quick = outcome(lambda: due(D(2026, 1, 5), too_long, book, rules, explain=False))
    assert quick == outcome(lambda: reference(book, rules, D(2026, 1, 5), too_long, (), None, False, False))
    assert quick[0] == "refused" and quick[2] == "amount"


def test_a_gap_is_refused_alike(book, rules):
    # 2026-12-20 + 20 working days reaches 2027, which has no notice yet: calendar_gap naming 2027
    quick = outcome(lambda: due(D(2026, 12, 20), Period(20, "workdays"), book, rules, explain=False))
    assert quick == outcome(lambda: reference(book, rules, D(2026, 12, 20), Period(20, "workdays"), (), None,
                                              False, False))
    assert quick[1] == CalendarGap.__name__ and quick[4] == 2027
