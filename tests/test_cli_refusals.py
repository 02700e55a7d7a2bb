"""The command line reads what was typed and shows the domain's refusal: it holds no legal or range
check of its own (issue 25, item 4), so a limit has one wording — the API's — and the CLI names the
argument it came from. A refusal of what was typed is exit 2 (docs/cli.md), as a line the CLI could
not read is.
"""
from __future__ import annotations

import pytest

from calc import cli

RENTAL = "rental.unregistered-tenant"

# (command line, the argument it names, the same question to the API, the words both say)
SAME_REFUSAL = [
    # 行政处罚法 第六十七条: the fine is paid after the decision is served, not before
    (["late-fee", "500", "2026-09-10", "2026-09-01"], "PAID",
     ("/v1/penalties/late-fee", {"fine": 500, "served": "2026-09-10", "paid": "2026-09-01"}),
     "缴纳日 2026-09-01 早于送达日 2026-09-10"),
    (["penalty", RENTAL, "--act-date", "2026-02-10", "--decision-date", "2025-11-20", "--party", "individual"],
     "--decision-date",
     (f"/v1/penalties/{RENTAL}/assess", {"act_date": "2026-02-10", "decision_date": "2025-11-20",
                                         "party": "individual"}),
     "决定日 2025-11-20 早于行为日 2026-02-10"),
    (["penalty", RENTAL, "--act-date", "2025-11-20", "--decision-date", "2026-02-10", "--party", "individual",
      "--circumstance", "huge"],
     "--circumstance",
     (f"/v1/penalties/{RENTAL}/assess", {"act_date": "2025-11-20", "decision_date": "2026-02-10",
                                         "party": "individual", "circumstances": ["huge"]}),
     "未知的情形代码：huge"),
    (["due", "2026-10-12", "3", "workdays", "--before", "--pause", "2026-10-01..2026-10-02"], "--pause",
     ("/v1/deadlines", {"start": "2026-10-12", "amount": 3, "unit": "workdays", "direction": "before",
                        "pauses": [{"start": "2026-10-01", "end": "2026-10-02"}]}),
     "向前计算的期限不适用中止期间"),
    (["due", "2026-09-21", "2601", "workdays"], "AMOUNT",
     ("/v1/deadlines", {"start": "2026-09-21", "amount": 2601, "unit": "workdays"}),
     "workdays 期间不能超过 2600"),
    (["inspections", "special-trades", "2026-03-31", "2026-01-01"], "END",
     ("/v1/inspections/special-trades/plan", {"start": "2026-03-31", "end": "2026-01-01"}),
     "结束日不能早于开始日"),
    (["due", "2026-09-21", "5", "days", "--pause", "2026-10-05..2026-10-01"], "--pause",
     ("/v1/deadlines", {"start": "2026-09-21", "amount": 5, "unit": "days",
                        "pauses": [{"start": "2026-10-05", "end": "2026-10-01"}]}),
     "结束日不能早于开始日"),
    (["timeline", "internet-cafe-licence", "2026-09-21", "--actual", "nope=2026-09-30"], "--actual",
     ("/v1/timelines/internet-cafe-licence", {"start": "2026-09-21", "actual": {"nope": "2026-09-30"}}),
     "本程序没有阶段 nope"),
    (["threshold", "pyramid-selling", "--fact", "members=x", "--fact", "levels=3"], "--fact",
     ("/v1/thresholds/pyramid-selling/assess", {"facts": {"members": "x", "levels": 3}}),
     "涉嫌组织、领导的传销活动人员人数 应为数值"),
]


@pytest.mark.parametrize("argv, named, api, words", SAME_REFUSAL, ids=[" ".join(c[0][:2]) + " " + c[1]
                                                                        for c in SAME_REFUSAL])
def test_the_cli_refuses_in_the_apis_words_naming_the_argument_exit_2(capsys, client, argv, named, api, words):
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"calc {argv[0]}：参数 {named}：{words}"), err
    r = client.post(api[0], json=api[1])
    assert r.status_code == 422
    said = [m for ms in r.get_json()["errors"].values() for m in (ms if isinstance(ms, list) else
                                                                   [x for d in ms.values() for x in d["end"]])]
    assert any(m.rstrip("。").startswith(words) for m in said), said


@pytest.mark.parametrize("argv, named, words", [
    # 行政处罚法 第七十二条 counts 3% of a fine: a fine is more than nothing, in whole fen
    (["late-fee", "0", "2026-09-01", "2026-09-20"], "FINE", "罚款应为正数，最多两位小数（分）"),
    (["late-fee", "1.234", "2026-09-01", "2026-09-20"], "FINE", "罚款应为正数，最多两位小数（分）"),
    (["events", "1899"], "YEAR", "日期应在 1900-01-01 至 2200-12-31 之间"),
    (["inspections", "special-trades", "2026-01-01", "2026-03-31", "--population", "-1"], "--population",
     "应为不小于 0 的整数"),
    (["due", "2026-09-21", "5", "days", "--extension", "3661"], "--extension", "days 期间不能超过 3660"),
])
def test_what_the_domain_refuses_is_named_by_its_argument(capsys, argv, named, words):
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"calc {argv[0]}：参数 {named}：{words}（"), err


def test_the_cli_modules_hold_no_comparison_of_dates_or_limits_of_their_own():
    # The checks the CLI had (paid < served, end < start, amount > LIMITS) are the domain's: no CLI
    # module compares two of its arguments or reads periods.LIMITS.
    import ast
    from pathlib import Path

    found = []
    for path in sorted(Path(cli.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "LIMITS":
                found.append(f"{path.name}:{node.lineno} {node.attr}")
            if isinstance(node, ast.Compare) and all(isinstance(x, ast.Attribute) and isinstance(x.value, ast.Name)
                                                     and x.value.id == "args" for x in (node.left, *node.comparators)):
                found.append(f"{path.name}:{node.lineno} compares two arguments")
    assert found == []
