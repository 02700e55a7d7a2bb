"""What the steps of a count say: a rule's words and basis (schedules/periods.toml) filled in with
the count's values, which breaks a working-day count skipped and which notices it rests on, why a
day is a rest day. Written afresh each time they are asked for; `calc.periods.fast.Remembered`
writes each once per calendar and rules and gives the same words after that.
"""
from __future__ import annotations

import datetime as dt

from ..citations import Basis, join, literal
from ..steps import Step
from ..workcal import HOLIDAY, WorkCalendar
from .rules import CountingRules

NO_NOTICE = literal("期间内无节假日调整，按周一至周五计算")
_WEEKDAYS = "一二三四五六日"


class Words:
    """The words of one calendar and one set of counting rules. Each method gives a step's
    (text, basis); the arguments are what the words depend on and nothing more."""

    def __init__(self, cal: WorkCalendar, rules: CountingRules):
        self.cal, self.rules = cal, rules

    def rule(self, name: str, /, **values) -> tuple[str, Basis]:
        """Rule `name`'s text and basis with `values` filled in."""
        r = self.rules.rules[name]
        return r.say(**values), r.cite(**values)

    def plain(self, name: str) -> tuple[str, Basis]:
        """A rule that fills in nothing (起算日不计入, 不顺延)."""
        return self.rule(name)

    def unit(self, unit: str, n: int) -> tuple[str, Basis]:
        """n days, months or years counted (民法典 第二百零一条、第二百零二条)."""
        return self.rule(unit, n=n)

    def workdays(self, n: int, start: dt.date, end: dt.date) -> tuple[str, Basis]:
        """n working days counted after `start` to `end`: the breaks skipped and the make-up days
        counted, citing the State Council notices that set them."""
        return self.rule("workdays", n=n, notices=self.notices(start, end), detail=self.skipped(start, end))

    def rest(self, name: str, day: dt.date) -> tuple[str, Basis]:
        """A rule about a rest day (`roll_forward`, `roll_back`, `not_last_day`, `authority_strict`)."""
        return self.rule(name, why=self.why_rest(day))

    def step(self, said: tuple[str, Basis], day: dt.date | None, code: str) -> Step:
        return Step(said[0], day, said[1], code)

    def why_rest(self, day: dt.date) -> str:
        info = self.cal.day(day)
        if info.kind == HOLIDAY:
            return f"{day.isoformat()} {info.name}"
        return f"{day.isoformat()} 星期{_WEEKDAYS[day.weekday()]}"

    def skipped(self, start: dt.date, end: dt.date) -> str:
        """Which breaks were skipped and which make-up days counted, for a person checking by hand."""
        first = start + dt.timedelta(days=1)
        parts = [f"{b.name} {_month_day(max(b.first, first))}至{_month_day(min(b.last, end))}"
                 for b in self.cal.breaks_within(first, end)]
        made = [_month_day(m.date) for m in self.cal.makeups_within(first, end)]
        text = ("；跳过节假日：" + "、".join(parts)) if parts else ""
        text += ("；计入调休上班日：" + "、".join(made)) if made else ""
        return f"（{text[1:]}）" if text else ""

    def notices(self, start: dt.date, end: dt.date) -> Basis:
        notices = self.cal.notices_within(start + dt.timedelta(days=1), end)
        if not notices:
            return NO_NOTICE
        return join(*(n.cite for n in notices))


def _month_day(day: dt.date) -> str:
    """MM-DD without strftime, which took a tenth of a single request's time."""
    return f"{day.month:02d}-{day.day:02d}"
