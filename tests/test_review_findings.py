"""The review's smaller findings (issue 26 item 3), each worked by hand from the texts in ../shared/laws.

- 从重 set by an act's own paragraph (2025 第八十四条第二款 and every paragraph of that kind) is said,
  citing that paragraph;
- 居民身份证法 第十六条 and 居住证暂行条例 第十八条 give a warning *together with* the fine;
- 2025 第二十八条第二款 "强行带离现场，可以处…" is discretionary, with a measure that is not a penalty;
- 2025 第二十三条 is quoted whole, not cut into pieces;
- criminal periods cite 刑事诉讼法 第一百零五条, not 民法典;
- the lighter-law reason weighs a fine allowed instead of detention (500 against 1,000);
- 传销 before 2026 was punished, by 工商行政管理部门 under 禁止传销条例 第二十四条;
- a listing names each text once.
"""
from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calc import penalties as pen
from calc.answers.penalties import assessment_json, summary_json, violation_json
from calc.timelines import estimate

sys.path.insert(0, str(Path(__file__).parent))
from test_law_texts import articles  # noqa: E402  (the same reading of the texts as the data test)

D = dt.date
ACT, DECIDED = D(2026, 3, 1), D(2026, 3, 10)


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


# ------------------------------------------------------------ 从重 of the act's own paragraph


def test_an_organiser_of_drug_taking_is_punished_more_heavily_citing_84_2(p):
    # 2025 第八十四条第一款: "处十日以上十五日以下拘留，可以并处三千元以下罚款"; 第二款: "聚众、组织吸食、注射
    # 毒品的，对首要分子、组织者依照前款的规定从重处罚。" No band of its own: 从重 within 10-15 days, ≤3,000.
    a = pen.assess(p, "zhian.84-1", ACT, DECIDED, "individual", ["organizer"])
    j = assessment_json(a)
    assert [(b["detention"], b["fine"]) for b in j["bands"]] == [({"min": 10, "max": 15}, {"min": 0, "max": 3000})]
    [ag] = j["aggravations"]
    assert ag["basis"] == "治安管理处罚法（2025） 第八十四条第二款"
    assert ag["text"] == "聚众、组织吸食、注射毒品的，对首要分子、组织者依照前款的规定从重处罚。"
    assert ag["citation"] == "《中华人民共和国治安管理处罚法》第八十四条第二款"
    assert any("从重处罚" in n and "第八十四条第二款" in n for n in j["notes"])
    assert not any("未对" in n for n in j["notes"])  # no longer "未…单设处罚幅度，在适用的幅度内裁量"


def test_the_2012_text_had_no_such_paragraph_and_the_answer_says_so(p):
    # Act 2025-06-01, decided 2026-03-10: 2012 第七十二条 "十日以上十五日以下拘留，可以并处二千元以下罚款"
    # is lighter than 2025 第八十四条第一款 (…三千元以下) and applies; 2012 has no 从重 for organisers,
    # only its general 第二十条.
    a = pen.assess(p, "zhian.84-1", D(2025, 6, 1), DECIDED, "individual", ["organizer"])
    assert a.choice.applied.basis == "治安管理处罚法（2012） 第七十二条"
    assert a.outcome.aggravations == ()
    assert any("没有对“组织者／领导者／首要分子”从重处罚的规定" in n for n in a.outcome.notes)
    assert any(g.id == "aggravation" and "第二十条" in g.basis for g in a.general)


def _paragraphs_setting_aggravation():
    """Every paragraph of either text of 治安管理处罚法 that sets 从重处罚 by itself, the general rules
    (2012 第二十条, 2025 第二十二条) aside: read from the texts, not from the schedules."""
    out = []
    for year, general in ((2012, "20"), (2025, "22")):
        for number, art in articles(f"治安管理处罚法({year}).md").items():
            for k, para in enumerate(art.paragraphs, 1):
                if "从重处罚" in "".join(para) and number != general:
                    out.append((year, int(number), k))
    return out


@pytest.mark.parametrize("year, article, paragraph", _paragraphs_setting_aggravation())
def test_every_paragraph_that_sets_aggravation_is_said_and_cited(p, year, article, paragraph):
    # 2012 第五十条第二款、第五十一条第二款; 2025 第六十一条第二款、第六十二条第二款、第八十条第二款、
    # 第八十一条第三款、第八十四条第二款 (the texts' own list, found above)
    found = [(v.id, x, a) for v in p.violations.values() for x in v.versions for a in x.aggravations
             if any(c.edition == year and c.article == article and c.paragraph == paragraph for c in a.basis.cites)]
    assert found, f"{year} 第{article}条第{paragraph}款"
    vid, version, ag = found[0]
    day = version.first + dt.timedelta(days=30)
    a = pen.assess(p, vid, day, day, "individual", [ag.code])
    assert a.outcome.aggravations == (ag,)
    assert "".join(articles(f"治安管理处罚法({year}).md")[str(article)].paragraphs[paragraph - 1]) == ag.text


def test_the_paragraph_codes_choose_no_band_and_are_offered(p):
    v = p.get("zhian.61-1")
    assert "obstruct_police" in [c.code for c in p.codes(v)]
    plain = pen.assess(p, "zhian.61-1", ACT, DECIDED, "individual")
    obstructing = pen.assess(p, "zhian.61-1", ACT, DECIDED, "individual", ["obstruct_police"])
    assert plain.outcome.bands == obstructing.outcome.bands
    assert obstructing.switches == ()


# ------------------------------------------------------------ warning and fine together


def test_lending_an_id_card_before_2026_gives_a_warning_and_the_fine(p):
    # 居民身份证法 第十六条: "由公安机关给予警告，并处二百元以下罚款，有违法所得的，没收违法所得". Act
    # 2025-03-01 (the 2012 治安 text did not punish lending an ID card), decided 2026-03-10: 2025
    # 第六十三条 (十日以上十五日以下拘留…) is not lighter, so 第十六条 applies: 警告 and 0-200 yuan.
    a = pen.assess(p, "zhian.63-1c", D(2025, 3, 1), DECIDED, "individual")
    assert a.choice.applied.basis == "居民身份证法（2011） 第十六条"
    [b] = a.outcome.bands
    assert b.with_warning and not b.warning and (b.fine("individual").min, b.fine("individual").max) == (0, 200)
    assert "警告，并处200元以下罚款" in b.sanctions("individual")
    assert assessment_json(a)["bands"][0]["with_warning"] is True


def test_a_residence_permit_the_same_with_an_order_to_correct(p):
    # 居住证暂行条例 第十八条: "由公安机关给予警告、责令改正，处200元以下罚款，有违法所得的，没收违法所得"
    a = pen.assess(p, "zhian.63-1d", D(2025, 3, 1), DECIDED, "individual")
    assert a.choice.applied.basis == "居住证暂行条例（2015） 第十八条"
    assert a.outcome.bands[0].sanctions("individual") == ["有违法所得的，没收违法所得", "警告，并处200元以下罚款", "责令改正"]


# ------------------------------------------------------------ 可以处


def test_entering_a_venue_against_a_ban_is_removed_and_may_be_punished(p, client):
    # 2025 第二十八条第二款: "违反规定进入体育场馆、演出场馆的，强行带离现场，可以处五日以下拘留或者一千元以下
    # 罚款": 强行带离现场 always; detention, a fine or nothing. On the spot (第一百一十九条) only a fine
    # within 500; collected (第一百二十三条第（一）项) within 200; no hearing (below 4,000, 第一百一十七条).
    a = pen.assess(p, "zhian.28-2", ACT, DECIDED, "individual")
    [b] = a.outcome.bands
    assert b.sanctions("individual") == ["强行带离现场", "可以处5日以下拘留或者1000元以下罚款（是否处罚由公安机关裁量）"]
    s, c, h = (a.procedure[k] for k in ("simplified", "collection", "hearing"))
    assert (s.status, s.qualifying[0].fine.max) == ("depends", 500)
    assert (c.status, c.qualifying[0].fine.max) == ("depends", 200)
    assert h.status == "no"
    j = client.get("/v1/penalties/zhian.28-2").json["versions"][1]["bands"][0]
    assert (j["discretionary"], j["measure"]) == (True, "强行带离现场")
    # nothing at all is lighter than any penalty: the lightest this band requires is nothing
    assert pen.lightest(b, "individual") == pen.Degree()


# ------------------------------------------------------------ 2025 第二十三条 whole


def test_the_rule_on_detention_not_executed_is_quoted_whole(p):
    # 2025 第二十三条第一款 ends "（四）怀孕或者哺乳自己不满一周岁婴儿的。"; 第二款: "前款第一项、第二项、
    # 第三项规定的行为人违反治安管理情节严重、影响恶劣的，或者第一项、第三项规定的行为人在一年以内二次以上
    # 违反治安管理的，不受前款规定的限制。" Before: "…婴儿的。；但前款…影响恶劣的第一项…".
    a = pen.assess(p, "zhian.51-1", ACT, DECIDED, "individual", ["minor"])
    fact = next(g for g in a.general if g.id == "detention-not-executed")
    whole = "".join(line for para in articles("治安管理处罚法(2025).md")["23"].paragraphs for line in para)
    assert fact.status == "depends" and fact.explanation == whole
    assert "。；" not in fact.explanation and "，或者第一项、第三项" in fact.explanation


# ------------------------------------------------------------ criminal periods


CRIMINAL = [("criminal-summons", "2026-09-30T20:00"), ("criminal-detention", "2026-09-30T20:00"),
            ("criminal-arrest", "2026-09-30T20:00"), ("criminal-custody", "2026-08-31"), ("bail", "2026-08-31"),
            ("residential-surveillance", "2026-08-31"), ("criminal-filing-refusal", "2026-09-30"),
            ("transferred-case", "2026-09-30T20:00"), ("filing-supervision", "2026-09-30")]


def _steps(schedules, pid, start, **inputs):
    from calc.timelines import StageInputs

    moment = dt.datetime.fromisoformat(start) if "T" in start else D.fromisoformat(start)
    t = estimate(schedules.timelines, pid, moment, schedules.calendar, schedules.rules, StageInputs(**inputs),
                 provisional=True)
    return t, [s for r in t.stages for s in r.steps]


@pytest.mark.parametrize("pid, start", CRIMINAL)
def test_no_criminal_step_cites_the_civil_code(schedules, pid, start):
    # 刑事诉讼法 第一百零五条第一款 "期间以时、日、月计算"; 民法典 第二百零四条 yields to "法律另有规定"
    _, steps = _steps(schedules, pid, start)
    assert steps and not [s for s in steps if "民法典" in s.basis]


def test_detention_days_are_counted_under_105(schedules):
    # Detained 2026-09-30 20:00: 提请批准逮捕 within 3 days: 09-30 not counted (第一百零五条第二款), the
    # 3rd day is 2026-10-03 (第一款), not moved although it is 国庆 (第四款: 在押); 检察院 7 days → 10-10.
    t, steps = _steps(schedules, "criminal-detention", "2026-09-30T20:00")
    due = {r.stage.id: r.due for r in t.stages}
    assert (due["arrest-request"], due["arrest-decision"]) == (D(2026, 10, 3), D(2026, 10, 10))
    counted = [s for s in steps if s.code == "days"]
    assert counted and all(s.basis == "刑事诉讼法 第一百零五条第一款" for s in counted)


def test_a_refusal_notice_not_in_custody_is_moved_off_the_holiday(schedules):
    # 3rd day after 2026-09-30 is 10-03 (国庆 10-01..10-07): "以节假日后的第一日为期满日期" → 10-08
    t, _ = _steps(schedules, "criminal-filing-refusal", "2026-09-30")
    assert t.stages[0].due == D(2026, 10, 8)


def test_custody_months_cite_105_and_say_the_month_end_rule_is_not_at_hand(schedules):
    # 2026-08-31 + 2 months = 10-31; extended 1 month → 11-30 (November has no 31st); 2 months → 2027-01-30
    t, steps = _steps(schedules, "criminal-custody", "2026-08-31", extensions={"investigation-custody": 3})
    assert t.stages[0].due == D(2027, 1, 30)
    months = [s for s in steps if s.code == "months"]
    assert len(months) == 3 and all(s.basis.startswith("刑事诉讼法 第一百零五条第一款") for s in months)
    assert all("刑事诉讼法未作规定" in s.basis for s in months)


def test_bail_term_cites_105_and_says_whether_it_rolls_is_not_settled(schedules):
    t, steps = _steps(schedules, "bail", "2026-08-31")
    assert t.stages[0].due == D(2027, 8, 31)  # 12 months to the corresponding day, not moved
    term = next(s for s in steps if s.code == "term")
    assert term.basis.startswith("刑事诉讼法 第一百零五条第四款") and "本处文本未作规定" in term.basis


# ------------------------------------------------------------ the lighter law weighs the fine instead of detention


def test_the_old_text_is_lighter_by_its_fine_instead_of_detention(p):
    # 2012 第三十四条第二款 "处五日以下拘留或者五百元以下罚款"; 2025 第四十条第二款 "处五日以下拘留或者一千元
    # 以下罚款": the heaviest (5 days) and the lightest (no fine at all) are the same; the fine allowed
    # instead of detention is 500 against 1,000, so the 2012 text is lighter (从旧).
    a = pen.assess(p, "zhian.40-2", D(2025, 6, 1), DECIDED, "individual")
    cmp = a.choice.comparison
    assert (cmp.decided_by, cmp.lighter) == ("alternative", "old")
    assert "500元" in cmp.text and "1000元" in cmp.text and "均相同，新的规定不轻于" not in a.choice.reason
    assert a.choice.applied.basis == "治安管理处罚法（2012） 第三十四条第二款"


def test_a_fine_instead_of_detention_never_makes_a_text_heavier_than_detention_alone():
    # "五日以下拘留" against "五日以下拘留或者一千元以下罚款": the second allows a lighter decision (a fine),
    # so it is lighter, whatever the fine (the alternative is weighed only where all else is equal)
    def one(**band):
        fines = band.pop("fine", None)
        b = pen.Band(when="base", basis="测试", detention_max=5,
                     fines=None if fines is None else {k: pen.Fine(Decimal(0), Decimal(fines)) for k in pen.PARTIES},
                     **band)
        return pen.Outcome(pen.Version(D(2000, 1, 1), None, "测试", "测试", (b,)), (b,), (), "individual")
    detention_only, or_fine = one(), one(fine=1000, combination="or")
    assert pen.lighter(or_fine, detention_only) and not pen.lighter(detention_only, or_fine)
    assert pen.lighter(one(fine=500, combination="or"), or_fine)


# ------------------------------------------------------------ 传销 before 2026


@pytest.mark.parametrize("vid, paragraph, amounts", [
    ("zhian.34-1", 1, "处50万元以上200万元以下的罚款"),   # 禁止传销条例 第二十四条第一款: 组织策划传销
    ("zhian.34-2", 2, "处10万元以上50万元以下的罚款"),    # 第二款: 介绍、诱骗、胁迫他人参加传销
])
def test_pyramid_selling_before_2026_was_for_market_regulation_not_legal(p, vid, paragraph, amounts):
    # Act 2025-06-01, decided 2026-03-10: the 2012 治安 text has no 传销 (the PSB gives no penalty: 从旧),
    # but 禁止传销条例（2005） 第二十四条 punished it, "由工商行政管理部门" (第八条).
    a = pen.assess(p, vid, D(2025, 6, 1), DECIDED, "individual")
    assert a.choice.rule == "act_time" and not a.outcome.punishable
    reason = a.choice.reason
    assert f"禁止传销条例（2005） 第二十四条第{'一二'[paragraph - 1]}款" in reason and "工商行政管理部门" in reason
    assert amounts in reason and "不认为是违法的" not in reason
    j = assessment_json(a)["version"]
    assert any(c["law"] == "禁止传销条例" and (c["article"], c["paragraph"]) == (24, paragraph) for c in j["cites"])
    assert j["applied"]["elsewhere"]["authority"].startswith("工商行政管理部门")
    same = pen.assess(p, vid, D(2025, 6, 1), D(2025, 7, 1), "individual")  # decided before 2026 too
    assert "第二十四条" in same.choice.reason and "不认为是违法的" not in same.choice.reason


def test_acts_no_text_punished_still_say_so(p):
    # 2025 第二十七条 is new and names no other authority: its 2012 side is still 不认为是违法的
    a = pen.assess(p, "zhian.27-1", D(2025, 6, 1), D(2025, 6, 1), "individual")
    assert "不认为是违法的" in a.choice.reason


# ------------------------------------------------------------ listings name each text once


def test_a_listing_names_each_text_once(p):
    # seal.unrecorded: three versions, each resting on 河北省印章刻制治安管理办法 (the county list)
    j = summary_json(p.get("seal.unrecorded"))
    assert j["basis"].count("河北省印章刻制治安管理办法") == 1
    keys = [tuple(sorted(c.items())) for c in j["cites"]]
    assert len(keys) == len(set(keys))
    two = summary_json(p.get("zhian.51-1"))  # two texts, each once, as before
    assert two["basis"] == "治安管理处罚法（2012） 第四十三条；治安管理处罚法（2025） 第五十一条"


def test_the_detail_lists_each_versions_paragraph_aggravations(p):
    j = violation_json(p.get("zhian.62-1"), p)
    assert [[a["basis"] for a in v["aggravations"]] for v in j["versions"]] == [
        ["治安管理处罚法（2012） 第五十一条第二款"], ["治安管理处罚法（2025） 第六十二条第二款"]]


# ------------------------------------------------------------ the new keys, checked at start-up


@pytest.mark.parametrize("mutate, key", [
    (lambda v: v["version"][0]["bands"][0].update(with_warning=True, detention={"max": 5}, combination="or"),
     "with_warning"),
    (lambda v: v["version"][0]["bands"][0].update(with_warning=True, warning=True), "with_warning"),
    (lambda v: v["version"][0]["bands"].__setitem__(0, {"when": "base", "discretionary": True, "measure": "强行带离现场"}),
     "discretionary"),
    (lambda v: v["version"][0].update(aggravations=[{"code": "serious", "basis": "测试法 第一条", "text": "从重"}]),
     "code"),
    (lambda v: v["version"][0].update(elsewhere={"authority": "工商", "basis": "测试法 第一条", "text": "罚款"}),
     "elsewhere"),
    (lambda v: v["version"][0]["bands"][0].update(when="organizer"), "when"),
])
def test_a_bad_new_key_names_itself(schedules, mutate, key):
    from calc.errors import ScheduleError
    from test_penalties import base_violation, load_with

    data = base_violation()
    mutate(data["violation"][0])
    with pytest.raises(ScheduleError) as err:
        load_with(schedules, "penalties/zz-test.toml", data)
    assert key in err.value.key or key in err.value.problem


# ------------------------------------------------------------ the procedure of a penalty under another law


@pytest.mark.parametrize("vid, basis", [
    ("zhian.63-1c", "居民身份证法（2011） 第十六条"),          # 警告，并处二百元以下罚款
    ("zhian.63-1d", "居住证暂行条例（2015） 第十八条"),        # 警告、责令改正，处200元以下罚款
    ("zhian.67-3c", "旅馆业治安管理办法（2020） 第十六条第一款"),  # 警告或者处以200元以下罚款
])
def test_a_penalty_under_another_law_before_2026_follows_the_administrative_penalty_law(p, vid, basis):
    # 治安管理处罚法（2012） 第二条: "尚不够刑事处罚的，由公安机关依照本法给予治安管理处罚"; 第三条: "治安管理
    # 处罚的程序，适用本法的规定"; 第二十二条 speaks of "违反治安管理行为". A penalty under these texts is not
    # one: 行政处罚法 decides. Act 2025-03-01, decided 2025-04-01 (both in 2025):
    # 第五十一条 公民 警告或者二百元以下 → every decision on the spot; 第六十八条第（一）项 100 → some fines;
    # 第三十六条 two years → 2027-03-01 (the corresponding day, not moved).
    a = pen.assess(p, vid, D(2025, 3, 1), D(2025, 4, 1), "individual")
    assert a.choice.applied.basis == basis and a.regime.id == "administrative"
    s, c = a.procedure["simplified"], a.procedure["collection"]
    assert (s.status, s.limit) == ("yes", 200) and "行政处罚法（2021） 第五十一条" in s.basis
    assert (c.status, c.limit) == ("depends", 100) and "第六十八条" in c.basis
    assert a.limitation.expires == D(2027, 3, 1) and "行政处罚法（2021） 第三十六条" in a.limitation.basis
    # the same act decided in 2026: still under that text (2025 第六十三条/第六十七条第三款 are heavier), and
    # 第一百四十一条第一款 reaches only other laws that give detention: still 行政处罚法
    later = pen.assess(p, vid, D(2025, 3, 1), D(2026, 3, 10), "individual")
    assert later.choice.applied.basis == basis and later.regime.id == "administrative"
    # an act from 2026 is under the 2025 text: 治安 procedure, six months (第二十五条)
    now = pen.assess(p, vid, D(2026, 3, 1), D(2026, 3, 10), "individual")
    assert now.regime.id == "public-order" and now.limitation.expires == D(2026, 9, 1)


def test_detention_under_the_narcotics_law_takes_the_public_order_procedure_only_from_2026(p):
    # 禁毒法 第六十一条 (容留他人吸毒): "由公安机关处十日以上十五日以下拘留，可以并处三千元以下罚款". Not a
    # 治安管理处罚 either: limitation 行政处罚法 第三十六条, two years from 2025-03-01 → 2027-03-01. Decided
    # in 2025: 行政处罚法's hearing (程序规定 第一百二十三条: ≥2,000, the band's 3,000 may reach it: depends);
    # decided in 2026: 2025 第一百四十一条第一款 brings it under 第一百一十七条 (≥4,000: no).
    before = pen.assess(p, "zhian.85-2", D(2025, 3, 1), D(2025, 4, 1), "individual")
    assert before.regime.id == "other-law-detention" and before.limitation.expires == D(2027, 3, 1)
    assert (before.procedure["hearing"].status, before.procedure["hearing"].limit) == ("depends", 2000)
    after = pen.assess(p, "zhian.85-2", D(2025, 3, 1), D(2026, 3, 10), "individual")
    assert after.choice.applied.basis == "禁毒法（2007） 第六十一条"
    assert (after.procedure["hearing"].status, after.procedure["hearing"].limit) == ("no", 4000)
    assert "第一百四十一条第一款" in after.procedure["hearing"].basis
    assert after.limitation.expires == D(2027, 3, 1)
    assert after.procedure["simplified"].status == "no"  # 毒品: 程序规定 第三十七条第二款
