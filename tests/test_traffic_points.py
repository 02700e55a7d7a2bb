"""The points cycle (issue 27, item 4), worked by hand from 道路交通安全违法行为记分管理办法(2021)
(第三条 the cycle, 第十五条 carrying over, 第十七条–第二十二条 12 points, 第二十五条–第二十七条 reduction)
and 机动车驾驶证申领和使用规定(2021) 第七十二条 (审验 after the cycle).

The cycle runs from the first licence date (its first day) to the day before its anniversary: a
licence of 2015-06-10 has cycles 2025-06-10..2026-06-09 and 2026-06-10..2027-06-09.
"""
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calc.errors import InvalidInput
from calc.traffic.points import Entry, Reduction, cycle_of, points_cycle

D = dt.date
FIRST = D(2015, 6, 10)


@pytest.fixture(scope="module")
def t(schedules):
    return schedules.traffic


def run(t, on, licence="small_car", entries=(), **kw):
    return points_cycle(t, FIRST, on, licence, [Entry(*e) if isinstance(e, tuple) else e for e in entries],
                        provisional=True, **kw)


def test_the_cycle_across_the_first_licence_anniversary(t):
    # 2026-06-09 is the last day of the cycle that began 2025-06-10; 2026-06-10 begins the next one
    entries = [(D(2025, 6, 10), 6), (D(2026, 6, 9), 3), (D(2026, 6, 10), 2)]
    a = run(t, D(2026, 6, 9), entries=entries)
    assert (a.start, a.end, a.total, a.full) == (D(2025, 6, 10), D(2026, 6, 9), 9, False)
    assert [c.status for c in a.entries] == ["counted", "counted", "outside"]
    b = run(t, D(2026, 6, 10), entries=entries)
    assert (b.start, b.end, b.total) == (D(2026, 6, 10), D(2027, 6, 9), 2)


def test_a_licence_of_29_february_ends_its_cycles_on_the_last_day_of_february(t):
    # 2020-02-29: in 2026 (a common year) the anniversary is 03-01, so 2025-03-01..2026-02-28, 2026-03-01..2027-02-28
    assert cycle_of(D(2020, 2, 29), D(2026, 2, 28)) == (D(2025, 3, 1), D(2026, 2, 28))
    assert cycle_of(D(2020, 2, 29), D(2026, 3, 1)) == (D(2026, 3, 1), D(2027, 2, 28))
    assert cycle_of(D(2020, 2, 29), D(2028, 2, 29)) == (D(2028, 2, 29), D(2029, 2, 28))


@given(st.dates(D(1990, 1, 1), D(2030, 12, 31)), st.integers(0, 20000))
def test_the_cycle_contains_the_day_and_is_twelve_months_long(first, days):
    on = first + dt.timedelta(days=days)
    start, end = cycle_of(first, on)
    assert start <= on <= end
    assert 364 <= (end - start).days <= 366
    assert cycle_of(first, end + dt.timedelta(days=1))[0] == end + dt.timedelta(days=1)


def test_twelve_points_bring_the_licence_withheld_and_seven_days_of_study(t):
    # 第十七条: 满12分 扣留驾驶证; 第十八条: 七天 (小型汽车); 第十九条: 现场+网络 ≥5天, 现场 ≥2天; 第二十一条: 知识考试
    a = run(t, D(2026, 3, 1), entries=[(D(2025, 9, 1), 6), (D(2026, 2, 1), 6)])
    assert (a.total, a.full, a.full_on) == (12, True, D(2026, 2, 1))
    assert (a.study.days, a.study.onsite_or_online, a.study.onsite, a.exams) == (7, 5, 2, ("knowledge",))


@pytest.mark.parametrize("licence, points, previous, days, exams", [
    ("large_truck", 12, 0, 30, ("knowledge",)),  # 大型货车: 三十天
    ("small_car", 24, 0, 14, ("knowledge", "road")),  # 满24分: +7; 第二十二条第一款 道路驾驶技能考试
    ("small_car", 36, 0, 21, ("knowledge", "field", "road")),  # 满36分: +14; 第二款 场地和道路
    ("small_car", 12, 1, 14, ("knowledge", "road")),  # 第二次满分: +7; 道路
    ("small_car", 12, 2, 21, ("knowledge", "field", "road")),  # 第三次: +14; 场地和道路
    ("small_car", 12, 20, 60, ("knowledge", "field", "road")),  # 7 + 7 x 20 = 147 > 最多六十天
    ("city_bus", 24, 1, 90, ("knowledge", "road")),  # 30 + 30 x (1 + 1) = 90 (最多一百二十天)
    ("large_passenger", 12, 5, 120, ("knowledge", "field", "road")),  # 30 + 150 -> 120
])
def test_study_days_by_licence_class_and_by_how_many_times(t, licence, points, previous, days, exams):
    a = run(t, D(2026, 3, 1), licence, [(D(2025, 9, 1), points)], previous_full=previous)
    assert (a.study.days, a.exams) == (days, exams)


def test_without_the_licence_class_the_days_are_not_guessed(t):
    a = run(t, D(2026, 3, 1), None, [(D(2025, 9, 1), 12)])
    assert a.full and a.study is None and any("准驾车型" in n for n in a.notes)


def test_an_act_is_scored_as_its_assessment_scores_it(t):
    # 闯红灯 (第十条第八项 6) twice = 12
    entries = [Entry(D(2025, 9, 1), violation="traffic.hb-76-1"), Entry(D(2025, 10, 1), violation="traffic.hb-76-1")]
    assert run(t, D(2026, 3, 1), entries=entries).total == 12
    # speeding needs its facts: 中型以上货车, 高速公路, 25 % -> 第七十八条第（三）项 and 第八条第五项 12
    e = Entry(D(2025, 9, 1), violation="traffic.hb-78-3", vehicle="medium_large_truck", road="expressway",
              over_percent=Decimal(25))
    assert run(t, D(2026, 3, 1), entries=[e]).total == 12
    with pytest.raises(InvalidInput) as asked:
        run(t, D(2026, 3, 1), entries=[Entry(D(2025, 9, 1), violation="traffic.hb-77-7")])
    assert asked.value.field == "entries[0].road"
    with pytest.raises(InvalidInput) as asked:
        run(t, D(2026, 3, 1), entries=[Entry(D(2025, 9, 1), violation="traffic.none")])
    assert asked.value.field == "entries[0].violation"


def test_an_act_before_april_2022_must_be_given_its_points(t):
    # the rules of 2021 are not in laws/: no guessing
    with pytest.raises(InvalidInput) as asked:
        points_cycle(t, D(2015, 6, 10), D(2022, 3, 1), "small_car", [Entry(D(2021, 9, 1), violation="traffic.hb-76-1")])
    assert asked.value.field == "entries[0].points"


def test_reduction_by_education_up_to_six_points(t):
    # 第二十七条: 现场学习 2 分 each; 第二十五条: 未满12分, 一个周期最高 6 分: 9 -> 7 -> 5 -> 3, the fourth refused
    reductions = [Reduction(D(2025, 12, d), "onsite") for d in (1, 2, 3, 4)]
    a = run(t, D(2026, 3, 1), entries=[(D(2025, 9, 1), 9)], reductions=reductions)
    assert (a.total, a.reduced) == (3, 6)
    assert any("达到上限" in s.rule for s in a.steps)


def test_a_reduction_takes_no_more_than_there_is_and_none_at_twelve(t):
    # 1 point left, a 2-point session takes 1; at 12 points (满分) no reduction (第二十五条 未满12分)
    a = run(t, D(2026, 3, 1), entries=[(D(2025, 9, 1), 1)], reductions=[Reduction(D(2025, 10, 1), "onsite")])
    assert (a.total, a.reduced) == (0, 1)
    a = run(t, D(2026, 3, 1), entries=[(D(2025, 9, 1), 12)], reductions=[Reduction(D(2025, 10, 1), "online")])
    assert (a.total, a.reduced, a.full) == (12, 0, True)


def test_reduction_is_refused_on_the_grounds_of_article_26(t):
    # 第二十六条第（二）项: punished for 买分 (traffic.pts-30-1, no points of its own) before the request
    entries = [Entry(D(2025, 9, 1), 3), Entry(D(2025, 9, 5), violation="traffic.pts-30-1")]
    a = run(t, D(2026, 3, 1), entries=entries, reductions=[Reduction(D(2025, 10, 1), "online")])
    assert (a.total, a.reduced) == (3, 0)
    assert any("不予受理" in s.rule and "买分卖分" in s.rule for s in a.steps)
    # the same act after the request does not bar it
    entries = [Entry(D(2025, 9, 1), 3), Entry(D(2025, 11, 5), violation="traffic.pts-30-1")]
    assert run(t, D(2026, 3, 1), entries=entries, reductions=[Reduction(D(2025, 10, 1), "online")]).reduced == 1
    # 第（三）项 given by the caller (实习期)
    a = run(t, D(2026, 3, 1), entries=[(D(2025, 9, 1), 3)], reductions=[Reduction(D(2025, 10, 1), "online")],
            bars=["licence_state"])
    assert (a.total, a.reduced) == (3, 0)


def test_unpaid_points_of_a_cycle_under_twelve_pass_into_the_next(t):
    # 第十五条: 2025-03-01 (previous cycle 2024-06-10..2025-06-09), 3 points, fine unpaid -> carried
    entries = [Entry(D(2025, 3, 1), 3, unpaid=True), Entry(D(2025, 4, 1), 2), Entry(D(2025, 9, 1), 6)]
    a = run(t, D(2026, 3, 1), entries=entries)
    assert [c.status for c in a.entries] == ["carried", "outside", "counted"] and a.total == 9


def test_review_after_the_cycle_for_a_large_licence_with_points(t):
    # 驾驶证规定 第七十二条第三款: 大型货车 with points: within 30 days after the cycle (ends 2026-06-09):
    # 2026-07-09 (Thursday, a working day)
    a = run(t, D(2026, 3, 1), "large_truck", [(D(2025, 9, 1), 1)])
    assert (a.review.required, a.review.due.due) == (True, D(2026, 7, 9))
    # no points in the cycle: 免予本记分周期审验
    assert run(t, D(2026, 3, 1), "large_truck").review.required is False
    # a small car: only for the facts of 第四款、第五款 (or a school-bus driver, 第九十条)
    assert run(t, D(2026, 3, 1), "small_car", [(D(2025, 9, 1), 1)]).review.required is False
    assert run(t, D(2026, 3, 1), "small_car", review_facts=["fatal_accident"]).review.required is True
    assert run(t, D(2026, 3, 1), None).review.required is None


def test_the_licence_rules_amendment_not_at_hand_is_said(t):
    assert any("公安部令第172号" in n for n in run(t, D(2026, 3, 1)).notes)


def test_before_the_2022_rules_the_cycle_is_given_and_what_is_missing_said(t):
    a = points_cycle(t, FIRST, D(2022, 3, 1), "small_car", [Entry(D(2021, 9, 1), 12)])
    assert (a.start, a.end, a.total, a.full, a.study) == (D(2021, 6, 10), D(2022, 6, 9), 12, True, None)
    assert a.review.required is None
    assert any("公安部令第123号" in n for n in a.notes)


def test_bad_input_is_refused_naming_the_field(t):
    for kw, field in (({"on": D(2014, 1, 1)}, "on"), ({"licence": "tank"}, "vehicle"),
                      ({"bars": ["nope"]}, "bars[0]"), ({"review_facts": ["nope"]}, "review_facts[0]"),
                      ({"reductions": [Reduction(D(2025, 10, 1), "nap")]}, "reductions[0].kind")):
        args = {"on": D(2026, 3, 1), "licence": "small_car", **kw}
        with pytest.raises(InvalidInput) as refused:
            points_cycle(t, FIRST, args.pop("on"), args.pop("licence"), **args)
        assert refused.value.field == field
