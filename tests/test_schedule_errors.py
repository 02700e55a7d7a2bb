"""A schedule problem says where it is as data (issue 25, item 5): the file, the top-level table,
the item's index as the file numbers it (or a named entry), the key as a person reads it, and the
problem; `calc check` leaves out exactly that item to find the rest, without reading the key's text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from calc import schedules
from calc.errors import ScheduleError

BUNDLED = Path(__file__).resolve().parents[1] / "schedules"


def test_an_error_in_a_band_names_its_table_index_and_key(tmp_path):
    (tmp_path / "penalties").mkdir()
    (tmp_path / "penalties" / "x.toml").write_text(
        '[[violation]]\nid = "x.one"\ntitle = "t"\nauthority = "a"\nseed = "s"\nregime = "public-order"\n'
        '  [[violation.version]]\n  effective = { from = 2026-01-01 }\n'
        '  basis = [{ law = "治安管理处罚法", edition = 2025, article = 26, paragraph = 1 }]\n'
        '  bands = [{ when = "base", fine = { min = 500, max = 100 } }]\n', "utf-8")
    with pytest.raises(ScheduleError) as err:
        schedules.load([tmp_path])
    e = err.value
    assert e.file.endswith("penalties/x.toml") and e.table == "violation" and e.index == 0
    assert e.where[:4] == ("violation", 0, "version", 0) and e.key.startswith("violation[0].version[0].bands[0]")
    assert e.entry is None


def test_a_reference_to_an_unknown_text_names_the_reference(tmp_path):
    (tmp_path / "penalties").mkdir()
    (tmp_path / "penalties" / "x.toml").write_text(
        '[[violation]]\nid = "x.one"\ntitle = "t"\nauthority = "a"\nseed = "s"\nregime = "public-order"\n'
        '  [[violation.version]]\n  effective = { from = 2026-01-01 }\n'
        '  basis = [{ law = "治安管理处罚发", edition = 2025, article = 26 }]\n'
        '  bands = [{ when = "base", fine = { max = 100 } }]\n', "utf-8")
    with pytest.raises(ScheduleError) as err:
        schedules.load([tmp_path])
    e = err.value
    assert e.where == ("violation", 0, "version", 0, "basis", 0, "law")
    assert e.key == "violation[0].version[0].basis[0].law" and "是否应为 治安管理处罚法" in e.problem


def test_a_bad_named_text_is_an_entry_and_check_goes_on_past_it(tmp_path):
    root = tmp_path / "set"
    shutil.copytree(BUNDLED, root)
    texts = root / "penalties" / "texts.toml"
    body = texts.read_text("utf-8")
    texts.write_text(body.replace("[texts.late_fee_cap]\n", "[texts.late_fee_cap]\nwhat = 1\n", 1), "utf-8")
    found = schedules.problems(root)
    named = [p for p in found if p.entry == "late_fee_cap"]
    assert named and named[0].table == "texts" and named[0].index is None


def test_one_overlap_check_for_every_dated_kind_of_rule():
    # calc.effective.overlapping: rules in force on a same day, in date order; following rules pass
    import datetime as dt

    from calc.effective import Effective, overlapping

    d = dt.date
    a, b = Effective(d(2006, 3, 1), d(2025, 12, 31)), Effective(d(2026, 1, 1), None)
    assert overlapping([b, a]) is None
    c = Effective(d(2025, 12, 31), None)  # one day shared with a
    assert overlapping([c, a]) == (a, c)
    assert overlapping([Effective(d(2020, 1, 1), None), b]) is not None  # an open end overlaps what follows


def test_check_names_every_bad_item_of_an_area_in_one_pass(tmp_path, monkeypatch):
    # two bad violations and a bad procedure: each named, each area's loader run once (issue 25 item 5)
    (tmp_path / "penalties").mkdir()
    (tmp_path / "timelines").mkdir()
    bad = ('[[violation]]\nid = "x.{n}"\ntitle = "t"\nauthority = "a"\nseed = "s"\nregime = "public-order"\n'
           '  [[violation.version]]\n  effective = {{ from = 2026-01-01 }}\n'
           '  basis = [{{ law = "治安管理处罚法", edition = 2025, article = 26 }}]\n'
           '  text = "x"\n  bands = [{{ when = "base", fine = {{ min = 500, max = {max} }} }}]\n')
    (tmp_path / "penalties" / "x.toml").write_text(bad.format(n=1, max=100) + bad.format(n=2, max=1000)
                                                   + bad.format(n=3, max=200), "utf-8")
    (tmp_path / "timelines" / "x.toml").write_text(
        '[[procedure]]\nid = "x-proc"\ntitle = "t"\nstart_label = "s"\n'
        '  [[procedure.stage]]\n  id = "a"\n  authority = "x"\n  title = "t"\n  period = { amount = 5, unit = "weeks" }\n'
        '  basis = [{ law = "行政许可法", edition = 2019, article = 42 }]\n', "utf-8")
    runs = {}
    for area in ("penalties", "timelines"):
        real = schedules.REGISTRY[area]

        def counted(sources, base, real=real, area=area):
            runs[area] = runs.get(area, 0) + 1
            return real.build(sources, base)
        monkeypatch.setitem(schedules.REGISTRY, area, schedules.Area(counted, real.keys, real.layered))
    found = schedules.problems([tmp_path])
    mine = [p for p in found if p.file.endswith("x.toml")]
    assert sorted((p.table, p.index) for p in mine) == [("procedure", 0), ("violation", 0), ("violation", 2)]
    assert runs == {"penalties": 1, "timelines": 1}
