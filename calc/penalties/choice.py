"""Which text applies (从旧兼从轻, 行政处罚法 第三十七条): the rule in force on the act date, unless
the rule in force on the decision date punishes less (`lighter`) or no longer punishes the act.

"Less" is defined once: `Severity` weighs an outcome (the heaviest it allows, then the lightest it
requires, `Degree` field by field); `compare` says which aspect decided and `choose_version` says
why, in the words of penalties/texts.toml. `switches` tells the officer which circumstance, ticked
or unticked, would make the other text apply.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Sequence

from ..citations import join
from ..errors import InvalidInput
from ..texts import Text
from .catalogue import Penalties
from .model import Band, Elsewhere, Version, Violation
from .money import yuan
from .outcome import Outcome, select


@dataclass(frozen=True, order=True)
class Degree:
    """One outcome a version allows, as heavy as it is, compared field by field in this order
    (行政处罚法 第九条 and 治安管理处罚法 第十条 list the kinds; detention restricts liberty and is
    heavier than any fine): days of detention; the fine that comes with detention (a fine added
    to detention makes it heavier); licence revocation; business suspension; the fine alone;
    and last whether more than a warning is given."""

    detention: int = 0
    added_fine: Decimal = Decimal(0)
    licence: int = 0
    suspension: int = 0
    fine: Decimal = Decimal(0)
    no_warning: int = 0

    def merge(self, other: "Degree") -> "Degree":
        """Bands given together (the base band and an added one) impose both."""
        return Degree(max(self.detention, other.detention), max(self.added_fine, other.added_fine),
                      max(self.licence, other.licence), max(self.suspension, other.suspension),
                      max(self.fine, other.fine), max(self.no_warning, other.no_warning))

    def astuple(self) -> tuple:
        return (self.detention, self.added_fine, self.licence, self.suspension, self.fine, self.no_warning)


# Degree's fields in its order: (field, what the comparison calls it, how its value is written).
ASPECTS = (("detention", "拘留日数", "days"), ("added_fine", "与拘留并处的罚款", "added"),
           ("licence", "吊销许可证件", "has"), ("suspension", "责令停业整顿", "has"), ("fine", "罚款数额", "yuan"),
           ("no_warning", "可否仅予警告", "warning"))
# Severity.alternative, weighed last: (field, its name, how its value is written)
ALTERNATIVE = ("alternative", "可以替代拘留的罚款数额", "yuan")


def heaviest(b: Band, party: str) -> Degree:
    """The most the band allows: the longest detention with the largest fine it may add."""
    f = b.fine(party)
    lic, sus = (1 if b.licence else 0), (1 if b.suspension else 0)
    added = f.max if f and b.mode in ("and", "and_optional") else Decimal(0)
    more = 1 if (b.detention_max or f or lic or sus) else 0
    alone = f.max if f and not b.detention_max else Decimal(0)  # a fine instead of detention is not the heaviest
    return Degree(b.detention_max, added, lic, sus, alone, more)


def lightest(b: Band, party: str) -> Degree:
    """The least the band requires: a warning where the text allows one (nothing where the penalty is
    "可以处"); a fine where it allows a fine instead of detention (或者); else the shortest detention
    with any fine it mandates (并处)."""
    f = b.fine(party)
    lic, sus = (1 if b.licence else 0), (1 if b.suspension else 0)
    if b.warning or b.discretionary:  # a warning alone; or, 可以处, nothing at all
        return Degree(0, Decimal(0), lic, sus, Decimal(0), 0)
    if b.detention_max and b.mode == "or":
        return Degree(0, Decimal(0), lic, sus, f.min, 1)
    if b.detention_max:
        lo = b.detention[0]
        must = f.min if b.mode == "and" else Decimal(0)
        return Degree(lo, must, lic, sus, must, 1)
    if f and not b.fine_optional:
        return Degree(0, Decimal(0), lic, sus, f.min, 1)
    return Degree(0, Decimal(0), lic, sus, Decimal(0), 1 if (lic or sus) else 0)


def alternative(b: Band, party: str) -> Decimal:
    """The largest fine the band allows in place of detention ("五日以下拘留或者五百元以下罚款": 500):
    not its heaviest outcome (detention is heavier than any fine) nor its lightest (no fine at
    all), so weighed only where those are the same."""
    f = b.fine(party)
    return f.max if f is not None and b.detention_max and b.mode == "or" else Decimal(0)


@dataclass(frozen=True, order=True)
class Severity:
    """How heavy an outcome is, as a lawyer weighs two texts under 行政处罚法 第三十七条: a text that
    does not punish the act at all is the lightest; then the heaviest outcome each allows decides;
    where those are equal, the lightest outcome each allows (a text that allows a fine instead of
    detention is lighter than one that mandates detention); where those are equal too, the fine
    each allows in place of detention (2012 第三十四条第二款 "五日以下拘留或者五百元以下罚款" is
    lighter than 2025 第四十条第二款 "…或者一千元以下罚款"). Orders to correct, confiscation of a
    document and criminal referral are not administrative penalties of a version and are not
    compared."""

    punishable: int
    heaviest: Degree
    lightest: Degree
    alternative: Decimal = Decimal(0)

    @staticmethod
    def of(outcome: Outcome) -> "Severity":
        top, least, instead = Degree(), Degree(), Decimal(0)
        for b in outcome.bands:
            top, least = top.merge(heaviest(b, outcome.party)), least.merge(lightest(b, outcome.party))
            instead = max(instead, alternative(b, outcome.party))
        return Severity(1 if outcome.punishable else 0, top, least, instead)


def lighter(a: Outcome, b: Outcome) -> bool:
    """Whether `a` punishes less than `b` (新的规定处罚较轻): the one definition of "lighter"."""
    return Severity.of(a) < Severity.of(b)


@dataclass(frozen=True)
class Comparison:
    """Which comparison decided between two outcomes: not_punishable | heaviest | lightest |
    alternative | equal,
    the aspect (拘留日数 ...), which side it found lighter and the deciding values; and the sentence
    saying so, once `worded` (the words are the schedules', the comparison is not)."""

    decided_by: Literal["not_punishable", "heaviest", "lightest", "equal"]
    aspect: str | None
    text: str = ""
    lighter: str | None = None  # new | old: the text found lighter (None: equal)
    kind: str | None = None  # how the aspect's values are written (ASPECTS)
    values: tuple = ()  # (old, new): the aspect's value under each text
    elsewhere: Elsewhere | None = None  # not_punishable: who punished the act instead, under which text

    def worded(self, say: dict[str, Text]) -> "Comparison":
        """This comparison with its sentence, in the words of penalties/texts.toml."""
        if self.decided_by == "equal":
            return dataclasses.replace(self, text=say["compare_equal"].say())
        side = say[f"compare_{self.lighter}"].say()
        if self.decided_by == "not_punishable" and self.elsewhere is not None:
            e = self.elsewhere
            return dataclasses.replace(self, text=say["compare_elsewhere"].say(which=side, authority=e.authority,
                                                                                basis=e.basis))
        if self.decided_by == "not_punishable":
            return dataclasses.replace(self, text=say["compare_not_punishable"].say(which=side))
        old, new = (_amount(say, self.kind, v, self.decided_by) for v in self.values)
        return dataclasses.replace(self, text=say[f"compare_{self.decided_by}"].say(
            aspect=self.aspect, old=old, new=new, side=side))


def compare(new: Outcome, old: Outcome) -> Comparison:
    a, b = Severity.of(new), Severity.of(old)
    if a.punishable != b.punishable:
        side = new if not a.punishable else old
        return Comparison("not_punishable", None, lighter="new" if not a.punishable else "old",
                          elsewhere=side.version.elsewhere)
    for stage in ("heaviest", "lightest"):
        x, y = getattr(a, stage).astuple(), getattr(b, stage).astuple()
        for (_, aspect, kind), p, q in zip(ASPECTS, x, y):
            if p != q:
                return Comparison(stage, aspect, lighter="new" if p < q else "old", kind=kind, values=(q, p))
    if a.alternative != b.alternative:
        _, aspect, kind = ALTERNATIVE
        return Comparison("alternative", aspect, lighter="new" if a.alternative < b.alternative else "old",
                          kind=kind, values=(b.alternative, a.alternative))
    return Comparison("equal", None)


def _amount(say: dict[str, Text], kind: str, value, stage: str) -> str:
    """An aspect's value as the comparison writes it, by the aspect's kind (ASPECTS), not its name.
    No money is not "0元": a version that adds no fine to detention 不并处罚款; one whose heaviest
    outcome has no fine of its own 不处罚款; one whose lightest asks no least fine (a warning
    instead, or "五百元以下") sets the fine no floor."""
    if kind == "days":
        return say["amount_days"].say(n=value)
    if kind in ("yuan", "added") and not value:
        code = "amount_no_added_fine" if kind == "added" else (
            "amount_no_fine" if stage == "heaviest" else "amount_no_least_fine")
        return say[code].say()
    if kind in ("yuan", "added"):
        return say["amount_yuan"].say(yuan=yuan(value))
    if kind == "warning":
        return say["amount_no_warning" if value else "amount_warning"].say()
    return say["amount_has" if value else "amount_none"].say()


@dataclass(frozen=True)
class Choice:
    applied: Version | None
    rule: Literal["same", "act_time", "decision_time_lighter", "repealed"]
    reason: str
    basis: str
    act_version: Version
    decision_version: Version | None
    outcome: Outcome | None
    compared: tuple[tuple[Version, Outcome], ...]
    comparison: Comparison | None = None


def _not_illegal(version: Version, p: Penalties) -> str:
    """Why the text that applies gives no penalty: it does not make the act illegal, or (传销 before
    2026) it leaves the act to another authority under another text."""
    e = version.elsewhere
    if e is not None:
        return p.texts["choice_elsewhere"].say(basis=version.basis, choice_basis=p.choice_basis,
                                               authority=e.authority, elsewhere=e.basis, text=e.text)
    return p.texts["choice_not_illegal"].say(basis=version.basis, choice_basis=p.choice_basis)


def _unpunished_basis(version: Version, p: Penalties):
    """The choice's basis where the text that applies gives no penalty: 第三十七条, that text, and
    the text under which another authority punishes the act."""
    return join(p.choice_basis, version.basis, version.elsewhere.basis if version.elsewhere else None)


def choose_version(p: Penalties, v: Violation, act: dt.date, decision: dt.date, party: str,
                   circumstances: Sequence[str]) -> Choice:
    """行政处罚法 第三十七条: the version in force on the act date, unless the one in force on the
    decision date is lighter for the same party and circumstances (or no longer punishes)."""
    old = v.version_on(act)
    if old is None:
        first = v.versions[0].first
        raise InvalidInput(f"行为日 {act} 时本服务收录的规定尚未施行（最早自 {first} 起）", field="act_date")
    new = v.version_on(decision)
    names = p.circumstances or None
    old_out = select(old, circumstances, party, names)
    if new is old:
        reason = p.texts["choice_same"].say(basis=old.basis)
        basis = p.choice_basis
        if not old.punishable:
            reason += _not_illegal(old, p)
            basis = _unpunished_basis(old, p)
        return Choice(old, "same", reason, basis, old, new, old_out, ((old, old_out),))
    if new is None:
        reason = p.texts["choice_repealed"].say(old=old.basis, decision=decision, choice_basis=p.choice_basis)
        return Choice(None, "repealed", reason, p.choice_basis, old, None, None, ((old, old_out),))
    new_out = select(new, circumstances, party, names)
    compared = ((old, old_out), (new, new_out))
    cmp = compare(new_out, old_out).worded(p.texts)
    said = p.texts["choice_compared"].say(act=act, old=old.basis, old_sanctions=old_out.describe(), decision=decision,
                                          new=new.basis, new_sanctions=new_out.describe(), comparison=cmp.text)
    if cmp.lighter == "new":  # the comparison weighs as `lighter` does, aspect by aspect in Severity's order
        tail = p.texts["choice_new_not_illegal" if not new.punishable else "choice_new_lighter"].say(
            choice_basis=p.choice_basis)
        basis = p.choice_basis if new.punishable else _unpunished_basis(new, p)
        return Choice(new, "decision_time_lighter", said + tail, basis, old, new, new_out, compared, cmp)
    tail = (p.texts["choice_old"].say(choice_basis=p.choice_basis)
            + (_not_illegal(old, p) if not old.punishable else ""))
    basis = p.choice_basis if old.punishable else _unpunished_basis(old, p)
    return Choice(old, "act_time", said + tail, basis, old, new, old_out, compared, cmp)


@dataclass(frozen=True)
class Switch:
    """A circumstance that, given (or taken away), would make the other text apply."""

    code: str
    text: str
    added: bool
    applied: Version
    rule: str
    message: str


def switches(p: Penalties, v: Violation, act: dt.date, decision: dt.date, party: str,
             circumstances: Sequence[str], choice: Choice) -> list[Switch]:
    """For each band circumstance of this act, whether ticking it (or unticking it) changes which
    text applies: "若情节较轻，新法较轻，适用新法"."""
    if choice.decision_version is None or choice.decision_version is choice.act_version:
        return []
    out = []
    given = list(circumstances)
    for c in p.codes(v):
        if c.general or c.aggravation:  # 从重 chooses no band: it never changes which text is lighter
            continue
        code = c.code
        added = code not in given
        other = [*given, code] if added else [x for x in given if x != code]
        alt = choose_version(p, v, act, decision, party, other)
        if alt.applied is choice.applied or alt.applied is None:
            continue
        side = p.texts["switch_new" if alt.applied is choice.decision_version else "switch_old"].say()
        message = p.texts["switch_added" if added else "switch_removed"].say(
            circumstance=c.text, side=side, basis=alt.applied.basis)
        out.append(Switch(code, c.text, added, alt.applied, alt.rule, message))
    return out
