"""Which act a measured case falls under (schedules/traffic/routes.toml): a speed on a road, a load
on a class of vehicle. The split is data, read band by band; "以上" includes its number and
"不足" excludes it (LAW.md), and the comparison is exact (fractions, never floats).
"""
from __future__ import annotations

from fractions import Fraction
from typing import Mapping

from ..errors import InvalidInput
from .model import Act, Facts, Route, Traffic

# The kind of route for each measure an act's bands read.
KIND = {"speed": "speed", "passengers": "passengers", "load": "goods"}


def route(t: Traffic, kind: str, facts: Facts, percent: Fraction | None, ask: Mapping[str, str]) -> Route:
    """The first route of `kind` that holds for the case; none is refused naming the vehicle."""
    found = find(t, kind, facts, percent, ask)
    if found is None:
        vehicle = t.vehicles[facts.vehicle].title if facts.vehicle in t.vehicles else facts.vehicle
        raise InvalidInput(t.texts["no_route"].say(kind=t.texts[f"kind_{kind}"].say(), vehicle=vehicle),
                           field=ask.get("vehicle", "vehicle"))
    return found


def find(t: Traffic, kind: str, facts: Facts, percent: Fraction | None, ask: Mapping[str, str]) -> Route | None:
    for r in t.routes:
        if r.kind != kind:
            continue
        if r.roads and facts.road not in r.roads:
            continue
        if r.vehicles and not any(t.member(code, facts.vehicle, ask.get("vehicle", "vehicle")) for code in r.vehicles):
            continue
        if r.over is not None and (percent is None or not r.over.holds(percent)):
            continue
        return r
    return None


def misrouted(t: Traffic, act: Act, facts: Facts, ask: Mapping[str, str]) -> None:
    """An act assessed by id with a per cent over (or a road, or a class) that puts the case under
    another act is refused, naming the act it falls under: 60 % over is not Hebei's "不足百分之五十".
    A case no route covers (a truck over its rated passengers) is left to the act's own bands."""
    kind = KIND.get(act.measure or "")
    percent = facts.over.get(act.measure) if act.measure else None
    if kind is None or (kind == "speed" and (percent is None or facts.road is None)) or \
            (kind != "speed" and facts.vehicle is None):
        return
    found = find(t, kind, facts, percent, ask)
    if found is not None and found.act != act.id:
        other = t.acts[found.act]
        raise InvalidInput(t.texts["route_to"].say(act=other.id, title=other.title),
                           field=ask.get(act.measure, "over_percent") if kind == "speed" else ask.get("vehicle", "vehicle"))
