"""Thresholds from the county list, section 二: facts in, referral out (worked from the texts)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc.errors import InvalidInput
from calc.thresholds import assess_threshold


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def referrals(answer):
    return [(o.referral, o.authority) for o in answer.referrals]


def test_thirty_members_and_three_levels_is_a_criminal_case_against_the_organisers(p):
    # 二、3: 层级达3级以上成员达30人以上，公安局负责对组织者、领导者进行刑事立案侦查 (以上 includes 30, 3)
    a = assess_threshold(p.threshold("pyramid-selling"), {"members": 30, "levels": 3, "role": "organizer"})
    assert a.met and [o.referral for o in a.referrals] == ["criminal"]
    assert "公安" in a.referrals[0].authority and "第二百二十四条之一" in a.referrals[0].basis


@pytest.mark.parametrize("members, levels", [(29, 3), (30, 2), (500, 1)])
def test_below_either_threshold_the_organisers_go_to_market_regulation(p, members, levels):
    a = assess_threshold(p.threshold("pyramid-selling"), {"members": members, "levels": levels, "role": "organizer"})
    # Changed (issue 15): from 2026-01-01 治安管理处罚法（2025） 第三十四条第一款 also punishes the
    # organiser (the act time not given: both are listed, the PSB's says "2026-01-01以后的").
    assert not a.met and [o.referral for o in a.referrals] == ["administrative", "administrative"]
    assert "市场监督管理" in a.referrals[0].authority
    assert a.referrals[1].basis == "治安管理处罚法（2025） 第三十四条第一款"
    old = assess_threshold(p.threshold("pyramid-selling"),
                           {"members": members, "levels": levels, "role": "organizer", "act_time": "before_2026"})
    assert [o.referral for o in old.referrals] == ["administrative"] and "市场监督管理" in old.referrals[0].authority


def test_other_participants_go_to_market_regulation_even_above_the_threshold(p):
    # 二、3: 工商部门负责对其他参与人员进行查处
    a = assess_threshold(p.threshold("pyramid-selling"), {"members": 120, "levels": 5, "role": "participant"})
    assert a.met and [o.referral for o in a.referrals] == ["administrative"]
    assert "禁止传销条例" in a.referrals[0].basis


def test_without_a_role_every_referral_for_the_result_is_listed(p):
    a = assess_threshold(p.threshold("pyramid-selling"), {"members": 30, "levels": 3})
    assert sorted(o.referral for o in a.referrals) == ["administrative", "criminal"]


def test_the_seeds_801_mg_per_kg_exceeds_the_100_mg_limit(p):
    # Changed (issue 15): the facts say the kind of product; the seed's case is a 包子 ("other"):
    # aluminium from an additive is unlawful at any level (2014年第8号公告), 801 all the more.
    a = assess_threshold(p.threshold("food.aluminium"), {"aluminium_mg_per_kg": 801, "product": "other"})
    assert not a.met and sorted(o.referral for o in a.referrals) == ["administrative", "criminal"]
    assert "GB 2760" in a.tests[0].test.basis


@pytest.mark.parametrize("value, met", [(100, True), (99.9, True), (100.01, False)])
def test_aluminium_limit_is_inclusive(p, value, met):
    # changed (issue 15): the 100 mg/kg limit is for fried flour products, batters, coatings, frying mixes
    a = assess_threshold(p.threshold("food.aluminium"), {"aluminium_mg_per_kg": value, "product": "fried"})
    assert a.met is met
    assert [o.referral for o in a.referrals] == (["none"] if met else ["administrative", "criminal"])


@pytest.mark.parametrize("facts, field", [
    ({"levels": 3}, "facts.members"),
    ({"members": "many", "levels": 3}, "facts.members"),
    ({"members": 30.5, "levels": 3}, "facts.members"),
    ({"members": -1, "levels": 3}, "facts.members"),
    ({"members": 30, "levels": 3, "role": "boss"}, "facts.role"),
    ({"members": 30, "levels": 3, "role": ["organizer"]}, "facts.role"),
    ({"members": 30, "levels": 3, "colour": "red"}, "facts.colour"),
])
def test_bad_facts_name_the_field(p, facts, field):
    with pytest.raises(InvalidInput) as err:
        assess_threshold(p.threshold("pyramid-selling"), facts)
    assert err.value.field == field


@given(members=st.integers(0, 10_000), levels=st.integers(0, 50), more=st.integers(0, 100), deeper=st.integers(0, 5))
@settings(max_examples=200, deadline=None)
def test_a_larger_or_deeper_organisation_never_falls_below_the_threshold(schedules, members, levels, more, deeper):
    t = schedules.penalties.threshold("pyramid-selling")
    small = assess_threshold(t, {"members": members, "levels": levels})
    big = assess_threshold(t, {"members": members + more, "levels": levels + deeper})
    assert small.met <= big.met
    assert small.met == (members >= 30 and levels >= 3)
