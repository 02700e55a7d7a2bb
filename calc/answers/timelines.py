"""The JSON of procedures and their chained due dates: GET and POST /v1/timelines, `calc timeline --json`."""
from __future__ import annotations

import datetime as dt

from .. import timelines as dom
from ..periods import Period
from .cites import cited
from .rules import rule_version
from .steps import steps_json


def moment(value):
    """A date as YYYY-MM-DD; a date and time (procedures counted in hours, Beijing time) as
    YYYY-MM-DDTHH:MM; None as None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return moment(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _span(span: Period | None) -> dict:
    if span is None:
        return {"amount": None, "unit": None, "direction": None}
    return {"amount": span.amount, "unit": span.unit, "direction": span.direction}


def _extension_rule(e: dom.Extension | None):
    if e is None:
        return None
    return {"amount": e.period.amount, "unit": e.period.unit, "times": e.times, "condition": e.condition,
            **cited(e.basis)}


def _labels(s: dom.Stage) -> dict:
    """API 1.1 additions: the stage's short label and what the applicant obtains at its end (data,
    never cut out of `title`)."""
    return {"short_title": s.short, "issues": s.issues}


def stage_json(s: dom.Stage) -> dict:
    return {"id": s.id, "authority": s.authority, "title": s.title, **_labels(s), "kind": s.kind, **_span(s.span),
            "anchor": s.anchor, "when": s.when, **cited(s.basis),
            "extension": _extension_rule(s.extension),
            "pauses": {**cited(s.pauses.basis), "reason": s.pauses.reason} if s.pauses else None,
            "variants": [{"code": v.code, "title": v.title, "amount": v.span.amount, "unit": v.span.unit,
                          **cited(v.basis), "extension": _extension_rule(v.extension)} for v in s.variants],
            "renewals": [{"amount": r.period.amount, "least": r.least, "unit": r.period.unit, "approver": r.approver,
                          "condition": r.condition, **cited(r.basis)} for r in s.renewals],
            "restart": {**cited(s.restart.basis), "reason": s.restart.reason} if s.restart else None,
            "decided_amount": ({"what": s.decided_amount.what, **cited(s.decided_amount.basis)}
                               if s.decided_amount else None),
            "restricts_liberty": s.restricts_liberty}


def _effective(v: dom.Version):
    if v.effective_from is None:
        return None
    return {"from": v.effective_from.isoformat(), "until": moment(v.effective_until)}


def version_json(v: dom.Version) -> dict:
    return {"label": v.label, "effective": _effective(v), "start_label": v.start_label, "summary": v.summary,
            "caveat": v.caveat, "stages": [stage_json(s) for s in v.stages]}


def procedure_json(p: dom.Procedure) -> dict:
    return {"id": p.id, "title": p.title, "start_label": p.start_label, "event_label": p.event_label,
            "seed": p.seed, "compare_with": p.compare_with, "remarks": list(p.remarks),
            "stages": [stage_json(s) for s in p.latest.stages],
            "versions": [version_json(v) for v in p.versions]}


def result_json(r: dom.StageResult) -> dict:
    s = r.stage
    ext = None
    if r.extension:
        ext = {"amount": r.extension.period.amount, "unit": r.extension.period.unit, **cited(r.extension.basis)}
    earliest = None
    if r.earliest:
        e = r.earliest
        earliest = {"date": e.date.isoformat(), "amount": e.period.amount, "unit": e.period.unit, "rule": e.what,
                    **cited(e.basis)}
    return {"id": s.id, "authority": s.authority, "title": s.title, **_labels(s), "kind": s.kind, "when": s.when,
            "start": moment(r.start), "due": moment(r.due), **_span(r.span),
            "variant": {"code": r.variant.code, "title": r.variant.title} if r.variant else None, "extension": ext,
            "pauses": [{"start": p.start.isoformat(), "end": p.end.isoformat(), "reason": p.reason}
                       for p in r.pauses],
            "earliest": earliest, "decided": moment(r.decided), "status": r.status,
            "steps": steps_json(r.steps), **cited(r.basis),
            "provisional": r.provisional, "calendar_years": list(r.calendar_years),
            **_range(r.range)}


def _range(span) -> dict:
    return {"range": {"earliest": moment(span[0]), "latest": moment(span[1])}} if span else {}


def timeline_json(t: dom.Timeline) -> dict:
    v = t.version
    return {"id": t.procedure.id, "title": t.procedure.title,
            "start_label": v.start_label or t.procedure.start_label,
            "version": {"label": v.label, "effective": _effective(v)} if v.label else None,
            "start": moment(t.start), "event": moment(t.event),
            "stages": [result_json(r) for r in t.stages], "completion": moment(t.completion),
            "notes": [{"code": n.code, "text": n.text, "details": _plain(dict(n.details))} for n in t.notes],
            "provisional": t.provisional, "calendar_years": list(t.calendar_years),
            "rule_versions": [rule_version("procedure", t.procedure.id, v.label, v.effective_from,
                                           v.effective_until, digest=t.procedure.digest)],
            **({"completion_range": _range(t.completion_range)["range"]} if t.completion_range else {})}
