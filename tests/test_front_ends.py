"""The front ends share their edges (issue 14, item 8): one label table, and a page module that
fails to import stops start-up instead of leaving its page to answer 404."""
from __future__ import annotations

import subprocess
import sys

from calc import labels
from calc.cli import assessment as cli_assessment, timelines as cli_timelines
from calc.web import penalties as web_penalties, timelines as web_timelines


def test_the_cli_and_the_web_page_name_each_status_the_same_way():
    # 逾期, the laws' word (行政许可法 第三十二条 "逾期不告知的"、第五十条 "逾期未作决定的"); the page
    # said 超期办结 / 已超期 while the CLI said 逾期办结 / 已逾期.
    assert labels.STAGE_STATUS["late"] == "逾期办结" and labels.STAGE_STATUS["overdue"] == "已逾期"
    assert cli_timelines.STAGE_STATUS is labels.STAGE_STATUS
    shown = {k: v for k, v in web_timelines.STATUS.items() if v}  # an open stage has no tag on the page
    assert shown == {k: v for k, v in labels.STAGE_STATUS.items() if k != "open"}
    assert cli_assessment.FACT_STATUS is web_penalties.FACT_STATUS is labels.FACT_STATUS


def test_a_late_stage_is_shown_as_逾期办结_on_the_page(client):
    # 行政许可法 第四十二条第一款: 20 working days for the decision. Applied 2026-03-02 (a Monday),
    # accepted the same day, decided 2026-06-01: far beyond 20 working days (due 2026-03-30), so late.
    page = client.get("/timelines?procedure=administrative-licence&start=2026-03-02"
                      "&actual-acceptance=2026-03-02&actual-decision=2026-06-01")
    text = page.get_data(as_text=True)
    assert page.status_code == 200, text[:500]
    assert "逾期办结" in text and "超期" not in text


def test_a_page_module_that_fails_to_import_stops_start_up():
    # sys.modules[name] = None makes `import name` raise ImportError, as a broken page module would.
    probe = ("import sys\nsys.modules['calc.web.events'] = None\n"
             "from calc.api import create_app\ncreate_app({'TESTING': True})\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "ModuleNotFoundError: import of calc.web.events" in done.stderr  # an ImportError, no longer swallowed


def test_no_front_end_module_keeps_a_label_table_of_its_own():
    # Issue 25, item 3: the CLI and web/penalties.py each had a table of the version-choice words,
    # with different words. A module-level dict keyed by two or more of the codes calc/labels.py
    # names is such a table.
    import ast
    from pathlib import Path

    codes = {k for name in dir(labels) if isinstance(getattr(labels, name), dict) for k in getattr(labels, name)}
    root = Path(labels.__file__).parent
    offenders = []
    for path in sorted([*root.joinpath("cli").glob("*.py"), *root.joinpath("web").glob("*.py")]):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                keys = {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
                if len(keys & codes) >= 2:
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_the_penalty_page_and_the_cli_word_the_version_choice_and_the_facts_alike(client, capsys):
    # 2025-11-20 act (2012 第五十七条: 200-500), 2026-02-10 decision (2025 第六十八条, 情节较轻: warning or
    # up to 500): the new text is lighter (行政处罚法 第三十七条); the answer then says whether the case
    # may be decided on the spot (治安管理处罚法（2025） 第一百一十九条: 警告或者五百元以下罚款), collected on the
    # spot, and whether a hearing is due, under the same three headings on both.
    from calc import cli

    page = client.get("/penalties/rental.unregistered-tenant?act_date=2025-11-20&decision_date=2026-02-10"
                      "&party=individual&c=minor").get_data(as_text=True)
    assert cli.main(["penalty", "rental.unregistered-tenant", "--act-date", "2025-11-20", "--decision-date",
                     "2026-02-10", "--party", "individual", "--circumstance", "minor"]) == 0
    out = capsys.readouterr().out
    for words in ("决定时的规定较轻，从轻适用", "当场处罚（简易程序）", "当场收缴罚款", "听证"):
        assert words in page and words in out, words
    assert "从轻：适用决定时较轻的规定" not in page and "是否应告知听证权利" not in page
