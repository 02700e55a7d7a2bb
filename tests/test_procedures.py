"""The bureau's daily procedure periods (issue 17), worked by hand from the texts in ../shared/laws.

Counting: 刑事诉讼法 第一百零五条 and 公安机关办理行政案件程序规定 第三十五条 — the first day (or hour) is
not counted; a last day on a holiday moves to the day after the holiday, except while the person is in
custody or otherwise restricted in liberty; hour periods run on the clock. Months end on the
corresponding day, or the month's last day (民法典 第二百零二条).

2026 (国办发明电〔2025〕7号): 元旦 1/1-1/3; 春节 2/15-2/23, work 2/14 (Sat) and 2/28 (Sat); 清明 4/4-4/6;
劳动节 5/1-5/5, work 5/9 (Sat); 端午 6/19-6/21; 中秋 9/25-9/27; 国庆 10/1-10/7, work 9/20 (Sun) and
10/10 (Sat). Weekdays: 2/13 Fri, 3/15 Sun, 5/10 Sun, 9/28 Mon, 9/29 Tue, 9/30 Wed, 10/11 Sun, 11/14 Sat.
2020 (国办发明电〔2019〕16号): 端午 6/25-6/27, work 6/28 (Sun).
"""
import datetime as dt
import tomllib

import pytest

from calc import timelines as T
from calc.errors import InvalidInput, ScheduleError
from calc.periods import DateRange
from calc.nodes import Source
from tests.timeline_inputs import dues, run, stage  # noqa: F401 (run is a fixture)

D, DT = dt.date, dt.datetime
NO_ROLL = "限制人身自由的期间，不因节假日顺延"


def refused(run, *args, **kw) -> str:
    with pytest.raises(InvalidInput) as err:
        run(*args, **kw)
    return err.value.field


# ---------------------------------------------------------------- criminal summons

def test_criminal_summons_twelve_hours_or_twenty_four(run):
    # 刑事诉讼法 第一百一十九条第二款: 12 hours; 案情特别重大、复杂 24 hours. From 2/16 20:30 (春节).
    t = run("criminal-summons", DT(2026, 2, 16, 20, 30))
    assert t.stages[0].due == DT(2026, 2, 17, 8, 30) == t.completion
    step = t.stages[0].steps[0]
    assert "不因节假日顺延" in step.rule and "刑事诉讼法 第一百零五条" in step.basis
    assert "第一百一十九条第二款" in t.stages[0].basis
    t = run("criminal-summons", DT(2026, 2, 16, 20, 30), variants={"questioning": "complex"})
    assert t.stages[0].due == DT(2026, 2, 17, 20, 30)


def test_criminal_summons_refuses_what_the_law_does_not_have(run):
    assert refused(run, "criminal-summons", D(2026, 2, 16)) == "start"  # hours need a time
    assert refused(run, "criminal-summons", DT(2018, 10, 25, 9, 0)) == "start"  # before the 2018 text
    assert refused(run, "criminal-summons", DT(2026, 2, 16, 9, 0),
                   variants={"questioning": "roving"}) == "variants.questioning"
    assert refused(run, "criminal-summons", DT(2026, 2, 16, 9, 0),
                   extensions={"questioning": True}) == "extensions.questioning"


# ---------------------------------------------------------------- criminal detention

def test_detention_arrest_request_ends_in_the_spring_festival_and_is_not_moved(run):
    # Detained Fri 2/13 20:30. 第八十五条、第八十六条: custody, family notice, questioning within 24 h ->
    # 2/14 20:30. 第九十一条: 3 days after the detention, the day of detention not counted (第一百零五条
    # 第二款): 2/14, 2/15, 2/16 -> 2/16, a 春节 holiday; in custody it is not moved (第一百零五条第四款).
    # Procuratorate 7 days from receipt 2/16: 2/17 … 2/23 -> 2/23 (still 春节; not moved to 2/24).
    t = run("criminal-detention", DT(2026, 2, 13, 20, 30))
    assert dues(t) == {"custody": DT(2026, 2, 14, 20, 30), "family-notice": DT(2026, 2, 14, 20, 30),
                       "questioning": DT(2026, 2, 14, 20, 30), "arrest-request": D(2026, 2, 16),
                       "arrest-decision": D(2026, 2, 23)}
    assert t.completion == D(2026, 2, 23)
    request = stage(t, "arrest-request")
    assert request.start == D(2026, 2, 13)  # a day period starts from the day of the detention
    assert [s.rule for s in request.steps][-1] == NO_ROLL
    assert request.steps[-1].basis == "刑事诉讼法 第一百零五条第四款"
    assert request.steps[0].basis == "刑事诉讼法 第一百零五条第二款"
    assert "第九十一条第三款" in stage(t, "arrest-decision").basis
    for sid in ("custody", "family-notice", "questioning"):
        assert "不因节假日顺延" in stage(t, sid).steps[0].rule
        assert stage(t, sid).steps[0].basis.endswith("刑事诉讼法 第一百零五条第四款")


def test_detention_extension_of_one_to_four_days(run):
    # 第九十一条第一款: 在特殊情况下 extended by 1 to 4 days: 2/16 + 4 -> 2/20 (春节, not moved);
    # procuratorate 2/21 … 2/27 -> 2/27. Two days: 2/18, then 2/25.
    t = run("criminal-detention", DT(2026, 2, 13, 20, 30), extensions={"arrest-request": True})
    assert dues(t)["arrest-request"] == D(2026, 2, 20) and dues(t)["arrest-decision"] == D(2026, 2, 27)
    assert stage(t, "arrest-request").extension.period.amount == 4
    assert "县级以上公安机关负责人批准" in stage(t, "arrest-request").extension.basis
    t = run("criminal-detention", DT(2026, 2, 13, 20, 30), extensions={"arrest-request": 2})
    assert dues(t)["arrest-request"] == D(2026, 2, 18) and dues(t)["arrest-decision"] == D(2026, 2, 25)
    # The limit: at most 4 more days.
    assert refused(run, "criminal-detention", DT(2026, 2, 13, 20, 30),
                   extensions={"arrest-request": 5}) == "extensions.arrest-request"


def test_detention_roving_suspects_thirty_days(run):
    # 第九十一条第二款: 流窜作案、多次作案、结伙作案 -> 30 days: 2/13 + 30 = 3/15 (Sun, not moved;
    # February 2026 has 28 days: 2/28 is day 15, 3/15 day 30). Procuratorate 7 days -> 3/22 (Sun).
    t = run("criminal-detention", DT(2026, 2, 13, 20, 30), variants={"arrest-request": "roving"})
    assert dues(t)["arrest-request"] == D(2026, 3, 15) and dues(t)["arrest-decision"] == D(2026, 3, 22)
    # The 30 days are all the law allows: no further extension.
    assert refused(run, "criminal-detention", DT(2026, 2, 13, 20, 30), variants={"arrest-request": "roving"},
                   extensions={"arrest-request": 1}) == "extensions.arrest-request"
    assert refused(run, "criminal-detention", DT(2026, 2, 13, 20, 30),
                   variants={"arrest-request": "gang"}) == "variants.arrest-request"


def test_detention_actual_request_day_moves_the_decision(run):
    # Request made 2/15 (a date, or a time that day): the procuratorate's 7 days 2/16 … 2/22 -> 2/22.
    for when in (D(2026, 2, 15), DT(2026, 2, 15, 10, 0)):
        t = run("criminal-detention", DT(2026, 2, 13, 20, 30), actual={"arrest-request": when})
        assert dues(t)["arrest-decision"] == D(2026, 2, 22)
    assert refused(run, "criminal-detention", DT(2026, 2, 13, 20, 30),
                   actual={"questioning": D(2026, 2, 14)}) == "actual.questioning"  # an hour stage needs a time


# ---------------------------------------------------------------- custody after arrest

def test_arrest_notice_questioning_and_receipt(run):
    # 第九十三条、第九十四条: arrested 9/30 16:00: family notice and questioning within 24 h -> 10/1 16:00;
    # 程序规定 第一百四十二条: receipt to the procuratorate within 3 days -> 10/3 (国庆; the suspect is in
    # custody, 第一百零五条第四款: not moved).
    t = run("criminal-arrest", DT(2026, 9, 30, 16, 0))
    assert dues(t) == {"family-notice": DT(2026, 10, 1, 16, 0), "questioning": DT(2026, 10, 1, 16, 0),
                       "receipt": D(2026, 10, 3)}
    assert stage(t, "receipt").steps[-1].rule == NO_ROLL


def test_custody_into_an_unpublished_year_needs_no_holiday_calendar(run):
    # Custody never moves for a holiday, so 2027's notice is not needed: 10/1 + 2+1+2+2 months -> 2027-05-01.
    t = run("criminal-custody", D(2026, 10, 1), extensions={"investigation-custody": True})
    assert t.completion == D(2027, 5, 1) and not t.provisional and t.calendar_years == ()


def test_custody_two_months_then_one_two_and_two(run):
    # 第一百五十六条: 2 months after arrest 3/10 -> 5/10 (Sun; in custody, not moved). Extensions in order:
    # +1 month (上一级人民检察院) -> 6/10; +2 (第一百五十八条, 省级人民检察院) -> 8/10; +2 (第一百五十九条) -> 10/10.
    t = run("criminal-custody", D(2026, 3, 10))
    assert t.completion == D(2026, 5, 10)
    assert t.stages[0].steps[-1].rule == NO_ROLL
    assert run("criminal-custody", D(2026, 3, 10), extensions={"investigation-custody": 1}).completion == D(2026, 6, 10)
    assert run("criminal-custody", D(2026, 3, 10), extensions={"investigation-custody": 3}).completion == D(2026, 8, 10)
    full = run("criminal-custody", D(2026, 3, 10), extensions={"investigation-custody": True})
    assert full.completion == D(2026, 10, 10)
    rules = [s.rule for s in full.stages[0].steps]
    assert sum(r.startswith("第") and "次延长" in r for r in rules) == 3
    assert any("上一级人民检察院批准" in r for r in rules)
    assert any("可能判处十年有期徒刑以上刑罚" in r for r in rules)
    assert "第一百五十九条" in full.stages[0].extension.basis


def test_custody_ending_on_national_day_is_not_moved(run):
    # Arrested 8/1: 2 months -> 10/1, 国庆节; in custody the period ends that day (第一百零五条第四款).
    t = run("criminal-custody", D(2026, 8, 1))
    assert t.completion == D(2026, 10, 1)
    assert t.stages[0].steps[-1].basis == "刑事诉讼法 第一百零五条第四款"


def test_custody_renewed_from_national_day_moves_neither_day(run):
    # Arrested 8/1: 2 months -> 10/1 (国庆节), in custody: not moved (第一百零五条第四款), and the first
    # extension (第一百五十六条, 1 month) runs from that very day -> 11/1, a Sunday: not moved either.
    # A liberty period never moves, so no step says a day was kept for being no longer the last.
    t = run("criminal-custody", D(2026, 8, 1), extensions={"investigation-custody": 1})
    r = t.stages[0]
    assert r.due == D(2026, 11, 1)
    assert [(s.code, s.date) for s in r.steps] == [
        ("start_excluded", D(2026, 8, 1)), ("months", D(2026, 10, 1)), ("no_roll", D(2026, 10, 1)),
        ("renewal", D(2026, 10, 1)), ("months", D(2026, 11, 1)), ("no_roll", D(2026, 11, 1))]
    renewal = r.steps[3]
    assert renewal.rule.startswith("第1次延长：") and renewal.rule.endswith("自前一期间届满时起算")
    assert renewal.basis.startswith("刑事诉讼法 第一百五十六条")
    assert all(s.rule == NO_ROLL and s.basis == "刑事诉讼法 第一百零五条第四款" for s in r.steps if s.code == "no_roll")


@pytest.mark.parametrize("wanted", [2, 4, 6, 0])
def test_custody_extensions_beyond_or_between_what_the_law_allows_are_refused(run, wanted):
    # Each extension is approved whole (1, then 2, then 2 months): 1, 3 or 5 months in all.
    assert refused(run, "criminal-custody", D(2026, 3, 10),
                   extensions={"investigation-custody": wanted}) == "extensions.investigation-custody"


def test_custody_restarts_on_a_newly_found_major_crime(run):
    # 第一百六十条: another major crime found 4/20 -> 2 months counted anew from 4/20 -> 6/20 (端午, not moved).
    t = run("criminal-custody", D(2026, 3, 10), restarts={"investigation-custody": D(2026, 4, 20)})
    r = t.stages[0]
    assert r.start == D(2026, 4, 20) and r.due == D(2026, 6, 20)
    assert "第一百六十条" in r.steps[0].basis and "另有重要罪行" in r.steps[0].rule
    assert "2026-05-10" in r.steps[0].rule  # the period first counted
    # Restarted with every extension: 6/20 + 1 + 2 + 2 months -> 11/20.
    t = run("criminal-custody", D(2026, 3, 10), restarts={"investigation-custody": D(2026, 4, 20)},
            extensions={"investigation-custody": True})
    assert t.completion == D(2026, 11, 20)


def test_a_restart_outside_the_custody_period_is_refused(run):
    for day in (D(2026, 3, 1), D(2026, 5, 11)):  # before the arrest; after 5/10, when custody ended
        assert refused(run, "criminal-custody", D(2026, 3, 10),
                       restarts={"investigation-custody": day}) == "restarts.investigation-custody"
    assert refused(run, "bail", D(2026, 3, 10), restarts={"bail": D(2026, 4, 1)}) == "restarts.bail"
    assert refused(run, "criminal-custody", D(2026, 3, 10), restarts={"nothing": D(2026, 4, 1)}) == "restarts.nothing"


# ---------------------------------------------------------------- bail and residential surveillance

def test_bail_and_residential_surveillance_end_on_the_corresponding_day(run):
    # 第七十九条: 取保候审 at most 12 months: 3/10 -> 2027-03-10; 监视居住 at most 6 months: 3/31 -> 9/30
    # (September has no 31st: its last day, 民法典 第二百零二条).
    bail = run("bail", D(2026, 3, 10))
    assert bail.completion == D(2027, 3, 10)
    assert "不适用节假日顺延" in bail.stages[0].steps[-1].rule
    assert bail.stages[0].basis.startswith("刑事诉讼法 第七十九条第一款")
    assert run("residential-surveillance", D(2026, 3, 31)).completion == D(2026, 9, 30)
    assert refused(run, "bail", D(2026, 3, 10), extensions={"bail": True}) == "extensions.bail"


# ---------------------------------------------------------------- continued questioning

def test_continued_questioning_twelve_then_twenty_four_then_forty_eight_hours(run):
    # 继续盘问规定 第十一条: 12 hours from 9/30 22:00 -> 10/1 10:00; to 24 (值班负责人, 第十七条) ->
    # 10/1 22:00; to 48 where identity is unknown (主管负责人) -> 10/2 22:00. National Day changes nothing.
    start = DT(2026, 9, 30, 22, 0)
    assert run("continued-questioning", start).completion == DT(2026, 10, 1, 10, 0)
    t = run("continued-questioning", start, extensions={"questioning": 12})
    assert t.completion == DT(2026, 10, 1, 22, 0)
    t = run("continued-questioning", start, extensions={"questioning": True})
    assert t.completion == DT(2026, 10, 2, 22, 0)
    rules = [s.rule for s in t.stages[0].steps]
    assert "值班负责人" in rules[1] and "主管负责人" in rules[2]
    assert "不讲真实姓名、住址、身份" in rules[2]
    assert "人民警察法 第九条第二款" in t.stages[0].steps[2].basis


def test_continued_questioning_limits(run):
    start = DT(2026, 9, 30, 22, 0)
    for wanted in (13, 48, 1):  # 12 or 36 more hours only (to 24, then to 48)
        assert refused(run, "continued-questioning", start,
                       extensions={"questioning": wanted}) == "extensions.questioning"
    # 第十条: pregnant women, minors under 16, people over 70: four hours, no extension.
    t = run("continued-questioning", start, variants={"questioning": "vulnerable"})
    assert t.completion == DT(2026, 10, 1, 2, 0)
    assert refused(run, "continued-questioning", start, variants={"questioning": "vulnerable"},
                   extensions={"questioning": True}) == "extensions.questioning"
    assert refused(run, "continued-questioning", DT(2004, 9, 30, 8, 0)) == "start"  # before 2004-10-01


# ---------------------------------------------------------------- administrative case rules

def test_police_hearing_since_2021_counts_working_days(run):
    # 行政处罚法 第六十四条、第八十五条: told Mon 9/28, request within 5 WD: 9/29, 9/30, (10/1-7 off),
    # 10/8, 10/9, 10/10 (Sat worked) -> 10/10. 程序规定 第一百三十五条 accept within 2 days -> 10/12;
    # 第一百三十七条 hold within 10 days of receipt -> 10/20. Notice 7 WD before 10/20: 10/19, 16, 15, 14,
    # 13, 12, 10 (Sat worked) -> 10/10.
    t = run("police-hearing", D(2026, 9, 28), event=D(2026, 10, 20))
    assert dues(t) == {"request": D(2026, 10, 10), "acceptance": D(2026, 10, 12), "holding": D(2026, 10, 20),
                       "notice": D(2026, 10, 10)}
    assert stage(t, "request").basis.startswith("行政处罚法 第六十四条")


def test_police_hearing_before_2021_follows_the_rules_three_days(run):
    # 程序规定（2018修正） 第一百三十三条: 3 days after 6/22 -> 6/25, 端午 (6/25-6/27) -> 6/28 (Sun, worked).
    t = run("police-hearing", D(2020, 6, 22))
    assert dues(t)["request"] == D(2020, 6, 28)
    assert stage(t, "request").basis == "公安机关办理行政案件程序规定 第一百三十三条"


def test_seizure_not_in_custody_moves_off_national_day(run):
    # 第一百一十二条; 行政强制法 第二十五条: 30 days after 9/1 -> 10/1 (国庆) -> 10/8: property, not liberty.
    t = run("seizure", D(2026, 9, 1))
    assert t.completion == D(2026, 10, 8)
    assert "国庆节" in t.stages[0].steps[-1].rule
    # Extended by 30 days (县级以上公安机关负责人批准): the first period's own last day 10/1 is no longer
    # the last day, so it is not moved (民法典 第二百零三条); 10/1 + 30 -> 10/31 (Sat) -> 11/2 (Mon).
    # It was 11/9, counted on from the moved 10/8: the law text wins (LAW.md, round three).
    assert run("seizure", D(2026, 9, 1), extensions={"seizure": True}).completion == D(2026, 11, 2)
    assert refused(run, "seizure", D(2026, 9, 1), extensions={"seizure": 31}) == "extensions.seizure"
    # Appraisal 9/10-9/19 not counted: 9/2-9/9 (8 days), then 22 from 9/20 -> 10/11 (Sun) -> 10/12.
    t = run("seizure", D(2026, 9, 1), pauses={"seizure": [DateRange(D(2026, 9, 10), D(2026, 9, 19))]})
    assert t.completion == D(2026, 10, 12)


def test_evidence_preservation_seven_days(run):
    # Since 2021-07-15, 行政处罚法 第五十六条、第八十五条: 7 WD after 9/28: 9/29, 9/30, 10/8, 10/9,
    # 10/10 (Sat worked), 10/12, 10/13 -> 10/13. Before: 程序规定 第一百一十条, 7 days after 2020-06-22 -> 6/29.
    assert run("evidence-preservation", D(2026, 9, 28)).completion == D(2026, 10, 13)
    assert run("evidence-preservation", D(2020, 6, 22)).completion == D(2020, 6, 29)


def test_fast_track_and_suspension_count_hours_on_the_clock(run):
    # 第四十七条: 48 hours from 9/30 10:00 -> 10/2 10:00; 第二百二十三条: 24 hours from 5/1 15:00 -> 5/2 15:00.
    t = run("fast-track", DT(2026, 9, 30, 10, 0))
    assert t.completion == DT(2026, 10, 2, 10, 0)
    assert "法律未作规定" in t.stages[0].steps[0].rule  # says why it is not moved, rather than guess
    assert run("suspended-detention", DT(2026, 5, 1, 15, 0)).completion == DT(2026, 5, 2, 15, 0)
    assert any("二百元" in n.text for n in run("suspended-detention", DT(2026, 5, 1, 15, 0)).notes)


def test_appraisal_copies_and_objection(run):
    # 第九十七条: copies within 5 days of 9/28 -> 10/3 (国庆) -> 10/8; objection within 3 days of receiving
    # the copy -> 10/11 (Sun) -> 10/12.
    t = run("appraisal-opinion", D(2026, 9, 28))
    assert dues(t)["copies"] == D(2026, 10, 8) and dues(t)["objection"] == D(2026, 10, 12)
    assert t.completion == D(2026, 10, 8)  # the objection happens only if one objects
    # 第九十八条第二款: notice of refusal within 3 days of the decision 10/14 -> 10/17 (Sat) -> 10/19.
    t = run("appraisal-opinion", D(2026, 9, 28), actual={"re-appraisal-decision": D(2026, 10, 14)})
    assert dues(t)["refusal-notice"] == D(2026, 10, 19)


def test_on_the_spot_filing_switches_text_on_2026_01_01(run):
    # 24 hours: 治安管理处罚法（2012） 第一百零一条第三款 until 2025-12-31; (2025) 第一百二十条第四款 after.
    t = run("on-the-spot-filing", DT(2025, 12, 31, 18, 0))
    assert t.completion == DT(2026, 1, 1, 18, 0) and "第一百零一条第三款" in t.stages[0].basis
    t = run("on-the-spot-filing", DT(2026, 1, 1, 9, 0))
    assert t.completion == DT(2026, 1, 2, 9, 0) and "第一百二十条第四款" in t.stages[0].basis


def test_fine_handover_moves_off_qingming(run):
    # 治安管理处罚法（2025） 第一百二十四条: hand in within 2 days of collecting 4/2 -> 4/4 (清明 4/4-4/6)
    # -> 4/7; the bureau pays the bank within 2 days of receiving -> 4/9.
    t = run("fine-handover", D(2026, 4, 2))
    assert dues(t) == {"hand-in": D(2026, 4, 7), "bank": D(2026, 4, 9)}


def test_administrative_detention_days_are_counted_from_admission_and_never_moved(run):
    # 拘留所条例 第三十二条: from the day of admission to the next is one day: admitted 9/26, 10 days ->
    # 10/6 (国庆; restricts liberty, not moved). Without a decided length: the 20-day most (第十六条) -> 10/16.
    t = run("detention-execution", D(2026, 9, 26), durations={"detention": 10})
    r = t.stages[0]
    assert r.due == D(2026, 10, 6) and r.span.amount == 10
    assert any("拘留所条例 第三十二条" in s.basis for s in r.steps)
    assert r.steps[-1].rule == NO_ROLL
    assert run("detention-execution", D(2026, 9, 26)).completion == D(2026, 10, 16)
    # Leave 9/30-10/1 not counted (拘留所条例 第二十七条第三款): 9/27-9/29 (3), then 7 from 10/2 -> 10/8.
    t = run("detention-execution", D(2026, 9, 26), durations={"detention": 10},
            pauses={"detention": [DateRange(D(2026, 9, 30), D(2026, 10, 1))]})
    assert t.completion == D(2026, 10, 8)
    assert refused(run, "detention-execution", D(2026, 9, 26), durations={"detention": 21}) == "durations.detention"
    assert refused(run, "seizure", D(2026, 9, 1), durations={"seizure": 10}) == "durations.seizure"


# ---------------------------------------------------------------- 行政强制法

def test_court_enforcement_periods(run):
    # 第五十三条: 3 months after 6/30 -> 9/30. 第五十六条: court accepts within 5 WD (第六十九条): 10/8, 9,
    # 10 (Sat worked), 12, 13 -> 10/13; 第五十七条 ruling within 7 WD: 10/14, 15, 16, 19, 20, 21, 22 -> 10/22.
    # 第五十四条: demand delivered 9/10, 10 WD: 9/11, 14-18, 20 (Sun worked), 21, 22, 23 -> 9/23.
    t = run("court-enforcement", D(2026, 6, 30), event=D(2026, 9, 10))
    assert dues(t) == {"application": D(2026, 9, 30), "demand": D(2026, 9, 23), "acceptance": D(2026, 10, 13),
                       "acceptance-reconsideration": D(2026, 10, 28), "ruling": D(2026, 10, 22),
                       "ruling-reconsideration": D(2026, 11, 6)}
    # 第五十八条: heard first, 30 days from acceptance 10/13 -> 11/12.
    t = run("court-enforcement", D(2026, 6, 30), event=D(2026, 9, 10), variants={"ruling": "hearing"})
    assert dues(t)["ruling"] == D(2026, 11, 12)


def test_emergency_measure_report_within_24_hours(run):
    # 行政强制法 第十九条; 程序规定 第五十六条: measure taken 10/1 09:15 -> report by 10/2 09:15.
    assert run("emergency-measure-report", DT(2026, 10, 1, 9, 15)).completion == DT(2026, 10, 2, 9, 15)


# ---------------------------------------------------------------- criminal case filing

def test_refusal_to_file_notice_reconsideration_and_review(run):
    # 程序规定 第一百七十八条: notice within 3 days of 9/29 -> 10/2 (国庆; not in custody) -> 10/8.
    # 第一百七十九条: 7 days to ask -> 10/15; decision within 30 days -> 11/14 (Sat) -> 11/16; review asked
    # within 7 days -> 11/23; decided within 30 -> 12/23.
    t = run("criminal-filing-refusal", D(2026, 9, 29))
    assert dues(t) == {"refusal-notice": D(2026, 10, 8), "reconsideration": D(2026, 10, 15),
                       "reconsideration-decision": D(2026, 11, 16), "review": D(2026, 11, 23),
                       "review-decision": D(2026, 12, 23)}
    assert t.completion == D(2026, 10, 8)
    notice = stage(t, "refusal-notice")
    assert "国庆节" in notice.steps[-1].rule and notice.steps[-1].basis == "刑事诉讼法 第一百零五条第四款"
    # 第一百七十九条第三款: extended by at most 30 days, from the period's own last day 11/14 (Sat, not
    # moved once extended: 刑事诉讼法 第一百零五条 moves only the last day) -> 12/14 (Mon). It was 12/16,
    # counted on from the moved 11/16: the law text wins (LAW.md, round three).
    t = run("criminal-filing-refusal", D(2026, 9, 29), extensions={"reconsideration-decision": True})
    assert dues(t)["reconsideration-decision"] == D(2026, 12, 14)
    held = next(s for s in stage(t, "reconsideration-decision").steps if s.code == "not_last_day")
    assert held.date == D(2026, 11, 14) and "（2026-11-14 星期六）" in held.rule
    assert held.basis == "刑事诉讼法 第一百零五条第四款"
    assert refused(run, "criminal-filing-refusal", D(2026, 9, 29),
                   extensions={"reconsideration-decision": 31}) == "extensions.reconsideration-decision"


def test_transferred_case_review(run):
    # 第一百八十条: accepted 9/29 10:00; materials incomplete -> notify within 24 h -> 9/30 10:00; corrected
    # within 3 days of 9/30 -> 10/3 -> 10/8; reviewed within 3 days of 9/29 -> 10/2 -> 10/8.
    # 第一百八十一条: agency asks within 3 days of 10/8 -> 10/11 (Sun) -> 10/12; decided within 3 -> 10/15.
    t = run("transferred-case", DT(2026, 9, 29, 10, 0))
    assert dues(t) == {"incomplete-notice": DT(2026, 9, 30, 10, 0), "correction": D(2026, 10, 8),
                       "review": D(2026, 10, 8), "reconsideration": D(2026, 10, 12),
                       "reconsideration-decision": D(2026, 10, 15)}
    assert t.completion == D(2026, 10, 8)


def test_filing_supervision(run):
    # 第一百八十二条: explain within 7 days of 4/1 -> 4/8; file within 15 days of the notice 4/20 -> 5/5
    # (劳动节) -> 5/6.
    t = run("filing-supervision", D(2026, 4, 1), event=D(2026, 4, 20))
    assert dues(t) == {"explanation": D(2026, 4, 8), "filing": D(2026, 5, 6)}


# ---------------------------------------------------------------- every new procedure, and bad schedules

NEW = ("criminal-summons", "criminal-detention", "criminal-arrest", "criminal-custody", "bail", "residential-surveillance",
       "continued-questioning", "police-hearing", "seizure", "evidence-preservation", "fast-track",
       "appraisal-opinion", "on-the-spot-filing", "fine-handover", "suspended-detention", "detention-execution",
       "court-enforcement", "emergency-measure-report", "criminal-filing-refusal", "transferred-case", "filing-supervision")


def test_every_new_procedure_is_dated_and_cited_and_custody_stages_say_so(schedules):
    tl = schedules.timelines
    for pid in NEW:
        proc = tl.get(pid)
        for v in proc.versions:
            assert v.effective_from is not None, pid
            for s in v.stages:
                assert s.basis and "第" in s.basis, (pid, s.id)
    liberty = {(p, s.id) for p in NEW for v in tl.get(p).versions for s in v.stages if s.restricts_liberty}
    assert {("criminal-detention", "arrest-request"), ("criminal-custody", "investigation-custody"),
            ("continued-questioning", "questioning"), ("detention-execution", "detention")} <= liberty
    assert ("seizure", "seizure") not in liberty


def _load(text):
    texts = "\n".join(f'[texts.{n}]\ntext = "x"\nbasis = "y"' for n in T.TEXTS)
    return T.load([Source("timelines/x.toml", tomllib.loads(f"{texts}\n{text}"))], {})


HEAD = '[[procedure]]\nid = "p"\ntitle = "t"\nstart_label = "s"\n'


@pytest.mark.parametrize("body, problem", [
    # an hour stage counted from a day stage has no moment to start from
    ('[[procedure.stage]]\nid = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 3, unit = "days" }\nbasis = "b"\n'
     '[[procedure.stage]]\nid = "b"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 24, unit = "hours" }\nbasis = "b"',
     "anchor"),
    ('[[procedure.stage]]\nid = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 3, unit = "days" }\nbasis = "b"\n'
     'extension = { amount = 4, unit = "days", condition = "c", basis = "b" }\n'
     '[[procedure.stage.renewal]]\namount = 1\napprover = "x"\ncondition = "c"\nbasis = "b"', "renewal"),
    ('[[procedure.stage]]\nid = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 12, unit = "hours" }\nbasis = "b"\n'
     'restart = { basis = "b", reason = "r" }', "restart"),
    ('[[procedure.stage]]\nid = "a"\nauthority = "x"\ntitle = "t"\nperiod = { amount = 12, unit = "hours" }\nbasis = "b"\n'
     '[[procedure.stage.renewal]]\namount = 70\napprover = "x"\ncondition = "c"\nbasis = "b"', "72"),
])
def test_bad_custody_schedules_are_refused_naming_the_key(body, problem):
    with pytest.raises(ScheduleError) as err:
        _load(HEAD + body)
    assert problem in str(err.value)


# ---------------------------------------------------------------- invariants

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DAYS_2026 = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31))


def _corresponding(day, months):
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = (D(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return D(year, month, min(day.day, last))


@settings(max_examples=60, deadline=None)
@given(DAYS_2026, st.sampled_from([0, 1, 3, 5]))
def test_custody_ends_on_the_corresponding_day_whatever_the_holidays(run, arrest, wanted):
    # In custody nothing moves: 2 months to the corresponding day (the month's last day where there is
    # none, 民法典 第二百零二条), then each extension (1, 2, 2 months) from the end of the one before,
    # whatever weekday or holiday each end falls on. (1/31: 3/31, 4/30, 6/30, 8/30.)
    expected = _corresponding(arrest, 2)
    for months in {0: [], 1: [1], 3: [1, 2], 5: [1, 2, 2]}[wanted]:
        expected = _corresponding(expected, months)
    t = run("criminal-custody", arrest, extensions={"investigation-custody": wanted} if wanted else {})
    assert t.completion == expected


@settings(max_examples=60, deadline=None)
@given(st.datetimes(min_value=DT(2026, 1, 1), max_value=DT(2026, 12, 31, 23, 59)),
       st.sampled_from([(False, 12), (12, 24), (True, 48)]))
def test_questioning_lasts_exactly_its_hours(run, start, case):
    start = start.replace(second=0, microsecond=0)
    wanted, hours = case
    t = run("continued-questioning", start, extensions={"questioning": wanted} if wanted else {})
    assert t.completion - start == dt.timedelta(hours=hours)


def test_a_misspelt_chain_of_extensions_is_refused_naming_the_key(tmp_path):
    # 刑事诉讼法 第一百五十八条、第一百五十九条: a `renewals` (for `renewal`) would silently drop four
    # months of custody extensions; the key check refuses it with file and key.
    import shutil

    from calc import schedules
    from calc.errors import UnknownKey

    root = tmp_path / "schedules"
    shutil.copytree(schedules.DEFAULT_ROOT, root)
    path = root / "timelines/criminal.toml"
    text = path.read_text("utf-8")
    assert "[[procedure.version.stage.renewal]]" in text
    path.write_text(text.replace("[[procedure.version.stage.renewal]]", "[[procedure.version.stage.renewals]]", 1),
                    "utf-8")
    with pytest.raises(UnknownKey) as refused:
        schedules.load(root)
    assert refused.value.file == "timelines/criminal.toml" and refused.value.key.endswith(".renewals")
