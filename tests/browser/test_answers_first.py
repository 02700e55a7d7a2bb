"""Issue 28 in a real browser, at desktop and phone width: the detention officer reads the arrest
request first, the café applicant reads one chain with the other a click away, theft with 情节较轻
is answered as the API answers it, and the citations are copied with one click (selectable without
scripts). Screenshots go to /work/wt/notes/ui-*.png (and test-artefacts/) to be looked at.
Dates worked by hand in tests/test_headline.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import shoot

pytestmark = pytest.mark.browser

NOTES = Path("/work/wt/notes")


def snap(p, name: str, full_page: bool = False):
    """The test's screenshot, and a copy for the report where the notes folder exists."""
    shoot(p, name, full_page=full_page)
    if NOTES.is_dir():
        p.screenshot(path=str(NOTES / f"ui-{name}-{p.viewport_size['width']}.png"), full_page=full_page)


def fits(p):
    assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]


def test_the_detention_officer_reads_the_arrest_request_first(page, phone):
    # 刑事诉讼法 第九十一条第一款: three days after 2026-09-28 -> 10-01, not moved in custody though it is
    # 国庆 (第一百零五条第四款); the procuratorate's seven days -> 10-08.
    for p in (page, phone):
        p.goto("/timelines")
        p.get_by_label("办理事项").select_option("criminal-detention")
        p.get_by_label("起算时间").fill("2026-09-28 10:00")
        p.get_by_role("button", name="估算").click()
        p.wait_for_load_state()
        big = p.locator("#answer p.headline")
        assert big.inner_text() == "提请人民检察院批准逮捕：最迟 2026-10-01"
        assert big.is_visible() and big.bounding_box()["y"] < p.viewport_size["height"]  # the answer is in sight
        beneath = p.locator("#answer ul.beneath").inner_text()
        assert "人民检察院 · 作出批准或者不批准逮捕的决定：最迟 2026-10-08" in beneath
        assert "全部办结：最迟 2026-10-08" in beneath
        svg = p.locator("figure.timeline svg:visible")
        drawn = "".join("".join(svg.locator("text.headline").all_text_contents()).split())  # may wrap
        assert drawn == "提请人民检察院批准逮捕：最迟2026-10-01"
        assert "拘留时间：2026-09-28 10:00" in p.locator("#answer").inner_text()
        fits(p)
        snap(p, "detention")
        p.locator("figure.timeline").scroll_into_view_if_needed()
        snap(p, "detention-picture")
        # back to the form and to the answer without scrolling by hand
        p.get_by_role("link", name="回到表单 ↑").click()
        assert p.locator("#form").bounding_box()["y"] < 50
        p.get_by_role("link", name="跳到结果 ↓").click()
        assert abs(p.locator("#answer").bounding_box()["y"]) < 50
        # the officer asks about the procuratorate instead
        p.get_by_label("结果首行").select_option("arrest-decision")
        p.get_by_role("button", name="估算").click()
        p.wait_for_load_state()
        assert p.locator("#answer p.headline").inner_text() == "作出批准或者不批准逮捕的决定：最迟 2026-10-08"


def test_the_cafe_applicant_reads_one_chain_and_finds_the_other(page, phone):
    # The regulation in force (2022) from 2026-12-20: the licence 2027-02-26, estimated (2027 has no
    # notice); the county list: 2027-03-12. One at a time, the other a link away.
    for p in (page, phone):
        p.goto("/timelines")
        assert p.get_by_label("办理事项").input_value() == "internet-cafe-licence-national"
        p.get_by_label("起算日").fill("2026-12-20")
        p.get_by_role("button", name="估算").click()
        p.wait_for_load_state()
        head = p.locator("#answer p.headline").inner_text()
        assert head.startswith("预计 2027-02-26 取得《网络文化经营许可证》")
        assert "（推定：本系统尚未收录2027年的国务院节假日安排，实际可能在 " in head and "最迟" not in head
        answer = p.locator("#answer").inner_text()
        assert "2027-03-12" not in answer
        fits(p)
        snap(p, "cafe")
        p.get_by_role("link", name="按「网吧设立审批（县级责任清单）」计算").click()
        p.wait_for_load_state()
        county = p.locator("#answer").inner_text()
        assert p.locator("#answer p.headline").inner_text().startswith("预计 2027-03-12 取得《网络文化经营许可证》")
        assert "2027-02-26" not in county and county.count("县级清单与现行法规不一致") == 1
        fits(p)
        snap(p, "cafe-county")


def test_theft_with_情节较轻_is_answered_as_the_api_answers_it(page, phone):
    # 治安管理处罚法（2025） 第五十八条 sets no band for 情节较轻: the base band, and the API's note.
    for p in (page, phone):
        p.goto("/penalties/zhian.58-1")
        p.get_by_label("行为日").fill("2026-03-01")
        p.get_by_label("决定日").fill("2026-03-10")
        p.locator("details.other-codes summary").click()
        p.get_by_label("情节较轻").check()
        p.locator("fieldset#c").scroll_into_view_if_needed()
        snap(p, "theft-form")
        p.get_by_role("button", name="测算").click()
        p.wait_for_load_state()
        assert p.locator("#error-summary").count() == 0
        answer = p.locator("#answer").inner_text()
        assert "治安管理处罚法（2025） 第五十八条 未对“情节较轻”单设处罚幅度，在适用的幅度内裁量" in answer
        assert "5日以上10日以下拘留或者2000元以下罚款" in answer
        assert p.locator("pre.citation").inner_text() == "《中华人民共和国治安管理处罚法》第五十八条"
        fits(p)
        snap(p, "theft")
        p.locator("pre.citation").scroll_into_view_if_needed()
        snap(p, "theft-citation")


def test_the_citation_is_copied_with_one_click(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    p = context.new_page()
    try:
        p.goto("/penalties/rental.unregistered-tenant?act_date=2025-11-20&decision_date=2026-02-10"
               "&party=individual&c=minor#answer")
        block = p.locator("pre.citation").inner_text()
        assert block.splitlines()[:2] == ["《中华人民共和国治安管理处罚法》第六十八条第一款",
                                          "从旧兼从轻：《中华人民共和国行政处罚法》第三十七条"]
        p.get_by_role("button", name="复制引用").click()
        p.wait_for_function("document.querySelector('.copied').textContent.length > 0")
        assert p.locator(".copied").inner_text() == "已复制"
        assert p.evaluate("navigator.clipboard.readText()") == block
        p.locator("pre.citation").scroll_into_view_if_needed()
        snap(p, "citation-copied")
    finally:
        context.close()


@pytest.mark.parametrize("page", [False], indirect=True)
def test_without_scripts_the_citation_is_there_to_select(page):
    page.goto("/timelines?procedure=criminal-detention&start=2026-09-28+10:00")
    block = page.locator("pre.citation")
    assert block.is_visible() and not page.get_by_role("button", name="复制引用").is_visible()
    assert "4. 提请人民检察院批准逮捕：《中华人民共和国刑事诉讼法》第九十一条第一款" in block.inner_text()
    block.click(click_count=3)  # selected as text: the person copies it by hand
    assert "第九十一条第一款" in page.evaluate("window.getSelection().toString()")
    page.emulate_media(media="print")
    assert page.locator("pre.citation").is_visible()  # the record carries it
    page.emulate_media(media="screen")
