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
from marshmallow import Schema, fields
from marshmallow.validate import OneOf, Range

from .. import etags, penalties as dom
from .. import periods
from .. import thresholds as thr
from ..answers.clock import today
from ..answers.penalties import (answer_json, assessment_json, late_fee_json, law_json, summary_json,
                                 threshold_json, violation_json)
from ..errors import InvalidInput
from .fields import (RANGE_DOC, RULE_VERSIONS, CalendarDependent, Capped, DateRangeIn, Day, ErrorOut, Flag, RangeOut,
                     StepOut, Strict, cites_field, citation_field)
from .messages import MaxItems, MaxLength  # noqa: F401
from .state import current

blp = Blueprint("penalties", __name__, description="罚款幅度、裁量版本、加处罚款与立案标准")


class ViolationId(BaseConverter):
    """A violation id: any path segment except `late-fee`, which is the surcharge resource beside
    the ids (so OPTIONS /v1/penalties/late-fee does not advertise the detail's GET)."""

    regex = r"(?!late-fee$)[^/]+"


blp.record_once(lambda state: state.app.url_map.converters.setdefault("violation_id", ViolationId))

MAX_CODES = 30  # more circumstance codes than any act has, so a runaway list is refused early


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


class PenaltyDetention(Schema):
    min = fields.Integer()
    max = fields.Integer()


class PenaltyBandOut(Schema):
    when = fields.String(metadata={"description": "情形代码（见违法行为详情的 circumstances）"})
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
    cites = cites_field()
    citation = citation_field()
    detention = fields.Nested(PenaltyDetention, allow_none=True, metadata={"description": "行政拘留日数；只规定上限时 min 为 1"})
    combination = fields.String(allow_none=True, validate=OneOf(tuple(dom.COMBINATIONS)),
                                metadata={"description": "and 拘留并处罚款；and_optional 拘留，可以并处罚款；or 拘留或者罚款"})
    with_warning = fields.Boolean(metadata={"description": "true：警告与罚款并处（“给予警告，并处…罚款”）；"
                                                           "warning 为 true 时是“警告或者罚款”"})
    discretionary = fields.Boolean(metadata={"description": "true：“可以处”，公安机关也可以不予处罚"})
    measure = fields.String(allow_none=True, metadata={"description": "同时采取的措施（非公安机关的处罚），如 强行带离现场"})
    persons_fine = fields.Nested(PenaltyMoneyRange, allow_none=True, metadata={
        "description": "对直接负责的主管人员和其他直接责任人员的罚款（元）"})


class PenaltyBesideRuleOut(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    text = fields.String(metadata={"description": "并列的另一规定的原文"})
    why = fields.String(metadata={"description": "两者适用哪一规定及其理由"})
    violation = fields.String(allow_none=True, metadata={"description": "编入该规定的违法行为编号"})
    effective = fields.Nested(PenaltyEffective, allow_none=True)


class PenaltyAggravationOut(Schema):
    code = fields.String(metadata={"description": "情形代码"})
    circumstance = fields.String()
    text = fields.String(metadata={"description": "规定从重处罚的条款原文"})
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class PenaltyElsewhereOut(Schema):
    authority = fields.String(metadata={"description": "作出处罚的其他机关"})
    text = fields.String(metadata={"description": "该机关所依条款的原文"})
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


ELSEWHERE_DOC = {"description": "punishable 为 false 时：该行为并非不违法，而由其他机关依其他规定处罚（如2026年前的传销："
                                "禁止传销条例 第二十四条，工商行政管理部门）；为空表示该文本不认为是违法的"}


class PenaltyVersionOut(Schema):
    effective = fields.Nested(PenaltyEffective)
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    text = fields.String()
    rests_on = fields.String(allow_none=True, metadata={
        "enum": list(dom.RESTS_ON), "description": "引文的来源：为空表示依据法律原文；否则为未核对原文时所依据的材料"})
    rests_on_text = fields.String(allow_none=True, metadata={"description": "rests_on 的中文说明"})
    punishable = fields.Boolean(metadata={"description": "false：该文本未规定此行为（不认为是违法的）"})
    bands = fields.List(fields.Nested(PenaltyBandOut))
    aggravations = fields.List(fields.Nested(PenaltyAggravationOut), metadata={
        "description": "本条自身规定的从重处罚（如 第八十四条第二款 对首要分子、组织者从重），不另设幅度"})
    elsewhere = fields.Nested(PenaltyElsewhereOut, allow_none=True, metadata=ELSEWHERE_DOC)
    regime = fields.String(metadata={"description": "依该文本处罚时适用的程序类别（与违法行为的 regime 不同时，如"
                                                    "2026年前依居民身份证法处罚的，适用行政处罚法）"})
    caveat = fields.String(allow_none=True, metadata={"description": "该文本未能核对之处（如修订决定的施行日期）"})
    beside = fields.List(fields.Nested(PenaltyBesideRuleOut), metadata={
        "description": "就同一行为并列的其他规定（地方性法规、新法条文），及适用哪一规定的理由"})


class ViolationSummary(Schema):
    id = fields.String()
    title = fields.String()
    authority = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    seed = fields.String()
    regime = fields.String()
    section = fields.String(metadata={"description": "2025年文本的章节（浏览用）；其他违法行为为空"})


class ViolationList(Schema):
    items = fields.List(fields.Nested(ViolationSummary))


class PenaltyCircumstanceOut(Schema):
    code = fields.String()
    text = fields.String()
    general = fields.Boolean(metadata={"description": "true：总则规定（从重、不执行拘留等），不选幅度"})
    aggravation = fields.Boolean(metadata={"description": "true：本条自身规定从重处罚的情形（不选幅度，引该款从重）"})


class ViolationOut(ViolationSummary):
    keywords = fields.List(fields.String())
    acts = fields.List(fields.String())
    correspondence = fields.String(allow_none=True)
    circumstances = fields.List(fields.Nested(PenaltyCircumstanceOut))
    versions = fields.List(fields.Nested(PenaltyVersionOut))


class PenaltySearchQuery(Strict):
    q = fields.String(load_default=None, validate=MaxLength(200),
                      metadata={"description": "关键词（中文标题、俗称、依据、编号），空格分隔的词须全部出现"})
    law = fields.String(load_default=None, validate=MaxLength(100),
                        metadata={"description": "法律简称及年份，与 basis 中相同，如 治安管理处罚法（2025）；须与 article 同用"})
    article = fields.Integer(load_default=None, validate=Range(1, 1000),
                             metadata={"description": "条（第…条的数字），如 51"})


class LawVersionOut(Schema):
    name = fields.String()
    effective = fields.Nested(PenaltyEffective)
    note = fields.String(allow_none=True)


class LawOut(Schema):
    name = fields.String()
    title = fields.String()
    versions = fields.List(fields.Nested(LawVersionOut))


class LawList(Schema):
    items = fields.List(fields.Nested(LawOut))


class PenaltyAssessIn(Strict):
    act_date = Day(required=True, metadata={"description": "违法行为发生之日（连续或继续状态的，行为终了之日）"})
    decision_date = Day(load_default=None, metadata={"description": "作出处罚决定之日，缺省为今日（北京时间）"})
    party = fields.String(required=True, validate=OneOf(tuple(dom.PARTIES)))
    circumstances = Capped(fields.String(validate=MaxLength(40)), MAX_CODES, load_default=list,
                           metadata={"description": "情形代码（见违法行为详情的 circumstances）；未知代码为 422"})
    harm_to_life_health_finance = Flag(
        load_default=False, metadata={"description": "涉及公民生命健康安全、金融安全且有危害后果（行政处罚法第三十六条，时效五年）"})
    provisional = Flag(load_default=False, metadata={"description": "时效日超出已公布节假日安排时按放假办法推定"})


class PenaltyDegreeOut(Schema):
    detention = fields.Integer()
    added_fine = fields.Float()
    licence = fields.Integer()
    suspension = fields.Integer()
    fine = fields.Float()
    no_warning = fields.Integer()


class PenaltySeverityOut(Schema):
    detention_max = fields.Integer()
    licence = fields.Integer()
    suspension = fields.Integer()
    fine_max = fields.Float()
    fine_min = fields.Float()
    no_warning = fields.Integer()
    punishable = fields.Boolean()
    heaviest = fields.Nested(PenaltyDegreeOut, metadata={"description": "可能的最重处罚（先比较）"})
    lightest = fields.Nested(PenaltyDegreeOut, metadata={"description": "可能的最轻处罚（最重相同时比较）"})
    alternative_fine = fields.Float(metadata={"description": "可以替代拘留的罚款上限（“拘留或者罚款”；最重、最轻均相同时比较）"})


class PenaltyComparedOut(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    effective = fields.Nested(PenaltyEffective)
    sanctions = fields.String()
    severity = fields.Nested(PenaltySeverityOut)
    text = fields.String()
    punishable = fields.Boolean()


class PenaltyComparisonOut(Schema):
    decided_by = fields.String(metadata={
        "enum": ["not_punishable", "heaviest", "lightest", "alternative", "equal"],
        "description": "alternative：最重、最轻处罚相同，以可以替代拘留的罚款数额（拘留或者罚款）决定"})
    aspect = fields.String(allow_none=True)
    text = fields.String()


class PenaltyVersionRef(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    effective = fields.Nested(PenaltyEffective)
    text = fields.String()
    rests_on = fields.String(allow_none=True, metadata={
        "enum": list(dom.RESTS_ON), "description": "引文的来源：为空表示依据法律原文；否则为未核对原文时所依据的材料"})
    rests_on_text = fields.String(allow_none=True, metadata={"description": "rests_on 的中文说明"})
    punishable = fields.Boolean()
    elsewhere = fields.Nested(PenaltyElsewhereOut, allow_none=True, metadata=ELSEWHERE_DOC)


class PenaltyChoiceOut(Schema):
    applied = fields.Nested(PenaltyVersionRef, allow_none=True)
    rule = fields.String(metadata={"enum": ["same", "act_time", "decision_time_lighter", "repealed"]})
    reason = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    act_version = fields.Nested(PenaltyVersionRef)
    decision_version = fields.Nested(PenaltyVersionRef, allow_none=True)
    compared = fields.List(fields.Nested(PenaltyComparedOut))
    comparison = fields.Nested(PenaltyComparisonOut, allow_none=True)


class PenaltyBesideOut(Schema):
    basis = fields.String(metadata={"description": "另一规定（如程序规定）的依据"})
    cites = cites_field()
    citation = citation_field()
    limit = fields.Float(metadata={"description": "该规定的限额（元）"})
    why = fields.String(metadata={"description": "为何不以该规定为准"})


class PenaltyQualifyingOut(Schema):
    detention = fields.Boolean(metadata={"description": "该决定含拘留（罚款与拘留并处）"})
    warning = fields.Boolean(metadata={"description": "该决定含警告"})
    fine = fields.Nested(PenaltyMoneyRange, allow_none=True, metadata={"description": "限额以内的罚款数额（元）"})


class PenaltyFactOut(Schema):
    status = fields.String(metadata={
        "enum": ["yes", "no", "depends", "unknown"],
        "description": "yes：幅度允许的每一种决定都符合；depends：视决定而定，只有部分决定符合（见 qualifying 与 "
                       "explanation）；no：幅度允许的决定均不符合；unknown：本服务未收录决定日施行的规定"})
    explanation = fields.String()
    basis = fields.String(allow_none=True)
    cites = cites_field()
    citation = citation_field()
    limit = fields.Float(allow_none=True)
    note = fields.String(allow_none=True)
    beside = fields.List(fields.Nested(PenaltyBesideOut),
                         metadata={"description": "并列列出的其他规定的限额及其不予适用的理由"})
    qualifying = fields.List(fields.Nested(PenaltyQualifyingOut), metadata={
        "description": "当场处罚、当场收缴：符合条件的决定（status 为 yes 或 depends 时）；听证及其他为空"})


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
    cites = cites_field()
    citation = citation_field()
    start = fields.Date()
    plain_end = fields.Date(allow_none=True)
    expires = fields.Date(allow_none=True)
    calendar_gap = fields.Integer(allow_none=True)
    message = fields.String()
    note = fields.String(allow_none=True)
    steps = fields.List(fields.Nested(StepOut))


class PenaltyGeneralOut(Schema):
    id = fields.String()
    title = fields.String()
    status = fields.String(metadata={"enum": ["yes", "no", "depends"]})
    explanation = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    text = fields.String()
    note = fields.String(allow_none=True)


class PenaltySwitchOut(Schema):
    code = fields.String()
    text = fields.String()
    added = fields.Boolean(metadata={"description": "true：加上该情形；false：去掉该情形"})
    applies = fields.String()
    rule = fields.String()
    message = fields.String()


class PenaltyAssessOut(CalendarDependent):
    rule_versions = RULE_VERSIONS
    id = fields.String()
    title = fields.String()
    act_date = fields.Date()
    decision_date = fields.Date()
    party = fields.String()
    circumstances = fields.List(fields.String())
    version = fields.Nested(PenaltyChoiceOut)
    bands = fields.List(fields.Nested(PenaltyBandOut))
    notes = fields.List(fields.String())
    aggravations = fields.List(fields.Nested(PenaltyAggravationOut), metadata={
        "description": "所给情形中，适用文本本条规定从重处罚的（在适用的幅度内从重，引该款）"})
    beside = fields.List(fields.Nested(PenaltyBesideRuleOut), metadata={
        "description": "行为日施行的、就同一行为并列的其他规定，及适用哪一规定的理由"})
    procedure = fields.Nested(PenaltyProcedureOut)
    limitation = fields.Nested(PenaltyLimitationOut)
    punishable = fields.Boolean(metadata={"description": "false：所适用的文本不认为是违法的"})
    general = fields.List(fields.Nested(PenaltyGeneralOut))
    switches = fields.List(fields.Nested(PenaltySwitchOut))


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
    range = fields.Nested(RangeOut, metadata=RANGE_DOC)


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
    cites = cites_field()
    citation = citation_field()


class PenaltyReferralOut(Schema):
    referral = fields.String(metadata={"enum": ["criminal", "administrative", "none"]})
    met = fields.Boolean(allow_none=True)
    roles = fields.List(fields.String())
    authority = fields.String()
    action = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class ThresholdOut(Schema):
    id = fields.String()
    title = fields.String()
    seed = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
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
    cites = cites_field()
    citation = citation_field()
    inclusive_basis = fields.String()
    note = fields.String(allow_none=True)


cached = etags.cached  # ETag = schedules digest, 304 on a match


# ---------------------------------------------------------------- routes


@blp.route("/v1/penalties")
class Violations(MethodView):
    @blp.arguments(PenaltySearchQuery(), location="query")
    @blp.response(200, ViolationList)
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
        return cached({"items": [summary_json(v) for v in items]})


@blp.route("/v1/laws")
class Laws(MethodView):
    @blp.response(200, LawList)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Every law the penalty schedules cite with its year: short name, title, versions in force."""
        return cached({"items": [law_json(x) for x in current().penalties.laws]})


@blp.route("/v1/penalties/late-fee")
class LateFee(MethodView):
    @blp.arguments(LateFeeIn())
    @blp.response(200, LateFeeOut)
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
    @blp.response(200, ViolationOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, vid):
        """One violation with all its versions and bands."""
        p = current().penalties
        return cached(violation_json(p.get(vid), p))


@blp.route("/v1/penalties/<violation_id:vid>/assess")
class Assess(MethodView):
    @blp.arguments(PenaltyAssessIn())
    @blp.response(200, PenaltyAssessOut)
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
