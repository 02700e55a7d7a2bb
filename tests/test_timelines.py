"""Procedure timelines, worked by hand from the laws and the 2026 State Council notice.

2026 (国办发明电〔2025〕7号): 元旦 1/1-1/3, work 1/4 (Sun); 春节 2/15-2/23, work 2/14 (Sat) and 2/28
(Sat); 清明 4/4-4/6; 劳动节 5/1-5/5, work 5/9 (Sat); 端午 6/19-6/21; 中秋 9/25-9/27; 国庆 10/1-10/7,
work 9/20 (Sun) and 10/10 (Sat). Weekdays: 1/1 Thu, 2/1 Sun, 3/1 Sun, 4/1 Wed, 5/1 Fri, 6/1 Mon,
7/1 Wed, 8/1 Sat, 9/1 Tue, 10/1 Thu, 11/1 Sun, 12/1 Tue; 2027-01-01 Fri.
"""
import datetime as dt
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import timelines as T
from calc.errors import CalendarGap, InvalidInput, NotFound, ScheduleError
from calc.periods import DateRange
from calc.schedules import Source
from tests.timeline_inputs import dues, estimate_with

D = dt.date


@pytest.fixture(scope="module")
def tl(schedules):
    return schedules.timelines


@pytest.fixture(scope="module")
def run(tl, book, rules):
    def go(pid, start, **kw):
        return estimate_with(tl, pid, start, book, rules, **kw)
    return go


def starts(t):
    return {r.stage.id: r.start for r in t.stages}


def note(t, code):
    found = [n for n in t.notes if n.code == code]
    assert found, f"no note {code}: {[n.code for n in t.notes]}"
    return found[0]


# ---------------------------------------------------------------- the internet café, county list

def test_internet_cafe_from_before_the_spring_festival(run):
    # 2/2 (Mon) + 20 WD: 2/3-6 (4), 2/9-13 (9), 2/14 Sat worked (10), 2/15-23 off, 2/24-27 (14),
    # 2/28 Sat worked (15), 3/2-6 (20) -> 3/6. Then 3/9 … 4/3 (20, before 清明 4/4-4/6).
    # Then 4/7-10 (4), 4/13-17 (9), 4/20-24 (14), 4/27 (15).
    t = run("internet-cafe-licence", D(2026, 2, 2))
    assert dues(t) == {"culture-preliminary": D(2026, 3, 6), "security-review": D(2026, 4, 3),
                       "culture-final": D(2026, 4, 27), "business-registration": None}
    assert starts(t)["security-review"] == D(2026, 3, 6)
    assert starts(t)["culture-final"] == D(2026, 4, 3)
    assert starts(t)["business-registration"] == D(2026, 4, 27)
    assert t.completion is None
    assert "2026-04-27" in note(t, "completion_unknown").text


def test_internet_cafe_from_before_national_day(run):
    # 9/21 (Mon) + 20 WD skips 中秋 9/25 and 国庆 10/1-10/7, counts Sat 10/10 -> 10/26;
    # 10/27 … 11/23 (20); 11/24 … 12/14 (15).
    t = run("internet-cafe-licence", D(2026, 9, 21))
    assert dues(t)["culture-preliminary"] == D(2026, 10, 26)
    assert dues(t)["security-review"] == D(2026, 11, 23)
    assert dues(t)["culture-final"] == D(2026, 12, 14)
    first = t.stages[0]
    assert first.steps[0].rule == "起算日不计入，自次日开始计算"
    assert "国庆节" in first.steps[-1].rule and "10-10" in first.steps[-1].rule
    assert "国办发明电〔2025〕7号" in first.steps[-1].basis
    assert first.basis.startswith("县公安局责任清单 二、1")
    assert t.calendar_years == (2026,) and t.provisional is False


def test_internet_cafe_in_an_ordinary_month(run):
    # 7/1 (Wed): 7/29 (20 WD), 8/26 (20 WD), 9/16 (15 WD): no holiday, Monday-Friday only.
    t = run("internet-cafe-licence", D(2026, 7, 1))
    assert dues(t) == {"culture-preliminary": D(2026, 7, 29), "security-review": D(2026, 8, 26),
                       "culture-final": D(2026, 9, 16), "business-registration": None}
    assert t.stages[1].steps[-1].basis == "期间内无节假日调整，按周一至周五计算"


def test_a_stage_decided_early_shortens_the_chain(run):
    # Culture bureau decides on 9/30: the PSB's 20 WD run 10/8, 10/9, 10/10 (Sat, worked), 10/12 … 11/3;
    # final review 11/4 … 11/24 instead of 12/14.
    t = run("internet-cafe-licence", D(2026, 9, 21), actual={"culture-preliminary": D(2026, 9, 30)})
    first = t.stages[0]
    assert first.due == D(2026, 10, 26) and first.decided == D(2026, 9, 30) and first.status == "decided"
    assert starts(t)["security-review"] == D(2026, 9, 30)
    assert dues(t)["security-review"] == D(2026, 11, 3)
    assert dues(t)["culture-final"] == D(2026, 11, 24)


def test_the_business_licence_date_given_completes_the_county_chain(run):
    t = run("internet-cafe-licence", D(2026, 9, 21), actual={"business-registration": D(2026, 12, 18)})
    assert t.completion == D(2026, 12, 18)
    assert not [n for n in t.notes if n.code == "completion_unknown"]


def test_a_late_decision_is_marked_late_and_an_open_one_overdue(run):
    t = run("internet-cafe-licence", D(2026, 9, 21), actual={"culture-preliminary": D(2026, 10, 28)},
            as_of=D(2026, 12, 1))
    assert t.stages[0].status == "late"
    # PSB from 10/28: 10/29 … 11/25 (20 WD); on 12/1 it is overdue.
    assert t.stages[1].due == D(2026, 11, 25) and t.stages[1].status == "overdue"
    assert t.stages[2].status == "open"


def test_an_actual_date_before_the_stage_start_is_refused(run):
    with pytest.raises(InvalidInput) as err:
        run("internet-cafe-licence", D(2026, 9, 21), actual={"security-review": D(2026, 10, 20)})
    assert err.value.field == "actual.security-review"


def test_unknown_stage_ids_are_refused_naming_the_field(run):
    for name in ("actual", "pauses", "extensions", "variants"):
        value = {"actual": D(2026, 10, 1), "pauses": [], "extensions": True, "variants": "x"}[name]
        with pytest.raises(InvalidInput) as err:
            run("internet-cafe-licence", D(2026, 9, 21), **{name: {"no-such-stage": value}})
        assert err.value.field == f"{name}.no-such-stage"


def test_unknown_procedure_is_not_found(run):
    with pytest.raises(NotFound):
        run("no-such-procedure", D(2026, 9, 21))


def test_a_chain_into_2027_needs_the_provisional_calendar(run):
    # 11/2 (Mon): 11/30 (20 WD), 12/28 (20 WD); the final 15 WD run into 2027, not yet published.
    with pytest.raises(CalendarGap) as err:
        run("internet-cafe-licence", D(2026, 11, 2))
    assert err.value.year == 2027
    # Provisional 2027: 元旦 1/1 (Fri) only, no 调休: 12/29-31 (3), 1/4-8 (8), 1/11-15 (13), 1/18-19 (15).
    t = run("internet-cafe-licence", D(2026, 11, 2), provisional=True)
    assert dues(t)["culture-final"] == D(2027, 1, 19)
    assert t.provisional is True and t.calendar_years == (2026, 2027)
    assert t.stages[0].provisional is False and t.stages[2].provisional is True
    assert note(t, "provisional").text.startswith("2027年")


# ---------------------------------------------------------------- county list against the national rule

def test_county_list_differs_from_the_2022_regulation(run):
    # Changed (issue 26): from 2024-12-06 the 2024 text is in force (its own test below); the 2022
    # text is compared for an application of 2023-09-21.
    t = run("internet-cafe-licence", D(2023, 9, 21))
    n = note(t, "differs_from_national")
    assert "2022年修订" in n.text and "当场" in n.text and "申请时须已具备" in n.text
    assert n.details["compare_with"] == "internet-cafe-licence-national"
    # Changed (issue 15): the 2022 text (第十一条第二款、第三款) also needs the fire-safety approval
    # before the final review: one more difference.
    diffs = n.details["differences"]
    assert {d.split("」")[0].lstrip("「") for d in diffs if d.startswith("「")} == {
        "security-review", "business-registration"}
    assert any("另有「消防安全检查" in d for d in diffs)
    assert "2016年修订起" in n.text
    # National 2022, applied 2023-09-21 (2023 notice: 09-29..10-06 off, 10-07 Sat and 10-08 Sun worked):
    # 20 WD: 9/22-28 (5), 10/7-8 (7), 10/9-13 (12), 10/16-20 (17), 10/23-25 (20) → 10/25; commitment on
    # the spot (10/25); fire check 10 WD (消防法 第十五条): 10/26-27 (2), 10/30-11/3 (7), 11/6-8 (10) →
    # 11/8; final 15 WD: 11/9-10 (2), 11/13-17 (7), 11/20-24 (12), 11/27-29 (15) → 2023-11-29.
    assert n.details["national_completion"] == D(2023, 11, 29)


def test_county_list_against_the_2024_regulation_has_no_psb_stage_before_the_final_review(run):
    # 2024 text 第十一条第二款: "申请人还应当依照有关消防管理法律法规的规定办理审批手续。"; 第三款: "申请人取得
    # 消防安全批准文件后，向文化行政部门申请最终审核". The county list's PSB review (20 WD) has no national
    # counterpart; 第三十二条's check within 20 WD of opening is a national stage after the licence.
    t = run("internet-cafe-licence", D(2026, 9, 21))
    n = note(t, "differs_from_national")
    assert "2024年修订" in n.text and "没有对应环节" in n.text and "未核对" in n.text
    diffs = n.details["differences"]
    assert {d.split("」")[0].lstrip("「") for d in diffs if d.startswith("「")} == {"business-registration"}
    assert any("信息网络安全和消防安全审核" in d and "没有对应环节" in d for d in diffs)
    assert any("另有「消防安全检查" in d for d in diffs) and any("另有「开业后实地检查" in d for d in diffs)
    # National 2024, applied 2026-09-21 (中秋 9/25, 国庆 10/1-7 off, 10/10 Sat worked): 筹建 20 WD:
    # 9/22-24 (3), 9/28-30 (6), 10/8-10 (9), 10/12-16 (14), 10/19-23 (19), 10/26 (20); fire 10 WD:
    # 10/27-30 (4), 11/2-6 (9), 11/9 (10); final 15 WD: 11/10-13 (4), 11/16-20 (9), 11/23-27 (14), 11/30.
    # The same day as under the 2022 text, whose commitment took no time.
    assert n.details["national_completion"] == D(2026, 11, 30)


def test_the_2024_version_has_the_check_after_opening_and_says_its_date_is_not_verified(run):
    # Application 2026-03-02: 筹建 20 WD → 3/30; fire 10 WD → 4/14 (清明 4/4-6 is a weekend and Monday:
    # 3/31-4/3 (4), 4/7-10 (8), 4/13-14 (10)); final 15 WD → 5/8 (劳动节 5/1-5 off: 4/15-17 (3),
    # 4/20-24 (8), 4/27-30 (12), 5/6-8 (15)). Opened 2026-05-11: 第三十二条 "自…正式开展经营活动20个工作日内"
    # → 5/12-15 (4), 5/18-22 (9), 5/25-29 (14), 6/1-5 (19), 6/8 (20).
    t = run("internet-cafe-licence-national", D(2026, 3, 2), event=D(2026, 5, 11))
    assert "2024年修订" in t.version.label
    assert [r.stage.id for r in t.stages] == ["business-registration", "culture-preliminary", "fire-safety",
                                               "culture-final", "security-check"]
    assert dues(t) == {"business-registration": D(2026, 3, 2), "culture-preliminary": D(2026, 3, 30),
                       "fire-safety": D(2026, 4, 14), "culture-final": D(2026, 5, 8), "security-check": D(2026, 6, 8)}
    assert t.completion == D(2026, 5, 8)  # the check follows the licence
    assert "未核对" in note(t, "version_caveat").text
    before = run("internet-cafe-licence-national", D(2024, 12, 5))
    assert "2022年修订" in before.version.label and "security-review" in dues(before)


def test_county_list_differs_from_the_2016_text_in_the_business_licence(run):
    # Changed (issue 15): the 2016 revision (国务院令第666号) put the business licence at application
    # (第十条(一)) and deleted the registration after the final review, so the county list (the
    # 2002/2011 chain) no longer matches it: the business licence is the one difference.
    t = run("internet-cafe-licence", D(2017, 5, 8))
    n = note(t, "differs_from_national")
    assert "2016年修订" in n.text and "申请时须已具备" in n.text
    assert [d.split("」")[0].lstrip("「") for d in n.details["differences"]] == ["business-registration"]


def test_county_list_against_the_2019_text_differs_in_the_security_review_and_more(run):
    # Changed (issue 15): besides the PSB's review (network security only), the 2019 text has the
    # licence at application and the fire-safety approval before the final review.
    t = run("internet-cafe-licence", D(2020, 6, 1))
    n = note(t, "differs_from_national")
    diffs = n.details["differences"]
    assert any(d.startswith("「security-review」") and "消防" in d for d in diffs)
    assert any(d.startswith("「business-registration」") for d in diffs)
    assert any("另有「消防安全检查" in d for d in diffs)


def test_national_versions_are_chosen_by_submission_date(run):
    old = run("internet-cafe-licence-national", D(2019, 3, 22))
    new = run("internet-cafe-licence-national", D(2019, 3, 25))
    latest = run("internet-cafe-licence-national", D(2022, 3, 29))
    assert "2016年修订" in old.version.label and "2019年修订" in new.version.label
    assert "2022年修订" in latest.version.label
    assert [r.stage.id for r in latest.stages][0] == "business-registration"
    assert latest.stages[0].due == D(2022, 3, 29) and latest.stages[0].start is None
    spot = next(r for r in latest.stages if r.stage.id == "security-review")
    assert spot.start == spot.due == next(r for r in latest.stages if r.stage.id == "culture-preliminary").due


def test_before_the_first_encoded_version_is_refused(run):
    with pytest.raises(InvalidInput) as err:
        run("internet-cafe-licence-national", D(2015, 1, 5))
    assert err.value.field == "start"


# ---------------------------------------------------------------- general administrative licence

def test_a_pause_across_the_national_day_break(run):
    # Decision 20 WD from 9/21; expert review 9/28-10/9 not counted (行政许可法 第四十五条):
    # 9/22-24 count (3); from 10/10 (Sat, worked) the other 17: 10/10, 10/12-16, 10/19-23, 10/26-30, 11/2.
    t = run("administrative-licence", D(2026, 9, 21),
            pauses={"decision": [DateRange(D(2026, 9, 28), D(2026, 10, 9), "")]})
    decision = t.stages[1]
    assert decision.start == D(2026, 9, 21) and decision.due == D(2026, 11, 2)
    pause = [s for s in decision.steps if "不计入期间" in s.rule]
    assert pause and "专家评审" in pause[0].rule and pause[0].date == D(2026, 10, 9)
    assert pause[0].basis == "行政许可法 第四十五条"
    # Certificate 10 WD after: 11/3-6 (4), 11/9-13 (9), 11/16 (10).
    assert t.stages[2].due == D(2026, 11, 16)


def test_an_extension_of_the_licence_decision(run):
    # 20 WD -> 10/26; +10 WD with approval (第四十二条): 10/27-30 (4), 11/2-6 (9), 11/9 (10).
    t = run("administrative-licence", D(2026, 9, 21), extensions={"decision": True})
    decision = t.stages[1]
    assert decision.due == D(2026, 11, 9)
    assert decision.extension.period.amount == 10 and "负责人批准" in decision.extension.basis
    assert t.stages[2].due == D(2026, 11, 23)
    with pytest.raises(InvalidInput) as err:
        run("administrative-licence", D(2026, 9, 21), extensions={"decision": 11})
    assert err.value.field == "extensions.decision"
    with pytest.raises(InvalidInput):
        run("administrative-licence", D(2026, 9, 21), extensions={"certificate": True})


def test_the_decision_counts_from_acceptance_after_correction(run):
    # Accepted on 9/28 after 补正: 9/29-30 (2), 10/8-10 (5), 10/12-16 (10), 10/19-23 (15), 10/26-30 (20).
    t = run("administrative-licence", D(2026, 9, 21), actual={"acceptance": D(2026, 9, 28)})
    # The 补正 notice was due within 5 WD: 9/22, 23, 24, (中秋 9/25-27), 28, 29.
    assert t.stages[0].due == D(2026, 9, 29) and t.stages[0].status == "decided"
    assert t.stages[1].start == D(2026, 9, 28) and t.stages[1].due == D(2026, 10, 30)


def test_joint_handling_is_45_working_days_plus_15(run):
    t = run("administrative-licence", D(2026, 7, 1), variants={"decision": "joint"},
            extensions={"decision": True})
    # 7/1 + 45 WD: 7/2-3 (2), 7/6-31 (22), 8/3-28 (42), 8/31, 9/1, 9/2 (45);
    # +15 WD: 9/3-4 (2), 9/7-11 (7), 9/14-18 (12), 9/20 Sun worked (13), 9/21, 9/22 (15).
    assert t.stages[1].due == D(2026, 9, 22)
    assert t.stages[1].variant.code == "joint"


# ---------------------------------------------------------------- backward stages

def test_large_event_application_landing_on_a_weekend_moves_back(run):
    # Event 6/20 (Sat, 端午): 20 days before is 5/31 (Sun) -> previous working day 5/29 (Fri).
    # Review 7 days from 5/29 -> 6/5 (Fri).
    t = run("large-event-licence", D(2026, 6, 20))
    app, review = t.stages
    assert app.start == D(2026, 6, 20) and app.due == D(2026, 5, 29)
    assert [s.date for s in app.steps] == [D(2026, 5, 31), D(2026, 5, 29)]
    assert review.start == D(2026, 5, 29) and review.due == D(2026, 6, 5)
    assert t.completion == D(2026, 6, 5)
    assert note(t, "remark").text.endswith("第十二条）")


def test_assembly_around_the_national_day_break(run):
    # Held 10/10 (Sat, a worked day): apply 5 days before = 10/5 (holiday) -> 9/30;
    # decision 2 days before = 10/8 (Thu); appeal 3 days from 10/8 = 10/11 (Sun) -> 10/12; answer 10/15.
    t = run("assembly-procession", D(2026, 10, 10))
    assert dues(t) == {"application": D(2026, 9, 30), "decision": D(2026, 10, 8),
                       "appeal": D(2026, 10, 12), "appeal-decision": D(2026, 10, 15)}
    assert t.completion == D(2026, 10, 8)  # appeals happen only on refusal


def test_an_application_after_the_event_is_refused_and_a_late_one_marked(run):
    with pytest.raises(InvalidInput) as err:
        run("assembly-procession", D(2026, 10, 10), actual={"application": D(2026, 10, 11)})
    assert err.value.field == "actual.application"
    t = run("assembly-procession", D(2026, 10, 10), actual={"application": D(2026, 10, 8)})
    assert t.stages[0].status == "late"


def test_hearing_notice_counts_seven_working_days_back_from_the_hearing(run):
    # Told 9/30: request within 5 WD: 10/8, 9, 10 (Sat worked), 12, 13 -> 10/13.
    # Hearing 10/20: 7 WD before: 10/19, 16, 15, 14, 13, 12, 10 (Sat worked) -> 10/10.
    t = run("penalty-hearing", D(2026, 9, 30), event=D(2026, 10, 20))
    assert dues(t) == {"request": D(2026, 10, 13), "notice": D(2026, 10, 10)}
    without = run("penalty-hearing", D(2026, 9, 30))
    assert dues(without)["notice"] is None
    assert note(without, "event_missing")


# ---------------------------------------------------------------- penalties and 治安 cases

def test_penalty_procedure_counts_calendar_and_working_days_as_article_85_says(run):
    # 立案 3/2: 90 days -> 5/31 (Sun) -> 6/1; delivery 7 WD -> 6/10; payment 15 days -> 6/25;
    # reconsideration 60 days from 6/10 -> 8/9 (Sun) -> 8/10; its decision 60 days -> 10/9;
    # lawsuit 15 days after -> 10/24 (Sat) -> 10/26; direct lawsuit 6 months from 6/10 -> 12/10.
    t = run("administrative-penalty", D(2026, 3, 2))
    assert dues(t) == {"decision": D(2026, 6, 1), "delivery": D(2026, 6, 10), "payment": D(2026, 6, 25),
                       "reconsideration": D(2026, 8, 10), "reconsideration-decision": D(2026, 10, 9),
                       "lawsuit-after-reconsideration": D(2026, 10, 26), "lawsuit": D(2026, 12, 10)}
    assert t.completion == D(2026, 6, 25)
    assert "行政复议法（2023）" in t.stages[3].basis


def test_penalty_procedure_before_2024_cites_the_old_reconsideration_law(run):
    t = run("administrative-penalty", D(2023, 12, 29))
    assert "行政复议法（2017）" in t.stages[3].basis
    with pytest.raises(InvalidInput):
        run("administrative-penalty", D(2021, 7, 14))


def test_public_order_case_limit_switches_on_2026_01_01(run):
    # 受理 12/31/2025 under the 2012 text: 30 days -> 2026-01-30 (Fri).
    old = run("public-order-case", D(2025, 12, 31))
    assert "2012" in old.version.label and old.stages[0].due == D(2026, 1, 30)
    # Changed (issue 15): the 2012 text has the delivery too (第九十七条第一款: 二日内送达): 1/30 + 2
    # days = 2/1 (Sun) -> 2/2 (Mon).
    assert dues(old) == {"decision": D(2026, 1, 30), "delivery": D(2026, 2, 2)}
    # 立案 1/1/2026 under the 2025 text: 30 days -> 1/31 (Sat) -> 2/2 (Mon); delivery 2 days -> 2/4.
    new = run("public-order-case", D(2026, 1, 1))
    assert "2025" in new.version.label and dues(new) == {"decision": D(2026, 2, 2), "delivery": D(2026, 2, 4)}
    assert note(new, "version").details["effective_from"] == D(2026, 1, 1)


def test_public_order_case_extensions(run):
    # 2012: one extension of 30 days: 2025-12-31 -> 1/30 -> 3/1 (Sun) -> 3/2.
    old = run("public-order-case", D(2025, 12, 31), extensions={"decision": True})
    assert old.stages[0].due == D(2026, 3, 2)
    with pytest.raises(InvalidInput):
        run("public-order-case", D(2025, 12, 31), extensions={"decision": 60})
    # 2025: twice. 立案 3/2 -> 4/1 (Wed); +30 -> 5/1 (劳动节 5/1-5/5, but not the last day once the
    # period is extended: not moved, 民法典 第二百零三条); +30 -> 5/31 (Sun) -> 6/1 (Mon). It was 6/5,
    # counted on from 5/6 after moving 5/1: the law text wins (LAW.md, round three).
    new = run("public-order-case", D(2026, 3, 2), extensions={"decision": True})
    assert new.stages[0].due == D(2026, 6, 1)
    assert sum("延长30日" in s.rule for s in new.stages[0].steps) == 2
    # once: 4/1 + 30 -> 5/1, now the last day: 劳动节 5/1-5/5 -> 5/6 (Wed).
    once = run("public-order-case", D(2026, 3, 2), extensions={"decision": 30})
    assert once.stages[0].due == D(2026, 5, 6)


def test_a_public_order_case_from_2026_09_07_extended_once_and_twice_reads_as_the_law_counts(run):
    # 治安管理处罚法（2025） 第一百一十八条第一款, LAW.md round three. 立案 9/7 + 30 days = 10/7 (国庆).
    # Once: the period is extended, so 10/7 is not its last day and is not moved (民法典 第二百零三条);
    # 10/7 + 30 = 11/6 (Fri), the last day, a working day. Twice: 11/6 + 30 = 12/6 (Sun), the last day
    # -> 12/7 (Mon). Counted from moved days it was 11/9 and 12/9.
    once = run("public-order-case", D(2026, 9, 7), extensions={"decision": 30})
    decision = once.stages[0]
    assert decision.due == D(2026, 11, 6)
    assert [(s.code, s.date) for s in decision.steps] == [
        ("start_excluded", D(2026, 9, 7)), ("days", D(2026, 10, 7)), ("not_last_day", D(2026, 10, 7)),
        ("extension", D(2026, 10, 7)), ("days", D(2026, 11, 6))]
    held, extension = decision.steps[2], decision.steps[3]
    assert held.rule == ("被延长期间的最后一日是法定休假日（2026-10-07 国庆节），但期间已经延长，此日已不是期间的"
                         "最后一日，不顺延：延长自此日起算，顺延只适用于延长后期间的最后一日")
    assert held.basis == "民法典 第二百零三条；公安机关办理行政案件程序规定 第三十五条"
    assert extension.rule == "延长30日，自被延长期间的最后一日（2026-10-07）起算"
    assert extension.basis.startswith("治安管理处罚法（2025） 第一百一十八条第一款（案情重大、复杂的")
    twice = run("public-order-case", D(2026, 9, 7), extensions={"decision": True})
    decision = twice.stages[0]
    assert decision.due == D(2026, 12, 7) and decision.extension.period.amount == 60
    assert [s.code for s in decision.steps] == ["start_excluded", "days", "not_last_day", "extension", "days",
                                                "extension", "days", "roll_forward"]
    assert [s.rule for s in decision.steps if s.code == "extension"] == [
        "延长30日，自被延长期间的最后一日（2026-10-07）起算", "延长30日，自被延长期间的最后一日（2026-11-06）起算"]
    assert decision.steps[-1].rule == "期间最后一日是法定休假日（2026-12-06 星期日），以法定休假日结束的次日为期间最后一日"
    assert sum(s.code == "start_excluded" for s in decision.steps) == 1
    # the delivery (2 days) runs from the extended decision: 12/7 + 2 = 12/9 (Wed)
    assert dues(twice)["delivery"] == D(2026, 12, 9)


def test_appraisal_time_is_not_counted_under_both_texts(run):
    # 2025 text 第一百一十八条第二款: appraisal 1/5-1/14 not counted: 1/2-1/4 count (3); 27 more from 1/14 -> 2/10.
    pause = {"decision": [DateRange(D(2026, 1, 5), D(2026, 1, 14), "")]}
    t = run("public-order-case", D(2026, 1, 1), pauses=pause)
    assert t.stages[0].due == D(2026, 2, 10)
    pause = [s for s in t.stages[0].steps if "鉴定的期间" in s.rule]
    # changed (issue 15): the basis names the paragraph, 第一百一十八条第二款
    assert pause and pause[0].basis == "治安管理处罚法（2025） 第一百一十八条第二款"
    # Changed (issue 15): the 2012 text already excluded it (第九十九条第二款 "为了查明案情进行鉴定的期间，
    # 不计入办理治安案件的期限"); this used to be refused. 受理 12/20: 12/21 counts (1), 12/22-23 not
    # counted, 29 more from 12/23 -> 2026-01-21 (Wed).
    t = run("public-order-case", D(2025, 12, 20), pauses={"decision": [DateRange(D(2025, 12, 22), D(2025, 12, 23))]})
    assert t.stages[0].due == D(2026, 1, 21)
    assert any(s.basis == "治安管理处罚法（2012） 第九十九条第二款" for s in t.stages[0].steps)


def test_questioning_runs_in_hours_through_the_spring_festival(run):
    start = dt.datetime(2026, 2, 16, 20, 30)
    t = run("summons-questioning", start)
    assert t.stages[0].due == dt.datetime(2026, 2, 17, 4, 30)
    t = run("summons-questioning", start, variants={"questioning": "complex"})
    assert t.stages[0].due == dt.datetime(2026, 2, 17, 8, 30)
    t = run("summons-questioning", start, variants={"questioning": "detention"})
    assert t.stages[0].due == dt.datetime(2026, 2, 17, 20, 30) == t.completion
    assert "不因节假日顺延" in t.stages[0].steps[0].rule and t.calendar_years == ()


def test_questioning_versions_and_inputs(run):
    old = dt.datetime(2025, 10, 1, 17, 0)
    assert run("summons-questioning", old).stages[0].due == dt.datetime(2025, 10, 2, 1, 0)
    with pytest.raises(InvalidInput) as err:  # 12 hours exist only from 2026
        run("summons-questioning", old, variants={"questioning": "complex"})
    assert err.value.field == "variants.questioning"
    with pytest.raises(InvalidInput) as err:
        run("summons-questioning", D(2026, 2, 16))
    assert err.value.field == "start"
    with pytest.raises(InvalidInput) as err:
        run("internet-cafe-licence", dt.datetime(2026, 2, 16, 9, 0))
    assert err.value.field == "start"


# ---------------------------------------------------------------- identity, residence, detox

def test_birth_registration_within_one_month(run):
    # 1/31 + 1 month: February has no 31st -> 2/28, a Saturday worked (调休) -> stays.
    assert run("birth-registration", D(2026, 1, 31)).completion == D(2026, 2, 28)
    # 1/15 -> 2/15 (春节) -> 2/24 (Tue).
    assert run("birth-registration", D(2026, 1, 15)).completion == D(2026, 2, 24)


def test_identity_documents(run):
    # ID card 60 days: 8/1 -> 9/30; remote +30 -> 10/30.
    assert run("resident-id-card", D(2026, 8, 1)).completion == D(2026, 9, 30)
    assert run("resident-id-card", D(2026, 8, 1), extensions={"issue": True}).completion == D(2026, 10, 30)
    # Passport 15 days: 9/15 -> 9/30; remote areas 30 days -> 10/15.
    assert run("ordinary-passport", D(2026, 9, 15)).completion == D(2026, 9, 30)
    assert run("ordinary-passport", D(2026, 9, 15), variants={"issue": "remote"}).completion == D(2026, 10, 15)
    # Temporary ID: 9/29 + 3 = 10/2 (国庆) -> 10/8; valid 3 months from issue -> 2027-01-08, a term:
    # no holiday data needed for it, so no calendar gap.
    t = run("temporary-id-card", D(2026, 9, 29))
    assert dues(t) == {"issue": D(2026, 10, 8), "validity": D(2027, 1, 8)}
    assert t.provisional is False and t.calendar_years == (2026,)


def test_residence_registration_and_permit(run):
    # Arrival 4/30: 3 days -> 5/3 (劳动节) -> 5/6.
    assert run("residence-registration", D(2026, 4, 30)).completion == D(2026, 5, 6)
    # Arrival 4/4 (清明): registration 4/7; eligible for the permit after 6 months: 10/4, not moved.
    t = run("residence-permit", D(2026, 4, 4))
    assert dues(t) == {"registration": D(2026, 4, 7), "eligibility": D(2026, 10, 4)}
    assert "不适用节假日顺延" in t.stages[1].steps[-1].rule


def test_detox_isolation_in_the_psb_facility_then_transfer(run):
    t = run("detox-isolation-psb", D(2026, 1, 15))
    psb, judicial, rehab = t.stages
    assert psb.earliest.date == D(2026, 4, 15) and psb.due == D(2026, 7, 15)
    assert judicial.earliest.date == D(2027, 1, 15) and judicial.due == D(2028, 1, 15)
    assert rehab.start == D(2028, 1, 15) and rehab.due == D(2031, 1, 15)
    assert any(s.rule == "限制人身自由的期间，不因节假日顺延" for s in psb.steps)
    assert t.provisional is False
    longer = run("detox-isolation-psb", D(2026, 1, 15), extensions={"judicial-facility": True})
    assert longer.stages[1].due == D(2029, 1, 15)
    early = run("detox-isolation-psb", D(2026, 1, 15), actual={"judicial-facility": D(2027, 3, 1)})
    assert early.stages[2].due == D(2030, 3, 1)


def test_detox_terms(run):
    assert run("detox-rehabilitation", D(2026, 2, 16)).completion == D(2029, 2, 16)
    # 社区戒毒 3 years from 2024-02-29: no 2027-02-29 -> the month's last day (民法典 第二百零二条).
    # Changed (issue 15): the 3 years count from reporting (戒毒条例 第十四条第二款), so 2024-02-29 is
    # now the actual report day after a decision received 2024-02-14.
    assert run("community-detox", D(2024, 2, 14), actual={"report": D(2024, 2, 29)}).completion == D(2027, 2, 28)
    t = run("compulsory-isolation-detox", D(2026, 3, 1))
    assert t.stages[0].due == D(2028, 3, 1) and t.completion == D(2028, 3, 1)


def test_urban_conversion_keeps_the_rural_birth_policy_for_24_months(run):
    t = run("urban-conversion-birth-policy", D(2026, 2, 15))
    assert t.completion == D(2028, 2, 15)
    assert t.stages[0].basis == "县公安局责任清单 二、12"


# ---------------------------------------------------------------- the data

def test_design_ids_exist_and_every_stage_cites_a_basis(tl):
    for pid in ("internet-cafe-licence", "internet-cafe-licence-national", "birth-registration",
                "residence-registration", "residence-permit", "detox-isolation-psb",
                "detox-rehabilitation", "urban-conversion-birth-policy"):
        tl.get(pid)
    county = tl.get("internet-cafe-licence").versions[0]
    assert [s.id for s in county.stages] == ["culture-preliminary", "security-review", "culture-final",
                                             "business-registration"]
    for proc in tl:
        for version in proc.versions:
            for stage in version.stages:
                assert stage.basis.strip()


def test_every_seed_number_is_in_the_schedules(tl):
    spans = {(p.id, s.id): (s.span.amount, s.span.unit) if s.span else None
             for p in tl for v in p.versions for s in v.stages}
    assert spans[("internet-cafe-licence", "culture-preliminary")] == (20, "workdays")
    assert spans[("internet-cafe-licence", "security-review")] == (20, "workdays")
    assert spans[("internet-cafe-licence", "culture-final")] == (15, "workdays")
    assert spans[("birth-registration", "registration")] == (1, "months")
    assert spans[("residence-registration", "registration")] == (3, "days")
    assert spans[("residence-permit", "eligibility")] == (6, "months")
    assert spans[("detox-isolation-psb", "psb-facility")] == (6, "months")
    assert tl.get("detox-isolation-psb").versions[0].stages[0].earliest.period.amount == 3
    assert spans[("detox-rehabilitation", "rehabilitation")] == (3, "years")
    assert spans[("urban-conversion-birth-policy", "rural-policy")] == (24, "months")


def _load(text):
    return T.load([Source("timelines/x.toml", tomllib.loads(text))], {})


TEXTS = "\n".join(f'[texts.{n}]\ntext = "x"\nbasis = "y"' for n in T.TEXTS)


@pytest.mark.parametrize("stage, problem", [
    ('id = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 5, unit = "weeks" }\nbasis = "b"', "单位"),
    ('id = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 5, unit = "days" }', "basis"),
    ('id = "a"\nauthority = "x"\ntitle = "t"\nbasis = "b"', "period"),
    ('id = "a"\nauthority = "x"\ntitle = "t"\nkind = "none"\nanchor = "nowhere"\nbasis = "b"', "anchor"),
])
def test_bad_schedules_are_refused_naming_the_key(stage, problem):
    text = f'{TEXTS}\n[[procedure]]\nid = "p"\ntitle = "t"\nstart_label = "s"\n[[procedure.stage]]\n{stage}\n'
    with pytest.raises(ScheduleError) as err:
        _load(text)
    assert problem in str(err.value)


WINDOW = 'id = "a"\nauthority = "x"\ntitle = "t"\nkind = "window"\nbasis = "b"\n'
EARLY = 'earliest = {{ amount = 90, unit = "days", direction = "{d}", what = "w", basis = "b" }}\n'


@pytest.mark.parametrize("stage, problem", [
    (WINDOW, "earliest"),                                                # a window needs its first day
    (WINDOW + EARLY.format(d="after"), "direction"),                     # counted back from its anchor
    (WINDOW + EARLY.format(d="before") + 'period = { amount = 1, unit = "days" }', "period"),  # no period of its own
    ('id = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 5, unit = "days" }\nbasis = "b"\n'
     + EARLY.format(d="before"), "direction"),                          # only a window opens before its anchor
])
def test_bad_windows_are_refused_naming_the_key(stage, problem):
    text = f'{TEXTS}\n[[procedure]]\nid = "p"\ntitle = "t"\nstart_label = "s"\n[[procedure.stage]]\n{stage}\n'
    with pytest.raises(ScheduleError) as err:
        _load(text)
    assert problem in str(err.value)


def test_overlapping_versions_are_refused():
    stage = '[[procedure.version.stage]]\nid = "a"\nauthority = "x"\ntitle = "t"\nkind = "none"\nbasis = "b"\n'
    text = (f'{TEXTS}\n[[procedure]]\nid = "p"\ntitle = "t"\nstart_label = "s"\n'
            f'[[procedure.version]]\nlabel = "v1"\neffective = {{ from = 2020-01-01, until = 2021-01-01 }}\n{stage}'
            f'[[procedure.version]]\nlabel = "v2"\neffective = {{ from = 2021-01-01 }}\n{stage}')
    with pytest.raises(ScheduleError) as err:
        _load(text)
    assert "重叠" in str(err.value)


# ---------------------------------------------------------------- invariants

published = st.dates(min_value=D(2016, 2, 6), max_value=D(2026, 9, 30))


@settings(max_examples=200, deadline=None)
@given(published)
def test_each_county_stage_starts_the_day_the_previous_one_is_due(tl, book, rules, start):
    t = T.estimate(tl, "internet-cafe-licence", start, book, rules, provisional=True)
    for before, after in zip(t.stages, t.stages[1:]):
        assert after.start == before.due
    for r in t.stages[:3]:
        assert r.due > r.start and book.get(True).is_workday(r.due)


@settings(max_examples=200, deadline=None)
@given(published, st.integers(min_value=0, max_value=40))
def test_deciding_earlier_never_makes_the_chain_longer(tl, book, rules, start, early):
    worst = T.estimate(tl, "internet-cafe-licence", start, book, rules, provisional=True)
    first = worst.stages[0]
    decided = max(first.start, first.due - dt.timedelta(days=early))
    better = T.estimate(tl, "internet-cafe-licence", start, book, rules,
                        T.StageInputs(actual={"culture-preliminary": decided}), provisional=True)
    assert better.stages[2].due <= worst.stages[2].due


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2022, 3, 29), max_value=D(2026, 9, 30)))
def test_the_2022_regulation_is_never_slower_than_the_county_list(tl, book, rules, start):
    county = T.estimate(tl, "internet-cafe-licence", start, book, rules, provisional=True)
    national = T.estimate(tl, "internet-cafe-licence-national", start, book, rules, provisional=True)
    assert national.completion <= county.stages[2].due


@settings(max_examples=200, deadline=None)
@given(published, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=30))
def test_a_pause_never_brings_the_decision_forward(tl, book, rules, start, offset, length):
    plain = T.estimate(tl, "administrative-licence", start, book, rules, provisional=True)
    first = start + dt.timedelta(days=offset)
    paused = T.estimate(tl, "administrative-licence", start, book, rules,
                        T.StageInputs(pauses={"decision": [DateRange(first, first + dt.timedelta(days=length), "")]}),
                        provisional=True)
    assert paused.stages[1].due >= plain.stages[1].due
    assert paused.stages[2].start == paused.stages[1].due


def test_an_optional_stage_beyond_the_calendar_is_left_undated_not_the_whole_answer(run):
    # 立案 9/1: 90 days -> 11/30 (Mon); delivery 7 WD -> 12/9; payment 15 days -> 12/24 (Thu).
    # Reconsideration 60 days from 12/9 -> 2027-02-07: 2027 is not published, and the stage happens
    # only if the party objects: left undated with a note; the stages after it have no start.
    t = run("administrative-penalty", D(2026, 9, 1))
    assert dues(t)["decision"] == D(2026, 11, 30) and dues(t)["delivery"] == D(2026, 12, 9)
    assert dues(t)["payment"] == D(2026, 12, 24) and t.completion == D(2026, 12, 24)
    assert dues(t)["reconsideration"] is None and dues(t)["lawsuit"] is None
    gaps = [n for n in t.notes if n.code == "calendar_gap"]
    assert {n.details["stage"] for n in gaps} == {"reconsideration", "lawsuit"}
    assert all(n.details["year"] == 2027 for n in gaps)
    assert starts(t)["reconsideration-decision"] is None
    # A certain stage beyond the calendar still refuses the whole answer.
    with pytest.raises(CalendarGap):
        run("administrative-penalty", D(2026, 11, 2))
    full = run("administrative-penalty", D(2026, 9, 1), provisional=True)
    # 6 months from 12/9 -> 2027-06-09, 端午 (五月初五) by the 放假办法 -> 2027-06-10, provisionally.
    assert full.provisional is True and dues(full)["lawsuit"] == D(2027, 6, 10)
