"""Calendar, deadlines, batch, meta: the API.md contract, including every kind of bad input."""
import json

import pytest


def test_a_makeup_saturday_is_a_working_day(client):
    r = client.get("/v1/calendar/2026-02-14")
    assert r.status_code == 200
    assert r.json["workday"] is True and r.json["kind"] == "makeup_workday" and r.json["name"] == "春节"


def test_a_holiday_names_its_break(client):
    r = client.get("/v1/calendar/2026-10-05")
    assert r.json == r.json | {"workday": False, "kind": "holiday", "name": "国庆节"}


def test_working_days_of_february_2026(client):
    r = client.get("/v1/calendar/workdays?start=2026-02-01&end=2026-02-28")
    assert r.status_code == 200
    assert r.json["workdays"] == 16 and r.json["calendar_years"] == [2026]


@pytest.mark.parametrize("url, field", [
    ("/v1/calendar/2026-02-30", "date"),
    ("/v1/calendar/1899-12-31", "date"),
    ("/v1/calendar/workdays?start=2026-03-01&end=2026-02-01", "end"),
    ("/v1/calendar/workdays?start=2026-13-01&end=2026-02-01", "start"),
    ("/v1/calendar/workdays?start=2026-01-01", "end"),
])
def test_bad_calendar_queries_name_the_field(client, url, field):
    r = client.get(url)
    assert r.status_code == 422
    assert field in r.json["errors"]


def test_a_calendar_day_outside_coverage_is_a_calendar_gap(client):
    r = client.get("/v1/calendar/2027-03-01")
    assert r.status_code == 422 and r.json["reason"] == "calendar_gap" and r.json["year"] == 2027
    r = client.get("/v1/calendar/2027-02-08?provisional=true")
    assert r.status_code == 200 and r.json["kind"] == "holiday" and r.json["provisional"] is True


def test_twenty_working_days_from_2026_09_21(client):
    r = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"})
    assert r.status_code == 200
    body = r.json
    assert body["due"] == "2026-10-26" and body["provisional"] is False and body["calendar_years"] == [2026]
    assert [s["date"] for s in body["steps"]] == ["2026-09-21", "2026-10-26"]
    assert all(s["basis"] for s in body["steps"])


def test_deadline_with_pause_extension_and_direction(client):
    r = client.post("/v1/deadlines", json={
        "start": "2026-09-21", "amount": 20, "unit": "workdays",
        "pauses": [{"start": "2026-09-24", "end": "2026-10-09", "reason": "专家评审"}],
        "extension": {"amount": 1, "unit": "workdays"}})
    assert r.json["due"] == "2026-11-04"
    r = client.post("/v1/deadlines", json={"start": "2026-10-24", "amount": 20, "unit": "days",
                                           "direction": "before"})
    assert r.json["due"] == "2026-09-30"


# LAW.md round three: an extension counts on from the period's own last day, which is no longer the
# last day and is not moved (民法典 第二百零三条); only the extended period's last day moves. 2026: 国庆
# 10/1 (Thu) - 10/7, 10/10 (Sat) worked.
EXTENDED = [
    # 9/7 + 30 = 10/7 (国庆, not moved); + 30 = 11/6 (Fri). Counted from a moved 10/8 it was 11/9.
    ({"start": "2026-09-07", "amount": 30, "unit": "days", "extension": {"amount": 30, "unit": "days"}}, "2026-11-06"),
    # seizure (行政强制法 第二十五条): 9/1 + 30 = 10/1 (国庆); + 30 = 10/31 (Sat) -> 11/2 (Mon).
    ({"start": "2026-09-01", "amount": 30, "unit": "days", "extension": {"amount": 30, "unit": "days"}}, "2026-11-02"),
    # 9/3 + 1 month = 10/3 (国庆); + 1 month = 11/3 (Tue).
    ({"start": "2026-09-03", "amount": 1, "unit": "months", "extension": {"amount": 1, "unit": "months"}}, "2026-11-03"),
    # 9/3 + 30 = 10/3 (国庆); 5 working days after it: 10/8, 10/9, 10/10 (Sat, worked), 10/12, 10/13.
    ({"start": "2026-09-03", "amount": 30, "unit": "days", "extension": {"amount": 5, "unit": "workdays"}}, "2026-10-13"),
    # working days are unaffected: 9/21 + 20 WD = 10/26; 10 more: 10/27-10/30, 11/2-11/6, 11/9.
    ({"start": "2026-09-21", "amount": 20, "unit": "workdays", "extension": {"amount": 10, "unit": "workdays"}},
     "2026-11-09"),
]


def test_an_extension_counts_on_from_the_unmoved_last_day_in_the_single_and_batch_answers(client, monkeypatch):
    from calc import periods

    for body, expected in EXTENDED:
        r = client.post("/v1/deadlines", json=body)
        assert r.status_code == 200 and r.json["due"] == expected, (body, r.json.get("due"))
    first = client.post("/v1/deadlines", json=EXTENDED[0][0]).json["steps"]
    assert [s["date"] for s in first] == ["2026-09-07", "2026-10-07", "2026-10-07", "2026-10-07", "2026-11-06"]
    assert "不顺延" in first[2]["rule"] and first[2]["basis"].startswith("民法典 第二百零三条")
    assert first[3]["rule"] == "延长30日，自被延长期间的最后一日（2026-10-07）起算"
    items = [{**body, "steps": steps} for body, _ in EXTENDED for steps in (True, False)]
    batch = client.post("/v1/deadlines/batch", json={"items": items}).get_data()
    assert [a["due"] for a in json.loads(batch)["items"]] == [due for _, due in EXTENDED for _ in (1, 2)]
    monkeypatch.setattr(periods.fast, "without_steps", lambda *a: None)  # the batch's step-free count off
    assert client.post("/v1/deadlines/batch", json={"items": items}).get_data() == batch


def test_steps_can_be_left_out(client):
    r = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays",
                                           "steps": False})
    assert r.json["due"] == "2026-10-26" and "steps" not in r.json


def test_deadline_into_2027_is_a_gap_unless_provisional(client):
    body = {"start": "2026-12-21", "amount": 20, "unit": "workdays"}
    r = client.post("/v1/deadlines", json=body)
    assert r.status_code == 422 and r.json["reason"] == "calendar_gap" and "2027" in r.json["message"]
    r = client.post("/v1/deadlines", json=body | {"provisional": True})
    assert r.status_code == 200 and r.json["due"] == "2027-01-19" and r.json["provisional"] is True
    assert r.json["calendar_years"] == [2026, 2027]


@pytest.mark.parametrize("body, field", [
    ({"start": "2026-02-30", "amount": 3, "unit": "days"}, "start"),
    ({"start": "26-02-01", "amount": 3, "unit": "days"}, "start"),
    ({"start": "2201-01-01", "amount": 3, "unit": "days"}, "start"),
    ({"start": "1899-12-31", "amount": 3, "unit": "days"}, "start"),
    ({"start": "2026-02-01", "amount": 3, "unit": "weeks"}, "unit"),
    ({"start": "2026-02-01", "amount": -3, "unit": "days"}, "amount"),
    ({"start": "2026-02-01", "amount": 3661, "unit": "days"}, "amount"),
    ({"start": "2026-02-01", "amount": 121, "unit": "months"}, "amount"),
    ({"start": "2026-02-01", "amount": 101, "unit": "years"}, "amount"),
    ({"start": "2026-02-01", "amount": "3", "unit": "days"}, "amount"),
    ({"start": "2026-02-01", "amount": 3.5, "unit": "days"}, "amount"),
    ({"start": "2026-02-01", "unit": "days"}, "amount"),
    ({"start": "2026-02-01", "amount": 3, "unit": "days", "direction": "sideways"}, "direction"),
    ({"start": "2026-02-01", "amount": 3, "unit": "days", "colour": "red"}, "colour"),
    ({"start": "2026-02-01", "amount": 3, "unit": "days",
      "pauses": [{"start": "2026-02-05", "end": "2026-02-04"}]}, "pauses"),
    ({"start": "2026-02-01", "amount": 3, "unit": "days", "extension": {"amount": 0, "unit": "days"}},
     "extension"),
])
def test_bad_deadline_input_is_a_422_naming_the_field(client, body, field):
    r = client.post("/v1/deadlines", json=body)
    assert r.status_code == 422, r.json
    assert field in r.json["errors"] and r.json["code"] == 422 and r.json["status"]


def test_a_result_beyond_2200_is_refused_not_a_500(client):
    r = client.post("/v1/deadlines", json={"start": "2200-12-01", "amount": 100, "unit": "years"})
    assert r.status_code == 422


def test_unparsable_json_is_a_400(client):
    r = client.post("/v1/deadlines", data="{not json", content_type="application/json")
    assert r.status_code == 400 and r.json["code"] == 400


def test_a_body_that_is_not_an_object_is_a_422(client):
    r = client.post("/v1/deadlines", json=[1, 2])
    assert r.status_code == 422


def test_batch_answers_each_item_in_order_and_a_bad_item_fails_alone(client):
    items = [{"start": "2026-09-21", "amount": 20, "unit": "workdays"},
             {"start": "2026-02-30", "amount": 3, "unit": "days"},
             "not an object",
             {"start": "2026-12-21", "amount": 20, "unit": "workdays"},
             {"start": "2026-09-16", "amount": 15, "unit": "days", "steps": False}]
    r = client.post("/v1/deadlines/batch", json={"items": items})
    assert r.status_code == 200
    out = r.json["items"]
    assert len(out) == 5
    assert out[0]["due"] == "2026-10-26"
    assert "start" in out[1]["error"]["errors"]
    assert "error" in out[2]
    assert out[3]["error"]["reason"] == "calendar_gap"
    assert out[4]["due"] == "2026-10-08" and "steps" not in out[4]


def test_batch_items_without_steps_follow_the_2026_notice(client):
    """Worked by hand from 国办发明电〔2025〕7号: 春节 02-15..02-23 (调休 02-14, 02-28),
    国庆节 10-01..10-07 (调休 09-20, 10-10)."""
    items = [
        {"start": "2026-10-12", "amount": 7, "unit": "days", "direction": "before"},  # 10-05 holiday → 09-30
        {"start": "2026-02-25", "amount": 3, "unit": "workdays", "direction": "before"},  # 02-24, 02-14, 02-13
        {"start": "2026-01-31", "amount": 1, "unit": "months"},  # month end 02-28, a make-up Saturday
        {"start": "2025-02-16", "amount": 1, "unit": "years"},  # 2026-02-16 in 春节 → 02-24
        {"start": "2026-09-13", "amount": 7, "unit": "days"},  # 09-20: a Sunday, but a make-up day
        {"start": "2026-12-21", "amount": 20, "unit": "workdays"},  # runs past the 2026 notice
        {"start": "2003-11-30", "amount": 3, "unit": "days"},  # ends before the first notice
    ]
    r = client.post("/v1/deadlines/batch", json={"items": [dict(i, steps=False) for i in items]})
    out = r.json["items"]
    assert [o.get("due") for o in out[:5]] == ["2026-09-30", "2026-02-13", "2026-02-28", "2026-02-24", "2026-09-20"]
    assert out[3]["calendar_years"] == [2025, 2026] and out[0]["calendar_years"] == [2026]
    assert all("steps" not in o and o["provisional"] is False for o in out[:5])
    assert out[5]["error"]["reason"] == "calendar_gap" and out[6]["error"]["reason"] == "calendar_gap"


def test_a_batch_of_ten_thousand_is_answered(client):
    items = [{"start": "2026-03-02", "amount": 1 + i % 30, "unit": "workdays", "steps": False}
             for i in range(10_000)]
    r = client.post("/v1/deadlines/batch", json={"items": items})
    assert r.status_code == 200 and len(r.json["items"]) == 10_000
    assert r.json["items"][0]["due"] == "2026-03-03"


def test_a_batch_over_the_limit_is_a_413(app):
    client = app.test_client()
    limit = app.config["BATCH_LIMIT"]
    r = client.post("/v1/deadlines/batch",
                    json={"items": [{"start": "2026-03-02", "amount": 1, "unit": "days"}] * (limit + 1)})
    assert r.status_code == 413 and r.json["reason"] == "too_large"


def test_an_oversized_body_is_a_413(app):
    client = app.test_client()
    size = app.config["MAX_CONTENT_LENGTH"] + 1
    r = client.post("/v1/deadlines/batch", data=b"x" * size, content_type="application/json")
    assert r.status_code == 413 and r.json["reason"] == "too_large"


def test_health_and_meta(client, schedules):
    assert client.get("/healthz").json == {"status": "ok"}
    meta = client.get("/v1/meta").json
    assert meta["schedules_digest"] == schedules.digest
    assert meta["calendar"]["first_year"] == 2004 and meta["calendar"]["last_year"] == 2026
    assert set(meta["calendar_digests"]) == {str(y) for y in range(2004, 2027)}


def test_openapi_and_local_swagger_ui(client):
    spec = client.get("/openapi.json").json
    assert "/v1/deadlines" in spec["paths"] and "/v1/calendar/{date}" in spec["paths"]
    page = client.get("/docs").get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page and "http" not in page.split("<body>")[1]
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_unknown_path_and_method_are_json(client):
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json["reason"] == "not_found"
    r = client.delete("/v1/deadlines")
    assert r.status_code == 405 and r.json["code"] == 405


def test_json_is_utf8_with_chinese_unescaped(client):
    r = client.get("/v1/calendar/2026-10-05")
    assert "国庆节" in r.get_data(as_text=True)
    assert json.loads(r.data)["name"] == "国庆节"
