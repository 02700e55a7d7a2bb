"""The penalties pages over the 治安管理处罚法 catalogue: browse by section, both texts side by
side, the comparison that decided and the circumstance that would switch the answer."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from calc.api import create_app
from tests.test_web import page
from tests.zhian_overlay import load_with_fixture


@pytest.fixture(scope="module")
def zclient(tmp_path_factory):
    loaded = load_with_fixture(tmp_path_factory.mktemp("zhian-web"))
    return create_app({"TESTING": True}, loaded=loaded).test_client()


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_catalogue_is_browsable_by_chapter_and_section(zclient):
    p, text = page(zclient, "/penalties")
    assert "按章节浏览" in text
    for section in ("第三章第一节 扰乱公共秩序的行为和处罚", "第三章第三节 侵犯人身权利、财产权利的行为和处罚",
                    "责任清单所列的其他违法行为"):
        assert section in text
    _, text = page(zclient, "/penalties?section=" + quote("第三章第三节 侵犯人身权利、财产权利的行为和处罚"))
    assert "zhian.58-1" in text and "zhian.26-1" not in text and "rental.unregistered-tenant" not in text


def test_search_by_what_people_type(zclient):
    _, text = page(zclient, "/penalties?q=" + quote("偷东西"))
    assert "zhian.58-1" in text


def test_assessment_shows_both_texts_the_comparison_and_the_switch(zclient):
    # theft, act 2025-11-01 (2012 第四十九条), decided 2026-02-01 (2025 第五十八条): base -> the new text
    _, html = page(zclient, "/penalties/zhian.58-1?act_date=2025-11-01&decision_date=2026-02-01&party=individual")
    text = plain(html)
    assert "新旧文本对照" in text and 'class="side-by-side"' in html
    assert "行为时：治安管理处罚法（2012） 第四十九条" in text and "决定时：治安管理处罚法（2025） 第五十八条" in text
    assert "盗窃、诈骗、哄抢、抢夺、敲诈勒索或者故意损毁公私财物的" in text   # the 2012 text, verbatim
    assert "比较（可能的最重处罚）" in text and "与拘留并处的罚款" in text
    assert "若情节严重／情节较重／造成严重后果，旧法较轻，适用旧法" in text
    assert "不执行行政拘留处罚" in text and "治安管理处罚法（2025） 第一百零九条" in text


def test_a_landlords_case_names_the_minor_switch(zclient):
    _, html = page(zclient, "/penalties/rental.unregistered-tenant?act_date=2025-11-20&decision_date=2026-02-10"
                            "&party=individual")
    assert "若情节较轻，新法较轻，适用新法" in plain(html)


def test_an_act_the_old_text_did_not_punish(zclient):
    _, html = page(zclient, "/penalties/zhian.35-1?act_date=2025-12-01&decision_date=2026-02-02&party=individual")
    text = plain(html)
    assert "不认为是违法的" in text and "未规定该行为" in text


def test_checkboxes_are_the_violations_own_codes(zclient):
    p, html = page(zclient, "/penalties/zhian.51-1")
    for code in ("gang", "vulnerable_victim", "over_70", "prior_punishment"):
        assert f'id="c-{code}"' in html
    # Changed (issue 28, item 3): a code the API takes though the text sets no band for it is offered
    # apart, under 其他情节, and answered as the API answers it (the band applied, and a note); it was
    # refused (422) while the API and the CLI took it.
    others = html[html.index('<details class="other-codes"'):]
    assert 'id="c-not_corrected"' in others and 'id="c-gang"' not in others
    _, html = page(zclient, "/penalties/zhian.51-1?act_date=2026-03-01&decision_date=2026-03-05&c=not_corrected")
    assert "未对“逾期不改正／拒不改正”单设处罚幅度" in html


def test_a_text_that_does_not_punish_the_act_cites_the_version_choice_rule_from_the_data(client):
    # zhian.27-1 is new in 2025: the 2012 text does not make it an offence, so its panel says the act
    # is not taken as illegal during that text's time, citing the rule on which version applies
    # (行政处罚法（2021） 第三十七条, schedules/penalties/procedure.toml [version_choice].basis), as the
    # answers do, not a citation written into the page
    from calc.api.state import current

    _, html = page(client, "/penalties/zhian.27-1")
    with client.application.app_context():
        cited = current().penalties.choice_basis
    assert cited == "行政处罚法（2021） 第三十七条"
    assert f"不认为是违法的（{cited}）。" in html
