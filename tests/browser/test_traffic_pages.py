"""交通违法与记分 in a real browser, at desktop and phone width: search 酒驾, open the act, assess a
case and copy the citations; speeding 78 under 60 on an ordinary road; the points cycle.

道路交通安全法（2021） 第九十一条第一款 (暂扣六个月，一千元以上二千元以下罚款), 记分管理办法 第八条第（一）项
(12分); 河北省办法 第七十六条第（十一）项 (一百元), 记分管理办法 第十一条第（二）项 (3分): (78 − 60) / 60 = 30 %;
记分管理办法 第三条 (the cycle from the first licence date).
"""
from __future__ import annotations

import pytest

from .conftest import shoot

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def no_sideways_scroll(p):
    assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]


def test_search_open_assess_and_copy_the_citations(page, phone):
    for p in (page, phone):
        p.goto("/")
        p.get_by_role("navigation", name="主菜单").get_by_role("link", name="交通违法与记分").click()
        p.get_by_label("关键词").fill("酒驾")
        p.get_by_role("button", name="查找").click()
        p.wait_for_load_state()
        no_sideways_scroll(p)
        shoot(p, "traffic-search")
        p.get_by_role("link", name="饮酒后驾驶机动车", exact=True).click()
        p.wait_for_load_state()
        assert "第九十一条第一款" in p.locator("h2 + .version").first.inner_text()
        p.get_by_label("违法行为日").fill("2026年3月2日")
        p.get_by_label("决定日").fill("2026-03-20")
        p.get_by_role("button", name="测算").click()
        p.wait_for_load_state()
        answer = p.locator("#answer").inner_text()
        assert "1000元以上2000元以下罚款" in answer and "记12分" in answer and "暂扣机动车驾驶证6个月" in answer
        block = p.locator("#cite-block").inner_text()
        assert "记12分（依据《道路交通安全违法行为记分管理办法》第八条第（一）项）" in block
        p.context.grant_permissions(["clipboard-read", "clipboard-write"])
        p.get_by_role("button", name="复制依据").click()
        expect(p.locator(".cite-actions .copied")).to_have_text("已复制")  # the clipboard answers asynchronously
        no_sideways_scroll(p)
        shoot(p, "traffic-assess")


def test_the_citations_show_without_javascript(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False, locale="zh-CN")
    p = context.new_page()
    p.goto("/traffic/traffic.law-91-1?act_date=2026-03-02&decision_date=2026-03-20")
    assert "第九十一条第一款" in p.locator("#cite-block").inner_text()
    assert not p.get_by_role("button", name="复制依据").is_visible()
    context.close()


def test_speeding_60_78_on_an_ordinary_road(page, phone):
    for p in (page, phone):
        p.goto("/traffic/speeding")
        p.get_by_label("车型").select_option("small_passenger")
        p.get_by_label("道路类型").select_option("other")
        p.get_by_label("规定时速（km/h）").fill("60")
        p.get_by_label("实测车速（km/h）").fill("78")
        p.get_by_label("违法行为日").fill("2026-03-02")
        p.get_by_label("决定日").fill("2026-03-20")
        p.get_by_role("button", name="测算").click()
        p.wait_for_load_state()
        assert "30.00%" in p.locator(".speed-over").inner_text()
        answer = p.locator("#answer").inner_text()
        assert "100元罚款" in answer and "记3分" in answer
        no_sideways_scroll(p)
        shoot(p, "traffic-speeding")


def test_speeding_with_a_limit_of_0_says_so_at_the_field(page):
    page.goto("/traffic/speeding?vehicle=small_passenger&road=other&limit=0&measured=78&act_date=2026-03-02")
    assert "规定时速应大于0" in page.locator("#limit-error").inner_text()
    assert page.get_by_label("规定时速（km/h）").get_attribute("aria-invalid") == "true"
    shoot(page, "traffic-error")


def test_the_points_cycle(page, phone):
    for p in (page, phone):
        p.goto("/traffic/points")
        p.get_by_label("初次领证日").fill("2015-06-10")
        p.get_by_label("查询日").fill("2026-06-10")
        p.get_by_label("准驾车型").select_option("small_car")
        p.get_by_label("第1条 违法行为日").fill("2026-06-10")
        p.locator("#entry_points-0").fill("6")
        p.get_by_role("button", name="再加一条记分").click()
        p.locator("#entry_date-1").fill("2026-09-01")
        p.locator("#entry_points-1").fill("traffic.hb-76-1")
        p.get_by_role("button", name="计算").click()
        p.wait_for_load_state()
        assert p.locator("#answer-h").inner_text() == "记分周期：2026-06-10 至 2027-06-09"
        assert "12 分" in p.locator("#answer").inner_text()
        no_sideways_scroll(p)
        shoot(p, "traffic-points")
