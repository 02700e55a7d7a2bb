"""The things an inspection plan is made of: regimes and their requirements, the windows a plan
owes, a log's entries, and the results of checking a log against the plan. Frozen dataclasses and
the exact arithmetic of shares; no dates are counted here."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal, get_args

from ..errors import InvalidInput, NotFound
from ..nodes import Fingerprint
from ..steps import Step
from .texts import Texts

CALENDAR_WINDOWS = ("month", "quarter", "year")
WindowKind = Literal["month", "quarter", "year", "period", "event", "case"]
WINDOWS: tuple[WindowKind, ...] = get_args(WindowKind)
TRIGGERED = ("event", "case")
Coverage = Literal["all", "units", "share", "per_unit", "none"]
COVERAGES: tuple[Coverage, ...] = get_args(Coverage)
NEEDS_POPULATION = ("all", "share", "per_unit")
OVERRIDABLE = ("times", "units", "share", "officers", "window")


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    window: WindowKind
    coverage: Coverage
    basis: str
    times: int | None = None
    units: int | None = None
    share: Fraction | None = None  # percent
    officers: int | None = None
    population: str | None = None  # what the population counts
    unit_label: str = "家"
    trigger: str | None = None
    phase: str | None = None
    by: str | None = None
    due: str = "end"
    quota: bool = True
    note: str | None = None

    @property
    def triggered(self) -> bool:
        return self.window in TRIGGERED

    @property
    def has_quota(self) -> bool:
        return self.quota and (self.times is not None or self.coverage != "none")


@dataclass(frozen=True)
class Regime:
    id: str
    title: str
    unit: str
    object: str
    seed: str
    basis: str
    superior: str | None
    requirements: dict[str, Requirement]
    extra: dict = field(default_factory=dict)
    digest: "str | Fingerprint" = ""  # of the regime's table in its schedule file
    texts: Texts | None = field(default=None, compare=False, repr=False)  # what its answers say

    def requirement(self, rid: str, where: str) -> Requirement:
        try:
            return self.requirements[rid]
        except KeyError:
            raise InvalidInput(f"制度 {self.id} 没有编号为 {rid} 的检查指标（可选：{'、'.join(self.requirements)}）",
                               field=where) from None


@dataclass(frozen=True)
class Window:
    requirement: Requirement
    label: str
    start: dt.date
    end: dt.date
    partial: bool
    due: dt.date | None
    times: int | None
    population: int | None
    units_per_time: int | None
    min_units: int | None
    min_per_inspection: int  # an inspection covering fewer units does not count
    steps: tuple[Step, ...]
    full_start: dt.date | None = None  # the whole calendar window, when `partial`
    full_end: dt.date | None = None
    range: tuple[dt.date, dt.date] | None = None  # provisional due: where the real one can fall


@dataclass(frozen=True)
class Plan:
    regime: Regime
    start: dt.date
    end: dt.date
    windows: tuple[Window, ...]
    triggered: tuple[Requirement, ...]
    overrides: tuple[Step, ...]
    assumptions: tuple[str, ...]
    provisional: bool
    calendar_years: tuple[int, ...]


@dataclass(frozen=True)
class Entry:
    index: int
    date: dt.date
    requirement: str
    units: int
    officers: int | None = None


@dataclass(frozen=True)
class Discounted:
    entry: Entry
    reason: str


@dataclass(frozen=True)
class WindowResult:
    window: Window
    done: int
    units_done: int
    met: bool | None
    short: int
    units_short: int | None
    counted: tuple[int, ...]
    discounted: tuple[Discounted, ...]
    verdict: str = ""  # what the window's result says (calc/inspections/log.py `_verdict`)


@dataclass(frozen=True)
class TriggeredResult:
    requirement: Requirement
    logged: int
    counted: int
    discounted: tuple[Discounted, ...]


@dataclass(frozen=True)
class Compliance:
    plan: Plan
    windows: tuple[WindowResult, ...]
    triggered: tuple[TriggeredResult, ...]
    discounted: tuple[Discounted, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class Inspections:
    regimes: dict[str, Regime]

    def get(self, regime_id: str) -> Regime:
        try:
            return self.regimes[regime_id]
        except KeyError:
            raise NotFound(f"没有编号为 {regime_id} 的监督检查制度", field="id") from None


# -- arithmetic -----------------------------------------------------------------------------------

def percent(share: Fraction) -> int | float:
    return int(share) if share.denominator == 1 else float(share)


def share_of(share: Fraction, population: int) -> int:
    """⌈share% × population⌉ in exact arithmetic (0.15 × 20 is 3, not 3.0000000000000004 → 4)."""
    return math.ceil(share * population / 100)


def to_share(value: Any) -> Fraction:
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"不是数值: {value!r}") from exc
