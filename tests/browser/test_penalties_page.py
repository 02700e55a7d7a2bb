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


@pytest.fixture(scope="module")
def zserver(tmp_path_factory):
    """The app over the bundled set plus the 治安管理处罚法 fixture (the real catalogue once merged)."""
    import threading

    from werkzeug.serving import make_server

    from calc.api import create_app
    from tests.zhian_overlay import load_with_fixture

    app = create_app({"TESTING": True}, loaded=load_with_fixture(tmp_path_factory.mktemp("zhian-browser")))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(5)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_browse_a_section_and_compare_both_texts(browser, zserver, request, viewport):
    from .conftest import DESKTOP, PHONE, _open

    context, p = _open(browser, zserver, DESKTOP if viewport == "desktop" else PHONE, request)
    try:
        p.goto("/penalties")
        p.get_by_role("link", name="第三章第三节 侵犯人身权利、财产权利的行为和处罚").click()
        p.wait_for_load_state()
        p.get_by_role("link", name="盗窃、诈骗、哄抢、抢夺或者敲诈勒索").click()
        p.wait_for_load_state()
        # act 2025-11-01 (2012 第四十九条: 5-10 days, may add ≤500), decided 2026-02-01 (2025 第五十八条:
        # 5-10 days or ≤2,000): the heaviest outcome of the old text carries a fine, so the new one applies
        p.get_by_label("行为日").fill("2025-11-01")
        p.get_by_label("决定日").fill("2026-02-01")
        p.get_by_label("个人").check()
        p.get_by_role("button", name="测算").click()
        p.wait_for_load_state()
        answer = p.locator("#answer").inner_text()
        assert "从轻" in answer and "5日以上10日以下拘留或者2000元以下罚款" in answer
        assert "若情节严重／情节较重／造成严重后果，旧法较轻，适用旧法" in answer
        sides = p.locator(".side-by-side > section")
        assert sides.count() == 2 and "第四十九条" in sides.nth(0).inner_text() and "第五十八条" in sides.nth(1).inner_text()
        if viewport == "desktop":   # side by side on a wide screen, stacked on a phone
            a, b = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
            assert abs(a["y"] - b["y"]) < 2 and b["x"] > a["x"]
        shoot(p, "zhian-assess")
        assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]
    finally:
        context.close()
    assert not p.watch.outside
