"""The working-day calendar against the State Council notices, worked by hand."""
import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest

from calc import schedules as schedules_module
from calc.errors import CalendarGap, ScheduleError

D = dt.date
DATA = Path(__file__).parent / "data"


# -- 2026 notice (国办发明电〔2025〕7号) ------------------------------------------------------

def test_the_makeup_saturday_before_the_spring_festival_is_a_working_day(cal):
    day = cal.day(D(2026, 2, 14))
    assert (day.workday, day.kind, day.name) == (True, "makeup_workday", "春节")
    assert "国办发明电〔2025〕7号" in day.notice.cite


def test_a_weekend_inside_a_break_is_a_holiday_not_a_weekend(cal):
    assert cal.day(D(2026, 10, 3)).kind == "holiday"
    assert cal.day(D(2026, 10, 3)).name == "国庆节"
    assert cal.day(D(2026, 11, 28)).kind == "weekend"
    assert cal.day(D(2026, 11, 27)).kind == "workday"


def test_february_2026_has_sixteen_working_days(cal):
    # 20 weekdays, less 2/16-2/20 and 2/23 (春节), plus the make-up Saturdays 2/14 and 2/28
    assert cal.count_workdays(D(2026, 2, 1), D(2026, 2, 28)) == 16


def test_twenty_working_days_skip_the_national_day_break_and_count_the_makeup_saturday(cal):
    # 9/25 中秋 and 10/1-10/7 off, 10/10 (Sat) worked
    assert cal.add_workdays(D(2026, 9, 21), 20) == D(2026, 10, 26)


def test_a_start_on_a_holiday_makes_the_next_working_day_day_one(cal):
    assert cal.add_workdays(D(2026, 10, 3), 1) == D(2026, 10, 8)
    assert cal.add_workdays(D(2026, 2, 14), 1) == D(2026, 2, 24)


def test_backward_working_days_skip_the_break(cal):
    assert cal.add_workdays(D(2026, 10, 12), -5) == D(2026, 9, 29)
    assert cal.add_workdays(D(2026, 10, 8), -1) == D(2026, 9, 30)


def test_count_includes_both_ends(cal):
    assert cal.count_workdays(D(2026, 10, 1), D(2026, 10, 10)) == 3
    assert cal.count_workdays(D(2026, 10, 8), D(2026, 10, 8)) == 1
    assert cal.count_workdays(D(2026, 10, 9), D(2026, 10, 8)) == 0


def test_next_and_previous_working_day(cal):
    assert cal.next_workday(D(2026, 10, 1)) == D(2026, 10, 8)
    assert cal.previous_workday(D(2026, 10, 4)) == D(2026, 9, 30)
    assert cal.previous_workday(D(2026, 3, 1)) == D(2026, 2, 28)  # a make-up Saturday


def test_second_notices_of_a_year_are_kept_in_order(book):
    assert [n.number for n in book.notices[2020]] == ["国办发明电〔2019〕16号", "国办发明电〔2020〕1号"]
    assert book.published.day(D(2020, 2, 1)).kind == "holiday"  # once a make-up day, then extended
    assert book.published.day(D(2020, 2, 1)).notice.number == "国办发明电〔2020〕1号"
    assert book.published.day(D(2019, 5, 3)).notice.number == "国办发明电〔2019〕2号"
    assert book.published.day(D(2015, 9, 3)).kind == "holiday"


# -- coverage -------------------------------------------------------------------------------

def test_outside_the_published_years_is_a_calendar_gap_naming_the_year(cal):
    with pytest.raises(CalendarGap) as err:
        cal.is_workday(D(2027, 1, 4))
    assert err.value.year == 2027 and err.value.reason == "calendar_gap"
    with pytest.raises(CalendarGap) as err:
        cal.add_workdays(D(2026, 12, 28), 5)
    assert err.value.year == 2027
    with pytest.raises(CalendarGap) as err:
        cal.day(D(2003, 12, 31))
    assert err.value.year == 2003


def test_provisional_years_assume_the_statutory_holidays_and_no_makeup_days(book):
    cal = book.get(provisional=True)
    assert 2027 in cal.provisional_years and 2026 not in cal.provisional_years
    # 2027 春节 (除夕 2/5, 初一 2/6 Sat): 放假办法 four days 2/5-2/8, 2/6-2/7 made up 2/9-2/10
    assert [cal.day(D(2027, 2, d)).kind for d in (5, 8, 9, 10, 11)] == ["holiday"] * 4 + ["workday"]
    assert cal.day(D(2027, 10, 1)).kind == "holiday"
    assert cal.day(D(2027, 9, 26)).kind == "weekend"  # no 调休 is ever guessed
    assert cal.day(D(2026, 2, 14)).kind == "makeup_workday"  # published years unchanged


def test_coverage_runs_from_2004_through_2026(book):
    assert (book.first_year, book.last_year) == (2004, 2026)


# -- cross-check against independent packages ---------------------------------------------

def _explained():
    data = tomllib.loads((DATA / "calendar_crosscheck.toml").read_text("utf-8"))
    return {(d["date"], d["package"]): d for d in data["difference"]}


@pytest.mark.slow
def test_every_day_2004_2026_agrees_with_chinese_calendar_and_holidays_or_is_explained(cal):
    chinese_calendar = pytest.importorskip("chinese_calendar")
    holidays = pytest.importorskip("holidays")
    explained = _explained()
    cn = holidays.country_holidays("CN", years=range(2004, 2027))
    unexplained, used = [], set()
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        ours = cal.is_workday(day)
        for package, theirs in (("chinese-calendar", chinese_calendar.is_workday(day)),
                                ("holidays", cn.is_working_day(day))):
            if theirs != ours:
                if (day, package) in explained and explained[(day, package)]["ours"] == cal.day(day).kind:
                    used.add((day, package))
                else:
                    unexplained.append(f"{day} {package}: theirs workday={theirs}, ours={cal.day(day).kind}")
        day += dt.timedelta(days=1)
    assert unexplained == []
    assert used == set(explained), "an explained difference no longer occurs: remove it"


# -- validation at load ------------------------------------------------------------------------

@pytest.fixture()
def tree(tmp_path):
    root = tmp_path / "schedules"
    shutil.copytree(schedules_module.DEFAULT_ROOT, root)
    return root


def _edit(path: Path, old: str, new: str):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_break_outside_its_notice_year_is_refused(tree):
    _edit(tree / "calendar/cn/2026.toml", "from = 2026-05-01", "from = 2025-05-01")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load(tree)
    assert err.value.file == "calendar/cn/2026.toml" and err.value.key.endswith(".from")


def test_a_range_ending_before_it_starts_is_refused(tree):
    _edit(tree / "calendar/cn/2026.toml", "until = 2026-05-05", "until = 2026-04-30")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load(tree)
    assert err.value.key.endswith(".until")


def test_a_missing_year_breaks_coverage_and_is_refused(tree):
    (tree / "calendar/cn/2015.toml").unlink()
    with pytest.raises(ScheduleError) as err:
        schedules_module.load(tree)
    assert "2015" in str(err.value)


def test_a_year_file_must_carry_its_notice(tree):
    _edit(tree / "calendar/cn/2026.toml", "[[notice]]", "[[notes]]")
    with pytest.raises(ScheduleError) as err:
        schedules_module.load(tree)
    assert err.value.key == "notice"


def test_next_years_notice_is_one_data_file(tree):
    (tree / "calendar/cn/2027.toml").write_text(
        'year = 2027\n[[notice]]\ntitle = "国务院办公厅关于2027年部分节假日安排的通知"\n'
        '[[break]]\nname = "元旦"\nfrom = 2027-01-01\nuntil = 2027-01-03\n'
        '[[makeup]]\ndate = 2027-01-09\nfor = "元旦"\n', "utf-8")
    loaded = schedules_module.load(tree)
    assert loaded.calendar.last_year == 2027
    assert loaded.calendar.published.day(D(2027, 1, 9)).kind == "makeup_workday"
    assert loaded.calendar.published.is_workday(D(2027, 1, 4))  # a Monday after the break
