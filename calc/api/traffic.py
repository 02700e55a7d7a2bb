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
from marshmallow import Schema, ValidationError, fields, validates_schema
from marshmallow.validate import OneOf, Range

from ..answers.clock import today
from ..answers.traffic import act_json, assessment_json, codes_json, measured_json, points_json, search_json
from ..errors import InvalidInput
from ..traffic import assess as dom, measured, points
from ..traffic.model import MEASURE_KINDS, MEASURES
from ..traffic.payment import PaymentFacts
from .. import etags
from .fields import CalendarDependent, Capped, Day, ErrorOut, Flag, StepOut, Strict, cites_field, citation_field
from .messages import MaxLength
from .state import current

blp = Blueprint("traffic", __name__, description="道路交通：违法行为目录、处罚与记分测算、超速与超载、记分周期")

CODE = {"validate": MaxLength(60)}
VEHICLE_DOC = {"description": "车型代码（GET /v1/traffic/codes 的 vehicles），如 small_passenger 小型、微型载客汽车",
               "example": "small_passenger"}
ROAD_DOC = {"description": "道路类型：expressway 高速公路、urban_expressway 城市快速路、other 其他道路", "example": "other"}


# ---------------------------------------------------------------- out


class TrafficMoney(Schema):
    min = fields.Float()
    max = fields.Float()


class TrafficEffective(Schema):
    from_ = fields.Date(data_key="from")
    until = fields.Date(allow_none=True)


class TrafficMeasureOut(Schema):
    kind = fields.String(metadata={"enum": list(MEASURE_KINDS), "description":
                                   "licence_suspension 暂扣驾驶证（months）、licence_revocation 吊销、licence_withheld 先予扣留、"
                                   "detention 拘留（days，min_days 为下限）、vehicle_detention 扣留机动车、confiscation 收缴没收、"
                                   "criminal 追究刑事责任、ban_years 不得重新取得驾驶证的年限（years 或 lifetime）、other 其他措施"})
    optional = fields.Boolean(metadata={"description": "true：法律规定“可以”"})
    months = fields.Integer(metadata={"description": "暂扣的月数"})
    min_days = fields.Integer(metadata={"description": "拘留日数的下限（只规定上限的不给）"})
    days = fields.Integer(metadata={"description": "拘留日数（上限）"})
    years = fields.Integer(metadata={"description": "不得重新取得机动车驾驶证的年数"})
    lifetime = fields.Boolean(metadata={"description": "终生不得重新取得"})
    detail = fields.String(metadata={"description": "所及之物或附带的说明（如 至违法状态消除、危险驾驶罪）"})
    text = fields.String(metadata={"description": "决定书式的中文表述"})
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TrafficOver(Schema):
    measure = fields.String(metadata={"enum": list(MEASURES), "description":
                                      "所计之量：speed 时速、passengers 核定人数、load 核定载质量、total_mass 最大允许总质量"})
    min = fields.Float(allow_none=True, metadata={"description": "以上（含本数）"})
    below = fields.Float(allow_none=True, metadata={"description": "不足、未达到（不含本数）"})


class TrafficWhen(Schema):
    vehicles = fields.List(fields.String(), metadata={"description": "车型或车型组，任一"})
    roads = fields.List(fields.String(), metadata={"description": "道路类型，任一"})
    over = fields.Nested(TrafficOver, allow_none=True, metadata={"description": "超过的百分比区间"})
    seats = fields.Integer(allow_none=True, metadata={"description": "核定载客人数至少为此（7座以上）"})
    circumstances = fields.List(fields.String(), metadata={"description": "须全部具备的情形"})


class TrafficBandOut(Schema):
    when = fields.Nested(TrafficWhen)
    fine = fields.Nested(TrafficMoney, allow_none=True)
    fine_text = fields.String(allow_none=True, metadata={"description": "以算式规定的罚款（如 所收检验费用五倍以上十倍以下）"})
    warning = fields.Boolean()
    points = fields.Integer(allow_none=True, metadata={"description": "记分（记分的幅度）"})
    measures = fields.List(fields.Nested(TrafficMeasureOut), metadata={"description": "罚款以外的措施"})
    text = fields.String(allow_none=True, metadata={"description": "所依据的项的原文"})
    sanctions = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TrafficVersionOut(Schema):
    effective = fields.Nested(TrafficEffective)
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()
    text = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    bands = fields.List(fields.Nested(TrafficBandOut), metadata={"description": "按顺序，第一个条件成立的幅度适用"})


class TrafficClauseOut(Schema):
    clause = fields.String(metadata={"description": "国家规定的编号（目录内部）"})
    title = fields.String()
    versions = fields.List(fields.Nested(TrafficVersionOut))


class TrafficSummary(Schema):
    id = fields.String(metadata={"example": "traffic.hb-76-1"})
    title = fields.String()
    party = fields.String(metadata={"description": "当事人代码（GET /v1/traffic/codes 的 parties）"})
    keywords = fields.List(fields.String())
    basis = fields.String(allow_none=True)
    cites = cites_field()
    citation = citation_field()


class TrafficList(Schema):
    items = fields.List(fields.Nested(TrafficSummary))


class TrafficActOut(TrafficSummary):
    party_title = fields.String(metadata={"description": "当事人（中文）"})
    note = fields.String(allow_none=True, metadata={"description": "三部文本措辞不同时的对应说明（存疑之处写明）"})
    measure = fields.String(allow_none=True, metadata={"enum": [*MEASURES, None], "description": "按超过的百分比区分时所计之量"})
    national = fields.List(fields.Nested(TrafficClauseOut), metadata={"description": "国家规定（道路交通安全法等）"})
    hebei = fields.List(fields.Nested(TrafficVersionOut), metadata={"description": "河北省实施办法的具体标准"})
    points = fields.List(fields.Nested(TrafficVersionOut), metadata={"description": "记分管理办法的记分"})


class TrafficCode(Schema):
    code = fields.String()
    title = fields.String()


class TrafficGroup(TrafficCode):
    members = fields.List(fields.String(), metadata={"description": "属于该组的车型代码"})
    undetermined = fields.List(fields.String(), metadata={"description": "文本未定是否属于该组的车型：答案依赖时须改选"})
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TrafficParty(TrafficCode):
    collect_on_the_spot = fields.Boolean(metadata={"description": "当事人无异议的，可以当场收缴罚款（道路交通安全法 第一百零八条第二款）"})
    scored = fields.Boolean(metadata={"description": "是否记分（只对机动车驾驶人）"})


class TrafficCodes(Schema):
    vehicles = fields.List(fields.Nested(TrafficCode), metadata={"description": "车型代码（vehicle）"})
    groups = fields.List(fields.Nested(TrafficGroup), metadata={"description": "文本一并列举的车型组"})
    roads = fields.List(fields.Nested(TrafficCode), metadata={"description": "道路类型代码（road）"})
    circumstances = fields.List(fields.Nested(TrafficCode))
    licences = fields.List(fields.Nested(TrafficCode), metadata={"description": "准驾车型（记分周期的 vehicle）"})
    parties = fields.List(fields.Nested(TrafficParty), metadata={"description": "当事人代码"})


class TrafficFact(Schema):
    status = fields.String(metadata={"enum": ["yes", "no", "depends"]})
    explanation = fields.String()
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TrafficSpotOut(TrafficFact):
    limit = fields.Float(metadata={"description": "当场处罚的罚款上限（元）"})


class TrafficCited(Schema):
    basis = fields.String()
    cites = cites_field()
    citation = citation_field()


class TrafficSurcharge(TrafficCited):
    daily_rate = fields.Float(metadata={"description": "每日加处罚款的比例"})
    cap_ratio = fields.Float(metadata={"description": "加处罚款的上限与罚款的比例（1：不超过罚款数额）"})
    cap = fields.Nested(TrafficCited, metadata={"description": "加处罚款上限的依据"})


class TrafficLate(Schema):
    fine = fields.Float()
    days_late = fields.Integer()
    surcharge = fields.Float()
    capped = fields.Boolean()
    total = fields.Float()


class TrafficPaymentOut(CalendarDependent, TrafficCited):
    within_days = fields.Integer(metadata={"description": "自收到决定书之日起缴纳罚款的日数"})
    collect_on_the_spot = fields.Nested(TrafficFact, metadata={"description": "可否当场收缴罚款"})
    surcharge = fields.Nested(TrafficSurcharge)
    due = fields.Date(allow_none=True, metadata={"description": "给出 served 时：缴纳期限的最后一日"})
    late = fields.Nested(TrafficLate, allow_none=True, metadata={"description": "给出 paid 时：逾期日数与加处罚款"})


class TrafficNationalOut(TrafficCited):
    clause = fields.String(metadata={"description": "国家规定的编号（目录内部）"})
    title = fields.String()
    text = fields.String(allow_none=True)
    effective = fields.Nested(TrafficEffective)
    sanctions = fields.String(allow_none=True)
    why = fields.String(allow_none=True, metadata={"description": "两个版本时适用哪一个及其理由（从旧兼从轻）"})


class TrafficHebeiOut(TrafficCited):
    text = fields.String()
    effective = fields.Nested(TrafficEffective)
    amount = fields.Float()
    warning = fields.Boolean()
    applies = fields.Boolean(metadata={"description": "false：法律规定的罚款超出第六十八条的范围，不适用"})


class TrafficPointsRule(TrafficCited):
    points = fields.Integer(metadata={"description": "记分"})
    text = fields.String(allow_none=True)


class TrafficRuleVersion(Schema):
    kind = fields.String(metadata={"enum": ["traffic_act", "traffic_clause"]})
    id = fields.String()
    version = fields.String(allow_none=True)
    effective = fields.Dict(allow_none=True)
    digest = fields.String(metadata={"description": "该条目在时间表文件中内容的摘要；摘要变化即应重算已存的答案"})


class TrafficAssessOut(CalendarDependent, TrafficCited):
    id = fields.String()
    title = fields.String()
    party = fields.String()
    act_date = fields.Date()
    decision_date = fields.Date()
    vehicle = fields.String(allow_none=True, metadata={"description": "所给的车型代码"})
    road = fields.String(allow_none=True, metadata={"description": "所给的道路类型"})
    circumstances = fields.List(fields.String())
    fine = fields.Nested(TrafficMoney, allow_none=True, metadata={"description": "元；固定数额 min == max；无罚款为 null"})
    fine_text = fields.String(allow_none=True, metadata={"description": "罚款以算式规定时的原文表述"})
    warning = fields.Boolean(metadata={"description": "可以警告代替罚款"})
    fine_source = fields.String(allow_none=True, metadata={
        "enum": ["hebei", "national", None], "description": "罚款所依：hebei 河北省具体标准、national 国家规定的幅度；无罚款为 null"})
    points = fields.Integer(allow_none=True, metadata={
        "description": "记分；行为日施行的记分规定不在本服务收录的文本中（2022年4月1日前）时为 null"})
    measures = fields.List(fields.Nested(TrafficMeasureOut), metadata={"description": "罚款以外的措施（暂扣、吊销、拘留、扣车、追究刑事责任、不得重新取得驾驶证的年限等）"})
    national = fields.List(fields.Nested(TrafficNationalOut), metadata={"description": "所适用的国家规定及其版本"})
    hebei = fields.Nested(TrafficHebeiOut, allow_none=True, metadata={"description": "河北省实施办法的具体标准及是否适用"})
    points_rule = fields.Nested(TrafficPointsRule, allow_none=True, metadata={"description": "所适用的记分项"})
    on_the_spot = fields.Nested(TrafficSpotOut, metadata={"description": "可否当场处罚（道路交通安全法 第一百零七条）"})
    payment = fields.Nested(TrafficPaymentOut, metadata={"description": "缴纳罚款：期限、当场收缴、加处罚款"})
    notes = fields.List(fields.String())
    steps = fields.List(fields.Nested(StepOut))
    rule_versions = fields.List(fields.Nested(TrafficRuleVersion), metadata={"description": "答案所依据的条目及其摘要（供已存答案判断是否需要重算）"})


class TrafficSpeedingOut(TrafficAssessOut):
    violation = fields.String(metadata={"description": "所属违法行为的编号"})
    over_percent = fields.Float(metadata={"description": "超过规定时速的百分比（两位小数，舍去；比较按精确值）"})


class TrafficOverloadingOut(TrafficSpeedingOut):
    total_over_percent = fields.Float(allow_none=True, metadata={"description": "超过最大允许总质量的百分比（载货）"})


class TrafficCycle(Schema):
    start = fields.Date()
    end = fields.Date()


class TrafficStudy(TrafficCited):
    days = fields.Integer(metadata={"description": "满分学习天数"})
    times = fields.Integer(metadata={"description": "本周期第几次满分"})
    onsite_or_online = fields.Integer(metadata={"description": "现场学习、网络学习累计不少于的天数"})
    onsite = fields.Integer(metadata={"description": "其中现场学习不少于的天数"})


class TrafficEntryOut(Schema):
    date = fields.Date()
    points = fields.Integer(metadata={"description": "该次记分"})
    violation = fields.String(allow_none=True, metadata={"description": "违法行为编号（给出时）"})
    status = fields.String(metadata={"enum": ["counted", "carried", "outside"]})


class TrafficReview(TrafficCited):
    required = fields.Boolean(allow_none=True, metadata={"description": "null：无从判断（见 reason）"})
    due = fields.Date(allow_none=True)
    reason = fields.String()


class TrafficPointsOut(CalendarDependent):
    first_licence = fields.Date(metadata={"description": "初次领证日"})
    on = fields.Date(metadata={"description": "查询日"})
    vehicle = fields.String(allow_none=True, metadata={"description": "准驾车型"})
    cycle = fields.Nested(TrafficCycle, metadata={"description": "查询日所在的记分周期（首尾两日均含）"})
    total = fields.Integer()
    full = fields.Boolean(metadata={"description": "是否累积记分满12分"})
    full_on = fields.Date(allow_none=True, metadata={"description": "达到满分之日"})
    study_days = fields.Integer(allow_none=True, metadata={"description": "满分学习天数（未满分或无从确定时为 null）"})
    study = fields.Nested(TrafficStudy, allow_none=True, metadata={"description": "满分学习的天数及其构成"})
    exams = fields.List(fields.String(metadata={"enum": ["knowledge", "road", "field"]}), metadata={
        "description": "须参加的考试：knowledge 知识考试、road 道路驾驶技能、field 场地驾驶技能"})
    reduced = fields.Integer(metadata={"description": "本周期以交通安全教育扣减的分数"})
    entries = fields.List(fields.Nested(TrafficEntryOut), metadata={"description": "各次记分及是否计入本周期"})
    review = fields.Nested(TrafficReview, metadata={"description": "周期结束后的审验"})
    notes = fields.List(fields.String())
    steps = fields.List(fields.Nested(StepOut))


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
    @blp.response(200, TrafficCodes)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """The codes the traffic endpoints accept: vehicle classes and their groups, roads, circumstances, licence classes, parties."""
        return etags.cached(codes_json(current().traffic))


@blp.route("/v1/traffic/violations")
class Violations(MethodView):
    @blp.arguments(TrafficQuery(), location="query")
    @blp.response(200, TrafficList)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Traffic acts, searched by what people type (闯红灯, 酒驾 …) or by the article a text of them cites."""
        if (args["law"] is None) != (args["article"] is None):
            raise InvalidInput("law 与 article 须同时给出", field="article" if args["article"] is None else "law")
        return etags.cached(search_json(current().traffic, args["q"], args["law"], args["article"]))


@blp.route("/v1/traffic/violations/<vid>")
class Violation(MethodView):
    @blp.response(200, TrafficActOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, vid):
        """One act: its national provisions, Hebei's item and the points, every version and band with its citation."""
        t = current().traffic
        return etags.cached(act_json(t, t.get(vid)))


@blp.route("/v1/traffic/violations/<vid>/assess")
class Assess(MethodView):
    @blp.arguments(TrafficAssessIn())
    @blp.response(200, TrafficAssessOut)
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
    @blp.response(200, TrafficSpeedingOut)
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
    @blp.response(200, TrafficOverloadingOut)
    @blp.alt_response(422, schema=ErrorOut)
    def post(self, args):
        """The act an overload falls under (passengers over the rated number, or goods over the rated load), and its assessment."""
        t = current().traffic
        m = measured.overloading(t, args["act_date"], args["decision_date"] or today(), args["vehicle"], args["kind"],
                                 _decimal(args["rated"]), _decimal(args["carried"]), _decimal(args["permitted_total"]),
                                 _decimal(args["total"]), args["road"], args["circumstances"],
                                 _pay(args), args["provisional"])
        return jsonify(measured_json(t, m, load=True))


@blp.route("/v1/traffic/points")
class Points(MethodView):
    @blp.arguments(TrafficPointsIn())
    @blp.response(200, TrafficPointsOut)
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
