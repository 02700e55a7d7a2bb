"""The `calc` command line: answers for people and (with --json) the API's own JSON, and its exit
codes — 0 answer/ok, 1 schedules have problems, 2 bad arguments, 3 the domain refuses.

Expected dates come from the State Council's notice for 2026 (国办发明电〔2025〕7号: 中秋 09-25..09-27,
国庆 10-01..10-07 off, 10-10 a make-up working day), the law's texts and the county list, counted by hand.
"""
from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calc import cli, reload, schedules as schedules_module

BUNDLED = schedules_module.DEFAULT_ROOT
CALC = Path(sys.executable).with_name("calc")  # the console script installed beside the venv's python
RENTAL = "rental.unregistered-tenant"
ASSESS = ["penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10",
          "--party", "individual", "--circumstance", "minor"]


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture()
def broken(tmp_path):
    """A copy of the bundled schedules with two faults: a band whose minimum is above its maximum
    (penalties/rental.toml) and a TOML syntax error (events/publicity.toml)."""
    root = tmp_path / "schedules"
    shutil.copytree(BUNDLED, root)
    rental = root / "penalties" / "rental.toml"
    text = rental.read_text("utf-8")
    assert "fine = { min = 200, max = 500 }" in text
    rental.write_text(text.replace("fine = { min = 200, max = 500 }", "fine = { min = 900, max = 500 }", 1), "utf-8")
    with (root / "events" / "publicity.toml").open("a", encoding="utf-8") as f:
        f.write("\nbroken = [\n")
    return root


# ---------------------------------------------------------------- check

def test_check_prints_the_line_reload_parses_and_exits_0(capsys):
    code, out, err = run(capsys, "check")
    assert code == 0, err
    first = out.splitlines()[0]
    assert re.fullmatch(r"schedules ok: \S.* digest [0-9a-f]{16}; 日历 \d{4}-\d{4}", first), first
    assert reload.OK.search(out)["digest"] == schedules_module.load(BUNDLED).digest
    assert "日历 2004-" in first  # the notices collected start with 2004
    assert err == ""


def test_check_of_a_corrupted_copy_exits_1_naming_file_and_key(capsys, broken):
    code, out, err = run(capsys, "check", str(broken))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert all(line.startswith("schedules 有误：") for line in lines), err
    fine = [line for line in lines if "penalties/rental.toml: " in line]
    syntax = [line for line in lines if "events/publicity.toml: " in line]
    assert fine and syntax, err  # schedules.problems: every problem, not only the first
    assert re.search(r"rental\.toml: violation\[0\]\.version\[0\]\.bands\[0\]\.fine\S*: .*900", fine[0]), fine[0]
    assert "TOML" in syntax[0]


def test_check_of_a_missing_directory_exits_1_naming_it(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere" in err and err.startswith("schedules 有误：")


def test_positional_dirs_win_over_the_global_schedules_option(capsys, broken):
    assert run(capsys, "--schedules", str(broken), "check")[0] == 1
    assert run(capsys, "--schedules", str(broken), "check", str(BUNDLED))[0] == 0


def test_answering_commands_refuse_bad_schedules_with_exit_1(capsys, broken, monkeypatch):
    code, out, err = run(capsys, "--schedules", str(broken), "due", "2026-09-21", "20", "workdays")
    assert code == 1 and out == ""
    assert "schedules 有误：penalties/rental.toml" in err or "schedules 有误：events/publicity.toml" in err
    monkeypatch.setenv("CALC_SCHEDULES", str(broken))
    assert run(capsys, "events", "2027")[0] == 1


def test_check_takes_a_county_overlay_over_the_bundled_schedules(capsys, tmp_path):
    overlay = tmp_path / "county"
    (overlay / "events").mkdir(parents=True)
    (overlay / "events" / "county.toml").write_text(
        '[[event]]\nid = "national-security-education-day"\ntitle = "全民国家安全教育日"\nwhen = "4月15日"\n'
        'rrule = "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15"\nunit = "国内安全保卫大队"\n'
        'content = "宣传国家安全法。"\nseed = "县级清单 三、7"\nbasis = "国家安全法 第十四条"\n', "utf-8")
    code, out, err = run(capsys, "check", str(BUNDLED), str(overlay))
    assert code == 0, err
    lines = out.splitlines()
    assert reload.OK.search(lines[0]) and len(lines) == 3
    assert str(BUNDLED) in lines[1] and str(overlay) in lines[2]
    # 国家安全法 第十四条: 每年四月十五日为全民国家安全教育日
    items = run_json(capsys, "--schedules", os.pathsep.join([str(BUNDLED), str(overlay)]), "events", "2027")["items"]
    assert {"id": "national-security-education-day", "date": "2027-04-15"}.items() <= items[2].items()

    (overlay / "events" / "county.toml").write_text("[[event]]\nid = 1\n", "utf-8")
    code, _, err = run(capsys, "check", str(BUNDLED), str(overlay))
    assert code == 1 and "county.toml" in err and "event[0]" in err


# ---------------------------------------------------------------- due

def test_due_counts_twenty_working_days_over_mid_autumn_and_national_day(capsys):
    code, out, err = run(capsys, "due", "2026-09-21", "20", "workdays")
    assert code == 0, err
    assert out.splitlines()[0] == "届满日：2026-10-26"
    assert "中秋节 09-25至09-27" in out and "国庆节 10-01至10-07" in out and "10-10" in out
    assert "依据：国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）" in out
    assert "依据：民法典 第二百零一条" in out  # the start day is not counted


def test_due_json_is_what_the_api_answers(capsys, client):
    answer = run_json(capsys, "due", "2026-09-21", "20", "workdays")
    assert answer["due"] == "2026-10-26" and answer["calendar_years"] == [2026] and answer["provisional"] is False
    assert [s["date"] for s in answer["steps"]] == ["2026-09-21", "2026-10-26"]
    api = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"})
    assert api.status_code == 200 and answer == api.get_json()


def test_due_with_a_pause_an_extension_and_backwards(capsys, client):
    # 10-12..10-16 (Mon-Fri) not counted: five more working days after 10-26 -> 10-27..10-30, 11-02
    paused = run_json(capsys, "due", "2026-09-21", "20", "workdays", "--pause", "2026-10-12..2026-10-16")
    assert paused["due"] == "2026-11-02"
    api = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays",
                                             "pauses": [{"start": "2026-10-12", "end": "2026-10-16"}]})
    assert paused == api.get_json()
    # two pauses may be given; the second (a weekend) removes no working day
    twice = run_json(capsys, "due", "2026-09-21", "20", "workdays",
                     "--pause", "2026-10-12..2026-10-16", "--pause", "2026-10-24..2026-10-25")
    assert twice["due"] == "2026-11-02"
    # extended by 10 working days from 10-26: 10-27..10-30, 11-02..11-06, 11-09
    assert run_json(capsys, "due", "2026-09-21", "20", "workdays", "--extension", "10")["due"] == "2026-11-09"
    # 3 working days before Monday 10-12: Saturday 10-10 (make-up day), 10-09, 10-08
    before = run_json(capsys, "due", "2026-10-12", "3", "workdays", "--before")
    assert before["due"] == "2026-10-08" and before["direction"] == "before"


def test_due_with_an_extension_across_national_day_counts_on_from_the_unmoved_day(capsys, client):
    # 治安管理处罚法（2025） 第一百一十八条: 9/7 + 30 days = 10/7 (国庆); extended, it is not the last day and
    # is not moved (民法典 第二百零三条); 10/7 + 30 = 11/6 (Fri). The API's very answer; the text says why.
    args = ["due", "2026-09-07", "30", "days", "--extension", "30", "--extension-basis", "治安管理处罚法（2025） 第一百一十八条第一款"]
    answer = run_json(capsys, *args)
    assert answer["due"] == "2026-11-06"
    api = client.post("/v1/deadlines", json={"start": "2026-09-07", "amount": 30, "unit": "days", "extension": {
        "amount": 30, "unit": "days", "basis": "治安管理处罚法（2025） 第一百一十八条第一款"}})
    assert answer == api.get_json()
    code, out, _ = run(capsys, *args)
    assert code == 0 and "2026-11-06" in out and "（2026-10-07 国庆节），但期间已经延长" in out
    assert "延长30日，自被延长期间的最后一日（2026-10-07）起算" in out and "2026-10-08" not in out


def test_due_in_an_unpublished_year_is_a_calendar_gap_exit_3_unless_provisional(capsys):
    code, out, err = run(capsys, "due", "2027-01-05", "5", "workdays")
    assert code == 3 and out == ""
    assert err.startswith("calendar_gap: 2027年") and "--provisional" in err
    code, out, _ = run(capsys, "due", "2027-01-05", "5", "workdays", "--provisional")
    assert code == 0 and "（推定）" in out.splitlines()[0]


def test_a_domain_refusal_of_a_well_formed_command_is_exit_2_naming_the_argument(capsys):
    # Issue 25, item 4: the domain refuses what was typed (a pause does not apply to a period counted
    # backwards) in the API's words, and the CLI names the argument: exit 2, as for any bad argument
    # (was exit 3 "invalid: …").
    code, out, err = run(capsys, "due", "2026-10-12", "3", "workdays", "--before", "--pause", "2026-10-01..2026-10-02")
    assert code == 2 and out == "" and err.startswith("calc due：参数 --pause：向前计算的期限不适用中止期间")


BAD_ARGUMENTS = [
    (["due", "2026-02-30", "5", "days"], "START"),
    (["due", "2026092", "5", "days"], "START"),  # 20260921 is a date people type (issue 20); 7 digits are not
    (["due", "2026-09-21", "5", "weeks"], "UNIT"),
    (["due", "2026-09-21", "0", "days"], "AMOUNT"),
    (["due", "2026-09-21", "x", "days"], "AMOUNT"),
    (["due", "2026-09-21", "3661", "days"], "AMOUNT"),
    (["due", "2026-09-21", "5", "days", "--pause", "2026-10-05..2026-10-01"], "--pause"),
    (["due", "2026-09-21", "5", "days", "--pause", "2026-10-05"], "--pause"),
    (["due", "2026-09-21", "5", "days", "--extension", "-1"], "--extension"),
    (["due", "2026-09-21"], "AMOUNT"),
    (["due", "2026-09-21", "5", "days", "--nonsense"], "--nonsense"),
    (["timeline", "internet-cafe-licence", "2026-9-31"], "START"),  # September has 30 days; 2026-9-21 now reads
    (["timeline", "internet-cafe-licence", "2026-09-21", "--actual", "culture-preliminary"], "--actual"),
    (["timeline", "internet-cafe-licence", "2026-09-21", "--actual", "culture-preliminary=30.09.2026"], "--actual"),
    (["penalty", RENTAL, "--act-date", "2025-11-20", "--party", "company"], "--party"),
    (["penalty", RENTAL, "--act-date", "2025-11-20", "--party", "individual", "--circumstance", "huge"],
     "--circumstance"),
    (["penalty", RENTAL, "--decision-date", "2026-02-10"], "--decision-date"),
    (["events", "20x7"], "YEAR"),
    (["events", "2027", "--ics", "--json"], "--ics"),
    (["serve", "--bind", "localhost"], "--bind"),
    (["serve", "--bind", "127.0.0.1:70000"], "--bind"),
    (["serve", "--workers", "0"], "--workers"),
    (["nonsense"], "子命令"),
    ([], "子命令"),
]


@pytest.mark.parametrize("argv, named", BAD_ARGUMENTS, ids=[" ".join(a) or "(none)" for a, _ in BAD_ARGUMENTS])
def test_bad_arguments_are_one_chinese_line_naming_the_argument_exit_2(capsys, argv, named):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and named in err, err
    assert re.search(r"[\u4e00-\u9fff]", err) and "usage" not in err and "error:" not in err, err


def test_help_is_chinese_and_documents_the_exit_codes(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("用法：calc")
    for line in ("0  得出答案", "1  schedules 有问题", "2  参数有误", "3  计算被拒绝"):
        assert line in out
    for command in ("check", "due", "timeline", "penalty", "events", "list", "late-fee", "threshold", "inspections",
                    "day", "serve"):
        assert re.search(rf"^    {command} +\S", out, re.M), command


# ---------------------------------------------------------------- timeline

CAFE = [("culture-preliminary", "县文广新体局", "2026-09-21", "2026-10-26", "20个工作日"),
        ("security-review", "县公安局", "2026-10-26", "2026-11-23", "20个工作日"),
        ("culture-final", "县文广新体局", "2026-11-23", "2026-12-14", "15个工作日"),
        ("business-registration", "县工商局", "2026-12-14", None, None)]


CAFE_TITLES = {"culture-preliminary": "筹建审批", "security-review": "信息网络安全和消防安全审核", "culture-final": "最终审核",
               "business-registration": "持《网络文化经营许可证》申请登记注册，领取营业执照后方可开业"}


def test_timeline_of_the_internet_cafe_licence_one_line_per_stage(capsys):
    code, out, err = run(capsys, "timeline", "internet-cafe-licence", "2026-09-21")
    assert code == 0, err
    lines = out.splitlines()
    for stage, authority, start, due, span in CAFE:
        # people read the stage's title (issue 20: no stage ids in human output), as in the county list
        title = CAFE_TITLES[stage]
        assert not any(x.strip().startswith(stage + " ") for x in lines)
        line = next(x for x in lines if x.strip().startswith(title + " "))
        assert authority in line and start in line and (due or "无期限") in line and (span or "无法定期限") in line
        assert "未办结" in line
    assert "注：" in lines and "2026-12-14" in out.split("注：")[1]


def test_timeline_json_is_what_the_api_answers(capsys, client):
    answer = run_json(capsys, "timeline", "internet-cafe-licence", "2026-09-21")
    got = [(s["id"], s["authority"], s["start"], s["due"], f"{s['amount']}个工作日" if s["amount"] else None)
           for s in answer["stages"]]
    assert got == CAFE and answer["completion"] is None and answer["calendar_years"] == [2026]
    api = client.post("/v1/timelines/internet-cafe-licence", json={"start": "2026-09-21"})
    assert api.status_code == 200 and answer == api.get_json()


def test_timeline_actual_dates_start_the_next_stage(capsys):
    # the PSB's 20 working days from 09-30: 10-09 (1), 10-10 make-up (2) ... 11-03; then 15 to 11-24
    answer = run_json(capsys, "timeline", "internet-cafe-licence", "2026-09-21",
                      "--actual", "culture-preliminary=2026-09-30")
    dues = {s["id"]: (s["start"], s["due"], s["status"]) for s in answer["stages"]}
    assert dues["culture-preliminary"][2] == "decided"
    assert dues["security-review"] == ("2026-09-30", "2026-11-03", "open")
    assert dues["culture-final"][1] == "2026-11-24"


def test_timeline_into_an_unpublished_year_json_exit_3_unless_provisional(capsys):
    # Issue 28, item 3: the text answer now estimates, as the page does (tests/test_cli_same_answer.py);
    # --json answers as the API: calendar_gap without provisional.
    code, out, err = run(capsys, "timeline", "internet-cafe-licence", "2026-11-02", "--json")
    assert code == 3 and out == "" and err.startswith("calendar_gap: 2027年")
    answer = run_json(capsys, "timeline", "internet-cafe-licence", "2026-11-02", "--provisional")
    assert answer["provisional"] is True
    assert next(s for s in answer["stages"] if s["id"] == "culture-final")["due"] == "2027-01-19"


def test_an_unknown_procedure_is_exit_3_with_the_known_ids(capsys):
    code, out, err = run(capsys, "timeline", "internet-cafe", "2026-09-21")
    assert code == 3 and out == ""
    assert err.startswith("not_found: ") and "internet-cafe-licence" in err and "summons-questioning" in err


def test_unknown_stage_in_actual_is_a_domain_refusal(capsys):
    code, _, err = run(capsys, "timeline", "internet-cafe-licence", "2026-09-21", "--actual", "nope=2026-09-30")
    assert code == 2 and err.startswith("calc timeline：参数 --actual：") and "nope" in err


# ---------------------------------------------------------------- penalty

def test_penalty_without_a_case_describes_versions_and_bands(capsys, client):
    code, out, err = run(capsys, "penalty", RENTAL)
    assert code == 0, err
    assert "治安管理处罚法（2012） 第五十七条第一款（2006-03-01 起施行，至 2025-12-31）" in out
    assert "治安管理处罚法（2025） 第六十八条第一款（2026-01-01 起施行，现行有效）" in out
    assert re.search(r"情节较轻（minor）：警告或者500元以下罚款.*罚款 0 至 500 元", out)
    assert re.search(r"一般情形（base）：500元以上1000元以下罚款", out)
    answer = run_json(capsys, "penalty", RENTAL)
    assert [(v["basis"], v["effective"]) for v in answer["versions"]] == [
        ("治安管理处罚法（2012） 第五十七条第一款", {"from": "2006-03-01", "until": "2025-12-31"}),
        ("治安管理处罚法（2025） 第六十八条第一款", {"from": "2026-01-01", "until": None})]
    assert answer == client.get(f"/v1/penalties/{RENTAL}").get_json()


def test_penalty_assessment_applies_the_lighter_new_text(capsys):
    code, out, err = run(capsys, *ASSESS)
    assert code == 0, err
    assert "适用：治安管理处罚法（2025） 第六十八条第一款（决定时的规定较轻，从轻适用）" in out
    assert "依据：行政处罚法（2021） 第三十七条" in out
    assert re.search(r"情节较轻（minor）：.*罚款 0 至 500 元；可以警告", out)
    assert "当场处罚（简易程序）：是" in out and "听证：否" in out
    # 治安管理处罚法（2012） 第二十二条: six months from 2025-11-20 -> 2026-05-20 (a Wednesday)
    assert "届满：2026-05-20" in out


def test_penalty_assessment_json_is_what_the_api_answers(capsys, client):
    answer = run_json(capsys, *ASSESS)
    version = answer["version"]
    assert version["rule"] == "decision_time_lighter"
    assert version["applied"]["basis"] == "治安管理处罚法（2025） 第六十八条第一款"
    assert answer["bands"][0]["fine"] == {"min": 0, "max": 500} and answer["bands"][0]["warning"] is True
    assert answer["limitation"]["expires"] == "2026-05-20"
    api = client.post(f"/v1/penalties/{RENTAL}/assess", json={
        "act_date": "2025-11-20", "decision_date": "2026-02-10", "party": "individual", "circumstances": ["minor"]})
    assert api.status_code == 200 and answer == api.get_json()


def test_penalty_decision_date_defaults_to_today_in_beijing_as_the_api_does(capsys):
    beijing = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
    answer = run_json(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--party", "individual")
    assert answer["decision_date"] in (beijing.isoformat(), (beijing + dt.timedelta(days=1)).isoformat())


def test_an_unknown_violation_is_exit_3_with_the_known_ids(capsys):
    code, out, err = run(capsys, "penalty", "rental.nothing")
    assert code == 3 and out == "" and err.startswith("not_found: ") and RENTAL in err


def test_a_decision_before_the_act_is_a_domain_refusal(capsys):
    code, _, err = run(capsys, "penalty", RENTAL, "--act-date", "2026-02-10", "--decision-date", "2025-11-20",
                       "--party", "individual")
    assert code == 2 and err.startswith("calc penalty：参数 --decision-date：决定日 2025-11-20 早于行为日 2026-02-10")


# ---------------------------------------------------------------- events

OPEN_DAYS_2027 = ["2027-03-03", "2027-06-02", "2027-09-01", "2027-12-01"]  # first Wednesday of 3, 6, 9, 12


def test_events_of_2027_list_the_open_days(capsys):
    code, out, err = run(capsys, "events", "2027")
    assert code == 0, err
    for day in OPEN_DAYS_2027:
        assert re.search(rf"^  {day}  政法机关开放日  政治处", out, re.M), day
    assert re.search(r"^  2027-12-02  .*122.*联系电话 ", out, re.M)  # 全国交通安全日, with its phone


def test_events_json_is_what_the_api_answers(capsys, client):
    answer = run_json(capsys, "events", "2027")
    assert [o["date"] for o in answer["items"] if o["id"] == "open-day"] == OPEN_DAYS_2027
    assert answer["start"] == "2027-01-01" and answer["end"] == "2027-12-31"
    api = client.get("/v1/events?start=2027-01-01&end=2027-12-31")
    assert api.status_code == 200 and answer == api.get_json()


def test_events_ics_is_byte_for_byte_the_api_feed(capsysbinary, client):
    assert cli.main(["events", "2027", "--ics"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"BEGIN:VCALENDAR\r\n") and b"DTSTART;VALUE=DATE:20270303" in out
    api = client.get("/v1/events.ics?start=2027-01-01&end=2027-12-31")
    assert api.status_code == 200 and out == api.data


# ---------------------------------------------------------------- serve

def test_serve_refuses_bad_schedules_with_exit_1_before_starting(capsys, broken, monkeypatch):
    monkeypatch.setattr(cli.os, "execvp", lambda *a: pytest.fail("serve started gunicorn on bad schedules"))
    code, out, err = run(capsys, "--schedules", str(broken), "serve")
    assert code == 1 and out == ""
    assert "schedules 有误：penalties/rental.toml" in err or "schedules 有误：events/publicity.toml" in err


class Exec(Exception):
    pass


def test_serve_sets_bind_and_workers_then_execs_gunicorn_with_the_package_settings(capsys, monkeypatch):
    for name in ("CALC_BIND", "CALC_WORKERS"):
        monkeypatch.setenv(name, "before")  # restored after the test, whatever serve sets
    monkeypatch.delenv("CALC_SCHEDULES", raising=False)
    seen = {}

    def execvp(file, argv):
        seen.update(file=file, argv=argv, env={k: os.environ.get(k) for k in ("CALC_BIND", "CALC_WORKERS")})
        raise Exec

    monkeypatch.setattr(cli.os, "execvp", execvp)
    with pytest.raises(Exec):
        cli.main(["serve", "--bind", "127.0.0.1:8123", "--workers", "3"])
    assert seen["file"] == sys.executable
    assert seen["argv"] == [sys.executable, "-m", "gunicorn", "-c", "python:calc.serving", "calc.wsgi:app"]
    assert seen["env"] == {"CALC_BIND": "127.0.0.1:8123", "CALC_WORKERS": "3"}
    assert reload.OK.search(capsys.readouterr().out)  # checked first, as `calc check`


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthz(port: int) -> int | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/healthz")
            return conn.getresponse().status
        finally:
            conn.close()
    except (OSError, http.client.HTTPException):
        return None


def test_calc_serve_starts_gunicorn_that_answers(tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    env = {k: v for k, v in os.environ.items() if k not in ("CALC_BIND", "CALC_WORKERS")}
    proc = subprocess.Popen([str(CALC), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while healthz(port) != 200:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text("utf-8", "replace")
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text("utf-8", "replace")
            time.sleep(0.2)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/v1/deadlines", body=json.dumps({"start": "2026-09-21", "amount": 20, "unit": "workdays"}),
                     headers={"Content-Type": "application/json"})
        assert json.loads(conn.getresponse().read())["due"] == "2026-10-26"
        conn.close()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        log.close()
    assert "schedules ok:" in (tmp_path / "serve.log").read_text("utf-8", "replace")


# ---------------------------------------------------------------- the console script

def test_the_installed_console_script_answers_and_refuses():
    assert CALC.is_file(), f"{CALC} missing: pip install -e . installs it"
    done = subprocess.run([str(CALC), "due", "2026-09-21", "20", "workdays", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["due"] == "2026-10-26"
    done = subprocess.run([str(CALC), "events", "2027", "--nonsense"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--nonsense" in done.stderr
    done = subprocess.run([str(CALC), "due", "2027-01-05", "5", "workdays"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3 and "calendar_gap" in done.stderr


WEB = {"flask", "flask_smorest", "marshmallow", "werkzeug"}
NO_WEB = ("import sys, calc.cli\n"
          "code = calc.cli.main(sys.argv[1:])\n"
          "web = sorted({m.split('.')[0] for m in sys.modules} & %r)\n"
          "assert code == 0 and not web, (code, web)\n" % WEB)


@pytest.mark.parametrize("argv", [
    ["due", "2026-09-21", "20", "workdays", "--json"],
    ["timeline", "internet-cafe-licence", "2026-09-21", "--json"],
    ["timeline", "internet-cafe-licence", "2026-09-21"],
    ["penalty", RENTAL, "--json"],
    [*ASSESS, "--json"],
    ["penalty", RENTAL, "--act-date", "2025-11-20", "--party", "individual", "--json"],  # today() as the default
    ["events", "2027", "--json"],
    ["events", "2027", "--ics"],
    ["list", "--json"],
    ["late-fee", "500", "2026-09-01", "2026-09-20", "--json"],
    ["threshold", "pyramid-selling", "--fact", "members=35", "--fact", "levels=3", "--json"],
    ["inspections", "special-trades", "2026-01-01", "2026-03-31", "--json"],
    ["day", "2026-10-10", "--json"],
], ids=lambda argv: " ".join(argv[:1] + argv[-1:]))
def test_answers_and_their_json_never_import_the_web_adapter(argv):
    # The CLI's JSON comes from calc/answers/, which the API also serialises with: a script calling
    # `calc … --json` in a loop should not pay for Flask, flask-smorest and marshmallow each time.
    done = subprocess.run([sys.executable, "-c", NO_WEB, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    if "--ics" in argv:
        assert done.stdout.startswith("BEGIN:VCALENDAR")
    elif "--json" in argv:
        assert json.loads(done.stdout)
    else:
        assert "（internet-cafe-licence）" in done.stdout.splitlines()[0]


def test_the_schedules_option_works_after_the_subcommand_too(capsys):
    overlay = Path(__file__).resolve().parent / "data" / "overlays" / "qingshi"
    # The test overlay's 2027 file has 春节 02-05..02-08 (Friday to Monday): ten working days from
    # Monday 02-01 are 02-02..02-04, 02-09..02-12 and 02-15..02-17.
    for argv in (["due", "2027-02-01", "10", "workdays", "--schedules", str(overlay), "--json"],
                 ["--schedules", str(overlay), "due", "2027-02-01", "10", "workdays", "--json"]):
        assert cli.main(argv) == 0
        assert json.loads(capsys.readouterr().out)["due"] == "2027-02-17"


# ---------------------------------------------------------------- what people type, and the other questions

def test_version_is_the_package_version(capsys):
    from importlib.metadata import version

    code, out, _ = run(capsys, "--version")
    # the distribution is gongan-calc (calc on PyPI is another project's); the command stays calc
    assert code == 0 and out.strip() == f"calc {version('gongan-calc')}"


def test_list_names_every_id_with_its_title(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    # ids and titles from the county list as encoded in schedules/
    for id_, title in (("internet-cafe-licence", "网吧设立审批"), (RENTAL, "房屋出租人"), ("110-day", "“110”宣传日"),
                       ("special-trades", "印章、旅馆、典当等特种行业事项监管"), ("pyramid-selling", "传销")):
        line = next(x for x in out.splitlines() if x.strip().startswith(id_ + " "))
        assert title in line, line
    code, out, _ = run(capsys, "list", "timelines")
    assert "violations" not in out and "      security-review  信息网络安全和消防安全审核" in out
    listed = json.loads(run(capsys, "list", "inspections", "--json")[1])
    assert list(listed) == ["inspections"] and {"id": "performance", "title": "营业性演出事项监督"} in listed["inspections"]


@pytest.mark.parametrize("word, unit", [("工作日", "workdays"), ("日", "days"), ("天", "days"), ("月", "months"),
                                        ("年", "years")])
def test_units_in_chinese_are_the_same_periods(capsys, word, unit):
    assert run_json(capsys, "due", "2025-09-21", "1", word) == run_json(capsys, "due", "2025-09-21", "1", unit)


def test_late_fee_is_three_percent_a_day_capped_at_the_fine(capsys, client):
    # 行政处罚法 第六十七条第三款: pay within 15 days of service: 09-01 + 15 days = 09-16 (a Wednesday);
    # 第七十二条第一款第一项: 3% a day from 09-17; to 09-20 is 4 days: 500 × 3% × 4 = 60 yuan.
    code, out, _ = run(capsys, "late-fee", "500", "2026-09-01", "2026-09-20")
    assert code == 0 and "缴纳期限届满：2026-09-16" in out and "逾期 4 日，加处罚款 60 元" in out
    assert "合计应缴：560 元" in out
    # to 10-20: 34 days × 15 = 510 yuan, more than the fine: capped at 500 (the fine itself)
    answer = run_json(capsys, "late-fee", "500", "2026-09-01", "2026-10-20")
    assert (answer["days_late"], answer["surcharge"], answer["capped"], answer["total"]) == (34, 500, True, 1000)
    api = client.post("/v1/penalties/late-fee", json={"fine": 500, "served": "2026-09-01", "paid": "2026-10-20"})
    assert api.status_code == 200 and answer == api.get_json()


def test_late_fee_paid_before_service_is_a_bad_argument(capsys):
    code, out, err = run(capsys, "late-fee", "500", "2026-09-10", "2026-09-01")
    assert code == 2 and out == "" and "PAID" in err


def test_threshold_of_pyramid_selling(capsys, client):
    # 立案追诉标准（二）第七十八条: 30 people or more and three levels or more -> criminal case (经侦)
    code, out, _ = run(capsys, "threshold", "pyramid-selling")
    assert code == 0 and "members" in out and "涉嫌组织、领导的传销活动人员人数" in out
    code, out, _ = run(capsys, "threshold", "pyramid-selling", "--fact", "members=35", "--fact", "levels=3",
                       "--fact", "role=organizer")
    assert code == 0 and "达到标准" in out and "刑事立案" in out
    code, out, _ = run(capsys, "threshold", "pyramid-selling", "--fact", "members=29", "--fact", "levels=3",
                       "--fact", "role=organizer")
    assert "未达到标准" in out and "禁止传销条例" in out
    facts = {"members": 35, "levels": 3}
    answer = run_json(capsys, "threshold", "pyramid-selling", "--fact", "members=35", "--fact", "levels=3")
    api = client.post("/v1/thresholds/pyramid-selling/assess", json={"facts": facts})
    assert api.status_code == 200 and answer == api.get_json()
    assert run_json(capsys, "threshold", "pyramid-selling") == client.get("/v1/thresholds/pyramid-selling").get_json()
    code, _, err = run(capsys, "threshold", "pyramid")
    assert code == 3 and "pyramid-selling" in err


def test_inspection_plan_is_what_the_api_plans(capsys, client):
    # 责任清单 四（六）三、1: every hotel once a month; January 2026 ends on Saturday the 31st, so the
    # last working day is Friday 01-30
    code, out, _ = run(capsys, "inspections", "special-trades", "2026-01-01", "2026-03-31", "--population", "40")
    assert code == 0
    assert re.search(r"2026-01 .*每月对辖区所有旅馆进行1次监督检查.*1 次.*40家旅馆.*最迟 2026-01-30", out), out
    answer = run_json(capsys, "inspections", "special-trades", "2026-01-01", "2026-03-31", "--population", "40")
    api = client.post("/v1/inspections/special-trades/plan",
                      json={"start": "2026-01-01", "end": "2026-03-31", "population": 40})
    assert api.status_code == 200 and answer == api.get_json()
    code, _, err = run(capsys, "inspections", "special-trade", "2026-01-01", "2026-03-31")
    assert code == 3 and "special-trades" in err


def test_one_day_of_the_calendar(capsys, client):
    # 国办发明电〔2025〕7号: Saturday 2026-10-10 is a make-up working day for 国庆节
    code, out, _ = run(capsys, "day", "2026年10月10日")
    assert code == 0 and "2026年10月10日 星期六：调休上班日（国庆节）" in out and "国办发明电〔2025〕7号" in out
    answer = run_json(capsys, "day", "2026-10-10")
    assert answer == client.get("/v1/calendar/2026-10-10").get_json()
    code, out, err = run(capsys, "day", "2027-02-10")
    assert code == 3 and err.startswith("calendar_gap: 2027年")
    # 全国年节及纪念日放假办法 (2025): 春节 is 农历除夕 to 正月初三; 除夕 2027 is 02-05, so 02-06 is off
    assert run_json(capsys, "day", "2027-02-06", "--provisional")["kind"] == "holiday"

# ---------------------------------------------------------------- the 治安 catalogue (issue 16)


def test_penalty_describes_the_codes_a_violation_understands(capsys):
    code, out, _ = run(capsys, "penalty", "rental.unreported-tenant-crime")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("情形代码"))
    assert "serious" in line and "over_70" in line and "prior_punishment" in line


def test_penalty_assessment_prints_the_general_rules_and_the_switch(capsys):
    # landlord, act 2025-11-20 (2012 第五十七条: 200-500), decided 2026-02-10 (2025 第六十八条: 500-1,000;
    # 情节较轻 警告或者五百元以下): the old text applies, and 情节较轻 would switch it to the new one
    code, out, _ = run(capsys, "penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10",
                       "--party", "individual", "--circumstance", "over_70")
    assert code == 0
    assert "另：若情节较轻，新法较轻，适用新法" in out
    assert "总则：" in out and "治安管理处罚法（2025） 第一百零九条" in out and "治安管理处罚法（2012） 第二十一条" in out


def test_penalty_json_carries_the_new_fields(capsys):
    j = run_json(capsys, "penalty", "rental.unreported-tenant-crime")
    serious = j["versions"][0]["bands"][1]
    assert serious["detention"] == {"min": 1, "max": 5} and serious["combination"] == "and_optional"
    assert {"code": "serious", "text": "情节严重／情节较重／造成严重后果", "general": False,
            "aggravation": False} in j["circumstances"]  # issue 26: `aggravation` added
