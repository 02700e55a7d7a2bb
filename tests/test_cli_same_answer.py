"""The same answer from the page, the command line and the API (issue 28, items 3 and 4): the CLI
finds a violation by what people type, as GET /v1/penalties?q= does; it takes 个人 as the party
where none is given, as the page does; past the published calendar its text estimates and says so,
as the timelines page does, while --json answers what the API answers; and the header of an
assessment names the circumstance the answer applies.

Dates are counted by hand from the State Council's 2026 notice (国办发明电〔2025〕7号) and the
放假办法 for 2027 (元旦 01-01 only, a Friday); bands are read from 治安管理处罚法 (shared/laws/).
"""
from __future__ import annotations

import json
import re

import pytest

from calc import cli

RENTAL = "rental.unregistered-tenant"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- finding a violation by its words

def test_a_word_for_several_acts_lists_their_ids_and_titles_as_the_api_finds_them(capsys, client):
    # 打架 is what people say for 殴打他人 (治安管理处罚法（2025） 第五十一条) and for 结伙斗殴 (第三十条, 寻衅滋事)
    code, out, err = run(capsys, "penalty", "打架")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "“打架”对应 2 项违法行为，请用编号（calc penalty 编号）："
    assert re.fullmatch(r"  zhian\.30-1  结伙斗殴或者随意殴打他人.*", lines[1])
    assert re.fullmatch(r"  zhian\.51-1  殴打他人或者故意伤害他人身体", lines[2]) and len(lines) == 3
    code, out, _ = run(capsys, "penalty", "打架", "--json")
    assert code == 0 and json.loads(out) == client.get("/v1/penalties?q=打架").get_json()


def test_a_word_for_one_act_is_answered_as_its_id_is(capsys, client):
    # 寻衅滋事 names one act: 治安管理处罚法（2025） 第三十条 (2012: 第二十六条)
    code, by_word, _ = run(capsys, "penalty", "寻衅滋事")
    assert code == 0 and by_word.splitlines()[0].endswith("（zhian.30-1）")
    assert by_word == run(capsys, "penalty", "zhian.30-1")[1]
    code, out, _ = run(capsys, "penalty", "寻衅滋事", "--json")
    assert json.loads(out) == client.get("/v1/penalties/zhian.30-1").get_json()


def test_a_word_for_nothing_is_not_found_without_a_hundred_ids(capsys):
    code, out, err = run(capsys, "penalty", "不存在的事")
    assert code == 3 and out == "" and err.startswith("not_found: 没有编号为 不存在的事 的违法行为")
    assert "calc list penalties" in err and "zhian.51-1" not in err and len(err.splitlines()) == 2


# ---------------------------------------------------------------- the party

def test_the_party_defaults_to_an_individual_as_on_the_page(capsys, client):
    # The page's form preselects 个人; the API's answer for party "individual" is the same JSON.
    code, out, _ = run(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10",
                       "--circumstance", "minor", "--json")
    assert code == 0
    api = client.post(f"/v1/penalties/{RENTAL}/assess", json={
        "act_date": "2025-11-20", "decision_date": "2026-02-10", "party": "individual", "circumstances": ["minor"]})
    assert json.loads(out) == api.get_json() and json.loads(out)["party"] == "individual"
    code, out, _ = run(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10")
    assert code == 0 and out.splitlines()[1] == "行为日 2025-11-20，决定日 2026-02-10；个人；一般情形"


# ---------------------------------------------------------------- the circumstance applied

def test_a_circumstance_without_a_band_of_its_own_is_not_claimed_in_the_header(capsys, client):
    # 治安管理处罚法（2025） 第三十条: 五日以上十日以下拘留或者一千元以下罚款; 情节较重 has a band, 情节较轻
    # none. Asked for 情节较轻, the answer applies the general band and says why, as the API's note.
    argv = ["penalty", "zhian.30-1", "--act-date", "2026-03-01", "--decision-date", "2026-03-10", "--circumstance",
            "minor"]
    code, out, _ = run(capsys, *argv)
    header = out.splitlines()[1]
    assert code == 0 and header == ("行为日 2026-03-01，决定日 2026-03-10；个人；"
                                    "一般情形（未对“情节较轻”单设处罚幅度，在适用的幅度内裁量）")
    assert "  一般情形（base）：5日以上10日以下拘留或者1000元以下罚款；罚款 0 至 1000 元" in out
    api = client.post("/v1/penalties/zhian.30-1/assess", json={
        "act_date": "2026-03-01", "decision_date": "2026-03-10", "party": "individual", "circumstances": ["minor"]})
    assert api.get_json()["notes"] == ["治安管理处罚法（2025） 第三十条 未对“情节较轻”单设处罚幅度，在适用的幅度内裁量"]


def test_a_circumstance_with_its_own_band_is_named_in_the_header(capsys):
    # 治安管理处罚法（2025） 第六十八条第一款: 情节较轻的，处警告或者五百元以下罚款 — a band of its own; the
    # act of 2025-11-20 under 2012 第五十七条 (200-500) is judged by the lighter new text (从轻).
    code, out, _ = run(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10",
                       "--circumstance", "minor")
    assert code == 0 and out.splitlines()[1] == "行为日 2025-11-20，决定日 2026-02-10；个人；情节较轻"
    # both dates under 2012 第五十七条第一款, which has no 情节较轻 band: 200-500 applies
    code, out, _ = run(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2025-12-01",
                       "--circumstance", "minor")
    assert out.splitlines()[1].endswith("；一般情形（未对“情节较轻”单设处罚幅度，在适用的幅度内裁量）")
    assert "一般情形（base）：200元以上500元以下罚款" in out


# ---------------------------------------------------------------- past the published calendar

def test_past_the_calendar_the_text_estimates_and_says_so_as_the_page_does(capsys, client):
    # 行政许可法 第四十二条: decide within 20 working days of 2026-12-01 (a Tuesday): 12-02..12-04 (3),
    # 12-07..12-11 (8), 12-14..12-18 (13), 12-21..12-25 (18), 12-28 (19), 12-29 (20). 第四十四条: the
    # certificate within 10 working days of the decision: 12-30, 12-31 (2); 2027-01-01 (Friday) is 元旦
    # under the 放假办法, no notice yet; 01-04..01-08 (7), 01-11, 01-12, 01-13 (10) -> 2027-01-13, estimated.
    code, out, err = run(capsys, "timeline", "administrative-licence", "2026-12-01")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[2].startswith("推定结果：本系统尚未收录2027年的国务院节假日安排，以下按《全国年节及纪念日放假办法》推定")
    decision = next(x for x in lines if x.strip().startswith("作出行政许可决定 "))
    assert "2026-12-01 → 2026-12-29  20个工作日" in decision and "推定" not in decision
    delivery = next(x for x in lines if "颁发、送达许可证件" in x)
    assert "2026-12-29 → 2027-01-13  10个工作日" in delivery
    low, high = re.search(r"（推定；可能在 (\S+) 至 (\S+) 之间）$", delivery).groups()
    assert low <= "2027-01-13" <= high
    assert "办结：2027-01-13（推定）" in lines
    assert f"  按该年实际安排，全部办结最迟日可能在 {low} 至 {high} 之间。" in lines
    # the page answers the same request the same way, unasked
    page = client.get("/timelines?procedure=administrative-licence&start=2026-12-01").get_data(as_text=True)
    assert "本系统尚未收录2027年的国务院节假日安排" in page and '<time class="due" datetime="2027-01-13">' in page
    assert f"推定；可能在 {low} 至 {high} 之间" in page and f'<time datetime="{low}">' in page


def test_past_the_calendar_json_answers_what_the_api_answers(capsys, client):
    code, out, err = run(capsys, "timeline", "administrative-licence", "2026-12-01", "--json")
    assert code == 3 and out == "" and err.startswith("calendar_gap: 2027年")
    api = client.post("/v1/timelines/administrative-licence", json={"start": "2026-12-01"})
    assert api.status_code == 422 and api.get_json()["reason"] == "calendar_gap"
    code, out, _ = run(capsys, "timeline", "administrative-licence", "2026-12-01", "--provisional", "--json")
    api = client.post("/v1/timelines/administrative-licence", json={"start": "2026-12-01", "provisional": True})
    assert code == 0 and json.loads(out) == api.get_json() and json.loads(out)["provisional"] is True


@pytest.mark.parametrize("argv", [["--provisional"], []])
def test_a_completion_that_cannot_be_found_is_not_marked_estimated(capsys, argv):
    # The 网吧 licence ends with 县工商局's registration, which has no time limit: no completion date
    # to estimate, whether asked for or not (the notes say why).
    code, out, _ = run(capsys, "timeline", "internet-cafe-licence", "2026-12-20", *argv)
    assert code == 0 and "办结：无法确定（见注）" in out.splitlines()
