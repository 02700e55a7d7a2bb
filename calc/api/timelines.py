"""GET /v1/timelines, GET and POST /v1/timelines/{id}: procedures and their chained due dates."""
from __future__ import annotations

import datetime as dt

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError, fields

from .. import etags, timelines as dom
from ..answers.timelines import (TimelineOut, TimelineProcedureList, TimelineProcedureOut, moment, procedure_json,
                                 procedures_json, timeline_json)
from ..periods import FIRST_DAY, LAST_DAY, DateRange
from . import ics as ics_http
from .fields import OUTSIDE_DAYS, Capped, DateRangeIn, Day, ErrorOut, Flag, Strict
from .messages import Coded
from .shapes import schema
from .state import current

blp = Blueprint("timelines", __name__, url_prefix="/v1/timelines", description="办理时限（程序各阶段的期限）")

MAX_PAUSES = 100


class Moment(fields.String):
    """`YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` (Beijing time, no zone) for hour procedures: a string
    in the OpenAPI document (a String whose reading and writing are its own)."""

    default_error_messages = {
        "invalid": Coded("应为日期 YYYY-MM-DD，或日期时间 YYYY-MM-DDTHH:MM（北京时间，不带时区）。", "invalid_date"),
        "range": OUTSIDE_DAYS,
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            if len(value) == 10:
                out = dt.date.fromisoformat(value)
            elif len(value) in (16, 19) and value[10] == "T":
                out = dt.datetime.fromisoformat(value)
            else:
                raise ValueError(value)
        except ValueError:
            raise self.make_error("invalid") from None
        if not FIRST_DAY <= dom.day_of(out) <= LAST_DAY:
            raise self.make_error("range")
        return out

    def _serialize(self, value, attr, obj, **kwargs):
        return moment(value)


def _extension_value(value):
    if value is True or value is False:
        return value
    if isinstance(value, int) and value >= 1:
        return value
    raise ValidationError(Coded("应为 true、false 或正整数（延长的单位数）。", "invalid_type"))


class TimelineIn(Strict):
    start = Moment(required=True, metadata={"description": "程序的起算日（见各程序的 start_label）；以小时计算的程序为日期时间"})
    actual = fields.Dict(keys=fields.String(), values=Moment(), load_default=dict,
                         metadata={"description": "{阶段编号: 实际完成（决定）日期}：下一阶段从此日起算"})
    pauses = fields.Dict(keys=fields.String(),
                         values=Capped(fields.Nested(DateRangeIn), MAX_PAUSES),
                         load_default=dict,
                         metadata={"description": "{阶段编号: [{start, end, reason}]}：依法不计入期间的时间（仅限法律规定可以扣除的阶段）"})
    extensions = fields.Dict(keys=fields.String(), values=fields.Raw(validate=_extension_value), load_default=dict,
                             metadata={"description": "{阶段编号: true（依法可延长的最大量）| 整数（延长的单位数）}"})
    variants = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict,
                           metadata={"description": "{阶段编号: 情形编号}：法律为特定情形规定的另一期间（如 remote、detention）"})
    event = Day(load_default=None, metadata={"description": "以事件为基准的阶段（如听证举行日）所需的日期"})
    as_of = Moment(load_default=None, metadata={"description": "检查日：未完成且已过期限的阶段标为 overdue"})
    provisional = Flag(load_default=False)
    restarts = fields.Dict(keys=fields.String(), values=Day(), load_default=dict,
                           metadata={"description": "{阶段编号: 日期}：依法自此日起重新计算期限的阶段（如发现另有重要罪行，刑事诉讼法 第一百六十条）"})
    durations = fields.Dict(keys=fields.String(), values=fields.Integer(strict=True), load_default=dict,
                            metadata={"description": "{阶段编号: 整数}：期间长度由决定确定的阶段（如行政拘留的日数），不超过法定上限"})
    headline = fields.String(load_default=None, metadata={
        "description": "（1.1 新增）答案首行所依的阶段编号；不给则按程序数据所定（如刑事拘留为 arrest-request），无则为全部办结日"})





















cached = etags.cached  # ETag = schedules digest, 304 on a match


# ---------------------------------------------------------------- routes

@blp.route("")
class Procedures(MethodView):
    @blp.response(200, schema(TimelineProcedureList))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Every procedure with its stages (the newest version) and all its dated versions."""
        return cached(procedures_json(current().timelines))


@blp.route("/<procedure_id>")
class Procedure(MethodView):
    @blp.response(200, schema(TimelineProcedureOut))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, procedure_id):
        """One procedure with all its versions."""
        return cached(procedure_json(current().timelines.get(procedure_id)))

    @blp.arguments(TimelineIn())
    @blp.response(200, schema(TimelineOut))
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    @blp.doc(**ics_http.doc_also(schema(TimelineOut)))
    def post(self, args, procedure_id):
        """Each stage's start and due date (worst case unless `actual` says otherwise), and completion."""
        s = current()
        pauses = {sid: [DateRange(p["start"], p["end"], p.get("reason") or "") for p in ranges]
                  for sid, ranges in args["pauses"].items()}
        inputs = dom.StageInputs(actual=args["actual"], pauses=pauses, extensions=args["extensions"],
                                 variants=args["variants"], restarts=args["restarts"], durations=args["durations"])
        t = dom.estimate(s.timelines, procedure_id, args["start"], s.calendar, s.rules, inputs, event=args["event"],
                         as_of=args["as_of"], provisional=args["provisional"], headline=args["headline"])
        if ics_http.wants_calendar():
            return _calendar(t, args, procedure_id)
        return jsonify(timeline_json(t))


def _calendar(t: dom.Timeline, args: dict, procedure_id: str):
    return ics_http.timeline(t, {"procedure": procedure_id, **args}, procedure_id)
