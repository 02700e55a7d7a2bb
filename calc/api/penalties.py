"""Penalty bands, assessment, late-payment surcharge and thresholds over HTTP.

Routes carry full paths (the blueprint has no prefix) so that /v1/thresholds lives beside
/v1/penalties in this one adapter. Money goes out as JSON numbers with at most two decimals.
"""
from __future__ import annotations

from decimal import Decimal

from flask import jsonify
from flask.views import MethodView
from werkzeug.routing import BaseConverter
from flask_smorest import Blueprint
from marshmallow import fields
from marshmallow.validate import OneOf, Range

from .. import etags, penalties as dom
from .. import periods
from .. import thresholds as thr
from ..answers.clock import today
from ..answers.penalties import (LateFeeOut, LawList, PenaltyAssessOut, ThresholdAnswerOut, ThresholdList,
                                 ThresholdOut, ViolationList, ViolationOut, answer_json, assessment_json,
                                 late_fee_json, laws_json, threshold_json, thresholds_json, violation_json,
                                 violations_json)
from ..errors import InvalidInput
from .fields import Capped, DateRangeIn, Day, ErrorOut, Flag, Strict
from .messages import MaxLength
from .shapes import schema
from .state import current

blp = Blueprint("penalties", __name__, description="罚款幅度、裁量版本、加处罚款与立案标准")


class ViolationId(BaseConverter):
    """A violation id: any path segment except `late-fee`, which is the surcharge resource beside
    the ids (so OPTIONS /v1/penalties/late-fee does not advertise the detail's GET)."""

    regex = r"(?!late-fee$)[^/]+"


blp.record_once(lambda state: state.app.url_map.converters.setdefault("violation_id", ViolationId))

MAX_CODES = 30  # more circumstance codes than any act has, so a runaway list is refused early


# ---------------------------------------------------------------- request schemas (the answers' shapes: calc/answers/penalties.py)


class PenaltySearchQuery(Strict):
    q = fields.String(load_default=None, validate=MaxLength(200),
                      metadata={"description": "关键词（中文标题、俗称、依据、编号），空格分隔的词须全部出现"})
    law = fields.String(load_default=None, validate=MaxLength(100),
                        metadata={"description": "法律简称及年份，与 basis 中相同，如 治安管理处罚法（2025）；须与 article 同用"})
    article = fields.Integer(load_default=None, validate=Range(1, 1000),
                             metadata={"description": "条（第…条的数字），如 51"})


class PenaltyAssessIn(Strict):
    act_date = Day(required=True, metadata={"description": "违法行为发生之日（连续或继续状态的，行为终了之日）"})
    decision_date = Day(load_default=None, metadata={"description": "作出处罚决定之日，缺省为今日（北京时间）"})
    party = fields.String(required=True, validate=OneOf(tuple(dom.PARTIES)))
    circumstances = Capped(fields.String(validate=MaxLength(40)), MAX_CODES, load_default=list,
                           metadata={"description": "情形代码（见违法行为详情的 circumstances）；未知代码为 422"})
    harm_to_life_health_finance = Flag(
        load_default=False, metadata={"description": "涉及公民生命健康安全、金融安全且有危害后果（行政处罚法第三十六条，时效五年）"})
    provisional = Flag(load_default=False, metadata={"description": "时效日超出已公布节假日安排时按放假办法推定"})


class LateFeeIn(Strict):
    fine = fields.Float(required=True, allow_nan=False, validate=Range(0.01, 1e10),
                        metadata={"description": "罚款数额（元，最多两位小数）"})
    served = Day(required=True, metadata={"description": "处罚决定书送达之日"})
    paid = Day(required=True, metadata={"description": "实际缴纳之日"})
    provisional = Flag(load_default=False)
    deferred_until = Day(load_default=None, metadata={
        "description": "经申请和批准暂缓或者分期缴纳的，本次缴纳期限（行政处罚法 第六十六条第二款）"})
    not_counted = Capped(fields.Nested(DateRangeIn), 100, load_default=list,
                              metadata={"description": "行政复议或者行政诉讼期间：加处罚款不予计算（行政处罚法 第七十三条第三款）"})


class ThresholdIn(Strict):
    facts = fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True), required=True,
                        metadata={"description": "事实，如 {\"members\": 35, \"levels\": 3, \"role\": \"organizer\"}"})


cached = etags.cached  # ETag = schedules digest, 304 on a match


# ---------------------------------------------------------------- routes


@blp.route("/v1/penalties")
class Violations(MethodView):
    @blp.arguments(PenaltySearchQuery(), location="query")
    @blp.response(200, schema(ViolationList))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Violations, optionally searched by keyword (Chinese title, colloquial keywords, basis, id),
        or those citing one article of one law (`law` with `article`)."""
        p = current().penalties
        if (args["law"] is None) != (args["article"] is None):
            missing = "article" if args["article"] is None else "law"
            raise InvalidInput("law 与 article 须同时给出", field=missing)
        items = p.search(args["q"])
        if args["law"] is not None:
            citing = {v.id for v in p.citing(args["law"], args["article"])}
            items = [v for v in items if v.id in citing]
        return cached(violations_json(items))


@blp.route("/v1/laws")
class Laws(MethodView):
    @blp.response(200, schema(LawList))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Every law the penalty schedules cite with its year: short name, title, versions in force."""
        return cached(laws_json(current().penalties.laws))


@blp.route("/v1/penalties/late-fee")
class LateFee(MethodView):
    @blp.arguments(LateFeeIn())
    @blp.response(200, schema(LateFeeOut))
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """加处罚款: due 15 days after service (rest-day roll forward), 3% a day, never above the fine."""
        p = current().penalties
        f = dom.late_fee(p, Decimal(repr(args["fine"])), args["served"], args["paid"], args["provisional"],
                         deferred_until=args["deferred_until"],
                         not_counted=[periods.DateRange(r["start"], r["end"], r.get("reason") or "行政复议或者行政诉讼期间")
                                      for r in args["not_counted"]])
        return jsonify(late_fee_json(f, p.late_fee.daily_rate))


@blp.route("/v1/penalties/<violation_id:vid>")
class ViolationDetail(MethodView):
    @blp.response(200, schema(ViolationOut))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, vid):
        """One violation with all its versions and bands."""
        p = current().penalties
        return cached(violation_json(p.get(vid), p))


@blp.route("/v1/penalties/<violation_id:vid>/assess")
class Assess(MethodView):
    @blp.arguments(PenaltyAssessIn())
    @blp.response(200, schema(PenaltyAssessOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, vid):
        """The applicable band(s), which version applies and why, procedure facts and limitation."""
        # `provisional` is accepted as v1 has it and changes nothing: the limitation, the only count
        # here, is never moved for a rest day and reads no holiday calendar (calc/penalties/limitation.py)
        a = dom.assess(current().penalties, vid, args["act_date"], args["decision_date"] or today(),
                       args["party"], args["circumstances"], args["harm_to_life_health_finance"])
        return jsonify(assessment_json(a))


@blp.route("/v1/thresholds")
class Thresholds(MethodView):
    @blp.response(200, schema(ThresholdList))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Criminal and technical thresholds (传销立案追诉标准, 面制品铝残留限量)."""
        return cached(thresholds_json(current().penalties.thresholds.values()))


@blp.route("/v1/thresholds/<tid>")
class ThresholdDetail(MethodView):
    @blp.response(200, schema(ThresholdOut))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, tid):
        """One threshold: the facts it needs, its tests and outcomes."""
        return cached(threshold_json(current().penalties.threshold(tid)))


@blp.route("/v1/thresholds/<tid>/assess")
class ThresholdAssess(MethodView):
    @blp.arguments(ThresholdIn())
    @blp.response(200, schema(ThresholdAnswerOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, tid):
        """Facts in; whether the threshold is met, which department acts, and on what basis."""
        t = current().penalties.threshold(tid)
        return jsonify(answer_json(thr.assess_threshold(t, args["facts"])))
