"""Issue 15: the corrections found by reading the schedules against ../shared/laws (LAW.md,
"Corrections"). Each expected value is worked by hand from the text named in its comment and the
2026 State Council notice (国办发明电〔2025〕7号: 国庆 10/1-10/7, 9/20 Sun and 10/10 Sat worked;
中秋 9/25-9/27), never from the code under test.
"""
import datetime as dt
from decimal import Decimal

import pytest

from calc import penalties as pen
from calc import timelines as T
from calc.errors import InvalidInput
from tests.timeline_inputs import dues, run, stage  # noqa: F401 (run is a fixture)

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


# ---------------------------------------------------------------- backward periods: whose duty


def test_the_assembly_decision_notice_is_the_authoritys_duty_and_is_not_moved(run):
    # 集会游行示威法 第九条: "应当在申请举行日期的二日前，将许可或者不许可的决定书面通知其负责人…
    # 逾期不通知的，视为许可". Event 2026-10-09 (Fri): two days before = 10/07, the last day of the
    # 国庆 break. The duty is the authority's: the day stays 10/07 and the answer says it is a holiday.
    # 第八条 (the applicant's 五日前): 10/04, a holiday -> the party's latest day moves back to 9/30 (Wed).
    # 第十三条 appeal: three days from the notice 10/07 -> 10/10 (Sat, a worked day); answer 3 days -> 10/13.
    t = run("assembly-procession", D(2026, 10, 9))
    assert dues(t) == {"application": D(2026, 9, 30), "decision": D(2026, 10, 7),
                       "appeal": D(2026, 10, 10), "appeal-decision": D(2026, 10, 13)}
    last = stage(t, "decision").steps[-1]
    assert "机关的义务" in last.rule and "10-07" in last.rule and "国庆" in last.rule
    assert any("提前至此前最后一个工作日" in s.rule for s in stage(t, "application").steps)


def test_a_backward_duty_must_be_named_party_or_authority(schedules, book, rules):
    from calc.periods import Period, due
    with pytest.raises(InvalidInput) as err:
        due(D(2026, 10, 9), Period(2, "days", "before", duty="court"), book, rules)
    assert err.value.field == "duty"


# ---------------------------------------------------------------- public-order-case


def test_the_2012_text_delivers_within_two_days_and_excludes_appraisal(run):
    # 治安管理处罚法（2012） 第九十七条第一款: "无法当场向被处罚人宣告的，应当在二日内送达被处罚人";
    # 第九十九条第二款: appraisal time not counted. 受理 2025-06-02 (Mon): 30 days -> 7/2 (Wed),
    # delivery 2 days -> 7/4 (Fri). Appraisal 6/10-6/19 (10 days) not counted: 6/3-6/9 count (7),
    # 23 more from 6/19 -> 7/12 (Sat) -> 7/14 (Mon); delivery 2 days -> 7/16 (Wed).
    t = run("public-order-case", D(2025, 6, 2))
    assert dues(t) == {"decision": D(2025, 7, 2), "delivery": D(2025, 7, 4)}
    t = run("public-order-case", D(2025, 6, 2), pauses={"decision": [T.DateRange(D(2025, 6, 10), D(2025, 6, 19), "")]})
    assert dues(t) == {"decision": D(2025, 7, 14), "delivery": D(2025, 7, 16)}
    assert stage(t, "delivery").basis == "治安管理处罚法（2012） 第九十七条第一款"


def test_the_2025_text_excludes_the_hearing_and_a_police_station_asks_its_own_bureau(run):
    # 治安管理处罚法（2025） 第一百一十八条: "公安派出所办理的案件需要延长期限的，由所属公安机关批准";
    # 第二款: "鉴定的期间、听证的期间，不计入". 立案 2026-03-02: hearing 3/10-3/12 not counted:
    # 3/3-3/9 count (7), 23 more from 3/12 -> 4/4 (Sat, 清明 4/4-4/6) -> 4/7 (Tue).
    t = run("public-order-case", D(2026, 3, 2), pauses={"decision": [T.DateRange(D(2026, 3, 10), D(2026, 3, 12), "听证")]})
    assert stage(t, "decision").due == D(2026, 4, 7)
    ext = stage(t, "decision").stage.extension
    assert "公安派出所办理的案件需要延长期限的，由所属公安机关批准" in ext.condition and ext.times == 2
    assert "听证的期间" in stage(t, "decision").stage.pauses.reason


def test_the_public_order_case_says_why_the_version_follows_the_start_date(run):
    t = run("public-order-case", D(2025, 12, 20))
    remark = next(n for n in t.notes if n.code == "remark")
    assert "自该日起算" in remark.text and "程序从新" in remark.text


# ---------------------------------------------------------------- hearing right, on-the-spot limits


def test_a_fine_under_hebeis_own_rule_takes_the_local_hearing_amount(p):
    # 公安机关办理行政案件程序规定 第一百二十三条第二款: "对依据地方性法规或者地方政府规章作出的罚款处罚，
    # 适用听证的罚款数额按照地方规定执行". seal.unrecorded rests on 河北省印章刻制治安管理办法 (a local
    # government rule): 5,000-30,000 for an organisation is not judged against the national 10,000;
    # the county data gives no Hebei amount, so the answer says the local amount decides.
    a = pen.assess(p, "seal.unrecorded", D(2026, 3, 2), D(2026, 3, 20), "organization")
    h = a.procedure["hearing"]
    assert h.status == "depends" and h.limit is None
    assert "地方规定" in h.explanation and "第一百二十三条第二款" in h.basis
    # a national rule (典当管理办法, a ministry rule) keeps 程序规定's 2,000/10,000
    b = pen.assess(p, "pawn.unreported-suspect", D(2026, 3, 2), D(2026, 3, 20), "organization")
    assert b.procedure["hearing"].limit == 10000


def test_a_local_hearing_amount_given_by_the_county_decides(p):
    import dataclasses
    reg = p.regimes["administrative-local"]
    given = dataclasses.replace(reg.hearing[0], min_fine={"individual": Decimal(1000), "organization": Decimal(5000)})
    local = dataclasses.replace(reg, hearing=(given,))
    a = pen.assess(p, "seal.unrecorded", D(2026, 3, 2), D(2026, 3, 20), "organization")
    # 5,000-30,000 against a local 5,000 (以上 includes it): a hearing right in every case
    h = pen.hearing_fact(local, a.outcome, D(2026, 3, 20))
    assert (h.status, h.limit) == ("yes", 5000)


def test_on_the_spot_limits_of_the_procedure_rules_are_shown_beside_the_law(p):
    # 行政处罚法（2021） 第五十一条: 个人200元、单位3000元以下; 程序规定（2018） 第三十七条第一款第（三）项:
    # 个人50元、单位1000元以下. 第六十八条第一项: 100元以下 collected on the spot; 程序规定 第二百一十四条
    # 第一款第（二）项: 20元以下. The law prevails (a law above a ministry rule, and revised later).
    a = pen.assess(p, "border-pass.invalid", D(2026, 3, 2), D(2026, 3, 20), "individual")  # warning or ≤100
    s, c = a.procedure["simplified"], a.procedure["collection"]
    assert s.limit == 200 and s.beside[0][:2] == ("公安机关办理行政案件程序规定（2018） 第三十七条第一款第（三）项", 50)
    assert c.limit == 100 and c.beside[0][1] == 20
    assert "以行政处罚法为准" in s.beside[0][2] and "以行政处罚法为准" in s.note
    # 治安管理处罚法（2025） 第一百一十九条 500 beside 程序规定 第三十七条第一款第（一）项 200;
    # 第一百二十三条 200 beside 第二百一十四条第一款第（一）项 50.
    r = pen.assess(p, "rental.unregistered-tenant", D(2026, 3, 2), D(2026, 3, 20), "individual", ["minor"])
    assert (r.procedure["simplified"].limit, r.procedure["simplified"].beside[0][1]) == (500, 200)
    assert (r.procedure["collection"].limit, r.procedure["collection"].beside[0][1]) == (200, 50)
    assert "以治安管理处罚法为准" in r.procedure["simplified"].beside[0][2]


def test_the_answer_json_lists_the_rule_beside(client):
    r = client.post("/v1/penalties/border-pass.invalid/assess", json={
        "act_date": "2026-03-02", "decision_date": "2026-03-20", "party": "individual"})
    assert r.status_code == 200
    beside = r.json["procedure"]["simplified"]["beside"]
    assert beside[0]["limit"] == 50 and "第三十七条" in beside[0]["basis"]


# ---------------------------------------------------------------- late fee


def test_reconsideration_time_adds_no_surcharge(p):
    # 行政处罚法（2021） 第七十三条第三款: "加处罚款的数额在行政复议或者行政诉讼期间不予计算".
    # Served 2026-03-02: day 15 = 3/17 (Tue). Paid 4/30: 44 days late (3/18-4/30). Reconsideration
    # 3/20-4/19 (31 days) not counted -> 13 days; 1000 x 3% x 13 = 390.
    from calc.periods import DateRange
    f = pen.late_fee(p, Decimal(1000), D(2026, 3, 2), D(2026, 4, 30),
                     not_counted=[DateRange(D(2026, 3, 20), D(2026, 4, 19), "行政复议")])
    assert f.due.due == D(2026, 3, 17)
    assert (f.days_late, f.surcharge) == (13, Decimal("390.00"))
    assert any(s.basis == "行政处罚法（2021） 第七十三条第三款" and "共31日" in s.rule for s in f.steps)
    plain = pen.late_fee(p, Decimal(1000), D(2026, 3, 2), D(2026, 4, 30))
    assert plain.days_late == 44


def test_an_approved_deferral_moves_the_due_date(p):
    # 行政处罚法（2021） 第六十六条第二款: "经当事人申请和行政机关批准，可以暂缓或者分期缴纳".
    # Served 2026-03-02, deferred to 2026-06-30: paid 7/3 -> 3 days late (7/1-7/3); 1000 x 3% x 3 = 90.
    f = pen.late_fee(p, Decimal(1000), D(2026, 3, 2), D(2026, 7, 3), deferred_until=D(2026, 6, 30))
    assert f.due.due == D(2026, 6, 30) and (f.days_late, f.surcharge) == (3, Decimal("90.00"))
    assert any(s.basis == "行政处罚法（2021） 第六十六条第二款" for s in f.steps)
    with pytest.raises(InvalidInput) as err:
        pen.late_fee(p, Decimal(1000), D(2026, 3, 2), D(2026, 7, 3), deferred_until=D(2026, 3, 1))
    assert err.value.field == "deferred_until"


def test_the_late_fee_api_takes_both_and_names_bad_fields(client):
    r = client.post("/v1/penalties/late-fee", json={
        "fine": 1000, "served": "2026-03-02", "paid": "2026-04-30",
        "not_counted": [{"start": "2026-03-20", "end": "2026-04-19", "reason": "行政复议"}]})
    assert r.status_code == 200 and r.json["days_late"] == 13 and r.json["surcharge"] == 390
    r = client.post("/v1/penalties/late-fee", json={
        "fine": 1000, "served": "2026-03-02", "paid": "2026-07-03", "deferred_until": "2026-06-30"})
    assert r.status_code == 200 and r.json["due"] == "2026-06-30" and r.json["days_late"] == 3
    r = client.post("/v1/penalties/late-fee", json={
        "fine": 1000, "served": "2026-03-02", "paid": "2026-07-03", "not_counted": [{"start": "2026-04-02", "end": "2026-04-01"}]})
    assert r.status_code == 422 and "not_counted" in str(r.json["errors"])


# ---------------------------------------------------------------- detox


def test_compulsory_isolation_counts_from_the_decision(run):
    # 戒毒条例 第二十七条第一款: "强制隔离戒毒的期限为2年，自作出强制隔离戒毒决定之日起计算";
    # 第二款: 3-6 months in the PSB's facility. Decision 2026-01-15: earliest transfer 4/15, latest
    # 7/15; two years -> 2028-01-15 (a liberty period: not moved).
    t = run("detox-isolation-psb", D(2026, 1, 15))
    assert "决定" in t.procedure.start_label
    psb, judicial, _ = t.stages
    assert (psb.earliest.date, psb.due, judicial.due) == (D(2026, 4, 15), D(2026, 7, 15), D(2028, 1, 15))
    assert "戒毒条例 第二十七条第二款" in psb.basis and "戒毒条例 第二十七条第一款" in judicial.basis


def test_community_detox_counts_from_reporting_within_15_days(run):
    # 戒毒条例 第十四条: report within 15 days of receiving the decision; 3 years from reporting.
    # Received 2026-03-02: 15 days -> 3/17 (Tue). Not reported yet: the worst case counts from 3/17 ->
    # 2029-03-17. Reported 3/5: 2029-03-05.
    t = run("community-detox", D(2026, 3, 2))
    assert dues(t) == {"report": D(2026, 3, 17), "community-detox": D(2029, 3, 17)}
    t = run("community-detox", D(2026, 3, 2), actual={"report": D(2026, 3, 5)})
    assert t.completion == D(2029, 3, 5)


def test_community_rehabilitation_is_at_most_three_years(run):
    # 禁毒法 第四十八条第一款: "不超过三年的社区康复": the date is the longest term's end
    t = run("compulsory-isolation-detox", D(2026, 3, 1))
    rehab = stage(t, "community-rehabilitation")
    assert "不超过三年" in rehab.stage.title and "最长" in rehab.stage.title
    t = run("detox-isolation-psb", D(2026, 1, 15))
    assert "不超过三年" in stage(t, "rehabilitation").stage.title


# ---------------------------------------------------------------- internet cafés, national texts


@pytest.mark.parametrize("start", [D(2017, 5, 8), D(2020, 6, 1), D(2026, 9, 21)])
def test_national_texts_have_the_licence_first_and_nothing_after_the_final_review(run, start):
    # 2016 (国务院令第666号), 2019 and 2022 第十条(一): 企业营业执照 with the application; 第十一条 ends
    # with the 《网络文化经营许可证》: no registration stage follows.
    t = run("internet-cafe-licence-national", start)
    assert t.stages[0].stage.id == "business-registration" and t.stages[0].stage.kind == "prerequisite"
    # Changed (issue 26): the 2022 and 2024 texts' 第三十二条 puts the PSB's on-site check within 20 WD
    # of opening after the licence; it is counted from the opening day (`event`) and does not hold up
    # the licence. Still no registration stage after the final review.
    licensing = [r for r in t.stages if not r.stage.optional]
    assert licensing[-1].stage.id == "culture-final"
    assert [r.stage.id for r in t.stages[len(licensing):]] in ([], ["security-check"])


def test_the_2019_chain_has_the_fire_check_before_the_final_review(run):
    # 2019 第十一条: culture 20 WD, PSB network security 20 WD, fire approval (消防法 第十五条: 10 WD
    # without a commitment), final 15 WD after both. From 2021-03-01 (Mon): 20 WD -> 3/29 (Mon);
    # 20 WD -> 4/26 (清明 4/3-4/5 off: 3/30-4/2 (4), 4/6-9 (8), 4/12-16 (13), 4/19-23 (18), 4/25 Sun
    # worked (19), 4/26 (20)); fire 10 WD: 4/27-30 (4), (劳动节 5/1-5/5), 5/6-7 (6), 5/8 Sat worked (7),
    # 5/10-12 (10) -> 5/12; final 15 WD: 5/13-14 (2), 5/17-21 (7), 5/24-28 (12), 5/31-6/2 (15) -> 6/2.
    t = run("internet-cafe-licence-national", D(2021, 3, 1))
    assert dues(t) == {"business-registration": D(2021, 3, 1), "culture-preliminary": D(2021, 3, 29),
                       "security-review": D(2021, 4, 26), "fire-safety": D(2021, 5, 12),
                       "culture-final": D(2021, 6, 2)}
    assert "消防法 第十五条" in stage(t, "fire-safety").basis


def test_the_2022_version_says_its_date_in_force_was_not_read(run):
    t = run("internet-cafe-licence-national", D(2022, 4, 1))
    assert "施行日期未能从决定原文核对" in t.version.summary


# ---------------------------------------------------------------- thresholds


def test_a_steamed_bun_with_additive_aluminium_is_unlawful_at_any_level(p):
    # 2014年第8号公告: 硫酸铝钾、硫酸铝铵 not in wheat flour products except fried flour products,
    # batters, coatings and frying mixes; the 100 mg/kg limit is for those. A 包子 at 50 mg/kg: the
    # limit does not apply, aluminium from an additive is unlawful -> referred; a fried product at 50: fine.
    from calc.thresholds import assess_threshold
    t = p.threshold("food.aluminium")
    bun = assess_threshold(t, {"product": "other", "aluminium_mg_per_kg": 50})
    assert not bun.met and sorted(o.referral for o in bun.referrals) == ["administrative", "criminal"]
    assert [r.test.limit for r in bun.tests] == [0] and "2014年第8号公告" in bun.tests[0].test.basis
    fried = assess_threshold(t, {"product": "fried", "aluminium_mg_per_kg": 50})
    assert fried.met and [r.test.limit for r in fried.tests] == [100]
    with pytest.raises(InvalidInput) as err:
        assess_threshold(t, {"aluminium_mg_per_kg": 50})
    assert err.value.field == "facts.product"


def test_below_the_criminal_threshold_an_organiser_from_2026_is_also_an_zhian_case(p):
    # 治安管理处罚法（2025） 第三十四条第一款 (in force 2026-01-01): "组织、领导传销活动的，处十日以上
    # 十五日以下拘留；情节较轻的，处五日以上十日以下拘留" — beside 禁止传销条例 (market regulation).
    from calc.thresholds import assess_threshold
    t = p.threshold("pyramid-selling")
    a = assess_threshold(t, {"members": 12, "levels": 2, "role": "organizer", "act_time": "from_2026"})
    bases = [o.basis for o in a.referrals]
    assert "治安管理处罚法（2025） 第三十四条第一款" in bases and any("禁止传销条例" in b for b in bases)
    psb = next(o for o in a.referrals if o.basis.startswith("治安管理处罚法"))
    assert "十日以上十五日以下拘留" in psb.action and "公安" in psb.authority
    # above the threshold the organiser is a criminal case, and a participant is not an organiser
    assert [o.referral for o in assess_threshold(t, {"members": 30, "levels": 3, "role": "organizer",
                                                     "act_time": "from_2026"}).referrals] == ["criminal"]
    assert all(not o.basis.startswith("治安") for o in
               assess_threshold(t, {"members": 12, "levels": 2, "role": "participant"}).referrals)


# ---------------------------------------------------------------- defaults that fit the case


def test_a_calendar_day_pause_without_a_basis_does_not_cite_the_licensing_law(client):
    # A 30-day 治安 case limit (治安管理处罚法（2025） 第一百一十八条) with appraisal 3/10-3/12 not
    # counted: 3/3-3/9 (7) + 23 from 3/12 -> 4/4 (Sat, 清明 4/4-4/6) -> 4/7. Without a basis the step
    # says none was given; with one, it cites it. 行政许可法 (a licensing law) is never the default.
    body = {"start": "2026-03-02", "amount": 30, "unit": "days",
            "pauses": [{"start": "2026-03-10", "end": "2026-03-12", "reason": "鉴定"}],
            "extension": {"amount": 30, "unit": "days"}}
    r = client.post("/v1/deadlines", json=body)
    assert r.status_code == 200
    pause = next(s for s in r.json["steps"] if "不计入期间" in s["rule"])
    ext = next(s for s in r.json["steps"] if s["rule"].startswith("延长"))
    assert pause["basis"].startswith("—（未给出") and ext["basis"].startswith("—（未给出")
    body["pauses"][0]["basis"] = "治安管理处罚法（2025） 第一百一十八条第二款"
    body["extension"]["basis"] = "治安管理处罚法（2025） 第一百一十八条第一款"
    r = client.post("/v1/deadlines", json=body)
    steps = r.json["steps"]
    assert any(s["basis"] == "治安管理处罚法（2025） 第一百一十八条第二款" for s in steps)
    assert any(s["basis"] == "治安管理处罚法（2025） 第一百一十八条第一款" for s in steps)
    assert not any(s["basis"].startswith("行政许可法") for s in steps)
    # extended: the first count ends 4/4 (清明), not moved, since it is no longer the last day (民法典
    # 第二百零三条); 4/4 + 30 days = 5/4 (劳动节 5/1-5/5) -> 5/6 (Wed). It was 5/7, counted on from the
    # moved 4/7: the law text wins (LAW.md, round three).
    assert r.json["due"] == "2026-05-06"


def test_calc_due_takes_a_pause_basis(capsys):
    from calc import cli
    code = cli.main(["due", "2026-03-02", "30", "days", "--pause", "2026-03-10..2026-03-12",
                     "--pause-basis", "治安管理处罚法（2025） 第一百一十八条第二款", "--json"])
    out = capsys.readouterr().out
    import json
    answer = json.loads(out)
    assert code == 0 and answer["due"] == "2026-04-07"
    assert any(s["basis"] == "治安管理处罚法（2025） 第一百一十八条第二款" for s in answer["steps"])


# ---------------------------------------------------------------- the smaller ones


def test_passport_paragraphs_are_the_texts(run):
    # 护照法 第六条: 第二款 "自收到申请材料之日起十五日内签发普通护照"; 第三款 "…签发时间可以延长至三十日"
    t = run("ordinary-passport", D(2026, 3, 2))
    issue = stage(t, "issue")
    assert issue.basis == "护照法 第六条第二款" and issue.stage.variant("remote").basis == "护照法 第六条第三款"


def test_the_border_pass_rule_names_its_dates_and_rests_on_the_county_list(p):
    v = p.get("border-pass.invalid").versions[0]
    assert "1999年公布，2014年修订" in v.basis and v.rests_on == "county_list"


def test_from_2026_the_seal_fine_answer_names_the_zhian_article_for_not_registering(p):
    # 治安管理处罚法（2025） 第六十九条: "娱乐场所和公章刻制…行业经营者…不登记信息的，处警告；拒不改正或者
    # 造成后果的，对其直接负责的主管人员和其他直接责任人员处五日以下拘留或者三千元以下罚款"
    # Changed (issue 26 item 5): the article is shown beside Hebei's fine, quoted, with why (it was a
    # paraphrase in the basis, "对直接责任人员", where the text says "对其直接负责的主管人员和其他直接责任人员").
    a = pen.assess(p, "seal.unrecorded", D(2026, 3, 2), D(2026, 3, 20), "organization")
    beside = a.choice.applied.beside_on(a.act_date)
    assert any(str(x.basis) == "治安管理处罚法（2025） 第六十九条" and "对其直接负责的主管人员" in x.text for x in beside)
    assert a.choice.applied.rests_on == "county_list"   # Hebei's fine itself rests on the county list
    b = pen.assess(p, "seal.unrecorded", D(2025, 3, 3), D(2025, 4, 1), "organization")
    assert not any("第六十九条" in x.basis for x in b.choice.applied.beside_on(b.act_date))


def test_the_late_fee_page_takes_a_deferral_and_a_review_period(client):
    # the same cases as above, through the page: 13 days late after a 3/20-4/19 reconsideration
    # (1000 x 3% x 13 = 390, total 1390); deferred to 6/30 and paid 7/3: 3 days, 90.
    r = client.get("/penalties/late-fee?fine=1000&served=2026-03-02&paid=2026-04-30"
                   "&review_start=2026-03-20&review_end=2026-04-19")
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and "1390 元" in text and "第七十三条第三款" in text
    r = client.get("/penalties/late-fee?fine=1000&served=2026-03-02&paid=2026-07-03&deferred_until=2026-06-30")
    assert r.status_code == 200 and "1090 元" in r.get_data(as_text=True)
    r = client.get("/penalties/late-fee?fine=1000&served=2026-03-02&paid=2026-07-03&review_start=2026-03-20")
    assert r.status_code == 422 and "同时填写" in r.get_data(as_text=True)


def test_the_deadline_api_and_calc_due_take_whose_duty_a_backward_period_is(client, capsys):
    # 集会游行示威法 第九条 (an authority's duty): 2 days before 2026-10-09 = 10/07 (国庆), kept;
    # the same period as a party's latest day moves back to 9/30 (10/1-10/7 off, 9/30 Wed).
    body = {"start": "2026-10-09", "amount": 2, "unit": "days", "direction": "before"}
    assert client.post("/v1/deadlines", json=body).json["due"] == "2026-09-30"
    r = client.post("/v1/deadlines", json=body | {"duty": "authority"})
    assert r.status_code == 200 and r.json["due"] == "2026-10-07"
    assert "机关的义务" in r.json["steps"][-1]["rule"]
    r = client.post("/v1/deadlines", json=body | {"duty": "court"})
    assert r.status_code == 422 and "duty" in r.json["errors"]
    batch = client.post("/v1/deadlines/batch", json={"items": [body | {"duty": "authority", "steps": False}, body | {"steps": False}]})
    assert [i["due"] for i in batch.json["items"]] == ["2026-10-07", "2026-09-30"]
    from calc import cli
    import json
    assert cli.main(["due", "2026-10-09", "2", "days", "--before", "--duty", "authority", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2026-10-07"
