"""监督检查计划 in a real browser: a plan from the form, then compliance from a pasted log."""
from __future__ import annotations

import pytest

from .conftest import shoot

pytestmark = pytest.mark.browser


def test_plan_then_compliance(page, phone):
    for p in (page, phone):
        p.goto("/inspections")
        p.get_by_label("检查类别").select_option("website-security")
        p.get_by_label("开始日").fill("2026-01-01")
        p.get_by_label("结束日（含）").fill("2026-03-31")
        p.get_by_role("button", name="生成计划").click()
        p.wait_for_load_state()
        # 2026-01-31 Sat -> 01-30; 02-28 (Sat) is a make-up working day; 03-31 Tue
        assert p.locator("table.plan time.due").all_inner_texts() == ["2026-01-30", "2026-02-28", "2026-03-31"]
        assert "start=2026-01-01" in p.url  # a plan is a shareable address
        shoot(p, "inspections")
        p.get_by_label("已做的检查记录").fill("2026-01-15 monthly-check 5 2\n2026-01-20 monthly-check 6\n"
                                            "2026-02-10 monthly-check 3")
        p.get_by_role("button", name="核对达标").click()
        p.wait_for_load_state()
        answer = p.locator("#answer").inner_text()
        assert "1 / 3 个窗口达标" in answer and "未达标：还差 2 次检查、10 家网站" in answer
        shoot(p, "inspections-compliance")
        assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]


def test_bad_date_and_bad_log_line_are_shown_next_to_the_field(page):
    page.goto("/inspections?regime=website-security")
    page.get_by_label("开始日").fill("2026-02-30")
    page.get_by_role("button", name="生成计划").click()
    page.wait_for_load_state()
    assert "2026年2月没有30日" in page.locator("#start-error").inner_text()
    page.get_by_label("开始日").fill("2026-01-01")
    page.get_by_label("已做的检查记录").fill("2026-01-15 monthly-check 5\n2026-13-01 monthly-check 5")
    page.get_by_role("button", name="核对达标").click()
    page.wait_for_load_state()
    assert "第2行的日期没有13月" in page.locator("#log-error").inner_text()
    assert page.get_by_label("已做的检查记录").input_value().startswith("2026-01-15")
    shoot(page, "inspections-error")
