"""Where people meet the pages (issue 20): a mistyped address, the breadcrumbs, the responsibilities
list, the events page in December, the calendar's days outside the month."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.test_web import Page, check_accessible, page

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"  # what Chromium and Firefox send


@pytest.mark.parametrize("path", ["/penaltie", "/timeline/internet-cafe-licence", "/nope.html"])
def test_a_mistyped_address_is_a_page_for_a_browser(client, path):
    r = client.get(path, headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.mimetype == "text/html"
    text = r.get_data(as_text=True)
    assert "页面不存在" in text and path in text and 'href="/timelines"' in text and 'href="/"' in text
    check_accessible(Page(text))


@pytest.mark.parametrize("path, accept", [("/penaltie", "*/*"), ("/penaltie", None), ("/penaltie", "application/json"),
                                          ("/v1/penaltie", BROWSER), ("/v1/nope", "text/html")])
def test_api_clients_keep_the_json_404(client, path, accept):
    r = client.get(path, headers={"Accept": accept} if accept else {})
    assert r.status_code == 404 and r.mimetype == "application/json"
    assert r.get_json()["reason"] == "not_found"


@pytest.mark.parametrize("url, crumb", [
    ("/thresholds/pyramid-selling", "组织、领导传销活动"),
    ("/penalties/rental.unregistered-tenant", "房屋出租人将房屋出租给无身份证件的人居住"),
])
def test_breadcrumbs_show_titles(client, url, crumb):
    _, text = page(client, url)
    trail = re.search(r'<p class="crumbs[^"]*">(.*?)</p>', text, re.S).group(1)
    assert crumb in trail and url.rsplit("/", 1)[1] not in re.sub(r"<[^>]+>", "", trail)


def test_responsibilities_are_grouped_by_unit(client):
    p, text = page(client, "/responsibilities")
    groups = re.findall(r'<details class="unit-group" id="unit-\d+">\s*<summary><h3>(\S+) ', text)
    # seed 一: 刑事侦查大队 and 治安大队 each carry work; every group is folded until asked for
    assert "刑事侦查大队" in groups and "治安大队" in groups and len(groups) == len(set(groups)) > 10
    assert 'id="boundaries"' in text and " open" not in re.sub(r"<option[^>]*>", "", text.split('id="answer"')[1])
    check_accessible(p)


def test_responsibilities_filter_by_unit(client):
    p, text = page(client, "/responsibilities?unit=经济犯罪侦查大队")
    groups = re.findall(r'<details class="unit-group" id="unit-\d+" open>\s*<summary><h3>(\S+) ', text)
    assert groups == ["经济犯罪侦查大队"]
    assert "职责边界" not in text.split('id="answer"')[1]  # the boundaries are the bureau's, not one unit's
    assert '<option value="经济犯罪侦查大队" selected>' in text
    check_accessible(p)
    p, _ = page(client, "/responsibilities?unit=不存在的大队", status=422)
    assert "请从列表中选择承担单位" in p.errors["unit"]


def test_events_open_on_the_coming_twelve_months(client, monkeypatch):
    # On 2026-12-01 the coming year runs to 2026-12-31 + 11 months = 2027-11-30. From the seed (三):
    # 12/2 交通安全日 and the open day (first Wednesday of December: 12/1 is a Tuesday), then in 2027
    # 1/10, the open days on the first Wednesdays 3/3, 6/2, 9/1 (3/1 Mon, 6/1 Tue, 9/1 Wed), 5/15,
    # 6/26, 11/9; 12/1/2027 is outside.
    monkeypatch.setattr("calc.web.events.today", lambda: dt.date(2026, 12, 1))
    p, text = page(client, "/events")
    dates = re.findall(r'<time datetime="(\d{4}-[^"]+)">', text)
    assert dates == ["2026-12-02", "2026-12-02", "2027-01-10", "2027-03-03", "2027-05-15", "2027-06-02",
                     "2027-06-26", "2027-09-01", "2027-11-09"]
    assert "今天起一年内的活动" in text and "2026年12月" in text and "2027年11月" in text
    assert "start=2026-12-01&amp;end=2027-11-30" in text
    check_accessible(p)


def _luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_days_outside_the_month_are_readable():
    css = (Path(__file__).resolve().parents[1] / "calc" / "web" / "static" / "site.css").read_text("utf-8")
    rule = re.search(r"table\.cal td\.other \{([^}]*)\}", css).group(1)
    fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule).group(1)
    bg = re.search(r"background:\s*(#[0-9a-fA-F]{6})", rule).group(1)
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 4.5, (fg, bg)  # WCAG 2.1 AA for normal text


def test_a_year_beyond_the_calendar_is_information_on_the_timeline_page(client):
    # An applicant on 2026-12-20: the first stage's 20 working days run into 2027, whose State Council
    # notice is not in the data. Provisionally (元旦 2027-01-01 only, no make-up days): 12/21-12/25 (5),
    # 12/28-12/31 (9), 1/4-1/8 (14), 1/11-1/15 (19), 1/18 (20) -> 2027-01-18.
    p, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-12-20")
    assert 'class="error-summary"' not in text and not p.errors
    banner = re.search(r'<div class="banner gap-banner" role="status" id="gap-banner">(.*?)</div>', text, re.S).group(1)
    assert "本系统尚未收录2027年的国务院节假日安排" in banner and "推定" in banner
    assert '<time class="due" datetime="2027-01-18">' in text
    assert "<details open" not in text  # the stage inputs stay folded: nothing was typed there
    check_accessible(p)


def test_the_banner_shows_the_range_when_the_answer_has_one(client):
    p, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-12-20")
    ranges = re.findall(r"推定；可能在 (\S+) 至 (\S+) 之间", text)
    # each provisional stage's due date with its range around it (the range comes from the domain)
    assert ranges and all(a <= b for a, b in ranges)
    assert "2027-01-18" >= ranges[0][0] and "2027-01-18" <= ranges[0][1]


def test_used_stage_inputs_open_the_details(client):
    _, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-09-21"
                           "&actual-culture-preliminary=2026-09-30")
    assert "<details open" in text


def test_the_same_words_on_every_page(client):
    # deadline, inspections, late fee (errors there: the person must choose) and the calendar say it alike
    for url, status in (("/deadline?start=2026-12-01&amount=30&unit=workdays", 422),
                        ("/penalties/late-fee?fine=500&served=2026-12-20&paid=2027-01-20", 422),
                        ("/calendar?month=2027-02", 200)):
        _, text = page(client, url, status=status)
        assert "本系统尚未收录2027年的国务院节假日安排" in text, url
        assert "尚未发布" not in text, url
