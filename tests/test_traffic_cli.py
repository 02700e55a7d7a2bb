"""`calc traffic`: the API's answer with --json, the answer in Chinese with the fine, the points, the
measures and each part's citation, and a refusal that names the argument (exit 2).

Expected values from the texts (../shared/laws): 道路交通安全法（2021） 第九十一条第一款 (暂扣六个月，一千元以上
二千元以下罚款), 记分管理办法 第八条第（一）项 (12分); 河北省办法 第七十六条第（十一）项 (一百元) and 记分管理
办法 第十一条第（二）项 (3分) for 78 km/h under 60 on an ordinary road ((78 − 60) / 60 = 30 %); 记分管理办法
第三条 (the cycle from the first licence date) and 第十八条 (7 days for a small car).
"""
from __future__ import annotations

import json

import pytest

from calc import cli

ASSESS = {"act_date": "2026-03-02", "decision_date": "2026-03-20"}
SPEEDING = ["traffic", "speeding", "--vehicle", "small_passenger", "--road", "other", "--limit", "60",
            "--measured", "78", "--act-date", "2026-03-02", "--decision-date", "2026-03-20"]
POINTS = ["traffic", "points", "--first-licence", "2015-06-10", "--on", "2026-06-10", "--licence", "small_car",
          "--entry", "2026-06-09:6", "--entry", "2026-06-10:traffic.hb-76-1", "--entry", "2026-09-01:6"]


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, method, url, body", [
    (["traffic", "traffic.law-91-1"], "get", "/v1/traffic/violations/traffic.law-91-1", None),
    (["traffic", "闯红灯"], "get", "/v1/traffic/violations?q=闯红灯", None),
    (["traffic", "酒驾", "--act-date", "2026-03-02"], "get", "/v1/traffic/violations?q=酒驾", None),
    (["traffic", "traffic.law-91-1", "--act-date", "2026-03-02", "--decision-date", "2026-03-20"], "post",
     "/v1/traffic/violations/traffic.law-91-1/assess", ASSESS),
    (["traffic", "traffic.hb-76-11", "--act-date", "2026-03-02", "--decision-date", "2026-03-20", "--vehicle", "truck",
      "--road", "urban_expressway", "--over-percent", "25", "--served", "2026-03-25", "--paid", "2026-04-20"], "post",
     "/v1/traffic/violations/traffic.hb-76-11/assess",
     ASSESS | {"vehicle": "truck", "road": "urban_expressway", "over_percent": 25, "served": "2026-03-25",
               "paid": "2026-04-20"}),
    (SPEEDING, "post", "/v1/traffic/speeding",
     ASSESS | {"vehicle": "small_passenger", "road": "other", "limit": 60, "measured": 78}),
    (POINTS, "post", "/v1/traffic/points",
     {"first_licence": "2015-06-10", "on": "2026-06-10", "vehicle": "small_car",
      "entries": [{"date": "2026-06-09", "points": 6}, {"date": "2026-06-10", "violation": "traffic.hb-76-1"},
                  {"date": "2026-09-01", "points": 6}]}),
    (["traffic", "codes"], "get", "/v1/traffic/codes", None),
])
def test_json_is_the_apis_answer(capsys, client, argv, method, url, body):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0 and err == "", err
    r = client.post(url, json=body) if method == "post" else client.get(url)
    assert r.status_code == 200
    # byte for byte: the CLI's JSON, indented for people, written as compactly as the API writes it
    # (the keys in the same order) is the API's body
    assert json.dumps(json.loads(out), ensure_ascii=False, separators=(",", ":")).encode() + b"\n" == r.data


def test_the_assessment_in_chinese_has_fine_points_measures_and_citations(capsys):
    code, out, _ = run(capsys, "traffic", "traffic.law-91-1", "--act-date", "2026-03-02", "--decision-date", "2026-03-20")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "饮酒后驾驶机动车（traffic.law-91-1）"
    assert "罚款：1000元以上2000元以下罚款（国家规定的幅度）" in lines and "记分：12分" in lines
    assert lines[lines.index("记分：12分") + 1].startswith("措施：暂扣机动车驾驶证6个月；可以先予扣留机动车驾驶证")
    assert "  1000元以上2000元以下罚款（依据《中华人民共和国道路交通安全法》第九十一条第一款）" in lines
    assert "  记12分（依据《道路交通安全违法行为记分管理办法》第八条第（一）项）" in lines


def test_a_title_typed_out_is_answered_as_its_id_is(capsys):
    by_title = run(capsys, "traffic", "饮酒后驾驶机动车", "--act-date", "2026-03-02", "--decision-date", "2026-03-20")[1]
    by_id = run(capsys, "traffic", "traffic.law-91-1", "--act-date", "2026-03-02", "--decision-date", "2026-03-20")[1]
    assert by_title == by_id


def test_a_word_for_several_acts_lists_them_with_who_commits_them(capsys):
    code, out, _ = run(capsys, "traffic", "闯红灯")
    assert code == 0 and out.splitlines()[0] == "“闯红灯”对应 3 项交通违法行为，请用编号（calc traffic 编号）："
    assert "  traffic.hb-76-1  驾驶机动车不按交通信号灯指示通行（闯红灯）（机动车驾驶人）" in out.splitlines()


def test_speeding_in_chinese(capsys):
    code, out, _ = run(capsys, *SPEEDING)
    assert code == 0 and out.splitlines()[0] == "超过规定时速 30.00%：属 traffic.hb-76-11"
    assert "罚款：100元罚款（河北省具体标准）" in out and "记分：3分" in out
    assert "记3分（依据《道路交通安全违法行为记分管理办法》第十一条第（二）项）" in out


def test_points_in_chinese(capsys):
    code, out, _ = run(capsys, *POINTS)
    assert code == 0 and out.startswith("记分周期：2026-06-10 至 2027-06-09")
    assert "累积记分：12分，2026-09-01 满12分" in out and "满分学习：7天（本周期第1次满分）" in out
    assert "公安部令第172号" in out


def test_codes_say_what_is_not_encoded(capsys):
    code, out, _ = run(capsys, "traffic", "codes")
    assert code == 0 and "  expressway  高速公路" in out.splitlines()
    assert "实施条例 第十六条" in out and "公安部令第172号" in out


@pytest.mark.parametrize("argv, words", [
    (["traffic", "speeding", "--vehicle", "tank", "--road", "other", "--limit", "60", "--measured", "78",
      "--act-date", "2026-03-02"], "参数 --vehicle：未知的车型：tank"),
    (["traffic", "speeding", "--vehicle", "small_passenger", "--road", "moon", "--limit", "60", "--measured", "78",
      "--act-date", "2026-03-02"], "参数 --road：未知的道路类型：moon"),
    (["traffic", "speeding", "--vehicle", "small_passenger", "--road", "other", "--limit", "0", "--measured", "78",
      "--act-date", "2026-03-02"], "参数 --limit：规定时速应大于0"),
    (["traffic", "speeding", "--vehicle", "small_passenger", "--road", "other", "--limit", "60", "--measured", "-5",
      "--act-date", "2026-03-02"], "参数 --measured：实测车速不能为负数"),
    (["traffic", "speeding", "--vehicle", "small_passenger", "--road", "other", "--limit", "sixty", "--measured", "78",
      "--act-date", "2026-03-02"], "参数 --limit"),
    (["traffic", "speeding", "--vehicle", "small_passenger", "--road", "other", "--limit", "60", "--measured", "78",
      "--act-date", "2026-02-30"], "参数 --act-date：日期2026年2月没有30日"),
    (["traffic", "traffic.hb-76-11", "--act-date", "2026-03-02"], "参数 --road：该行为的处罚或者记分因道路类型而异"),
    (["traffic", "traffic.law-91-1", "--vehicle", "truck"], "参数 --vehicle 须与 --act-date 同用"),
    (["traffic", "traffic.law-91-1", "--act-date", "2026-03-02", "--decision-date", "2026-03-01"], "参数 --decision-date"),
    (["traffic", "points", "--first-licence", "2015-06-10", "--licence", "bus"], "参数 --licence：未知的准驾车型：bus"),
    (["traffic", "points", "--first-licence", "2015-06-10", "--entry", "2026-01-01"], "参数 --entry"),
    (["traffic", "points", "--first-licence", "2015-06-10", "--entry", "2026-01-01:x.y"], "参数 --entry：没有编号为 x.y"),
    (["traffic", "points", "--first-licence", "2015-06-10", "--on", "2014-01-01"], "参数 --on"),
])
def test_bad_input_exits_2_naming_the_argument(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "", err
    assert words in err and len(err.splitlines()) == 1, err


def test_an_unknown_word_is_not_found(capsys):
    code, out, err = run(capsys, "traffic", "没有这种说法")
    assert code == 3 and out == "" and err.startswith("not_found: 没有编号为 没有这种说法 的交通违法行为")
