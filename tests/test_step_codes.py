"""Every step carries the machine code of its rule, and the calculator decides by codes, never by
a rule's wording: an editor may reword any text in schedules/periods.toml or the timeline texts
without changing a single date (issue 14, item 6)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from calc import periods, timelines
from calc.errors import DomainError
from tests.timeline_inputs import estimate_with

START = dt.date(2026, 3, 2)  # a Monday, far from the Spring Festival; 2026 is published
MOMENT = dt.datetime(2026, 3, 2, 9, 30)


def _estimate(schedules, rules, pid, start_kind=None, **kw):
    proc = schedules.timelines.get(pid)
    hours = proc.versions[-1].hours
    start = MOMENT if hours else START
    return estimate_with(schedules.timelines, pid, start, schedules.calendar, rules, **kw)


def _codes_known(schedules):
    return {*periods.RULE_NAMES, *schedules.timelines.texts}


def test_every_step_of_every_procedure_names_its_rule(schedules):
    known = _codes_known(schedules)
    counted = 0
    for pid, proc in schedules.timelines.procedures.items():
        wanted = {s.id: True for s in proc.versions[-1].stages if s.extension or s.renewals}
        for extensions in ({}, wanted):
            try:
                t = _estimate(schedules, schedules.rules, pid, extensions=extensions)
            except DomainError:
                continue  # a procedure that needs an event date or a variant: not this test's point
            for stage in t.stages:
                for s in stage.steps:
                    assert s.code in known, (pid, stage.stage.id, s)
                    counted += 1
    assert counted > 300  # the walk reached the procedures (44 of them, most with several steps)


@pytest.mark.parametrize("unit,direction,extra", [
    ("workdays", "after", {}), ("days", "after", {}), ("months", "after", {}), ("years", "after", {}),
    ("days", "before", {}), ("days", "after", {"pauses": [periods.DateRange(dt.date(2026, 3, 5), dt.date(2026, 3, 9))]}),
    ("workdays", "after", {"extension": periods.Period(10, "workdays")}),
])
def test_every_deadline_step_names_its_rule(book, rules, unit, direction, extra):
    d = periods.due(dt.date(2026, 9, 25), periods.Period(1 if unit == "years" else 3, unit, direction), book, rules,
                    provisional=True, **extra)
    assert d.steps and all(s.code in periods.RULE_NAMES for s in d.steps), d.steps


def _reworded(rules: periods.CountingRules) -> periods.CountingRules:
    """The same rules with every text reworded (the basis kept): what a county editor might do."""
    texts = {k: dataclasses.replace(r, text="【改写】" + r.text) for k, r in rules.rules.items()}
    return dataclasses.replace(rules, rules=texts)


def test_rewording_the_counting_rules_changes_words_not_dates(schedules):
    rules = schedules.rules
    other = _reworded(rules)
    # public-order-case under the 2025 text: 第一百一十八条第一款, 30 days extended twice by 30
    # (延长以二次为限); the second extension runs on from the first without a second 起算日不计入.
    # detox-rehabilitation: a term (措施的期间) that does not restrict liberty, whose 不顺延 step
    # is the term's own text (texts.term), found by code whatever no_roll's words are.
    for pid, extensions in (("public-order-case", {"decision": 60}), ("detox-rehabilitation", {})):
        a = _estimate(schedules, rules, pid, extensions=extensions)
        b = _estimate(schedules, other, pid, extensions=extensions)
        assert [s.due for s in a.stages] == [s.due for s in b.stages]
        for sa, sb in zip(a.stages, b.stages):
            assert [x.code for x in sa.steps] == [x.code for x in sb.steps]
            assert [x.basis for x in sa.steps] == [x.basis for x in sb.steps]
            assert sum(x.code == "start_excluded" for x in sb.steps) <= 1
            if sa.stage.kind == "term" and not sa.stage.restricts_liberty:
                assert "no_roll" not in [x.code for x in sb.steps] and "term" in [x.code for x in sb.steps]
    decision = _estimate(schedules, other, "public-order-case", extensions={"decision": 60}).stages[0]
    codes = [x.code for x in decision.steps]
    assert codes.count("extension") == 2 and codes.count("start_excluded") == 1, codes
    assert all(x.rule.startswith("【改写】") for x in decision.steps if x.code in periods.RULE_NAMES)


def test_an_hour_period_ends_on_the_clock_and_refuses_beyond_the_range():
    # 12 hours from 2026-09-30 20:00 (the eve of 国庆节) end at 2026-10-01 08:00: never moved.
    assert periods.hours_after(dt.datetime(2026, 9, 30, 20, 0), 12) == dt.datetime(2026, 10, 1, 8, 0)
    with pytest.raises(DomainError):
        periods.hours_after(dt.datetime(2200, 12, 31, 20, 0), 12)


@pytest.mark.parametrize("total,each,expected", [(60, 30, [30, 30]), (45, 30, [30, 15]), (10, 30, [10]),
                                                 (0, 30, [])])
def test_an_extension_is_granted_in_instalments_of_at_most_each(total, each, expected):
    assert periods.instalments(total, each) == expected


def _tree(tmp_path):
    import shutil
    from calc import schedules as schedules_module
    root = tmp_path / "schedules"
    shutil.copytree(schedules_module.DEFAULT_ROOT, root)
    return root


def test_a_note_is_worded_by_the_data(tmp_path):
    """A timeline note's words come from schedules/timelines/texts.toml [notes.*]: rewording one
    changes the answer's words, not its dates; a note the code needs and the data lacks stops
    the load with the file and what is missing."""
    from calc import schedules as schedules_module
    from calc.errors import ScheduleError
    root = _tree(tmp_path)
    path = root / "timelines/texts.toml"
    text = path.read_text("utf-8")
    old = 'text = "按{day}施行的{label}计算"'
    assert old in text
    path.write_text(text.replace(old, 'text = "依{label}（{day}施行）计算"'), "utf-8")
    s = schedules_module.load(root)
    # public-order-case has two versions, so its answer says which one it counted by (2026: the 2025 text).
    t = timelines.estimate(s.timelines, "public-order-case", START, s.calendar, s.rules)
    version = next(n for n in t.notes if n.code == "version")
    assert version.text == "依治安管理处罚法（2025年修订）（2026-03-02施行）计算"
    path.write_text(text.replace("[notes.renewal_until]", "[notes.renewal_untill]"), "utf-8")
    with pytest.raises(ScheduleError) as refused:
        schedules_module.load(root)
    assert refused.value.file == "timelines/texts.toml" and "renewal_untill" in str(refused.value)


def test_a_misspelt_placeholder_in_a_counting_rule_stops_the_load(tmp_path):
    # periods.toml [roll_forward] says why the last day is a rest day with {why}; {whyy} would
    # fail the first answer that rolls a day (a 500) if the load did not refuse it.
    from calc import schedules as schedules_module
    from calc.errors import ScheduleError
    root = _tree(tmp_path)
    path = root / "periods.toml"
    text = path.read_text("utf-8")
    assert "（{why}）" in text
    path.write_text(text.replace("（{why}）", "（{whyy}）", 1), "utf-8")
    with pytest.raises(ScheduleError) as refused:
        schedules_module.load(root)
    err = refused.value
    assert err.file == "periods.toml" and err.key == "roll_forward.text"
    assert "未知的占位符 {whyy}（可用：why）；是否应为 {why}？" in err.problem


def test_calc_check_names_every_bad_text_of_an_area_not_only_the_first(tmp_path):
    # Two misspelt placeholders in two timeline texts, and a misspelt note code: each is named
    # with its file and key, and the texts left without a usable entry are said once.
    from calc import schedules as schedules_module
    root = _tree(tmp_path)
    path = root / "timelines/texts.toml"
    text = path.read_text("utf-8")
    for old, new in (("{what}：措施或资格的期间", "{whta}：措施或资格的期间"), ("当场办理：{title}", "当场办理：{titel}"),
                     ("[notes.national_summary]", "[notes.national_sumary]")):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    found = {(p.file, p.key) for p in schedules_module.problems([root])}
    assert {("timelines/texts.toml", "texts.term.text"), ("timelines/texts.toml", "texts.on_the_spot.text"),
            ("timelines/texts.toml", "notes.national_sumary")} <= found, found


def test_a_timeline_text_may_use_every_placeholder_it_declares_in_its_text_and_its_basis(tmp_path):
    # The load accepts any declared placeholder in either key, so each answer must fill them all
    # in both: a county writing {basis} into on_the_spot's text once made that stage a 500.
    from calc import schedules as schedules_module
    root = _tree(tmp_path)
    lines = []
    for code, spec in timelines.TEXTS.items():
        every = "".join("{" + f + "}" for f in spec.fields)
        lines += [f"[texts.{code}]", f'text = "全：{every}"', f'basis = "据：{every}"', ""]
    for code, spec in timelines.NOTES.items():
        lines += [f"[notes.{code}]", 'text = "注：' + "".join("{" + f + "}" for f in spec.fields) + '"', ""]
    (root / "timelines/texts.toml").write_text("\n".join(lines), "utf-8")
    (root / "timelines/custody-texts.toml").write_text("", "utf-8")
    s = schedules_module.load(root)
    said = set()
    for pid, proc in s.timelines.procedures.items():
        wanted = {st.id: True for st in proc.versions[-1].stages if st.extension or st.renewals}
        try:
            t = _estimate(s, s.rules, pid, extensions=wanted)
        except DomainError:
            continue
        said |= {x.code for stage in t.stages for x in stage.steps if x.rule.startswith("全：")}
        # an earlier version's own stages too (issue 26: the on-the-spot commitment of the internet-café
        # regulation is in its 2022 text only), each walked from the day it took effect
        for v in proc.versions[:-1]:
            if v.first is None or v.first.year < 2004:
                continue
            start = dt.datetime.combine(v.first, dt.time(9, 30)) if proc.versions[-1].hours else v.first
            try:
                t = estimate_with(s.timelines, pid, start, s.calendar, s.rules)
            except DomainError:
                continue
            said |= {x.code for stage in t.stages for x in stage.steps if x.rule.startswith("全：")}
    # every step text the walk reaches (duration and restart need a caller's input; earliest is said by no step)
    assert {"hours", "hours_plain", "term", "on_the_spot", "prerequisite", "none", "renewal", "window"} <= said, said
