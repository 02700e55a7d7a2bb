"""Speeding and overloading by the numbers (issue 27, item 3), worked by hand.

The bands, read off the texts ("以上" includes its number, "不足"/"未达到" excludes it: LAW.md):
  河北省办法 第七十六条第（十二）项 高速公路 超过不足20%: 100元     第七十八条第（三）项 高速公路 20%以上不足50%: 200元
  河北省办法 第七十六条第（十一）项 高速公路以外 不足50%: 100元     道路交通安全法 第九十九条第一款第（四）项 超过50%: 200-2000元
  记分 (A = 校车、中型以上载客载货汽车、危险物品运输车辆; B = 其他机动车):
    高速公路、城市快速路: A 未达20% 6 (第十条第二项), A 20%以上 12 (第八条第五项); B 20%以上未达50% 6 (第十条第三项),
                          B 50%以上 12 (第八条第五项); B 未达20% 不记分
    其他道路: A 10%以上未达20% 1 (第十二条第一项), A 20%以上未达50% 6 (第十条第二项), A 50%以上 9 (第九条第二项);
              B 20%以上未达50% 3 (第十一条第二项), B 50%以上 6 (第十条第三项); 其余不记分
With a limit of 100 km/h, a measured 110, 120, 150 is exactly 10 %, 20 %, 50 % over.
"""
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.errors import InvalidInput
from calc.traffic.measured import overloading, shown, speeding

D = dt.date
ACT = D(2026, 3, 2)
HB11, HB12, HB78, LAW = "traffic.hb-76-11", "traffic.hb-76-12", "traffic.hb-78-3", "traffic.law-99-1-4"


@pytest.fixture(scope="module")
def t(schedules):
    return schedules.traffic


def speed(t, vehicle, road, measured, limit=100):
    m = speeding(t, ACT, ACT, vehicle, road, Decimal(limit), Decimal(str(measured)))
    a = m.assessment
    return m.act, (int(a.fine.min), int(a.fine.max)), a.points


CASES = [
    # small_passenger (B) on an expressway
    ("small_passenger", "expressway", 109, HB12, (100, 100), 0),
    ("small_passenger", "expressway", 110, HB12, (100, 100), 0),
    ("small_passenger", "expressway", 119, HB12, (100, 100), 0),
    ("small_passenger", "expressway", 120, HB78, (200, 200), 6),  # 20 % 以上: 第七十八条, 第十条第三项
    ("small_passenger", "expressway", 121, HB78, (200, 200), 6),
    ("small_passenger", "expressway", 149, HB78, (200, 200), 6),
    ("small_passenger", "expressway", 150, LAW, (200, 2000), 12),  # 50 %: 第九十九条 includes it; 第八条第五项
    ("small_passenger", "expressway", 151, LAW, (200, 2000), 12),
    # B on an urban expressway (Hebei's 非高速公路)
    ("small_passenger", "urban_expressway", 110, HB11, (100, 100), 0),
    ("small_passenger", "urban_expressway", 119, HB11, (100, 100), 0),
    ("small_passenger", "urban_expressway", 120, HB11, (100, 100), 6),
    ("small_passenger", "urban_expressway", 149, HB11, (100, 100), 6),
    ("small_passenger", "urban_expressway", 150, LAW, (200, 2000), 12),
    # B on another road
    ("small_passenger", "other", 110, HB11, (100, 100), 0),
    ("small_passenger", "other", 119, HB11, (100, 100), 0),
    ("small_passenger", "other", 120, HB11, (100, 100), 3),
    ("small_passenger", "other", 149, HB11, (100, 100), 3),
    ("small_passenger", "other", 150, LAW, (200, 2000), 6),
    ("small_passenger", "other", 151, LAW, (200, 2000), 6),
    # A (中型以上载货汽车) on an expressway
    ("medium_large_truck", "expressway", 101, HB12, (100, 100), 6),
    ("medium_large_truck", "expressway", 110, HB12, (100, 100), 6),
    ("medium_large_truck", "expressway", 119, HB12, (100, 100), 6),
    ("medium_large_truck", "expressway", 120, HB78, (200, 200), 12),
    ("medium_large_truck", "expressway", 149, HB78, (200, 200), 12),
    ("medium_large_truck", "expressway", 150, LAW, (200, 2000), 12),
    # A on an urban expressway
    ("school_bus", "urban_expressway", 109, HB11, (100, 100), 6),
    ("school_bus", "urban_expressway", 119, HB11, (100, 100), 6),
    ("school_bus", "urban_expressway", 120, HB11, (100, 100), 12),
    ("school_bus", "urban_expressway", 149, HB11, (100, 100), 12),
    ("school_bus", "urban_expressway", 150, LAW, (200, 2000), 12),
    # A on another road: 10 % is where the points start
    ("dangerous_goods", "other", 109, HB11, (100, 100), 0),
    ("dangerous_goods", "other", 110, HB11, (100, 100), 1),
    ("dangerous_goods", "other", 111, HB11, (100, 100), 1),
    ("dangerous_goods", "other", 119, HB11, (100, 100), 1),
    ("dangerous_goods", "other", 120, HB11, (100, 100), 6),
    ("dangerous_goods", "other", 121, HB11, (100, 100), 6),
    ("dangerous_goods", "other", 149, HB11, (100, 100), 6),
    ("dangerous_goods", "other", 150, LAW, (200, 2000), 9),
    ("dangerous_goods", "other", 151, LAW, (200, 2000), 9),
]


@pytest.mark.parametrize("vehicle, road, measured, act, fine, points", CASES,
                         ids=[f"{v}-{r}-{m}" for v, r, m, *_ in CASES])
def test_speeding_at_and_around_10_20_and_50_percent(t, vehicle, road, measured, act, fine, points):
    assert speed(t, vehicle, road, measured) == (act, fine, points)


def test_exactly_10_percent_is_exact_in_decimals_too(t):
    # 66 under 60 is 10 % exactly (a float would make it 9.999…): 第十二条第一项's 10 %以上 holds
    m = speeding(t, ACT, ACT, "medium_large_passenger", "other", Decimal(60), Decimal(66))
    assert m.percent == 10 and m.assessment.points == 1
    # 180 under 120 is 50 %: 第九十九条
    assert speeding(t, ACT, ACT, "small_passenger", "expressway", Decimal(120), Decimal(180)).act == LAW
    # 179.99 under 120 is 49.99…%: still Hebei's 不足百分之五十, shown rounded down
    m = speeding(t, ACT, ACT, "small_passenger", "expressway", Decimal(120), Decimal("179.99"))
    assert m.act == HB78 and shown(m.percent) == Decimal("49.99")


def test_not_over_the_limit_is_refused_naming_measured(t):
    for measured in (100, 99, 0):
        with pytest.raises(InvalidInput) as refused:
            speeding(t, ACT, ACT, "small_passenger", "other", Decimal(100), Decimal(measured))
        assert refused.value.field == "measured"


def test_a_coach_of_unknown_size_is_asked_for_where_the_size_decides(t):
    # 公路客运汽车 may or may not be 中型以上: at 25 % on another road the points differ (6 or 3)
    with pytest.raises(InvalidInput) as asked:
        speeding(t, ACT, ACT, "highway_coach", "other", Decimal(100), Decimal(125))
    assert asked.value.field == "vehicle"
    # …but at 5 % on another road no band of either group holds: no need to ask
    assert speeding(t, ACT, ACT, "highway_coach", "other", Decimal(100), Decimal(105)).assessment.points == 0


def test_unknown_vehicle_or_road_is_refused_naming_it(t):
    with pytest.raises(InvalidInput) as refused:
        speeding(t, ACT, ACT, "spaceship", "other", Decimal(100), Decimal(125))
    assert refused.value.field == "vehicle"
    with pytest.raises(InvalidInput) as refused:
        speeding(t, ACT, ACT, "small_passenger", "runway", Decimal(100), Decimal(125))
    assert refused.value.field == "road"


@settings(max_examples=150, deadline=None)
@given(limit=st.integers(5, 150), over=st.integers(1, 20000))
def test_the_act_follows_the_per_cent_and_never_skips_a_band(t, limit, over):
    # Property: for any limit and a speed over it, the act is the one whose band holds, by exact arithmetic.
    measured = Decimal(limit) + Decimal(over) / 100
    percent = (Fraction(measured) - limit) * 100 / limit
    for road in ("expressway", "urban_expressway", "other"):
        m = speeding(t, ACT, ACT, "small_passenger", road, Decimal(limit), measured)
        if percent >= 50:
            assert m.act == LAW
        elif road == "expressway":
            assert m.act == (HB78 if percent >= 20 else HB12)
        else:
            assert m.act == HB11


# ------------------------------------------------------------ overloading


def load(t, vehicle, kind, rated, carried, **kw):
    m = overloading(t, ACT, ACT, vehicle, kind, Decimal(rated), Decimal(carried),
                    **{k: Decimal(v) for k, v in kw.items()})
    a = m.assessment
    return m.act, (int(a.fine.min), int(a.fine.max)), a.points


@pytest.mark.parametrize("vehicle, rated, carried, act, fine, points", [
    # 河北 第七十七条第（十九）项 二百元; 其他载客汽车 (under 7 seats): 20-50 % 3 (第十一条第一项), 50-100 % 6 (第十条第一项),
    # 100 %以上 12 (第八条第四项)
    ("small_passenger", 5, 6, "traffic.hb-77-19", (200, 200), 3),  # 20 %
    ("small_passenger", 5, 7, "traffic.hb-77-19", (200, 200), 3),  # 40 %
    ("small_passenger", 5, 8, "traffic.hb-77-19", (200, 200), 6),  # 60 %
    ("small_passenger", 5, 10, "traffic.hb-77-19", (200, 200), 12),  # 100 %
    # 7座以上 (核定 7): 未达20% 0; 20-50 % 6 (第十条第一项); 50-100 % 9 (第九条第一项); 100 % 12
    ("small_passenger", 7, 8, "traffic.hb-77-19", (200, 200), 0),  # 14.28 %
    ("small_passenger", 7, 9, "traffic.hb-77-19", (200, 200), 6),  # 28.57 %
    ("small_passenger", 7, 11, "traffic.hb-77-19", (200, 200), 9),  # 57.14 %
    ("small_passenger", 7, 14, "traffic.hb-77-19", (200, 200), 12),  # 100 %
    # 校车: 20 %以上 12 (第八条第四项), 未达20% 6 (第十条第一项); not 公路客运: Hebei's 二百元
    ("school_bus", 20, 24, "traffic.hb-77-19", (200, 200), 12),
    ("school_bus", 20, 23, "traffic.hb-77-19", (200, 200), 6),
    # 公路客运车辆: 第九十二条第一款 200-500, 超过20% 500-2000
    ("highway_coach", 40, 48, "traffic.law-92-1", (500, 2000), 12),  # 20 % (read as LAW.md reads 第九十九条: included)
    ("highway_coach", 40, 47, "traffic.law-92-1", (200, 500), 6),  # 17.5 %
])
def test_passengers_over_the_rated_number(t, vehicle, rated, carried, act, fine, points):
    assert load(t, vehicle, "passengers", rated, carried) == (act, fine, points)


def test_goods_over_the_rated_load_and_the_total_mass(t):
    # 第九十二条第二款: 超过核定载质量 200-500, 30 %以上 500-2000; 记分 by 最大允许总质量: 未达30% 1 (第十二条第六项),
    # 30-50 % 3 (第十一条第九项), 50 %以上 6 (第十条第四项)
    assert load(t, "truck", "goods", 1000, 1300, permitted_total=3000, total=3900) == ("traffic.law-92-2", (500, 2000), 3)
    assert load(t, "truck", "goods", 1000, 1299, permitted_total=3000, total=3300) == ("traffic.law-92-2", (200, 500), 1)
    assert load(t, "medium_large_truck", "goods", 10000, 16000, permitted_total=20000, total=30000) == \
        ("traffic.law-92-2", (500, 2000), 6)
    with pytest.raises(InvalidInput) as asked:  # the points need the total mass
        load(t, "truck", "goods", 1000, 1300)
    assert asked.value.field == "total"


def test_overloading_refusals_name_their_field(t):
    with pytest.raises(InvalidInput) as refused:
        load(t, "small_passenger", "passengers", 5, 5)
    assert refused.value.field == "carried"
    with pytest.raises(InvalidInput) as refused:  # a truck's passengers are not a route of 超员
        load(t, "truck", "passengers", 2, 3)
    assert refused.value.field == "vehicle"
