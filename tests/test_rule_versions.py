"""Answers say which rule they used and a digest of its schedule data (API.md additions, issue 19
item 5): a stored answer whose rule's digest has changed is to be recomputed."""
from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path

from calc import schedules as schedules_module
from calc.api import create_app

ROOT = Path(__file__).resolve().parents[1] / "schedules"


def _independent_digest(table: dict) -> str:
    # The documented recipe, written out here rather than called: sha256 over the table as JSON with
    # sorted keys, compact separators, dates in ISO, first 16 hex.
    text = json.dumps(table, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=lambda v: v.isoformat())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _procedure_table(pid: str) -> dict:
    for path in sorted((ROOT / "timelines").glob("*.toml")):
        for p in tomllib.loads(path.read_text("utf-8")).get("procedure", []):
            if p["id"] == pid:
                return p
    raise AssertionError(pid)


def test_a_timeline_names_its_procedure_and_the_digest_of_its_table(client):
    body = client.post("/v1/timelines/administrative-licence", json={"start": "2026-09-21"}).get_json()
    (rv,) = body["rule_versions"]
    assert rv["kind"] == "procedure" and rv["id"] == "administrative-licence"
    assert rv["digest"] == _independent_digest(_procedure_table("administrative-licence"))


def test_a_deadline_names_the_counting_rules_it_was_counted_by(client):
    body = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"}).get_json()
    (rv,) = body["rule_versions"]
    assert rv == {"kind": "counting_rules", "id": "periods", "version": None, "effective": None,
                  "digest": _independent_digest(tomllib.loads((ROOT / "periods.toml").read_text("utf-8")))}


def test_a_versioned_procedure_names_the_version_in_force(client):
    # internet-cafe-licence-national: the 2022 text for an application made today
    body = client.post("/v1/timelines/internet-cafe-licence-national", json={"start": "2026-09-21"}).get_json()
    (rv,) = body["rule_versions"]
    assert rv["effective"]["from"] is not None and rv["effective"]["from"] <= "2026-09-21"


def test_changing_a_procedure_changes_its_digest_and_nothing_else(tmp_path):
    copy = tmp_path / "schedules"
    shutil.copytree(ROOT, copy)
    path = copy / "timelines" / "licensing.toml"
    path.write_text(path.read_text("utf-8").replace("# ", "#  ", 1) + "\n", "utf-8")  # a comment: same data
    same = create_app({"TESTING": True}, loaded=schedules_module.load(copy)).test_client()
    base = create_app({"TESTING": True}).test_client()
    q = {"start": "2026-09-21"}
    first = base.post("/v1/timelines/administrative-licence", json=q).get_json()["rule_versions"]
    assert same.post("/v1/timelines/administrative-licence", json=q).get_json()["rule_versions"] == first
    text = path.read_text("utf-8")
    assert 'title = "' in text
    data = tomllib.loads(text)
    proc = next(p for p in data["procedure"] if p["id"] == "administrative-licence")
    old_title = proc["title"]
    path.write_text(text.replace(f'title = "{old_title}"', f'title = "{old_title}（改）"', 1), "utf-8")
    changed = create_app({"TESTING": True}, loaded=schedules_module.load(copy)).test_client()
    after = changed.post("/v1/timelines/administrative-licence", json=q).get_json()["rule_versions"]
    assert after[0]["digest"] != first[0]["digest"]
    other = {"start": "2026-09-21", "amount": 20, "unit": "workdays"}
    assert (changed.post("/v1/deadlines", json=other).get_json()["rule_versions"]
            == base.post("/v1/deadlines", json=other).get_json()["rule_versions"])


def test_an_inspection_plan_names_its_regime(client):
    regimes = client.get("/v1/inspections").get_json()["items"]
    rid = regimes[0]["id"]
    body = client.post(f"/v1/inspections/{rid}/plan", json={"start": "2026-01-01", "end": "2026-03-31"}).get_json()
    (rv,) = body["rule_versions"]
    assert rv["kind"] == "inspection_regime" and rv["id"] == rid and len(rv["digest"]) == 16


def test_a_batch_says_once_which_counting_rules_its_items_used(client):
    body = client.post("/v1/deadlines/batch", json={"items": [
        {"start": "2026-09-21", "amount": 20, "unit": "workdays"},
        {"start": "2026-09-21", "amount": 20, "unit": "workdays", "steps": False}]}).get_json()
    single = client.post("/v1/deadlines", json={"start": "2026-09-21", "amount": 20, "unit": "workdays"}).get_json()
    assert body["rule_versions"] == single["rule_versions"]
    assert all("rule_versions" not in item for item in body["items"])


def test_an_assessment_names_the_violation_and_the_version_it_applied(client):
    # rental.unregistered-tenant, act 2026-03-01: the 2025 text applies (第六十八条第一款)
    body = client.post("/v1/penalties/rental.unregistered-tenant/assess",
                       json={"act_date": "2026-03-01", "decision_date": "2026-04-01", "party": "individual"}).get_json()
    (rv,) = body["rule_versions"]
    assert rv["kind"] == "violation" and rv["id"] == "rental.unregistered-tenant"
    assert "治安管理处罚法（2025）" in rv["version"] and rv["effective"]["from"] == "2026-01-01"
    table = next(v for v in tomllib.loads((ROOT / "penalties" / "rental.toml").read_text("utf-8"))["violation"]
                 if v["id"] == "rental.unregistered-tenant")
    assert rv["digest"] == _independent_digest(table)
