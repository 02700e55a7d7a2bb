"""Speeding and overloading by the numbers: the limit and what was measured -> the per cent over ->
the act it falls under (routes.toml) -> that act's assessment, as POST …/assess gives it.

The per cent is worked out exactly ((measured − limit) × 100 / limit, as a fraction): 66 km/h under
a 60 km/h limit is 10 % over, not 9.999…; an answer shows it to two decimals rounded down, so that a
shown figure never reads as crossing a band it did not cross.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Sequence

from ..citations import Basis
from ..errors import InvalidInput
from ..steps import Step
from .assess import Assessment, assess, check_facts
from .model import Facts, Traffic
from .payment import PaymentFacts
from .routes import route

SPEED_ASK = {"vehicle": "vehicle", "road": "road", "speed": "measured"}
LOAD_ASK = {"vehicle": "vehicle", "road": "road", "passengers": "carried", "load": "carried", "seats": "rated",
            "total_mass": "total"}


@dataclass(frozen=True)
class Measured:
    act: str
    percent: Fraction
    total_percent: Fraction | None
    assessment: Assessment
    steps: tuple[Step, ...]


def shown(percent: Fraction) -> Decimal:
    """The per cent to two decimals, rounded down (49.999… shows 49.99, never 50.00)."""
    return (Decimal(percent.numerator) / Decimal(percent.denominator)).quantize(Decimal("0.01"), ROUND_DOWN)


def over(limit: Decimal, value: Decimal) -> Fraction:
    return (Fraction(value) - Fraction(limit)) * 100 / Fraction(limit)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _need(t: Traffic, facts: Facts):
    for name, value in (("vehicle", facts.vehicle), ("road", facts.road)):
        if value is None:
            raise InvalidInput(t.texts[f"need_{name}"].say(), field=name)


def speeding(t: Traffic, act_date: dt.date, decision: dt.date, vehicle: str, road: str, limit: Decimal,
             measured: Decimal, circumstances: Sequence[str] = (), pay: PaymentFacts | None = None,
             provisional: bool = False) -> Measured:
    """The act a measured speed falls under, and its assessment."""
    facts = Facts(vehicle, road, frozenset(circumstances))
    _need(t, facts)
    check_facts(t, facts, SPEED_ASK)
    if limit <= 0:  # the per cent over divides by it (the API's schema refuses it before; the page and CLI here)
        raise InvalidInput(t.texts["limit_not_positive"].say(limit=_number(limit)), field="limit")
    if measured < 0:
        raise InvalidInput(t.texts["measured_negative"].say(measured=_number(measured)), field="measured")
    if measured <= limit:
        raise InvalidInput(t.texts["not_over"].say(measured=_number(measured), limit=_number(limit)), field="measured")
    percent = over(limit, measured)
    facts = Facts(vehicle, road, frozenset(circumstances), {"speed": percent})
    found = route(t, "speed", facts, percent, SPEED_ASK)
    act = t.acts[found.act]
    said = t.texts["speed_over"].say(road=t.roads[road].title, limit=_number(limit), measured=_number(measured),
                                     percent=shown(percent))
    steps = (Step(said, act_date, Basis(), "speed_over"),
             Step(t.texts["route_to"].say(act=act.id, title=act.title), act_date, Basis(), "route"))
    a = assess(t, act.id, act_date, decision, facts, SPEED_ASK, pay, provisional)
    return Measured(act.id, percent, None, a, steps)


def overloading(t: Traffic, act_date: dt.date, decision: dt.date, vehicle: str, kind: str, rated: Decimal,
                carried: Decimal, permitted_total: Decimal | None = None, total: Decimal | None = None,
                road: str | None = None, circumstances: Sequence[str] = (), pay: PaymentFacts | None = None,
                provisional: bool = False) -> Measured:
    """The act an overload falls under (passengers: 超员; goods: 超载), and its assessment."""
    facts = Facts(vehicle, road, frozenset(circumstances))
    if vehicle is None:
        raise InvalidInput(t.texts["need_vehicle"].say(), field="vehicle")
    check_facts(t, facts, LOAD_ASK)
    if rated <= 0:
        raise InvalidInput(t.texts["rated_not_positive"].say(rated=_number(rated)), field="rated")
    if kind == "passengers":
        for name, value in (("rated", rated), ("carried", carried)):
            if value != value.to_integral_value():
                raise InvalidInput(t.texts["whole_persons"].say(), field=name)
    code = "not_over_passengers" if kind == "passengers" else "not_over_load"
    if carried <= rated:
        raise InvalidInput(t.texts[code].say(carried=_number(carried), rated=_number(rated)), field="carried")
    percent = over(rated, carried)
    measures = {"passengers": percent} if kind == "passengers" else {"load": percent}
    total_percent = None
    if kind == "goods" and permitted_total is not None and total is not None:
        total_percent = over(permitted_total, total)
        measures["total_mass"] = total_percent
    seats = int(rated) if kind == "passengers" else None
    facts = Facts(vehicle, road, frozenset(circumstances), measures, seats)
    found = route(t, kind, facts, percent, LOAD_ASK)
    act = t.acts[found.act]
    what = t.vehicles[vehicle].title
    steps = (Step(t.texts["load_over"].say(what=what, rated=_number(rated), carried=_number(carried),
                                            percent=shown(percent)), act_date, Basis(), "load_over"),
             Step(t.texts["route_to"].say(act=act.id, title=act.title), act_date, Basis(), "route"))
    a = assess(t, act.id, act_date, decision, facts, LOAD_ASK, pay, provisional)
    return Measured(act.id, percent, total_percent, a, steps)
