"""County overlays: a second, made-up county (青石县, tests/data/overlays/qingshi) over the bundled
schedules adds a violation, a procedure, an event, an inspection regime and a calendar year, and
replaces the bundled 110 day by id. Expected values come from the texts the files cite and the
State Council's 2026 notice (国办发明电〔2025〕7号), not from the code under test."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from calc import schedules as schedules_module
from calc.api import create_app
from calc.errors import ScheduleError

QINGSHI = Path(__file__).resolve().parent / "data" / "overlays" / "qingshi"
BUNDLED = schedules_module.DEFAULT_ROOT


@pytest.fixture(scope="module")
def layered():
    return schedules_module.load([QINGSHI])


@pytest.fixture(scope="module")
def client(layered):
    return create_app({"TESTING": True}, loaded=layered).test_client()


@pytest.fixture()
def overlay(tmp_path):
    root = tmp_path / "county"
    shutil.copytree(QINGSHI, root)
    return root


def sha16(root: Path) -> str:
    """The layer digest as /v1/meta documents it: sha256 over each file's relative name and bytes."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.toml")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


# ---------------------------------------------------------------- what a county adds and replaces


def test_the_bundled_set_alone_is_one_layer(monkeypatch):
    monkeypatch.delenv("CALC_SCHEDULES", raising=False)
    alone = schedules_module.load()
    assert [(layer.name, layer.kind) for layer in alone.layers] == [("bundled", "bundled")]
    assert alone.digest == alone.layers[0].digest == sha16(BUNDLED)


def test_meta_lists_the_layers_with_their_digests_and_what_each_adds_or_overrides(client):
    meta = client.get("/v1/meta").get_json()
    bundled, county = meta["layers"]
    assert (bundled["kind"], bundled["digest"]) == ("bundled", sha16(BUNDLED))
    assert (county["kind"], county["name"], county["digest"]) == ("overlay", "qingshi", sha16(QINGSHI))
    assert county["files"] == sorted(p.relative_to(QINGSHI).as_posix() for p in QINGSHI.rglob("*.toml"))
    assert set(county["adds"]) == {
        "penalties/violation/fireworks.prohibited-time-place", "timelines/procedure/fireworks-display-licence",
        "events/event/national-security-education-day", "inspections/regime/fireworks-retail", "calendar/cn/2027",
        "laws/law/青石县公安局责任清单", "laws/law/国家安全法"}
    assert county["overrides"] == ["events/event/110-day"]
    assert meta["schedules_digest"] not in (bundled["digest"], county["digest"])
    assert meta["calendar"]["last_year"] == 2027


def test_an_added_violation_is_served_with_its_band(client):
    body = client.get("/v1/penalties/fireworks.prohibited-time-place").get_json()
    version = body["versions"][0] if "versions" in body else body
    text = json.dumps(version, ensure_ascii=False)
    assert "烟花爆竹安全管理条例 第四十二条第二款" in text
    answer = client.post("/v1/penalties/fireworks.prohibited-time-place/assess",
                         json={"act_date": "2026-02-16", "party": "individual"}).get_json()
    assert answer["bands"][0]["fine"] == {"min": 100, "max": 500}  # 处100元以上500元以下的罚款
    # The bundled violations are all still there.
    assert client.get("/v1/penalties/rental.unregistered-tenant").status_code == 200


def test_an_added_procedure_counts_by_the_bundled_calendar(client):
    answer = client.post("/v1/timelines/fireworks-display-licence", json={"start": "2026-09-21"}).get_json()
    (stage,) = answer["stages"]
    # 20日 from 09-21 ends Sunday 10-11, a rest day in the 2026 notice (only 09-20 and 10-10 are
    # make-up working days), so the last day moves to Monday 10-12 (民法典 第二百零三条).
    assert (stage["id"], stage["due"]) == ("review", "2026-10-12")


def test_an_overridden_event_is_the_countys_and_the_others_remain(client):
    items = client.get("/v1/events?start=2027-01-01&end=2027-12-31").get_json()["items"]
    by_id = {}
    for item in items:
        by_id.setdefault(item["id"], []).append(item)
    assert [(e["date"], e["unit"], e["contact"]) for e in by_id["110-day"]] == [
        ("2027-01-10", "青石县公安局指挥中心", "0000-5550110")]
    assert [e["date"] for e in by_id["national-security-education-day"]] == ["2027-04-15"]  # 国家安全法 第十四条
    assert [e["date"] for e in by_id["open-day"]] == ["2027-03-03", "2027-06-02", "2027-09-01", "2027-12-01"]


def test_an_added_inspection_regime_plans_its_windows(client):
    plan = client.post("/v1/inspections/fireworks-retail/plan",
                       json={"start": "2026-01-01", "end": "2026-02-28", "population": 9}).get_json()
    # Each month is due on its last working day: 01-30 (Friday), and 02-28, a make-up Saturday.
    assert [(w["label"], w["due"], w["min_units"]) for w in plan["windows"]] == [
        ("2026-01", "2026-01-30", 9), ("2026-02", "2026-02-28", 9)]


# ---------------------------------------------------------------- next year's notice in an overlay


def test_a_new_years_file_in_an_overlay_extends_the_calendar(layered, client, monkeypatch):
    monkeypatch.delenv("CALC_SCHEDULES", raising=False)
    assert schedules_module.load().calendar.last_year == 2026
    bundled_client = create_app({"TESTING": True}).test_client()
    refused = bundled_client.post("/v1/deadlines", json={"start": "2027-02-04", "amount": 1, "unit": "workdays"})
    assert refused.status_code == 422 and refused.get_json()["reason"] == "calendar_gap"

    assert (layered.calendar.first_year, layered.calendar.last_year) == (2004, 2027)
    answer = client.post("/v1/deadlines", json={"start": "2027-02-04", "amount": 1, "unit": "workdays"}).get_json()
    # The fixture's 春节 runs Friday 02-05 to Monday 02-08: the next working day is Tuesday 02-09.
    assert (answer["due"], answer["provisional"]) == ("2027-02-09", False)
    assert "2027" in client.get("/v1/meta").get_json()["calendar_digests"]


def test_an_overlay_can_replace_a_published_year(overlay):
    year = (BUNDLED / "calendar/cn/2026.toml").read_text("utf-8")
    write(overlay / "calendar/cn/2026.toml", year.replace('until = 2026-05-05', 'until = 2026-05-06'))
    loaded = schedules_module.load([overlay])
    assert "calendar/cn/2026" in loaded.layers[1].overrides
    assert not loaded.calendar.published.is_workday(__import__("datetime").date(2026, 5, 6))


# ---------------------------------------------------------------- several layers, and CALC_SCHEDULES


def test_calc_schedules_names_several_layers_and_the_higher_wins(overlay, tmp_path, monkeypatch):
    town = tmp_path / "town"
    text = (QINGSHI / "penalties/fireworks.toml").read_text("utf-8")
    write(town / "penalties/fireworks.toml", text.replace("min = 100, max = 500", "min = 100, max = 300")
          .replace("处100元以上500元以下", "处100元以上300元以下"))
    monkeypatch.setenv("CALC_SCHEDULES", os.pathsep.join([str(overlay), str(town)]))
    loaded = schedules_module.load()
    assert [layer.kind for layer in loaded.layers] == ["bundled", "overlay", "overlay"]
    assert loaded.layers[2].overrides == ("penalties/violation/fireworks.prohibited-time-place",)
    client = create_app({"TESTING": True}, loaded=loaded).test_client()
    answer = client.post("/v1/penalties/fireworks.prohibited-time-place/assess",
                         json={"act_date": "2026-02-16", "party": "individual"}).get_json()
    assert answer["bands"][0]["fine"] == {"min": 100, "max": 300}


def test_a_whole_set_first_is_the_base_and_nothing_is_bundled_beneath(tmp_path):
    base = tmp_path / "whole"
    shutil.copytree(BUNDLED, base)
    loaded = schedules_module.load([base, QINGSHI])
    assert [layer.kind for layer in loaded.layers] == ["base", "overlay"]
    assert loaded.layers[0].path == base.resolve()


# ---------------------------------------------------------------- bad overlays are refused, named


def test_a_bad_value_in_an_overlay_names_its_file_and_key(overlay):
    path = overlay / "penalties/fireworks.toml"
    path.write_text(path.read_text("utf-8").replace("min = 100, max = 500", "min = 600, max = 500"), "utf-8")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load([overlay])
    assert err.value.file == str(path.resolve())
    assert err.value.key.startswith("violation[0].version[0].bands[0]")


def test_every_bad_item_is_reported_not_only_the_first(overlay):
    text = (overlay / "events/county.toml").read_text("utf-8")
    (overlay / "events/county.toml").write_text(text.replace('BYMONTHDAY=10"', 'BYMONTHDAY=99"')
                                                 .replace('BYMONTHDAY=15"', 'BYMONTHDAY=77"'), "utf-8")
    found = schedules_module.problems([overlay])
    assert [(Path(p.file).name, p.key.split(".")[0]) for p in found] == [("county.toml", "event[0]"),
                                                                        ("county.toml", "event[1]")]


def test_an_error_below_an_override_keeps_its_position_in_its_file(tmp_path, overlay):
    base = tmp_path / "whole"
    shutil.copytree(BUNDLED, base)
    rental = base / "penalties/rental.toml"
    text = rental.read_text("utf-8")
    second = text.index('id = "rental.unreported-tenant-crime"')
    rental.write_text(text[:second] + text[second:].replace("basis =", "basis_missing =", 1), "utf-8")
    first = (BUNDLED / "penalties/rental.toml").read_text("utf-8")
    write(overlay / "penalties/rental.toml", first[:first.index("[[violation]]", first.index("[[violation]]") + 1)])
    with pytest.raises(ScheduleError) as err:
        schedules_module.load([base, overlay])
    assert err.value.file == "penalties/rental.toml"
    assert err.value.key.startswith("violation[1].")  # the file's second violation, though [0] was replaced


def test_a_duplicate_id_inside_one_overlay_is_refused(overlay):
    write(overlay / "penalties/again.toml", (QINGSHI / "penalties/fireworks.toml").read_text("utf-8"))
    with pytest.raises(ScheduleError) as err:
        schedules_module.load([overlay])
    assert "重复" in err.value.problem and err.value.key.endswith("id")


@pytest.mark.parametrize("place", ["penalty/typo.toml", "calendar/2027.toml", "notes.toml"])
def test_a_file_where_no_schedule_belongs_is_refused(overlay, place):
    write(overlay / place, "x = 1\n")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load([overlay])
    assert err.value.file == str((overlay / place).resolve()) and "不认识的位置" in err.value.problem


def test_an_empty_or_missing_overlay_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ScheduleError, match="没有任何"):
        schedules_module.load([tmp_path / "empty"])
    with pytest.raises(ScheduleError, match="不存在"):
        schedules_module.load([tmp_path / "nowhere"])


def test_create_app_refuses_a_bad_overlay_from_the_environment(overlay, monkeypatch):
    (overlay / "timelines/fireworks.toml").write_text("[[procedure]]\nid = \n", "utf-8")
    monkeypatch.setenv("CALC_SCHEDULES", str(overlay))
    with pytest.raises(ScheduleError) as err:
        create_app({"TESTING": True})
    assert err.value.file.endswith("timelines/fireworks.toml") and "TOML" in err.value.problem


# ---------------------------------------------------------------- served by gunicorn, reloaded on HUP


def test_gunicorn_serves_the_layers_and_a_hup_takes_a_new_overlay_file_only_if_it_is_good(tmp_path, overlay):
    from tests.test_hardening import Gunicorn

    with Gunicorn(tmp_path, overlay) as server:
        _, _, body = server.request("GET", "/v1/meta")
        first = json.loads(body)
        assert [(layer["kind"], layer["digest"]) for layer in first["layers"]] == [
            ("bundled", sha16(BUNDLED)), ("overlay", sha16(QINGSHI))]

        bad = write(overlay / "penalties/more.toml", "[[violation]]\nid = \"x\"\n")
        boots = server.log().count("Booting worker")
        server.hup()
        server.wait_for(lambda: "schedules reload refused" in server.log()
                        and server.log().count("Booting worker") > boots, "the refusal and a new worker")
        refused = next(x for x in server.log().splitlines() if "schedules reload refused" in x)
        assert str(bad.resolve()) in refused  # the operator's file, not the snapshot's copy
        assert server.digest() == first["schedules_digest"]

        bad.unlink()
        write(overlay / "events/more.toml", """\
            [[event]]
            id = "fire-day"
            title = "“119”消防宣传日"
            when = "11月9日"
            rrule = "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=9"
            unit = "青石县公安局"
            content = "消防安全宣传。"
            seed = "青石县公安局责任清单 三、8"
            basis = "青石县公安局责任清单 三、8"
            """)
        server.hup()
        server.wait_for(lambda: server.digest() != first["schedules_digest"], "the new digest after HUP")
        status, _, body = server.request("GET", "/v1/events/fire-day")
        assert status == 200 and json.loads(body)["id"] == "fire-day"
