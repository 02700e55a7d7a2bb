"""Road traffic over HTTP (API.md 1.1 "Road traffic"): the shapes the contract names, the codes, and
bad input as a 422 naming the field in Chinese (never a 500). The legal values are worked by hand
in tests/test_traffic*.py; here the few repeated say where they come from."""
import pytest

BODY = {"act_date": "2026-03-02", "decision_date": "2026-03-20"}


def post(client, path, **body):
    return client.post(path, json=BODY | body)


def test_search_finds_what_people_type_and_lists_id_title_party(client):
    r = client.get("/v1/traffic/violations", query_string={"q": "闯红灯"})
    assert r.status_code == 200 and r.headers["ETag"]
    items = r.json["items"]
    assert [i["id"] for i in items] == ["traffic.hb-69-1", "traffic.hb-72-1", "traffic.hb-76-1"]
    assert set(items[0]) >= {"id", "title", "party", "basis", "cites", "citation"}
    assert len(client.get("/v1/traffic/violations").json["items"]) == 146


def test_search_by_law_and_article(client):
    r = client.get("/v1/traffic/violations", query_string={"law": "道路交通安全法", "article": 91})
    assert {i["id"] for i in r.json["items"]} == {f"traffic.law-91-{n}" for n in range(1, 6)}
    r = client.get("/v1/traffic/violations", query_string={"law": "道路交通安全法"})
    assert r.status_code == 422 and "article" in r.json["errors"]


def test_the_detail_has_versions_bands_and_points_with_cites(client):
    j = client.get("/v1/traffic/violations/traffic.hb-76-11").json
    assert j["measure"] == "speed" and j["national"][0]["clause"] == "law-90"
    band = j["points"][0]["bands"][0]
    assert band["when"]["vehicles"] == ["speed_heavy"] and band["when"]["over"] == {"measure": "speed", "min": None, "below": 20.0}
    assert band["citation"] == "《道路交通安全违法行为记分管理办法》第十条第（二）项"
    assert j["hebei"][0]["bands"][0]["fine"] == {"min": 100, "max": 100}
    assert client.get("/v1/traffic/violations/traffic.nope").status_code == 404


def test_assess_answers_the_contracts_fields(client):
    # 醉驾: 第九十一条第二款 + 刑法 第一百三十三条之一第一款第（二）项
    r = post(client, "/v1/traffic/violations/traffic.law-91-2/assess")
    j = r.json
    assert r.status_code == 200
    assert set(j) >= {"id", "fine", "warning", "points", "measures", "cites", "citation", "on_the_spot", "payment",
                      "notes", "rule_versions"}
    assert j["fine"] is None and j["points"] == 0 and j["on_the_spot"]["status"] == "no"
    criminal = next(m for m in j["measures"] if m["kind"] == "criminal")
    assert criminal["optional"] is False and "第一百三十三条之一第一款第（二）项" in criminal["citation"]
    assert next(m for m in j["measures"] if m["kind"] == "ban_years")["years"] == 5


def test_assess_with_vehicle_road_and_the_payment(client):
    # 逆行 高速公路 12 (第八条第（六）项); 200 yuan; served 2026-03-20 (Fri) -> day 15 = 2026-04-04 (清明 04-04..06)
    # -> 2026-04-07; paid 2026-04-10: 3 days, 200 x 3% x 3 = 18
    r = post(client, "/v1/traffic/violations/traffic.hb-77-7/assess", road="expressway", served="2026-03-20",
             paid="2026-04-10")
    j = r.json
    assert (j["fine"], j["points"], j["fine_source"]) == ({"min": 200, "max": 200}, 12, "hebei")
    assert j["payment"]["due"] == "2026-04-07"
    assert j["payment"]["late"] == {"fine": 200, "days_late": 3, "surcharge": 18, "capped": False, "total": 218}
    assert j["calendar_years"] == [2026]


def test_speeding_names_the_act_and_the_per_cent(client):
    # 100 -> 150 on an expressway: 50 % (以上 includes it): 第九十九条第一款第（四）项, 12 (第八条第（五）项)
    r = post(client, "/v1/traffic/speeding", vehicle="small_passenger", road="expressway", limit=100, measured=150)
    j = r.json
    assert (j["violation"], j["over_percent"], j["points"], j["fine"]) == \
        ("traffic.law-99-1-4", 50.0, 12, {"min": 200, "max": 2000})
    assert any(m["kind"] == "licence_revocation" and m["optional"] for m in j["measures"])


def test_overloading_names_the_act_and_both_per_cents(client):
    r = post(client, "/v1/traffic/overloading", vehicle="truck", kind="goods", rated=1000, carried=1300,
             permitted_total=3000, total=3900)
    j = r.json
    assert (j["violation"], j["over_percent"], j["total_over_percent"], j["points"]) == ("traffic.law-92-2", 30.0, 30.0, 3)


def test_the_points_cycle(client):
    # licence 2015-06-10: the cycle of 2026-06-09 ends that day; of 2026-06-10 begins that day
    body = {"first_licence": "2015-06-10", "vehicle": "small_car",
            "entries": [{"date": "2026-06-09", "points": 6}, {"date": "2026-06-10", "violation": "traffic.hb-76-1"}]}
    j = client.post("/v1/traffic/points", json=body | {"on": "2026-06-09"}).json
    assert j["cycle"] == {"start": "2025-06-10", "end": "2026-06-09"} and j["total"] == 6 and j["full"] is False
    j = client.post("/v1/traffic/points", json=body | {"on": "2026-06-10"}).json
    assert j["cycle"] == {"start": "2026-06-10", "end": "2027-06-09"} and j["total"] == 6
    assert j["study_days"] is None and set(j) >= {"cycle", "total", "full", "study_days", "steps"}


def test_the_codes_endpoint_lists_what_the_fields_accept(client):
    j = client.get("/v1/traffic/codes").json
    assert {"small_passenger", "school_bus", "highway_coach", "medium_large_truck", "dangerous_goods",
            "motorcycle"} <= {v["code"] for v in j["vehicles"]}
    assert [r["code"] for r in j["roads"]] == ["expressway", "urban_expressway", "other"]
    assert "large_truck" in {x["code"] for x in j["licences"]}


@pytest.mark.parametrize("path, body, field", [
    ("/v1/traffic/speeding", {"vehicle": "tank", "road": "other", "limit": 60, "measured": 80}, "vehicle"),
    ("/v1/traffic/speeding", {"vehicle": "small_passenger", "road": "sky", "limit": 60, "measured": 80}, "road"),
    ("/v1/traffic/speeding", {"vehicle": "small_passenger", "road": "other", "limit": 60, "measured": -1}, "measured"),
    ("/v1/traffic/speeding", {"vehicle": "small_passenger", "road": "other", "limit": 0, "measured": 80}, "limit"),
    ("/v1/traffic/speeding", {"vehicle": "small_passenger", "road": "other", "limit": 60, "measured": 60}, "measured"),
    ("/v1/traffic/speeding", {"vehicle": "small_passenger", "road": "other", "limit": 60, "measured": 80,
                              "act_date": "2026-02-30"}, "act_date"),
    ("/v1/traffic/speeding", {"road": "other", "limit": 60, "measured": 80}, "vehicle"),
    ("/v1/traffic/violations/traffic.hb-77-7/assess", {}, "road"),
    ("/v1/traffic/violations/traffic.hb-76-1/assess", {"over_percent": 30}, "over_percent"),
    ("/v1/traffic/violations/traffic.hb-76-1/assess", {"act_date": "not a date"}, "act_date"),
    ("/v1/traffic/violations/traffic.hb-76-1/assess", {"act_date": "2019-05-01"}, "act_date"),
    ("/v1/traffic/violations/traffic.hb-76-11/assess", {"vehicle": "small_passenger", "road": "other",
                                                        "over_percent": 60}, "over_percent"),
    ("/v1/traffic/overloading", {"vehicle": "small_passenger", "kind": "passengers", "rated": 5, "carried": 5.5},
     "carried"),
    ("/v1/traffic/overloading", {"vehicle": "small_passenger", "kind": "cattle", "rated": 5, "carried": 6}, "kind"),
    ("/v1/traffic/points", {"first_licence": "2015-06-10", "vehicle": "tank"}, "vehicle"),
    ("/v1/traffic/points", {"first_licence": "2015-06-10", "entries": [{"date": "2025-09-01"}]}, "entries"),
    ("/v1/traffic/points", {"first_licence": "2015-06-10", "entries": [{"date": "2025-09-01",
                                                                         "violation": "traffic.nope"}]},
     "entries[0].violation"),
    ("/v1/traffic/points", {"first_licence": "2015-02-30"}, "first_licence"),
])
def test_bad_input_is_a_422_naming_the_field_in_chinese(client, path, body, field):
    base = {} if path.endswith("points") else BODY
    r = client.post(path, json=base | body)
    assert r.status_code == 422, r.json
    named = {d["field"] for d in r.json["details"]}
    assert any(f == field or f.startswith(field) for f in named), named
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r.json["message"])
