"""One case assessed (`assess`): which text applies and why (calc.penalties.choice), its bands
(calc.penalties.outcome), the general rules of its law (calc.general_rules), what follows
procedurally on the decision date (calc.penalties.facts) and until when the act can be punished
(calc.penalties.limitation). What POST /v1/penalties/{id}/assess, the page and `calc penalty` answer.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Sequence

from ..errors import InvalidInput
from ..general_rules import GeneralFact, facts as general_facts
from .catalogue import Penalties
from .choice import Choice, Severity, Switch, choose_version, switches
from .facts import Fact, collection_fact, hearing_fact, simplified_fact
from .limitation import Limitation, limitation
from .model import PARTIES, Regime, Violation
from .outcome import Outcome


@dataclass(frozen=True)
class Assessment:
    violation: Violation
    act_date: dt.date
    decision_date: dt.date
    party: str
    circumstances: tuple[str, ...]
    choice: Choice
    outcome: Outcome | None
    procedure: dict[str, Fact]
    procedure_basis: str
    limitation: Limitation
    regime: Regime
    general: tuple[GeneralFact, ...] = ()
    switches: tuple[Switch, ...] = ()
    names: dict = field(default_factory=dict, repr=False, compare=False)  # the catalogue's codes
    # what each procedural fact is where nothing is to be imposed (`procedure` is then empty)
    no_procedure: Fact | None = None


def assess(p: Penalties, vid: str, act: dt.date, decision: dt.date, party: str,
           circumstances: Sequence[str] = (), harm_to_life_health_finance: bool = False) -> Assessment:
    """The band(s) that apply to one case, the version and why, and what follows procedurally."""
    v = p.get(vid)
    _check(p, v, act, decision, party, circumstances)
    choice = choose_version(p, v, act, decision, party, circumstances)
    # the procedure of the text the penalty is imposed under; the limitation of the text of the act date
    regime, act_regime = p.regimes[v.regime_of(choice.applied)], p.regimes[v.regime_of(choice.act_version)]
    out = choice.outcome
    facts: dict[str, Fact] = {}
    general: list[GeneralFact] = []
    if out is not None and out.punishable:
        general = general_facts(p.general_rules(v), choice.applied, decision, out, circumstances,
                                Severity.of(out).lightest, p.texts)
        facts = _procedure(regime, out, decision, v.case_kinds)
    why = p.texts["procedure_applies"].say(decision=decision, regime=regime.title)
    return Assessment(v, act, decision, party, tuple(c for c in p.circumstances if c in circumstances),
                      choice, out, facts, why, limitation(p, act_regime, act, harm_to_life_health_finance), regime,
                      tuple(general), tuple(switches(p, v, act, decision, party, circumstances, choice)),
                      p.circumstances, None if facts else Fact("no", p.texts["procedure_none"].say(), None))


def _check(p: Penalties, v: Violation, act: dt.date, decision: dt.date, party: str, circumstances: Sequence[str]):
    if party not in PARTIES:
        raise InvalidInput(f"未知的当事人类别：{party}（应为 {', '.join(PARTIES)}）", field="party")
    for code in circumstances:
        if code not in p.circumstances or code == "base":
            known = ", ".join(c.code for c in p.codes(v))
            raise InvalidInput(f"未知的情形代码：{code}（该违法行为可用：{known or '无'}；"
                               f"全部代码见 GET /v1/penalties/{v.id}）", field="circumstances")
    if decision < act:
        raise InvalidInput(f"决定日 {decision} 早于行为日 {act}", field="decision_date")


def _procedure(regime: Regime, out: Outcome, decision: dt.date, kinds: Sequence[str]) -> dict[str, Fact]:
    """当场处罚, 当场收缴 and 听证, each under the rule in force on the decision date."""
    simplified = simplified_fact(regime, out, decision, kinds)
    return {"simplified": simplified, "collection": collection_fact(regime, out, decision, simplified),
            "hearing": hearing_fact(regime, out, decision)}
