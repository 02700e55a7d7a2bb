"""The JSON of inspection regimes, plans and compliance: /v1/inspections… and `calc inspections --json`."""
from typing import Annotated, Any, NotRequired, TypedDict

from .. import inspections as ins
from ..inspections.model import Coverage, WindowKind, percent
from .cites import Citation, Cites, cited
from .common import PRESUMED, CalendarDependent, RangeOut
from .doc import Day, Doc
from .rules import RuleVersions, rule_version
from .steps import NoteStepOut, note_steps_json


class RequirementOut(TypedDict):
    id: str
    title: str
    window: WindowKind
    times: int | None
    coverage: Coverage
    units: int | None
    share: Annotated[float | None, Doc("百分数，30 表示 30%")]
    officers: int | None
    population: str | None
    unit_label: str
    trigger: str | None
    phase: str | None
    by: str | None
    due: str
    quota: bool
    note: str | None
    basis: str
    cites: Cites
    citation: Citation


class FactOut(TypedDict):
    id: str
    text: str
    value: float
    basis: str
    cites: Cites
    citation: Citation


class RegimeOut(TypedDict):
    id: str
    title: str
    unit: str
    object: str
    seed: str
    basis: str
    cites: Cites
    citation: Citation
    superior: str | None
    audience_min: NotRequired[Annotated[int, Doc("营业性演出：须监督的最小规模（人）")]]
    facts: NotRequired[Annotated[list[FactOut], Doc("清单本节中不属于检查指标的其他数字")]]
    requirements: list[RequirementOut]


class RegimesOut(TypedDict):
    items: list[RegimeOut]


class WindowOut(TypedDict):
    requirement: str
    title: str
    window: str
    label: str
    start: Day
    end: Day
    partial: Annotated[bool, Doc("窗口被所问期间截断；指标仍按完整窗口，核查时未达标记为未下结论（met: null）")]
    full_start: Day | None
    full_end: Day | None
    due: Day | None
    times: int | None
    population: int | None
    units_per_time: int | None
    min_units: int | None
    min_per_inspection: int
    officers: int | None
    quota: bool
    basis: str
    cites: Cites
    citation: Citation
    steps: list[NoteStepOut]
    range: NotRequired[Annotated[RangeOut, PRESUMED]]


class TriggeredOut(TypedDict):
    requirement: str
    title: str
    window: str
    trigger: str
    phase: str | None
    times: int | None
    officers: int | None
    quota: bool
    note: str | None
    basis: str
    cites: Cites
    citation: Citation


class PlanOut(CalendarDependent):
    rule_versions: RuleVersions
    id: str
    title: str
    unit: str
    start: Day
    end: Day
    windows: list[WindowOut]
    per_event: list[TriggeredOut]
    overrides: list[NoteStepOut]
    assumptions: list[str]


class DiscountedOut(TypedDict):
    index: int
    date: Day
    requirement: str
    units: int
    officers: int | None
    reason: str


class WindowResultOut(WindowOut):
    done: int
    units_done: int
    met: Annotated[bool | None, Doc("null：清单无定额，或窗口只有部分在期间内且尚未达标")]
    short: int
    units_short: int | None
    verdict: str
    counted: list[int]
    discounted: list[DiscountedOut]


class TriggeredResultOut(TriggeredOut):
    logged: int
    counted: int
    discounted: list[DiscountedOut]


class ComplianceOut(CalendarDependent):
    """PlanOut's keys, its windows and per-event requirements as results (a TypedDict cannot
    retype an inherited key), and what was discounted."""

    rule_versions: RuleVersions
    id: str
    title: str
    unit: str
    start: Day
    end: Day
    windows: list[WindowResultOut]
    per_event: list[TriggeredResultOut]
    overrides: list[NoteStepOut]
    assumptions: list[str]
    discounted: list[DiscountedOut]
    summary: dict[str, Any]


def _requirement(q: ins.Requirement) -> RequirementOut:
    return {"id": q.id, "title": q.title, "window": q.window, "times": q.times, "coverage": q.coverage,
            "units": q.units, "share": percent(q.share) if q.share is not None else None,
            "officers": q.officers, "population": q.population, "unit_label": q.unit_label, "trigger": q.trigger,
            "phase": q.phase, "by": q.by, "due": q.due, "quota": q.has_quota, "note": q.note, **cited(q.basis)}


class _Besides(TypedDict, total=False):
    """What a regime states besides its requirements (calc/inspections/load.py `_extra`)."""

    audience_min: int
    facts: list[FactOut]


def _regime(r: ins.Regime) -> RegimeOut:
    besides: _Besides = {}
    if "audience_min" in r.extra:
        besides["audience_min"] = r.extra["audience_min"]
    if "facts" in r.extra:
        besides["facts"] = r.extra["facts"]
    return {"id": r.id, "title": r.title, "unit": r.unit, "object": r.object, "seed": r.seed, **cited(r.basis),
            "superior": r.superior, **besides, "requirements": [_requirement(q) for q in r.requirements.values()]}


def regimes_json(regimes) -> RegimesOut:
    return {"items": [_regime(r) for r in regimes]}


def _window(w: ins.Window) -> WindowOut:
    q = w.requirement
    out: WindowOut = {
        "requirement": q.id, "title": q.title, "window": q.window, "label": w.label,
        "start": w.start.isoformat(), "end": w.end.isoformat(), "partial": w.partial,
        "full_start": w.full_start.isoformat() if w.full_start else None,
        "full_end": w.full_end.isoformat() if w.full_end else None,
        "due": w.due.isoformat() if w.due else None, "times": w.times, "population": w.population,
        "units_per_time": w.units_per_time, "min_units": w.min_units,
        "min_per_inspection": w.min_per_inspection, "officers": q.officers, "quota": q.has_quota,
        **cited(q.basis), "steps": note_steps_json(w.steps)}
    if w.range:
        out["range"] = {"earliest": w.range[0].isoformat(), "latest": w.range[1].isoformat()}
    return out


def _triggered(q: ins.Requirement) -> TriggeredOut:
    assert q.trigger is not None  # the loader refuses a triggered requirement without one
    return {"requirement": q.id, "title": q.title, "window": q.window, "trigger": q.trigger,
            "phase": q.phase, "times": q.times, "officers": q.officers, "quota": q.has_quota,
            "note": q.note, **cited(q.basis)}


def _plan(p: ins.Plan) -> PlanOut:
    r = p.regime
    return {"id": r.id, "title": r.title, "unit": r.unit, "start": p.start.isoformat(), "end": p.end.isoformat(),
            "provisional": p.provisional, "calendar_years": list(p.calendar_years),
            "rule_versions": [rule_version("inspection_regime", r.id, digest=r.digest)],
            "windows": [_window(w) for w in p.windows], "per_event": [_triggered(q) for q in p.triggered],
            "overrides": note_steps_json(p.overrides), "assumptions": list(p.assumptions)}


def _discounted(d: ins.Discounted) -> DiscountedOut:
    e = d.entry
    return {"index": e.index, "date": e.date.isoformat(), "requirement": e.requirement, "units": e.units,
            "officers": e.officers, "reason": d.reason}


def _compliance(c: ins.Compliance) -> ComplianceOut:
    judged = [w for w in c.windows if w.met is not None]
    return {
        **_plan(c.plan),
        "windows": [
            {**_window(w.window), "done": w.done, "units_done": w.units_done, "met": w.met, "short": w.short,
             "units_short": w.units_short, "verdict": w.verdict, "counted": list(w.counted),
             "discounted": [_discounted(d) for d in w.discounted]}
            for w in c.windows],
        "per_event": [
            {**_triggered(t.requirement), "logged": t.logged, "counted": t.counted,
             "discounted": [_discounted(d) for d in t.discounted]}
            for t in c.triggered],
        "discounted": [_discounted(d) for d in c.discounted],
        "assumptions": list(c.assumptions),
        "summary": {"windows": len(judged), "met": sum(1 for w in judged if w.met),
                    "short": [f"{w.window.requirement.id} {w.window.label}" for w in judged if not w.met],
                    "undetermined": [f"{w.window.requirement.id} {w.window.label}" for w in c.windows
                                     if w.met is None and w.window.requirement.has_quota]},
    }


regime_json, plan_json, compliance_json = _regime, _plan, _compliance
