"""Penalty bands, assessment, late-payment surcharge and thresholds over HTTP.

Routes carry full paths (the blueprint has no prefix) so that /v1/thresholds lives beside
/v1/penalties in this one adapter. Money goes out as JSON numbers with at most two decimals.
"""
from __future__ import annotations

from decimal import Decimal

from flask import Response, jsonify, request
from flask.views import MethodView
from werkzeug.routing import BaseConverter
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from marshmallow.validate import OneOf, Range

from .. import penalties as dom
from .. import thresholds as thr
from .fields import CalendarDependent, Day, ErrorOut, StepOut, Strict
from .state import current, today

blp = Blueprint("penalties", __name__, description="罚款幅度、裁量版本、加处罚款与立案标准")


class ViolationId(BaseConverter):
    """A violation id: any path segment except `late-fee`, which is the surcharge resource beside
    the ids (so OPTIONS /v1/penalties/late-fee does not advertise the detail's GET)."""

    regex = r"(?!late-fee$)[^/]+"


blp.record_once(lambda state: state.app.url_map.converters.setdefault("violation_id", ViolationId))

CODES = tuple(c for c in dom.CIRCUMSTANCES if c != "base")


# ---------------------------------------------------------------- schemas


class PenaltyMoneyRange(Schema):
    min = fields.Float()
    max = fields.Float()


class PenaltyEffective(Schema):
    from_ = fields.Date(data_key="from")
    until = fields.Date(allow_none=True)


class PenaltyLicenceOut(Schema):
    action = fields.String(metadata={"enum": list(dom.LICENCE_ACTIONS)})
    document = fields.String()
    text = fields.String()


class PenaltyBandOut(Schema):
    when = fields.String(metadata={"enum": list(dom.CIRCUMSTANCES)})
    circumstance = fields.String()
    replaces_base = fields.Boolean()
    fine = fields.Nested(PenaltyMoneyRange, allow_none=True)
    fine_by_party = fields.Dict(keys=fields.String(), values=fields.Nested(PenaltyMoneyRange), allow_none=True)
    fine_optional = fields.Boolean()
    warning = fields.Boolean()
    detention_days_max = fields.Integer(allow_none=True)
    order_to_correct = fields.String(allow_none=True)
    licence = fields.Nested(PenaltyLicenceOut, allow_none=True)
    suspension = fields.String(allow_none=True)
    confiscate = fields.String(allow_none=True)
    criminal = fields.Boolean()
    sanctions = fields.List(fields.String())
    basis = fields.String()


class PenaltyVersionOut(Schema):
    effective = fields.Nested(PenaltyEffective)
    basis = fields.String()
    text = fields.String()
    bands = fields.List(fields.Nested(PenaltyBandOut))


class ViolationSummary(Schema):
    id = fields.String()
    title = fields.String()
    authority = fields.String()
    basis = fields.String()
    seed = fields.String()
    regime = fields.String()


class ViolationList(Schema):
    items = fields.List(fields.Nested(ViolationSummary))


class ViolationOut(ViolationSummary):
    keywords = fields.List(fields.String())
    versions = fields.List(fields.Nested(PenaltyVersionOut))


class PenaltySearchQuery(Strict):
    q = fields.String(load_default=None, validate=lambda s: len(s) <= 200,
                      metadata={"description": "关键词（中文标题、依据、编号），空格分隔的词须全部出现"})


class PenaltyAssessIn(Strict):
    act_date = Day(required=True, metadata={"description": "违法行为发生之日（连续或继续状态的，行为终了之日）"})
    decision_date = Day(load_default=None, metadata={"description": "作出处罚决定之日，缺省为今日（北京时间）"})
    party = fields.String(required=True, validate=OneOf(tuple(dom.PARTIES)))
    circumstances = fields.List(fields.String(validate=OneOf(CODES)), load_default=list,
                                validate=lambda v: len(v) <= len(CODES))
    harm_to_life_health_finance = fields.Boolean(
        load_default=False, metadata={"description": "涉及公民生命健康安全、金融安全且有危害后果（行政处罚法第三十六条，时效五年）"})
    provisional = fields.Boolean(load_default=False, metadata={"description": "时效日超出已公布节假日安排时按放假办法推定"})


class PenaltySeverityOut(Schema):
    detention_max = fields.Integer()
    licence = fields.Integer()
    suspension = fields.Integer()
    fine_max = fields.Float()
    fine_min = fields.Float()
    no_warning = fields.Integer()


class PenaltyComparedOut(Schema):
    basis = fields.String()
    effective = fields.Nested(PenaltyEffective)
    sanctions = fields.String()
    severity = fields.Nested(PenaltySeverityOut)


class PenaltyVersionRef(Schema):
    basis = fields.String()
    effective = fields.Nested(PenaltyEffective)
    text = fields.String()


class PenaltyChoiceOut(Schema):
    applied = fields.Nested(PenaltyVersionRef, allow_none=True)
    rule = fields.String(metadata={"enum": ["same", "act_time", "decision_time_lighter", "repealed"]})
    reason = fields.String()
    basis = fields.String()
    act_version = fields.Nested(PenaltyVersionRef)
    decision_version = fields.Nested(PenaltyVersionRef, allow_none=True)
    compared = fields.List(fields.Nested(PenaltyComparedOut))


class PenaltyFactOut(Schema):
    status = fields.String(metadata={"enum": ["yes", "no", "depends", "unknown"]})
    explanation = fields.String()
    basis = fields.String(allow_none=True)
    limit = fields.Float(allow_none=True)
    note = fields.String(allow_none=True)


class PenaltyProcedureOut(Schema):
    regime = fields.String()
    applies = fields.String()
    simplified = fields.Nested(PenaltyFactOut)
    collection = fields.Nested(PenaltyFactOut)
    hearing = fields.Nested(PenaltyFactOut)


class PenaltyPeriodOut(Schema):
    amount = fields.Integer()
    unit = fields.String()


class PenaltyLimitationOut(CalendarDependent):
    period = fields.Nested(PenaltyPeriodOut, allow_none=True)
    basis = fields.String(allow_none=True)
    start = fields.Date()
    plain_end = fields.Date(allow_none=True)
    expires = fields.Date(allow_none=True)
    calendar_gap = fields.Integer(allow_none=True)
    message = fields.String()
    note = fields.String(allow_none=True)
    steps = fields.List(fields.Nested(StepOut))


class PenaltyAssessOut(CalendarDependent):
    id = fields.String()
    title = fields.String()
    act_date = fields.Date()
    decision_date = fields.Date()
    party = fields.String()
    circumstances = fields.List(fields.String())
    version = fields.Nested(PenaltyChoiceOut)
    bands = fields.List(fields.Nested(PenaltyBandOut))
    notes = fields.List(fields.String())
    procedure = fields.Nested(PenaltyProcedureOut)
    limitation = fields.Nested(PenaltyLimitationOut)


class LateFeeIn(Strict):
    fine = fields.Float(required=True, allow_nan=False, validate=Range(0.01, 1e10),
                        metadata={"description": "罚款数额（元，最多两位小数）"})
    served = Day(required=True, metadata={"description": "处罚决定书送达之日"})
    paid = Day(required=True, metadata={"description": "实际缴纳之日"})
    provisional = fields.Boolean(load_default=False)


class LateFeeOut(CalendarDependent):
    fine = fields.Float()
    served = fields.Date()
    paid = fields.Date()
    due = fields.Date()
    days_late = fields.Integer()
    daily_rate = fields.Float()
    surcharge = fields.Float()
    capped = fields.Boolean()
    total = fields.Float()
    steps = fields.List(fields.Nested(StepOut))


class PenaltyFactSpecOut(Schema):
    name = fields.String()
    title = fields.String()
    kind = fields.String(metadata={"enum": list(thr.KINDS)})
    unit = fields.String(allow_none=True)
    required = fields.Boolean()
    choices = fields.Dict(keys=fields.String(), values=fields.String(), allow_none=True)


class PenaltyTestOut(Schema):
    fact = fields.String()
    op = fields.String(metadata={"enum": ["at_least", "at_most"]})
    limit = fields.Float()
    basis = fields.String()


class PenaltyReferralOut(Schema):
    referral = fields.String(metadata={"enum": ["criminal", "administrative", "none"]})
    met = fields.Boolean(allow_none=True)
    roles = fields.List(fields.String())
    authority = fields.String()
    action = fields.String()
    basis = fields.String()


class ThresholdOut(Schema):
    id = fields.String()
    title = fields.String()
    seed = fields.String()
    basis = fields.String()
    note = fields.String(allow_none=True)
    facts = fields.List(fields.Nested(PenaltyFactSpecOut))
    tests = fields.List(fields.Nested(PenaltyTestOut))
    outcomes = fields.List(fields.Nested(PenaltyReferralOut))


class ThresholdList(Schema):
    items = fields.List(fields.Nested(ThresholdOut))


class ThresholdIn(Strict):
    facts = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), required=True,
                        metadata={"description": "事实，如 {\"members\": 35, \"levels\": 3, \"role\": \"organizer\"}"})


class PenaltyTestResultOut(PenaltyTestOut):
    title = fields.String()
    value = fields.Float()
    holds = fields.Boolean()
    explanation = fields.String()


class ThresholdAnswerOut(Schema):
    id = fields.String()
    title = fields.String()
    met = fields.Boolean()
    summary = fields.String()
    tests = fields.List(fields.Nested(PenaltyTestResultOut))
    referrals = fields.List(fields.Nested(PenaltyReferralOut))
    basis = fields.String()
    inclusive_basis = fields.String()
    note = fields.String(allow_none=True)


# ---------------------------------------------------------------- serialisers


def money(d: Decimal) -> int | float:
    """Yuan as a JSON number with at most two decimals (1000, 12.5, 0.03)."""
    q = Decimal(d).quantize(dom.FEN)
    return int(q) if q == q.to_integral_value() else float(q)


def fine_json(f: dom.Fine | None):
    return None if f is None else {"min": money(f.min), "max": money(f.max)}


def band_json(b: dom.Band, party: str | None) -> dict:
    shown = party or "individual"
    return {
        "when": b.when, "circumstance": dom.CIRCUMSTANCES[b.when], "replaces_base": b.replaces_base,
        "fine": fine_json(b.fine(shown)),
        "fine_by_party": None if b.fines is None else {p: fine_json(f) for p, f in b.fines.items()},
        "fine_optional": b.fine_optional, "warning": b.warning,
        "detention_days_max": b.detention_max or None, "order_to_correct": b.order_to_correct,
        "licence": None if b.licence is None else {"action": b.licence.action, "document": b.licence.document,
                                                   "text": b.licence.describe()},
        "suspension": b.suspension, "confiscate": b.confiscate, "criminal": b.criminal,
        "sanctions": b.sanctions(shown), "basis": b.basis,
    }


def effective(v) -> dict:
    return {"from": v.first.isoformat(), "until": v.until.isoformat() if v.until else None}


def version_ref(v: dom.Version | None):
    return None if v is None else {"basis": v.basis, "effective": effective(v), "text": v.text}


def summary_json(v: dom.Violation) -> dict:
    return {"id": v.id, "title": v.title, "authority": v.authority, "basis": v.basis, "seed": v.seed,
            "regime": v.regime}


def violation_json(v: dom.Violation) -> dict:
    return summary_json(v) | {
        "keywords": list(v.keywords),
        "versions": [{"effective": effective(x), "basis": x.basis, "text": x.text,
                      "bands": [band_json(b, None) for b in x.bands]} for x in v.versions],
    }


def steps_json(steps) -> list[dict]:
    return [{"rule": s.rule, "date": s.date.isoformat(), "basis": s.basis} for s in steps]


def fact_json(f: dom.Fact) -> dict:
    return {"status": f.status, "explanation": f.explanation, "basis": f.basis,
            "limit": None if f.limit is None else money(f.limit), "note": f.note}


def severity_json(o: dom.Outcome) -> dict:
    s = dom.Severity.of(o)
    return {"detention_max": s.detention_max, "licence": s.licence, "suspension": s.suspension, "fine_max": money(s.fine_max),
            "fine_min": money(s.fine_min), "no_warning": s.no_warning}


def assessment_json(a: dom.Assessment) -> dict:
    c, lim = a.choice, a.limitation
    out = a.outcome
    missing = dom.Fact("no", "无可适用的处罚", None)
    return {
        "id": a.violation.id, "title": a.violation.title,
        "act_date": a.act_date.isoformat(), "decision_date": a.decision_date.isoformat(),
        "party": a.party, "circumstances": list(a.circumstances),
        "version": {
            "applied": version_ref(c.applied), "rule": c.rule, "reason": c.reason, "basis": c.basis,
            "act_version": version_ref(c.act_version), "decision_version": version_ref(c.decision_version),
            "compared": [{"basis": v.basis, "effective": effective(v), "sanctions": o.describe(),
                          "severity": severity_json(o)} for v, o in c.compared],
        },
        "bands": [band_json(b, a.party) for b in out.bands] if out else [],
        "notes": list(out.notes) if out else [],
        "procedure": {"regime": a.regime.id, "applies": a.procedure_basis,
                      **{k: fact_json(a.procedure.get(k, missing)) for k in ("simplified", "collection", "hearing")}},
        "limitation": {
            "period": None if lim.period is None else {"amount": lim.period.amount, "unit": lim.period.unit},
            "basis": lim.basis, "start": a.act_date.isoformat(),
            "plain_end": lim.plain_end.isoformat() if lim.plain_end else None,
            "expires": lim.expires.isoformat() if lim.expires else None,
            "calendar_gap": lim.calendar_gap, "message": lim.message, "note": lim.note,
            "steps": steps_json(lim.steps), "provisional": lim.provisional,
            "calendar_years": list(lim.calendar_years),
        },
        "provisional": lim.provisional, "calendar_years": list(lim.calendar_years),
    }


def late_fee_json(f: dom.LateFee, rate: Decimal) -> dict:
    return {"fine": money(f.fine), "served": f.served.isoformat(), "paid": f.paid.isoformat(),
            "due": f.due.due.isoformat(), "days_late": f.days_late, "daily_rate": float(rate),
            "surcharge": money(f.surcharge), "capped": f.capped, "total": money(f.total),
            "provisional": f.due.provisional, "calendar_years": list(f.due.calendar_years),
            "steps": steps_json(f.steps)}


def outcome_json(o: thr.Outcome) -> dict:
    return {"referral": o.referral, "met": o.met, "roles": list(o.roles), "authority": o.authority,
            "action": o.action, "basis": o.basis}


def test_json(t: thr.Test) -> dict:
    return {"fact": t.fact, "op": t.op, "limit": money(t.limit), "basis": t.basis}


def threshold_json(t: thr.Threshold) -> dict:
    return {"id": t.id, "title": t.title, "seed": t.seed, "basis": t.basis, "note": t.note,
            "facts": [{"name": f.name, "title": f.title, "kind": f.kind, "unit": f.unit, "required": f.required,
                       "choices": f.choices} for f in t.facts],
            "tests": [test_json(x) for x in t.tests], "outcomes": [outcome_json(o) for o in t.outcomes]}


def answer_json(a: thr.Answer) -> dict:
    t = a.threshold
    return {"id": t.id, "title": t.title, "met": a.met, "summary": a.summary,
            "tests": [test_json(r.test) | {"title": r.title, "value": float(r.value), "holds": r.holds,
                                           "explanation": r.explanation} for r in a.tests],
            "referrals": [outcome_json(o) for o in a.referrals], "basis": t.basis,
            "inclusive_basis": thr.INCLUSIVE_BASIS, "note": t.note}


def cached(payload) -> Response:
    """GET answers that depend only on the schedules: ETag = schedules digest, 304 on a match."""
    response = jsonify(payload)
    response.set_etag(current().digest)
    return response.make_conditional(request)


# ---------------------------------------------------------------- routes


@blp.route("/v1/penalties")
class Violations(MethodView):
    @blp.arguments(PenaltySearchQuery(), location="query")
    @blp.response(200, ViolationList)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Violations, optionally searched by keyword (Chinese title, basis, id)."""
        return cached({"items": [summary_json(v) for v in current().penalties.search(args["q"])]})


@blp.route("/v1/penalties/late-fee")
class LateFee(MethodView):
    @blp.arguments(LateFeeIn())
    @blp.response(200, LateFeeOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """加处罚款: due 15 days after service (rest-day roll forward), 3% a day, never above the fine."""
        p = current().penalties
        f = dom.late_fee(p, Decimal(repr(args["fine"])), args["served"], args["paid"], args["provisional"])
        return jsonify(late_fee_json(f, p.late_fee.daily_rate))


@blp.route("/v1/penalties/<violation_id:vid>")
class ViolationDetail(MethodView):
    @blp.response(200, ViolationOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, vid):
        """One violation with all its versions and bands."""
        return cached(violation_json(current().penalties.get(vid)))


@blp.route("/v1/penalties/<violation_id:vid>/assess")
class Assess(MethodView):
    @blp.arguments(PenaltyAssessIn())
    @blp.response(200, PenaltyAssessOut)
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, vid):
        """The applicable band(s), which version applies and why, procedure facts and limitation."""
        a = dom.assess(current().penalties, vid, args["act_date"], args["decision_date"] or today(),
                       args["party"], args["circumstances"], args["harm_to_life_health_finance"],
                       args["provisional"])
        return jsonify(assessment_json(a))


@blp.route("/v1/thresholds")
class Thresholds(MethodView):
    @blp.response(200, ThresholdList)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Criminal and technical thresholds (传销立案追诉标准, 面制品铝残留限量)."""
        return cached({"items": [threshold_json(t) for t in current().penalties.thresholds.values()]})


@blp.route("/v1/thresholds/<tid>")
class ThresholdDetail(MethodView):
    @blp.response(200, ThresholdOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, tid):
        """One threshold: the facts it needs, its tests and outcomes."""
        return cached(threshold_json(current().penalties.threshold(tid)))


@blp.route("/v1/thresholds/<tid>/assess")
class ThresholdAssess(MethodView):
    @blp.arguments(ThresholdIn())
    @blp.response(200, ThresholdAnswerOut)
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, tid):
        """Facts in; whether the threshold is met, which department acts, and on what basis."""
        t = current().penalties.threshold(tid)
        return jsonify(answer_json(thr.assess_threshold(t, args["facts"])))
