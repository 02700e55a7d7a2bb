"""GET /v1/inspections, POST /v1/inspections/{id}/plan and /compliance."""


def test_list_has_all_eleven_regimes_and_etag(client):
    r = client.get("/v1/inspections")
    assert r.status_code == 200
    ids = [i["id"] for i in r.get_json()["items"]]
    assert ids == ["performance", "residence-registration", "website-security", "network-protection",
                   "internet-cafe", "special-trades", "border-pass", "hazardous-materials", "mass-events",
                   "household-registration", "key-vehicles"]
    first = r.get_json()["items"][0]
    assert first["unit"] and first["requirements"][0]["basis"].startswith("县公安局责任清单 四（一）")
    tag = r.headers["ETag"]
    assert client.get("/v1/inspections", headers={"If-None-Match": tag}).status_code == 304


def test_detail_and_404(client):
    r = client.get("/v1/inspections/special-trades")
    assert r.status_code == 200 and r.get_json()["superior"] == "县公安局责任清单 四（六）三"
    for url in ("/v1/inspections/nope",):
        r = client.get(url)
        assert r.status_code == 404 and r.get_json()["reason"] == "not_found"
    r = client.post("/v1/inspections/nope/plan", json={"start": "2026-01-01", "end": "2026-03-31"})
    assert r.status_code == 404


def test_plan_special_trades_2026(client):
    r = client.post("/v1/inspections/special-trades/plan", json={
        "start": "2026-01-01", "end": "2026-12-31",
        "population": {"hotels-monthly": 17, "seal-pawn-quarterly": 5, "special-supervision": 17, "full-check": 17}})
    assert r.status_code == 200
    body = r.get_json()
    assert body["provisional"] is False and body["calendar_years"] == [2026]
    feb = next(w for w in body["windows"] if w["requirement"] == "hotels-monthly" and w["label"] == "2026-02")
    assert (feb["due"], feb["times"], feb["units_per_time"], feb["min_units"]) == ("2026-02-28", 1, 17, 17)
    assert any("调休上班日" in s["rule"] for s in feb["steps"])
    sp = next(w for w in body["windows"] if w["requirement"] == "special-supervision")
    assert (sp["times"], sp["units_per_time"], sp["min_units"], sp["due"]) == (4, 6, 24, "2026-12-31")
    q3 = next(w for w in body["windows"] if w["requirement"] == "seal-pawn-quarterly" and w["label"] == "2026-Q3")
    assert q3["due"] == "2026-09-30"
    assert {e["requirement"] for e in body["per_event"]} == {"post-case-review", "complaint-check"}
    assert all(e["trigger"] for e in body["per_event"])


def test_plan_into_2027_needs_provisional(client):
    body = {"start": "2026-10-01", "end": "2027-03-31"}
    r = client.post("/v1/inspections/network-protection/plan", json=body)
    assert r.status_code == 422 and r.get_json()["reason"] == "calendar_gap" and r.get_json()["year"] == 2027
    r = client.post("/v1/inspections/network-protection/plan", json={**body, "provisional": True})
    assert r.status_code == 200
    assert r.get_json()["provisional"] is True and r.get_json()["calendar_years"] == [2026, 2027]


def test_plan_refusals_name_the_field(client):
    cases = [
        ({"start": "2026-02-01", "end": "2026-01-01"}, "end"),
        ({"start": "2026-01-01", "end": "2026-03-31", "population": -1}, "population"),
        ({"start": "2026-01-01", "end": "2026-03-31", "population": {"hotels-monthly": -2}}, "population.hotels-monthly"),
        ({"start": "2026-01-01", "end": "2026-03-31", "overrides": {"hotels-monthly": {"colour": 2}}},
         "overrides.hotels-monthly.colour"),
        ({"start": "2026-01-01", "end": "2026-03-31", "overrides": {"nope": {"times": 2}}}, "overrides.nope"),
        ({"start": "2026-01-01", "end": "2026-03-31", "surprise": 1}, "surprise"),
        ({"start": "2026-01-01"}, "end"),
    ]
    for body, field in cases:
        r = client.post("/v1/inspections/special-trades/plan", json=body)
        assert r.status_code == 422, body
        assert field in r.get_json()["errors"], (body, r.get_json())


def test_overrides_from_a_superior_are_applied_and_cited(client):
    r = client.post("/v1/inspections/special-trades/plan", json={
        "start": "2026-01-01", "end": "2026-12-31", "population": 17,
        "overrides": {"special-supervision": {"times": 6}}})
    body = r.get_json()
    sp = next(w for w in body["windows"] if w["requirement"] == "special-supervision")
    assert (sp["times"], sp["min_units"]) == (6, 36)
    assert body["overrides"][0]["basis"] == "县公安局责任清单 四（六）三"


def test_compliance_for_a_quarter_of_border_pass_checks(client):
    r = client.post("/v1/inspections/border-pass/compliance", json={
        "start": "2026-07-01", "end": "2026-09-30",
        "population": {"quarterly-check": 40, "archive-check": 120},
        "log": [
            {"date": "2026-07-15", "requirement": "quarterly-check", "units": 5, "officers": 2},
            {"date": "2026-08-15", "requirement": "quarterly-check", "units": 6, "officers": 2},
            {"date": "2026-09-15", "requirement": "archive-check", "units": 12, "officers": 2},
        ]})
    assert r.status_code == 200
    body = r.get_json()
    q, y = body["windows"]
    # 15% of 40 = 6: the 5-case check does not count; the 6-case one does
    assert (q["label"], q["done"], q["met"], q["short"], q["counted"]) == ("2026-Q3", 1, True, 0, [1])
    assert [d["index"] for d in q["discounted"]] == [0] and "少于每次至少 6" in q["discounted"][0]["reason"]
    # the year window is clipped to the quarter asked about: 10% of 120 = 12
    assert (y["label"], y["partial"], y["units_per_time"], y["met"]) == ("2026", True, 12, True)
    assert body["summary"] == {"windows": 2, "met": 2, "short": [], "undetermined": []}
    assert [d["index"] for d in body["discounted"]] == [0]


def test_compliance_short_by_how_much(client):
    r = client.post("/v1/inspections/website-security/compliance", json={
        "start": "2026-01-01", "end": "2026-03-31",
        "log": [{"date": "2026-01-05", "requirement": "monthly-check", "units": 5},
                {"date": "2026-01-25", "requirement": "monthly-check", "units": 5},
                {"date": "2026-02-25", "requirement": "monthly-check", "units": 3}]})
    body = r.get_json()
    assert [(w["label"], w["done"], w["met"], w["short"], w["units_short"]) for w in body["windows"]] == [
        ("2026-01", 2, True, 0, 0), ("2026-02", 0, False, 2, 10), ("2026-03", 0, False, 2, 10)]
    assert body["summary"]["short"] == ["monthly-check 2026-02", "monthly-check 2026-03"]


def test_compliance_log_errors_name_the_entry(client):
    base = {"start": "2026-07-01", "end": "2026-09-30"}
    r = client.post("/v1/inspections/internet-cafe/compliance", json={
        **base, "log": [{"date": "2026-10-01", "requirement": "monthly-check", "units": 5}]})
    assert r.status_code == 422 and "log.0.date" in r.get_json()["errors"]
    r = client.post("/v1/inspections/internet-cafe/compliance", json={
        **base, "log": [{"date": "2026-07-01", "requirement": "monthly-check", "units": 5},
                        {"date": "2026-07-02", "requirement": "hotels", "units": 5}]})
    assert r.status_code == 422 and "log.1.requirement" in r.get_json()["errors"]
    r = client.post("/v1/inspections/internet-cafe/compliance", json={
        **base, "log": [{"date": "2026-07-01", "requirement": "monthly-check", "units": -1}]})
    assert r.status_code == 422 and "log" in r.get_json()["errors"]
    r = client.post("/v1/inspections/internet-cafe/compliance", json=base)
    assert r.status_code == 422 and "log" in r.get_json()["errors"]


def test_a_quarters_log_leaves_the_yearly_windows_undetermined_not_short(client):
    r = client.post("/v1/inspections/special-trades/compliance", json={
        "start": "2026-07-01", "end": "2026-09-30", "population": 17,
        "log": [{"date": "2026-07-10", "requirement": "hotels-monthly", "units": 17, "officers": 2},
                {"date": "2026-08-20", "requirement": "special-supervision", "units": 6, "officers": 2}]})
    body = r.get_json()
    sp = next(w for w in body["windows"] if w["requirement"] == "special-supervision")
    assert (sp["partial"], sp["full_start"], sp["full_end"], sp["met"], sp["short"]) == (
        True, "2026-01-01", "2026-12-31", None, 3)
    assert sp["verdict"].startswith("未下结论")
    assert body["summary"]["undetermined"] == ["special-supervision 2026", "full-check 2026"]
    assert body["summary"]["short"] == ["hotels-monthly 2026-08", "hotels-monthly 2026-09", "seal-pawn-quarterly 2026-Q3"]
