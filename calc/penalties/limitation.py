"""追究时效: the last day on which an act can still be discovered and punished, by the rule in
force on the act date (治安管理处罚法 第二十五条 six months; 行政处罚法 第三十六条 two years, five
where life, health or financial security is harmed).

Counted to the corresponding day (民法典 第二百零一条、第二百零二条) and never moved for a rest day:
第二百零三条's roll forward protects a person who must act within a period; this one is the state's
time to discover the act (LAW.md, "Corrections"). So no holiday calendar is read, no year is ever
missing, and nothing is presumed: the v1 answer's `plain_end`, `provisional`, `calendar_years` and
`calendar_gap` follow from that (calc/answers/penalties.py `limitation_json`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import periods
from ..periods import Period
from ..steps import Step
from .catalogue import Penalties
from .model import Dated, Regime


@dataclass(frozen=True)
class Limitation:
    period: Period | None
    basis: str | None
    expires: dt.date | None
    steps: tuple[Step, ...]
    note: str | None
    message: str


def limitation(p: Penalties, regime: Regime, act: dt.date, harm: bool) -> Limitation:
    """The limitation of an act done on `act`; `harm`: the act harmed life, health or financial
    security, where the rule has a longer period for that (else a note says the general one holds)."""
    texts, rules = p.texts, p.rules  # rules: the counting rules of periods.toml, whose words the steps say
    rule = Regime.on(regime.limitation, act)
    if rule is None:
        return Limitation(None, None, None, (), None, texts["limitation_unknown"].say(day=act, regime=regime.title))
    period, basis, note = _period(texts, rule, harm)
    if period.unit in ("months", "years"):
        end = periods.shift_months(act, period.amount * (12 if period.unit == "years" else 1))
    else:  # a limitation in days: the day n days after the act (start not counted)
        end = act + dt.timedelta(days=period.amount)
    msg = texts["limitation_message"].say(act=act, n=period.amount, unit=rules.units[period.unit], end=end)
    return Limitation(period, basis, end, _steps(rules, act, period, basis, end), note, msg)


def _period(texts: dict, rule: Dated, harm: bool) -> tuple[Period, str, str | None]:
    """The period, its basis and the note: the harm period where there is harm and the rule has one."""
    notes = [rule.note] if rule.note else []
    if harm and rule.harm_period:
        return rule.harm_period, rule.harm_basis, "；".join(notes) or None
    if harm:
        notes.append(texts["limitation_harm_general"].say(basis=rule.basis))
    return rule.period, rule.basis, "；".join(notes) or None


def _steps(rules, act: dt.date, period: Period, basis: str, end: dt.date) -> tuple[Step, ...]:
    """The counting rules of periods.toml, each step under its rule's name there."""
    start, count, kept = rules["start_excluded"], rules[period.unit], rules["not_moved"]
    return (Step(start.text, act, start.basis.format(), "start_excluded"),
            # text and basis from the same values: periods.SPECS allows either
            Step(count.text.format(n=period.amount), end, count.basis.format(n=period.amount), period.unit),
            Step(kept.text.format(basis=basis), end, kept.basis.format(basis=basis), "not_moved"))
