"""Penalties, late fee and thresholds over HTTP: the API.md "Penalties" contract."""
import datetime as dt

import pytest

import calc.api.penalties as api_penalties


def assess(client, vid="rental.unregistered-tenant", **body):
    body = {"act_date": "2026-03-05", "decision_date": "2026-03-20", "party": "individual"} | body
    return client.post(f"/v1/penalties/{vid}/assess", json=body)


def test_list_searches_chinese_titles(client):
    r = client.get("/v1/penalties?q=出租")
    assert r.status_code == 200
    # with the 治安 catalogue 出租 also occurs in other texts (出租、出借公文; 出租汽车业): the landlord's two come first
    ids = [i["id"] for i in r.json["items"]]
    # issue 26: 河北省租赁房屋治安管理条例's two landlord sanctions the law does not set join them
    assert {i for i in ids if not i.startswith("zhian.")} == {"rental.unregistered-tenant", "rental.unreported-tenant-crime",
                                                             "rental.hebei-unreported", "rental.hebei-beds"}
    assert set(ids[:2]) == {"rental.unregistered-tenant", "rental.unreported-tenant-crime"}
    item = r.json["items"][0]
    assert {"id", "title", "authority", "basis"} <= set(item)
    assert len(client.get("/v1/penalties").json["items"]) >= 9
    assert client.get("/v1/penalties?q=没有这个词").json["items"] == []


def test_detail_has_every_version_and_band(client):
    r = client.get("/v1/penalties/rental.unregistered-tenant")
    assert r.status_code == 200
    v2012, v2025 = r.json["versions"]
    assert v2012["effective"] == {"from": "2006-03-01", "until": "2025-12-31"}
    assert v2012["bands"][0]["fine"] == {"min": 200, "max": 500}
    assert v2025["effective"] == {"from": "2026-01-01", "until": None}
    minor = next(b for b in v2025["bands"] if b["when"] == "minor")
    assert minor["warning"] is True and minor["fine"] == {"min": 0, "max": 500}


def test_gets_carry_the_schedules_digest_as_etag_and_answer_304(client, schedules):
    for url in ("/v1/penalties", "/v1/penalties/seal.unrecorded", "/v1/thresholds", "/v1/thresholds/food.aluminium"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["ETag"] == f'"{schedules.digest}"'
        again = client.get(url, headers={"If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""


def test_unknown_ids_are_404_not_found(client):
    for r in (client.get("/v1/penalties/no.such"), assess(client, "no.such"),
              client.get("/v1/thresholds/no.such"), client.post("/v1/thresholds/no.such/assess", json={"facts": {}})):
        assert r.status_code == 404 and r.json["reason"] == "not_found"


def test_assess_landlord_2025_act_decided_2026_keeps_200_to_500(client):
    r = assess(client, act_date="2025-11-20", decision_date="2026-02-10")
    assert r.status_code == 200
    j = r.json
    assert j["version"]["rule"] == "act_time"
    assert j["version"]["applied"]["basis"] == "治安管理处罚法（2012） 第五十七条第一款"
    assert "第三十七条" in j["version"]["basis"] and "从旧" in j["version"]["reason"]
    assert [b["fine"] for b in j["bands"]] == [{"min": 200, "max": 500}]
    assert j["procedure"]["simplified"]["status"] == "yes"
    # changed (issue 15): the limitation uses no holiday calendar (it is never moved), so none is listed
    assert j["limitation"]["expires"] == "2026-05-20" and j["limitation"]["calendar_years"] == []


def test_assess_minor_2025_act_decided_2026_takes_the_lighter_new_band(client):
    j = assess(client, act_date="2025-11-20", decision_date="2026-02-10", circumstances=["minor"]).json
    assert j["version"]["rule"] == "decision_time_lighter" and "较轻" in j["version"]["reason"]
    (band,) = j["bands"]
    assert band["when"] == "minor" and band["warning"] is True and band["fine"] == {"min": 0, "max": 500}
    assert [c["severity"]["fine_min"] for c in j["version"]["compared"]] == [200, 0]


def test_assess_2026_act_gets_500_to_1000(client):
    j = assess(client).json
    assert j["version"]["rule"] == "same" and [b["fine"] for b in j["bands"]] == [{"min": 500, "max": 1000}]
    assert j["procedure"]["hearing"] == j["procedure"]["hearing"] | {"status": "no", "limit": 4000}


def test_decision_date_defaults_to_today_in_beijing(client, monkeypatch):
    monkeypatch.setattr(api_penalties, "today", lambda: dt.date(2026, 4, 1))
    r = client.post("/v1/penalties/rental.unregistered-tenant/assess",
                    json={"act_date": "2026-03-05", "party": "individual"})
    assert r.status_code == 200 and r.json["decision_date"] == "2026-04-01"


@pytest.mark.parametrize("body, field", [
    ({"party": "company"}, "party"),
    ({"circumstances": ["grave"]}, "circumstances"),
    ({"decision_date": "2026-03-01"}, "decision_date"),
    ({"act_date": "2026-02-30"}, "act_date"),
    ({"act_date": None}, "act_date"),
    ({"colour": "red"}, "colour"),
])
def test_bad_assess_input_is_422_naming_the_field(client, body, field):
    r = assess(client, **body)
    assert r.status_code == 422 and field in r.json["errors"]


def test_limitation_beyond_the_calendar_is_answered(client):
    # Changed (issue 15): 2026-03-05 + 2 years (行政处罚法 第三十六条) = 2028-03-05, a Sunday, not moved
    # and needing no 2028 calendar: answered without calendar_gap, with or without provisional.
    j = assess(client, "seal.unrecorded", party="organization").json
    lim = j["limitation"]
    assert lim["expires"] == "2028-03-05" and lim["calendar_gap"] is None and lim["plain_end"] == "2028-03-05"
    j = assess(client, "seal.unrecorded", party="organization", provisional=True).json
    assert j["limitation"]["expires"] == "2028-03-05" and j["provisional"] is False


def test_late_fee_worked_example(client):
    r = client.post("/v1/penalties/late-fee", json={"fine": 1000, "served": "2026-09-16", "paid": "2026-10-09"})
    assert r.status_code == 200
    assert r.json | {"steps": None} == {
        "fine": 1000, "served": "2026-09-16", "paid": "2026-10-09", "due": "2026-10-08", "days_late": 1,
        "daily_rate": 0.03, "surcharge": 30, "capped": False, "total": 1030, "provisional": False,
        "calendar_years": [2026], "steps": None}
    assert any("第七十二条" in s["basis"] for s in r.json["steps"])


def test_late_fee_money_has_at_most_two_decimals_and_the_cap(client):
    r = client.post("/v1/penalties/late-fee", json={"fine": 333.33, "served": "2026-03-02", "paid": "2026-03-19"})
    assert r.json["surcharge"] == 20 and r.json["total"] == 353.33
    r = client.post("/v1/penalties/late-fee", json={"fine": 50.5, "served": "2026-03-02", "paid": "2026-12-31"})
    assert r.json["capped"] is True and r.json["surcharge"] == 50.5 and r.json["total"] == 101


@pytest.mark.parametrize("body, field", [
    ({"fine": 10.001}, "fine"),
    ({"fine": 0}, "fine"),
    ({"fine": "lots"}, "fine"),
    ({"paid": "2026-03-01"}, "paid"),
    ({"served": None}, "served"),
])
def test_bad_late_fee_input_is_422(client, body, field):
    r = client.post("/v1/penalties/late-fee",
                    json={"fine": 100, "served": "2026-03-02", "paid": "2026-03-20"} | body)
    assert r.status_code == 422 and field in r.json["errors"]


def test_late_fee_into_2027_is_a_calendar_gap_unless_provisional(client):
    body = {"fine": 100, "served": "2026-12-20", "paid": "2027-01-10"}
    r = client.post("/v1/penalties/late-fee", json=body)
    assert r.status_code == 422 and r.json["reason"] == "calendar_gap" and r.json["year"] == 2027
    r = client.post("/v1/penalties/late-fee", json=body | {"provisional": True})
    assert r.json["due"] == "2027-01-04" and r.json["provisional"] is True


def test_thresholds_list_and_assess(client):
    ids = {t["id"] for t in client.get("/v1/thresholds").json["items"]}
    assert ids == {"pyramid-selling", "food.aluminium"}
    r = client.post("/v1/thresholds/pyramid-selling/assess",
                    json={"facts": {"members": 30, "levels": 3, "role": "organizer"}})
    assert r.status_code == 200 and r.json["met"] is True
    assert [x["referral"] for x in r.json["referrals"]] == ["criminal"]
    # changed (issue 15): the product kind is a required fact; the 100 mg/kg limit is for fried products
    r = client.post("/v1/thresholds/food.aluminium/assess", json={"facts": {"aluminium_mg_per_kg": 801, "product": "fried"}})
    assert r.json["met"] is False and r.json["tests"][0]["limit"] == 100
    r = client.post("/v1/thresholds/food.aluminium/assess", json={"facts": {"aluminium_mg_per_kg": 801}})
    assert r.status_code == 422 and "facts.product" in r.json["errors"]


def test_bad_threshold_facts_are_422_naming_the_fact(client):
    r = client.post("/v1/thresholds/pyramid-selling/assess", json={"facts": {"members": "x", "levels": 3}})
    assert r.status_code == 422 and "facts.members" in r.json["errors"]
    r = client.post("/v1/thresholds/pyramid-selling/assess", json={})
    assert r.status_code == 422 and "facts" in r.json["errors"]


def test_late_fee_path_is_not_taken_for_a_violation_id(client):
    assert client.get("/v1/penalties/late-fee").status_code == 405
    assert "GET" not in client.options("/v1/penalties/late-fee").headers["Allow"]


def test_the_readme_shows_the_real_assess_answer(client):
    """docs/api.md's Penalties section (once the README's): its curl body, sent now, gives exactly the JSON printed there."""
    from pathlib import Path
    import json
    import re

    text = Path(__file__).resolve().parents[2].joinpath("docs", "api.md").read_text("utf-8")  # moved from README.md (issue 20)
    section = text[text.index("## Penalties"):]
    url = re.search(r"localhost:8000(/v1/penalties/\S+/assess)", section).group(1)
    body = json.loads(re.search(r"-d '(\{.*?\})'", section).group(1))
    shown = json.loads(section[section.index("```json\n") + 8:section.index("```", section.index("```json\n") + 8)])
    assert client.post(url, json=body).json == shown


def test_a_violation_and_a_choice_citing_several_texts_carry_every_reference(client):
    # API 1.1: wherever an answer names its basis it carries `cites`. zhian.51-1 rests on 治安管理处罚法
    # 2012 第四十三条 and 2025 第五十一条 (its two versions): the listing and the detail cite both,
    # as the joined v1 text names them.
    want = [("中华人民共和国治安管理处罚法", 2012, 43), ("中华人民共和国治安管理处罚法", 2025, 51)]
    detail = client.get("/v1/penalties/zhian.51-1").json
    item = next(x for x in client.get("/v1/penalties?q=zhian.51-1").json["items"] if x["id"] == "zhian.51-1")
    for j in (detail, item):
        assert j["basis"] == "治安管理处罚法（2012） 第四十三条；治安管理处罚法（2025） 第五十一条"
        assert [(c["law"], c["edition"], c["article"]) for c in j["cites"]] == want
    # zhian.27-1 was no offence under the 2012 text: an act and decision of 2025-06-01 cite 行政处罚法
    # 第三十七条 (从旧) and the 2012 text that did not punish it
    v = assess(client, "zhian.27-1", act_date="2025-06-01", decision_date="2025-06-01").json["version"]
    assert v["basis"] == "行政处罚法（2021） 第三十七条；治安管理处罚法（2012）"
    assert [(c["law"], c["edition"], c["article"]) for c in v["cites"]] == [
        ("中华人民共和国行政处罚法", 2021, 37), ("中华人民共和国治安管理处罚法", 2012, None)]
