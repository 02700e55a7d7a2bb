"""Property fuzzing of the domain (issue 7, item 2): random dates, amounts, units, pauses,
circumstances, populations and logs go into every domain function the adapter calls; the answer is
either a result or one of the domain's own errors (calc.errors.DomainError), never anything else.

Values are of the kinds the HTTP schemas let through (dates, ints, strings, arbitrary JSON where a
schema field is Raw), but drawn far outside the sensible: years 1890-2210, amounts past the limits,
units and ids that do not exist, pauses that end before they start.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calc import periods
from calc.errors import DomainError
from tests.timeline_inputs import estimate_with

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

any_day = st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2210, 12, 31))
near_day = st.dates(min_value=dt.date(2003, 6, 1), max_value=dt.date(2028, 6, 30))
day = st.one_of(near_day, near_day, any_day)
units = st.sampled_from([*periods.UNITS, "hours", "fortnights", ""])
amounts = st.one_of(st.integers(0, 60), st.integers(-5, 4000))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8)


def answer_or_domain_error(fn, *args, **kwargs):
    """The contract under test: a result, or a DomainError; anything else propagates and fails."""
    try:
        return fn(*args, **kwargs)
    except DomainError as err:
        assert err.message and isinstance(err.message, str)
        return None


@st.composite
def pause_lists(draw):
    out = []
    for _ in range(draw(st.integers(0, 3))):
        a = draw(day)
        b = draw(st.one_of(st.just(a), st.dates(min_value=a, max_value=min(a + dt.timedelta(days=90),
                                                                          dt.date(2210, 12, 31))), day))
        out.append(periods.DateRange(a, b, draw(st.sampled_from(["听证", "鉴定", "补正"]))))
    return out


# -- periods ------------------------------------------------------------------------------------

@FUZZ
@given(start=day, amount=amounts, unit=units, direction=st.sampled_from(["after", "before", "sideways"]),
       pauses=pause_lists(), ext=st.none() | st.tuples(amounts, units), provisional=st.booleans(),
       liberty=st.booleans())
def test_due_answers_or_refuses(book, rules, start, amount, unit, direction, pauses, ext, provisional, liberty):
    period = periods.Period(amount, unit, direction, restricts_liberty=liberty)
    extension = periods.Period(*ext) if ext else None
    d = answer_or_domain_error(periods.due, start, period, book, rules, pauses=pauses, extension=extension,
                               provisional=provisional)
    if d is None:
        return
    assert d.steps and all(isinstance(s.date, dt.date) and s.rule and s.basis is not None for s in d.steps)
    if direction == "after":
        assert d.due >= start
    else:
        assert d.due <= start
    assert d.due.year in d.calendar_years and start.year in d.calendar_years
    if not provisional:
        assert not d.provisional
    if not provisional and not liberty and amount > 0:  # the due day was looked up
        assert book.first_year <= d.due.year <= book.last_year
    if unit == "workdays" and amount > 0 and not pauses and not extension:
        cal = book.get(provisional)
        assert cal.is_workday(d.due)
        if direction == "after":
            assert cal.count_workdays(start + dt.timedelta(days=1), d.due) == amount


# -- the working-day calendar ---------------------------------------------------------------------

@FUZZ
@given(a=day, b=day, n=st.integers(-3000, 3000), provisional=st.booleans())
def test_calendar_functions_answer_or_refuse(book, a, b, n, provisional):
    cal = book.get(provisional)
    info = answer_or_domain_error(cal.day, a)
    if info is not None:
        assert info.kind in ("workday", "weekend", "holiday", "makeup_workday")
        assert info.workday == cal.is_workday(a)
    moved = answer_or_domain_error(cal.add_workdays, a, n)
    if moved is not None and n:
        assert cal.is_workday(moved)
        assert (moved > a) == (n > 0)
        first, last = (a + dt.timedelta(days=1), moved) if n > 0 else (moved, a - dt.timedelta(days=1))
        assert cal.count_workdays(first, last) == abs(n)
    count = answer_or_domain_error(cal.count_workdays, a, b)
    if count is not None:
        assert 0 <= count <= max(0, (b - a).days + 1)
    for fn in (cal.next_workday, cal.previous_workday):
        out = answer_or_domain_error(fn, a)
        if out is not None:
            assert cal.is_workday(out)
    cal.years(a, b)
    cal.breaks_within(a, b)
    cal.makeups_within(a, b)


# -- penalties --------------------------------------------------------------------------------------

def loaded(schedules, area: str, items: str):
    """An area's loaded objects. A fuzz test over an area that loaded empty would test nothing, so
    it fails rather than skips: a loader that loses its data must not pass."""
    found = getattr(schedules, area, None)
    assert found is not None and getattr(found, items, None), f"{area}: nothing loaded ({items} is empty)"
    return found


def _penalties(schedules):
    return loaded(schedules, "penalties", "violations")


@FUZZ
@given(data=st.data(), act=day, decision=day, harm=st.booleans())
def test_penalty_assessment_answers_or_refuses(schedules, data, act, decision, harm):
    from calc import penalties

    p = _penalties(schedules)
    vid = data.draw(st.sampled_from(sorted(p.violations)) | st.text(max_size=12), label="id")
    party = data.draw(st.sampled_from([*penalties.PARTIES, "company", ""]), label="party")
    circumstances = data.draw(st.lists(st.sampled_from([*p.circumstances, "bogus", ""]), max_size=4),
                              label="circumstances")
    answer_or_domain_error(penalties.assess, p, vid, act, decision, party, circumstances,
                           harm_to_life_health_finance=harm)


@FUZZ
@given(fine=st.one_of(st.decimals(min_value=-10**10, max_value=10**10, places=2),
                      st.integers(-10**9, 10**10).map(Decimal), st.decimals(min_value=0, max_value=10**6)),
       served=day, paid=day, provisional=st.booleans())
def test_late_fee_answers_or_refuses(schedules, fine, served, paid, provisional):
    from calc import penalties

    p = _penalties(schedules)
    fee = answer_or_domain_error(penalties.late_fee, p, fine, served, paid, provisional=provisional)
    if fee is not None:
        assert Decimal(0) <= fee.surcharge <= fee.fine
        assert fee.total == fee.fine + fee.surcharge


@pytest.mark.parametrize("fine", [Decimal("1E+30"), Decimal("123456789012345678901234567890.12")])
def test_late_fee_refuses_an_absurd_fine_as_a_domain_error(schedules, fine):
    from calc import penalties

    # an answer here would be a pass before: the refusal is what is expected, so anything else fails
    with pytest.raises(DomainError) as refused:
        penalties.late_fee(_penalties(schedules), fine, dt.date(2026, 1, 5), dt.date(2026, 3, 5))
    assert refused.value.field == "fine"


@FUZZ
@given(data=st.data())
def test_threshold_assessment_answers_or_refuses(schedules, data):
    from calc import thresholds

    p = loaded(schedules, "penalties", "thresholds")
    t = p.thresholds[data.draw(st.sampled_from(sorted(p.thresholds)))]
    names = [f.name for f in t.facts]
    facts = data.draw(st.dictionaries(st.sampled_from(names) | st.text(max_size=6), json_value, max_size=5))
    answer_or_domain_error(thresholds.assess_threshold, t, facts)


# -- events -----------------------------------------------------------------------------------------

@FUZZ
@given(data=st.data(), start=day, end=day)
def test_events_answer_or_refuse(schedules, data, start, end):
    ev = loaded(schedules, "events", "events")
    ids = data.draw(st.none() | st.lists(st.sampled_from(sorted(ev.events)) | st.text(max_size=6), max_size=3))
    found = answer_or_domain_error(ev.between, start, end, ids)
    if found is not None:
        assert all(start <= o.date <= end for o in found)
        assert [o.date for o in found] == sorted(o.date for o in found)
        ics = ev.ics(start, end, ids)
        assert ics.startswith(b"BEGIN:VCALENDAR")


# -- inspections ------------------------------------------------------------------------------------

@FUZZ
@given(data=st.data(), start=day, end=day, provisional=st.booleans())
def test_inspection_plans_and_compliance_answer_or_refuse(schedules, book, data, start, end, provisional):
    from calc import inspections

    ins = loaded(schedules, "inspections", "regimes")
    regime = ins.regimes[data.draw(st.sampled_from(sorted(ins.regimes)), label="regime")]
    rids = sorted(regime.requirements)
    fields_ = [*getattr(inspections, "OVERRIDABLE", ("times", "units", "share", "officers")), "bogus"]
    population = data.draw(st.one_of(st.none(), st.integers(-5, 10**7), json_value,
                                     st.dictionaries(st.sampled_from(rids) | st.text(max_size=4),
                                                     st.none() | st.integers(-5, 10**6) | json_value,
                                                     max_size=3)), label="population")
    overrides = data.draw(st.dictionaries(
        st.sampled_from(rids) | st.text(max_size=4),
        st.dictionaries(st.sampled_from(fields_), st.integers(-3, 500) | st.floats(-1, 200) | json_value,
                        max_size=3) | json_value,
        max_size=2), label="overrides")
    answer_or_domain_error(inspections.plan, regime, start, end, book, population=population,
                           overrides=overrides, provisional=provisional)
    log = [inspections.Entry(i, data.draw(day), data.draw(st.sampled_from(rids) | st.text(max_size=4)),
                             data.draw(st.integers(-3, 10**6)), data.draw(st.none() | st.integers(-2, 20)))
           for i in range(data.draw(st.integers(0, 4)))]
    answer_or_domain_error(inspections.compliance, regime, start, end, book, log, population=population,
                           overrides=overrides, provisional=provisional)


# -- timelines --------------------------------------------------------------------------------------

@FUZZ
@given(data=st.data(), start=day, provisional=st.booleans())
def test_timeline_estimates_answer_or_refuse(schedules, book, rules, data, start, provisional):
    from calc import timelines

    tl = loaded(schedules, "timelines", "procedures")
    pid = data.draw(st.sampled_from(sorted(tl.procedures)) | st.text(max_size=6), label="procedure")
    proc = tl.procedures.get(pid)
    stage_ids = [s.id for v in getattr(proc, "versions", ()) for s in v.stages] if proc else []
    sid = st.sampled_from(stage_ids) | st.text(max_size=4) if stage_ids else st.text(max_size=4)
    actual = data.draw(st.dictionaries(sid, day, max_size=2), label="actual")
    pauses = data.draw(st.dictionaries(sid, pause_lists(), max_size=2), label="pauses")
    extensions = data.draw(st.dictionaries(sid, st.booleans() | st.integers(-1, 5), max_size=2), label="ext")
    event = data.draw(st.none() | day, label="event")
    answer_or_domain_error(estimate_with, tl, pid, start, book, rules, actual=actual, pauses=pauses,
                           extensions=extensions, event=event, provisional=provisional)


# -- searches ----------------------------------------------------------------------------------------

@FUZZ
@given(q=st.none() | st.text(max_size=40) | st.sampled_from(["印章", "治安 户口", "  ", "%", "\x00", "网吧" * 200]),
       kind=st.none() | st.sampled_from(["duty", "category", "boundary", "bogus", ""]))
def test_searches_answer_or_refuse(schedules, q, kind):
    resp = getattr(schedules, "responsibilities", None)
    if resp is not None and hasattr(resp, "search"):
        found = answer_or_domain_error(resp.search, q, kind)
        assert found is None or isinstance(found, list)
    pen = getattr(schedules, "penalties", None)
    if pen is not None and hasattr(pen, "search"):
        found = answer_or_domain_error(pen.search, q)
        assert found is None or isinstance(found, list)
