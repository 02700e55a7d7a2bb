"""The JSON of the traffic answers: the catalogue (/v1/traffic/violations), an assessment, a measured
speed or load, and the points cycle (API.md 1.1 "Road traffic"). Every basis goes out with its
`cites` and `citation` (`cited`); money as JSON numbers with at most two decimals.
"""
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal, NotRequired, TypedDict, cast

from ..citations import Basis, join
from ..nodes import Fingerprint
from ..traffic import catalogue
from ..traffic.assess import Applied, Assessment
from ..traffic.measured import Measured, shown
from ..traffic.model import Act, Band, Fine, Measure, MeasureKind, Quantity, Traffic, Version, When
from ..traffic.points import PointsAnswer
from ..traffic.words import measure_words, sanctions
from .cites import Citation, Cites, cited
from .common import CalendarDependent
from .doc import Day, Doc
from .rules import effective as dates_in_force
from .steps import StepOut, steps_json

class TrafficMoney(TypedDict):
    min: float
    max: float


TrafficEffective = TypedDict("TrafficEffective", {"from": Day, "until": Day | None})


class TrafficMeasureOut(TypedDict):
    kind: Annotated[MeasureKind, Doc(
        "licence_suspension 暂扣驾驶证（months）、licence_revocation 吊销、licence_withheld 先予扣留、"
        "detention 拘留（days，min_days 为下限）、vehicle_detention 扣留机动车、confiscation 收缴没收、"
        "criminal 追究刑事责任、ban_years 不得重新取得驾驶证的年限（years 或 lifetime）、other 其他措施")]
    optional: Annotated[bool, Doc("true：法律规定“可以”")]
    months: NotRequired[Annotated[int, Doc("暂扣的月数")]]
    min_days: NotRequired[Annotated[int, Doc("拘留日数的下限（只规定上限的不给）")]]
    days: NotRequired[Annotated[int, Doc("拘留日数（上限）")]]
    years: NotRequired[Annotated[int, Doc("不得重新取得机动车驾驶证的年数")]]
    lifetime: NotRequired[Annotated[bool, Doc("终生不得重新取得")]]
    detail: NotRequired[Annotated[str, Doc("所及之物或附带的说明（如 至违法状态消除、危险驾驶罪）")]]
    text: Annotated[str, Doc("决定书式的中文表述")]
    basis: str
    cites: Cites
    citation: Citation


class TrafficOver(TypedDict):
    measure: Annotated[Quantity, Doc(
        "所计之量：speed 时速、passengers 核定人数、load 核定载质量、total_mass 最大允许总质量")]
    min: Annotated[float | None, Doc("以上（含本数）")]
    below: Annotated[float | None, Doc("不足、未达到（不含本数）")]


class TrafficWhen(TypedDict):
    vehicles: Annotated[list[str], Doc("车型或车型组，任一")]
    roads: Annotated[list[str], Doc("道路类型，任一")]
    over: Annotated[TrafficOver | None, Doc("超过的百分比区间")]
    seats: Annotated[int | None, Doc("核定载客人数至少为此（7座以上）")]
    circumstances: Annotated[list[str], Doc("须全部具备的情形")]


class TrafficBandOut(TypedDict):
    when: TrafficWhen
    fine: TrafficMoney | None
    fine_text: Annotated[str | None, Doc("以算式规定的罚款（如 所收检验费用五倍以上十倍以下）")]
    warning: bool
    points: Annotated[int | None, Doc("记分（记分的幅度）")]
    measures: Annotated[list[TrafficMeasureOut], Doc("罚款以外的措施")]
    text: Annotated[str | None, Doc("所依据的项的原文")]
    sanctions: str
    basis: str
    cites: Cites
    citation: Citation


class TrafficVersionOut(TypedDict):
    effective: TrafficEffective
    basis: str
    cites: Cites
    citation: Citation
    text: str | None
    note: str | None
    bands: Annotated[list[TrafficBandOut], Doc("按顺序，第一个条件成立的幅度适用")]


class TrafficClauseOut(TypedDict):
    clause: Annotated[str, Doc("国家规定的编号（目录内部）")]
    title: str
    versions: list[TrafficVersionOut]


class TrafficSummary(TypedDict):
    id: Annotated[str, Doc(example="traffic.hb-76-1")]
    title: str
    party: Annotated[str, Doc("当事人代码（GET /v1/traffic/codes 的 parties）")]
    keywords: list[str]
    basis: str | None
    cites: Cites
    citation: Citation


class TrafficList(TypedDict):
    items: list[TrafficSummary]


class TrafficActOut(TrafficSummary):
    party_title: Annotated[str, Doc("当事人（中文）")]
    note: Annotated[str | None, Doc("三部文本措辞不同时的对应说明（存疑之处写明）")]
    measure: Annotated[Literal[Quantity, None], Doc("按超过的百分比区分时所计之量")]
    national: Annotated[list[TrafficClauseOut], Doc("国家规定（道路交通安全法等）")]
    hebei: Annotated[list[TrafficVersionOut], Doc("河北省实施办法的具体标准")]
    points: Annotated[list[TrafficVersionOut], Doc("记分管理办法的记分")]


class TrafficCode(TypedDict):
    code: str
    title: str


class TrafficGroup(TrafficCode):
    members: Annotated[list[str], Doc("属于该组的车型代码")]
    undetermined: Annotated[list[str], Doc("文本未定是否属于该组的车型：答案依赖时须改选")]
    basis: str
    cites: Cites
    citation: Citation


class TrafficParty(TrafficCode):
    collect_on_the_spot: Annotated[bool, Doc("当事人无异议的，可以当场收缴罚款（道路交通安全法 第一百零八条第二款）")]
    scored: Annotated[bool, Doc("是否记分（只对机动车驾驶人）")]


class TrafficCodes(TypedDict):
    vehicles: Annotated[list[TrafficCode], Doc("车型代码（vehicle）")]
    groups: Annotated[list[TrafficGroup], Doc("文本一并列举的车型组")]
    roads: Annotated[list[TrafficCode], Doc("道路类型代码（road）")]
    circumstances: list[TrafficCode]
    licences: Annotated[list[TrafficCode], Doc("准驾车型（记分周期的 vehicle）")]
    parties: Annotated[list[TrafficParty], Doc("当事人代码")]


class TrafficFact(TypedDict):
    status: Literal["yes", "no", "depends"]
    explanation: str
    basis: str
    cites: Cites
    citation: Citation


class TrafficSpotOut(TrafficFact):
    limit: Annotated[float, Doc("当场处罚的罚款上限（元）")]


class TrafficCited(TypedDict):
    basis: str
    cites: Cites
    citation: Citation


class TrafficSurcharge(TrafficCited):
    daily_rate: Annotated[float, Doc("每日加处罚款的比例")]
    cap_ratio: Annotated[float, Doc("加处罚款的上限与罚款的比例（1：不超过罚款数额）")]
    cap: Annotated[TrafficCited, Doc("加处罚款上限的依据")]


class TrafficLate(TypedDict):
    fine: float
    days_late: int
    surcharge: float
    capped: bool
    total: float


class TrafficPaymentOut(TrafficCited, CalendarDependent):
    within_days: Annotated[int, Doc("自收到决定书之日起缴纳罚款的日数")]
    collect_on_the_spot: Annotated[TrafficFact, Doc("可否当场收缴罚款")]
    surcharge: TrafficSurcharge
    due: Annotated[Day | None, Doc("给出 served 时：缴纳期限的最后一日")]
    late: Annotated[TrafficLate | None, Doc("给出 paid 时：逾期日数与加处罚款")]


class TrafficNationalOut(TrafficCited):
    clause: Annotated[str, Doc("国家规定的编号（目录内部）")]
    title: str
    text: str | None
    effective: TrafficEffective
    sanctions: str | None
    why: Annotated[str | None, Doc("两个版本时适用哪一个及其理由（从旧兼从轻）")]


class TrafficHebeiOut(TrafficCited):
    text: str
    effective: TrafficEffective
    amount: float
    warning: bool
    applies: Annotated[bool, Doc("false：法律规定的罚款超出第六十八条的范围，不适用")]


class TrafficPointsRule(TrafficCited):
    points: Annotated[int, Doc("记分")]
    text: str | None


class TrafficRuleVersion(TypedDict):
    kind: Literal["traffic_act", "traffic_clause"]
    id: str
    version: str | None
    effective: dict[str, Any] | None
    digest: Annotated[str, Doc("该条目在时间表文件中内容的摘要；摘要变化即应重算已存的答案")]


class TrafficAssessOut(TrafficCited, CalendarDependent):
    id: str
    title: str
    party: str
    act_date: Day
    decision_date: Day
    vehicle: Annotated[str | None, Doc("所给的车型代码")]
    road: Annotated[str | None, Doc("所给的道路类型")]
    circumstances: list[str]
    fine: Annotated[TrafficMoney | None, Doc("元；固定数额 min == max；无罚款为 null")]
    fine_text: Annotated[str | None, Doc("罚款以算式规定时的原文表述")]
    warning: Annotated[bool, Doc("可以警告代替罚款")]
    fine_source: Annotated[Literal["hebei", "national", None], Doc(
        "罚款所依：hebei 河北省具体标准、national 国家规定的幅度；无罚款为 null")]
    points: Annotated[int | None, Doc("记分；行为日施行的记分规定不在本服务收录的文本中（2022年4月1日前）时为 null")]
    measures: Annotated[list[TrafficMeasureOut], Doc(
        "罚款以外的措施（暂扣、吊销、拘留、扣车、追究刑事责任、不得重新取得驾驶证的年限等）")]
    national: Annotated[list[TrafficNationalOut], Doc("所适用的国家规定及其版本")]
    hebei: Annotated[TrafficHebeiOut | None, Doc("河北省实施办法的具体标准及是否适用")]
    points_rule: Annotated[TrafficPointsRule | None, Doc("所适用的记分项")]
    on_the_spot: Annotated[TrafficSpotOut, Doc("可否当场处罚（道路交通安全法 第一百零七条）")]
    payment: Annotated[TrafficPaymentOut, Doc("缴纳罚款：期限、当场收缴、加处罚款")]
    notes: list[str]
    steps: list[StepOut]
    rule_versions: Annotated[list[TrafficRuleVersion], Doc(
        "答案所依据的条目及其摘要（供已存答案判断是否需要重算）")]


class TrafficSpeedingOut(TrafficAssessOut):
    violation: Annotated[str, Doc("所属违法行为的编号")]
    over_percent: Annotated[float, Doc("超过规定时速的百分比（两位小数，舍去；比较按精确值）")]


class TrafficOverloadingOut(TrafficSpeedingOut):
    total_over_percent: Annotated[float | None, Doc("超过最大允许总质量的百分比（载货）")]


class TrafficCycle(TypedDict):
    start: Day
    end: Day


class TrafficStudy(TrafficCited):
    days: Annotated[int, Doc("满分学习天数")]
    times: Annotated[int, Doc("本周期第几次满分")]
    onsite_or_online: Annotated[int, Doc("现场学习、网络学习累计不少于的天数")]
    onsite: Annotated[int, Doc("其中现场学习不少于的天数")]


class TrafficEntryOut(TypedDict):
    date: Day
    points: Annotated[int, Doc("该次记分")]
    violation: Annotated[str | None, Doc("违法行为编号（给出时）")]
    status: Literal["counted", "carried", "outside"]


class TrafficReview(TrafficCited):
    required: Annotated[bool | None, Doc("null：无从判断（见 reason）")]
    due: Day | None
    reason: str


class TrafficPointsOut(CalendarDependent):
    first_licence: Annotated[Day, Doc("初次领证日")]
    on: Annotated[Day, Doc("查询日")]
    vehicle: Annotated[str | None, Doc("准驾车型")]
    cycle: Annotated[TrafficCycle, Doc("查询日所在的记分周期（首尾两日均含）")]
    total: int
    full: Annotated[bool, Doc("是否累积记分满12分")]
    full_on: Annotated[Day | None, Doc("达到满分之日")]
    study_days: Annotated[int | None, Doc("满分学习天数（未满分或无从确定时为 null）")]
    study: Annotated[TrafficStudy | None, Doc("满分学习的天数及其构成")]
    exams: Annotated[list[Literal["knowledge", "road", "field"]], Doc(
        "须参加的考试：knowledge 知识考试、road 道路驾驶技能、field 场地驾驶技能")]
    reduced: Annotated[int, Doc("本周期以交通安全教育扣减的分数")]
    entries: Annotated[list[TrafficEntryOut], Doc("各次记分及是否计入本周期")]
    review: Annotated[TrafficReview, Doc("周期结束后的审验")]
    notes: list[str]
    steps: list[StepOut]


class _MeasureAmounts(TypedDict, total=False):
    months: int
    min_days: int
    days: int
    years: int
    lifetime: bool
    detail: str


def money(d: Decimal) -> int | float:
    q = Decimal(d).quantize(Decimal("0.01"))
    return int(q) if q == q.to_integral_value() else float(q)


def fine_json(band: Band | None) -> TrafficMoney | None:
    return None if band is None or band.fine is None else {"min": money(band.fine.min), "max": money(band.fine.max)}


def effective(v: Version) -> TrafficEffective:
    return {"from": v.first.isoformat(), "until": v.until.isoformat() if v.until else None}


def measure_json(t: Traffic, m: Measure) -> TrafficMeasureOut:
    amounts: _MeasureAmounts = {}
    if m.months is not None:
        amounts["months"] = m.months
    if m.min_days is not None:
        amounts["min_days"] = m.min_days
    if m.days is not None:
        amounts["days"] = m.days
    if m.years is not None:
        amounts["years"] = m.years
    if m.lifetime:
        amounts["lifetime"] = True
    if m.detail:
        amounts["detail"] = m.detail
    return {"kind": m.kind, "optional": m.optional, **amounts, "text": measure_words(t.texts, m), **cited(m.basis)}


def when_json(w: When) -> TrafficWhen:
    over: TrafficOver | None = None if w.over is None else {
        "measure": w.over.measure, "min": None if w.over.min is None else float(w.over.min),
        "below": None if w.over.below is None else float(w.over.below)}
    return {"vehicles": list(w.vehicles), "roads": list(w.roads), "over": over, "seats": w.seats,
            "circumstances": list(w.circumstances)}


def band_json(t: Traffic, b: Band) -> TrafficBandOut:
    return {"when": when_json(b.when), "fine": fine_json(b), "fine_text": b.fine_text, "warning": b.warning,
            "points": b.points, "measures": [measure_json(t, m) for m in b.measures], "text": b.text,
            "sanctions": sanctions(t.texts, b), **cited(b.basis)}


def version_json(t: Traffic, v: Version) -> TrafficVersionOut:
    return {"effective": effective(v), **cited(v.basis), "text": v.text, "note": v.note,
            "bands": [band_json(t, b) for b in v.bands]}


def _current(versions) -> list:
    return [versions[-1]] if versions else []


def act_basis(t: Traffic, act: Act) -> Basis | None:
    """The act's texts as they stand (each part's latest version), one basis."""
    parts = [v.basis for cid in act.national for v in _current(t.clauses[cid].versions)]
    parts += [v.basis for v in (*_current(act.hebei), *_current(act.points))]
    return join(*parts) if parts else None


def summary_json(t: Traffic, act: Act) -> TrafficSummary:
    return {"id": act.id, "title": act.title, "party": act.party, "keywords": list(act.keywords),
            **cited(act_basis(t, act))}


def act_json(t: Traffic, act: Act) -> TrafficActOut:
    return {
        **summary_json(t, act),
        "party_title": t.parties[act.party].title, "note": act.note, "measure": act.measure,
        "national": [{"clause": cid, "title": t.clauses[cid].title,
                      "versions": [version_json(t, v) for v in t.clauses[cid].versions]} for cid in act.national],
        "hebei": [version_json(t, v) for v in act.hebei],
        "points": [version_json(t, v) for v in act.points],
    }


def _named(items) -> list[TrafficCode]:
    return [{"code": x.code, "title": x.title} for x in items.values()]


def codes_json(t: Traffic) -> TrafficCodes:
    return {"vehicles": _named(t.vehicles),
            "groups": [{"code": g.code, "title": g.title, "members": sorted(g.members),
                        "undetermined": sorted(g.undetermined), **cited(g.basis)} for g in t.groups.values()],
            "roads": _named(t.roads), "circumstances": _named(t.circumstances), "licences": _named(t.licences),
            "parties": [{"code": p.code, "title": p.title, "collect_on_the_spot": p.collect_on_the_spot,
                         "scored": p.scored} for p in t.parties.values()]}


def search_json(t: Traffic, q: str | None, law: str | None, article: int | None) -> TrafficList:
    items = catalogue.search(t, q)
    if law is not None:
        wanted = {a.id for a in catalogue.citing(t, law, article)}
        items = [a for a in items if a.id in wanted]
    return {"items": [summary_json(t, a) for a in items]}


# ---------------------------------------------------------------- an assessment


def _rule_version(kind: Literal["traffic_act", "traffic_clause"], rule_id: str, label: str | None = None,
                  first: dt.date | None = None, until: dt.date | None = None, *,
                  digest: "str | Fingerprint") -> TrafficRuleVersion:
    return {"kind": kind, "id": rule_id, "version": label, "effective": dates_in_force(first, until),
            "digest": str(digest)}


def _national_json(t: Traffic, a: Applied) -> TrafficNationalOut:
    return {"clause": a.clause.id, "title": a.clause.title, **cited(a.version.basis), "text": a.version.text,
            "effective": effective(a.version), "sanctions": sanctions(t.texts, a.band) if a.band else None,
            "why": a.why}


def _hebei_json(a: Assessment) -> TrafficHebeiOut | None:
    h = a.hebei
    if h is None or h.band is None:
        return None
    # every Hebei item quotes its text and fixes an amount (the 98 held do; the document says so)
    fine = cast(Fine, h.band.fine)
    return {**cited(h.band.basis), "text": cast(str, h.version.text), "effective": effective(h.version),
            "amount": money(fine.max), "warning": h.band.warning, "applies": a.hebei_applies}


def _points_rule_json(a: Assessment) -> TrafficPointsRule | None:
    band, version = a.points_band, a.points_version
    if band is None or version is None:  # a band is always its version's
        return None
    # the points rules' bands each give points (a band without them is another text's)
    return {"points": cast(int, band.points), "text": band.text or version.text, **cited(band.basis)}


def _payment_json(t: Traffic, a: Assessment) -> TrafficPaymentOut:
    p, rule = a.payment, t.rules.payment
    due = p.due
    late: TrafficLate | None = None if p.late is None else {
        "fine": money(p.late.fine), "days_late": p.late.days, "surcharge": money(p.late.surcharge),
        "capped": p.late.capped, "total": money(p.late.total)}
    return {"within_days": rule.within.amount, **cited(rule.basis),
            "collect_on_the_spot": {"status": p.collect, "explanation": p.collect_explanation,
                                    **cited(rule.collect_basis)},
            "surcharge": {"daily_rate": float(rule.daily_rate), **cited(rule.rate_basis),
                          "cap_ratio": float(rule.cap_ratio), "cap": cited(rule.cap_basis)},
            "due": due.due.isoformat() if due else None, "late": late,
            "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else []}


def assessment_json(t: Traffic, a: Assessment) -> TrafficAssessOut:
    act, f = a.act, a.facts
    spot = a.on_the_spot
    due = a.payment.due
    return {
        "id": act.id, "title": act.title, "party": act.party,
        "act_date": a.act_date.isoformat(), "decision_date": a.decision_date.isoformat(),
        "vehicle": f.vehicle, "road": f.road, "circumstances": sorted(f.circumstances),
        "fine": None if a.fine is None else {"min": money(a.fine.min), "max": money(a.fine.max)},
        "fine_text": a.fine_text, "warning": a.warning,
        "fine_source": "hebei" if a.hebei_applies else "national" if (a.fine or a.fine_text or a.warning) else None,
        "points": a.points, "measures": [measure_json(t, m) for m in a.measures], **cited(a.basis),
        "national": [_national_json(t, x) for x in a.national], "hebei": _hebei_json(a),
        "points_rule": _points_rule_json(a),
        "on_the_spot": {"status": spot.status, "explanation": spot.explanation, **cited(spot.basis),
                        "limit": money(spot.limit)},
        "payment": _payment_json(t, a), "notes": list(a.notes), "steps": steps_json(a.steps),
        "rule_versions": [_rule_version("traffic_act", act.id, digest=act.digest),
                          *(_rule_version("traffic_clause", x.clause.id, x.version.basis, x.version.first,
                                          x.version.until, digest=x.clause.digest) for x in a.national)],
        "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else [],
    }


def measured_json(t: Traffic, m: Measured) -> TrafficSpeedingOut:
    """The assessment of the act a measured speed falls under, with the act and the per cent over."""
    out = assessment_json(t, m.assessment)
    return {**out, "steps": steps_json(m.steps) + out["steps"], "violation": m.act,
            "over_percent": float(shown(m.percent))}


def overloading_json(t: Traffic, m: Measured) -> TrafficOverloadingOut:
    """A measured load's: the per cent over the total mass too."""
    return {**measured_json(t, m),
            "total_over_percent": None if m.total_percent is None else float(shown(m.total_percent))}


# ---------------------------------------------------------------- the points cycle


def points_json(t: Traffic, p: PointsAnswer) -> TrafficPointsOut:
    study: TrafficStudy | None = None if p.study is None else {
        "days": p.study.days, "times": p.study.times, "onsite_or_online": p.study.onsite_or_online,
        "onsite": p.study.onsite, **cited(p.study.basis)}
    r = p.review
    due = r.due
    return {
        "first_licence": p.first_licence.isoformat(), "on": p.on.isoformat(), "vehicle": p.licence,
        "cycle": {"start": p.start.isoformat(), "end": p.end.isoformat()},
        "total": p.total, "full": p.full, "full_on": p.full_on.isoformat() if p.full_on else None,
        "study_days": p.study.days if p.study else None, "study": study, "exams": list(p.exams),
        "reduced": p.reduced,
        "entries": [{"date": c.entry.date.isoformat(), "points": c.points, "violation": c.entry.violation,
                     "status": c.status} for c in p.entries],
        "review": {"required": r.required, "due": due.due.isoformat() if due else None, "reason": r.why,
                   **cited(r.basis)},
        "notes": list(p.notes), "steps": steps_json(p.steps),
        "provisional": bool(due and due.provisional), "calendar_years": list(due.calendar_years) if due else [],
    }
