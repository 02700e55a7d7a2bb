"""罚款幅度查询 in a real browser: search, open a violation, assess a case."""
from __future__ import annotations

import pytest

from .conftest import shoot

pytestmark = pytest.mark.browser


def test_search_open_and_assess(page, phone):
    for p in (page, phone):
        p.goto("/penalties")
        p.get_by_label("关键词").fill("出租")
        p.get_by_role("button", name="查找").click()
        p.wait_for_load_state()
        shoot(p, "penalties")
        p.get_by_role("link", name="房屋出租人将房屋出租给无身份证件的人居住").click()
        p.wait_for_load_state()
        assert "治安管理处罚法（2025） 第六十八条第一款" in p.content()
        # act 2025-11-01 under the 2012 text, decision 2026-02-01, minor -> the lighter 2025 text;
        # limitation 6 months: 2026-05-01, in the 劳动节 break, is not moved (changed, issue 15: the
        # limitation is the state's time to discover the act; it used to be moved to 2026-05-06)
        p.get_by_label("行为日").fill("2025-11-01")
        p.get_by_label("决定日").fill("2026-02-01")
        p.get_by_label("个人").check()
        p.get_by_label("情节较轻").check()
        p.get_by_role("button", name="测算").click()
        p.wait_for_load_state()
        answer = p.locator("#answer").inner_text()
        assert "从轻" in answer and "警告或者500元以下罚款" in answer
        assert p.locator("#answer time.due").inner_text() == "2026-05-01"
        shoot(p, "penalty-assess")
        assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]


def test_assess_bad_date_shows_the_error_next_to_the_field(page):
    page.goto("/penalties/pawn.unrecorded")
    page.get_by_label("行为日").fill("2026-02-30")
    page.get_by_role("button", name="测算").click()
    page.wait_for_load_state()
    assert "2026年2月没有30日" in page.locator("#act_date-error").inner_text()
    assert page.get_by_label("行为日").get_attribute("aria-invalid") == "true"
    shoot(page, "penalty-error")


def test_late_fee_calculator(page, phone):
    for p in (page, phone):
        p.goto("/penalties")
        p.get_by_role("link", name="加处罚款计算").click()
        p.get_by_label("罚款数额（元）").fill("500")
        p.get_by_label("决定书送达日").fill("2026-09-01")
        p.get_by_label("实际缴纳日").fill("2026-10-20")
        p.get_by_role("button", name="计算").click()
        p.wait_for_load_state()
        # due 2026-09-16; 34 days late x 3% x 500 = 510, capped at the fine: 500 -> total 1000
        assert "1000 元" in p.locator("#answer-h").inner_text()
        shoot(p, "late-fee")
