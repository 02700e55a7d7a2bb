"""`calc timeline` answers as the page does (issue 28, items 1 and 2): it leads with the stage
people ask about, the other authorities' periods beneath it; it answers the chain asked for and
names the command for the other; it closes with the decision-form citations; --json carries the
API's `headline`. Dates worked by hand in tests/test_headline.py."""
from __future__ import annotations

import json

from calc import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_officer_reads_the_arrest_request_first(capsys):
    # 刑事诉讼法 第九十一条第一款: 三日 from 09-29 -> 10-01, in custody not moved (第一百零五条第四款)
    code, out, err = run(capsys, "timeline", "criminal-detention", "2026-09-28T10:00")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == "起算：拘留时间 2026-09-28T10:00"  # the label alone, no example
    assert lines[2] == "结果：提请人民检察院批准逮捕：最迟 2026-10-01"
    assert lines[3:5] == ["  人民检察院 · 作出批准或者不批准逮捕的决定：最迟 2026-10-08", "  全部办结：最迟 2026-10-08"]


def test_the_headline_is_chosen_with_headline_and_a_wrong_one_is_exit_2(capsys):
    code, out, _ = run(capsys, "timeline", "criminal-detention", "2026-09-28T10:00", "--headline", "arrest-decision")
    assert code == 0 and "结果：作出批准或者不批准逮捕的决定：最迟 2026-10-08" in out.splitlines()
    code, out, err = run(capsys, "timeline", "criminal-detention", "2026-09-28T10:00", "--headline", "arrest")
    assert code == 2 and out == "" and err.startswith("calc timeline：参数 --headline：本程序没有可作为标题的阶段 arrest")


def test_the_json_carries_the_headline_as_the_api_does(capsys, client):
    code, out, _ = run(capsys, "timeline", "criminal-detention", "2026-09-28T10:00", "--json")
    api = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00"}).get_json()
    assert code == 0 and json.loads(out) == api and api["headline"]["due"] == "2026-10-01"


def test_the_citations_close_the_answer(capsys):
    code, out, _ = run(capsys, "timeline", "criminal-detention", "2026-09-28T10:00")
    tail = out.split("引用：\n")[1].splitlines()
    assert tail[3] == ("  4. 提请人民检察院批准逮捕：《中华人民共和国刑事诉讼法》第九十一条第一款、"
                       "《公安机关办理刑事案件程序规定》第一百二十九条第一款")


def test_the_county_list_is_answered_alone_with_the_command_for_the_regulation(capsys):
    # The county's licence 2027-03-12 (estimated); the regulation's 2027-02-26 is the other command's answer.
    code, out, _ = run(capsys, "timeline", "internet-cafe-licence", "2026-12-20")
    assert code == 0 and "2027-02-26" not in out
    assert "另见：网吧设立审批（互联网上网服务营业场所管理条例）（internet-cafe-licence-national，同一起算日）" in out
    assert "结果：预计 2027-03-12 取得《网络文化经营许可证》（推定：本系统尚未收录2027年的国务院节假日安排，实际可能在 " in out
    assert "最迟于2027-03-12" not in out  # the note's 最迟 is left to the headline, which says it is not
