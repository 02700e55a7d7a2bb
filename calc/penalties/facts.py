"""What follows procedurally from an outcome, under the rules in force on the decision date (程序从新):
whether the penalty may be decided on the spot (当场处罚, `simplified_fact`), the fine collected on
the spot (当场收缴, `collection_fact`), and whether the party must be told of a hearing (听证,
`hearing_fact`). Each is yes | no | depends (on the penalty decided) | unknown (no rule in force),
with the rule's basis and the text that explains it (penalties/texts.toml).

当场处罚 and 当场收缴 turn on the penalty decided (calc.penalties.decisions): "yes" where every
decision the bands allow qualifies, "depends" where some do — the answer names them
(`Fact.qualifying`, and in words) — "no" where none does. A band of "拘留或者罚款" is therefore not
ruled out by its detention. Collection under 治安管理处罚法 (2012 第一百零四条, 2025 第一百二十三条)
follows any fine, however decided; under 行政处罚法 第六十八条 only a fine decided on the spot
(`Dated.after_simplified`). A ministry rule may exclude kinds of case (程序规定 第三十七条第二款:
卖淫、嫖娼、赌博、毒品): `Dated.excludes` against the violation's `case_kinds`.

The limits are the regime's data (`Regime`: schedules/penalties/procedure.toml); a lower rule's
different limit is shown beside the one that decides (`beside`).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from ..citations import in_force
from ..texts import Text
from .decisions import Decision, decisions, within
from .model import PARTIES, Dated, Fine, Regime
from .money import yuan
from .outcome import Outcome


@dataclass(frozen=True)
class Fact:
    """One procedural consequence: yes | no | depends (on the penalty decided) | unknown."""

    status: Literal["yes", "no", "depends", "unknown"]
    explanation: str
    basis: str | None
    limit: Decimal | None = None
    note: str | None = None
    beside: tuple[tuple[str, Decimal, str], ...] = ()  # (basis, limit, why it does not decide)
    code: str = ""  # the code of the text that explains it (penalties/texts.toml)
    qualifying: tuple[Decision, ...] = ()  # the decisions that qualify (yes, depends), within the limit


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


def _fact(regime: Regime, rule: Dated, out: Outcome, status: str, code: str, limit: Decimal,
          qualifying: tuple[Decision, ...] = (), floor: Decimal = Decimal(0)) -> Fact:
    """A fact whose explanation is the text `code`, with the rule's basis and its beside; the
    qualifying decisions named in words ({decision})."""
    why = regime.texts[code].say(limit=yuan(limit), floor=yuan(floor),
                                 decision=named(qualifying, regime.texts))
    return Fact(status, why, rule.basis, limit, _with_beside(rule.note, rule, out.party, regime.texts),
                _beside_of(rule, out.party), code, qualifying)


def named(qualifying: Sequence[Decision], texts: dict[str, Text]) -> str:
    """The decisions in words, joined with 或者: "警告或者500元以下罚款", "拘留并处200元以下罚款"."""
    words = []
    for d in qualifying:
        fine = None if d.fine is None else _fine_words(d.fine, texts)
        if d.detention:
            word = texts["decision_detention_and_fine"].say(fine=fine)
        elif d.warning and fine:
            word = texts["decision_warning_and_fine"].say(fine=fine)
        else:
            word = fine or texts["sanction_warning"].say()
        if word not in words:
            words.append(word)
    return texts["decision_or"].say().join(words)


def _fine_words(f: Fine, texts: dict[str, Text]) -> str:
    if f.min == f.max:
        return texts["decision_fine_exact"].say(amount=yuan(f.max))
    return f.describe(texts)


def _spot(d: Decision, limit: Decimal) -> Decision | None:
    """The decision within the on-the-spot limit (a warning, or the part of its fine at or below
    it), or None: detention and licence or business measures are never decided on the spot."""
    if d.restrictive:
        return None
    if d.fine is None:
        return d
    part = within(d.fine, limit)
    return None if part is None else Decision(warning=d.warning, fine=part)


def _excluded(rule: Dated, kinds: Sequence[str], day: dt.date) -> list[str]:
    """The kinds of case of this violation that the rule's exclusion names, where the excluding
    text is in force on the day."""
    ex = rule.excludes
    if ex is None or not ex.basis.cites or in_force(ex.basis.cites[0].law, day) is None:
        return []
    return [k for k in ex.kinds if k in kinds]


def simplified_fact(regime: Regime, out: Outcome, day: dt.date, kinds: Sequence[str] = ()) -> Fact:
    """当场处罚: "yes" where every decision the bands allow is a warning or a fine within the limit,
    "depends" where some is (named), "no" where none is or the kind of case is excluded."""
    rule = Regime.on(regime.simplified, day)
    if rule is None:
        return _unknown("simplified", day, regime)
    limit = rule.max_fine[out.party]
    excluded = _excluded(rule, kinds, day)
    if excluded:
        ex = rule.excludes
        why = regime.texts["simplified_excluded"].say(kinds="、".join(excluded))
        return Fact("no", why, ex.basis, limit, ex.note, code="simplified_excluded")
    every = [d for d in decisions(out.bands, out.party) if d.penalty]
    spot = [s for s in (_spot(d, limit) for d in every) if s is not None]
    if not every:
        return _fact(regime, rule, out, "no", "simplified_nothing", limit)
    if len(spot) == len(every) and spot == every:
        return _fact(regime, rule, out, "yes", "simplified_yes", limit, tuple(spot))
    if spot:
        code = "simplified_depends_restrictive" if any(d.restrictive for d in every) else "simplified_depends"
        return _fact(regime, rule, out, "depends", code, limit, tuple(spot))
    if any(d.restrictive for d in every):
        return _fact(regime, rule, out, "no", "simplified_restrictive", limit)
    return _fact(regime, rule, out, "no", "simplified_no", limit, floor=min(d.fine.min for d in every))


def collection_fact(regime: Regime, out: Outcome, day: dt.date, simplified: Fact) -> Fact:
    """当场收缴: "yes" where every fine the bands allow is within the limit (and, where the rule
    requires it, decided on the spot), "depends" where some is (named), "no" where none is."""
    rule = Regime.on(regime.collection, day)
    if rule is None:
        return _unknown("collection", day, regime)
    limit = rule.max_fine[out.party]
    fines = [d for d in decisions(out.bands, out.party) if d.fine is not None]
    if not rule.after_simplified:  # 治安管理处罚法: any fine, however it was decided
        return _by_fine(regime, rule, out, limit, fines, True, "collection_any")
    if simplified.status not in ("yes", "depends"):
        return _fact(regime, rule, out, "no", "collection_not_simplified", limit)
    spotted = [(d, _spot(d, simplified.limit)) for d in fines]  # 行政处罚法 第六十八条: decided on the spot
    eligible = [s for _, s in spotted if s is not None]
    return _by_fine(regime, rule, out, limit, eligible, all(s == d for d, s in spotted), "collection")


def _by_fine(regime: Regime, rule: Dated, out: Outcome, limit: Decimal, eligible: list[Decision], whole: bool,
             prefix: str) -> Fact:
    """yes where every fine is eligible (`whole`) and within `limit`, depends where some eligible
    fine may be (named, cut to the limit), else no."""
    if not eligible:
        return _fact(regime, rule, out, "no", "collection_not_simplified", limit)
    within_limit = tuple(Decision(d.detention, d.warning, part) for d in eligible
                         if (part := within(d.fine, limit)) is not None)
    if whole and all(d.fine.max <= limit for d in eligible):
        return _fact(regime, rule, out, "yes", f"{prefix}_yes", limit, within_limit)
    if within_limit:
        return _fact(regime, rule, out, "depends", f"{prefix}_depends", limit, within_limit)
    return _fact(regime, rule, out, "no", f"{prefix}_no", limit, floor=min(d.fine.min for d in eligible))


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
