"""期限计算 and 工作日历 in a real browser: fill the form, submit, read the answer off the page."""
from __future__ import annotations

import re

import pytest

from .conftest import shoot

pytestmark = pytest.mark.browser


def pdf_pages(page) -> int:
    pdf = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_home_links_every_page_and_is_keyboard_navigable(page, phone):
    page.goto("/")
    assert page.title().startswith("首页")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "公安局罚款幅度与期限计算"
    links = page.locator("ul.cards a")
    assert links.count() >= 2
    shoot(page, "home")
    phone.goto("/")
    shoot(phone, "home")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_deadline_internet_cafe_twenty_working_days(page, phone):
    # 2026-09-21 + 20 working days (中秋 9/25-27, 国庆 10/1-7 off; 10/10 worked) -> 2026-10-26
    for p in (page, phone):
        p.goto("/deadline")
        p.get_by_label("起算日").fill("2026-09-21")
        p.get_by_label("期间长度").fill("20")
        p.get_by_label("单位", exact=True).select_option("workdays")
        p.get_by_role("button", name="计算").click()
        p.wait_for_load_state()
        assert p.locator("#answer time.due").inner_text() == "2026-10-26"
        assert "2026年10月26日（星期一）" in p.locator("#answer").inner_text()
        assert p.locator("td.m-due").count() == 1
        assert p.locator("td.k-makeup_workday:not(.other)").count() >= 1
        shoot(p, "deadline")
        assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]
    assert pdf_pages(page) == 1


def test_deadline_bad_date_shows_the_error_next_to_the_field(page, phone):
    for p in (page, phone):
        p.goto("/deadline")
        p.get_by_label("起算日").fill("2026-02-30")
        p.get_by_label("期间长度").fill("20")
        p.get_by_role("button", name="计算").click()
        p.wait_for_load_state()
        error = p.locator("#start-error")
        assert "2026年2月没有30日" in error.inner_text()
        assert p.get_by_label("起算日").get_attribute("aria-invalid") == "true"
        # the summary at the top takes focus and links to the field
        assert p.evaluate("document.activeElement.id") == "error-summary"
        assert p.locator("#answer").count() == 0
        shoot(p, "deadline-error")


def test_deadline_calendar_gap_and_the_provisional_box(page):
    page.goto("/deadline?start=2026-12-01&amount=30&unit=workdays")
    assert "本系统尚未收录2027年的国务院节假日安排" in page.locator("#provisional-error").inner_text()
    page.get_by_label("按放假办法推定").check()
    page.get_by_role("button", name="计算").click()
    page.wait_for_load_state()
    assert "推定结果" in page.locator("#answer").inner_text()


def test_deadline_keyboard_only_with_an_added_pause_row(page):
    page.goto("/deadline")
    page.get_by_label("起算日").focus()
    page.keyboard.type("2026-09-21")
    page.keyboard.press("Tab")
    page.keyboard.type("20")
    page.get_by_label("第1段 开始日").fill("2026-10-12")
    page.get_by_label("结束日（含）").first.fill("2026-10-13")
    page.get_by_role("button", name="再加一段").click()
    assert page.evaluate("document.activeElement.id") == "pause_start-1"
    page.keyboard.type("2026-10-14")
    page.keyboard.press("Tab")
    page.keyboard.type("2026-10-16")
    page.get_by_label("起算日").press("Enter")
    page.wait_for_load_state()
    # 10/12-10/16 not counted (two rows): as one 5-working-day pause, 10/26 -> 11/2
    assert page.locator("#answer time.due").inner_text() == "2026-11-02"


@pytest.mark.parametrize("page", [False], indirect=True)
def test_deadline_works_without_javascript(page):
    page.goto("/deadline")
    page.get_by_label("起算日").fill("2026-09-16")
    page.get_by_label("期间长度").fill("15")
    page.get_by_label("单位", exact=True).select_option("days")
    page.get_by_role("button", name="计算").click()
    page.wait_for_load_state()
    # 9/16 + 15 days = 10/1 (国庆节) -> the day after the break, 10/8
    assert page.locator("#answer time.due").inner_text() == "2026-10-08"
    assert page.get_by_role("button", name="再加一段").count() == 0


def test_calendar_month_page(page, phone):
    for p in (page, phone):
        p.goto("/calendar")
        p.get_by_label("月份").fill("2026-10")
        p.get_by_role("button", name="查看").click()
        p.wait_for_load_state()
        assert p.locator("table.cal caption").inner_text().startswith("2026年10月")
        assert p.locator("td.k-holiday:not(.other)").count() == 7
        assert "国办发明电〔2025〕7号" in p.content()
        shoot(p, "calendar")
    page.get_by_role("link", name="下个月").click()
    assert page.locator("table.cal caption").inner_text().startswith("2026年11月")
    page.get_by_label("月份").fill("2026-02-30")
    page.get_by_role("button", name="查看").click()
    assert "没有30日" in page.locator("#month-error").inner_text()


def test_events_year_and_subscribe_link(page, phone):
    for p in (page, phone):
        p.goto("/events")
        p.get_by_label("年份").fill("2026")
        p.get_by_role("button", name="查看").click()
        p.wait_for_load_state()
        table = p.locator("#answer table.data").inner_text()
        assert "2026-03-04" in table and "2026-11-09" in table
        assert p.locator("#feed-link").get_attribute("href") == "/v1/events.ics"
        shoot(p, "events")
    page.get_by_label("年份").fill("二〇二六")
    page.get_by_role("button", name="查看").click()
    assert "应为整数" in page.locator("#year-error").inner_text()


def test_responsibilities_search(page, phone):
    for p in (page, phone):
        p.goto("/responsibilities")
        p.get_by_label("关键词").fill("传销")
        p.get_by_role("button", name="查找").click()
        p.wait_for_load_state()
        assert "负责对组织、领导传销人员进行查处" in p.locator("#answer").inner_text()
        shoot(p, "responsibilities")
