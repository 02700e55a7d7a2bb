"""The JSON of penalty bands, assessments, late fees and thresholds: /v1/penalties, /v1/thresholds, `calc penalty --json`.

Money goes out as JSON numbers with at most two decimals.
"""
from __future__ import annotations

from decimal import Decimal

from .. import penalties as dom
from .cites import cited
from .. import thresholds as thr
from .rules import rule_version
from .steps import steps_json


def money(d: Decimal) -> int | float:
    """Yuan as a JSON number with at most two decimals (1000, 12.5, 0.03)."""
    q = Decimal(d).quantize(dom.FEN)
    return int(q) if q == q.to_integral_value() else float(q)


def fine_json(f: dom.Fine | None):
    return None if f is None else {"min": money(f.min), "max": money(f.max)}


def band_json(b: dom.Band, party: str | None, names: dict | None = None) -> dict:
    shown = party or "individual"
    c = (names or {}).get(b.when)
    return {
        "when": b.when, "circumstance": c.text if c else b.when, "replaces_base": b.replaces_base,
        "fine": fine_json(b.fine(shown)),
        "fine_by_party": None if b.fines is None else {p: fine_json(f) for p, f in b.fines.items()},
        "fine_optional": b.fine_optional, "warning": b.warning,
        "detention_days_max": b.detention_max or None, "order_to_correct": b.order_to_correct,
        "licence": None if b.licence is None else {"action": b.licence.action, "document": b.licence.document,
                                                   "text": b.licence.describe()},
        "suspension": b.suspension, "confiscate": b.confiscate, "criminal": b.criminal,
        "sanctions": b.sanctions(shown), **cited(b.basis),
        "detention": None if b.detention is None else {"min": b.detention[0], "max": b.detention[1]},
        "combination": b.mode,
        "with_warning": b.with_warning, "discretionary": b.discretionary, "measure": b.measure,
        "persons_fine": fine_json(b.persons_fine),
    }


def beside_json(b: dom.BesideRule) -> dict:
    return {**cited(b.basis), "text": b.text, "why": b.why, "violation": b.violation,
            "effective": None if b.first is None and b.until is None else effective(b)}


def aggravation_json(a: dom.Aggravation, names: dict | None = None) -> dict:
    c = (names or {}).get(a.code)
    return {"code": a.code, "circumstance": c.text if c else a.code, "text": a.text, **cited(a.basis)}


def effective(v) -> dict:
    return {"from": v.first.isoformat(), "until": v.until.isoformat() if v.until else None}


def elsewhere_json(v: dom.Version) -> dict | None:
    """Who punished the act instead, where this text gives the PSB no penalty (null: nobody said)."""
    e = v.elsewhere
    return None if e is None else {"authority": e.authority, "text": e.text, **cited(e.basis)}


def rests_on_json(v: dom.Version) -> dict:
    """Where the quoted text comes from when the law itself was not at hand (null: the law's text)."""
    return {"rests_on": v.rests_on, "rests_on_text": v.rests_on_text}


def version_ref(v: dom.Version | None):
    return None if v is None else {**cited(v.basis), "effective": effective(v), "text": v.text, **rests_on_json(v),
                                   "punishable": v.punishable, "elsewhere": elsewhere_json(v)}


def summary_json(v: dom.Violation) -> dict:
    return {"id": v.id, "title": v.title, "authority": v.authority, **cited(v.basis), "seed": v.seed,
            "regime": v.regime, "section": v.section}


def circumstance_json(c: dom.Circumstance) -> dict:
    return {"code": c.code, "text": c.text, "general": c.general, "aggravation": c.aggravation}


def violation_json(v: dom.Violation, p: dom.Penalties) -> dict:
    return summary_json(v) | {
        "keywords": list(v.keywords), "acts": list(v.acts), "correspondence": v.correspondence,
        "circumstances": [circumstance_json(c) for c in p.codes(v)],
        "versions": [{"effective": effective(x), **cited(x.basis), "text": x.text, **rests_on_json(x),
                      "punishable": x.punishable,
                      "bands": [band_json(b, None, p.circumstances) for b in x.bands],
                      "aggravations": [aggravation_json(a, p.circumstances) for a in x.aggravations],
                      "elsewhere": elsewhere_json(x), "regime": v.regime_of(x), "caveat": x.caveat,
                      "beside": [beside_json(b) for b in x.beside]}
                     for x in v.versions],
    }


def law_json(law) -> dict:
    return {"name": law.name, "title": law.title,
            "versions": [{"name": x.name, "effective": effective(x), "note": x.note} for x in law.versions]}


def fact_json(f: dom.Fact) -> dict:
    return {"status": f.status, "explanation": f.explanation, **cited(f.basis),
            "limit": None if f.limit is None else money(f.limit), "note": f.note,
            "beside": [{**cited(b), "limit": money(lim), "why": why} for b, lim, why in f.beside],
            "qualifying": [{"detention": d.detention, "warning": d.warning, "fine": fine_json(d.fine)}
                           for d in f.qualifying]}


def degree_json(d: dom.Degree) -> dict:
    return {"detention": d.detention, "added_fine": money(d.added_fine), "licence": d.licence,
            "suspension": d.suspension, "fine": money(d.fine), "no_warning": d.no_warning}


def severity_json(o: dom.Outcome) -> dict:
    """The first six fields are the version-0 summary (longest detention, licence, suspension, fine
    range, warning); `heaviest` and `lightest` are what `lighter` compares, in its order."""
    s = dom.Severity.of(o)
    fine = o.fine
    return {"detention_max": o.detention_max, "licence": 1 if o.licence else 0, "suspension": 1 if o.suspension else 0,
            "fine_max": money(fine.max if fine else 0), "fine_min": money(o.fine_floor),
            "no_warning": 0 if o.warning_possible or not fine else 1,
            "punishable": bool(s.punishable), "heaviest": degree_json(s.heaviest), "lightest": degree_json(s.lightest),
            "alternative_fine": money(s.alternative)}


def general_json(g) -> dict:
    return {"id": g.id, "title": g.title, "status": g.status, "explanation": g.explanation, **cited(g.basis),
            "text": g.text, "note": g.note}


def switch_json(s: dom.Switch) -> dict:
    return {"code": s.code, "text": s.text, "added": s.added, "applies": s.applied.basis, "rule": s.rule,
            "message": s.message}


def limitation_json(lim: dom.Limitation, start) -> dict:
    """The limitation as v1 answers it. Its `plain_end` (the corresponding day before a roll
    forward), `calendar_gap` and `provisional` are v1 keys from when the last day could move for a
    rest day; it never does (calc/penalties/limitation.py), so the plain end is the end, no
    year's notice can be missing and nothing is presumed."""
    expires = lim.expires.isoformat() if lim.expires else None
    return {
        "period": None if lim.period is None else {"amount": lim.period.amount, "unit": lim.period.unit},
        **cited(lim.basis), "start": start.isoformat(), "plain_end": expires, "expires": expires,
        "calendar_gap": None, "message": lim.message, "note": lim.note, "steps": steps_json(lim.steps),
        "provisional": False, "calendar_years": [],
    }


def assessment_json(a: dom.Assessment) -> dict:
    c, lim = a.choice, a.limitation
    names = a.names
    out = a.outcome
    return {
        "id": a.violation.id, "title": a.violation.title,
        "act_date": a.act_date.isoformat(), "decision_date": a.decision_date.isoformat(),
        "party": a.party, "circumstances": list(a.circumstances),
        "version": {
            "applied": version_ref(c.applied), "rule": c.rule, "reason": c.reason, **cited(c.basis),
            "act_version": version_ref(c.act_version), "decision_version": version_ref(c.decision_version),
            "compared": [{**cited(v.basis), "effective": effective(v), "sanctions": o.describe(),
                          "severity": severity_json(o), "text": v.text, "punishable": v.punishable}
                         for v, o in c.compared],
            "comparison": None if c.comparison is None else {
                "decided_by": c.comparison.decided_by, "aspect": c.comparison.aspect, "text": c.comparison.text},
        },
        "punishable": out.punishable if out else False,
        "bands": [band_json(b, a.party, names) for b in out.bands] if out else [],
        "notes": list(out.notes) if out else [],
        "aggravations": [aggravation_json(x, names) for x in out.aggravations] if out else [],
        "beside": [beside_json(b) for b in c.applied.beside_on(a.act_date)] if c.applied else [],
        "procedure": {"regime": a.regime.id, "applies": a.procedure_basis,
                      **{k: fact_json(a.procedure.get(k, a.no_procedure)) for k in ("simplified", "collection", "hearing")}},
        "limitation": limitation_json(lim, a.act_date),
        # the limitation is the assessment's only count, and it reads no calendar (limitation_json)
        "provisional": False, "calendar_years": [],
        "rule_versions": [rule_version("violation", a.violation.id, c.applied.basis if c.applied else None,
                                       c.applied.first if c.applied else None,
                                       c.applied.until if c.applied else None, digest=a.violation.digest)],
        "general": [general_json(g) for g in a.general],
        "switches": [switch_json(s) for s in a.switches],
    }


def late_fee_json(f: dom.LateFee, rate: Decimal) -> dict:
    return {"fine": money(f.fine), "served": f.served.isoformat(), "paid": f.paid.isoformat(),
            "due": f.due.due.isoformat(), "days_late": f.days_late, "daily_rate": float(rate),
            "surcharge": money(f.surcharge), "capped": f.capped, "total": money(f.total),
            "provisional": f.due.provisional, "calendar_years": list(f.due.calendar_years),
            **({"range": {"earliest": f.due.range[0].isoformat(), "latest": f.due.range[1].isoformat()}}
               if f.due.range else {}),
            "steps": steps_json(f.steps)}


def outcome_json(o: thr.Outcome) -> dict:
    return {"referral": o.referral, "met": o.met, "roles": list(o.roles), "authority": o.authority,
            "action": o.action, **cited(o.basis)}


def test_json(t: thr.Test) -> dict:
    return {"fact": t.fact, "op": t.op, "limit": money(t.limit), **cited(t.basis)}


def threshold_json(t: thr.Threshold) -> dict:
    return {"id": t.id, "title": t.title, "seed": t.seed, **cited(t.basis), "note": t.note,
            "facts": [{"name": f.name, "title": f.title, "kind": f.kind, "unit": f.unit, "required": f.required,
                       "choices": f.choices} for f in t.facts],
            "tests": [test_json(x) for x in t.tests], "outcomes": [outcome_json(o) for o in t.outcomes]}


def answer_json(a: thr.Answer) -> dict:
    t = a.threshold
    return {"id": t.id, "title": t.title, "met": a.met, "summary": a.summary,
            "tests": [test_json(r.test) | {"title": r.title, "value": float(r.value), "holds": r.holds,
                                           "explanation": r.explanation} for r in a.tests],
            "referrals": [outcome_json(o) for o in a.referrals], **cited(t.basis),
            "inclusive_basis": a.inclusive_basis, "note": t.note}
