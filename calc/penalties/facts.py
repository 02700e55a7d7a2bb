"""What follows procedurally from an outcome, under the rules in force on the decision date (程序从新):
whether the penalty may be decided on the spot (当场处罚, `simplified_fact`), the fine collected on
the spot (当场收缴, `collection_fact`), and whether the party must be told of a hearing (听证,
`hearing_fact`). Each is yes | no | depends (on the amount decided) | unknown (no rule in force),
with the rule's basis and the text that explains it (penalties/texts.toml).

The limits are the regime's data (`Regime`: schedules/penalties/procedure.toml); a lower rule's
different limit is shown beside the one that decides (`beside`).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal
from dataclasses import dataclass
from decimal import Decimal

from ..texts import Text
from .model import PARTIES, Dated, Regime
from .money import yuan
from .outcome import Outcome


@dataclass(frozen=True)
class Fact:
    """One procedural consequence: yes | no | depends (on the amount decided) | unknown."""

    status: Literal["yes", "no", "depends", "unknown"]
    explanation: str
    basis: str | None
    limit: Decimal | None = None
    note: str | None = None
    beside: tuple[tuple[str, Decimal, str], ...] = ()  # (basis, limit, why it does not decide)
    code: str = ""  # the code of the text that explains it (penalties/texts.toml)


def _beside_of(rule: Dated, party: str) -> tuple:
    b = rule.beside
    return () if b is None else ((b.basis, b.max_fine[party], b.why),)


def _with_beside(note: str | None, rule: Dated, party: str, texts: dict[str, Text]) -> str | None:
    b = rule.beside
    if b is None:
        return note
    also = texts["beside"].say(basis=b.basis, party=PARTIES[party], limit=yuan(b.max_fine[party]), why=b.why)
    return "；".join(x for x in (note, also) if x)


def _unknown(what: str, day: dt.date, regime: Regime) -> Fact:
    code = f"{what}_unknown"
    return Fact("unknown", regime.texts[code].say(day=day, regime=regime.title), None, code=code)


def _fact(regime: Regime, rule: Dated, out: Outcome, status: str, code: str, amount, **values) -> Fact:
    """A fact whose explanation is the text `code`, with the rule's basis and its beside."""
    why = regime.texts[code].say(**values)
    return Fact(status, why, rule.basis, amount, _with_beside(rule.note, rule, out.party, regime.texts),
                _beside_of(rule, out.party), code)


def _by_amount(out: Outcome, limit: Decimal, what: str) -> tuple[str, str]:
    """yes where every fine the outcome allows is within `limit`, depends where only some are,
    else no: (status, the code of `what`'s text)."""
    if out.fine is None or out.fine.max <= limit:
        return "yes", f"{what}_yes"
    if out.fine_floor <= limit:
        return "depends", f"{what}_depends"
    return "no", f"{what}_no"


def simplified_fact(regime: Regime, out: Outcome, day: dt.date) -> Fact:
    rule = Regime.on(regime.simplified, day)
    if rule is None:
        return _unknown("simplified", day, regime)
    limit = rule.max_fine[out.party]
    if out.detention_max or out.licence or out.suspension:
        status, code = "no", "simplified_restrictive"
    elif not out.bands or (out.fine is None and not out.warning_possible):
        status, code = "no", "simplified_nothing"
    else:
        status, code = _by_amount(out, limit, "simplified")
    return _fact(regime, rule, out, status, code, limit, limit=yuan(limit), floor=yuan(out.fine_floor))


def collection_fact(regime: Regime, out: Outcome, day: dt.date, simplified: Fact) -> Fact:
    rule = Regime.on(regime.collection, day)
    if rule is None:
        return _unknown("collection", day, regime)
    limit = rule.max_fine[out.party]
    if out.fine is None or simplified.status in ("no", "unknown"):
        status, code = "no", "collection_not_simplified"
    else:
        status, code = _by_amount(out, limit, "collection")
    return _fact(regime, rule, out, status, code, limit, limit=yuan(limit), floor=yuan(out.fine_floor))


def hearing_fact(regime: Regime, out: Outcome, day: dt.date) -> Fact:
    rule = Regime.on(regime.hearing, day)
    if rule is None:
        return _unknown("hearing", day, regime)
    measure = _heard_measure(rule, out)
    if rule.local and rule.min_fine is None and measure is None:
        return _local_hearing(regime, rule, out)
    limit = rule.min_fine[out.party] if rule.min_fine else None
    status, code, words = ("yes", *measure) if measure else (*_hearing_by_fine(out, limit), "")
    why = regime.texts[code].say(measure=words, limit="" if limit is None else yuan(limit))
    return Fact(status, why, rule.basis, limit, rule.note, code=code)


def _heard_measure(rule: Dated, out: Outcome) -> tuple[str, str] | None:
    """A measure of the outcome that the rule always hears (吊销许可证件, 责令停产停业): (the code of
    its text, the measure in words)."""
    if out.licence and rule.licence:
        return "hearing_licence", out.licence.describe()
    if out.suspension and rule.suspension:
        return "hearing_suspension", out.suspension
    return None


def _hearing_by_fine(out: Outcome, limit: Decimal) -> tuple[str, str]:
    """A fine at or above the rule's amount is heard (较大数额罚款): certainly where the least fine
    reaches it, possibly where only the largest does."""
    fine = out.fine
    if fine is not None and out.fine_floor >= limit:
        return "yes", "hearing_yes"
    if fine is not None and fine.max >= limit:
        return "depends", "hearing_depends"
    return "no", "hearing_no"


def _local_hearing(regime: Regime, rule: Dated, out: Outcome) -> Fact:
    """Where the fine rests on a local regulation or rule, the local amount decides (程序规定
    第一百二十三条第二款), which the schedules do not hold: the answer says so."""
    code = "hearing_local_no_fine" if out.fine is None else "hearing_local"
    return Fact("no" if out.fine is None else "depends", regime.texts[code].say(), rule.basis, None, rule.note,
                code=code)
