"""GET /v1/events, /v1/events.ics, /v1/events/{id}, /v1/events/{id}.ics."""
import datetime as dt

from icalendar import Calendar


def test_events_in_2027_sorted_by_date(client):
    r = client.get("/v1/events?start=2027-01-01&end=2027-12-31")
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert [(i["date"], i["id"]) for i in items] == [
        ("2027-01-10", "110-day"), ("2027-03-03", "open-day"), ("2027-05-15", "economic-crime-day"),
        ("2027-06-02", "open-day"), ("2027-06-26", "anti-drug-day"), ("2027-09-01", "open-day"),
        ("2027-11-09", "fire-safety-day"), ("2027-12-01", "open-day"), ("2027-12-02", "traffic-safety-day")]
    first = items[0]
    assert first["title"] == "“110”宣传日" and first["unit"] == "指挥中心"
    assert {s["id"] for s in r.get_json()["services"]} == {
        "traffic-info-query", "civilised-travel-report", "traffic-accident-report"}


def test_events_etag_and_304(client):
    r = client.get("/v1/events?start=2027-01-01&end=2027-12-31")
    tag = r.headers["ETag"]
    again = client.get("/v1/events?start=2027-01-01&end=2027-12-31", headers={"If-None-Match": tag})
    assert again.status_code == 304
    other = client.get("/v1/events?start=2028-01-01&end=2028-12-31", headers={"If-None-Match": tag})
    assert other.status_code == 200


def test_ics_feed_is_text_calendar_and_byte_stable(client):
    url = "/v1/events.ics?start=2028-01-01&end=2028-12-31"
    a, b = client.get(url), client.get(url)
    assert a.status_code == 200 and a.mimetype == "text/calendar"
    assert a.data == b.data
    cal = Calendar.from_ical(a.data)
    uids = [str(v["UID"]) for v in cal.walk("VEVENT")]
    assert "open-day-2028-06-07@calc" in uids and "110-day-2028-01-10@calc" in uids
    assert len(uids) == len(set(uids)) == 9


def test_one_events_feed_and_detail(client):
    r = client.get("/v1/events/open-day.ics?start=2028-01-01&end=2028-12-31")
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    days = [v["DTSTART"].dt for v in Calendar.from_ical(r.data).walk("VEVENT")]
    assert days == [dt.date(2028, 3, 1), dt.date(2028, 6, 7), dt.date(2028, 9, 6), dt.date(2028, 12, 6)]
    d = client.get("/v1/events/traffic-safety-day?start=2026-01-01&end=2026-12-31").get_json()
    assert d["dates"] == ["2026-12-02"] and d["contact"] == "0319—7512478" and d["unit"] == "宣传科"
    assert d["rrule"] == "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=2"


def test_unknown_event_is_404(client):
    for url in ("/v1/events/nope", "/v1/events/nope.ics"):
        r = client.get(url)
        assert r.status_code == 404 and r.get_json()["reason"] == "not_found"


def test_bad_ranges_are_422_naming_the_field(client):
    r = client.get("/v1/events?start=2027-01-02&end=2027-01-01")
    assert r.status_code == 422 and "end" in r.get_json()["errors"]
    r = client.get("/v1/events.ics?start=2027-01-02&end=2027-01-01")
    assert r.status_code == 422
    r = client.get("/v1/events?start=2000-01-01&end=2050-01-01")
    assert r.status_code == 422 and "end" in r.get_json()["errors"]
    r = client.get("/v1/events?start=2027-02-30")
    assert r.status_code == 422 and "start" in r.get_json()["errors"]


def test_default_range_is_this_year_and_next(client):
    r = client.get("/v1/events")
    body = r.get_json()
    assert r.status_code == 200
    assert body["start"].endswith("-01-01") and body["end"].endswith("-12-31")
    assert int(body["end"][:4]) == int(body["start"][:4]) + 1
