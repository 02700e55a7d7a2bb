"""A year's arrangement as JSON and iCalendar, due dates as calendar events, links behind a proxy
(API.md, "Calendar exports" and "Due dates in a calendar")."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from calc.api import create_app


def _events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_the_2026_arrangement_lists_every_break_day_and_make_up_day(client):
    # 国办发明电〔2025〕7号 (2025-11-04), LAW.md: 元旦 1/1-1/3, 春节 2/15-2/23, 清明 4/4-4/6,
    # 劳动节 5/1-5/5, 端午 6/19-6/21, 中秋 9/25-9/27, 国庆 10/1-10/7: 3+9+3+5+3+3+7 = 33 days off;
    # worked: 1/4 (Sun), 2/14 (Sat), 2/28 (Sat), 5/9 (Sat), 9/20 (Sun), 10/10 (Sat).
    r = client.get("/v1/calendar/2026.json")
    assert r.status_code == 200 and r.headers["ETag"]
    body = r.get_json()
    assert body["year"] == 2026
    assert [n["number"] for n in body["notices"]] == ["国办发明电〔2025〕7号"]
    assert body["notices"][0]["date"] == "2025-11-04"
    off = [d["date"] for d in body["days"] if d["kind"] == "holiday"]
    worked = [d["date"] for d in body["days"] if d["kind"] == "makeup_workday"]
    assert len(off) == 33 and "2026-02-23" in off and "2026-10-07" in off
    assert worked == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    assert {"date": "2026-10-10", "kind": "makeup_workday", "name": "国庆节"} in body["days"]
    assert client.get("/v1/calendar/2026.json", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304


def test_a_year_without_a_notice_is_404_calendar_gap(client):
    for path in ("/v1/calendar/2027.json", "/v1/calendar/2027.ics", "/v1/calendar/1999.json"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.get_json()["reason"] == "calendar_gap" and r.get_json()["year"] == int(path[13:17])


def test_the_ics_has_one_event_per_break_and_per_make_up_day(client):
    r = client.get("/v1/calendar/2026.ics")
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    cal = Calendar.from_ical(r.data)
    assert str(cal["REFRESH-INTERVAL"].to_ical(), "ascii") == "P1D"
    events = _events(r.data)
    assert len(events) == 7 + 6  # seven breaks, six make-up days (the notice, as above)
    spring = next(e for e in events if e["DTSTART"].dt == dt.date(2026, 2, 15))
    assert spring["DTEND"].dt == dt.date(2026, 2, 24)  # DTEND is exclusive (RFC 5545)
    assert "国办发明电〔2025〕7号" in str(spring["DESCRIPTION"])
    assert spring["LAST-MODIFIED"].dt == dt.datetime(2025, 11, 4, tzinfo=dt.timezone.utc)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert _events(client.get("/v1/calendar/2026.ics").data)[0]["UID"] == events[0]["UID"]  # stable


def test_a_supplementary_notice_bumps_the_sequence_of_what_it_changed(client):
    # 2020: 国办发明电〔2019〕16号 set 春节 1/24-1/30; 国办发明电〔2020〕1号 extended it to 2/2.
    events = _events(client.get("/v1/calendar/2020.ics").data)
    extension = next(e for e in events if e["DTSTART"].dt == dt.date(2020, 1, 31))
    first = next(e for e in events if e["DTSTART"].dt == dt.date(2020, 1, 24))
    assert int(extension["SEQUENCE"]) == 1 and int(first["SEQUENCE"]) == 0
    assert "国办发明电〔2020〕1号" in str(extension["DESCRIPTION"])


def test_two_counties_configure_their_own_uid_domain(schedules):
    a = create_app({"TESTING": True, "UID_DOMAIN": "renxian.example"}, loaded=schedules).test_client()
    b = create_app({"TESTING": True, "UID_DOMAIN": "qingshi.example"}, loaded=schedules).test_client()
    ua = {str(e["UID"]) for e in _events(a.get("/v1/calendar/2026.ics").data)}
    ub = {str(e["UID"]) for e in _events(b.get("/v1/calendar/2026.ics").data)}
    assert all(u.endswith("@renxian.example") for u in ua) and not ua & ub
    q = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}
    da = _events(a.post("/v1/deadlines", json=q, headers={"Accept": "text/calendar"}).data)[0]["UID"]
    db = _events(b.post("/v1/deadlines", json=q, headers={"Accept": "text/calendar"}).data)[0]["UID"]
    assert da != db


def test_a_deadline_as_an_all_day_event_on_its_due_date(client):
    # README example: 2026-09-21 + 20 working days = 2026-10-26 (2026 notice).
    q = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}
    r = client.post("/v1/deadlines", json=q, headers={"Accept": "text/calendar"})
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    (e,) = _events(r.data)
    assert e["DTSTART"].dt == dt.date(2026, 10, 26) and e["DTEND"].dt == dt.date(2026, 10, 27)
    assert "民法典 第二百零一条" in str(e["DESCRIPTION"])
    again = _events(client.post("/v1/deadlines", json=q, headers={"Accept": "text/calendar"}).data)[0]
    other = _events(client.post("/v1/deadlines", json={**q, "amount": 21},
                                headers={"Accept": "text/calendar"}).data)[0]
    assert again["UID"] == e["UID"] != other["UID"]
    # JSON stays the default, and wins a tie
    assert client.post("/v1/deadlines", json=q).mimetype == "application/json"
    assert client.post("/v1/deadlines", json=q,
                       headers={"Accept": "text/calendar, application/json"}).mimetype == "application/json"


def test_bad_input_with_accept_calendar_is_still_the_json_error(client):
    r = client.post("/v1/deadlines", json={"start": "2026-02-30", "amount": 1, "unit": "days"},
                    headers={"Accept": "text/calendar"})
    assert r.status_code == 422 and r.get_json()["code"] == 422


def test_a_timeline_gives_one_event_per_dated_stage_and_hours_as_beijing_time(client):
    # 治安管理处罚法（2025） 第九十七条: questioning after a summons at most 8 hours: 09:00 -> 17:00.
    r = client.post("/v1/timelines/summons-questioning", json={"start": "2026-12-01T09:00"},
                    headers={"Accept": "text/calendar"})
    assert r.status_code == 200
    (e,) = _events(r.data)
    assert e["DTSTART"].dt == dt.datetime(2026, 12, 1, 17, 0, tzinfo=e["DTSTART"].dt.tzinfo)
    assert str(e["DTSTART"].dt.tzinfo) == "Asia/Shanghai"
    # 行政许可法 第四十二条、第四十四条: decision within 20 working days, licence within 10 more
    r = client.post("/v1/timelines/administrative-licence", json={"start": "2026-09-21"},
                    headers={"Accept": "text/calendar"})
    days = sorted(e["DTSTART"].dt for e in _events(r.data))
    json_answer = client.post("/v1/timelines/administrative-licence", json={"start": "2026-09-21"}).get_json()
    assert days == sorted(dt.date.fromisoformat(s["due"]) for s in json_answer["stages"] if s["due"])


def test_the_openapi_document_offers_both_media_types(client):
    spec = client.get("/openapi.json").get_json()
    for path in ("/v1/deadlines", "/v1/timelines/{procedure_id}"):
        content = spec["paths"][path]["post"]["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/calendar"}
    assert "text/calendar" in spec["paths"]["/v1/calendar/{year}.ics"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize("proxies, expected", [(1, "webcal://calc.county.example/"), (None, "webcal://localhost/")])
def test_links_name_the_host_the_client_used_only_behind_configured_proxies(schedules, proxies, expected):
    config = {"TESTING": True} | ({"PROXIES": proxies} if proxies else {})
    c = create_app(config, loaded=schedules).test_client()
    page = c.get("/events?year=2026", headers={"X-Forwarded-Host": "calc.county.example",
                                                "X-Forwarded-Proto": "https"}).get_data(as_text=True)
    assert f'href="{expected}v1/events.ics"' in page
    assert 'id="holidays-webcal"' in page


# -- the words are data (issue 14, items 6 and 7): schedules/calendar/texts.toml ----------------------

REWORDED = '''gap = "{year}年放假安排未收录（请用 provisional）"
missing = "无{year}年安排"

[ics]
calendar = "{year} 年节假日"
holiday = "休：{name}"
makeup = "班：{name}"
step = "{rule}｜{basis}｜{date}"
range = "或在 {first}～{last}"
deadline_calendar = "到期"
deadline = "到期：{start}+{amount}{unit}"
stage = "{procedure}/{stage}"
estimated = "[推定]"
'''


@pytest.fixture(scope="module")
def reworded(tmp_path_factory):
    county = tmp_path_factory.mktemp("county")
    (county / "calendar").mkdir()
    (county / "calendar" / "texts.toml").write_text(REWORDED, "utf-8")
    return create_app({"TESTING": True, "SCHEDULES_DIR": str(county)}).test_client()


def test_rewording_the_calendar_texts_changes_the_words_not_the_dates(client, reworded):
    # 2026 notice (国办发明电〔2025〕7号): 国庆节 2026-10-01..10-07, worked 2026-10-10 (Sat).
    plain, county = (_events(c.get("/v1/calendar/2026.ics").data) for c in (client, reworded))
    assert [(e["DTSTART"].dt, e["DTEND"].dt, str(e["UID"])) for e in plain] == \
        [(e["DTSTART"].dt, e["DTEND"].dt, str(e["UID"])) for e in county]
    by_day = {e["DTSTART"].dt: str(e["SUMMARY"]) for e in county}
    assert by_day[dt.date(2026, 10, 1)] == "休：国庆节" and by_day[dt.date(2026, 10, 10)] == "班：国庆节"
    assert {e["DTSTART"].dt: str(e["SUMMARY"]) for e in plain}[dt.date(2026, 10, 1)] == "国庆节 放假"
    assert str(Calendar.from_ical(reworded.get("/v1/calendar/2026.ics").data)["X-WR-CALNAME"]) == "2026 年节假日"
    # 2026-12-20 + 15 working days, estimated (2027 has no notice): the same date, other words.
    q = {"start": "2026-12-20", "amount": 15, "unit": "workdays", "provisional": True}
    (a,), (b,) = (_events(c.post("/v1/deadlines", json=q, headers={"Accept": "text/calendar"}).data)
                  for c in (client, reworded))
    assert a["DTSTART"].dt == b["DTSTART"].dt
    assert str(a["SUMMARY"]) == "期限届满：自 2026-12-20 起 15个工作日（推定）"
    assert str(b["SUMMARY"]) == "到期：2026-12-20+15个工作日[推定]"
    assert "或在 " in str(b["DESCRIPTION"]) and "实际日期可能在" in str(a["DESCRIPTION"])


def test_the_calendar_gap_refusal_says_what_the_texts_say(client, reworded):
    q = {"start": "2026-12-20", "amount": 15, "unit": "workdays"}  # reaches into 2027: no notice
    plain, county = (c.post("/v1/deadlines", json=q).get_json() for c in (client, reworded))
    assert plain["reason"] == county["reason"] == "calendar_gap" and plain["year"] == county["year"] == 2027
    assert plain["message"] == "2027年的国务院节假日安排尚未收录，无法确定工作日；可改用 provisional: true 按放假办法推定"
    assert county["message"] == "2027年放假安排未收录（请用 provisional）"
    assert reworded.get("/v1/calendar/2027.ics").get_json()["message"] == "无2027年安排"
