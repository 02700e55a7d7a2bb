"""The 治安管理处罚法 catalogue over HTTP: API.md "Additions in version 1" (bands with detention and
combination, circumstances per violation, 422 on an unknown code, lookup by article, GET /v1/laws)."""
import pytest

from calc.api import create_app
from tests.zhian_overlay import load_with_fixture


@pytest.fixture(scope="module")
def zclient(tmp_path_factory):
    loaded = load_with_fixture(tmp_path_factory.mktemp("zhian"))
    return create_app({"TESTING": True}, loaded=loaded).test_client()


def assess(client, vid, **body):
    body = {"act_date": "2025-11-01", "decision_date": "2026-02-02", "party": "individual"} | body
    return client.post(f"/v1/penalties/{vid}/assess", json=body)


def test_bands_carry_detention_and_combination(zclient):
    j = zclient.get("/v1/penalties/zhian.58-1").json
    v2012, v2025 = j["versions"]
    # 2025 第五十八条: 五日以上十日以下拘留或者二千元以下罚款
    base = v2025["bands"][0]
    assert base["detention"] == {"min": 5, "max": 10} and base["combination"] == "or"
    assert base["fine"] == {"min": 0, "max": 2000} and base["detention_days_max"] == 10
    # 2012 第四十九条: …，可以并处五百元以下罚款
    assert v2012["bands"][0]["combination"] == "and_optional" and v2012["bands"][0]["fine_optional"] is True
    assert j["section"].startswith("第三章第三节") and v2025["punishable"] is True


def test_a_ceiling_only_detention_has_min_1_and_a_fine_only_band_no_combination(zclient):
    # 2012 第五十七条第二款: 情节严重的，处五日以下拘留，可以并处五百元以下罚款 (old file: fine_optional)
    v2012 = zclient.get("/v1/penalties/rental.unreported-tenant-crime").json["versions"][0]
    base, serious = v2012["bands"]
    assert serious["detention"] == {"min": 1, "max": 5} and serious["combination"] == "and_optional"
    assert base["detention"] is None and base["combination"] is None


def test_detail_lists_the_codes_it_understands(zclient):
    codes = [c["code"] for c in zclient.get("/v1/penalties/zhian.51-1").json["circumstances"]]
    assert codes[:5] == ["minor", "gang", "vulnerable_victim", "repeated", "many_victims"]
    assert "over_70" in codes and "base" not in codes


def test_an_unknown_code_is_422_naming_the_field(zclient):
    r = assess(zclient, "zhian.58-1", circumstances=["grave"])
    assert r.status_code == 422 and "circumstances" in r.json["errors"]


def test_theft_answer_says_which_comparison_decided_and_what_would_switch_it(zclient):
    j = assess(zclient, "zhian.58-1").json
    assert j["version"]["rule"] == "decision_time_lighter"
    assert j["version"]["comparison"]["decided_by"] == "heaviest"
    assert [c["severity"]["heaviest"]["added_fine"] for c in j["version"]["compared"]] == [500, 0]
    assert [c["text"][:4] for c in j["version"]["compared"]] == ["盗窃、诈", "盗窃、诈"]
    assert j["switches"][0]["code"] == "serious" and "适用旧法" in j["switches"][0]["message"]
    assert {g["id"] for g in j["general"]} >= {"combined-execution", "detention-not-executed", "decision-authority"}


def test_not_punishable_under_the_act_time_law(zclient):
    j = assess(zclient, "zhian.35-1").json
    assert j["punishable"] is False and j["bands"] == [] and "不认为是违法的" in j["version"]["reason"]
    assert j["version"]["applied"]["punishable"] is False
    assert zclient.get("/v1/penalties/zhian.35-1").json["versions"][0]["punishable"] is False


def test_lookup_by_law_and_article(zclient):
    r = zclient.get("/v1/penalties?law=治安管理处罚法（2025）&article=51")
    assert r.status_code == 200 and {i["id"] for i in r.json["items"]} == {"zhian.51-1"}
    r = zclient.get("/v1/penalties?law=治安管理处罚法（2025）&article=68")
    assert {i["id"] for i in r.json["items"]} == {"rental.unregistered-tenant", "rental.unreported-tenant-crime"}
    r = zclient.get("/v1/penalties?law=治安管理处罚法（2012）&article=49")
    assert {i["id"] for i in r.json["items"]} >= {"zhian.58-1", "zhian.59-1"}
    assert zclient.get("/v1/penalties?law=治安管理处罚法（2025）&article=999").json["items"] == []


@pytest.mark.parametrize("query, field", [("law=治安管理处罚法（2025）", "article"), ("article=51", "law"),
                                          ("law=治安管理处罚法（2025）&article=x", "article")])
def test_lookup_needs_both_law_and_an_integer_article(zclient, query, field):
    r = zclient.get(f"/v1/penalties?{query}")
    assert r.status_code == 422 and field in r.json["errors"]


def test_search_finds_colloquial_words(zclient):
    ids = {i["id"] for i in zclient.get("/v1/penalties?q=偷东西").json["items"]}
    assert "zhian.58-1" in ids


def test_laws_lists_both_texts_of_the_public_order_law(client):
    r = client.get("/v1/laws")
    assert r.status_code == 200 and r.headers["ETag"]
    law = next(x for x in r.json["items"] if x["name"] == "治安管理处罚法")
    assert law["title"] == "中华人民共和国治安管理处罚法"
    assert [(v["name"], v["effective"]) for v in law["versions"]] == [
        ("治安管理处罚法（2012）", {"from": "2006-03-01", "until": "2025-12-31"}),
        ("治安管理处罚法（2025）", {"from": "2026-01-01", "until": None})]


def test_every_law_with_a_year_cited_by_a_violation_is_in_the_laws_list(zclient, schedules):
    listed = {v["name"] for x in zclient.get("/v1/laws").json["items"] for v in x["versions"]}
    cited = {c.cited_as for v in schedules.penalties.violations.values() for b in v.bases()
             for c in b.cites if c.law.name == "治安管理处罚法" and c.edition is not None}
    assert cited and cited <= listed


def test_caps_are_enforced(zclient):
    r = assess(zclient, "zhian.58-1", circumstances=["serious"] * 31)
    assert r.status_code == 422 and "circumstances" in r.json["errors"]
    r = zclient.get("/v1/penalties?law=" + "法" * 101 + "&article=51")
    assert r.status_code == 422 and "law" in r.json["errors"]
