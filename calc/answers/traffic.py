"""The JSON of the traffic answers: the catalogue (/v1/traffic/violations), an assessment, a measured
speed or load, and the points cycle (API.md 1.1 "Road traffic"). Every basis goes out with its
`cites` and `citation` (`cited`); money as JSON numbers with at most two decimals.
"""
from __future__ import annotations

from decimal import Decimal

from ..citations import join
from ..traffic import catalogue
from ..traffic.assess import Applied, Assessment
from ..traffic.measured import Measured, shown
from ..traffic.model import Act, Band, Measure, Traffic, Version, When
from ..traffic.points import PointsAnswer
from ..traffic.words import measure_words, sanctions
from .cites import cited
from .rules import rule_version
from .steps import steps_json


def money(d: Decimal) -> int | float:
    q = Decimal(d).quantize(Decimal("0.01"))
    return int(q) if q == q.to_integral_value() else float(q)


def fine_json(band: Band | None):
    return None if band is None or band.fine is None else {"min": money(band.fine.min), "max": money(band.fine.max)}


def effective(v: Version) -> dict:
    return {"from": v.first.isoformat(), "until": v.until.isoformat() if v.until else None}


def measure_json(t: Traffic, m: Measure) -> dict:
    out = {"kind": m.kind, "optional": m.optional}
    for key in ("months", "min_days", "days", "years"):
        if getattr(m, key) is not None:
            out[key] = getattr(m, key)
    if m.lifetime:
        out["lifetime"] = True
    if m.detail:
        out["detail"] = m.detail
    return out | {"text": measure_words(t.texts, m), **cited(m.basis)}


def when_json(w: When) -> dict:
    over = None if w.over is None else {"measure": w.over.measure,
                                        "min": None if w.over.min is None else float(w.over.min),
                                        "below": None if w.over.below is None else float(w.over.below)}
    return {"vehicles": list(w.vehicles), "roads": list(w.roads), "over": over, "seats": w.seats,
            "circumstances": list(w.circumstances)}


def band_json(t: Traffic, b: Band) -> dict:
    return {"when": when_json(b.when), "fine": fine_json(b), "fine_text": b.fine_text, "warning": b.warning,
            "points": b.points, "measures": [measure_json(t, m) for m in b.measures], "text": b.text,
            "sanctions": sanctions(t.texts, b), **cited(b.basis)}


def version_json(t: Traffic, v: Version) -> dict:
    return {"effective": effective(v), **cited(v.basis), "text": v.text, "note": v.note,
            "bands": [band_json(t, b) for b in v.bands]}


def _current(versions) -> list:
    return [versions[-1]] if versions else []


def act_basis(t: Traffic, act: Act):
    """The act's texts as they stand (each part's latest version), one basis."""
    parts = [v.basis for cid in act.national for v in _current(t.clauses[cid].versions)]
    parts += [v.basis for v in (*_current(act.hebei), *_current(act.points))]
    return join(*parts) if parts else None


def summary_json(t: Traffic, act: Act) -> dict:
    return {"id": act.id, "title": act.title, "party": act.party, "keywords": list(act.keywords),
            **cited(act_basis(t, act))}


def act_json(t: Traffic, act: Act) -> dict:
    return summary_json(t, act) | {
        "party_title": t.parties[act.party].title, "note": act.note, "measure": act.measure,
        "national": [{"clause": cid, "title": t.clauses[cid].title,
                      "versions": [version_json(t, v) for v in t.clauses[cid].versions]} for cid in act.national],
        "hebei": [version_json(t, v) for v in act.hebei],
        "points": [version_json(t, v) for v in act.points],
    }


def codes_json(t: Traffic) -> dict:
    named = (lambda items: [{"code": x.code, "title": x.title} for x in items.values()])
    return {"vehicles": named(t.vehicles),
            "groups": [{"code": g.code, "title": g.title, "members": sorted(g.members),
                        "undetermined": sorted(g.undetermined), **cited(g.basis)} for g in t.groups.values()],
            "roads": named(t.roads), "circumstances": named(t.circumstances), "licences": named(t.licences),
            "parties": [{"code": p.code, "title": p.title, "collect_on_the_spot": p.collect_on_the_spot,
                         "scored": p.scored} for p in t.parties.values()]}


def search_json(t: Traffic, q: str | None, law: str | None, article: int | None) -> dict:
    items = catalogue.search(t, q)
    if law is not None:
        wanted = {a.id for a in catalogue.citing(t, law, article)}
        items = [a for a in items if a.id in wanted]
    return {"items": [summary_json(t, a) for a in items]}


# ---------------------------------------------------------------- an assessment


def _national_json(t: Traffic, a: Applied) -> dict:
    return {"clause": a.clause.id, "title": a.clause.title, **cited(a.version.basis), "text": a.version.text,
            "effective": effective(a.version), "sanctions": sanctions(t.texts, a.band) if a.band else None,
            "why": a.why}


def _hebei_json(a: Assessment):
    h = a.hebei
    if h is None or h.band is None:
        return None
    return {**cited(h.band.basis), "text": h.version.text, "effective": effective(h.version),
            "amount": money(h.band.fine.max), "warning": h.band.warning, "applies": a.hebei_applies}


def _payment_json(t: Traffic, a: Assessment) -> dict:
    p, rule = a.payment, t.rules.payment
    due = p.due
    late = None if p.late is None else {"fine": money(p.late.fine), "days_late": p.late.days,
                                        "surcharge": money(p.late.surcharge), "capped": p.late.capped,
                                        "total": money(p.late.total)}
    return {"within_days": rule.within.amount, **cited(rule.basis),
            "collect_on_the_spot": {"status": p.collect, "explanation": p.collect_explanation,
                                    **cited(rule.collect_basis)},
            "surcharge": {"daily_rate": float(rule.daily_rate), **cited(rule.rate_basis),
                          "cap_ratio": float(rule.cap_ratio), "cap": cited(rule.cap_basis)},
            "due": due.due.isoformat() if due else None, "late": late,
            "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else []}


def assessment_json(t: Traffic, a: Assessment) -> dict:
    act, f = a.act, a.facts
    spot = a.on_the_spot
    due = a.payment.due
    return {
        "id": act.id, "title": act.title, "party": act.party,
        "act_date": a.act_date.isoformat(), "decision_date": a.decision_date.isoformat(),
        "vehicle": f.vehicle, "road": f.road, "circumstances": sorted(f.circumstances),
        "fine": None if a.fine is None else {"min": money(a.fine.min), "max": money(a.fine.max)},
        "fine_text": a.fine_text, "warning": a.warning,
        "fine_source": "hebei" if a.hebei_applies else "national" if (a.fine or a.fine_text or a.warning) else None,
        "points": a.points, "measures": [measure_json(t, m) for m in a.measures], **cited(a.basis),
        "national": [_national_json(t, x) for x in a.national], "hebei": _hebei_json(a),
        "points_rule": None if a.points_band is None else {
            "points": a.points_band.points, "text": a.points_band.text or a.points_version.text,
            **cited(a.points_band.basis)},
        "on_the_spot": {"status": spot.status, "explanation": spot.explanation, **cited(spot.basis),
                        "limit": money(spot.limit)},
        "payment": _payment_json(t, a), "notes": list(a.notes), "steps": steps_json(a.steps),
        "rule_versions": [rule_version("traffic_act", act.id, digest=act.digest),
                          *(rule_version("traffic_clause", x.clause.id, x.version.basis, x.version.first,
                                         x.version.until, digest=x.clause.digest) for x in a.national)],
        "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else [],
    }


def measured_json(t: Traffic, m: Measured, load: bool = False) -> dict:
    """The assessment of the act a measured case falls under, with the act and the per cent over
    (of the total mass too, for a load)."""
    out = assessment_json(t, m.assessment)
    out["steps"] = steps_json(m.steps) + out["steps"]
    out |= {"violation": m.act, "over_percent": float(shown(m.percent))}
    if load:
        out["total_over_percent"] = None if m.total_percent is None else float(shown(m.total_percent))
    return out


# ---------------------------------------------------------------- the points cycle


def points_json(t: Traffic, p: PointsAnswer) -> dict:
    study = None if p.study is None else {"days": p.study.days, "times": p.study.times,
                                          "onsite_or_online": p.study.onsite_or_online, "onsite": p.study.onsite,
                                          **cited(p.study.basis)}
    r = p.review
    due = r.due
    return {
        "first_licence": p.first_licence.isoformat(), "on": p.on.isoformat(), "vehicle": p.licence,
        "cycle": {"start": p.start.isoformat(), "end": p.end.isoformat()},
        "total": p.total, "full": p.full, "full_on": p.full_on.isoformat() if p.full_on else None,
        "study_days": p.study.days if p.study else None, "study": study, "exams": list(p.exams),
        "reduced": p.reduced,
        "entries": [{"date": c.entry.date.isoformat(), "points": c.points, "violation": c.entry.violation,
                     "status": c.status} for c in p.entries],
        "review": {"required": r.required, "due": due.due.isoformat() if due else None, "reason": r.why,
                   **cited(r.basis)},
        "notes": list(p.notes), "steps": steps_json(p.steps),
        "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else [],
    }
