"""Newer texts of laws the schedules cite (issue 26 item 7): every schedule checked against SOURCES.md's
second table — 网络安全法(2025), 外国人入境出境管理条例(2025), 行政复议法实施条例(2026), 危险化学品安全法(2025).

- 行政复议法实施条例 (国务院令第836号, "本条例自2026年7月1日起施行", 第七十七条) changes how the service's
  reconsideration periods are counted: 第二十三条 (from when the 60 days run), 第二十六条 and 第三十八条第二款
  (not counted in the time to apply), 第四十条第二款, 第四十五条 ("现场勘验所用时间不计入行政复议审理期限"),
  第四十六条 ("鉴定所用时间不计入行政复议审理期限"), 第四十条第三款 ("行政复议审理期限自上级行政复议机关收到
  案件材料之日起重新计算"): a version of `administrative-penalty` from 2026-07-01.
- 危险化学品安全法 (from 2026-05-01) takes the place of the regulation in the traffic catalogue (its own tests).
- 网络安全法 and 外国人入境出境管理条例: no schedule cites them, and no period, sanction or citation the
  service gives comes from them.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "schedules"
A = {"decision": "2026-07-10", "delivery": "2026-07-10", "reconsideration": "2026-07-20"}


def post(client, **body):
    r = client.post("/v1/timelines/administrative-penalty", json={"start": "2026-07-01", "actual": A, **body})
    return r, {s["id"]: s for s in r.json.get("stages", [])}


def test_the_time_to_decide_runs_60_days_from_acceptance(client):
    # accepted 2026-07-20: 7/21-31 (11), August (42), 9/18 (60) — a Friday
    r, s = post(client)
    assert r.status_code == 200 and s["reconsideration-decision"]["due"] == "2026-09-18"


def test_an_appraisal_is_not_counted_in_the_time_to_decide(client):
    # 鉴定 2026-08-01..08-10 (10 days) not counted (第四十六条): 9/18 + 10 = 9/28, a Monday
    r, s = post(client, pauses={"reconsideration-decision": [{"start": "2026-08-01", "end": "2026-08-10", "reason": "鉴定"}]})
    assert r.status_code == 200 and s["reconsideration-decision"]["due"] == "2026-09-28"
    assert any("第四十六条" in st["basis"] for st in s["reconsideration-decision"]["steps"])


def test_a_case_taken_up_by_the_higher_organ_counts_anew(client):
    # the higher organ receives the file on 2026-08-15 (within the first 60 days): 60 days from then,
    # 8/16-31 (16), September (46), 10/14 (60) — 国庆 ends 10/07
    r, s = post(client, restarts={"reconsideration-decision": "2026-08-15"})
    assert r.status_code == 200 and s["reconsideration-decision"]["due"] == "2026-10-14"
    assert any("第四十条第三款" in st["basis"] for st in s["reconsideration-decision"]["steps"])


def test_days_not_counted_in_the_time_to_apply(client):
    # served 2026-07-10: 60 days → 9/8; 7/15-7/24 (10 days, 第三十八条第二款) not counted → 9/18
    r = client.post("/v1/timelines/administrative-penalty", json={
        "start": "2026-07-01", "actual": {"decision": "2026-07-10", "delivery": "2026-07-10"},
        "pauses": {"reconsideration": [{"start": "2026-07-15", "end": "2026-07-24"}]}})
    stage = next(s for s in r.json["stages"] if s["id"] == "reconsideration")
    assert stage["due"] == "2026-09-18" and "第二十三条" in stage["basis"]


def test_before_the_regulation_no_day_is_taken_out(client):
    r = client.post("/v1/timelines/administrative-penalty", json={
        "start": "2026-06-30", "actual": A,
        "pauses": {"reconsideration-decision": [{"start": "2026-08-01", "end": "2026-08-10"}]}})
    assert r.status_code == 422 and "pauses.reconsideration-decision" in r.json["errors"]


def _cited(name: str) -> list[tuple[str, object]]:
    """(file, the table's effective) of every table in the schedules whose basis cites `name`."""
    out = []

    def walk(node, file, effective=None):
        if isinstance(node, dict):
            effective = node.get("effective", effective)
            for key, value in node.items():
                if isinstance(value, list) and any(isinstance(x, dict) and x.get("law") == name for x in value):
                    out.append((file, effective))
                walk(value, file, effective)
        elif isinstance(node, list):
            for x in node:
                walk(x, file, effective)

    for path in ROOT.rglob("*.toml"):
        walk(tomllib.loads(path.read_text("utf-8")), str(path.relative_to(ROOT)))
    return out


@pytest.mark.parametrize("name", ["网络安全法", "外国人入境出境管理条例"])
def test_texts_no_schedule_cites(name):
    assert _cited(name) == []


def test_the_new_texts_are_cited_only_from_their_dates():
    import datetime as dt
    assert {f for f, _ in _cited("行政复议法实施条例")} == {"timelines/penalty.toml"}
    assert all(e["from"] >= dt.date(2026, 7, 1) for _, e in _cited("行政复议法实施条例"))
    assert all(e["from"] >= dt.date(2026, 5, 1) for f, e in _cited("危险化学品安全法") if e)
