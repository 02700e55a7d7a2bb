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
    assert "2026-02-23" in page.locator("#answer .big").inner_text()
    page.locator("details summary").first.click()
    page.get_by_label("按可延长的最长期限计算").check()
    page.get_by_role("button", name="估算").click()
    page.wait_for_load_state()
    assert "2026-02-27" in page.locator("#answer .big").inner_text()
    assert "02-14 20:30" in page.locator("#answer table.stages").inner_text()
