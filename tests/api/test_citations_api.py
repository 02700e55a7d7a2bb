"""API 1.1 "Citations as data": wherever an answer names its basis it carries `cites` (law as its
heading gives it, edition, article, paragraph, item as numbers) and the decision-form `citation`;
`basis` keeps its v1 text. Expected values read off ../shared/laws by hand."""
from __future__ import annotations

import pytest

from calc.api import create_app

ZHIAN = "中华人民共和国治安管理处罚法"


@pytest.fixture(scope="module")
def client():
    return create_app({"TESTING": True}).test_client()


def _cite(law, edition, article, paragraph=None, item=None, sub_article=None, section=None):
    return {"law": law, "edition": edition, "article": article, "sub_article": sub_article,
            "paragraph": paragraph, "item": item, "section": section}


def test_a_band_cites_its_own_paragraph_and_item_while_basis_keeps_its_v1_text(client):
    # 2025 第五十一条第二款: （一）结伙殴打、伤害他人的；（二）…残疾人、孕妇…；（三）多次…或者一次殴打、伤害多人的
    body = client.get("/v1/penalties/zhian.51-1").get_json()
    v2025 = next(v for v in body["versions"] if v["effective"]["from"] == "2026-01-01")
    bands = {b["when"]: b for b in v2025["bands"]}
    gang = bands["gang"]
    assert gang["basis"] == "治安管理处罚法（2025） 第五十一条第二款"  # v1 bytes
    assert gang["cites"] == [_cite(ZHIAN, 2025, 51, 2, 1)]
    assert gang["citation"] == "《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项"
    assert bands["vulnerable_victim"]["citation"].endswith("第五十一条第二款第（二）项")
    assert bands["many_victims"]["citation"].endswith("第五十一条第二款第（三）项")
    # the base band: 第一款, no item
    assert bands["base"]["citation"] == "《中华人民共和国治安管理处罚法》第五十一条第一款"
    # the 2012 text: 第四十三条第二款第（一）项
    v2012 = next(v for v in body["versions"] if v["effective"]["from"] == "2006-03-01")
    assert {b["when"]: b for b in v2012["bands"]}["gang"]["cites"] == [_cite(ZHIAN, 2012, 43, 2, 1)]


def test_an_assessment_cites_its_version_band_facts_and_limitation(client):
    a = client.post("/v1/penalties/zhian.51-1/assess", json={
        "act_date": "2026-03-01", "decision_date": "2026-03-10", "party": "individual",
        "circumstances": ["gang"]}).get_json()
    assert a["version"]["applied"]["citation"] == "《中华人民共和国治安管理处罚法》第五十一条"
    assert a["bands"][0]["citation"] == "《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项"
    # 从旧兼从轻 rests on 行政处罚法 第三十七条
    assert a["version"]["cites"] == [_cite("中华人民共和国行政处罚法", 2021, 37)]
    # limitation: 2025 第二十五条
    assert a["limitation"]["cites"][0]["article"] == 25 and a["limitation"]["cites"][0]["edition"] == 2025
    for kind in ("simplified", "collection", "hearing"):
        fact = a["procedure"][kind]
        assert set(fact) >= {"basis", "cites", "citation"}
        assert all(c["law"] and c["edition"] for c in fact["cites"])


def test_a_procedure_stage_and_its_steps_cite_to_the_paragraph(client):
    # 刑事诉讼法(2018) 第九十一条第一款: 拘留后三日以内提请批准逮捕; counting: 第一百零五条
    t = client.post("/v1/timelines/criminal-detention", json={"start": "2026-09-28T10:00"}).get_json()
    request = next(s for s in t["stages"] if s["id"] == "arrest-request")
    assert {"law": "中华人民共和国刑事诉讼法", "edition": 2018, "article": 91} .items() <= request["cites"][0].items()
    assert request["citation"].startswith("《中华人民共和国刑事诉讼法》第九十一条")
    cited = [s for s in request["steps"] if s["cites"]]
    assert cited and all(s["citation"] for s in cited)


def test_a_step_that_cites_nothing_says_so(client):
    d = client.post("/v1/deadlines", json={"start": "2026-09-07", "amount": 30, "unit": "days",
                                           "extension": {"amount": 30, "unit": "days"}}).get_json()
    ext = next(s for s in d["steps"] if s["rule"].startswith("延长"))
    assert ext["basis"].startswith("—（未给出延长的法律依据") and ext["cites"] == [] and ext["citation"] is None
    # the extension counts from 10-07 (国庆, not moved: no longer the last day), 30 days → 11-06
    assert d["due"] == "2026-11-06"


def test_the_county_list_and_a_notice_are_cited_as_what_they_are(client):
    duty = client.get("/v1/responsibilities/duty.3.4").get_json()
    assert duty["cites"] == [_cite("县公安局责任清单", None, None, section="一、3")]
    d = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"}).get_json()
    assert d["steps"][1]["citation"] == "《国务院办公厅关于2026年部分节假日安排的通知》（国办发明电〔2025〕7号）"
