"""GET /v1/inspections[/{id}], POST /v1/inspections/{id}/plan and /compliance (责任清单 四)."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate, validates_schema, ValidationError

from .. import etags, inspections as ins
from ..answers.inspections import (ComplianceOut, PlanOut, RegimeOut, RegimesOut, compliance_json as _compliance,
                                   plan_json as _plan, regime_json as _regime, regimes_json)
from .fields import ENDS_BEFORE_START, Capped, Day, ErrorOut, Flag, Strict
from .shapes import schema
from .state import current

blp = Blueprint("inspections", __name__, url_prefix="/v1/inspections", description="监督检查指标、计划与核查（责任清单 四）")

MAX_LOG = 10_000

POPULATION_DOC = (
    "可选。整数（≥0）：所有需要总数的指标都用它；或对象 {requirement_id: 整数 | {窗口标签: 整数}}，"
    "按指标分别给出（窗口标签如 2026-03、2026-Q1、2026；办件量等逐窗口不同的总数用后一种）。")


# What calc.inspections.population_for reads, as the document says it: null (not given), one integer
# ≥ 0, or per requirement null, an integer or {window label: integer}. null is in the integer branches
# (OpenAPI 3.0 allows `nullable` only beside a `type`).
_COUNT = {"type": "integer", "minimum": 0}
POPULATION = {"oneOf": [
    dict(_COUNT, nullable=True, description="所有需要总数的指标共用的总数（null 即未给出）"),
    {"type": "object", "description": "按指标分别给出：{requirement_id: 整数 | {窗口标签: 整数}}",
     "additionalProperties": {"oneOf": [
         dict(_COUNT, nullable=True),
         {"type": "object", "additionalProperties": _COUNT, "description": "{窗口标签: 整数}，如 {\"2026-03\": 40}"}]}}]}


class PlanIn(Strict):
    start = Day(required=True)
    end = Day(required=True)
    population = fields.Raw(load_default=None, metadata={"description": POPULATION_DOC, **POPULATION})
    overrides = fields.Dict(keys=fields.String(), values=fields.Raw(), load_default=dict,
                            metadata={"description": "上级下达指标：{requirement_id: {times|units|share|officers|window: 值}}"})
    provisional = Flag(load_default=False,
                                 metadata={"description": "窗口截止日落在尚未公布节假日安排的年份时须为 true"})

    @validates_schema
    def ordered(self, data, **kwargs):
        if data["end"] < data["start"]:
            raise ValidationError(ENDS_BEFORE_START, "end")


class LogEntryIn(Strict):
    date = Day(required=True)
    requirement = fields.String(required=True, validate=validate.Length(min=1, max=100))
    units = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=10_000_000),
                           metadata={"description": "本次检查覆盖的单位数（家、人、件）"})
    officers = fields.Integer(load_default=None, strict=True, validate=validate.Range(min=0, max=10_000),
                              metadata={"description": "本次检查的民警人数（可选）"})
    note = fields.String(load_default=None)


class ComplianceIn(PlanIn):
    log = Capped(fields.Nested(LogEntryIn), MAX_LOG, required=True)














# -- serialisation: calc/answers/inspections.py (shared with `calc inspections --json`) ------------

def _etag() -> str:
    return etags.tag("inspections", current().digest)


def _cached(tag: str, payload):
    return etags.conditional(tag, lambda: payload)  # built before: an unknown regime is a 404, not a 304


def _kwargs(args) -> dict:
    return {"population": args.get("population"), "overrides": args.get("overrides") or {},
            "provisional": args.get("provisional", False)}


# -- routes ---------------------------------------------------------------------------------------

@blp.route("")
class RegimeList(MethodView):
    @blp.response(200, schema(RegimesOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    def get(self):
        """All eleven inspection regimes with their requirements (every number from the seed)."""
        regimes = current().inspections.regimes.values()
        return _cached(_etag(), regimes_json(regimes))


@blp.route("/<regime_id>")
class RegimeDetail(MethodView):
    @blp.response(200, schema(RegimeOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, regime_id):
        """One regime: object, unit, requirements, and where the seed says superior targets prevail."""
        return _cached(_etag(), _regime(current().inspections.get(regime_id)))


@blp.route("/<regime_id>/plan")
class RegimePlan(MethodView):
    @blp.arguments(PlanIn())
    @blp.response(200, schema(PlanOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, regime_id):
        """Every window in the period: due date (last working day), inspections and units owed."""
        s = current()
        regime = s.inspections.get(regime_id)
        return jsonify(_plan(ins.plan(regime, args["start"], args["end"], s.calendar, **_kwargs(args))))


@blp.route("/<regime_id>/compliance")
class RegimeCompliance(MethodView):
    @blp.arguments(ComplianceIn())
    @blp.response(200, schema(ComplianceOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, regime_id):
        """A log of inspections done against the plan: window by window, met or short and by how much."""
        s = current()
        regime = s.inspections.get(regime_id)
        log = [ins.Entry(i, e["date"], e["requirement"], e["units"], e.get("officers"))
               for i, e in enumerate(args["log"])]
        return jsonify(_compliance(ins.compliance(regime, args["start"], args["end"], s.calendar, log,
                                                  **_kwargs(args))))
