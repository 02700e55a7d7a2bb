"""Publicity days (责任清单 三): dates from the seed, worked out by hand on a paper calendar."""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st
from icalendar import Calendar

from calc import events as ev
from calc.errors import InvalidInput, NotFound, ScheduleError
from calc.schedules import Source

D = dt.date


def dates_of(schedules, event_id, start, end):
    return [o.date for o in schedules.events.between(start, end, [event_id])]


# 2027-01-01 is a Friday (2026-01-01 was a Thursday, 2026 has 365 days).
# 3/1/2027 = Jan 1 + 59 days (59 = 8*7+3) -> Monday, so the first Wednesday is 3/3;
# 6/1 = +151 (21*7+4) -> Tuesday -> 6/2; 9/1 = +243 (34*7+5) -> Wednesday -> 9/1;
# 12/1 = +334 (47*7+5) -> Wednesday -> 12/1.
def test_open_days_2027_are_the_first_wednesdays_of_march_june_september_december(schedules):
    assert dates_of(schedules, "open-day", D(2027, 1, 1), D(2027, 12, 31)) == [
        D(2027, 3, 3), D(2027, 6, 2), D(2027, 9, 1), D(2027, 12, 1)]


# 2028-01-01 is a Saturday (2027 has 365 days), 2028 is a leap year.
# 3/1 = +60 (8*7+4) -> Wednesday -> 3/1; 6/1 = +152 (21*7+5) -> Thursday -> 6/7;
# 9/1 = +244 (34*7+6) -> Friday -> 9/6; 12/1 = +335 (47*7+6) -> Friday -> 12/6.
def test_open_days_2028_worked_by_hand(schedules):
    assert dates_of(schedules, "open-day", D(2028, 1, 1), D(2028, 12, 31)) == [
        D(2028, 3, 1), D(2028, 6, 7), D(2028, 9, 6), D(2028, 12, 6)]


@pytest.mark.parametrize("event_id, month, day, unit", [
    ("110-day", 1, 10, "指挥中心"),
    ("economic-crime-day", 5, 15, "经侦大队"),
    ("anti-drug-day", 6, 26, "刑警大队"),
    ("fire-safety-day", 11, 9, "消防大队"),
    ("traffic-safety-day", 12, 2, "宣传科"),
])
def test_fixed_days_fall_on_the_seed_date_every_year(schedules, event_id, month, day, unit):
    assert dates_of(schedules, event_id, D(2026, 1, 1), D(2028, 12, 31)) == [
        D(2026, month, day), D(2027, month, day), D(2028, month, day)]
    assert schedules.events.get(event_id).unit == unit


def test_every_event_carries_its_seed_section_content_and_unit(schedules):
    events = schedules.events.events
    assert set(events) == {"110-day", "economic-crime-day", "anti-drug-day", "fire-safety-day",
                           "open-day", "traffic-safety-day"}
    for e in events.values():
        assert e.seed.startswith("三、") and e.basis.startswith("县公安局责任清单 三、")
        assert e.content and e.unit
    assert events["traffic-safety-day"].contact == "0319—7512478"
    assert "警营开放" in events["open-day"].content


def test_services_without_dates_are_data_too(schedules):
    services = schedules.events.services
    assert {s.seed for s in services.values()} == {"三、7", "三、8", "三、9"}
    assert services["traffic-accident-report"].contact == "110、122"
    assert services["traffic-info-query"].unit == "交通违法处理室"
    assert services["civilised-travel-report"].unit == "交警大队"


def test_range_is_sorted_by_date_and_includes_both_ends(schedules):
    found = schedules.events.between(D(2027, 1, 10), D(2027, 12, 2))
    assert found[0].date == D(2027, 1, 10) and found[-1].date == D(2027, 12, 2)
    assert [o.date for o in found] == sorted(o.date for o in found)
    # 12/1 open day and 12/2 traffic day both inside
    assert [(o.date, o.event.id) for o in found[-2:]] == [
        (D(2027, 12, 1), "open-day"), (D(2027, 12, 2), "traffic-safety-day")]


def test_end_before_start_and_too_wide_a_range_are_refused(schedules):
    with pytest.raises(InvalidInput):
        schedules.events.between(D(2027, 1, 2), D(2027, 1, 1))
    with pytest.raises(InvalidInput):
        schedules.events.between(D(2000, 1, 1), D(2050, 1, 1))
    assert schedules.events.between(D(2000, 1, 1), D(2049, 12, 31))


def test_unknown_event_is_not_found(schedules):
    with pytest.raises(NotFound):
        schedules.events.get("no-such-day")


def test_ics_feed_parses_back_with_stable_uids_chinese_summaries_and_all_day_dates(schedules):
    raw = schedules.events.ics(D(2027, 1, 1), D(2027, 12, 31))
    assert raw == schedules.events.ics(D(2027, 1, 1), D(2027, 12, 31))  # byte-stable
    cal = Calendar.from_ical(raw)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 9  # 5 fixed days + 4 open days
    by_uid = {str(v["UID"]): v for v in vevents}
    v = by_uid["open-day-2027-06-02@calc"]
    assert str(v["SUMMARY"]) == "政法机关开放日"
    assert v["DTSTART"].dt == D(2027, 6, 2) and v["DTSTART"].params.get("VALUE") == "DATE"
    assert v["DTEND"].dt == D(2027, 6, 3)
    assert "政治处" in str(v["DESCRIPTION"])
    t = by_uid["traffic-safety-day-2027-12-02@calc"]
    assert "宣传科" in str(t["DESCRIPTION"]) and "0319—7512478" in str(t["DESCRIPTION"])
    assert str(t["SUMMARY"]) == "“122”交通安全日主题宣传活动"
    assert all(x["DTSTAMP"].dt == dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc) for x in vevents)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]


def test_one_events_own_feed_holds_only_that_event(schedules):
    cal = Calendar.from_ical(schedules.events.ics(D(2028, 1, 1), D(2028, 12, 31), ["open-day"]))
    assert [v["DTSTART"].dt for v in cal.walk("VEVENT")] == [
        D(2028, 3, 1), D(2028, 6, 7), D(2028, 9, 6), D(2028, 12, 6)]


@settings(max_examples=60, deadline=None)
@given(st.dates(D(1990, 1, 1), D(2150, 12, 31)), st.integers(0, 3000))
def test_every_occurrence_lies_in_the_range_and_open_days_are_first_wednesdays(schedules, start, span):
    end = start + dt.timedelta(days=span)
    for o in schedules.events.between(start, end):
        assert start <= o.date <= end
        if o.event.id == "open-day":
            assert o.date.weekday() == 2 and o.date.day <= 7 and o.date.month in (3, 6, 9, 12)


def _source(rrule):
    return Source("events/bad.toml", {
        "feed": {"prodid": "p", "name": "n", "dtstamp": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                 "uid_domain": "calc"},
        "event": [{"id": "x", "title": "t", "when": "w", "rrule": rrule, "unit": "u", "content": "c",
                   "seed": "三、1", "basis": "b"}]})


@pytest.mark.parametrize("rrule", ["FREQ=YEARLY;BYMONTH=13", "FREQ=SOMETIMES", "BYMONTH=1",
                                   "FREQ=HOURLY", "RRULE:FREQ=YEARLY"])
def test_a_bad_rrule_is_a_schedule_error_naming_file_and_key(rrule):
    with pytest.raises(ScheduleError) as err:
        ev.load([_source(rrule)], {})
    assert err.value.file == "events/bad.toml" and err.value.key == "event[0].rrule"


def test_a_good_rrule_loads():
    loaded = ev.load([_source("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10")], {})
    assert [o.date for o in loaded.between(D(2030, 1, 1), D(2030, 12, 31))] == [D(2030, 1, 10)]


def test_duplicate_event_id_and_missing_feed_are_schedule_errors():
    src = _source("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10")
    twice = Source(src.name, {**src.data, "event": src.data["event"] * 2})
    with pytest.raises(ScheduleError) as err:
        ev.load([twice], {})
    assert err.value.key == "event[1].id"
    no_feed = Source(src.name, {"event": src.data["event"]})
    with pytest.raises(ScheduleError) as err:
        ev.load([no_feed], {})
    assert err.value.key == "feed"
