"""GET /v1/timelines, GET and POST /v1/timelines/{id}: procedures and their chained due dates."""
from __future__ import annotations

import datetime as dt

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields

from .. import etags, timelines as dom
from ..answers.timelines import moment, procedure_json, timeline_json
from ..periods import FIRST_DAY, LAST_DAY, DateRange
from . import ics as ics_http
from .fields import (OUTSIDE_DAYS, RANGE_DOC, RULE_VERSIONS, CalendarDependent, Capped, DateRangeIn, Day, ErrorOut, Flag,
                     cites_field, citation_field, MomentRangeOut, StepOut, Strict)
from .messages import Coded, MaxItems  # noqa: F401
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


class TimelineExtensionRuleOut(Schema):
    amount = fields.Integer()
    unit = fields.String()
    times = fields.Integer()
    condition = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TimelineVariantOut(Schema):
    code = fields.String()
    title = fields.String()
    amount = fields.Integer()
    unit = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    extension = fields.Nested(TimelineExtensionRuleOut, allow_none=True)


class TimelineRenewalRuleOut(Schema):
    amount = fields.Integer()
    least = fields.Integer()
    unit = fields.String()
    approver = fields.String()
    condition = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TimelineRestartRuleOut(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    reason = fields.String()


class TimelineDecidedAmountOut(Schema):
    what = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TimelinePauseRuleOut(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    reason = fields.String()


class TimelineStageDefOut(Schema):
    id = fields.String()
    authority = fields.String()
    title = fields.String()
    short_title = fields.String(metadata={"description": "阶段的简称（页面与命令行显示的标签）"})
    issues = fields.String(allow_none=True, metadata={"description": "本阶段结束时申请人取得的证照或文件（如《网络文化经营许可证》）；无则为 null"})
    kind = fields.String(metadata={"description": "deadline | term | eligible | none | on_the_spot | prerequisite"})
    amount = fields.Integer(allow_none=True)
    unit = fields.String(allow_none=True, metadata={"description": "workdays | days | months | years | hours"})
    direction = fields.String(allow_none=True)
    anchor = fields.String(metadata={"description": "start | previous | previous-decided | event | 某阶段编号"})
    when = fields.String(allow_none=True, metadata={"description": "仅在此情形下发生的阶段（不计入办结日期）"})
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    extension = fields.Nested(TimelineExtensionRuleOut, allow_none=True)
    pauses = fields.Nested(TimelinePauseRuleOut, allow_none=True)
    variants = fields.List(fields.Nested(TimelineVariantOut))
    renewals = fields.List(fields.Nested(TimelineRenewalRuleOut),
                           metadata={"description": "依法可逐次延长的各次延长（依次批准），extensions 给出延长的单位数"})
    restart = fields.Nested(TimelineRestartRuleOut, allow_none=True)
    decided_amount = fields.Nested(TimelineDecidedAmountOut, allow_none=True)
    restricts_liberty = fields.Boolean(metadata={"description": "限制人身自由的期间：不因节假日顺延"})


class TimelineEffectiveOut(Schema):
    from_ = fields.String(data_key="from")
    until = fields.String(allow_none=True)


class TimelineVersionOut(Schema):
    label = fields.String(allow_none=True)
    effective = fields.Nested(TimelineEffectiveOut, allow_none=True)
    start_label = fields.String(allow_none=True)
    summary = fields.String(allow_none=True)
    caveat = fields.String(allow_none=True, metadata={"description": "该版本未能核对之处（如修订决定的施行日期），答复中作为注说明"})
    stages = fields.List(fields.Nested(TimelineStageDefOut))


class TimelineProcedureOut(Schema):
    id = fields.String()
    title = fields.String()
    start_label = fields.String()
    event_label = fields.String(allow_none=True)
    seed = fields.String(allow_none=True)
    compare_with = fields.String(allow_none=True)
    remarks = fields.List(fields.String())
    stages = fields.List(fields.Nested(TimelineStageDefOut), metadata={"description": "最新版本的阶段"})
    versions = fields.List(fields.Nested(TimelineVersionOut))


class TimelineProcedureList(Schema):
    items = fields.List(fields.Nested(TimelineProcedureOut))


class TimelineVariantUsed(Schema):
    code = fields.String()
    title = fields.String()


class TimelineExtensionUsed(Schema):
    amount = fields.Integer()
    unit = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TimelinePauseUsed(Schema):
    start = fields.String()
    end = fields.String()
    reason = fields.String()


class TimelineEarliestOut(Schema):
    date = fields.String()
    amount = fields.Integer()
    unit = fields.String()
    rule = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TimelineStageOut(Schema):
    id = fields.String()
    authority = fields.String()
    title = fields.String()
    short_title = fields.String(metadata={"description": "阶段的简称（页面与命令行显示的标签）"})
    issues = fields.String(allow_none=True, metadata={"description": "本阶段结束时申请人取得的证照或文件（如《网络文化经营许可证》）；无则为 null"})
    kind = fields.String()
    when = fields.String(allow_none=True)
    start = fields.String(allow_none=True)
    due = fields.String(allow_none=True, metadata={"description": "日期；以小时计算的阶段为日期时间"})
    amount = fields.Integer(allow_none=True)
    unit = fields.String(allow_none=True)
    direction = fields.String(allow_none=True)
    variant = fields.Nested(TimelineVariantUsed, allow_none=True)
    extension = fields.Nested(TimelineExtensionUsed, allow_none=True)
    pauses = fields.List(fields.Nested(TimelinePauseUsed))
    earliest = fields.Nested(TimelineEarliestOut, allow_none=True)
    decided = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "open | decided | late | overdue"})
    steps = fields.List(fields.Nested(StepOut))
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    provisional = fields.Boolean()
    calendar_years = fields.List(fields.Integer())
    range = fields.Nested(MomentRangeOut, metadata=RANGE_DOC)


class TimelineNoteOut(Schema):
    code = fields.String()
    text = fields.String()
    details = fields.Dict()


class TimelineVersionUsed(Schema):
    label = fields.String()
    effective = fields.Nested(TimelineEffectiveOut, allow_none=True)


class TimelineOut(CalendarDependent):
    rule_versions = RULE_VERSIONS
    id = fields.String()
    title = fields.String()
    start_label = fields.String()
    version = fields.Nested(TimelineVersionUsed, allow_none=True)
    start = fields.String()
    event = fields.String(allow_none=True)
    stages = fields.List(fields.Nested(TimelineStageOut))
    completion = fields.String(allow_none=True)
    notes = fields.List(fields.Nested(TimelineNoteOut))
    completion_range = fields.Nested(MomentRangeOut, metadata=RANGE_DOC)


cached = etags.cached  # ETag = schedules digest, 304 on a match


# ---------------------------------------------------------------- routes

@blp.route("")
class Procedures(MethodView):
    @blp.response(200, TimelineProcedureList)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Every procedure with its stages (the newest version) and all its dated versions."""
        return cached({"items": [procedure_json(p) for p in current().timelines]})


@blp.route("/<procedure_id>")
class Procedure(MethodView):
    @blp.response(200, TimelineProcedureOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, procedure_id):
        """One procedure with all its versions."""
        return cached(procedure_json(current().timelines.get(procedure_id)))

    @blp.arguments(TimelineIn())
    @blp.response(200, TimelineOut)
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    @blp.doc(**ics_http.doc_also(TimelineOut))
    def post(self, args, procedure_id):
        """Each stage's start and due date (worst case unless `actual` says otherwise), and completion."""
        s = current()
        pauses = {sid: [DateRange(p["start"], p["end"], p.get("reason") or "") for p in ranges]
                  for sid, ranges in args["pauses"].items()}
        inputs = dom.StageInputs(actual=args["actual"], pauses=pauses, extensions=args["extensions"],
                                 variants=args["variants"], restarts=args["restarts"], durations=args["durations"])
        t = dom.estimate(s.timelines, procedure_id, args["start"], s.calendar, s.rules, inputs, event=args["event"],
                         as_of=args["as_of"], provisional=args["provisional"])
        if ics_http.wants_calendar():
            return _calendar(t, args, procedure_id)
        return jsonify(timeline_json(t))


def _calendar(t: dom.Timeline, args: dict, procedure_id: str):
    return ics_http.timeline(t, {"procedure": procedure_id, **args}, procedure_id)
