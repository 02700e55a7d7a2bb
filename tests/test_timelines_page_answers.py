"""The timelines page answers the question asked (issue 28): it leads with the stage people ask
about, answers one chain of the café licence and links to the other, has no box that changes
nothing, says the start as it was typed (no form example in it), draws axis labels that do not run
together, and links the answer and the form both ways. Dates worked by hand in tests/test_headline.py."""
from __future__ import annotations

import html
import re

import pytest

from calc.web import svg
from calc.web.svg.model import NARROW, WIDE, Tick
from tests.test_web import check_accessible, page

DETENTION = "/timelines?procedure=criminal-detention&start=2026-09-28+10:00"


def headline(text: str) -> str:
    m = re.search(r'<p class="big headline"[^>]*>(.*?)</p>', text, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))


def test_the_officer_sees_the_arrest_request_first(client):
    # 刑事诉讼法 第九十一条第一款: 三日 from 09-29 -> 10-01, not moved in custody (第一百零五条第四款)
    p, text = page(client, DETENTION)
    assert headline(text) == "提请人民检察院批准逮捕：最迟 2026-10-01"
    beneath = re.search(r'<ul class="beneath">(.*?)</ul>', text, re.S).group(1)
    assert "人民检察院 · 作出批准或者不批准逮捕的决定：最迟 2026-10-08" in beneath and "全部办结：最迟 2026-10-08" in beneath
    assert text.index('class="big headline"') < text.index('<ul class="beneath">') < text.index("<figure")
    for pic in svg.pictures(_answer(client)):  # the picture leads with the same line
        assert pic.headline_text == "提请人民检察院批准逮捕：最迟 2026-10-01"
    check_accessible(p)


def _answer(client):
    from calc.app_state import current
    import datetime as dt
    from calc import timelines as T

    with client.application.app_context():
        s = current()
        return T.estimate(s.timelines, "criminal-detention", dt.datetime(2026, 9, 28, 10, 0), s.calendar, s.rules)


def test_the_person_chooses_the_headline(client):
    p, text = page(client, DETENTION + "&headline=arrest-decision")
    assert headline(text) == "作出批准或者不批准逮捕的决定：最迟 2026-10-08"
    assert 'id="headline"' in text and '<option value="arrest-decision" selected>' in text
    # each row offers itself as the headline, keeping what was typed
    link = re.search(r'<a class="lead-with noprint" href="([^"]+)">以此为结果首行</a>', text).group(1)
    assert "start=2026-09-28+10%3A00" in link and "headline=" in link
    check_accessible(p)


def test_a_headline_chosen_for_another_procedure_is_dropped_and_a_bad_one_refused(client):
    # the form still carries the detention's choice after the person picked another procedure
    _, text = page(client, "/timelines?procedure=administrative-licence&start=2026-09-01"
                           "&headline=arrest-request&headline_of=criminal-detention")
    assert headline(text).endswith("全部办结")
    p, _ = page(client, DETENTION + "&headline=arrest", status=422)
    assert "本事项没有这一环节" in p.errors["headline"]


def test_the_start_is_said_as_typed_without_the_forms_example(client):
    # the label's example (2026-02-16T20:30) leaked into the answer and disagreed with the hint
    p, text = page(client, DETENTION)
    assert "拘留时间：2026-09-28 10:00" in text
    assert "2026-02-16T20:30" not in text and "日期时间，如" not in text
    assert "例如 2026-02-16 20:30" in text  # the hint alone gives the example, as it is typed


def test_the_provisional_box_is_gone_and_the_estimate_still_comes(client):
    # The page estimates past the published notices by itself; the box changed nothing (issue 28).
    p, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-12-20")
    assert 'name="provisional"' not in text and "按放假办法推定</label>" not in text
    assert "推定结果" in text and headline(text).startswith("预计 2027-03-12 取得《网络文化经营许可证》（推定：")
    check_accessible(p)


def test_the_cafe_page_answers_one_chain_and_links_to_the_other(client):
    # county list from 2026-12-20: the licence 2027-03-12 (estimated); the regulation: 2027-02-26
    _, county = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-12-20")
    assert "2027-02-26" not in county  # the other chain's answer is a link away, not a third answer
    assert county.count("县级清单与现行法规不一致") == 1
    link = re.search(r'另见：<a href="([^"]+)">按「网吧设立审批（互联网上网服务营业场所管理条例）」计算</a>', county).group(1)
    assert "procedure=internet-cafe-licence-national" in link and "start=2026-12-20" in link
    _, national = page(client, html.unescape(link))
    assert headline(national).startswith("预计 2027-02-26 取得《网络文化经营许可证》（推定：")
    assert "2027-03-12" not in national
    assert re.search(r'另见：<a href="[^"]*procedure=internet-cafe-licence&amp;start=2026-12-20[^"]*">按「网吧设立审批（县级责任清单）」计算</a>',
                     national)


def test_the_cafe_defaults_to_the_regulation_in_force(client):
    _, text = page(client, "/timelines")
    assert '<option value="internet-cafe-licence-national" data-start-label' in text
    selected = re.search(r'<option value="([^"]+)"[^>]* selected>', text).group(1)
    assert selected == "internet-cafe-licence-national"


def test_the_answer_and_the_form_link_to_each_other(client):
    p, text = page(client, DETENTION)
    assert '<a href="#answer">跳到结果 ↓</a>' in text and '<a href="#form">回到表单 ↑</a>' in text
    assert "form" in p.ids and "answer" in p.ids


def test_the_timeline_citations_are_one_block_to_copy(client):
    _, text = page(client, DETENTION)
    block = html.unescape(re.search(r'<pre class="citation" id="citation"[^>]*>(.*?)</pre>', text, re.S).group(1))
    assert block.splitlines()[3] == ("4. 提请人民检察院批准逮捕：《中华人民共和国刑事诉讼法》第九十一条第一款、"
                                     "《公安机关办理刑事案件程序规定》第一百二十九条第一款")
    assert 'data-copy="citation"' in text and "copy.js" in text


@pytest.mark.parametrize("layout", [WIDE, NARROW])
def test_axis_labels_never_run_together(layout):
    # a first label carries its year: "2026-09-25" is wider than the step to "09-27"
    ticks = [Tick(10 + 70 * i, label) for i, label in enumerate(["2026-09-25", "09-27", "09-29", "10-01"])]
    kept = svg.axis.placed(ticks, layout)
    assert kept[0].label == "2026-09-25" and "09-27" not in [t.label for t in kept]
    ends = [t.x + 3 + svg.width_of(t.label, layout.base) for t in kept]
    assert all(kept[i + 1].x + 3 >= ends[i] for i in range(len(kept) - 1))


def test_the_appraisal_axis_from_2026_09_25_is_readable(client):
    # 程序规定 第九十七条: 5 days, then 3 days: eleven days on a wide axis labelled every two days.
    _, text = page(client, "/timelines?procedure=appraisal-opinion&start=2026-09-25")
    wide = re.search(r'<svg class="tl tl-wide".*?</svg>', text, re.S).group(0)
    labels = re.findall(r'class="date tick-label" x="([\d.]+)" y="[\d.]+" text-anchor="start">([^<]+)<', wide)
    assert labels[0][1] == "2026-09-25"
    for (x1, a), (x2, _) in zip(labels, labels[1:]):
        assert float(x2) >= float(x1) + svg.width_of(a, WIDE.base), labels


def test_the_start_field_is_drawn_for_the_procedure_chosen(client):
    # an hour procedure asks for 起算时间 with a time; a day procedure for 起算日 (site.js redraws it
    # from the select's data when another procedure is chosen)
    _, hours = page(client, "/timelines?procedure=criminal-detention")
    assert '<label for="start">起算时间' in hours and 'placeholder="YYYY-MM-DD HH:MM"' in hours
    _, days = page(client, "/timelines?procedure=birth-registration")
    assert '<label for="start">起算日' in days and "格式：年-月-日，例如 2026-09-21" in days
    assert '<option value="criminal-detention" data-start-label="拘留时间" data-hours="1"' in days


def test_a_rows_estimated_day_is_not_called_the_latest_where_it_is_not(client):
    # the county list from 2026-12-20: the licence 2027-03-12, but the real day can fall as late as
    # 03-18 (the range the same answer gives): the row says 预计, as the headline does
    _, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-12-20")
    wide = re.search(r'<svg class="tl tl-wide".*?</svg>', text, re.S).group(0)
    words = html.unescape(re.sub(r"<[^>]+>", "", wide))
    assert "预计 2027-03-12（推定）" in words and "最迟 2027-03-12" not in words
    # a firm day keeps its 最迟 (2026: 20 working days from 2026-09-21 -> 10-26)
    _, text = page(client, "/timelines?procedure=internet-cafe-licence&start=2026-09-21")
    assert "最迟 2026-10-26" in re.search(r'<svg class="tl tl-wide".*?</svg>', text, re.S).group(0)
