"""The 治安管理处罚法 catalogue: bands of both texts, 从旧兼从轻 by the doctrine, the general rules.

Expected values are read off ../shared/laws/治安管理处罚法(2012).md and (2025).md by hand; the
working is in the comments. The tests run against the real catalogue (schedules/penalties/zhian-*.toml)
once it is there, and against tests/data/zhian-fixture.toml (same ids, same format) until then.
"""
import datetime as dt
import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import penalties as pen
from calc import schedules as sched
from calc.citations import numeral
from calc.errors import InvalidInput, ScheduleError
from calc.schedules import Source

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests/data/zhian-fixture.toml"
LAWS = ROOT.parent / "shared/laws"
if not LAWS.is_dir():
    LAWS = Path("/work/shared/laws")
REAL = sorted((ROOT / "schedules/penalties").glob("zhian-*.toml"))


@pytest.fixture(scope="module")
def p(schedules):
    """The real catalogue when it is in the tree, else the bundled set plus the fixture."""
    if REAL:
        return schedules.penalties
    sources = sched.sources(schedules.root, "penalties")
    data = tomllib.loads(FIXTURE.read_text("utf-8"))
    return pen.load([*sources, Source("penalties/zhian-fixture.toml", data)],
                    {"calendar": schedules.calendar, "rules": schedules.rules})


def law_text(year: int) -> str:
    """The law file without markdown markers and whitespace, for verbatim checks."""
    t = (LAWS / f"治安管理处罚法({year}).md").read_text("utf-8")
    return re.sub(r"[\s　*]", "", t)


def outcome(p, vid, year, circ=(), party="individual"):
    v = p.get(vid)
    version = next(x for x in v.versions if x.basis.startswith(f"治安管理处罚法（{year}）"))
    return pen.select(version, circ, party, p.circumstances)


def bands(p, vid, year, circ=()):
    """Each band as (when, detention (min, max) | None, fine (min, max) | None, combination, warning)."""
    out = outcome(p, vid, year, circ)
    return [(b.when, b.detention, None if b.fines is None else (int(b.fine("individual").min), int(b.fine("individual").max)),
             b.mode, b.warning) for b in out.bands]


# ------------------------------------------------------------ bands of both texts, read off the texts

BANDS = [
    # 2025 第二十六条第一款: 处警告或者五百元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处一千元以下罚款
    ("zhian.26-1", 2025, (), [("base", None, (0, 500), None, True)]),
    ("zhian.26-1", 2025, ("serious",), [("serious", (5, 10), (0, 1000), "and_optional", False)]),
    # 2012 第二十三条第一款: 处警告或者二百元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处五百元以下罚款
    ("zhian.26-1", 2012, (), [("base", None, (0, 200), None, True)]),
    ("zhian.26-1", 2012, ("serious",), [("serious", (5, 10), (0, 500), "and_optional", False)]),
    # 2025 第二十九条: 处五日以上十日以下拘留，可以并处一千元以下罚款；情节较轻的，处五日以下拘留或者一千元以下罚款
    ("zhian.29-1", 2025, (), [("base", (5, 10), (0, 1000), "and_optional", False)]),
    ("zhian.29-1", 2025, ("minor",), [("minor", (1, 5), (0, 1000), "or", False)]),
    # 2012 第二十五条: 五日以上十日以下拘留，可以并处五百元以下罚款；情节较轻的，五日以下拘留或者五百元以下罚款
    ("zhian.29-1", 2012, ("minor",), [("minor", (1, 5), (0, 500), "or", False)]),
    # 2025 第三十条: 处五日以上十日以下拘留或者一千元以下罚款；情节较重的，十日以上十五日以下拘留，可以并处二千元以下罚款
    ("zhian.30-1", 2025, (), [("base", (5, 10), (0, 1000), "or", False)]),
    ("zhian.30-1", 2025, ("serious",), [("serious", (10, 15), (0, 2000), "and_optional", False)]),
    # 2012 第二十六条: 五日以上十日以下拘留，可以并处五百元以下罚款（基本）
    ("zhian.30-1", 2012, (), [("base", (5, 10), (0, 500), "and_optional", False)]),
    # 2025 第三十二条 / 2012 第二十八条: 五日以上十日以下拘留；情节严重的，十日以上十五日以下拘留（两文本相同）
    ("zhian.32-1", 2025, ("serious",), [("serious", (10, 15), None, None, False)]),
    ("zhian.32-1", 2012, (), [("base", (5, 10), None, None, False)]),
    # 2025 第三十三条: 五日以下拘留；情节较重的，五日以上十五日以下拘留（2012 第二十九条：五日以上十日以下）
    ("zhian.33-1", 2025, ("serious",), [("serious", (5, 15), None, None, False)]),
    ("zhian.33-1", 2012, ("serious",), [("serious", (5, 10), None, None, False)]),
    ("zhian.33-1", 2012, (), [("base", (1, 5), None, None, False)]),
    # 2025 第三十五条: 五日以上十日以下拘留或者一千元以上三千元以下罚款
    ("zhian.35-1", 2025, (), [("base", (5, 10), (1000, 3000), "or", False)]),
    # 2025 第三十六条 / 2012 第三十条: 十日以上十五日以下拘留；情节较轻的，五日以上十日以下拘留
    ("zhian.36-1", 2025, ("minor",), [("minor", (5, 10), None, None, False)]),
    ("zhian.36-1", 2012, (), [("base", (10, 15), None, None, False)]),
    # 2025 第三十八条第一款: 五日以下拘留，可以并处一千元以下罚款；情节较轻的，处警告或者五百元以下罚款
    ("zhian.38-1", 2025, ("minor",), [("minor", None, (0, 500), None, True)]),
    # 2012 第三十二条第一款: 五日以下拘留，可以并处五百元以下罚款；情节较轻的，处警告或者二百元以下罚款
    ("zhian.38-1", 2012, (), [("base", (1, 5), (0, 500), "and_optional", False)]),
    ("zhian.38-1", 2012, ("minor",), [("minor", None, (0, 200), None, True)]),
    # 第二款: 2025 五日以上十日以下拘留，可以并处一千元以下罚款；2012 …可以并处五百元以下罚款
    ("zhian.38-2", 2025, (), [("base", (5, 10), (0, 1000), "and_optional", False)]),
    ("zhian.38-2", 2012, (), [("base", (5, 10), (0, 500), "and_optional", False)]),
    # 2025 第四十条第一款 / 2012 第三十四条第一款: 十日以上十五日以下拘留
    ("zhian.40-1", 2025, (), [("base", (10, 15), None, None, False)]),
    # 第二款: 2025 五日以下拘留或者一千元以下罚款；2012 五日以下拘留或者五百元以下罚款
    ("zhian.40-2", 2025, (), [("base", (1, 5), (0, 1000), "or", False)]),
    ("zhian.40-2", 2012, (), [("base", (1, 5), (0, 500), "or", False)]),
    # 2025 第四十一条: 五日以上十日以下拘留，可以并处一千元以下罚款；2012 第三十五条 …五百元
    ("zhian.41-1", 2025, (), [("base", (5, 10), (0, 1000), "and_optional", False)]),
    ("zhian.41-1", 2012, ("minor",), [("minor", (1, 5), (0, 500), "or", False)]),
    # 2025 第四十二条: 处警告或者五百元以下罚款；2012 第三十六条: 处警告或者二百元以下罚款
    ("zhian.42-1", 2025, (), [("base", None, (0, 500), None, True)]),
    ("zhian.42-1", 2012, (), [("base", None, (0, 200), None, True)]),
    # 2025 第四十三条: 情节严重的，处十日以上十五日以下拘留，可以并处一千元以下罚款；2012 第三十七条: 五日以上十日以下，五百元
    ("zhian.43-1", 2025, ("serious",), [("serious", (10, 15), (0, 1000), "and_optional", False)]),
    ("zhian.43-1", 2012, ("serious",), [("serious", (5, 10), (0, 500), "and_optional", False)]),
    # 2025 第五十条第一款: 五日以下拘留或者一千元以下罚款；2012 第四十二条: 五日以下拘留或者五百元以下罚款
    ("zhian.50-1", 2025, (), [("base", (1, 5), (0, 1000), "or", False)]),
    ("zhian.50-1", 2012, (), [("base", (1, 5), (0, 500), "or", False)]),
    # 2025 第五十一条: 五日以上十日以下拘留，并处五百元以上一千元以下罚款；第二款（结伙等）十日以上十五日以下，
    # 并处一千元以上二千元以下；2012 第四十三条: 并处二百元以上五百元以下；第二款 并处五百元以上一千元以下
    ("zhian.51-1", 2025, (), [("base", (5, 10), (500, 1000), "and", False)]),
    ("zhian.51-1", 2025, ("gang",), [("gang", (10, 15), (1000, 2000), "and", False)]),
    ("zhian.51-1", 2012, (), [("base", (5, 10), (200, 500), "and", False)]),
    ("zhian.51-1", 2012, ("vulnerable_victim",), [("vulnerable_victim", (10, 15), (500, 1000), "and", False)]),
    # 2025 第五十四条: 五日以上十日以下拘留，并处三千元以上五千元以下罚款；2012 第四十六条: 并处二百元以上五百元以下
    ("zhian.54-1", 2025, (), [("base", (5, 10), (3000, 5000), "and", False)]),
    ("zhian.54-1", 2012, (), [("base", (5, 10), (200, 500), "and", False)]),
    # 2025 第五十七条: 处警告或者一千元以下罚款；情节较重的，处五日以上十日以下拘留
    ("zhian.57-1", 2025, (), [("base", None, (0, 1000), None, True)]),
    ("zhian.57-1", 2025, ("serious",), [("serious", (5, 10), None, None, False)]),
    # 2012 第四十八条: 五日以下拘留或者五百元以下罚款（无加重幅度）
    ("zhian.57-1", 2012, (), [("base", (1, 5), (0, 500), "or", False)]),
    # 2025 第五十八条: 五日以上十日以下拘留或者二千元以下罚款；情节较重的，十日以上十五日以下拘留，可以并处三千元以下罚款
    ("zhian.58-1", 2025, (), [("base", (5, 10), (0, 2000), "or", False)]),
    ("zhian.58-1", 2025, ("serious",), [("serious", (10, 15), (0, 3000), "and_optional", False)]),
    # 2012 第四十九条: 五日以上十日以下拘留，可以并处五百元以下罚款；情节较重的，十日以上十五日以下，可以并处一千元以下
    ("zhian.58-1", 2012, (), [("base", (5, 10), (0, 500), "and_optional", False)]),
    ("zhian.58-1", 2012, ("serious",), [("serious", (10, 15), (0, 1000), "and_optional", False)]),
    # 2025 第五十九条: 五日以下拘留或者一千元以下罚款；情节较重的，五日以上十日以下拘留，可以并处三千元以下罚款
    ("zhian.59-1", 2025, (), [("base", (1, 5), (0, 1000), "or", False)]),
    ("zhian.59-1", 2025, ("serious",), [("serious", (5, 10), (0, 3000), "and_optional", False)]),
    # 2025 第七十八条第一款: 十日以上十五日以下拘留，可以并处五千元以下罚款；情节较轻的，五日以下拘留或者一千元以下罚款
    ("zhian.78-1", 2025, ("minor",), [("minor", (1, 5), (0, 1000), "or", False)]),
    # 2012 第六十六条第一款: 情节较轻的，处五日以下拘留或者五百元以下罚款
    ("zhian.78-1", 2012, ("minor",), [("minor", (1, 5), (0, 500), "or", False)]),
    # 2025 第八十二条: 五日以下拘留或者一千元以下罚款；情节严重的，十日以上十五日以下拘留，并处一千元以上五千元以下罚款
    ("zhian.82-1", 2025, ("serious",), [("serious", (10, 15), (1000, 5000), "and", False)]),
    # 2012 第七十条: 情节严重的，处十日以上十五日以下拘留，并处五百元以上三千元以下罚款
    ("zhian.82-1", 2012, ("serious",), [("serious", (10, 15), (500, 3000), "and", False)]),
    # 2025 第八十四条第一款: 十日以上十五日以下拘留，可以并处三千元以下罚款；2012 第七十二条: 可以并处二千元以下罚款
    ("zhian.84-1", 2025, (), [("base", (10, 15), (0, 3000), "and_optional", False)]),
    ("zhian.84-1", 2012, (), [("base", (10, 15), (0, 2000), "and_optional", False)]),
    # 2025 第八十八条: 五日以下拘留或者一千元以下罚款；2012 第五十八条: 处警告；警告后不改正的，处二百元以上五百元以下罚款
    ("zhian.88-1", 2025, (), [("base", (1, 5), (0, 1000), "or", False)]),
    ("zhian.88-1", 2012, (), [("base", None, None, None, True)]),
    ("zhian.88-1", 2012, ("not_corrected",), [("not_corrected", None, (200, 500), None, False)]),
]


@pytest.mark.parametrize("vid, year, circ, expected", BANDS, ids=[f"{b[0]}-{b[1]}-{'+'.join(b[2]) or 'base'}" for b in BANDS])
def test_bands_read_off_both_texts(p, vid, year, circ, expected):
    assert bands(p, vid, year, circ) == expected


def test_at_least_twenty_articles_are_worked_by_hand():
    assert len({vid for vid, *_ in BANDS}) >= 20


def test_an_act_the_2012_text_did_not_punish_is_not_illegal_before_2026(p):
    # 2025 第三十五条 (英雄烈士 ...) has no counterpart in 2012 第三章: an act of 2025-12-01 decided in 2026
    # is judged by the act-time law, which did not make it an offence (行政处罚法 第三十七条).
    a = pen.assess(p, "zhian.35-1", D(2025, 12, 1), D(2026, 2, 2), "individual")
    assert a.choice.rule == "act_time" and not a.outcome.punishable and a.outcome.bands == ()
    assert "不认为是违法的" in a.choice.reason and "第三十七条" in a.choice.reason
    assert a.choice.comparison.decided_by == "not_punishable"
    assert a.choice.basis == "行政处罚法（2021） 第三十七条；治安管理处罚法（2012）"   # the rule and the act-time law
    assert a.procedure == {} and a.general == ()
    b = pen.assess(p, "zhian.35-1", D(2026, 1, 1), D(2026, 2, 2), "individual")
    assert b.choice.rule == "same" and b.outcome.punishable and b.choice.applied.basis.endswith("第三十五条")


# ------------------------------------------------------------ 从旧兼从轻 by the doctrine


def test_theft_the_new_text_allows_a_fine_instead_of_detention_and_is_lighter(p):
    # 2012 第四十九条: 5-10 days, may add ≤500; 2025 第五十八条: 5-10 days OR ≤2,000. Heaviest: both 10 days,
    # but 2012 may add 500 yuan to it -> the 2025 text is lighter, decided on the heaviest outcome.
    a = pen.assess(p, "zhian.58-1", D(2025, 11, 1), D(2026, 2, 1), "individual")
    assert a.choice.rule == "decision_time_lighter" and a.choice.applied.basis.endswith("第五十八条")
    assert (a.choice.comparison.decided_by, a.choice.comparison.aspect) == ("heaviest", "与拘留并处的罚款")
    # 情节较重: 10-15 days + ≤1,000 (2012) against 10-15 days + ≤3,000 (2025): the old text is lighter
    s = pen.assess(p, "zhian.58-1", D(2025, 11, 1), D(2026, 2, 1), "individual", ["serious"])
    assert s.choice.rule == "act_time" and s.choice.applied.basis.endswith("第四十九条")
    # ... and each answer names the circumstance that would switch it
    assert [w.code for w in a.switches] == ["serious"] and "旧法较轻，适用旧法" in a.switches[0].message
    assert [w.code for w in s.switches] == ["serious"] and "新法较轻，适用新法" in s.switches[0].message


def test_when_the_heaviest_outcomes_are_equal_the_lightest_decides():
    # same 10 days at most; one text mandates 5 days, the other allows a fine instead: the latter is lighter
    mandated = one_band(detention=(5, 10))
    instead = one_band(detention=(5, 10), fine=(0, 0.01), combination="or")
    assert pen.lighter(instead, mandated) and not pen.lighter(mandated, instead)
    c = pen.compare(instead, mandated)
    assert (c.decided_by, c.aspect) == ("lightest", "拘留日数")


def test_detention_beats_any_fine_and_an_added_fine_makes_detention_heavier():
    assert pen.lighter(one_band(fine=(0, 100000)), one_band(detention=(1, 1)))
    assert pen.lighter(one_band(detention=(1, 5)), one_band(detention=(1, 5), fine=(0, 200), combination="and_optional"))
    assert pen.lighter(one_band(detention=(1, 5), fine=(0, 200), combination="or"),
                       one_band(detention=(1, 5), fine=(0, 200), combination="and_optional"))


def test_the_postal_article_detention_in_2012_makes_the_2025_warning_or_fine_lighter(p):
    # 2012 第四十八条: ≤5 days or ≤500; 2025 第五十七条: warning or ≤1,000 -> heaviest: 5 days vs no detention
    a = pen.assess(p, "zhian.57-1", D(2025, 10, 1), D(2026, 1, 20), "individual")
    assert a.choice.rule == "decision_time_lighter" and a.choice.comparison.aspect == "拘留日数"


def test_noise_a_warning_in_2012_is_lighter_than_detention_or_a_fine_in_2025(p):
    # 2012 第五十八条: 处警告; 2025 第八十八条: ≤5 days or ≤1,000 -> the old text applies
    a = pen.assess(p, "zhian.88-1", D(2025, 12, 20), D(2026, 1, 20), "individual")
    assert a.choice.rule == "act_time" and a.outcome.describe() == "警告"


def test_landlord_minor_switch_says_the_new_text_is_lighter(p):
    # 2012 第五十七条: 200-500; 2025 第六十八条: 500-1,000, 情节较轻 警告或者五百元以下 -> old text, unless minor
    a = pen.assess(p, "rental.unregistered-tenant", D(2025, 11, 20), D(2026, 2, 10), "individual")
    assert a.choice.rule == "act_time"
    (w,) = a.switches
    assert w.code == "minor" and w.message.startswith("若情节较轻，新法较轻，适用新法")


# ------------------------------------------------------------ general rules


def general(a):
    return {g.id: g for g in a.general}


def test_detention_is_not_executed_for_a_person_over_70_but_2025_lifts_it_for_a_second_offence(p):
    # 2025 第二十三条第一款第三项 (七十周岁以上) and 第二款 (第三项 ... 一年以内二次以上 不受限制)
    a = pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual", ["serious", "over_70"])
    g = general(a)["detention-not-executed"]
    assert (g.status, g.basis) == ("yes", "治安管理处罚法（2025） 第二十三条")
    b = pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual", ["serious", "over_70", "twice_within_year"])
    assert general(b)["detention-not-executed"].status == "no"
    # 2012 第二十一条 has no exception: under the 2012 text the same person is still not detained
    c = pen.assess(p, "zhian.58-1", D(2025, 3, 1), D(2025, 3, 20), "individual", ["serious", "over_70", "twice_within_year"])
    g = general(c)["detention-not-executed"]
    assert (g.status, g.basis) == ("yes", "治安管理处罚法（2012） 第二十一条")
    # a pregnant offender: the exceptions of 第二款 name only items 1-3
    d = pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual",
                   ["serious", "pregnant_nursing", "serious_bad_influence"])
    assert general(d)["detention-not-executed"].status == "yes"


def test_a_prior_punishment_aggravates_within_six_months_in_2012_and_one_year_in_2025(p):
    a = pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual", ["prior_punishment"])
    g = general(a)["aggravation"]
    assert (g.status, g.basis) == ("yes", "治安管理处罚法（2025） 第二十二条") and "一年以内" in g.explanation
    b = pen.assess(p, "zhian.58-1", D(2025, 3, 1), D(2025, 3, 20), "individual", ["prior_punishment"])
    g = general(b)["aggravation"]
    assert (g.status, g.basis) == ("yes", "治安管理处罚法（2012） 第二十条") and "六个月内" in g.explanation


def test_combined_detention_at_most_20_days_and_mitigation_cite_their_articles(p):
    a = pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual", ["several_acts", "mitigating"])
    g = general(a)
    assert g["combined-execution"].status == "yes" and "20日" in g["combined-execution"].explanation
    assert g["combined-execution"].basis == "治安管理处罚法（2025） 第十六条"
    assert g["mitigation"].status == "yes" and g["mitigation"].explanation.startswith("从轻、减轻或者不予处罚")
    b = pen.assess(p, "zhian.58-1", D(2025, 3, 1), D(2025, 3, 20), "individual", ["mitigating"])
    assert general(b)["mitigation"].basis == "治安管理处罚法（2012） 第十九条"
    assert general(b)["mitigation"].explanation.startswith("减轻处罚或者不予处罚")


@pytest.mark.parametrize("vid, act, decision, status, limit", [
    # 2025 第一百零九条: 警告、一千元以下的罚款 by the police station; 第四十二条 warning or ≤500 -> yes
    ("zhian.42-1", D(2026, 2, 1), D(2026, 2, 5), "yes", "一千元"),
    # 2012 第九十一条: 警告、五百元以下; 2012 第三十六条 warning or ≤200 -> yes
    ("zhian.42-1", D(2025, 2, 1), D(2025, 2, 5), "yes", "五百元"),
    # theft 2025: detention or ≤2,000 -> only a warning or ≤1,000 may be decided by the station
    ("zhian.58-1", D(2026, 2, 1), D(2026, 2, 5), "depends", "一千元"),
    # 殴打 2025 第五十一条: detention is mandatory (并处) -> the county bureau decides
    ("zhian.51-1", D(2026, 2, 1), D(2026, 2, 5), "no", "一千元"),
])
def test_who_may_decide_follows_the_text_in_force_on_the_decision_date(p, vid, act, decision, status, limit):
    g = general(pen.assess(p, vid, act, decision, "individual"))["decision-authority"]
    assert g.status == status and limit in g.text


def test_the_general_rules_quote_the_texts_verbatim(p):
    for rule in p.general:
        for v in rule.versions:
            year = 2012 if "（2012）" in v.basis else 2025
            assert re.sub(r"\s", "", v.text) in law_text(year), v.basis


# ------------------------------------------------------------ refusals and data


def test_an_unknown_circumstance_is_refused_naming_the_field(p):
    with pytest.raises(InvalidInput) as err:
        pen.assess(p, "zhian.58-1", D(2026, 3, 1), D(2026, 3, 20), "individual", ["grave"])
    assert err.value.field == "circumstances" and "serious" in err.value.message


def test_each_violation_lists_its_own_codes_and_the_general_ones(p):
    codes = [c.code for c in p.codes(p.get("zhian.51-1"))]
    assert codes[:5] == ["minor", "gang", "vulnerable_victim", "repeated", "many_victims"]
    assert {"over_70", "prior_punishment", "several_acts"} <= set(codes)
    assert [c.code for c in p.codes(p.get("seal.unrecorded"))] == ["serious"]   # no 治安 general rules


def test_every_version_text_is_verbatim_in_its_law_file(p):
    # the law a version cites ("居民身份证法（2011） 第十九条" -> 居民身份证法(2011).md), whitespace and markdown aside
    texts: dict[str, str] = {}
    for v in p.violations.values():
        if not v.id.startswith("zhian."):
            continue
        for x in v.versions:
            if not x.punishable:
                continue
            name = x.law.replace("（", "(").replace("）", ")")
            if name not in texts:
                path = LAWS / f"{name}.md"
                assert path.is_file(), (v.id, x.basis, "no such law file")
                texts[name] = re.sub(r"[\s　*]", "", path.read_text("utf-8"))
            assert re.sub(r"\s", "", x.text) in texts[name], (v.id, x.basis)


def test_lookup_by_law_and_article(p):
    assert {v.id for v in p.citing("治安管理处罚法（2025）", 51)} >= {"zhian.51-1"}
    assert {v.id for v in p.citing("治安管理处罚法（2012）", 49)} >= {"zhian.58-1", "zhian.59-1"}
    assert {v.id for v in p.citing("治安管理处罚法（2025）", 68)} >= {"rental.unregistered-tenant"}
    assert p.citing("治安管理处罚法（2025）", 999) == []
    assert p.citing("治安管理处罚法(2025)", 51) == p.citing("治安管理处罚法（2025）", 51)   # half-width as typed


@pytest.mark.parametrize("typed, vid", [
    ("打架", "zhian.51-1"), ("偷东西", "zhian.58-1"), ("吸毒", "zhian.84-1"), ("赌博", "zhian.82-1"),
    ("嫖娼", "zhian.78-1"), ("醉酒闹事", "zhian.30-1"), ("噪音扰民", "zhian.88-1"), ("偷拍", "zhian.50-1"),
    ("谎报警情", "zhian.29-1"),
])
def test_search_finds_what_people_type(p, typed, vid):
    assert vid in {v.id for v in p.search(typed)}


def test_chinese_article_numbers():
    # the numbers as the law files head their articles (第十六条 … 第一百四十四条)
    assert [numeral(n) for n in (16, 20, 51, 109, 119, 144)] == \
        ["十六", "二十", "五十一", "一百零九", "一百一十九", "一百四十四"]


# The article numbers of the law files' headings (**第一百零九条**), read by a lookup of the numerals
# the code writes, so that the test reads the text without a parser of its own.
ARTICLE_NUMBER = {numeral(n): n for n in range(1, 1000)}


def _points_only_at(source, ours: set) -> bool:
    return all(b.get("violation") is None or not b["violation"].startswith("zhian.") or b["violation"] in ours
               for v in source.data.get("violation", []) for x in v.get("version", []) for b in x.get("beside", []))


def mutated(schedules, edit):
    """The bundled set without the real catalogue, plus an edited copy of the fixture."""
    data = tomllib.loads(FIXTURE.read_text("utf-8"))
    edit(data)
    ours = {v["id"] for v in data.get("violation", [])}
    # the files that point at an act of the real catalogue the fixture lacks (the seal and rental items'
    # `beside`, e.g. 2025 第六十九条) go with it: the loader rightly refuses a pointer to nothing
    sources = [x for x in sched.sources(schedules.root, "penalties")
               if not x.name.startswith("penalties/zhian-") and _points_only_at(x, ours)]
    return pen.load([*sources, Source("penalties/zz-test.toml", data)],
                    {"calendar": schedules.calendar, "rules": schedules.rules})


@pytest.mark.parametrize("edit, key", [
    (lambda d: d["violation"][0]["version"][1]["bands"][1].pop("combination"), "combination"),
    (lambda d: d["violation"][0]["version"][1]["bands"][1].update(combination="maybe"), "combination"),
    (lambda d: d["violation"][0]["version"][1]["bands"][0].update(combination="or"), "combination"),
    (lambda d: d["violation"][0]["version"][1]["bands"][1]["detention"].update(min=11), "min"),
    (lambda d: d["violation"][0]["version"][0].update(punishable=False), "text"),
    (lambda d: d.setdefault("circumstance", []).append({"code": "minor", "text": "又一个"}), "code"),
    (lambda d: d.setdefault("circumstance", []).append({"code": "Bad Code", "text": "x"}), "code"),
    (lambda d: d["violation"][0].update(acts=[""]), "acts"),
])
def test_bad_catalogue_data_names_the_file_and_key(schedules, edit, key):
    with pytest.raises(ScheduleError) as err:
        mutated(schedules, edit)
    assert err.value.file == "penalties/zz-test.toml" or "zz-test" in str(err.value)
    assert key in err.value.key or key in err.value.problem


def test_the_lookup_and_the_general_rules_read_the_references_not_the_words(schedules):
    # A note that names another article is words: the 2025 version of zhian.26-1 cites 第二十六条
    # (its reference's article), not 第九十九条, which the note mentions. A basis written as words only
    # (a county's remark) cites no law: the lookup does not find it and no general rule of the
    # 治安管理处罚法 (合并执行, 从重 …) is read for it, however like a citation its words look.
    def edit(d):
        d["violation"][0]["version"][1]["basis"][0]["note"] = "参照第九十九条"
        d["violation"][0]["version"][0]["basis"] = "治安管理处罚法（2012） 第二十三条第一款"
    p = mutated(schedules, edit)
    v = p.get("zhian.26-1")
    assert str(v.versions[1].basis) == "治安管理处罚法（2025） 第二十六条第一款（参照第九十九条）"
    assert v in p.citing("治安管理处罚法（2025）", 26) and v not in p.citing("治安管理处罚法（2025）", 99)
    assert v not in p.citing("治安管理处罚法（2012）", 23)
    assert v.versions[0].law is None and v.versions[1].law == "治安管理处罚法（2025）"
    assert pen.assess(p, "zhian.26-1", D(2025, 6, 1), D(2025, 6, 1), "individual").general == ()
    assert pen.assess(p, "zhian.26-1", D(2026, 6, 1), D(2026, 6, 1), "individual").general != ()


def test_a_files_own_circumstance_code_is_merged(schedules):
    def edit(d):
        d["circumstance"] = [{"code": "kiosk", "text": "测试用情形"}]
        d["violation"][0]["version"][1]["bands"].append({"when": "kiosk", "replaces_base": True, "warning": True})
    p = mutated(schedules, edit)
    assert p.circumstances["kiosk"].text == "测试用情形" and "kiosk" in p.get("zhian.26-1").codes()


# ------------------------------------------------------------ the 2025 text's 第三章, counted


def chapter3_clauses() -> list[tuple[int, int]]:
    """(article, paragraph) of every paragraph of 第三章 of the 2025 text that sets a sanction
    (处…拘留 / 罚款 / 警告)."""
    t = (LAWS / "治安管理处罚法(2025).md").read_text("utf-8")
    body = t[t.index("## 第三章"):t.index("## 第四章")]
    out, article, para = [], 0, 0
    for line in (x.strip() for x in body.splitlines()):
        m = re.match(r"\*\*第(.+?)条\*\*", line)
        if m:
            article, para = ARTICLE_NUMBER[m.group(1)], 1
        elif not line or line.startswith("#") or line.startswith("（"):
            continue
        else:
            para += 1
        if article and re.search(r"处[^。；]*?(拘留|罚款|警告)", line) and not line.startswith("（"):
            if (article, para) not in out:
                out.append((article, para))
    return out


def test_the_2025_chapter_counts_its_sanction_clauses():
    clauses = chapter3_clauses()
    assert (58, 1) in clauses and (51, 1) in clauses and (26, 2) in clauses
    assert all(26 <= a <= 89 for a, _ in clauses)
    assert len(clauses) > 64


def test_every_sanction_clause_of_the_2025_chapter_is_in_the_schedules(schedules):
    p = schedules.penalties
    cited = {(c.article, c.paragraph or 1) for v in p.violations.values() for basis in v.bases()
             for c in basis.cites if c.law.name == "治安管理处罚法" and c.edition == 2025}
    header = "".join(f.read_text("utf-8") for f in REAL)
    missing = [(a, k) for a, k in chapter3_clauses() if (a, k) not in cited
               and not re.search(rf"第{cn(a)}条", header)]
    assert not missing, missing


def cn(n: int) -> str:
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")


# ------------------------------------------------------------ properties


def one_band(detention=None, fine=None, combination=None, warning=False, licence=False):
    fines = None if fine is None else {k: pen.Fine(Decimal(str(fine[0])), Decimal(str(fine[1]))) for k in pen.PARTIES}
    lo, hi = detention or (0, 0)
    b = pen.Band(when="base", basis="测试", fines=fines, warning=warning, detention_max=hi,
                 detention_min=0 if lo <= 1 else lo, combination=combination if detention and fine else None,
                 licence=pen.Licence("revoke", "x") if licence else None)
    return pen.Outcome(pen.Version(D(2000, 1, 1), None, "测试", "测试", (b,)), (b,), (), "individual")


def _detention(lo, span):
    return None if lo is None else (lo, lo + span)


band = st.builds(
    lambda det, fine, comb, warn, lic, punish: (
        one_band(det, fine, comb, warn, lic) if punish else
        pen.Outcome(pen.Version(D(2000, 1, 1), None, "测试", "", (), punishable=False), (), (), "individual")),
    st.one_of(st.none(), st.builds(_detention, st.integers(1, 15), st.integers(0, 5))),
    st.one_of(st.none(), st.tuples(st.integers(0, 3000), st.integers(1, 5000)).map(lambda t: (t[0], t[0] + t[1]))),
    st.sampled_from(["and", "and_optional", "or"]), st.booleans(), st.booleans(),
    st.sampled_from([True, True, True, False]))


@given(band, band, band)
@settings(max_examples=300, deadline=None)
def test_lighter_is_a_strict_order_over_detention_fines_and_not_punishable(a, b, c):
    assert not pen.lighter(a, a)
    assert not (pen.lighter(a, b) and pen.lighter(b, a))
    if pen.lighter(a, b) and pen.lighter(b, c):
        assert pen.lighter(a, c)
    # comparable: exactly one of a<b, b<a, a~b; compare() says "equal" only for the last
    if not pen.lighter(a, b) and not pen.lighter(b, a):
        assert pen.compare(a, b).decided_by == "equal"


@given(data=st.data(), act=st.dates(D(2024, 6, 1), D(2026, 12, 31)), days=st.integers(0, 500))
@settings(max_examples=150, deadline=None)
def test_the_answer_never_applies_a_heavier_text_than_the_act_time_one(p, data, act, days):
    vid = data.draw(st.sampled_from(sorted(v for v in p.violations if v.startswith("zhian."))))
    v = p.get(vid)
    circ = data.draw(st.lists(st.sampled_from(v.codes() or ["serious"]), unique=True, max_size=2))
    a = pen.assess(p, vid, act, act + dt.timedelta(days=days), "individual", circ)
    act_outcome = pen.select(a.choice.act_version, circ, "individual", p.circumstances)
    assert not pen.lighter(act_outcome, a.outcome)
    if a.choice.applied is not a.choice.act_version:
        assert pen.lighter(a.outcome, act_outcome)


def test_a_victim_of_60_to_69_aggravates_under_the_2012_text_only(p):
    # 2012 第四十三条第二款（二）: 六十周岁以上的人 -> 10-15 days and 500-1,000; 2025 第五十一条第二款（二）:
    # 七十周岁以上 only, so a 65-year-old victim leaves the base band 5-10 days and 500-1,000, lighter
    a = pen.assess(p, "zhian.51-1", D(2025, 11, 1), D(2026, 2, 1), "individual", ["victim_60_69"])
    old, new = (o for _, o in a.choice.compared)
    assert [b.when for b in old.bands] == ["vulnerable_victim"] and [b.when for b in new.bands] == ["base"]
    assert a.choice.rule == "decision_time_lighter" and a.choice.comparison.aspect == "拘留日数"
    assert any("六十周岁以上不满七十周岁" in n for n in new.notes)


def test_the_victim_age_difference_is_named_as_a_switch(p):
    # 殴打 act 2025-11-01, decided 2026-02-01, base: 2012 第四十三条 5-10 days + 200-500 is lighter than 2025
    # 第五十一条 5-10 days + 500-1,000 (same detention, smaller added fine) -> old; with a 60-69 victim the
    # old text aggravates to 10-15 days and the new one does not -> the new text
    a = pen.assess(p, "zhian.51-1", D(2025, 11, 1), D(2026, 2, 1), "individual")
    assert a.choice.rule == "act_time"
    assert any(w.code == "victim_60_69" and "新法较轻，适用新法" in w.message for w in a.switches)


@given(data=st.data())
@settings(max_examples=200, deadline=None)
def test_the_character_index_finds_exactly_what_a_scan_finds(p, data):
    # words cut from the catalogue's own texts (so most queries hit), a few made up
    v = data.draw(st.sampled_from(list(p.violations.values())))
    hay = v.haystack
    start = data.draw(st.integers(0, max(0, len(hay) - 2)))
    word = hay[start:start + data.draw(st.integers(1, 4))].strip() or "盗窃"
    q = " ".join([word, *data.draw(st.lists(st.sampled_from(["罚款", "拘留", "zhian", "不存在", "2025"]), max_size=2))])
    assert {x.id for x in p.search(q)} == {x.id for x in p.violations.values() if scanned(x, q)}


def scanned(v, q: str) -> bool:
    """The reference the index must agree with: every word typed occurs in the act's text."""
    return all(word in v.haystack for word in q.strip().lower().split())
