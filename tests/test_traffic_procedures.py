"""The traffic brigade's procedures (issue 27, items 5 and 8), worked by hand from the texts in ../shared/laws.

Each instrument counts its own days (its 附则):
- 道路交通事故处理程序规定(2018) 第一百一十二条第（五）项: its 一日、二日、三日、五日、十日 are working days; the
  三十日 of the review decision (第七十四条) is not listed, so calendar days, rolled off a holiday (第一百一十三条 ->
  公安机关办理行政案件程序规定 第三十五条).
- 道路交通安全违法行为处理程序规定(2020) 第八十一条第二款: 二日、三日、五日、七日、十日、十五日 are working days; the
  三十日 and 三个月 are calendar days.
- 机动车驾驶证申领和使用规定(2021) 第一百一十条第一款: 一日、三日、五日 are working days; the 九十日 of 第六十三条
  is not.
- 机动车登记规定(2021) 第九十二条第一款: 一日 … 十五日 are working days; the 三十日 of 第二十五条 is not.
The start day is not counted (民法典 第二百零一条).

2026 (国办发明电〔2025〕7号): 中秋 9/25-9/27 off; 国庆 10/1-10/7 off, 9/20 (Sun) and 10/10 (Sat) worked.
Weekdays: 9/1 Tue, 9/21 Mon, 9/28 Mon, 9/29 Tue, 9/30 Wed, 10/8 Thu, 10/9 Fri, 10/10 Sat, 10/16 Fri,
10/19 Mon, 10/23 Fri, 10/26 Mon, 10/28 Wed, 11/5 Thu, 11/27 Fri, 12/2 Wed, 12/31 Thu.
2027 has no notice: 2027-01-01 (Fri) is 元旦 under the 放假办法 (第二条), 1/2-1/3 a weekend.
"""
import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import timelines as T
from calc.errors import CalendarGap, InvalidInput
from tests.timeline_inputs import dues, run, stage  # noqa: F401 (run is a fixture)

D = dt.date
ACCIDENT_RULES = ("道路交通事故处理程序规定", 112)
VIOLATION_RULES = ("道路交通安全违法行为处理程序规定", 81)
LICENCE_RULES = ("机动车驾驶证申领和使用规定", 110)
REGISTRATION_RULES = ("机动车登记规定", 92)
TRAFFIC = {"traffic-accident": ACCIDENT_RULES, "traffic-camera-violation": VIOLATION_RULES,
           "traffic-handling-notice": VIOLATION_RULES, "traffic-vehicle-detention": VIOLATION_RULES,
           "traffic-blood-test": VIOLATION_RULES, "licence-renewal": LICENCE_RULES,
           "vehicle-registration": REGISTRATION_RULES, "vehicle-transfer": REGISTRATION_RULES,
           "vehicle-change": REGISTRATION_RULES, "plate-replacement": REGISTRATION_RULES}


def step(r, code):
    return next(s for s in r.steps if s.code == code)


def cites(basis, rules):
    name, article = rules
    return any(c.law.name == name and c.article == article for c in basis.cites)


# ---------------------------------------------------------------- 道路交通事故

def test_accident_every_stage_from_a_scene_investigation_before_national_day(run):
    # Scene investigation Mon 9/28; mediation begins (第九十条) Thu 11/5.
    # determination, 10 WD (第六十二条第一款): 9/29 (1), 9/30 (2), 国庆 10/1-10/7 off, 10/8 (3), 10/9 (4),
    #   10/10 the make-up Saturday (5), 10/11 Sun off, 10/12-10/16 (6-10) -> Fri 10/16 (without the
    #   make-up Saturday it would be 10/19).
    # service, 3 WD after 10/16 (第六十五条第一款): 10/19, 10/20, 10/21 -> 10/21.
    # review-request, 3 WD after service (第七十一条第一款): 10/22, 10/23, 10/26 -> 10/26.
    # review-transfer, 2 WD (第七十二条第一款): 10/27, 10/28 -> 10/28 (the day the upper level accepts, 第七十三条).
    # review-decision, 30 calendar days (第七十四条第一款): 10/28 + 3 = 10/31, + 27 = 11/27 (Fri, a working day).
    # review-service, 3 WD (第七十八条): 11/30, 12/1, 12/2 -> 12/2.
    # reinvestigation, 10 WD after the conclusion (第七十九条第一款): 11/30-12/4 (5), 12/7-12/11 (10) -> 12/11.
    # mediation-request, 10 WD after service (第八十六条第一款): 10/22, 10/23 (2), 10/26-10/30 (7), 11/2, 11/3,
    #   11/4 (10) -> 11/4; after a review that upheld the determination, 10 WD after 12/2: 12/3, 12/4 (2),
    #   12/7-12/11 (7), 12/14, 12/15, 12/16 -> 12/16.
    # mediation, 10 WD from the start of mediation (第九十条第三款): 11/6 (1), 11/9-11/13 (6), 11/16-11/19 (10).
    t = run("traffic-accident", D(2026, 9, 28), event=D(2026, 11, 5))
    assert dues(t) == {"determination": D(2026, 10, 16), "service": D(2026, 10, 21),
                       "review-request": D(2026, 10, 26), "review-transfer": D(2026, 10, 28),
                       "review-decision": D(2026, 11, 27), "review-service": D(2026, 12, 2),
                       "reinvestigation": D(2026, 12, 11), "mediation-request": D(2026, 11, 4),
                       "mediation-request-after-review": D(2026, 12, 16), "mediation": D(2026, 11, 19)}
    assert t.completion == D(2026, 10, 21)  # review and mediation happen only if asked for
    assert not t.provisional and t.calendar_years == (2026,)


def test_accident_working_days_cite_the_rules_own_definition(run):
    t = run("traffic-accident", D(2026, 9, 28), event=D(2026, 11, 5))
    counted = step(stage(t, "determination"), "workdays")
    assert cites(counted.basis, ACCIDENT_RULES)
    assert "第一百一十二条第（五）项" in counted.basis and "国办发明电〔2025〕7号" in counted.basis
    assert "10-10" in counted.rule  # the make-up Saturday is said to count
    assert "第六十二条第一款" in stage(t, "determination").basis
    # the 三十日 is not in the list: the same 附则, said to leave it calendar days
    days = step(stage(t, "review-decision"), "days")
    assert cites(days.basis, ACCIDENT_RULES) and "三十日" in days.basis


def test_accident_review_decision_is_thirty_calendar_days_rolled_off_national_day(run):
    # Scene Mon 8/10: determination 10 WD -> 8/24 (8/11-8/14, 8/17-8/21, 8/24); service -> 8/27;
    # review-request 8/28, 8/31, 9/1 -> 9/1; filed directly with the upper level and received that day
    # (第七十三条). 9/1 + 30 days = 10/1, 国庆: the last day moves to 10/8, the day after the break
    # (30 working days would have run to 10/21).
    t = run("traffic-accident", D(2026, 8, 10), actual={"review-transfer": D(2026, 9, 1)})
    assert stage(t, "review-request").due == D(2026, 9, 1)
    r = stage(t, "review-decision")
    assert (r.start, r.due) == (D(2026, 9, 1), D(2026, 10, 8))
    assert [s.code for s in r.steps] == ["start_excluded", "days", "roll_forward"]
    assert step(r, "days").date == D(2026, 10, 1)


def test_accident_actual_service_moves_what_hangs_on_it(run):
    # Served Mon 10/19 instead of 10/21: review request 10/20, 10/21, 10/22 -> 10/22; mediation request
    # 10 WD: 10/20-10/23 (4), 10/26-10/30 (9), 11/2 (10) -> 11/2.
    t = run("traffic-accident", D(2026, 9, 28), actual={"service": D(2026, 10, 19)})
    assert stage(t, "service").status == T.DECIDED
    assert stage(t, "review-request").due == D(2026, 10, 22)
    assert stage(t, "mediation-request").due == D(2026, 11, 2)


def test_accident_regulations_ten_days_as_calendar_days_are_earlier(run):
    # 实施条例 第九十三条 "10日" without saying working days: 9/28 + 10 = 10/8 (Thu, worked), a week before
    # the rule's 10/16; the count step does not cite the rule's 附则 (another text).
    t = run("traffic-accident", D(2026, 9, 28), variants={"determination": "regulation"})
    r = stage(t, "determination")
    assert r.due == D(2026, 10, 8)
    assert "实施条例" in r.basis and not cites(step(r, "days").basis, ACCIDENT_RULES)


def test_accident_mediation_needs_the_day_mediation_begins(run):
    t = run("traffic-accident", D(2026, 9, 28))
    assert stage(t, "mediation").due is None
    assert any(n.code == "event_missing" for n in t.notes)
    assert any(n.code == "remark" and "第九十条" in n.text for n in t.notes)


def test_accident_before_the_2018_rules_is_refused(run):
    with pytest.raises(InvalidInput) as err:
        run("traffic-accident", D(2018, 4, 30))
    assert err.value.field == "start"


# ---------------------------------------------------------------- 驾驶证期满换证

def test_licence_renewal_window_across_the_new_year_needs_no_2027_calendar(run):
    # Expiry Wed 2027-01-20. 第六十三条: within the 90 days before it, counted back from the expiry day (not
    # counted): 20 days back to 2026-12-31, 31 to 11-30, 30 to 10-31, 9 to 10-22 (20+31+30+9 = 90).
    # The window ends on the expiry day itself, a date the licence carries: not moved for a rest day, so
    # no 2027 holiday notice is needed and nothing is provisional.
    t = run("licence-renewal", D(2027, 1, 20))
    r = stage(t, "renewal")
    assert (r.due, r.earliest.date) == (D(2027, 1, 20), D(2026, 10, 22))
    assert not r.provisional and r.calendar_years == ()
    assert cites(r.earliest.basis, LICENCE_RULES)  # the 九十日 is not among the 附则's working days
    assert [s.code for s in r.steps] == ["window"] and "2026-10-22" in r.steps[0].rule
    assert t.completion == D(2027, 1, 20)
    # issuing the new licence (1 WD, 第六十八条) after an application on the last day needs 2027: left
    # undated with a note, the answer not refused
    issue = stage(t, "issue")
    assert issue.due is None
    assert [n.details["year"] for n in t.notes if n.code == "calendar_gap"] == [2027]


def test_licence_issued_after_new_year_is_estimated_only_when_asked(run):
    # Applied Thu 2026-12-31: 1 WD later is the first working day after it. 2027-01-01 is 元旦 (放假办法
    # 第二条), 01-02/01-03 a weekend -> Mon 2027-01-04, assumed (no notice yet); a notice may yet make
    # Sat 01-02 a working day, never 元旦 itself.
    t = run("licence-renewal", D(2027, 1, 20), actual={"renewal": D(2026, 12, 31)})
    assert stage(t, "renewal").status == T.DECIDED
    assert stage(t, "issue").due is None and any(n.code == "calendar_gap" for n in t.notes)
    t = run("licence-renewal", D(2027, 1, 20), actual={"renewal": D(2026, 12, 31)}, provisional=True)
    issue = stage(t, "issue")
    assert issue.due == D(2027, 1, 4) and issue.provisional
    assert D(2027, 1, 2) <= issue.range[0] <= issue.due <= issue.range[1]
    assert cites(step(issue, "workdays").basis, LICENCE_RULES)


def test_licence_renewal_before_the_window_is_refused_after_it_is_late(run):
    # 10-21 is the 91st day before the expiry: not yet in the window.
    with pytest.raises(InvalidInput) as err:
        run("licence-renewal", D(2027, 1, 20), actual={"renewal": D(2026, 10, 21)})
    assert err.value.field == "actual.renewal"
    assert stage(run("licence-renewal", D(2027, 1, 20), actual={"renewal": D(2026, 10, 22)}), "renewal").status == T.DECIDED
    assert stage(run("licence-renewal", D(2027, 1, 20), actual={"renewal": D(2027, 1, 21)}), "renewal").status == T.LATE
    assert stage(run("licence-renewal", D(2027, 1, 20), as_of=D(2027, 1, 21)), "renewal").status == T.OVERDUE


def test_licence_renewal_on_a_weekend_expiry_is_not_moved(run):
    # Expiry Sun 2026-10-11, a rest day: the last day is still the expiry, not Fri 10-9 nor Mon 10-12.
    # 10-11 - 90 days: 11 back to 9-30, 30 to 8-31, 31 to 7-31, 18 to 7-13 (11+30+31+18 = 90).
    t = run("licence-renewal", D(2026, 10, 11))
    assert stage(t, "renewal").due == D(2026, 10, 11) and stage(t, "renewal").earliest.date == D(2026, 7, 13)


def test_licence_renewal_remarks_say_the_later_amendment_is_not_here(run):
    t = run("licence-renewal", D(2027, 1, 20))
    assert any("公安部令第172号" in n.text for n in t.notes if n.code == "remark")
    with pytest.raises(InvalidInput):
        run("licence-renewal", D(2022, 3, 31))  # before the 2021 rules took effect (第一百一十一条)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2022, 4, 1), max_value=D(2035, 12, 31)))
def test_the_renewal_window_is_ninety_calendar_days_whatever_the_year(run, expiry):
    # Independent of any holiday data: the window opens 90 days before the expiry and closes on it.
    r = stage(run("licence-renewal", expiry), "renewal")
    assert r.due == expiry and r.earliest.date == expiry - dt.timedelta(days=90) and not r.provisional


# ---------------------------------------------------------------- 违法行为处理

def test_camera_record_review_notice_and_thirty_days_to_be_handled(run):
    # Recorded Mon 9/21. Review and entry, 5 WD (第十九条): 9/22, 9/23, 9/24 (3), 中秋 9/25-9/27 off, 9/28 (4),
    # 9/29 (5) -> 9/29. Notice, 5 WD (第二十条第一款): 9/30 (1), 国庆 off, 10/8 (2), 10/9 (3), 10/10 make-up (4),
    # 10/12 (5) -> 10/12. Handling within 30 days (calendar: not in 第八十一条第二款): 10/12 + 19 = 10/31,
    # + 11 = 11/11 (Wed) -> 11/11.
    t = run("traffic-camera-violation", D(2026, 9, 21))
    assert dues(t) == {"review": D(2026, 9, 29), "notice": D(2026, 10, 12), "handling": D(2026, 11, 11)}
    assert cites(step(stage(t, "notice"), "workdays").basis, VIOLATION_RULES)
    assert "三十日" in step(stage(t, "handling"), "days").basis


def test_camera_record_deferral_of_up_to_three_months(run):
    # Recorded Mon 6/1: review 6/2-6/5 (4), 6/8 (5); notice 6/9-6/12 (4), 6/15 (5); handling 6/15 + 30 =
    # 7/15 (Wed); deferral (第五十三条第二款) at most 3 months more: 10/15 (Thu, worked).
    t = run("traffic-camera-violation", D(2026, 6, 1), extensions={"handling": True})
    r = stage(t, "handling")
    assert r.due == D(2026, 10, 15) and (r.extension.period.amount, r.extension.period.unit) == (3, "months")
    assert "第五十三条第二款" in step(r, "extension").basis
    # From 9/21 the deferral runs into February 2027, whose holidays are not published: refused.
    with pytest.raises(CalendarGap) as gap:
        run("traffic-camera-violation", D(2026, 9, 21), extensions={"handling": True})
    assert gap.value.year == 2027


def test_handling_notice_fifteen_working_days_or_the_laws_fifteen_days(run):
    # Notice handed over Mon 9/28. 15 WD (第四十六条第一款第（三）项): 9/29, 9/30 (2), 10/8, 10/9, 10/10 (5),
    # 10/12-10/16 (10), 10/19-10/23 (15) -> 10/23. Revocation decision, 7 WD (第五十一条): 10/26-10/30 (5),
    # 11/2, 11/3 -> 11/3. Licence transferred within 15 WD after it (第六十一条第一款): 11/4-11/6 (3),
    # 11/9-11/13 (8), 11/16-11/20 (13), 11/23, 11/24 -> 11/24.
    t = run("traffic-handling-notice", D(2026, 9, 28), variants={"decision": "revocation"})
    assert dues(t) == {"handling": D(2026, 10, 23), "decision": D(2026, 11, 3), "licence-transfer": D(2026, 11, 24)}
    # Licence withheld first: 道路交通安全法 第一百一十条第二款, 15 days, not said to be working days:
    # 9/28 + 15 = 10/13 (Tue); a suspension decided within 3 WD: 10/14, 10/15, 10/16.
    t = run("traffic-handling-notice", D(2026, 9, 28), variants={"handling": "licence-withheld"})
    assert dues(t)["handling"] == D(2026, 10, 13) and dues(t)["decision"] == D(2026, 10, 16)
    assert not cites(step(stage(t, "handling"), "days").basis, VIOLATION_RULES)


def test_detained_vehicle_checked_within_ten_working_days_extendable_to_fifteen(run):
    # Papers given Tue 9/29 (第三十条第二款): 9/30 (1), 10/8, 10/9, 10/10 (4), 10/12-10/16 (9), 10/19 (10);
    # extended to 15 with approval: 10/20-10/23 (14), 10/26 (15).
    assert stage(run("traffic-vehicle-detention", D(2026, 9, 29)), "verification").due == D(2026, 10, 19)
    r = stage(run("traffic-vehicle-detention", D(2026, 9, 29), extensions={"verification": True}), "verification")
    assert r.due == D(2026, 10, 26)


def test_blood_sample_sent_within_five_working_days_and_the_result_told(run):
    # Drawn Wed 9/30 (第三十六条第一款第（二）项): 10/8, 10/9, 10/10, 10/12, 10/13 -> 10/13. The lab has no
    # period; result received Tue 10/20: told within 5 WD: 10/21-10/23, 10/26, 10/27 -> 10/27; a retest
    # asked within 3 WD of receiving it (第三十六条第三款): 10/28, 10/29, 10/30.
    t = run("traffic-blood-test", D(2026, 9, 30))
    assert stage(t, "submission").due == D(2026, 10, 13) and stage(t, "result-notice").due is None
    assert t.completion is None
    t = run("traffic-blood-test", D(2026, 9, 30), actual={"result": D(2026, 10, 20)})
    assert stage(t, "result-notice").due == D(2026, 10, 27) and stage(t, "retest-request").due == D(2026, 10, 30)


# ---------------------------------------------------------------- 机动车登记

def test_transfer_registration_thirty_days_roll_off_national_day(run):
    # Delivered Tue 9/1: 30 days (第二十五条第一款; not among 第九十二条第一款's working days) -> 10/1, 国庆:
    # the day after the break, 10/8. Registered within 1 WD (第二十六条第二款): 10/9.
    t = run("vehicle-transfer", D(2026, 9, 1))
    assert dues(t) == {"application": D(2026, 10, 8), "registration": D(2026, 10, 9)}
    r = stage(t, "application")
    assert cites(step(r, "days").basis, REGISTRATION_RULES)
    # a registration is not an administrative case: the counting cites 民法典, not the case rules
    assert "第二百零三条" in step(r, "roll_forward").basis and "程序规定" not in step(r, "roll_forward").basis
    assert "程序规定" not in step(r, "start_excluded").basis


def test_change_and_first_registration_and_plates_wait_working_days(run):
    # Change Wed 9/30, 10 WD (第十六条第二款): 10/8, 10/9, 10/10 (3), 10/12-10/16 (8), 10/19, 10/20 -> 10/20;
    # registered 1 WD later (第十七条第二款): 10/21.
    assert dues(run("vehicle-change", D(2026, 9, 30))) == {"application": D(2026, 10, 20),
                                                           "registration": D(2026, 10, 21)}
    # First registration accepted 9/30: 2 WD (第十二条第三款): 10/8, 10/9.
    assert dues(run("vehicle-registration", D(2026, 9, 30))) == {"issue": D(2026, 10, 9)}
    # Plates accepted Mon 9/21: 15 WD (第五十一条第二款): 9/22-9/24 (3), 9/28-9/30 (6), 10/8-10/10 (9),
    # 10/12-10/16 (14), 10/19 (15). 实施条例 第十一条's 15 days as calendar days: 10/6, 国庆 -> 10/8.
    assert dues(run("plate-replacement", D(2026, 9, 21))) == {"issue": D(2026, 10, 19)}
    assert dues(run("plate-replacement", D(2026, 9, 21), variants={"issue": "regulation"})) == {"issue": D(2026, 10, 8)}


# ---------------------------------------------------------------- the data

def test_every_working_day_count_cites_its_instruments_own_rule(run, schedules):
    # Every stage counted in working days, in every traffic procedure, says which 附则 makes them working days.
    starts = {"licence-renewal": D(2026, 12, 1)}
    seen = 0
    for pid, rules in TRAFFIC.items():
        proc = schedules.timelines.get(pid)
        actual = {"result": D(2026, 10, 20)} if pid == "traffic-blood-test" else {}
        t = run(pid, starts.get(pid, D(2026, 3, 2)), event=D(2026, 5, 4) if proc.event_label else None,
                actual=actual)
        for r in t.stages:
            for s in r.steps:
                if s.code == "workdays":
                    assert cites(s.basis, rules), (pid, r.stage.id, s.basis)
                    seen += 1
    assert seen >= 20


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2018, 5, 1), max_value=D(2026, 12, 1)))
def test_the_accident_determination_is_the_tenth_working_day_of_the_published_calendar(run, scene):
    # Against the chinese_calendar package (the State Council notices as its authors entered them).
    due = stage(run("traffic-accident", scene), "determination").due
    days = [scene + dt.timedelta(days=k) for k in range(1, (due - scene).days + 1)]
    assert sum(chinese_calendar.is_workday(d) for d in days) == 10 and chinese_calendar.is_workday(due)
