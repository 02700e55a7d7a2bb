"""交通违法与记分 on the web with Flask's test client: the section finds acts by what people type,
an act's page and its assessment (with the citations to copy), speeding by the numbers, the points
cycle, the traffic procedures' links, what is not encoded, and bad input as a Chinese sentence at
its field (422, never a 500).

Expected values are read from the texts in ../shared/laws:
- 道路交通安全法（2021） 第九十一条第一款: "饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证，并处一千元以上
  二千元以下罚款"; 记分管理办法 第八条第（一）项 "饮酒后驾驶机动车的" 一次记12分.
- 河北省办法 第七十六条 "处以一百元罚款", 第（十一）项 "机动车在非高速公路上行驶，超过规定的时速不足百分之
  五十的"; 记分管理办法 第十一条第（二）项 (高速公路、城市快速路以外的道路, 20 %以上未达到50 %) 记3分:
  60 km/h limit, 78 measured: (78 − 60) / 60 = 30 %.
- 记分管理办法 第三条 (the cycle from the first licence date), 第十七条 (12 points), 第十八条 (七天 for a
  small car's licence).
"""
from __future__ import annotations

import re

import pytest

from tests.test_web import check_accessible, page

LAW_91_1 = "/traffic/traffic.law-91-1"
SPEED = "/traffic/speeding?vehicle=small_passenger&road=other&limit=60&measured=78&act_date=2026-03-02&decision_date=2026-03-20"


def found_ids(text: str) -> list[str]:
    return re.findall(r'href="/traffic/(traffic\.[\w.-]+)"', text)


@pytest.mark.parametrize("url", ["/traffic", "/traffic?q=酒驾", LAW_91_1, "/traffic/traffic.hb-76-11",
                                 "/traffic/speeding", "/traffic/points", SPEED,
                                 LAW_91_1 + "?act_date=2026-03-02&decision_date=2026-03-20",
                                 "/traffic/points?first_licence=2015-06-10&on=2026-06-10&entry_date=2026-06-10&entry_points=6"])
def test_each_traffic_page_answers_with_labels_and_local_assets_only(client, url):
    p, text = page(client, url)
    assert '<html lang="zh-CN">' in text and "交通违法与记分" in text
    check_accessible(p)


def test_the_section_is_in_the_menu(client):
    _, text = page(client, "/")
    assert 'href="/traffic"' in text and "交通违法与记分" in text


@pytest.mark.parametrize("q, act", [("酒驾", "traffic.law-91-1"), ("闯红灯", "traffic.hb-76-1"),
                                     ("超速", "traffic.hb-76-11"), ("超速", "traffic.law-99-1-4")])
def test_a_search_by_what_people_type_finds_the_act(client, q, act):
    _, text = page(client, f"/traffic?q={q}")
    assert act in found_ids(text)


def test_the_best_match_comes_first_and_its_fine_and_points_show_at_a_glance(client):
    # 酒驾 is 饮酒后驾驶机动车's keyword: its group (机动车驾驶人) first, with 第九十一条第一款's range and 第八条's 12
    _, text = page(client, "/traffic?q=酒驾")
    assert found_ids(text)[0] == "traffic.law-91-1"
    assert "1000元以上2000元以下罚款；记12分；暂扣机动车驾驶证6个月" in text


def test_a_search_without_match_says_so(client):
    _, text = page(client, "/traffic?q=没有这种说法")
    assert "没有找到" in text and not found_ids(text)


def test_the_act_page_gives_each_text_and_its_bands(client):
    _, text = page(client, LAW_91_1)
    assert "道路交通安全法（2021） 第九十一条第一款" in text
    assert "饮酒后驾驶机动车的，处暂扣六个月机动车驾驶证，并处一千元以上二千元以下罚款" in text
    assert "道路交通安全违法行为记分管理办法（2021） 第八条第（一）项" in text and "记12分" in text
    # the bands of 河北省办法 第七十六条第（十一）项's points read by vehicle and road
    _, text = page(client, "/traffic/traffic.hb-76-11")
    assert "城市快速路；超过规定时速20%以上" in text and 'id="road"' in text and 'id="vehicle"' in text


def test_an_assessment_gives_fine_points_measures_and_the_citations_to_copy(client):
    _, text = page(client, LAW_91_1 + "?act_date=2026-03-02&decision_date=2026-03-20")
    block = re.search(r'<pre class="citation" id="cite-block"[^>]*>(.*?)</pre>', text, re.S).group(1)
    assert block.splitlines()[:4] == [
        "1000元以上2000元以下罚款（依据《中华人民共和国道路交通安全法》第九十一条第一款）",
        "暂扣机动车驾驶证6个月（依据《中华人民共和国道路交通安全法》第九十一条第一款）",
        "可以先予扣留机动车驾驶证，二十四小时内移交公安机关交通管理部门处理（依据《中华人民共和国道路交通安全法》第一百一十条第一款）",
        "记12分（依据《道路交通安全违法行为记分管理办法》第八条第（一）项）",
    ]
    assert 'data-copy="cite-block"' in text and "不能当场处罚" in text


def test_speeding_60_78_on_an_ordinary_road_is_hebeis_item_with_3_points(client):
    _, text = page(client, SPEED)
    assert "超过规定时速 <strong>30.00%</strong>" in text
    assert 'href="/traffic/traffic.hb-76-11"' in text
    assert "100元罚款（依据《河北省实施〈中华人民共和国道路交通安全法〉办法》第七十六条第（十一）项）" in text
    assert "记3分（依据《道路交通安全违法行为记分管理办法》第十一条第（二）项）" in text


def test_the_points_cycle_with_twelve_points(client):
    # licence 2015-06-10: the cycle containing 2026-06-10 is 2026-06-10..2027-06-09 (第三条); the 06-09
    # entry is the cycle before; 6 + 6 = 12 on 2026-09-01 (第十七条); a small car: 7 days (第十八条)
    url = ("/traffic/points?first_licence=2015-06-10&on=2026-06-10&licence=small_car"
           "&entry_date=2026-06-09&entry_points=6&entry_date=2026-06-10&entry_points=traffic.hb-76-1"
           "&entry_date=2026-09-01&entry_points=6")
    _, text = page(client, url)
    assert "记分周期：2026-06-10 至 2027-06-09" in text
    assert "12 分</strong>：已满12分（2026-09-01）" in text and "7 天（本周期第1次满分" in text
    assert "不在本周期" in text and "公安部令第172号" in text


def test_the_section_links_the_accident_and_licence_renewal_timelines(client):
    _, text = page(client, "/traffic")
    for proc in ("traffic-accident", "licence-renewal"):
        assert f'href="/timelines?procedure={proc}"' in text
        page(client, f"/timelines?procedure={proc}")


def test_what_is_not_encoded_is_said_where_people_look(client):
    _, text = page(client, "/traffic")
    assert "实施条例 第十六条" in text and "公安部令第172号" in text and "校车安全管理条例" in text
    assert "2021-09-29" in text  # 河北省办法 as it stands, and that the earlier text is not here
    # 年检 finds the uninspected-vehicle act, whose page says no inspection interval is computed
    _, text = page(client, "/traffic?q=年检")
    assert "traffic.pts-11-12" in found_ids(text)
    _, text = page(client, "/traffic/traffic.pts-11-12")
    assert "本服务不计算检验期限" in text


@pytest.mark.parametrize("url, field, words", [
    ("/traffic/speeding?vehicle=tank&road=other&limit=60&measured=78&act_date=2026-03-02", "vehicle", "请从列表中选择车型"),
    ("/traffic/speeding?vehicle=small_passenger&road=moon&limit=60&measured=78&act_date=2026-03-02", "road", "请从列表中选择道路类型"),
    ("/traffic/speeding?vehicle=small_passenger&road=other&limit=60&measured=-5&act_date=2026-03-02", "measured", "实测车速不能为负数"),
    ("/traffic/speeding?vehicle=small_passenger&road=other&limit=0&measured=78&act_date=2026-03-02", "limit", "规定时速应大于0"),
    ("/traffic/speeding?vehicle=small_passenger&road=other&limit=六十&measured=78&act_date=2026-03-02", "limit", "应为数字"),
    ("/traffic/speeding?vehicle=small_passenger&road=other&limit=60&measured=78&act_date=2026-02-30", "act_date", "2026年2月没有30日"),
    (LAW_91_1 + "?act_date=昨天", "act_date", "格式应为"),
    (LAW_91_1 + "?act_date=2026-03-02&decision_date=2026-03-01", "decision_date", "早于行为日"),
    ("/traffic/traffic.hb-76-11?act_date=2026-03-02", "road", "请填写或选择道路类型"),
    ("/traffic/traffic.hb-76-11?act_date=2026-03-02&road=moon", "road", "请从列表中选择道路类型"),
    ("/traffic/points?first_licence=20150231", "first_licence", "2015年2月没有31日"),
    ("/traffic/points?first_licence=2015-06-10&licence=bus", "licence", "请从列表中选择准驾车型"),
    ("/traffic/points?first_licence=2015-06-10&entry_date=2026-01-01&entry_points=x.y", "entry_points-0", "没有编号为 x.y"),
])
def test_bad_input_is_a_422_with_the_chinese_sentence_at_its_field(client, url, field, words):
    p, text = page(client, url, status=422)
    assert words in p.errors[field], p.errors
    assert f'href="#{field}"' in text  # the summary at the top links to it
    check_accessible(p)


def test_an_unknown_act_is_a_chinese_404_page(client):
    _, text = page(client, "/traffic/traffic.nothing", status=404)
    assert "编号为 traffic.nothing 的交通违法行为" in text


def test_an_unpaid_fine_of_the_cycle_before_is_carried_into_this_one(client):
    # 记分管理办法 第十五条: a cycle ending under 12 passes on the points of fines still unpaid. Licence
    # 2015-06-10: the cycle before 2026-06-10 is 2025-06-10..2026-06-09; its 3 (unpaid) and 2 (paid) points
    # end it at 5, under 12: the 3 are carried, the 2 are not
    url = ("/traffic/points?first_licence=2015-06-10&on=2026-06-10"
           "&entry_date=2026-01-05&entry_points=2&entry_fine="
           "&entry_date=2026-02-05&entry_points=3&entry_fine=unpaid")
    p, text = page(client, url)
    assert "累积记分 <strong class=\"points\">3 分</strong>" in text
    assert "上一周期罚款未缴纳，转入本周期" in text and "不在本周期" in text
