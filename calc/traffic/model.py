"""The traffic catalogue as data: vehicle classes and their groups, roads, parties, the national
provisions (`Clause`), the acts with their Hebei amounts and points (`Act`), and the procedural
rules the assessment and the points cycle read (`Rules`, `PointsRules`).

Every number here was read from schedules/traffic/*.toml (calc/traffic/load.py) with its basis; the
classes only hold it and answer small questions about it (is this class in that group, which band
of a version holds for these facts), so that the assessment reads as the law does.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Mapping, get_args

from ..citations import Basis
from ..effective import Effective
from ..nodes import Fingerprint
from ..errors import InvalidInput, NotFound
from ..periods import Period
from ..texts import Text

# What a band may order beside the fine, by the kind the API names (API.md 1.1 "Road traffic"),
# and `other` for a compulsory measure the list has no name for (约束至酒醒, 拖移, 强制拆除).
MeasureKind = Literal["licence_suspension", "licence_revocation", "licence_withheld", "detention",
                      "vehicle_detention", "confiscation", "criminal", "ban_years", "other"]
MEASURE_KINDS: tuple[MeasureKind, ...] = get_args(MeasureKind)
# What an over-the-limit band measures: the speed (规定时速), the passengers (核定人数 / 额定乘员),
# the load (核定载质量, 道路交通安全法 第九十二条) or the total mass (最大允许总质量, 记分办法).
Quantity = Literal["speed", "passengers", "load", "total_mass"]
MEASURES: tuple[Quantity, ...] = get_args(Quantity)
PARTS = ("national", "hebei", "points")


@dataclass(frozen=True)
class Vehicle:
    code: str
    title: str


@dataclass(frozen=True)
class Group:
    """A set of vehicle classes one text names together (校车、中型以上载客载货汽车、危险物品运输车辆).
    A class the texts do not place (is a 公路客运汽车 中型以上?) is `undetermined`: an answer that
    depends on it asks for a more precise class instead of guessing."""

    code: str
    title: str
    members: frozenset[str]
    undetermined: frozenset[str]
    why: str | None
    basis: Basis


@dataclass(frozen=True)
class Named:
    """A code with its words: a road type, a circumstance, a licence class (准驾车型)."""

    code: str
    title: str


@dataclass(frozen=True)
class Party:
    """Who commits the act: 行人、乘车人、非机动车驾驶人 pay on the spot where they agree (第一百零八条
    第二款); only a 机动车驾驶人 is scored (记分办法 第二条)."""

    code: str
    title: str
    collect_on_the_spot: bool = False
    scored: bool = False


@dataclass(frozen=True)
class Fine:
    min: Decimal
    max: Decimal


@dataclass(frozen=True)
class Over:
    """由…以上 (`min`, included) …不足/未达到 (`below`, excluded) per cent of `measure` (LAW.md)."""

    measure: Quantity
    min: Fraction | None = None
    below: Fraction | None = None

    def holds(self, percent: Fraction) -> bool:
        """Over the limit at all ("超过"), and within the band."""
        return percent > 0 and (self.min is None or percent >= self.min) and (self.below is None or percent < self.below)


@dataclass(frozen=True)
class When:
    """The facts a band applies under; an empty one always holds."""

    vehicles: tuple[str, ...] = ()  # classes or groups, any of them
    roads: tuple[str, ...] = ()
    over: Over | None = None
    seats: int | None = None  # 核定载客人数 at least this (7座以上载客汽车)
    circumstances: tuple[str, ...] = ()  # all of them


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    optional: bool
    basis: Basis
    months: int | None = None
    min_days: int | None = None
    days: int | None = None
    years: int | None = None
    lifetime: bool = False
    detail: str | None = None  # a measure of kind `other`, or what the text adds (不得驾驶营运机动车)


@dataclass(frozen=True)
class Band:
    """One outcome of a version under `when`: a national range (or a fine the text states as a
    formula, `fine_text`), a Hebei amount (min == max), or points; and the measures beside it."""

    when: When
    basis: Basis
    text: str | None = None
    fine: Fine | None = None
    fine_text: str | None = None
    warning: bool = False
    points: int | None = None
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Version(Effective):
    basis: Basis = field(default=None)
    text: str | None = None
    bands: tuple[Band, ...] = ()
    note: str | None = None

    def bands_for(self, facts: "Facts", traffic: "Traffic", ask: Mapping[str, str]) -> Band | None:
        """The first band whose facts hold (the file lists the particular before the general)."""
        for band in self.bands:
            if traffic.holds(band.when, facts, ask):
                return band
        return None


@dataclass(frozen=True)
class Clause:
    """A national provision (道路交通安全法 第九十条, 记分办法 第三十条 …), cited by the acts it punishes."""

    id: str
    title: str
    versions: tuple[Version, ...]
    digest: "str | Fingerprint" = ""

    def on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.in_force(day)), None)


@dataclass(frozen=True)
class Act:
    """One act, as an officer names it, with what each text says of it."""

    id: str
    title: str
    party: str
    keywords: tuple[str, ...]
    national: tuple[str, ...]  # clause ids
    hebei: tuple[Version, ...]
    points: tuple[Version, ...]
    note: str | None = None  # how the texts were matched where they word the act differently
    measure: Quantity | None = None  # what its over-the-limit bands measure
    digest: "str | Fingerprint" = ""

    @staticmethod
    def on(versions: tuple[Version, ...], day: dt.date) -> Version | None:
        return next((v for v in versions if v.in_force(day)), None)


@dataclass(frozen=True)
class Facts:
    """What the officer knows of the case: the class of vehicle, the road, the circumstances, the
    per cent over each limit, and the rated seats."""

    vehicle: str | None = None
    road: str | None = None
    circumstances: frozenset[str] = frozenset()
    over: Mapping[str, Fraction] = field(default_factory=dict)
    seats: int | None = None


@dataclass(frozen=True)
class Limit:
    """A procedural rule with an amount: 当场处罚 (第一百零七条), 河北省办法 第六十八条."""

    amount: Decimal
    basis: Basis
    text: str


@dataclass(frozen=True)
class Payment:
    within: Period
    basis: Basis
    collect_basis: Basis
    daily_rate: Decimal
    rate_basis: Basis
    cap_ratio: Decimal
    cap_basis: Basis


@dataclass(frozen=True)
class Study:
    days: int
    step: int
    max: int
    onsite_or_online: int  # days of 现场学习 and 网络学习 together, at least
    onsite: int  # of which 现场学习, at least
    basis: Basis


@dataclass(frozen=True)
class Test:
    """A driving test owed after the `times`-th full score in a cycle, or at `points` points."""

    times: int
    points: int
    basis: Basis


@dataclass(frozen=True)
class PointsRules(Effective):
    """The points cycle and what follows 12 points (记分办法 第三条、第十七条至第二十七条)."""

    months: int = 12
    cycle_basis: Basis = None
    full: int = 12
    full_basis: Basis = None
    study: Study = None
    study_large: Study = None
    large: frozenset[str] = frozenset()  # licence classes of 第十八条's 30 days
    exam_basis: Basis = None
    road_test: Test = None
    field_test: Test = None
    carry_basis: Basis = None
    reduction_max: int = 6
    reduction_basis: Basis = None
    reductions: Mapping[str, tuple[int, Basis]] = field(default_factory=dict)  # kind -> (points, basis)
    bars: Mapping[str, tuple[str, Basis, frozenset[str]]] = field(default_factory=dict)  # code -> (text, basis, acts)
    review_days: int = 30
    review_basis: Basis = None
    review_large_basis: Basis = None
    review_facts: Mapping[str, tuple[str, Basis]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    on_the_spot: Limit
    hebei_scope: Limit
    payment: Payment
    choice_basis: Basis
    withheld_basis: Basis  # 第一百一十条第一款: a licence may be withheld on the spot
    points: tuple[PointsRules, ...]
    cycle_before: Basis  # 实施条例 第二十三条: a 12-month cycle before the 2022 rules


@dataclass(frozen=True)
class Route:
    """Which act a measured case falls under: the roads (or vehicle groups) and the per cent over."""

    act: str
    roads: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    over: Over | None = None
    kind: str = "speed"  # speed | passengers | goods


@dataclass(frozen=True)
class Traffic:
    acts: dict[str, Act]
    clauses: dict[str, Clause]
    vehicles: dict[str, Vehicle]
    groups: dict[str, Group]
    roads: dict[str, Named]
    parties: dict[str, Party]
    circumstances: dict[str, Named]
    licences: dict[str, Named]
    rules: Rules
    routes: tuple[Route, ...]
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)
    book: object = field(default=None, repr=False, compare=False)
    counting: object = field(default=None, repr=False, compare=False)
    digest: "str | Fingerprint" = ""
    # what the catalogue's search builds once per loaded catalogue (calc/traffic/catalogue.py)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def get(self, aid: str) -> Act:
        try:
            return self.acts[aid]
        except KeyError:
            raise NotFound(f"没有编号为 {aid} 的交通违法行为", field="id") from None

    def member(self, code: str, vehicle: str, field_name: str = "vehicle") -> bool:
        """Whether `vehicle` is `code` (a class) or in it (a group); a class a group leaves
        undetermined is refused with the group's own words on what to give instead."""
        if code in self.vehicles:
            return vehicle == code
        group = self.groups[code]
        if vehicle in group.undetermined:
            raise InvalidInput(group.why or f"{self.vehicles[vehicle].title} 是否属于“{group.title}”，文本未定",
                               field=field_name)
        return vehicle in group.members

    def holds(self, when: When, facts: Facts, ask: Mapping[str, str]) -> bool:
        """Whether every fact `when` names holds; a fact it needs and the case does not give is
        asked for by its field (`ask`: fact -> the request's field). The vehicle comes last: a band
        that fails on the road or the per cent over does not ask a class the texts leave open."""
        if when.circumstances and not set(when.circumstances) <= facts.circumstances:
            return False
        if when.roads:
            if facts.road is None:
                raise InvalidInput(self.texts["need_road"].say(), field=ask.get("road", "road"))
            if facts.road not in when.roads:
                return False
        if when.over is not None:
            percent = facts.over.get(when.over.measure)
            if percent is None:
                raise InvalidInput(self.texts[f"need_{when.over.measure}"].say(),
                                   field=ask.get(when.over.measure, "over_percent"))
            if not when.over.holds(percent):
                return False
        if when.seats is not None:
            if facts.seats is None:
                raise InvalidInput(self.texts["need_seats"].say(), field=ask.get("seats", "seats"))
            if facts.seats < when.seats:
                return False
        if when.vehicles:
            if facts.vehicle is None:
                raise InvalidInput(self.texts["need_vehicle"].say(), field=ask.get("vehicle", "vehicle"))
            return any(self.member(code, facts.vehicle, ask.get("vehicle", "vehicle")) for code in when.vehicles)
        return True

    def points_rules(self, day: dt.date) -> PointsRules | None:
        return next((r for r in self.rules.points if r.in_force(day)), None)
