"""The numbers a request may set: targets handed down by a superior authority, which replace the
seed's (清单：以上级下达监督检查指标为准), and the population a share or "every unit" is counted on."""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..errors import InvalidInput
from ..steps import Step
from .model import CALENDAR_WINDOWS, OVERRIDABLE, Regime, Requirement, percent, to_share


def apply_overrides(regime: Regime, overrides: dict[str, dict[str, Any]]) -> tuple[dict[str, Requirement], list[Step]]:
    """Targets from a superior authority replace the seed's numbers (清单：以上级下达监督检查指标为准)."""
    reqs = dict(regime.requirements)
    steps: list[Step] = []
    texts = regime.texts
    basis = regime.superior or texts.basis("override")
    for rid, changes in (overrides or {}).items():
        where = f"overrides.{rid}"
        req = regime.requirement(rid, where)
        if not isinstance(changes, dict):
            raise InvalidInput("应为 {字段: 数值}", field=where)
        new = req
        for key, value in changes.items():
            f = f"{where}.{key}"
            if key not in OVERRIDABLE:
                raise InvalidInput(f"不能覆盖字段 {key}（可覆盖：{'、'.join(OVERRIDABLE)}）", field=f)
            new = _OVERRIDE[key](new, value, f)
            old = getattr(req, key)
            old_text = percent(old) if isinstance(old, Fraction) else old
            steps.append(texts.step("override", None, basis, requirement=rid, key=key, old=old_text, value=value))
        reqs[rid] = new
    return reqs, steps


def _int(value, f, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"应为不小于 {minimum} 的整数", field=f)
    return value


def _times(req: Requirement, value: Any, f: str) -> Requirement:
    return replace(req, times=_int(value, f, 1))


def _officers(req: Requirement, value: Any, f: str) -> Requirement:
    return replace(req, officers=_int(value, f, 1))


def _units(req: Requirement, value: Any, f: str) -> Requirement:
    if req.triggered:
        raise InvalidInput("按次触发的指标没有每次覆盖数", field=f)
    coverage = "per_unit" if req.coverage == "per_unit" else "units"
    return replace(req, units=_int(value, f, 1), coverage=coverage, share=None)


def _share(req: Requirement, value: Any, f: str) -> Requirement:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise InvalidInput("应为 0 到 100 之间的百分数（如 30 表示 30%）", field=f)
    if req.triggered:
        raise InvalidInput("按次触发的指标没有抽查比例", field=f)
    return replace(req, share=to_share(value), coverage="share", units=None, population=req.population or "总数")


def _window(req: Requirement, value: Any, f: str) -> Requirement:
    if req.triggered or value not in CALENDAR_WINDOWS:
        raise InvalidInput(f"窗口应为 {'、'.join(CALENDAR_WINDOWS)} 之一（按次触发的指标不能改窗口）", field=f)
    return replace(req, window=value)


# One function per key a superior may set (OVERRIDABLE): it checks the value and gives the new requirement.
_OVERRIDE = {"times": _times, "officers": _officers, "units": _units, "share": _share, "window": _window}


def population_for(req: Requirement, population: Any, labels: list[str]) -> dict[str, int | None]:
    """The population each window of `req` applies to: one number, or a number per window label."""
    if isinstance(population, dict):
        value = population.get(req.id)
        where = f"population.{req.id}"
    else:
        value = population
        where = "population"
    if value is None:
        return {label: None for label in labels}
    if isinstance(value, dict):
        unknown = [k for k in value if k not in labels]
        if unknown:
            raise InvalidInput(f"没有名为 {unknown[0]} 的窗口（本期间的窗口：{'、'.join(labels)}）",
                               field=f"{where}.{unknown[0]}")
        for k, v in value.items():
            _int(v, f"{where}.{k}", 0)
        return {label: value.get(label) for label in labels}
    _int(value, where, 0)
    return {label: value for label in labels}
