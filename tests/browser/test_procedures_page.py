"""The timeline page for a procedure that counts hours and days (刑事拘留), in a real browser."""
import pytest

pytestmark = pytest.mark.browser


def test_detention_takes_a_time_and_extends_the_arrest_request(page):
    # Detained 2/13 20:30: questioning by 2/14 20:30 (第八十六条); arrest request 3 days -> 2/16, extended
    # 4 days -> 2/20 (春节, in custody: not moved); procuratorate 7 days -> 2/27.
    page.goto("/timelines?procedure=criminal-detention")
    page.get_by_label("起算时间").fill("2026-02-13 20:30")
    page.get_by_role("button", name="估算").click()
    page.wait_for_load_state()
    # Changed (issue 28, item 1): the red line is the bureau's arrest request, the procuratorate's
    # decision (and the completion) beneath it; it was the completion.
    assert "2026-02-16" in page.locator("#answer .big").inner_text()
    assert "2026-02-23" in page.locator("#answer ul.beneath").inner_text()
    page.locator("details summary").first.click()
    page.get_by_label("按可延长的最长期限计算").check()
    page.get_by_role("button", name="估算").click()
    page.wait_for_load_state()
    assert "2026-02-20" in page.locator("#answer .big").inner_text()
    assert "2026-02-27" in page.locator("#answer ul.beneath").inner_text()
    assert "02-14 20:30" in page.locator("#answer table.stages").inner_text()


def test_a_public_order_case_extended_twice_counts_on_from_the_unmoved_national_day(page):
    # 治安管理处罚法（2025） 第一百一十八条, LAW.md round three: 立案 2026-09-07 + 30 days = 10/7 (国庆, no
    # longer the last day once extended: not moved); +30 -> 11/6; +30 -> 12/6 (Sun) -> 12/7; 送达 2 days
    # -> 12/9. Counted from moved days it was 12/9 and 12/11.
    page.goto("/timelines?procedure=public-order-case")
    page.get_by_label("起算日").fill("2026-09-07")
    page.get_by_role("button", name="估算").click()
    page.wait_for_load_state()
    page.locator("details summary").first.click()
    page.get_by_label("按可延长的最长期限计算").check()
    page.get_by_role("button", name="估算").click()
    page.wait_for_load_state()
    assert page.locator("table.stages time.due").all_inner_texts() == ["2026-12-07", "2026-12-09"]
    page.locator("#tl-stages details summary").first.click()  # 计算步骤 of the decision stage
    answer = page.locator("#tl-stages ol.steps").first.inner_text()
    assert "（2026-10-07 国庆节），但期间已经延长" in answer
    assert "自被延长期间的最后一日（2026-10-07）起算" in answer and "自被延长期间的最后一日（2026-11-06）起算" in answer
