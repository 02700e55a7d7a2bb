"""当场处罚 and 当场收缴 turn on the penalty decided (issue 26 item 2): "depends" wherever the band
allows a decision within the limit, naming it; "no" only where every decision the band allows is
outside it. Each case is worked by hand from the texts in ../shared/laws:

- 治安管理处罚法（2025） 第一百一十九条: "处警告或者五百元以下罚款的，可以当场作出治安管理处罚决定";
  第一百二十三条: "但是，有下列情形之一的，人民警察可以当场收缴罚款：（一）被处二百元以下罚款，被处罚人
  对罚款无异议的" — any fine, however decided (the article is in 第三节 执行);
- 2012 text: 第一百条 (警告或者二百元以下), 第一百零四条 (被处五十元以下罚款);
- 行政处罚法（2021） 第五十一条 (公民二百元、法人或者其他组织三千元以下罚款或者警告), 第六十八条
  ("依照本法第五十一条的规定当场作出行政处罚决定，有下列情形之一…（一）依法给予一百元以下罚款的");
- 公安机关办理行政案件程序规定（2018修正） 第三十七条第二款: "涉及卖淫、嫖娼、赌博、毒品的案件，不适用当场处罚。"
以上、以下 include the number (治安管理处罚法（2025） 第一百四十三条).
"""
from __future__ import annotations

import datetime as dt

import pytest

from calc import penalties as pen
from calc.answers.penalties import assessment_json

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def facts(p, vid, act, decision, circ=(), party="individual"):
    a = pen.assess(p, vid, act, decision, party, list(circ))
    return a.procedure["simplified"], a.procedure["collection"]


def test_detention_or_fine_is_on_the_spot_when_a_fine_within_500_is_decided(p):
    # 2025 第五十一条第一款 情节较轻: "处五日以下拘留或者一千元以下罚款". Two decisions: detention (never on
    # the spot), or a fine of 0-1,000 yuan, of which 0-500 is within 第一百一十九条 and 0-200 within
    # 第一百二十三条第（一）项.
    s, c = facts(p, "zhian.51-1", D(2026, 3, 1), D(2026, 3, 10), ["minor"])
    assert (s.status, s.limit) == ("depends", 500)
    assert [(q.detention, q.warning, q.fine.min, q.fine.max) for q in s.qualifying] == [(False, False, 0, 500)]
    assert "500元以下罚款" in s.explanation and "拘留" in s.explanation
    assert (c.status, c.limit) == ("depends", 200) and "200元以下罚款" in c.explanation
    assert "第一百二十三条" in c.basis


def test_the_same_band_under_the_2012_text_decided_in_2025(p):
    # 2012 第四十三条第一款 情节较轻: "处五日以下拘留或者五百元以下罚款"; decided 2025-03-10, so 第一百条
    # (警告或者二百元以下) and 第一百零四条 (五十元以下) decide: a fine of 0-200 on the spot, 0-50 collected.
    s, c = facts(p, "zhian.51-1", D(2025, 3, 1), D(2025, 3, 10), ["minor"])
    assert (s.status, s.limit, s.qualifying[0].fine.max) == ("depends", 200, 200) and "第一百条" in s.basis
    assert (c.status, c.limit, c.qualifying[0].fine.max) == ("depends", 50, 50) and "第一百零四条" in c.basis


def test_detention_or_warning_depends_and_has_nothing_to_collect(p):
    # 2025 第四十九条第二款: "处五日以下拘留或者警告": a warning may be decided on the spot; no fine at all.
    s, c = facts(p, "zhian.49-2", D(2026, 3, 1), D(2026, 3, 10))
    assert s.status == "depends" and [(q.warning, q.fine) for q in s.qualifying] == [(True, None)]
    assert "警告" in s.explanation
    assert c.status == "no"


def test_a_fine_added_to_detention_is_collected_on_the_spot_but_the_decision_is_not(p):
    # 2025 第二十六条第一款 情节较重: "处五日以上十日以下拘留，可以并处一千元以下罚款": every decision
    # includes detention (no on-the-spot decision); a fine of up to 200 added to it may still be
    # collected under 第一百二十三条第（一）项, which does not ask how the fine was decided.
    s, c = facts(p, "zhian.26-1", D(2026, 3, 1), D(2026, 3, 10), ["serious"])
    assert s.status == "no" and s.qualifying == ()
    assert c.status == "depends" and [(q.detention, q.fine.max) for q in c.qualifying] == [(True, 200)]
    assert "拘留并处200元以下罚款" in c.explanation


def test_a_band_whose_least_fine_is_above_the_limit_is_no(p):
    # 2025 第三十五条: "处五日以上十日以下拘留或者一千元以上三千元以下罚款": detention, or at least 1,000
    # yuan: nothing within 500 (第一百一十九条) or 200 (第一百二十三条).
    s, c = facts(p, "zhian.35-1", D(2026, 3, 1), D(2026, 3, 10))
    assert s.status == "no"
    assert c.status == "no" and "1000" in c.explanation


def test_a_fixed_range_qualifies_only_at_its_floor(p):
    # 2025 第六十八条第一款: "处五百元以上一千元以下罚款": only a fine of exactly 500 is within 第一百一十九条.
    s, c = facts(p, "rental.unregistered-tenant", D(2026, 3, 1), D(2026, 3, 10))
    assert s.status == "depends" and (s.qualifying[0].fine.min, s.qualifying[0].fine.max) == (500, 500)
    assert "500元罚款" in s.explanation
    assert c.status == "no"


def test_drug_cases_are_never_decided_on_the_spot(p):
    # 2025 第八十四条第一款 情节较轻 "五日以下拘留或者一千元以下罚款" would allow a fine within 500, but
    # 程序规定 第三十七条第二款 takes 毒品 cases out of the on-the-spot procedure. Collection (第一百二十三条)
    # is not a procedure of deciding and stays possible for a fine within 200.
    s, c = facts(p, "zhian.84-1", D(2026, 3, 1), D(2026, 3, 10), ["minor"])
    assert s.status == "no" and "第三十七条第二款" in s.basis and "毒品" in s.explanation
    assert c.status == "depends"
    gamble, _ = facts(p, "zhian.82-1", D(2026, 3, 1), D(2026, 3, 10))  # 2025 第八十二条: 五日以下拘留或者一千元以下罚款
    assert gamble.status == "no" and "赌博" in gamble.explanation
    other, _ = facts(p, "zhian.40-2", D(2026, 3, 1), D(2026, 3, 10))  # 2025 第四十条第二款, the same band, not excluded
    assert other.status == "depends"


def test_outside_public_order_cases_collection_follows_only_an_on_the_spot_decision(p):
    # seal.unfiled-change (the county list): "处警告或者二百元以上一千元以下的罚款". An individual: 第五十一条
    # allows a warning or a fine of exactly 200; 第六十八条第（一）项 only 100 or less, so nothing the band
    # allows can be collected on the spot (before: "depends").
    s, c = facts(p, "seal.unfiled-change", D(2026, 3, 1), D(2026, 3, 10))
    assert s.status == "depends" and "警告或者200元罚款" in s.explanation
    assert c.status == "no" and "200" in c.explanation and "第六十八条" in c.basis
    # an organisation: 3,000 on the spot, so every decision qualifies; still nothing within 100
    s, c = facts(p, "seal.unfiled-change", D(2026, 3, 1), D(2026, 3, 10), party="organization")
    assert s.status == "yes" and c.status == "no"


def test_warning_or_fine_within_the_limit_stays_yes(p):
    # 2025 第二十六条第一款: "处警告或者五百元以下罚款": every decision is within 第一百一十九条.
    s, c = facts(p, "zhian.26-1", D(2026, 3, 1), D(2026, 3, 10))
    assert s.status == "yes"
    assert c.status == "depends"  # a fine above 200 cannot be collected on the spot


def test_the_answer_documents_the_qualifying_decisions(client):
    r = client.post("/v1/penalties/zhian.51-1/assess", json={
        "act_date": "2026-03-01", "decision_date": "2026-03-10", "party": "individual", "circumstances": ["minor"]})
    assert r.status_code == 200
    s = r.json["procedure"]["simplified"]
    assert s["status"] == "depends"
    assert s["qualifying"] == [{"detention": False, "warning": False, "fine": {"min": 0, "max": 500}}]
    assert r.json["procedure"]["hearing"]["qualifying"] == []


def test_the_status_enum_is_documented(client):
    spec = client.get("/openapi.json").json
    status = spec["components"]["schemas"]["PenaltyFactOut"]["properties"]["status"]
    assert status["enum"] == ["yes", "no", "depends", "unknown"] and "depends" in status["description"]


def test_a_json_answer_keeps_every_v1_key(p):
    a = pen.assess(p, "zhian.51-1", D(2026, 3, 1), D(2026, 3, 10), "individual", ["minor"])
    fact = assessment_json(a)["procedure"]["simplified"]
    assert {"status", "explanation", "basis", "cites", "citation", "limit", "note", "beside"} <= set(fact)


# ------------------------------------------------------------ the keys of the data, checked at start-up


def _regimes_with(schedules, mutate):
    import copy
    import tomllib

    from calc import schedules as sched
    from calc.nodes import Source
    from tests.test_penalties import load_with  # noqa: F401  (the same loader the other schedule tests use)

    path = schedules.root / "penalties" / "procedure.toml"
    data = copy.deepcopy(tomllib.loads(path.read_text("utf-8")))
    mutate(data)
    sources = [s for s in sched.sources(schedules.root, "penalties") if s.name != "penalties/procedure.toml"]
    return pen.load([*sources, Source("penalties/procedure.toml", data)],
                    {"calendar": schedules.calendar, "rules": schedules.rules})


@pytest.mark.parametrize("mutate, key", [
    (lambda d: d["regime"][0]["simplified"][0].update(after_simplified=True), "after_simplified"),
    (lambda d: d["regime"][0]["collection"][0].update(excludes={"kinds": ["赌博"], "basis": "某规定"}), "excludes"),
    (lambda d: d["regime"][3]["simplified"][1]["excludes"].update(kinds=[]), "kinds"),
])
def test_a_bad_procedure_key_names_itself(schedules, mutate, key):
    from calc.errors import ScheduleError

    with pytest.raises(ScheduleError) as err:
        _regimes_with(schedules, mutate)
    assert key in err.value.key or key in err.value.problem


def test_a_bad_case_kind_names_the_key(schedules):
    from calc.errors import ScheduleError
    from tests.test_penalties import base_violation, load_with

    with pytest.raises(ScheduleError) as err:
        load_with(schedules, "penalties/zz-test.toml", base_violation(case_kinds=[""]))
    assert "case_kinds" in err.value.key or "case_kinds" in err.value.problem
