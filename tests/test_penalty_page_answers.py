"""The penalty answer on the page and on the command line (issue 28, items 2-4): every circumstance
the API takes for a violation is offered, with the API's note where the text sets no band for it;
the decision-form citations are one block to copy, printed by the CLI alike; the comparison says
"不并处罚款", not "0元"; the header says where the act stands in the county list plainly. The bands are
read from 治安管理处罚法 (shared/laws/) and 行政处罚法 第三十七条 (从旧兼从轻)."""
from __future__ import annotations

import html
import re

from calc import cli
from calc.citations import distinct
from tests.test_web import check_accessible, page

THEFT = "/penalties/zhian.58-1"
THEFT_MINOR = THEFT + "?act_date=2026-03-01&decision_date=2026-03-10&party=individual&c=minor"
RENTAL_MINOR = ("/penalties/rental.unregistered-tenant?act_date=2025-11-20&decision_date=2026-02-10"
                "&party=individual&c=minor")


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def citation_block(text: str) -> list[str]:
    m = re.search(r'<pre class="citation" id="citation"[^>]*>(.*?)</pre>', text, re.S)
    return html.unescape(m.group(1)).splitlines()


def test_theft_offers_情节较轻_as_the_api_takes_it(client):
    # 治安管理处罚法（2025） 第五十八条 sets a band for 情节较重 only; the API takes 情节较轻 and notes that
    # no band of its own exists; the page offered only the text's own codes and refused it.
    p, text = page(client, THEFT)
    assert 'id="c-minor"' in text and "其他情节" in text
    check_accessible(p)
    p, text = page(client, THEFT_MINOR)
    api = client.post("/v1/penalties/zhian.58-1/assess", json={"act_date": "2026-03-01", "decision_date": "2026-03-10",
                                                                "party": "individual", "circumstances": ["minor"]})
    assert api.status_code == 200
    note = api.get_json()["notes"][0]
    assert note == "治安管理处罚法（2025） 第五十八条 未对“情节较轻”单设处罚幅度，在适用的幅度内裁量"
    assert note in html.unescape(text) and "情节只能从列出的选项中勾选" not in text
    assert '<details class="other-codes" open>' in text  # what was ticked stays in sight
    check_accessible(p)


def test_an_unknown_circumstance_is_refused_at_its_field(client):
    p, _ = page(client, THEFT + "?act_date=2026-03-01&c=nonsense", status=422)
    assert "情节只能从列出的选项中勾选" in p.errors["c"]


def test_the_citations_are_one_block_to_copy(client):
    # 第五十八条 has one paragraph; the base band applies (情节较轻 has none of its own).
    _, text = page(client, THEFT_MINOR)
    assert citation_block(text) == ["《中华人民共和国治安管理处罚法》第五十八条"]
    assert 'data-copy="citation"' in text and "copy.js" in text
    # 2025-11-20 act, 2026-02-10 decision: 2025 第六十八条第一款 (情节较轻: 警告或者五百元以下) is lighter than
    # 2012 第五十七条第一款 (200-500), so 行政处罚法 第三十七条 applies the new text; 警告或者五百元以下 may be
    # decided on the spot (2025 第一百一十九条) and by a police station (第一百零九条).
    _, text = page(client, RENTAL_MINOR)
    assert citation_block(text) == [
        "《中华人民共和国治安管理处罚法》第六十八条第一款",
        "从旧兼从轻：《中华人民共和国行政处罚法》第三十七条",
        "当场处罚（简易程序）：《中华人民共和国治安管理处罚法》第一百一十九条",
        "决定机关（公安派出所可以决定的处罚）：《中华人民共和国治安管理处罚法》第一百零九条"]


def test_the_cli_prints_the_same_citations(capsys, client):
    _, text = page(client, RENTAL_MINOR)
    code, out, _ = run(capsys, "penalty", "rental.unregistered-tenant", "--act-date", "2025-11-20",
                       "--decision-date", "2026-02-10", "--circumstance", "minor")
    assert code == 0
    printed = [line.strip() for line in out.split("引用：\n")[1].splitlines()]
    assert printed == citation_block(text)


def test_a_place_cited_twice_is_cited_once():
    # a stage's basis and its extension's name the same paragraph (刑事诉讼法 第九十一条第一款)
    from calc import schedules

    stage = schedules.load().timelines.get("criminal-detention").latest.stage("arrest-request")
    assert distinct(stage.basis, stage.extension.basis).citation == stage.basis.citation
    assert stage.basis.citation == ("《中华人民共和国刑事诉讼法》第九十一条第一款、"
                                    "《公安机关办理刑事案件程序规定》第一百二十九条第一款")


def test_a_version_that_adds_no_fine_is_not_said_to_add_0元(client):
    # 2012 第二十六条: 五日以上十日以下拘留，可以并处五百元以下罚款; 2025 第三十条: 五日以上十日以下拘留或者一千元
    # 以下罚款 — the same detention, and the new text adds no fine to it.
    _, text = page(client, "/penalties/zhian.30-1?act_date=2025-12-01&decision_date=2026-02-01&party=individual")
    assert "与拘留并处的罚款，行为时的规定为500元，新的规定为不并处罚款" in text
    assert "为0元" not in text


def test_the_header_says_plainly_that_the_county_list_does_not_list_the_act(client):
    _, text = page(client, THEFT)
    assert "清单：—（责任清单未列）" in text and "责任清单 —" not in text


def test_the_answer_and_the_form_link_to_each_other(client):
    p, text = page(client, THEFT_MINOR)
    assert '<a href="#answer">跳到结果 ↓</a>' in text and '<a href="#form">回到表单 ↑</a>' in text
    assert "form" in p.ids and "answer" in p.ids


def test_the_version_in_force_is_named_alike_on_the_page_and_the_cli(client, capsys):
    # one label table (calc/labels.py): the page tagged 现行, the CLI said 现行有效
    from calc import labels

    _, text = page(client, THEFT)
    assert f'<span class="tag ok">{labels.IN_FORCE}</span>' in text and labels.IN_FORCE == "现行有效"
    code, out, _ = run(capsys, "penalty", "zhian.58-1")
    assert code == 0 and "2026-01-01 起施行，现行有效" in out
