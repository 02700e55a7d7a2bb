"""Inspection regimes (责任清单 四): every number from the seed, plans and compliance worked by hand."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from calc import inspections as ins
from calc.errors import CalendarGap, InvalidInput, NotFound, ScheduleError
from calc.schedules import Source

D = dt.date
Y2026 = (D(2026, 1, 1), D(2026, 12, 31))


def regime(schedules, rid):
    return schedules.inspections.get(rid)


def windows(p, rid):
    return [w for w in p.windows if w.requirement.id == rid]


def test_all_eleven_regimes_with_their_seed_sections(schedules):
    got = {r.id: r.seed for r in schedules.inspections.regimes.values()}
    assert got == {
        "performance": "四（一）", "residence-registration": "四（二）", "website-security": "四（三）",
        "network-protection": "四（四）", "internet-cafe": "四（五）", "special-trades": "四（六）",
        "border-pass": "四（七）", "hazardous-materials": "四（八）", "mass-events": "四（九）",
        "household-registration": "四（十）", "key-vehicles": "四（十一）"}
    for r in schedules.inspections.regimes.values():
        assert r.unit and r.object and r.title
        for q in r.requirements.values():
            assert q.basis.startswith("县公安局责任清单 " + r.seed), (r.id, q.id)


def test_superior_targets_prevail_where_the_seed_says_so(schedules):
    with_superior = {r.id for r in schedules.inspections.regimes.values() if r.superior}
    assert with_superior == {"residence-registration", "special-trades", "hazardous-materials"}


def test_seed_numbers_are_parameters(schedules):
    st_ = regime(schedules, "special-trades").requirements
    assert (st_["hotels-monthly"].window, st_["hotels-monthly"].times, st_["hotels-monthly"].coverage) == ("month", 1, "all")
    assert (st_["seal-pawn-quarterly"].window, st_["seal-pawn-quarterly"].times) == ("quarter", 1)
    assert (st_["special-supervision"].times, st_["special-supervision"].share) == (4, 30)
    assert (st_["full-check"].window, st_["full-check"].times, st_["full-check"].coverage) == ("year", 1, "all")
    rr = regime(schedules, "residence-registration").requirements
    assert (rr["special-supervision"].times, rr["special-supervision"].units) == (4, 20)
    assert rr["daily-patrol"].window == "month" and rr["daily-patrol"].times == 1
    bp = regime(schedules, "border-pass").requirements
    assert (bp["quarterly-check"].share, bp["archive-check"].share, bp["archive-check"].window) == (15, 10, "year")
    hr = regime(schedules, "household-registration").requirements
    assert (hr["field-check-stations"].share, hr["field-check-business"].share, hr["online-sampling"].share) == (25, 5, 10)
    assert regime(schedules, "network-protection").requirements["quarterly-check"].units == 5
    assert regime(schedules, "hazardous-materials").requirements["daily-patrol"].times == 2
    assert regime(schedules, "performance").extra["audience_min"] == 1000
    for rid in ("performance", "mass-events"):
        assert regime(schedules, rid).requirements["site-survey"].officers == 2
    assert regime(schedules, "mass-events").requirements["on-site-supervision"].officers == 2


def test_hotels_every_one_every_month(schedules, book):
    p = ins.plan(regime(schedules, "special-trades"), *Y2026, book, population={"hotels-monthly": 17})
    hotels = windows(p, "hotels-monthly")
    assert [w.label for w in hotels] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert {(w.times, w.units_per_time, w.min_units) for w in hotels} == {(1, 17, 17)}


def test_seal_and_pawn_shops_once_a_quarter(schedules, book):
    p = ins.plan(regime(schedules, "special-trades"), *Y2026, book, population={"seal-pawn-quarterly": 5})
    q = windows(p, "seal-pawn-quarterly")
    assert [(w.label, w.due, w.times, w.min_units) for w in q] == [
        ("2026-Q1", D(2026, 3, 31), 1, 5), ("2026-Q2", D(2026, 6, 30), 1, 5),
        ("2026-Q3", D(2026, 9, 30), 1, 5), ("2026-Q4", D(2026, 12, 31), 1, 5)]


def test_special_checks_four_a_year_on_30_percent_so_6_of_17(schedules, book):
    p = ins.plan(regime(schedules, "special-trades"), *Y2026, book, population=17)
    (w,) = windows(p, "special-supervision")
    # 30% of 17 = 5.1, rounded up: 6 units each time; 4 times: 24
    assert (w.times, w.units_per_time, w.min_units, w.min_per_inspection) == (4, 6, 24, 6)
    assert any("⌈30% × 17⌉ = ⌈5.1⌉ = 6" in s.rule for s in w.steps)


def test_border_passes_15_percent_of_cases_each_quarter_and_10_percent_yearly(schedules, book):
    p = ins.plan(regime(schedules, "border-pass"), *Y2026, book, population={
        "quarterly-check": {"2026-Q1": 40, "2026-Q2": 20, "2026-Q3": 7, "2026-Q4": 0},
        "archive-check": 151})
    # 15% of 40 = 6; of 20 = 3 exactly (no float 3.0000000000000004 -> 4); of 7 = 1.05 -> 2; of 0 = 0
    assert [w.units_per_time for w in windows(p, "quarterly-check")] == [6, 3, 2, 0]
    (year,) = windows(p, "archive-check")
    assert (year.times, year.units_per_time, year.due) == (1, 16, D(2026, 12, 31))  # 10% of 151 = 15.1 -> 16
    assert all(w.requirement.officers == 2 for w in p.windows)


def test_hazardous_materials_two_a_month_for_every_unit(schedules, book):
    p = ins.plan(regime(schedules, "hazardous-materials"), D(2026, 3, 1), D(2026, 3, 31), book,
                 population={"daily-patrol": 10, "special-supervision": 10})
    (m,) = windows(p, "daily-patrol")
    assert (m.times, m.units_per_time, m.min_units, m.min_per_inspection) == (2, 10, 20, 1)
    (y,) = windows(p, "special-supervision")
    assert (y.partial, y.times, y.units_per_time) == (True, 4, 3)  # 30% of 10 = 3


def test_internet_cafes_and_websites_two_a_month_of_five_each(schedules, book):
    for rid in ("internet-cafe", "website-security"):
        p = ins.plan(regime(schedules, rid), *Y2026, book)
        ms = windows(p, "monthly-check")
        assert len(ms) == 12
        assert {(w.times, w.units_per_time, w.min_units, w.min_per_inspection) for w in ms} == {(2, 5, 10, 5)}


def test_network_protection_once_a_quarter_of_five(schedules, book):
    p = ins.plan(regime(schedules, "network-protection"), *Y2026, book)
    assert [(w.label, w.min_units) for w in p.windows] == [
        ("2026-Q1", 5), ("2026-Q2", 5), ("2026-Q3", 5), ("2026-Q4", 5)]


def test_residence_special_checks_twenty_persons_per_station(schedules, book):
    p = ins.plan(regime(schedules, "residence-registration"), *Y2026, book,
                 population={"special-supervision": 9, "daily-patrol": 9})
    (y,) = windows(p, "special-supervision")
    assert (y.times, y.units_per_time, y.min_units) == (4, 180, 720)  # 20 persons × 9 stations, 4 times
    assert [t.id for t in p.triggered] == ["post-burglary-review"]


def test_household_quarterly_quarter_of_stations_and_online_ten_percent(schedules, book):
    p = ins.plan(regime(schedules, "household-registration"), *Y2026, book, population={
        "field-check-stations": 9, "field-check-business": 1000, "online-sampling": 4321})
    assert {w.units_per_time for w in windows(p, "field-check-stations")} == {3}  # 25% of 9 = 2.25 -> 3
    assert {w.units_per_time for w in windows(p, "field-check-business")} == {50}  # 5% of 1000
    (online,) = windows(p, "online-sampling")
    assert (online.start, online.end, online.times, online.min_units) == (D(2026, 1, 1), D(2026, 12, 31), None, 433)


def test_per_event_requirements_are_listed_with_their_trigger(schedules, book):
    p = ins.plan(regime(schedules, "mass-events"), *Y2026, book)
    assert p.windows == ()
    assert [(q.id, q.phase, q.officers) for q in p.triggered] == [
        ("site-survey", "before", 2), ("on-site-supervision", "during", 2), ("complaint-check", "after", None)]
    assert all(q.trigger for q in p.triggered)
    perf = ins.plan(regime(schedules, "performance"), *Y2026, book)
    assert [q.phase for q in perf.triggered] == ["before", "during", "after"]
    assert "1000人以上" in perf.triggered[0].trigger
    st_ = ins.plan(regime(schedules, "special-trades"), *Y2026, book)
    assert {q.id for q in st_.triggered} == {"post-case-review", "complaint-check"}


def test_key_vehicles_yearly_plan_at_the_start_of_the_year_without_quota(schedules, book):
    p = ins.plan(regime(schedules, "key-vehicles"), *Y2026, book)
    plan_w, supervision = p.windows
    # 2026: 1/1-1/3 元旦 off, Sunday 1/4 a make-up working day -> the year's first working day
    assert (plan_w.requirement.id, plan_w.due, plan_w.requirement.has_quota) == ("annual-plan", D(2026, 1, 4), False)
    assert supervision.requirement.has_quota is False and supervision.times is None
    assert [q.id for q in p.triggered] == ["accident-review"]


# -- due dates: the window's last working day ---------------------------------------------------

@pytest.mark.parametrize("start, end, due", [
    (D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 28)),   # Saturday 2/28 is a make-up working day (春节)
    (D(2026, 1, 1), D(2026, 1, 31), D(2026, 1, 30)),   # 1/31 Saturday -> Friday 1/30
    (D(2026, 5, 1), D(2026, 5, 31), D(2026, 5, 29)),   # 5/31 Sunday -> Friday 5/29
    (D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 30)),  # 10/31 Saturday -> 10/30
    (D(2017, 1, 1), D(2017, 1, 31), D(2017, 1, 26)),   # 2017 春节 1/27-2/2: back to Thursday 1/26
])
def test_month_window_due_is_its_last_working_day(schedules, book, start, end, due):
    p = ins.plan(regime(schedules, "website-security"), start, end, book)
    (w,) = p.windows
    assert w.due == due


def test_quarter_three_2026_is_due_on_30_september(schedules, book):
    p = ins.plan(regime(schedules, "network-protection"), D(2026, 7, 1), D(2026, 9, 30), book)
    (w,) = p.windows
    assert (w.label, w.due, w.partial) == ("2026-Q3", D(2026, 9, 30), False)


def test_windows_are_clipped_to_the_period_and_marked_partial(schedules, book):
    p = ins.plan(regime(schedules, "website-security"), D(2026, 2, 10), D(2026, 4, 15), book)
    assert [(w.label, w.start, w.end, w.partial, w.due) for w in p.windows] == [
        ("2026-02", D(2026, 2, 10), D(2026, 2, 28), True, D(2026, 2, 28)),
        ("2026-03", D(2026, 3, 1), D(2026, 3, 31), False, D(2026, 3, 31)),
        ("2026-04", D(2026, 4, 1), D(2026, 4, 15), True, D(2026, 4, 15))]
    assert any("partial" in a for a in p.assumptions)


def test_2027_needs_provisional(schedules, book):
    with pytest.raises(CalendarGap):
        ins.plan(regime(schedules, "network-protection"), D(2027, 1, 1), D(2027, 3, 31), book)
    p = ins.plan(regime(schedules, "network-protection"), D(2027, 1, 1), D(2027, 3, 31), book, provisional=True)
    assert p.provisional and p.calendar_years == (2027,)
    assert p.windows[0].due == D(2027, 3, 31)  # a Wednesday
    q = ins.plan(regime(schedules, "network-protection"), *Y2026, book)
    assert not q.provisional and q.calendar_years == (2026,)


# -- overrides ----------------------------------------------------------------------------------

def test_superior_override_replaces_the_seed_numbers_and_says_so(schedules, book):
    p = ins.plan(regime(schedules, "special-trades"), *Y2026, book, population=17,
                 overrides={"special-supervision": {"times": 6, "share": 50}})
    (w,) = windows(p, "special-supervision")
    assert (w.times, w.units_per_time, w.min_units) == (6, 9, 54)  # 50% of 17 = 8.5 -> 9
    assert len(p.overrides) == 2 and all("四（六）三" in s.basis for s in p.overrides)


def test_override_window_and_units(schedules, book):
    p = ins.plan(regime(schedules, "network-protection"), *Y2026, book,
                 overrides={"quarterly-check": {"window": "month", "units": 8}})
    assert len(p.windows) == 12 and p.windows[0].min_units == 8


@pytest.mark.parametrize("overrides, field", [
    ({"nope": {"times": 1}}, "overrides.nope"),
    ({"hotels-monthly": {"colour": 1}}, "overrides.hotels-monthly.colour"),
    ({"hotels-monthly": {"times": 0}}, "overrides.hotels-monthly.times"),
    ({"hotels-monthly": {"times": "2"}}, "overrides.hotels-monthly.times"),
    ({"hotels-monthly": {"share": 120}}, "overrides.hotels-monthly.share"),
    ({"hotels-monthly": {"window": "week"}}, "overrides.hotels-monthly.window"),
    ({"post-case-review": {"window": "month"}}, "overrides.post-case-review.window"),
])
def test_bad_overrides_are_refused_naming_the_field(schedules, book, overrides, field):
    with pytest.raises(InvalidInput) as err:
        ins.plan(regime(schedules, "special-trades"), *Y2026, book, overrides=overrides)
    assert err.value.field == field


@pytest.mark.parametrize("population, field", [
    (-1, "population"),
    ({"hotels-monthly": -3}, "population.hotels-monthly"),
    ({"nope": 3}, "population.nope"),
    ({"hotels-monthly": {"2026-13": 3}}, "population.hotels-monthly.2026-13"),
    (True, "population"),
])
def test_bad_population_is_refused(schedules, book, population, field):
    with pytest.raises(InvalidInput) as err:
        ins.plan(regime(schedules, "special-trades"), *Y2026, book, population=population)
    assert err.value.field == field


def test_end_before_start_and_unknown_regime(schedules, book):
    with pytest.raises(InvalidInput):
        ins.plan(regime(schedules, "special-trades"), D(2026, 2, 1), D(2026, 1, 1), book)
    with pytest.raises(NotFound):
        schedules.inspections.get("nope")


# -- compliance ---------------------------------------------------------------------------------

def E(i, day, req, units, officers=None):
    return ins.Entry(i, day, req, units, officers)


def test_a_quarter_of_internet_cafe_checks_window_by_window(schedules, book):
    log = [E(0, D(2026, 7, 3), "monthly-check", 5, 2), E(1, D(2026, 7, 17), "monthly-check", 6, 2),
           E(2, D(2026, 8, 5), "monthly-check", 5, 2), E(3, D(2026, 8, 20), "monthly-check", 4, 2),
           E(4, D(2026, 9, 2), "monthly-check", 7, 1), E(5, D(2026, 9, 9), "monthly-check", 5, 3)]
    c = ins.compliance(regime(schedules, "internet-cafe"), D(2026, 7, 1), D(2026, 9, 30), book, log)
    july, aug, sep = c.windows
    assert (july.done, july.units_done, july.met, july.short, july.units_short) == (2, 11, True, 0, 0)
    assert (aug.done, aug.met, aug.short) == (1, False, 1)
    assert [d.entry.index for d in aug.discounted] == [3] and "少于每次至少 5" in aug.discounted[0].reason
    assert (sep.done, sep.met, sep.short) == (1, False, 1)
    assert "民警 1 名" in sep.discounted[0].reason
    assert [d.entry.index for d in c.discounted] == [3, 4]
    assert "未达标" in aug.verdict and "已达标" in july.verdict


def test_hotels_every_one_counted_in_units(schedules, book):
    reg = regime(schedules, "special-trades")
    log = [E(i, D(2026, 7, 1 + i), "hotels-monthly", 1, 2) for i in range(17)]
    log += [E(17 + i, D(2026, 8, 3 + i), "hotels-monthly", 1, 2) for i in range(16)]
    c = ins.compliance(reg, D(2026, 7, 1), D(2026, 8, 31), book, log, population={"hotels-monthly": 17})
    july, aug = [w for w in c.windows if w.window.requirement.id == "hotels-monthly"]
    assert (july.met, july.units_done, july.units_short) == (True, 17, 0)
    assert (aug.met, aug.units_done, aug.units_short, aug.short) == (False, 16, 1, 0)


def test_hazardous_two_a_month_per_unit(schedules, book):
    reg = regime(schedules, "hazardous-materials")
    log = [E(0, D(2026, 3, 5), "daily-patrol", 10, 2), E(1, D(2026, 3, 20), "daily-patrol", 9, 2)]
    c = ins.compliance(reg, D(2026, 3, 1), D(2026, 3, 31), book, log, population={"daily-patrol": 10})
    m = [w for w in c.windows if w.window.requirement.id == "daily-patrol"][0]
    assert (m.done, m.units_done, m.met, m.units_short) == (2, 19, False, 1)


def test_entries_outside_the_period_or_for_unknown_requirements_name_the_entry(schedules, book):
    reg = regime(schedules, "internet-cafe")
    with pytest.raises(InvalidInput) as err:
        ins.compliance(reg, D(2026, 7, 1), D(2026, 9, 30), book,
                       [E(0, D(2026, 7, 3), "monthly-check", 5), E(1, D(2026, 10, 1), "monthly-check", 5)])
    assert err.value.field == "log.1.date"
    with pytest.raises(InvalidInput) as err:
        ins.compliance(reg, D(2026, 7, 1), D(2026, 9, 30), book, [E(0, D(2026, 7, 3), "hotels", 5)])
    assert err.value.field == "log.0.requirement"


def test_an_entry_outside_the_period_is_refused_with_the_apis_pointer_and_a_plain_sentence(schedules, book):
    # Issue 25, item 5: the page stripped "（log[1]）" from the message with a regex; the refusal now
    # carries the sentence without it. Entry 1 (the second) is dated 2026-10-01, after 2026-09-30.
    reg = regime(schedules, "internet-cafe")
    with pytest.raises(InvalidInput) as err:
        ins.compliance(reg, D(2026, 7, 1), D(2026, 9, 30), book,
                       [E(0, D(2026, 7, 3), "monthly-check", 5), E(1, D(2026, 10, 1), "monthly-check", 5)])
    assert err.value.message == "第 2 条记录（log[1]）的日期 2026-10-01 不在所问期间 2026-07-01 至 2026-09-30 内"
    assert err.value.plain == "第 2 条记录的日期 2026-10-01 不在所问期间 2026-07-01 至 2026-09-30 内"


def test_per_event_entries_are_counted_and_checked_for_officers(schedules, book):
    reg = regime(schedules, "mass-events")
    c = ins.compliance(reg, *Y2026, book, [E(0, D(2026, 5, 1), "site-survey", 1, 1),
                                            E(1, D(2026, 5, 2), "on-site-supervision", 1, 4)])
    survey, during, _ = c.triggered
    assert (survey.logged, survey.counted, during.counted) == (1, 0, 1)
    assert "少于每次至少 2 名" in survey.discounted[0].reason


def test_a_partial_window_already_met_is_met_and_one_not_yet_met_is_undetermined(schedules, book):
    reg = regime(schedules, "network-protection")
    log = [E(0, D(2026, 8, 3), "quarterly-check", 5, 2)]
    c = ins.compliance(reg, D(2026, 8, 1), D(2026, 8, 31), book, log)
    (q3,) = c.windows
    assert (q3.window.partial, q3.met) == (True, True)
    c = ins.compliance(reg, D(2026, 8, 1), D(2026, 8, 31), book, [])
    assert c.windows[0].met is None and c.windows[0].short == 1


def test_missing_officers_is_stated_not_guessed(schedules, book):
    c = ins.compliance(regime(schedules, "internet-cafe"), D(2026, 7, 1), D(2026, 7, 31), book,
                       [E(0, D(2026, 7, 3), "monthly-check", 5), E(1, D(2026, 7, 4), "monthly-check", 5)])
    assert c.windows[0].met is True
    assert any("log[0、1]" in a for a in c.assumptions)


def test_no_quota_requirements_are_never_met_or_short(schedules, book):
    c = ins.compliance(regime(schedules, "key-vehicles"), *Y2026, book, [E(0, D(2026, 1, 5), "annual-plan", 0)])
    assert all(w.met is None and w.short == 0 for w in c.windows)


# -- invariants ---------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.dates(D(2004, 1, 1), D(2026, 12, 31)), st.integers(0, 800),
       st.sampled_from(["month", "quarter", "year"]))
def test_windows_tile_the_period_and_each_is_due_on_its_last_working_day(schedules, book, start, span, kind):
    end = min(start + dt.timedelta(days=span), D(2026, 12, 31))
    p = ins.plan(regime(schedules, "network-protection"), start, end, book,
                 overrides={"quarterly-check": {"window": kind}})
    ws = p.windows
    assert ws[0].start == start and ws[-1].end == end
    for a, b in zip(ws, ws[1:]):
        assert b.start == a.end + dt.timedelta(days=1)
    cal = book.published
    for w in ws:
        if w.due is None:
            assert cal.count_workdays(w.start, w.end) == 0
        else:
            assert w.start <= w.due <= w.end and cal.is_workday(w.due)
            assert cal.count_workdays(w.due, w.end) == 1  # no working day after it in the window


@given(st.integers(1, 100), st.integers(0, 100_000))
def test_share_is_the_smallest_whole_number_covering_the_percentage(pct, n):
    k = ins.share_of(ins.to_share(pct), n)
    assert 100 * k >= pct * n and (k == 0 or 100 * (k - 1) < pct * n)


# -- loading ------------------------------------------------------------------------------------

def _src(**req):
    base = {"id": "r", "title": "t", "window": "month", "times": 1, "coverage": "units", "units": 5, "basis": "b"}
    base.update(req)
    base = {k: v for k, v in base.items() if v is not None}
    return Source("inspections/bad.toml", {"regime": [{"id": "x", "title": "t", "unit": "u", "object": "o",
                                                        "seed": "四（一）", "basis": "b", "requirement": [base]}]})


@pytest.mark.parametrize("req, key", [
    ({"window": "fortnight"}, "regime[0].requirement[0].window"),
    ({"coverage": "share", "units": None}, "regime[0].requirement[0].share"),
    ({"coverage": "all", "population": None}, "regime[0].requirement[0].population"),
    ({"times": 0}, "regime[0].requirement[0].times"),
    ({"basis": None}, "regime[0].requirement[0].basis"),
    ({"window": "event", "coverage": "none"}, "regime[0].requirement[0].trigger"),
    ({"share": 130, "coverage": "share", "population": "p"}, "regime[0].requirement[0].share"),
])
def test_bad_schedule_names_file_and_key(req, key):
    with pytest.raises(ScheduleError) as err:
        ins.load([_src(**req)], {})
    assert err.value.file == "inspections/bad.toml" and err.value.key == key


def test_other_numbers_of_a_section_are_facts_with_their_basis(schedules):
    facts = {f["id"]: f["value"] for f in regime(schedules, "website-security").extra["facts"]}
    assert facts == {"illegal-info-kinds": 9, "dedicated-officers": 1, "liaisons-per-site": 1}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 364), st.sampled_from(["hotels-monthly", "seal-pawn-quarterly",
                                                                   "special-supervision", "post-case-review"]),
                          st.integers(0, 20), st.none() | st.integers(0, 4)), max_size=40),
       st.integers(0, 30))
def test_every_log_entry_lands_in_exactly_one_window_and_met_means_the_quota_is_reached(schedules, book, raw, pop):
    log = [E(i, D(2026, 1, 1) + dt.timedelta(days=d), req, units, officers)
           for i, (d, req, units, officers) in enumerate(raw)]
    c = ins.compliance(regime(schedules, "special-trades"), *Y2026, book, log, population=pop)
    windowed = [e for e in log if e.requirement != "post-case-review"]
    seen = [i for w in c.windows for i in (*w.counted, *(d.entry.index for d in w.discounted))]
    assert sorted(seen) == sorted(e.index for e in windowed)
    for w in c.windows:
        assert w.done == len(w.counted)
        if w.met:
            assert w.done >= (w.window.times or 0)
            assert w.window.min_units is None or w.units_done >= w.window.min_units
        if w.met is False:
            assert w.short > 0 or (w.units_short or 0) > 0
    (case,) = [t for t in c.triggered if t.requirement.id == "post-case-review"]
    assert case.logged == sum(1 for e in log if e.requirement == "post-case-review")


def test_a_population_for_a_fixed_number_requirement_is_said_to_be_unused(schedules, book):
    p = ins.plan(regime(schedules, "internet-cafe"), D(2026, 7, 1), D(2026, 7, 31), book,
                 population={"monthly-check": 40})
    assert p.windows[0].min_units == 10
    assert any("monthly-check" in a and "未使用" in a for a in p.assumptions)


# -- the words are data (issue 14, item 6) --------------------------------------------------------

def _every_step(p):
    yield from p.overrides
    for w in p.windows:
        yield from w.steps


def test_every_step_of_an_inspections_answer_names_its_rule_by_code(schedules, book):
    # Every regime over 2026, with a population (so the share/all/per-unit steps appear), a period
    # that cuts windows (partial), an override, and a provisional year (2027, no notice yet).
    for r in schedules.inspections.regimes.values():
        first = next(q for q in r.requirements.values() if not q.triggered) if any(
            not q.triggered for q in r.requirements.values()) else None
        overrides = {first.id: {"times": 3}} if first else None
        for start, end, provisional in ((D(2026, 1, 1), D(2026, 12, 31), False),
                                        (D(2026, 2, 10), D(2026, 4, 15), False),
                                        (D(2026, 11, 10), D(2027, 2, 15), True)):
            for population in (None, 40):
                p = ins.plan(r, start, end, book, population=population, overrides=overrides,
                             provisional=provisional)
                for s in _every_step(p):
                    assert s.code in ins.TEXTS, (r.id, s)
                    assert s.rule and s.basis


def test_the_step_codes_say_which_rule_gave_each_line(schedules, book):
    # 2026-10-31 is a Saturday and not a make-up day (国办发明电〔2025〕7号 makes 9月20日 and 10月10日
    # the make-up days of 国庆节), so the October window rolls back to Friday 10-30; 2026-09-30 is a
    # Wednesday, a working day. 17 hotels, 2 inspections of all of them: at least 34 units.
    p = ins.plan(regime(schedules, "special-trades"), D(2026, 9, 1), D(2026, 10, 31), book,
                 population={"hotels-monthly": 17}, overrides={"hotels-monthly": {"times": 2}})
    sep, oct_ = windows(p, "hotels-monthly")
    assert [s.code for s in sep.steps] == ["window", "due_last", "all", "min_units"]
    assert [s.code for s in oct_.steps] == ["window", "roll_back", "all", "min_units"]
    assert (sep.due, oct_.due, sep.min_units) == (D(2026, 9, 30), D(2026, 10, 30), 2 * 17)
    assert [s.code for s in p.overrides] == ["override"]


def test_rewording_a_text_in_an_overlay_changes_the_words_not_the_dates_or_counts(tmp_path, schedules, book):
    from calc import schedules as schedules_module

    county = tmp_path / "county" / "inspections"
    county.mkdir(parents=True)
    (county / "words.toml").write_text(
        '[texts.min_units]\ntext = "至少要查 {min} 家次（{times} 次，每次 {units} 家）"\n\n'
        '[texts.roll_back]\ntext = "{last} 逢{why}，提前到 {due}"\nbasis = "本县说明"\n\n'
        '[words]\nmonth = "公历月"\n', "utf-8")
    reworded = schedules_module.load([tmp_path / "county"])
    args = (D(2026, 9, 1), D(2026, 10, 31))
    kwargs = {"population": {"hotels-monthly": 17}}
    before = ins.plan(regime(schedules, "special-trades"), *args, book, **kwargs)
    after = ins.plan(regime(reworded, "special-trades"), *args, reworded.calendar, **kwargs)

    def numbers(p):
        return [(w.requirement.id, w.label, w.start, w.end, w.due, w.times, w.min_units, w.partial,
                 [(s.code, s.date) for s in w.steps]) for w in p.windows]

    assert numbers(before) == numbers(after)
    oct_ = windows(after, "hotels-monthly")[1]
    said = {s.code: s for s in oct_.steps}
    assert said["min_units"].rule == "至少要查 17 家次（1 次，每次 17 家）"
    # 2026-10-31 is a Saturday: no notice names it, so the roll-back cites the county's basis.
    assert said["roll_back"].rule == "2026-10-31 逢周末，提前到 2026-10-30" and said["roll_back"].basis == "本县说明"
    assert "（公历月）" in said["window"].rule and "（自然月）" in windows(before, "hotels-monthly")[1].steps[0].rule


def test_a_text_with_a_placeholder_the_calculator_does_not_fill_is_refused(tmp_path):
    from calc import schedules as schedules_module

    county = tmp_path / "county" / "inspections"
    county.mkdir(parents=True)
    (county / "words.toml").write_text('[texts.min_units]\ntext = "最少 {minimum} 家"\n', "utf-8")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load([tmp_path / "county"])
    assert err.value.file == str((county / "words.toml").resolve())
    assert err.value.key == "texts.min_units.text" and "{minimum}" in err.value.problem and "min" in err.value.problem
