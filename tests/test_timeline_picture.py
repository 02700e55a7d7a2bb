"""The timeline picture (issue 20), read as SVG: headline, holiday bands, hatched estimates, labels
clear of grid lines, accessible, no internal ids. The page's own table and the domain's answer are
the reference; the dates are counted by hand in the comments."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from calc import timelines as T

NS = {"s": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"
APPLICANT = "/timelines?procedure=internet-cafe-licence&start=2026-12-20"


def svgs(client, url) -> dict[str, ET.Element]:
    r = client.get(url)
    assert r.status_code == 200, url
    text = r.get_data(as_text=True)
    out = {}
    for m in re.finditer(r"<svg class=\"tl tl-(\w+)\".*?</svg>", text, re.S):
        out[m.group(1)] = ET.fromstring(m.group(0))
    assert set(out) == {"wide", "narrow"}, list(out)
    return out


def words(el: ET.Element) -> str:
    return "".join(el.itertext())


def headline(svg) -> ET.Element:
    return svg.find("s:text[@class='headline']", NS)


def estimate(schedules, pid, start, **kw):
    return T.estimate(schedules.timelines, pid, start, schedules.calendar, schedules.rules, **kw)


# -- the headline ---------------------------------------------------------------------------------

def test_headline_is_the_applicants_date_and_what_they_obtain(client):
    # 2026-12-20 (Sun), 放假办法 for 2027 (no notice yet): +20 WD: Dec 21-25 (5), 28-31 (9), 元旦 1/1 off,
    # Jan 4-8 (14), 11-15 (19), 18 -> 2027-01-18; +20: Jan 19-22 (4), 25-29 (9), Feb 1-4 (13), 春节
    # 2/5-2/10 off (除夕-初三, 初一/初二 on the weekend made up 2/9, 2/10), Feb 11-12 (15), 15-19 -> 02-19;
    # +15: Feb 22-26 (5), Mar 1-5 (10), 8-12 -> 2027-03-12, when 《网络文化经营许可证》 is issued.
    for svg in svgs(client, APPLICANT).values():
        h = headline(svg)
        assert h.get("data-date") == "2027-03-12"
        lines = " ".join(words(t) for t in svg.findall("s:text[@class='headline']", NS))
        # Not 预计最迟 (issue 28): the real day can fall as late as 03-18, so 03-12 is not the latest.
        assert "".join(lines.split()) == "预计2027-03-12取得《网络文化经营许可证》"  # may wrap
        estimate_words = " ".join(words(t) for t in svg.findall("s:text[@class='estimate']", NS))
        estimate_words = re.sub(r"\s+", " ", estimate_words)
        # the third stage's bracket: every uncertain day a working day / a rest day
        assert "推定" in estimate_words and "实际可能在 2027-03-02 至 2027-03-18 之间" in estimate_words


def test_what_the_headline_says_is_obtained_is_the_stages_data_not_words_cut_from_its_title(client):
    # 临时居民身份证管理办法: issued within 3 days (第十二条), valid 3 months from issue (第七条). At the
    # end of the term nothing is obtained (the card expires): the headline says how long it lasts.
    # 2026-09-21 + 3 days = 09-24 (Thu, a working day); + 3 months = 2026-12-24 (a term: not moved).
    for svg in svgs(client, "/timelines?procedure=temporary-id-card&start=2026-09-21").values():
        lines = "".join("".join(words(t) for t in svg.findall("s:text[@class='headline']", NS)).split())
        assert lines == "最长至2026-12-24", lines


def test_a_stages_label_is_its_short_title_and_the_full_title_is_its_tooltip(client, schedules):
    # 网吧 stage 3 (县级责任清单): short = 最终审核; its title goes on in the tooltip
    stage = schedules.timelines.get("internet-cafe-licence").latest.stage("culture-final")
    assert (stage.short, stage.issues) == ("最终审核", "《网络文化经营许可证》")
    svg = svgs(client, "/timelines?procedure=internet-cafe-licence&start=2026-09-21")["wide"]
    titles = [t for t in svg.iter(f"{S}text") if t.get("class") is None and any(
        s.get("class") == "title" for s in t.iter(f"{S}tspan"))]
    heads = [words(next(s for s in t.iter(f"{S}tspan") if s.get("class") == "title")) for t in titles]
    assert "3. 最终审核" in heads
    assert stage.title in [words(x) for x in svg.iter(f"{S}title")]


def test_headline_date_equals_the_completion(client, schedules):
    # 行政许可法 第32条 5 days, 第42条 20 working days, 第44条 10 working days from 2026-09-01
    t = estimate(schedules, "administrative-licence", dt.date(2026, 9, 1))
    assert t.completion is not None and not t.provisional
    for svg in svgs(client, "/timelines?procedure=administrative-licence&start=2026-09-01").values():
        h = headline(svg)
        assert h.get("data-date") == t.completion.isoformat()
        assert words(h).startswith(f"最迟 {t.completion.isoformat()}")  # a firm answer: no 预计
        assert svg.find(".//s:rect[@class='hatch']", NS) is None


def test_hours_procedure_headline_has_the_time_and_no_holidays(client):
    # 传唤后询问查证 8 hours: 2026-02-16 20:30 -> 02-17 04:30 (hours run through the Spring Festival)
    for svg in svgs(client, "/timelines?procedure=summons-questioning&start=2026-02-16 20:30").values():
        assert headline(svg).get("data-date") == "2026-02-17 04:30"
        assert not svg.findall(".//s:rect[@class='holiday']", NS)


# -- holidays on the axis -------------------------------------------------------------------------

def test_spring_festival_2027_band_where_the_axis_puts_it(client):
    # 放假办法 第二条: 春节 除夕 2027-02-05 (Fri), 初一 02-06, 初二 02-07, 初三 02-08; 初一 and 初二 fall on
    # the weekend and are made up on 02-09 and 02-10: one band 02-05 to 02-10.
    for name, svg in svgs(client, APPLICANT).items():
        bands = [r for r in svg.iter(S + "rect") if "holiday" in (r.get("class") or "").split()
                 and r.find("s:title", NS) is not None]
        spring = [r for r in bands if words(r.find("s:title", NS)).startswith("春节 2027-02-05 至 2027-02-10")]
        assert spring, [words(r.find("s:title", NS)) for r in bands]
        assert "推定" in words(spring[0].find("s:title", NS))
        assert "春节" in [words(t) for t in svg.iter(S + "text") if t.get("class") == "hname"]
        # position from the month ticks: x(Feb 1) and x(Mar 1) set the scale of the axis
        ticks = {words(t): float(t.get("x")) + (3 if t.get("text-anchor") == "end" else -3)
                 for t in svg.iter(S + "text") if "tick-label" in t.get("class", "")}
        feb, mar = ticks["2月"], ticks["3月"]
        per_day = (mar - feb) / 28
        x1, w = float(spring[0].get("x")), float(spring[0].get("width"))
        assert x1 == pytest.approx(feb + 4 * per_day, abs=0.2)  # the morning of 02-05
        assert x1 + w == pytest.approx(feb + 10 * per_day, abs=0.2)  # the evening of 02-10
        # 元旦 2027-01-01 (Fri), one day
        assert any(words(r.find("s:title", NS)).startswith("元旦 2027-01-01 至 2027-01-01") for r in bands)


def test_published_year_holidays_are_not_marked_estimated(client):
    # 2026-09-21: 中秋 9/25-27 and 国庆 10/1-7 from the State Council's 2026 notice
    for svg in svgs(client, "/timelines?procedure=internet-cafe-licence&start=2026-09-21").values():
        titles = [words(r.find("s:title", NS)) for r in svg.iter(S + "rect")
                  if r.get("class") == "holiday" and r.find("s:title", NS) is not None]
        assert any(t.startswith("国庆节 2026-10-01 至 2026-10-07") for t in titles), titles
        assert not any("推定" in t for t in titles)


# -- provisional parts hatched --------------------------------------------------------------------

def test_hatched_stages_are_exactly_the_provisional_ones(client, schedules):
    # the three counted stages reach into 2027 (estimated); the business registration has no period
    t = estimate(schedules, "internet-cafe-licence", dt.date(2026, 12, 20), provisional=True)
    assert [r.provisional for r in t.stages] == [True, True, True, False]
    for svg in svgs(client, APPLICANT).values():
        hatched = {g.get("data-stage") for g in svg.iter(S + "g")
                   if "stage" in (g.get("class") or "").split() and g.find("s:rect[@class='hatch']", NS) is not None}
        assert hatched == {"1", "2", "3"}
        assert svg.find(".//s:pattern", NS) is not None
        legend = " ".join(words(g) for g in svg.iter(S + "g") if g.get("class") == "legend-item")
        assert "推定" in legend and "节假日" in legend


def test_a_firm_answer_has_no_hatching_and_no_estimate(client):
    for svg in svgs(client, "/timelines?procedure=internet-cafe-licence&start=2026-09-21").values():
        assert svg.find(".//s:rect[@class='hatch']", NS) is None
        assert "预计" not in words(headline(svg)) and svg.find("s:text[@class='estimate']", NS) is None
        assert "最迟 2026-12-14" in words(headline(svg))


# -- labels clear of the grid, inside the picture -------------------------------------------------

# font sizes in viewBox units by class, as calc/web/static/site.css sets them (wide, narrow)
SIZES = {"headline": (19, 17), "title": (15.5, 14.5), "hname": (13, 13)}


def text_box(t: ET.Element, layout: str) -> tuple[float, float, float, float]:
    """A generous box: CJK one em, other characters 0.62 em, from the baseline up one em."""
    k = 0 if layout == "wide" else 1
    parts = [(t.text or "", t.get("class"))] + [(sp.text or "", sp.get("class")) for sp in t.findall("s:tspan", NS)]
    w, size = 0.0, 0.0
    for text, cls in parts:
        em = SIZES.get(cls, (14, 13))[k]
        w += sum(em if ord(c) > 0x2E7F else em * 0.62 for c in text)
        size = max(size, em if text else 0)
    x, y = float(t.get("x")), float(t.get("y"))
    anchor = t.get("text-anchor", "start")
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    return x0, x0 + w, y - size, y + size * 0.3


PROCEDURES = ["internet-cafe-licence", "internet-cafe-licence-national", "administrative-licence",
              "administrative-penalty", "court-enforcement", "bail", "birth-registration",
              "assembly-procession", "compulsory-isolation-detox", "criminal-filing-refusal"]


@pytest.mark.parametrize("pid", PROCEDURES)
@pytest.mark.parametrize("start", ["2026-09-21", "2026-12-20"])
def test_no_text_crosses_a_grid_line_and_none_leaves_the_picture(client, pid, start):
    for name, svg in svgs(client, f"/timelines?procedure={pid}&start={start}").items():
        width = float(svg.get("viewBox").split()[2])
        lines = [(float(l.get("x1")), float(l.get("y1")), float(l.get("y2")))
                 for l in svg.iter(S + "line") if l.get("class") == "tick"]
        for t in svg.iter(S + "text"):
            x0, x1, top, bottom = text_box(t, name)
            assert x0 >= 0 and x1 <= width + 8, (name, words(t), x0, x1, width)
            for x, y1, y2 in lines:
                assert not (x0 < x < x1 and y1 < bottom and top < y2), (name, words(t), x, (y1, y2))


# -- accessible, and no internal ids --------------------------------------------------------------

def test_picture_is_described_and_linked_to_the_table(client):
    text = client.get(APPLICANT).get_data(as_text=True)
    assert 'id="tl-stages"' in text
    for name, svg in svgs(client, APPLICANT).items():
        assert svg.get("role") == "img" and svg.get("aria-describedby") == "tl-stages"
        ids = svg.get("aria-labelledby").split()
        assert [e.get("id") for e in svg.findall("s:title", NS) + svg.findall("s:desc", NS)] == ids
        desc = words(svg.find("s:desc", NS))
        assert "2027-03-12" in desc and "春节 2027-02-05 至 2027-02-10" in desc


@pytest.mark.parametrize("pid", PROCEDURES)
def test_no_internal_id_in_the_picture(client, schedules, pid):
    ids = {s.id for v in schedules.timelines.get(pid).versions for s in v.stages} | {pid}
    for svg in svgs(client, f"/timelines?procedure={pid}&start=2026-12-20").values():
        said = " ".join(svg.itertext())
        assert not [i for i in ids if i in said]
        assert not re.search(r"[a-z]+-[a-z]+", said), said
