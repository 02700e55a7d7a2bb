"""Every kind of table in schedules/ declares its keys (issue 14, item 3): a key no loader reads is
refused with the file, the key and the keys that table may have, and `calc check`,
`schedules.problems()` and start-up report every problem of every file at once.

Why it matters, from the law: 行政许可法 第四十二条第一款 gives the licensing authority 20 working
days, "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日". A misspelt `extention` in
timelines/licensing.toml used to load with "schedules ok" and drop those 10 days without a word.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from calc import nodes, schedules
from calc.api import create_app
from calc.errors import ScheduleError, UnknownKey

ROOT = schedules.DEFAULT_ROOT


@pytest.fixture()
def tree(tmp_path):
    root = tmp_path / "schedules"
    shutil.copytree(ROOT, root)
    return root


def edit(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text("utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}: update this test to the data"
    path.write_text(text.replace(old, new, count), "utf-8")


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calc.cli", "--schedules", str(root), "check"],
                          capture_output=True, text=True, timeout=120)


def test_a_misspelt_extension_is_refused_with_file_key_and_the_known_keys(tree):
    # The decision stage (第二个 [[procedure.stage]] of the licence procedure) carries the extension.
    edit(tree / "timelines/licensing.toml", "  extension = { amount = 10,", "  extention = { amount = 10,")
    with pytest.raises(UnknownKey) as refused:
        schedules.load(tree)
    err = refused.value
    assert err.file == "timelines/licensing.toml"
    assert err.key == "procedure[0].stage[1].extention"
    assert err.problem.startswith("未知的键：extention（可用的键：")
    assert "extension" in err.known and "是否应为 extension？" in err.problem
    done = check(tree)
    assert done.returncode == 1 and "schedules ok" not in done.stdout
    assert str(err) in done.stderr


def test_an_extra_rrul_beside_the_rrule_is_refused(tree):
    edit(tree / "events/publicity.toml", 'rrule = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10"',
         'rrule = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10"\nrrul = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=11"')
    with pytest.raises(UnknownKey) as refused:
        schedules.load(tree)
    assert (refused.value.file, refused.value.key) == ("events/publicity.toml", "event[0].rrul")
    assert "是否应为 rrule？" in refused.value.problem


def test_a_misspelt_rrule_is_reported_both_as_missing_and_as_unknown(tree):
    edit(tree / "events/publicity.toml", 'rrule = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10"',
         'rrul = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10"')
    found = {(p.file, p.key) for p in schedules.problems(tree)}
    assert ("events/publicity.toml", "event[0].rrule") in found  # 缺少此项: what the loader says first
    assert ("events/publicity.toml", "event[0].rrul") in found  # and why: the key it did not know


def test_two_problems_in_two_areas_are_reported_together_everywhere(tree):
    edit(tree / "timelines/licensing.toml", "  extension = { amount = 10,", "  extention = { amount = 10,")
    edit(tree / "inspections/regimes.toml", 'window = "quarter"', 'window = "fortnight"')
    expected = [("timelines/licensing.toml", r"procedure\[0\]\.stage\[1\]\.extention"),
                ("inspections/regimes.toml", r"regime\[\d+\]\.requirement\[\d+\]\.window")]

    def named(problems) -> bool:
        return all(any(p.file == f and re.fullmatch(k, p.key) for p in problems) for f, k in expected)

    assert named(schedules.problems(tree))
    with pytest.raises(ScheduleError) as refused:  # start-up: the first raised, every one attached
        create_app({"SCHEDULES_DIR": str(tree)})
    assert named(refused.value.problems)
    notes = "\n".join(refused.value.__notes__)  # what the start-up traceback prints under the error
    assert "procedure[0].stage[1].extention" in notes and "fortnight" in notes
    done = check(tree)
    assert done.returncode == 1
    assert "procedure[0].stage[1].extention" in done.stderr and "fortnight" in done.stderr


def test_every_problem_of_one_file_is_reported(tree):
    # Two misspellings in one file, one in a whole file: three problems, not the first one only.
    edit(tree / "timelines/licensing.toml", "  extension = { amount = 10,", "  extention = { amount = 10,")
    edit(tree / "timelines/licensing.toml", 'start_label = "收到申请材料之日"', 'start_lable = "收到申请材料之日"')
    edit(tree / "periods.toml", "[units]", "[unit]")
    keys = {(p.file, p.key) for p in schedules.problems(tree)}
    assert {("timelines/licensing.toml", "procedure[0].stage[1].extention"),
            ("timelines/licensing.toml", "procedure[0].start_lable"),
            ("periods.toml", "unit")} <= keys


def test_the_whole_files_and_calendar_years_check_their_keys(tree):
    edit(tree / "calendar/provisional.toml", "until_year = 2100", "until_year = 2100\nuntill_year = 2101")
    edit(tree / "calendar/cn/2026.toml", "name = \"元旦\"", "name = \"元旦\"\nnotise = 1")
    keys = {(p.file, p.key) for p in schedules.problems(tree)}
    assert {("calendar/provisional.toml", "untill_year"), ("calendar/cn/2026.toml", "break[0].notise")} <= keys


def test_the_texts_of_inspection_answers_check_their_keys_and_that_none_is_missing(tree):
    # What a plan says is data (inspections/texts.toml): a misspelt key, a text no answer uses and a
    # text taken out each stop start-up with the file and the key.
    edit(tree / "inspections/texts.toml", '[texts.min_units]\ntext =', '[texts.min_units]\ntxt =')
    edit(tree / "inspections/texts.toml", "[texts.no_workday]", "[texts.no_workdays]")
    edit(tree / "inspections/texts.toml", 'weekend = "周末"\n', "")
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    found = {(p.file, p.key): p.problem for p in refused.value.problems}
    assert "未知的键：txt" in found[("inspections/texts.toml", "texts.min_units.txt")]
    # one text model for every area (calc.texts.load): an unknown code has the one wording of all areas
    assert "未知的文字代码：no_workdays" in found[("inspections/texts.toml", "texts.no_workdays")]
    done = check(tree)
    assert done.returncode == 1 and "texts.min_units.txt" in done.stderr and "texts.no_workdays" in done.stderr


def test_a_missing_inspection_text_is_named(tree):
    edit(tree / "inspections/texts.toml", '[words]\n', '[words]\nweekends = "周末"\n')
    edit(tree / "inspections/texts.toml", 'weekend = "周末"\n', "")
    found = {(p.file, p.key): p.problem for p in schedules.problems(tree)}
    assert "words.weekend" in found[("inspections/regimes.toml", "(文件)")]  # the area's first file
    assert "是否应为 weekend？" in found[("inspections/texts.toml", "words.weekends")]


def test_the_calendar_texts_check_their_keys_and_placeholders(tree):
    # calendar/texts.toml: what a calendar_gap refusal and the iCalendar exports say.
    edit(tree / "calendar/texts.toml", 'holiday = "{name} 放假"', 'holliday = "{name} 放假"')
    edit(tree / "calendar/texts.toml", 'missing = "{year}年', 'missing = "{yaer}年')
    found = {(p.file, p.key): p.problem for p in schedules.problems(tree)}
    assert "是否应为 holiday？" in found[("calendar/texts.toml", "ics.holliday")]
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    keys = {(p.file, p.key) for p in refused.value.problems}
    assert ("calendar/texts.toml", "ics.holliday") in keys
    assert ("calendar/texts.toml", "ics.holiday") in keys or ("calendar/texts.toml", "missing") in keys
    done = check(tree)
    assert done.returncode == 1 and "ics.holliday" in done.stderr


def test_a_text_with_a_misspelt_placeholder_stops_start_up(tree):
    edit(tree / "calendar/texts.toml", 'missing = "{year}年', 'missing = "{yaer}年')
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    assert (refused.value.file, refused.value.key) == ("calendar/texts.toml", "missing")
    assert "未知的占位符 {yaer}（可用：year）" in refused.value.problem


def test_the_calendar_texts_file_is_required(tree):
    (tree / "calendar/texts.toml").unlink()
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    assert refused.value.file.endswith("calendar/texts.toml") and refused.value.problem == "缺少此文件"


def test_an_overlay_file_is_checked_by_its_full_path(tmp_path):
    county = tmp_path / "county"
    (county / "events").mkdir(parents=True)
    (county / "events" / "local.toml").write_text(
        '[[service]]\nid = "x-desk"\ntitle = "窗口"\nunit = "户政"\ncontent = "办证"\nseed = "made up"\n'
        'basis = "made up"\nopening = "9:00"\n', "utf-8")
    with pytest.raises(UnknownKey) as refused:
        schedules.load([county])
    assert refused.value.file == str(county / "events" / "local.toml") and refused.value.key == "service[0].opening"


# -- the declarations match the loaders ---------------------------------------------------------

def _keys_at(keys, path: str):
    """The Keys that declare the table at `path` (indices dropped), or None if undeclared."""
    for part in [p for p in re.sub(r"\[\d+\]", "", path).split(".") if p]:
        if isinstance(keys, nodes.Free):
            return keys
        if isinstance(keys, nodes.Named):
            keys = keys.keys
            continue
        if part not in keys.tables:
            return None
        keys = keys.tables[part]
    return keys


def test_every_key_a_loader_reads_is_declared(monkeypatch):
    """Run the loaders on the bundled set and the made-up county, recording each key they ask a
    table for (present or not): a key read but not declared would be refused in a file that has
    it; a declared key no loader reads would be accepted and ignored, the bug this is about."""
    read: set[tuple[str, str, str]] = set()
    original = nodes.Node.get, nodes.Node.has, nodes.Node.child, nodes.Node.children

    def recording(method):
        def wrapper(self, key, *args, **kwargs):
            read.add((schedules._place(_relative(self.source.name)), re.sub(r"\[\d+\]", "", self.key), key))
            return method(self, key, *args, **kwargs)
        return wrapper

    for name, method in zip(("get", "has", "child", "children"), original):
        monkeypatch.setattr(nodes.Node, name, recording(method))
    schedules.load([Path(__file__).parent / "data" / "overlays" / "qingshi"])
    undeclared = sorted((place, path, key) for place, path, key in read
                        if not isinstance(at := _keys_at(schedules.FILE_KEYS[place], path), (nodes.Free, nodes.Named))
                        and (at is None or key not in at.known))
    assert undeclared == []
    declared = set()

    def walk(place, keys, path):
        if isinstance(keys, nodes.Free):
            return
        if isinstance(keys, nodes.Named):
            keys = keys.keys
            path = f"{path}.*" if path else "*"
        for key in keys.known:
            declared.add((place, path, key))
            # A basis is one kind of table wherever it stands (nodes.BASIS, read by Node.cite for
            # every reference): its keys are declared once, and not every place uses each of them.
            if key in keys.tables and keys.tables[key] is not nodes.BASIS:
                walk(place, keys.tables[key], f"{path}.{key}" if path else key)

    for place, keys in schedules.FILE_KEYS.items():
        walk(place, keys, "")
    seen = {(place, re.sub(r"^texts\.\w+", "texts.*", path), key) for place, path, key in read}
    visited = {(place, path) for place, path, _ in seen}  # a table absent from every file proves nothing
    never_read = sorted(d for d in declared - seen - NOT_READ if d[:2] in visited)
    assert never_read == [], "\n".join(map(str, never_read))


# Declared but read by no loader on purpose (each says why where it is declared).
# penalties.loader._per_party looks at a fine's party names in the data itself, before reading them
# (and no bundled band has one fine per party). [version_choice] `text` quotes 行政处罚法 第三十七条
# for the reader of the file (tests/test_law_texts.py checks it verbatim); no answer says it.
NOT_READ = {("calendar", "notice", "posted"),
            ("penalties", "violation.version.bands.fine", "individual"),
            ("penalties", "violation.version.bands.fine", "organization"),
            ("penalties", "version_choice", "text")}


def _relative(name: str) -> str:
    """A bundled file's name is relative already; an overlay's is its full path."""
    parts = Path(name).parts
    for i in range(len(parts)):
        rel = "/".join(parts[i:])
        if schedules._place(rel):
            return rel
    return name


# -- the words of penalty answers (penalties/texts.toml) ------------------------------------------

def test_a_misspelt_text_code_is_refused_with_file_key_and_the_known_codes(tree):
    edit(tree / "penalties/texts.toml", "[texts.late_fee_cap]", "[texts.late_fee_capp]")
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    err = refused.value
    assert (err.file, err.key) == ("penalties/texts.toml", "texts.late_fee_capp")
    assert err.problem.startswith("未知的文字代码：late_fee_capp（可用：") and "late_fee_cap" in err.problem
    found = {(p.file, p.key) for p in schedules.problems(tree)}
    assert ("penalties/texts.toml", "texts.late_fee_capp") in found
    done = check(tree)
    assert done.returncode == 1 and "texts.late_fee_capp" in done.stderr


def test_a_misspelt_placeholder_stops_start_up_not_the_first_answer(tree):
    # the cap's text may use {cap} (and {basis}); {capp} would fail the first capped late fee
    edit(tree / "penalties/texts.toml", "以 {cap} 元为限", "以 {capp} 元为限")
    with pytest.raises(ScheduleError) as refused:
        create_app({"SCHEDULES_DIR": str(tree)})
    err = refused.value
    assert (err.file, err.key) == ("penalties/texts.toml", "texts.late_fee_cap.text")
    assert "未知的占位符 {capp}" in err.problem and "{cap}" in err.problem


def test_a_missing_text_is_refused(tree):
    edit(tree / "penalties/texts.toml", '[texts.hearing_yes]\ntext = "罚款不低于{limit}元，应告知当事人有权要求听证"\n', "")
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    assert refused.value.key == "texts" and "缺少文字 texts.hearing_yes" in refused.value.problem


def test_an_unknown_key_in_a_text_is_refused_and_the_text_it_was_meant_for_is_missing(tree):
    edit(tree / "penalties/texts.toml", '[texts.late_fee_rounded]\ntext', '[texts.late_fee_rounded]\ntxt')
    found = {(p.key, p.problem.split("：")[0]) for p in schedules.problems(tree)}
    assert {("texts.late_fee_rounded.txt", "未知的键"), ("texts.late_fee_rounded.text", "缺少此项")} <= found


def test_a_text_that_takes_its_basis_from_the_rule_may_not_cite_one(tree):
    # hearing facts cite the hearing rule of the regime (程序规定 第一百二十三条 …), not their sentence
    edit(tree / "penalties/texts.toml", '[texts.hearing_no]\n', '[texts.hearing_no]\nbasis = "行政处罚法（2021） 第六十三条"\n')
    with pytest.raises(ScheduleError) as refused:
        schedules.load(tree)
    assert (refused.value.key, refused.value.problem) == ("texts.hearing_no.basis",
                                                          "此文字没有此项（依据来自所适用规则的数据）")


def test_a_bad_text_and_a_bad_band_in_the_same_area_are_both_reported(tree):
    edit(tree / "penalties/texts.toml", "以 {cap} 元为限", "以 {capp} 元为限")
    edit(tree / "penalties/zhian-1.toml", "fine = { max = 200 } }", "fine = { max = 0 } }")  # 上限 0: refused
    found = {(p.file, p.key) for p in schedules.problems(tree)}
    assert ("penalties/texts.toml", "texts.late_fee_cap.text") in found
    assert any(f == "penalties/zhian-1.toml" and k.endswith(".fine.max") for f, k in found), found
