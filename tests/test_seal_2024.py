"""Seal engraving under 印铸刻字业暂行管理规则 as revised on 2024-12-06 (issue 26 item 5), worked by hand
from ../shared/laws/印铸刻字业暂行管理规则(2024).md:

- 第三条第一款: "取得市场监管部门核发的营业执照后，应当在5日内…向所在地县级人民政府公安机关备案";
  第三款: "应当自有关变化发生之日起15日内…更新备案信息"; 第五条第（一）项: "在刻制公章后1日内…报…备案";
- 第七条第一款: "责令限期改正，予以警告；逾期不改正的，对公章刻制经营者处3000元以上3万元以下罚款。公章刻制
  经营者备案时提供虚假信息的，由公安机关责令限期改正，并处5000元以上1万元以下罚款；逾期不改正的，处1万元
  以上5万元以下罚款"; 第二款: "…予以警告；逾期不改正的，责令停业整顿1个月至3个月，对公章刻制经营者并处
  5000元以上5万元以下罚款，对直接负责的主管人员和其他直接责任人员处500元以上5000元以下罚款；情节较重的，
  由市场监管部门吊销营业执照".
Calendar days (the rule has no working days), 民法典 第二百零一条、第二百零三条; the 2026 notice
(国办发明电〔2025〕7号): 国庆 10-01..10-07 off, 10-10 (Sat) worked. The decision's date in force is in no
text here: every answer says it is not verified.
"""
from __future__ import annotations

import datetime as dt

import pytest

from calc import penalties as pen
from calc.answers.penalties import assessment_json, summary_json
from calc.errors import InvalidInput
from calc.timelines import estimate

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def due(schedules, pid, start):
    t = estimate(schedules.timelines, pid, start, schedules.calendar, schedules.rules)
    return t, t.stages[0].due


@pytest.mark.parametrize("pid, start, expected", [
    ("seal-filing", D(2026, 12, 1), D(2026, 12, 7)),           # 5 days: 12-06 is a Sunday → Monday 12-07
    ("seal-filing-change", D(2026, 9, 25), D(2026, 10, 10)),   # 15 days: 10-10 is a Saturday but a working day
    ("seal-engraving-report", D(2026, 9, 30), D(2026, 10, 8)),  # 1 day: 10-01 国庆 → 10-08
])
def test_the_filing_periods(schedules, pid, start, expected):
    t, day = due(schedules, pid, start)
    assert day == expected
    assert any(n.code == "version_caveat" and "未核对" in n.text for n in t.notes)
    assert "印铸刻字业暂行管理规则" in t.stages[0].basis


def test_a_filing_before_the_revision_is_refused_naming_start(schedules):
    with pytest.raises(InvalidInput) as err:
        estimate(schedules.timelines, "seal-filing", D(2024, 12, 5), schedules.calendar, schedules.rules)
    assert err.value.field == "start"


def test_late_filing_is_warned_first_then_fined(p):
    a = pen.assess(p, "seal.filing-late", D(2026, 3, 2), D(2026, 3, 20), "organization")
    assert [b.sanctions("organization") for b in a.outcome.bands] == [["警告", "责令限期改正"]]
    assert a.procedure["simplified"].status == "yes"  # 行政处罚法 第五十一条: a warning on the spot
    assert any("未核对" in n for n in a.outcome.notes)
    late = pen.assess(p, "seal.filing-late", D(2026, 3, 2), D(2026, 3, 20), "organization", ["not_corrected"])
    [b] = late.outcome.bands
    assert (b.fine("organization").min, b.fine("organization").max) == (3000, 30000)
    # 第五十一条: 法人或者其他组织 3,000 on the spot, so exactly 3,000 qualifies; a person's 200 does not;
    # 程序规定 第一百二十三条: a hearing for an organisation from 10,000 (depends), for a person from 2,000 (yes)
    assert late.procedure["simplified"].status == "depends"
    assert late.procedure["hearing"].status == "depends"
    person = pen.assess(p, "seal.filing-late", D(2026, 3, 2), D(2026, 3, 20), "individual", ["not_corrected"])
    assert person.procedure["simplified"].status == "no" and person.procedure["hearing"].status == "yes"


def test_false_filing_is_fined_at_once(p):
    a = pen.assess(p, "seal.false-filing", D(2026, 3, 2), D(2026, 3, 20), "organization")
    [b] = a.outcome.bands
    assert (b.fine("organization").min, b.fine("organization").max) == (5000, 10000) and b.order_to_correct
    again = pen.assess(p, "seal.false-filing", D(2026, 3, 2), D(2026, 3, 20), "organization", ["not_corrected"])
    assert [(x.fine("organization").min, x.fine("organization").max) for x in again.outcome.bands] == [(10000, 50000)]


def test_an_unreported_seal_not_corrected_brings_suspension_and_two_fines(p):
    a = pen.assess(p, "seal.engraving-unreported", D(2026, 3, 2), D(2026, 3, 20), "organization", ["not_corrected"])
    [b] = a.outcome.bands
    assert b.suspension == "责令停业整顿1个月至3个月"
    assert (b.fine("organization").min, b.fine("organization").max) == (5000, 50000)
    assert (b.persons_fine.min, b.persons_fine.max) == (500, 5000)
    assert "对直接负责的主管人员和其他直接责任人员处500元以上5000元以下罚款" in b.sanctions("organization")
    assert a.procedure["hearing"].status == "yes"  # 责令停产停业: 行政处罚法 第六十三条
    assert assessment_json(a)["bands"][0]["persons_fine"] == {"min": 500, "max": 5000}
    serious = pen.assess(p, "seal.engraving-unreported", D(2026, 3, 2), D(2026, 3, 20), "organization", ["serious"])
    assert any("由市场监管部门吊销营业执照" in s for x in serious.outcome.bands for s in x.sanctions("organization"))
    assert not any(x.licence for x in serious.outcome.bands)  # not the PSB's: no hearing for a licence


def test_the_county_items_stay_and_show_the_national_rules_beside_them(p):
    # Hebei's 5,000-30,000 as the county list quotes it, unchanged; beside it from 2024-12-06 the national
    # 第七条, and from 2026-01-01 治安管理处罚法（2025） 第六十九条
    a = pen.assess(p, "seal.unrecorded", D(2026, 3, 2), D(2026, 3, 20), "organization")
    [b] = a.outcome.bands
    assert (b.fine("organization").min, b.fine("organization").max) == (5000, 30000)
    assert a.choice.applied.rests_on == "county_list"
    beside = assessment_json(a)["beside"]
    assert [(x["basis"], x["violation"]) for x in beside] == [
        ("印铸刻字业暂行管理规则（2024年修订） 第七条第二款", "seal.engraving-unreported"),
        ("印铸刻字业暂行管理规则（2024年修订） 第七条第一款", "seal.filing-late"),
        ("治安管理处罚法（2025） 第六十九条", "zhian.69-1")]
    assert all("请核对" in x["why"] or "第二十九条" in x["why"] for x in beside)
    before = pen.assess(p, "seal.unrecorded", D(2025, 3, 2), D(2025, 3, 20), "organization")
    assert [x["violation"] for x in assessment_json(before)["beside"]] == ["seal.engraving-unreported", "seal.filing-late"]
    # one version from 2014: the beside rules by their own dates, on the act date
    assert assessment_json(pen.assess(p, "seal.unfiled-change", D(2024, 3, 2), D(2024, 3, 20), "organization"))["beside"] == []
    mid = assessment_json(pen.assess(p, "seal.unfiled-change", D(2025, 3, 2), D(2025, 3, 20), "organization"))
    assert [x["violation"] for x in mid["beside"]] == ["seal.filing-late"]


def test_the_2025_article_is_quoted_not_paraphrased(p):
    # before: "（另：…对直接责任人员处…）" in the basis; the text says "对其直接负责的主管人员和其他直接责任人员"
    assert "另：" not in summary_json(p.get("seal.unrecorded"))["basis"]
    v = p.get("seal.unrecorded").versions[-1]
    assert any(b.text.startswith("娱乐场所和公章刻制") for b in v.beside)
