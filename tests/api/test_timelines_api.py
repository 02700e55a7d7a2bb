"""HTTP contract for /v1/timelines (API.md "Timelines"). Expected dates worked by hand from the
2026 notice (国办发明电〔2025〕7号); see tests/test_timelines.py for the counting."""
import pytest


def post(client, pid, body):
    return client.post(f"/v1/timelines/{pid}", json=body)


def test_list_carries_every_procedure_and_an_etag(client):
    r = client.get("/v1/timelines")
    assert r.status_code == 200 and r.headers["ETag"]
    items = {p["id"]: p for p in r.json["items"]}
    for pid in ("internet-cafe-licence", "internet-cafe-licence-national", "birth-registration",
                "residence-registration", "residence-permit", "detox-isolation-psb", "detox-rehabilitation",
                "urban-conversion-birth-policy", "administrative-licence", "large-event-licence",
                "assembly-procession", "resident-id-card", "temporary-id-card", "ordinary-passport",
                "administrative-penalty", "penalty-hearing", "public-order-case", "summons-questioning",
                "compulsory-isolation-detox", "community-detox"):
        assert pid in items, pid
    cafe = items["internet-cafe-licence"]
    assert [(s["id"], s["authority"], s["amount"], s["unit"]) for s in cafe["stages"]] == [
        ("culture-preliminary", "县文广新体局", 20, "workdays"), ("security-review", "县公安局", 20, "workdays"),
        ("culture-final", "县文广新体局", 15, "workdays"), ("business-registration", "县工商局", None, None)]
    national = items["internet-cafe-licence-national"]
    # issue 26: the 2024 revision (互联网上网服务营业场所管理条例(2024).md), from its decision's date
    assert [v["effective"]["from"] for v in national["versions"]] == ["2016-02-06", "2019-03-24", "2022-03-29",
                                                                      "2024-12-06"]
    assert national["stages"][0]["kind"] == "prerequisite"  # the newest version: business licence first
    for p in items.values():
        for v in p["versions"]:
            assert all(s["basis"] for s in v["stages"])


def test_a_stage_says_its_short_title_and_what_it_issues_as_additions(client):
    # The county list's third stage: 最终审核, at whose end 《网络文化经营许可证》 is issued (发给《网络文化
    # 经营许可证》, the list's own words); the first issues nothing the applicant keeps in hand as the
    # procedure's aim (a 同意筹建 document is not marked); a stage whose title is short is its own label.
    r = post(client, "internet-cafe-licence", {"start": "2026-09-21"})
    assert r.status_code == 200
    labels = [(s["short_title"], s["issues"]) for s in r.json["stages"]]
    assert labels[2] == ("最终审核", "《网络文化经营许可证》") and labels[0] == ("筹建审批", None)
    passport = client.get("/v1/timelines/ordinary-passport").json["stages"][0]
    assert (passport["short_title"], passport["issues"]) == (passport["title"], "普通护照")


def test_list_answers_304_to_its_own_etag(client):
    tag = client.get("/v1/timelines").headers["ETag"]
    again = client.get("/v1/timelines", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag
    one = client.get("/v1/timelines/public-order-case", headers={"If-None-Match": tag})
    assert one.status_code == 304


def test_one_procedure_and_unknown_ids(client):
    r = client.get("/v1/timelines/public-order-case")
    assert r.status_code == 200 and len(r.json["versions"]) == 2
    for method in (client.get, client.post):
        r = method("/v1/timelines/no-such-procedure", json={"start": "2026-01-05"})
        assert r.status_code == 404 and r.json["reason"] == "not_found"


def test_internet_cafe_before_national_day(client):
    r = post(client, "internet-cafe-licence", {"start": "2026-09-21"})
    assert r.status_code == 200
    body = r.json
    assert body["id"] == "internet-cafe-licence" and body["start"] == "2026-09-21"
    stages = {s["id"]: s for s in body["stages"]}
    assert stages["culture-preliminary"]["due"] == "2026-10-26"
    assert stages["security-review"]["start"] == "2026-10-26" and stages["security-review"]["due"] == "2026-11-23"
    assert stages["culture-final"]["due"] == "2026-12-14"
    assert stages["business-registration"]["due"] is None and body["completion"] is None
    first = stages["culture-preliminary"]
    # API 1.1 adds the references beside the v1 basis text (民法典 第二百零一条; 程序规定 第三十五条)
    assert first["steps"][0] == {"rule": "起算日不计入，自次日开始计算", "date": "2026-09-21",
                                 "basis": "民法典 第二百零一条；公安机关办理行政案件程序规定 第三十五条",
                                 "cites": [{"law": "中华人民共和国民法典", "edition": 2020, "article": 201,
                                            "sub_article": None, "paragraph": None, "item": None, "section": None},
                                           {"law": "公安机关办理行政案件程序规定", "edition": 2018, "article": 35,
                                            "sub_article": None, "paragraph": None, "item": None, "section": None}],
                                 "citation": "《中华人民共和国民法典》第二百零一条、《公安机关办理行政案件程序规定》第三十五条"}
    assert first["basis"].startswith("县公安局责任清单 二、1")
    codes = [n["code"] for n in body["notes"]]
    assert "differs_from_national" in codes and "completion_unknown" in codes
    differs = next(n for n in body["notes"] if n["code"] == "differs_from_national")
    # changed (issue 15): the 2022 text's fire check (消防法 第十五条, 10 WD) precedes the final review
    assert differs["details"]["national_completion"] == "2026-11-30"
    assert body["provisional"] is False and body["calendar_years"] == [2026]


def test_actual_dates_shorten_the_chain_and_set_the_status(client):
    r = post(client, "internet-cafe-licence", {"start": "2026-09-21", "actual": {"culture-preliminary": "2026-09-30"},
                                               "as_of": "2026-11-10"})
    stages = {s["id"]: s for s in r.json["stages"]}
    assert stages["culture-preliminary"]["decided"] == "2026-09-30"
    assert stages["culture-preliminary"]["status"] == "decided"
    assert stages["security-review"]["due"] == "2026-11-03" and stages["security-review"]["status"] == "overdue"
    assert stages["culture-final"]["due"] == "2026-11-24"


def test_pause_and_extension_per_stage(client):
    r = post(client, "administrative-licence", {
        "start": "2026-09-21",
        "pauses": {"decision": [{"start": "2026-09-28", "end": "2026-10-09", "reason": "专家评审"}]}})
    decision = r.json["stages"][1]
    assert decision["due"] == "2026-11-02"
    assert decision["pauses"] == [{"start": "2026-09-28", "end": "2026-10-09", "reason": "专家评审"}]
    r = post(client, "administrative-licence", {"start": "2026-09-21", "extensions": {"decision": True}})
    assert r.json["stages"][1]["due"] == "2026-11-09" and r.json["stages"][1]["extension"]["amount"] == 10
    # 治安管理处罚法（2025） 第一百一十八条, extended twice by 30 days: 3/2 + 30 -> 4/1 (Wed); + 30 -> 5/1
    # (劳动节, but no longer the period's last day: not moved, 民法典 第二百零三条); + 30 -> 5/31 (Sun) ->
    # 6/1 (Mon). It was 6/5, counted from 5/6 after moving 5/1: the law text wins (LAW.md, round three).
    r = post(client, "public-order-case", {"start": "2026-03-02", "extensions": {"decision": 60}})
    assert r.json["stages"][0]["due"] == "2026-06-01"


def test_backward_deadline_on_a_weekend(client):
    r = post(client, "large-event-licence", {"start": "2026-06-20"})
    app, review = r.json["stages"]
    assert app["due"] == "2026-05-29" and app["direction"] == "before"
    assert review["due"] == "2026-06-05" and r.json["completion"] == "2026-06-05"


def test_hour_periods_take_a_datetime(client):
    r = post(client, "summons-questioning", {"start": "2026-02-16T20:30", "variants": {"questioning": "detention"}})
    assert r.status_code == 200
    stage = r.json["stages"][0]
    assert stage["due"] == "2026-02-17T20:30" and stage["unit"] == "hours"
    assert stage["variant"]["code"] == "detention" and r.json["completion"] == "2026-02-17T20:30"
    r = post(client, "summons-questioning", {"start": "2026-02-16"})
    assert r.status_code == 422 and "start" in r.json["errors"]


def test_public_order_case_limit_by_date(client):
    old = post(client, "public-order-case", {"start": "2025-12-31"}).json
    new = post(client, "public-order-case", {"start": "2026-01-01"}).json
    assert old["stages"][0]["due"] == "2026-01-30" and "2012" in old["version"]["label"]
    assert new["stages"][0]["due"] == "2026-02-02" and new["version"]["effective"]["from"] == "2026-01-01"


def test_calendar_gap_and_provisional(client):
    r = post(client, "internet-cafe-licence", {"start": "2026-11-02"})
    assert r.status_code == 422 and r.json["reason"] == "calendar_gap" and r.json["year"] == 2027
    r = post(client, "internet-cafe-licence", {"start": "2026-11-02", "provisional": True})
    assert r.status_code == 200
    assert r.json["stages"][2]["due"] == "2027-01-19"
    assert r.json["provisional"] is True and r.json["calendar_years"] == [2026, 2027]
    assert any(n["code"] == "provisional" for n in r.json["notes"])


@pytest.mark.parametrize("body, field", [
    ({"start": "2026-02-30"}, "start"),
    ({"start": "26-9-21"}, "start"),
    ({}, "start"),
    ({"start": "2026-09-21", "actual": {"culture-preliminary": "2026-13-01"}}, "actual"),
    ({"start": "2026-09-21", "actual": {"security-review": "2026-10-20"}}, "actual.security-review"),
    ({"start": "2026-09-21", "actual": {"no-such-stage": "2026-10-20"}}, "actual.no-such-stage"),
    ({"start": "2026-09-21", "pauses": {"no-such-stage": []}}, "pauses.no-such-stage"),
    ({"start": "2026-09-21", "pauses": {"culture-final": [{"start": "2026-10-01", "end": "2026-10-02"}]}},
     "pauses.culture-final"),
    ({"start": "2026-09-21", "extensions": {"culture-final": True}}, "extensions.culture-final"),
    ({"start": "2026-09-21", "extensions": {"culture-final": "yes"}}, "extensions"),
    ({"start": "2026-09-21", "variants": {"culture-final": "fast"}}, "variants.culture-final"),
    ({"start": "2026-09-21", "colour": "red"}, "colour"),
    ({"start": "2015-06-01"}, None),  # county list has one version: any date is fine
])
def test_bad_input_is_a_422_naming_the_field(client, body, field):
    r = post(client, "internet-cafe-licence", body)
    if field is None:
        assert r.status_code == 200
        return
    assert r.status_code == 422, r.json
    assert field in r.json["errors"], r.json


def test_a_date_before_any_encoded_version_is_refused(client):
    r = post(client, "internet-cafe-licence-national", {"start": "2010-05-04"})
    assert r.status_code == 422 and "start" in r.json["errors"]


def test_hearing_notice_counts_back_from_the_event(client):
    r = post(client, "penalty-hearing", {"start": "2026-09-30", "event": "2026-10-20"})
    assert [s["due"] for s in r.json["stages"]] == ["2026-10-13", "2026-10-10"]
    r = post(client, "administrative-licence", {"start": "2026-09-21", "event": "2026-10-20"})
    assert r.status_code == 422 and "event" in r.json["errors"]


def test_extension_false_means_none_and_zero_is_refused(client):
    r = post(client, "administrative-licence", {"start": "2026-09-21", "extensions": {"decision": False}})
    assert r.status_code == 200 and r.json["stages"][1]["due"] == "2026-10-26"
    r = post(client, "administrative-licence", {"start": "2026-09-21", "extensions": {"decision": 0}})
    assert r.status_code == 422 and "extensions" in r.json["errors"]
