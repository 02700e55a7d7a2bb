"""The JSON of inspection regimes, plans and compliance: /v1/inspections… and `calc inspections --json`."""
from __future__ import annotations

from .. import inspections as ins
from .cites import cited
from .rules import rule_version
from .steps import steps_json


def _regime(r: ins.Regime) -> dict:
    return {"id": r.id, "title": r.title, "unit": r.unit, "object": r.object, "seed": r.seed,
            **cited(r.basis), "superior": r.superior, **r.extra,
            "requirements": [q.describe() for q in r.requirements.values()]}


def _window(w: ins.Window) -> dict:
    q = w.requirement
    return {"requirement": q.id, "title": q.title, "window": q.window, "label": w.label,
            "start": w.start.isoformat(), "end": w.end.isoformat(), "partial": w.partial,
            "full_start": w.full_start.isoformat() if w.full_start else None,
            "full_end": w.full_end.isoformat() if w.full_end else None,
            "due": w.due.isoformat() if w.due else None, "times": w.times, "population": w.population,
            "units_per_time": w.units_per_time, "min_units": w.min_units,
            "min_per_inspection": w.min_per_inspection, "officers": q.officers, "quota": q.has_quota,
            **cited(q.basis), "steps": steps_json(w.steps),
            **({"range": {"earliest": w.range[0].isoformat(), "latest": w.range[1].isoformat()}} if w.range else {})}


def _triggered(q: ins.Requirement) -> dict:
    return {"requirement": q.id, "title": q.title, "window": q.window, "trigger": q.trigger,
            "phase": q.phase, "times": q.times, "officers": q.officers, "quota": q.has_quota,
            "note": q.note, **cited(q.basis)}


def _plan(p: ins.Plan) -> dict:
    r = p.regime
    return {"id": r.id, "title": r.title, "unit": r.unit, "start": p.start.isoformat(), "end": p.end.isoformat(),
            "provisional": p.provisional, "calendar_years": list(p.calendar_years),
            "rule_versions": [rule_version("inspection_regime", r.id, digest=r.digest)],
            "windows": [_window(w) for w in p.windows], "per_event": [_triggered(q) for q in p.triggered],
            "overrides": steps_json(p.overrides), "assumptions": list(p.assumptions)}


def _discounted(d: ins.Discounted) -> dict:
    e = d.entry
    return {"index": e.index, "date": e.date.isoformat(), "requirement": e.requirement, "units": e.units,
            "officers": e.officers, "reason": d.reason}


def _compliance(c: ins.Compliance) -> dict:
    out = _plan(c.plan)
    out["windows"] = [
        {**_window(w.window), "done": w.done, "units_done": w.units_done, "met": w.met, "short": w.short,
         "units_short": w.units_short, "verdict": w.verdict, "counted": list(w.counted),
         "discounted": [_discounted(d) for d in w.discounted]}
        for w in c.windows]
    out["per_event"] = [
        {**_triggered(t.requirement), "logged": t.logged, "counted": t.counted,
         "discounted": [_discounted(d) for d in t.discounted]}
        for t in c.triggered]
    out["discounted"] = [_discounted(d) for d in c.discounted]
    out["assumptions"] = list(c.assumptions)
    judged = [w for w in c.windows if w.met is not None]
    out["summary"] = {"windows": len(judged), "met": sum(1 for w in judged if w.met),
                      "short": [f"{w.window.requirement.id} {w.window.label}" for w in judged if not w.met],
                      "undetermined": [f"{w.window.requirement.id} {w.window.label}" for w in c.windows
                                       if w.met is None and w.window.requirement.has_quota]}
    return out


regime_json, plan_json, compliance_json = _regime, _plan, _compliance
