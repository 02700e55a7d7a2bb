"""Hebei's rental regulation beside 治安管理处罚法 on the landlord (issue 26 item 6), worked by hand from
../shared/laws/河北省租赁房屋治安管理条例(2019).md (in force 2020-01-01, 第三十二条):

- 第十条第二款: "出租人应当自房屋租赁合同签订之日起三个工作日内报送"; 第三款: "…发生变化、续租或者租赁终止
  的，出租人应当在三个工作日内报送相关信息";
- 第二十七条: "…未按规定报送租赁房屋和居住人信息的，由公安机关责令限期改正；逾期未改正的，由公安机关处二百元
  以上五百元以下罚款"; 第二十八条: "出租人将房屋出租给无有效身份证件的人员的，由公安机关处二百元以上五百元
  以下罚款"; 第二十九条 (十张以上床位): "…逾期未改正或者造成严重后果的，由公安机关处一千元以上五千元以下罚款";
- 行政处罚法 第十二条第二款: a local regulation on an act the law already punishes "必须在法律、行政法规规定的
  给予行政处罚的行为、种类和幅度的范围内规定"; 第三款: it may add penalties where the law sets none.
The 2026 notice: 国庆 10-01..10-07 off.
"""
from __future__ import annotations

import datetime as dt

import pytest

from calc import penalties as pen
from calc.answers.penalties import assessment_json
from calc.errors import InvalidInput
from calc.timelines import estimate

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def test_a_lease_signed_before_the_national_day_is_reported_after_it(schedules):
    # signed Monday 2026-09-28: working days 09-29 (1), 09-30 (2), then 10-08 (3)
    t = estimate(schedules.timelines, "rental-report", D(2026, 9, 28), schedules.calendar, schedules.rules)
    assert t.stages[0].due == D(2026, 10, 8)
    assert t.stages[0].basis == "河北省租赁房屋治安管理条例（2019） 第十条第一款、第二款"


def test_a_change_is_reported_within_three_working_days(schedules):
    # a change on Friday 2026-03-06: 03-09, 03-10, 03-11
    t = estimate(schedules.timelines, "rental-report-change", D(2026, 3, 6), schedules.calendar, schedules.rules)
    assert t.stages[0].due == D(2026, 3, 11)


def test_the_regulation_is_not_applied_before_it_took_effect(schedules, p):
    with pytest.raises(InvalidInput):
        estimate(schedules.timelines, "rental-report", D(2019, 12, 31), schedules.calendar, schedules.rules)
    with pytest.raises(InvalidInput) as err:
        pen.assess(p, "rental.hebei-unreported", D(2019, 12, 31), D(2020, 2, 1), "individual")
    assert err.value.field == "act_date"


def test_letting_to_a_person_without_identity_from_2026_is_under_the_law_and_says_why(p):
    # 2025 第六十八条第一款: 500-1,000 (情节较轻 警告或者500元以下); Hebei 第二十八条's 200-500 lies below the law's
    # range, which 第十二条第二款 does not allow: the law applies, the answer says so beside it
    a = pen.assess(p, "rental.unregistered-tenant", D(2026, 3, 2), D(2026, 3, 20), "individual")
    [b] = a.outcome.bands
    assert (b.fine("individual").min, b.fine("individual").max) == (500, 1000)
    beside = assessment_json(a)["beside"]
    assert [x["basis"] for x in beside] == ["河北省租赁房屋治安管理条例（2019） 第二十八条",
                                           "河北省租赁房屋治安管理条例（2019） 第二十七条"]
    assert "适用治安管理处罚法" in beside[0]["why"] and "第十二条第二款" in beside[0]["why"]
    assert beside[1]["violation"] == "rental.hebei-unreported"


def test_before_2026_the_two_ranges_were_the_same(p):
    a = pen.assess(p, "rental.unregistered-tenant", D(2025, 3, 2), D(2025, 3, 20), "individual")
    beside = assessment_json(a)["beside"]
    assert "幅度相同" in beside[0]["why"]
    before = pen.assess(p, "rental.unregistered-tenant", D(2019, 6, 3), D(2019, 6, 20), "individual")
    assert assessment_json(before)["beside"] == []  # the regulation was not yet in force


def test_a_late_report_is_ordered_first_then_fined(p):
    a = pen.assess(p, "rental.hebei-unreported", D(2026, 3, 2), D(2026, 3, 20), "individual")
    assert [b.sanctions("individual") for b in a.outcome.bands] == [["责令限期改正"]]
    assert a.procedure["hearing"].code == "hearing_local_no_fine"
    late = pen.assess(p, "rental.hebei-unreported", D(2026, 3, 2), D(2026, 3, 20), "individual", ["not_corrected"])
    [b] = late.outcome.bands
    assert (b.fine("individual").min, b.fine("individual").max) == (200, 500)
    # 行政处罚法 第五十一条: 公民 200 on the spot (only the floor); the hearing amount is Hebei's own
    # (程序规定 第一百二十三条第二款), not held here
    assert late.procedure["simplified"].status == "depends" and late.procedure["hearing"].code == "hearing_local"
    assert any(x.violation == "rental.unregistered-tenant" for x in late.choice.applied.beside_on(late.act_date))


def test_ten_beds_without_the_required_management(p):
    a = pen.assess(p, "rental.hebei-beds", D(2026, 3, 2), D(2026, 3, 20), "individual", ["serious"])
    assert [(b.fine("individual").min, b.fine("individual").max) for b in a.outcome.bands] == [(1000, 5000)]


def test_not_reporting_a_tenants_crime_is_the_laws_hebei_sets_no_sanction(p):
    a = pen.assess(p, "rental.unreported-tenant-crime", D(2026, 3, 2), D(2026, 3, 20), "individual")
    [x] = assessment_json(a)["beside"]
    assert x["text"] == "（五）发现承租人有违法犯罪嫌疑的，及时向公安机关报告；" and "未规定处罚" in x["why"]
