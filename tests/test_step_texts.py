"""The step texts `periods` writes once and reuses (per rule, per calendar segment, per rest day):
a reused text is the text written afresh, a reload's new rules or calendar never get an old text,
and the tables stay bounded. Expected values are the freshly written texts: the same functions
(`Words.skipped`, `Words.notices`, the rules' own words) with every table empty."""
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calc import periods
from calc.citations import Template
from calc.periods import DateRange, Period, due, fast
from calc.periods.words import Words
from calc.texts import Text

D = dt.date
# Spans clustered around breaks (2025 National Day and Mid-Autumn, 2026 Spring Festival), so that many
# share a calendar segment while starting or ending at different days, inside a break too.
_windows = st.sampled_from([(D(2025, 9, 20), D(2025, 10, 12)), (D(2026, 2, 5), D(2026, 2, 28)),
                            (D(2024, 9, 25), D(2024, 10, 10))])


@st.composite
def _cases(draw):
    first, last = draw(_windows)
    start = first + dt.timedelta(days=draw(st.integers(0, (last - first).days)))
    unit = draw(st.sampled_from(["workdays", "workdays", "days", "months"]))
    amount = draw(st.integers(1, 25 if unit != "months" else 3))
    direction = draw(st.sampled_from(["after", "after", "before"]))
    duty = draw(st.sampled_from(["party", "authority"])) if direction == "before" else "party"
    pauses = ()
    if direction == "after" and draw(st.booleans()):
        p = start + dt.timedelta(days=draw(st.integers(1, 10)))
        pauses = (DateRange(p, p + dt.timedelta(days=draw(st.integers(0, 6)))),)
    extension = Period(draw(st.integers(1, 10)), unit if unit != "months" else "days") \
        if direction == "after" and draw(st.booleans()) else None
    return start, Period(amount, unit, direction, duty=duty), pauses, extension, draw(st.booleans())


def _answer(book, rules, case):
    start, period, pauses, extension, provisional = case
    return due(start, period, book, rules, pauses=pauses, extension=extension, provisional=provisional)


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(cases=st.lists(_cases(), min_size=2, max_size=12))
def test_a_reused_step_text_is_the_text_written_afresh(book, rules, cases):
    for case in cases:  # fill the tables with every case's segment, rule words and rest days
        _answer(book, rules, case)
    reused = [_answer(book, rules, case) for case in cases]
    fresh = []
    for case in cases:
        fast._REMEMBERED.clear()  # nothing to reuse: every text written by the rules themselves
        fresh.append(_answer(book, rules, case))
    assert [d.steps for d in reused] == [d.steps for d in fresh]
    assert [[s.code for s in d.steps] for d in reused] == [[s.code for s in d.steps] for d in fresh]


def test_spans_with_one_segment_share_its_texts_and_only_then(cal, rules):
    """2025-09-29 and 2025-09-30 + 10 working days both skip the whole National Day break (10-01 to
    10-08) and count the make-up day 10-11: one segment. A span starting inside the break
    (2025-10-03) is cut at 10-04: another segment, its own text."""
    counter = Words(cal, rules)
    a, b = (D(2025, 9, 29), D(2025, 10, 14)), (D(2025, 9, 30), D(2025, 10, 15))
    assert cal.segment(a[0] + dt.timedelta(1), a[1]) == cal.segment(b[0] + dt.timedelta(1), b[1])
    assert counter.skipped(*a) == counter.skipped(*b) and "10-01至10-08" in counter.skipped(*a)
    inside = (D(2025, 10, 3), D(2025, 10, 15))
    assert cal.segment(inside[0] + dt.timedelta(1), inside[1]) != cal.segment(a[0] + dt.timedelta(1), a[1])
    assert "10-04至10-08" in counter.skipped(*inside)


def test_new_rules_after_a_reload_never_get_an_old_text(book, rules):
    """A reload makes a new CountingRules: its own words, though the old ones were written for the
    very same segment a moment before."""
    start, period = D(2026, 9, 21), Period(20, "workdays")
    old = due(start, period, book, rules)
    reworded = periods.CountingRules({**rules.rules,
                                      "workdays": Text("workdays", "第{n}个工作日（改）{detail}", Template(text="{notices}")),
                                      "start_excluded": Text("start_excluded", "次日起算（改）",
                                                             Template(text="民法典 第二百零一条"))},
                                     rules.units, "another digest")
    new = due(start, period, book, reworded)
    assert new.steps[0].rule == "次日起算（改）" and new.steps[1].rule.startswith("第20个工作日（改）")
    assert due(start, period, book, rules).steps == old.steps  # and the old rules keep theirs


def test_the_tables_stay_bounded(book, rules, monkeypatch):
    monkeypatch.setattr(fast.Remembered, "SIZE", 8)
    fast._REMEMBERED.clear()
    answers = [due(D(2026, 1, 5) + dt.timedelta(days=k), Period(1 + k % 40, unit), book, rules)
               for k in range(120) for unit in ("workdays", "days")]
    tables = fast._REMEMBERED[0]
    assert len(tables.said) <= 8 and len(tables.segments) <= 2 and len(tables.rests) <= 8
    fast._REMEMBERED.clear()
    assert answers == [due(d.start, d.period, book, rules) for d in answers]  # what was dropped is written again


@pytest.fixture(autouse=True)
def _empty_tables():
    fast._REMEMBERED.clear()
    yield
    fast._REMEMBERED.clear()
