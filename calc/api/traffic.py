"""Road traffic over HTTP (API.md 1.1 "Road traffic"): the catalogue, an act's assessment, speeding
and overloading by the numbers, and the points cycle. Parses, calls calc.traffic, answers with
calc.answers.traffic; the codes (vehicle classes, roads …) are the schedules' and are checked by
the domain, which names the field in Chinese.
"""
from __future__ import annotations

from decimal import Decimal

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError, fields, validates_schema
from marshmallow.validate import OneOf, Range

from ..answers.clock import today
from ..answers.traffic import (TrafficActOut, TrafficAssessOut, TrafficCodes, TrafficList, TrafficOverloadingOut,
                               TrafficPointsOut, TrafficSpeedingOut, act_json, assessment_json, codes_json,
                               measured_json, overloading_json, points_json, search_json)
from ..errors import InvalidInput
from ..traffic import assess as dom, measured, points
from ..traffic.payment import PaymentFacts
from .. import etags
from .fields import Capped, Day, ErrorOut, Flag, Strict
from .messages import MaxLength
from .shapes import schema
from .state import current

blp = Blueprint("traffic", __name__, description="道路交通：违法行为目录、处罚与记分测算、超速与超载、记分周期")

CODE = {"validate": MaxLength(60)}
VEHICLE_DOC = {"description": "车型代码（GET /v1/traffic/codes 的 vehicles），如 small_passenger 小型、微型载客汽车",
               "example": "small_passenger"}
ROAD_DOC = {"description": "道路类型：expressway 高速公路、urban_expressway 城市快速路、other 其他道路", "example": "other"}


# ---------------------------------------------------------------- in


class TrafficQuery(Strict):
    q = fields.String(load_default=None, validate=MaxLength(200),
                      metadata={"description": "关键词（俗称、标题、原文、编号），空格分隔的词须全部出现", "example": "闯红灯"})
    law = fields.String(load_default=None, validate=MaxLength(100),
                        metadata={"description": "法律简称或标题（可带年份），须与 article 同用", "example": "道路交通安全法"})
    article = fields.Integer(load_default=None, validate=Range(1, 1000), metadata={"description": "条", "example": 90})


def _money(**kw):
    return fields.Float(allow_nan=False, validate=Range(0.01, 1e8), **kw)


class _Pay(Strict):
    act_date = Day(required=True, metadata={"description": "违法行为发生之日", "example": "2026-03-02"})
    decision_date = Day(load_default=None, metadata={"description": "作出处罚决定之日，缺省为今日（北京时间）"})
    circumstances = Capped(fields.String(**CODE), 10, load_default=list,
                           metadata={"description": "情形代码（GET /v1/traffic/codes 的 circumstances）"})
    served = Day(load_default=None, metadata={"description": "收到罚款决定书之日：给出则计算缴纳期限"})
    paid = Day(load_default=None, metadata={"description": "实际缴纳之日：给出则计算加处罚款（须同时给出 served）"})
    fine = _money(load_default=None, metadata={"description": "决定的罚款数额（元）；罚款为幅度时计算加处罚款须给出"})
    provisional = Flag(load_default=False, metadata={"description": "缴纳期限超出已公布节假日安排时按放假办法推定"})



class TrafficAssessIn(_Pay):
    vehicle = fields.String(load_default=None, metadata=VEHICLE_DOC, **CODE)
    road = fields.String(load_default=None, metadata=ROAD_DOC, **CODE)
    over_percent = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 10000), metadata={
        "description": "超过规定时速、核定人数或核定载质量的百分比（按行为而定）"})
    total_over_percent = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 10000), metadata={
        "description": "超过最大允许总质量的百分比（载货汽车超载的记分）"})
    seats = fields.Integer(strict=True, load_default=None, validate=Range(1, 200), metadata={"description": "核定载客人数"})


class TrafficSpeedingIn(_Pay):
    vehicle = fields.String(required=True, metadata=VEHICLE_DOC, **CODE)
    road = fields.String(required=True, metadata=ROAD_DOC, **CODE)
    limit = fields.Float(required=True, allow_nan=False, validate=Range(0, 300, min_inclusive=False),
                         metadata={"description": "规定时速（km/h），大于 0", "example": 100})
    measured = fields.Float(required=True, allow_nan=False, validate=Range(0, 1000),
                            metadata={"description": "实测车速（km/h）", "example": 125})


class TrafficOverloadingIn(_Pay):
    vehicle = fields.String(required=True, metadata=VEHICLE_DOC, **CODE)
    kind = fields.String(required=True, validate=OneOf(("passengers", "goods")),
                         metadata={"description": "passengers 载客超员；goods 载货超载", "example": "passengers"})
    rated = fields.Float(required=True, allow_nan=False, validate=Range(0, 1e6, min_inclusive=False),
                         metadata={"description": "核定载客人数，或核定载质量（千克）", "example": 5})
    carried = fields.Float(required=True, allow_nan=False, validate=Range(0, 1e6),
                           metadata={"description": "实载人数，或实际载质量（千克）", "example": 8})
    permitted_total = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 1e6, min_inclusive=False),
                                   metadata={"description": "最大允许总质量（千克；载货汽车记分用）"})
    total = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 1e6),
                         metadata={"description": "实际总质量（千克；载货汽车记分用）"})
    road = fields.String(load_default=None, metadata=ROAD_DOC, **CODE)


class TrafficEntryIn(Strict):
    date = Day(required=True, metadata={"description": "违法行为之日"})
    points = fields.Integer(strict=True, load_default=None, validate=Range(0, 12), metadata={"description": "该次记分（与 violation 二选一）"})
    violation = fields.String(load_default=None, metadata={"description": "违法行为编号（与 points 二选一），按行为日的规定记分"}, **CODE)
    vehicle = fields.String(load_default=None, metadata=VEHICLE_DOC, **CODE)
    road = fields.String(load_default=None, metadata=ROAD_DOC, **CODE)
    circumstances = Capped(fields.String(**CODE), 10, load_default=list)
    over_percent = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 10000), metadata={"description": "超过的百分比（按行为而定）"})
    total_over_percent = fields.Float(load_default=None, allow_nan=False, validate=Range(0, 10000), metadata={"description": "超过最大允许总质量的百分比"})
    seats = fields.Integer(strict=True, load_default=None, validate=Range(1, 200), metadata={"description": "核定载客人数"})
    unpaid = Flag(load_default=False, metadata={"description": "罚款尚未缴纳（周期届满未满12分的，转入下一周期）"})

    @validates_schema
    def one_of(self, data, **kwargs):
        if (data.get("points") is None) == (data.get("violation") is None):
            raise ValidationError("points 与 violation 须给出且只给出其一。", "points")


class TrafficReductionIn(Strict):
    date = Day(required=True)
    kind = fields.String(required=True, metadata={"description": "online 网上学习、onsite 现场学习、public_welfare 公益活动"},
                         **CODE)


class TrafficPointsIn(Strict):
    first_licence = Day(required=True, metadata={"description": "初次领取机动车驾驶证之日", "example": "2015-06-10"})
    on = Day(load_default=None, metadata={"description": "查询哪一天所在的记分周期，缺省为今日", "example": "2026-03-01"})
    vehicle = fields.String(load_default=None, metadata={
        "description": "准驾车型（GET /v1/traffic/codes 的 licences，如 small_car 小型汽车、large_truck 大型货车）；决定满分学习天数和审验",
        "example": "small_car"}, **CODE)
    entries = Capped(fields.Nested(TrafficEntryIn), 500, load_default=list,
                     metadata={"description": "上次记分清除以来的记分：{date, points} 或 {date, violation, 事实…}"})
    previous_full = fields.Integer(strict=True, load_default=0, validate=Range(0, 50), metadata={"description": "本周期已参加满分教育的次数"})
    reductions = Capped(fields.Nested(TrafficReductionIn), 100, load_default=list,
                        metadata={"description": "申请以交通安全教育扣减记分"})
    bars = Capped(fields.String(**CODE), 10, load_default=list,
                  metadata={"description": "第二十六条不予受理扣减的情形代码（full_twice、serious_offence、licence_state、vehicle_state、fraud）"})
    review_facts = Capped(fields.String(**CODE), 10, load_default=list,
                          metadata={"description": "审验事由（fatal_accident、aged_70_accident、school_bus_driver）"})
    provisional = Flag(load_default=False, metadata={"description": "审验期限超出已公布节假日安排时按放假办法推定"})


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


def _pay(args) -> PaymentFacts | None:
    """The payment facts of a request, if it gives any."""
    if args["served"] is None and args["paid"] is None and args["fine"] is None:
        return None
    return PaymentFacts(args["served"], args["paid"], _decimal(args["fine"]))


# ---------------------------------------------------------------- routes


@blp.route("/v1/traffic/codes")
class Codes(MethodView):
    @blp.response(200, schema(TrafficCodes))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """The codes the traffic endpoints accept: vehicle classes and their groups, roads, circumstances, licence classes, parties."""
        return etags.cached(codes_json(current().traffic))


@blp.route("/v1/traffic/violations")
class Violations(MethodView):
    @blp.arguments(TrafficQuery(), location="query")
    @blp.response(200, schema(TrafficList))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Traffic acts, searched by what people type (闯红灯, 酒驾 …) or by the article a text of them cites."""
        if (args["law"] is None) != (args["article"] is None):
            raise InvalidInput("law 与 article 须同时给出", field="article" if args["article"] is None else "law")
        return etags.cached(search_json(current().traffic, args["q"], args["law"], args["article"]))


@blp.route("/v1/traffic/violations/<vid>")
class Violation(MethodView):
    @blp.response(200, schema(TrafficActOut))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, vid):
        """One act: its national provisions, Hebei's item and the points, every version and band with its citation."""
        t = current().traffic
        return etags.cached(act_json(t, t.get(vid)))


@blp.route("/v1/traffic/violations/<vid>/assess")
class Assess(MethodView):
    @blp.arguments(TrafficAssessIn())
    @blp.response(200, schema(TrafficAssessOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args, vid):
        """The fine (Hebei's amount where it applies), warning, points, measures, on-the-spot and payment of one act."""
        t = current().traffic
        facts = dom.facts_for(t, vid, args["vehicle"], args["road"], args["circumstances"],
                              _decimal(args["over_percent"]), _decimal(args["total_over_percent"]), args["seats"])
        a = dom.assess(t, vid, args["act_date"], args["decision_date"] or today(), facts,
                       pay=_pay(args), provisional=args["provisional"])
        return jsonify(assessment_json(t, a))


@blp.route("/v1/traffic/speeding")
class Speeding(MethodView):
    @blp.arguments(TrafficSpeedingIn())
    @blp.response(200, schema(TrafficSpeedingOut))
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """The act a measured speed falls under (the per cent over the limit, exactly), and its assessment."""
        t = current().traffic
        m = measured.speeding(t, args["act_date"], args["decision_date"] or today(), args["vehicle"], args["road"],
                              _decimal(args["limit"]), _decimal(args["measured"]), args["circumstances"],
                              _pay(args), args["provisional"])
        return jsonify(measured_json(t, m))


@blp.route("/v1/traffic/overloading")
class Overloading(MethodView):
    @blp.arguments(TrafficOverloadingIn())
    @blp.response(200, schema(TrafficOverloadingOut))
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """The act an overload falls under (passengers over the rated number, or goods over the rated load), and its assessment."""
        t = current().traffic
        m = measured.overloading(t, args["act_date"], args["decision_date"] or today(), args["vehicle"], args["kind"],
                                 _decimal(args["rated"]), _decimal(args["carried"]), _decimal(args["permitted_total"]),
                                 _decimal(args["total"]), args["road"], args["circumstances"],
                                 _pay(args), args["provisional"])
        return jsonify(overloading_json(t, m))


@blp.route("/v1/traffic/points")
class Points(MethodView):
    @blp.arguments(TrafficPointsIn())
    @blp.response(200, schema(TrafficPointsOut))
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """The points cycle containing `on`: its entries, total, 12 points and what follows, reductions and the 审验 due."""
        t = current().traffic
        entries = [points.Entry(e["date"], e["points"], e["violation"], e["vehicle"], e["road"],
                                tuple(e["circumstances"]), _decimal(e["over_percent"]),
                                _decimal(e["total_over_percent"]), e["seats"], e["unpaid"])
                   for e in args["entries"]]
        p = points.points_cycle(t, args["first_licence"], args["on"] or today(), args["vehicle"], entries,
                                args["previous_full"], [points.Reduction(r["date"], r["kind"]) for r in args["reductions"]],
                                args["bars"], args["review_facts"], args["provisional"])
        return jsonify(points_json(t, p))
