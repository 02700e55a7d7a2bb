"""Issue 20's journeys in a real chromium: an applicant on 2026-12-20 whose licence runs into 2027
(no red error: the estimate under a banner), and prints that stand as records."""
from __future__ import annotations

import re

import pytest

from .conftest import shoot
from .test_core_pages import pdf_pages

pytestmark = pytest.mark.browser


def test_applicant_on_2026_12_20_sees_the_estimate_not_an_error(page, phone):
    # The first stage's 20 working days from 2026-12-20 run into 2027. Provisionally (元旦 2027-01-01
    # only, no make-up days): 12/21-25 (5), 12/28-31 (9), 1/4-8 (14), 1/11-15 (19), 1/18 (20).
    for p in (page, phone):
        p.goto("/timelines")
        p.get_by_label("办理事项").select_option("internet-cafe-licence")
        p.get_by_label("起算日").fill("２０２６－１２－２０")  # as a Chinese input method types it
        p.get_by_role("button", name="估算").click()
        p.wait_for_load_state()
        assert p.locator("#error-summary").count() == 0 and p.locator("p.error").count() == 0
        banner = p.locator("#gap-banner")
        assert banner.is_visible() and "本系统尚未收录2027年的国务院节假日安排" in banner.inner_text()
        assert p.locator("table.stages time.due").first.inner_text() == "2027-01-18"
        assert p.locator("form details[open]").count() == 0  # the stage inputs stay folded
        assert p.evaluate("document.documentElement.scrollWidth") <= p.viewport_size["width"]
        shoot(p, "applicant-2026-12-20")


def test_a_penalty_print_is_a_record(page, server):
    # The landlord's minor case (issue 20): act 2025-12-20, decided 2026-02-01, 情节较轻.
    url = ("/penalties/rental.unregistered-tenant?act_date=2025-12-20&decision_date=2026-02-01"
           "&party=individual&c=minor")
    page.goto(url)
    meta = page.request.get(server + "/v1/meta").json()
    record = page.locator(".print-record")
    assert not record.is_visible()  # on screen the page is a page
    page.emulate_media(media="print")
    assert record.is_visible()
    text = record.inner_text()
    assert re.search(r"打印时间\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）", text), text
    assert page.locator(".print-record .url").inner_text() == page.url
    assert meta["schedules_digest"] in text
    first, last = meta["calendar"]["first_year"], meta["calendar"]["last_year"]
    assert f"{first}—{last} 年" in text
    form = page.locator("form.panel").inner_text()
    assert "行为日" in form and "2025-12-20" in page.locator("#act_date").input_value()
    assert page.locator("label[for=party-individual]").is_visible()
    assert not page.locator("label[for=party-organization]").is_visible()  # only what was chosen
    assert page.locator("label[for=c-minor]").is_visible()
    assert page.locator(".print-disclaimer").is_visible() and "仅供" in page.locator(".print-disclaimer").inner_text()
    assert page.locator("#answer").is_visible() and page.locator("#answer ol.steps").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#answer h2')).breakAfter") == "avoid"
    assert page.locator("header.site").is_hidden() and page.locator("form .actions").is_hidden()
    shoot(page, "penalty-print")
    page.emulate_media(media=None)
    pages = pdf_pages(page)
    assert 1 <= pages <= 3


def test_a_timeline_print_carries_the_steps(page):
    page.goto("/timelines?procedure=internet-cafe-licence&start=2026-09-21")
    steps = page.locator("ol.steps.print-only").first
    assert not steps.is_visible()
    page.emulate_media(media="print")
    assert steps.is_visible() and "起算日不计入" in steps.inner_text()
    assert page.locator(".print-record").is_visible() and page.locator(".print-disclaimer").is_visible()
    assert "2026-09-21" in page.locator("#start").input_value()
    shoot(page, "timelines-record-print")
