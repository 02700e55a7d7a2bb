"""The assessment of one traffic act: the national range, Hebei's amount where it applies, the
points, the measures, whether it may be decided on the spot, and how the fine is paid.

Which text: the one in force on the act date (道路交通安全法 and Hebei's 办法 are read as the
penalty engine reads a penalty law: where a later version is in force on the decision date and is
lighter, it applies, 行政处罚法 第三十七条); the points are read by the act date alone (a 记分 is
not a penalty; where the rules of the act date are not in ../shared/laws, no points are given and
the answer says so, rather than guessing). Hebei's fixed amount applies where the law allows a
warning or a fine up to 200 yuan (河北省办法 第六十八条, the amount being data), or where Hebei sets
the penalty itself (第七十九条). Every sentence is a text of schedules/traffic/texts.toml.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Mapping, Sequence

from ..citations import Basis, join
from ..errors import InvalidInput
from ..steps import Step
from .model import Act, Band, Clause, Facts, Fine, Measure, Traffic, Version
from .payment import PaymentAnswer, PaymentFacts, payment
from .routes import misrouted
from .words import sanctions, yuan

# The request's field for each fact, for the 422 that asks for one (POST …/assess).
ASK = {"vehicle": "vehicle", "road": "road", "seats": "seats", "speed": "over_percent", "passengers": "over_percent",
       "load": "over_percent", "total_mass": "total_over_percent"}
RESTRICTIVE = ("licence_suspension", "licence_revocation", "detention", "criminal")


@dataclass(frozen=True)
class Applied:
    """One version of one text as applied to the case: its band (None: no band holds for these
    facts), and why this version (从旧兼从轻) where two were in force."""

    version: Version
    band: Band | None
    clause: Clause | None = None
    why: str | None = None


@dataclass(frozen=True)
class Fact:
    status: Literal["yes", "no", "depends"]
    explanation: str
    basis: Basis
    limit: Decimal | None = None


@dataclass(frozen=True)
class Assessment:
    act: Act
    act_date: dt.date
    decision_date: dt.date
    facts: Facts
    national: tuple[Applied, ...]
    hebei: Applied | None
    hebei_applies: bool
    points_version: Version | None
    points_band: Band | None
    points: int | None
    fine: Fine | None
    fine_text: str | None
    warning: bool
    basis: Basis  # of the fine (and warning): Hebei's item or the national clause
    measures: tuple[Measure, ...]
    on_the_spot: Fact
    payment: PaymentAnswer
    notes: tuple[str, ...]
    steps: tuple[Step, ...] = field(default=())


def facts_for(t: Traffic, aid: str, vehicle: str | None = None, road: str | None = None,
              circumstances: Sequence[str] = (), over_percent: Decimal | None = None,
              total_over_percent: Decimal | None = None, seats: int | None = None) -> Facts:
    """The facts of a request by id: the per cent over is of what the act's bands measure (its
    speed, passengers or load); the total mass's per cent is the points' measure for a load."""
    act = t.get(aid)
    over = {}
    if over_percent is not None:
        if not act.measure:
            raise InvalidInput(t.texts["no_measure"].say(), field="over_percent")
        over[act.measure] = Fraction(over_percent)
    if total_over_percent is not None:
        over["total_mass"] = Fraction(total_over_percent)
    return Facts(vehicle, road, frozenset(circumstances), over, seats)


def check_facts(t: Traffic, facts: Facts, ask: Mapping[str, str] = ASK):
    """Unknown codes are refused naming their field, before anything is read."""
    if facts.vehicle is not None and facts.vehicle not in t.vehicles:
        raise InvalidInput(t.texts["unknown_vehicle"].say(code=facts.vehicle, known="、".join(t.vehicles)),
                           field=ask.get("vehicle", "vehicle"))
    if facts.road is not None and facts.road not in t.roads:
        raise InvalidInput(t.texts["unknown_road"].say(code=facts.road, known="、".join(t.roads)),
                           field=ask.get("road", "road"))
    for code in facts.circumstances:
        if code not in t.circumstances:
            raise InvalidInput(t.texts["unknown_circumstance"].say(code=code, known="、".join(t.circumstances)),
                               field="circumstances")


def _severity(band: Band | None) -> tuple:
    """How heavy a band is, for 从旧兼从轻 between two versions of the same provision: the most it
    allows first (the fine's ceiling), then the least (its floor), then what it adds."""
    if band is None:
        return (Decimal(0), Decimal(0), 0)
    fine = band.fine or Fine(Decimal(0), Decimal(0))
    return (fine.max, fine.min, sum(1 for m in band.measures if not m.optional))


def choose(t: Traffic, versions: Sequence[Version], act: dt.date, decision: dt.date, facts: Facts,
           ask: Mapping[str, str], clause: Clause | None = None) -> Applied | None:
    """The version in force on the act date, or the decision date's where it is lighter
    (行政处罚法 第三十七条); None where no version of this text was in force on the act date."""
    old = next((v for v in versions if v.in_force(act)), None)
    if old is None:
        return None
    band = old.bands_for(facts, t, ask)
    new = next((v for v in versions if v.in_force(decision)), None)
    if new is None or new is old:
        return Applied(old, band, clause)
    new_band = new.bands_for(facts, t, ask)
    if _severity(new_band) < _severity(band):
        return Applied(new, new_band, clause, t.texts["choice_new"].say(old=old.basis, new=new.basis, decision=decision))
    return Applied(old, band, clause, t.texts["choice_old"].say(old=old.basis, new=new.basis, decision=decision))


def _national(t: Traffic, act: Act, day: dt.date, decision: dt.date, facts: Facts, ask, notes: list) -> list[Applied]:
    out = []
    for cid in act.national:
        clause = t.clauses[cid]
        applied = choose(t, clause.versions, day, decision, facts, ask, clause)
        if applied is None:
            first = clause.versions[0]
            notes.append(t.texts["national_before"].say(act=day, basis=first.basis, first=first.first))
            continue
        if applied.why:
            notes.append(applied.why)
        if applied.version.note:
            notes.append(applied.version.note)
        if applied.band is None:
            notes.append(t.texts["national_no_band"].say(basis=applied.version.basis))
        out.append(applied)
    return out


def _fine_of(national: list[Applied]) -> Band | None:
    """The band that sets the fine (or only a warning) among the national provisions applied."""
    return next((a.band for a in national if a.band and (a.band.fine or a.band.fine_text or a.band.warning)), None)


def _hebei_applies(t: Traffic, act: Act, hebei: Applied | None, fine_band: Band | None, national: list[Applied],
                   notes: list) -> bool:
    """河北省办法 第六十八条: its amount where the law allows a warning or a fine of at most the
    scope's amount; its own penalty (no national provision: 第七十九条) always; and, where the
    national text of the act date is not here, with a note."""
    if hebei is None or hebei.band is None:
        return False
    scope = t.rules.hebei_scope
    if not act.national:
        notes.append(t.texts["hebei_own"].say(basis=hebei.version.basis))
        return True
    if not national:
        notes.append(t.texts["hebei_without_national"].say(basis=hebei.version.basis))
        return True
    within = fine_band is not None and fine_band.fine_text is None and (
        fine_band.fine is None or fine_band.fine.max <= scope.amount)
    if not within:
        notes.append(t.texts["hebei_out_of_scope"].say(basis=hebei.version.basis, scope=scope.basis,
                                                       limit=yuan(scope.amount)))
    return within


def _points(t: Traffic, act: Act, day: dt.date, facts: Facts, ask, notes: list, steps: list):
    """(version, band, points): the item of the act date's rules; 0 where the act has none or the
    party is not scored; None where the rules of the act date are not in ../shared/laws."""
    party = t.parties[act.party]
    rules = t.points_rules(day)
    if not party.scored:
        steps.append(t.texts["points_not_scored"].step(day, party=party.title))
        return None, None, 0
    if rules is None:
        first = t.rules.points[0].first if t.rules.points else None
        notes.append(t.texts["points_before"].say(act=day, first=first))
        return None, None, None
    version = Act.on(act.points, day)
    if version is None:
        steps.append(t.texts["points_no_item"].step(day, basis=rules.full_basis))
        return None, None, 0
    band = version.bands_for(facts, t, ask)
    if band is None:
        steps.append(t.texts["points_no_band"].step(day, basis=version.basis))
        return version, None, 0
    steps.append(t.texts["points_item"].step(day, points=band.points, basis=band.basis))
    return version, band, band.points


def _measures(t: Traffic, national: list[Applied], hebei: Applied | None, hebei_applies: bool) -> tuple[Measure, ...]:
    out = [m for a in national if a.band for m in a.band.measures]
    if hebei_applies and hebei is not None and hebei.band is not None:
        out += list(hebei.band.measures)
    if any(m.kind in ("licence_suspension", "licence_revocation") for m in out):
        out.append(Measure("licence_withheld", True, t.rules.withheld_basis))
    return tuple(out)


def on_the_spot(t: Traffic, fine: Fine | None, fine_text: str | None, warning: bool,
                measures: Sequence[Measure]) -> Fact:
    """道路交通安全法 第一百零七条: a warning or a fine up to the limit may be decided on the spot;
    a licence suspended or revoked, detention or a criminal referral need the ordinary procedure."""
    rule = t.rules.on_the_spot
    limit = rule.amount
    say = t.texts
    if any(m.kind in RESTRICTIVE and not m.optional for m in measures):
        status, code = "no", "spot_restrictive"
    elif fine is None and fine_text is None:
        status, code = ("yes", "spot_warning") if warning else ("no", "spot_nothing")
    elif fine is None:
        status, code = "depends", "spot_formula"
    elif fine.max <= limit:
        status, code = "yes", "spot_yes"
    elif fine.min <= limit or warning:
        status, code = "depends", "spot_depends"
    else:
        status, code = "no", "spot_no"
    if status != "no" and any(m.kind in RESTRICTIVE for m in measures):
        status, code = "depends", "spot_optional_restrictive"
    return Fact(status, say[code].say(limit=yuan(limit)), rule.basis, limit)


def _texts_steps(t: Traffic, national: list[Applied], hebei: Applied | None, applies: bool,
                 day: dt.date) -> list[Step]:
    """What each text gives the act: the national provisions, then Hebei's item (applied or not)."""
    steps = [t.texts["national_applies"].step(day, basis=a.band.basis, sanctions=sanctions(t.texts, a.band))
             for a in national if a.band is not None]
    if hebei is not None and hebei.band is not None:
        code = "hebei_applied" if applies else "hebei_not_applied"
        steps.append(t.texts[code].step(day, amount=yuan(hebei.band.fine.max), basis=hebei.band.basis))
    return steps


def _sanction(national: list[Applied], hebei: Applied | None, applies: bool) -> tuple[Band | None, Basis]:
    """The band that decides the fine and the warning (Hebei's where it applies), and its basis."""
    chosen = hebei.band if applies else _fine_of(national)
    if chosen is not None:
        return chosen, chosen.basis
    return None, join(*(a.version.basis for a in national)) if national else Basis()


def _parts(t: Traffic, act: Act, act_date: dt.date, decision_date: dt.date, facts: Facts, ask, notes: list):
    """The national provisions and Hebei's item as applied, or a refusal where no text was in force."""
    national = _national(t, act, act_date, decision_date, facts, ask, notes)
    hebei = choose(t, act.hebei, act_date, decision_date, facts, ask)
    if hebei is not None and hebei.version.note:
        notes.append(hebei.version.note)
    if hebei is None and act.hebei:
        notes.append(t.texts["hebei_before"].say(act=act_date, basis=act.hebei[0].basis, first=act.hebei[0].first))
    return national, hebei


def assess(t: Traffic, aid: str, act_date: dt.date, decision_date: dt.date, facts: Facts = Facts(),
           ask: Mapping[str, str] = ASK, pay: PaymentFacts | None = None, provisional: bool = False) -> Assessment:
    """Everything the texts say of one act on one day, each number with its basis."""
    act = t.get(aid)
    check_facts(t, facts, ask)
    misrouted(t, act, facts, ask)
    if decision_date < act_date:
        raise InvalidInput(t.texts["decision_before_act"].say(decision=decision_date, act=act_date),
                           field="decision_date")
    notes: list[str] = [act.note] if act.note else []
    national, hebei = _parts(t, act, act_date, decision_date, facts, ask, notes)
    points_steps: list[Step] = []
    points_version, points_band, points = _points(t, act, act_date, facts, ask, notes, points_steps)
    if not national and hebei is None and points_version is None:
        raise InvalidInput(t.texts["nothing_in_force"].say(act=act_date), field="act_date")
    applies = _hebei_applies(t, act, hebei, _fine_of(national), national, notes)
    chosen, basis = _sanction(national, hebei, applies)
    fine, fine_text = (chosen.fine, chosen.fine_text) if chosen else (None, None)
    warning = bool(chosen and chosen.warning)
    measures = _measures(t, national, hebei, applies)
    if warning and points:
        notes.append(t.texts["points_warning"].say())
    spot = on_the_spot(t, fine, fine_text, warning, measures)
    paid = payment(t, act, fine, fine_text, pay, decision_date, provisional)
    steps = [*_texts_steps(t, national, hebei, applies, act_date), *points_steps,
             Step(spot.explanation, decision_date, spot.basis, f"on_the_spot_{spot.status}"), *paid.steps]
    return Assessment(act, act_date, decision_date, facts, tuple(national), hebei, applies, points_version,
                      points_band, points, fine, fine_text, warning, basis, measures, spot, paid,
                      tuple(dict.fromkeys(n for n in notes if n)), tuple(steps))
