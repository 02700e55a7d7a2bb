"""The JSON of penalty bands, assessments, late fees and thresholds: /v1/penalties, /v1/thresholds, `calc penalty --json`.

Money goes out as JSON numbers with at most two decimals.
"""
from decimal import Decimal
from typing import Annotated, Literal, NotRequired, TypedDict

from .. import penalties as dom
from .. import thresholds as thr
from ..general_rules import GeneralFact
from ..penalties.model import Combination, LicenceAction, RestsOn
from .cites import Citation, Cites, cited
from .common import PRESUMED, CalendarDependent, RangeOut, ranged
from .doc import Day, Doc
from .rules import RuleVersions, rule_version
from .steps import StepOut, steps_json


class PenaltyMoneyRange(TypedDict):
    min: float
    max: float


PenaltyEffective = TypedDict("PenaltyEffective", {"from": Day, "until": Day | None})


class PenaltyLicenceOut(TypedDict):
    action: LicenceAction
    document: str
    text: str


class PenaltyDetention(TypedDict):
    min: int
    max: int


class PenaltyBandOut(TypedDict):
    when: Annotated[str, Doc("情形代码（见违法行为详情的 circumstances）")]
    circumstance: str
    replaces_base: bool
    fine: PenaltyMoneyRange | None
    fine_by_party: dict[str, PenaltyMoneyRange] | None
    fine_optional: bool
    warning: bool
    detention_days_max: int | None
    order_to_correct: str | None
    licence: PenaltyLicenceOut | None
    suspension: str | None
    confiscate: str | None
    criminal: bool
    sanctions: list[str]
    basis: str
    cites: Cites
    citation: Citation
    detention: Annotated[PenaltyDetention | None, Doc("行政拘留日数；只规定上限时 min 为 1")]
    combination: Annotated[Literal[Combination, None], Doc(
        "and 拘留并处罚款；and_optional 拘留，可以并处罚款；or 拘留或者罚款")]
    with_warning: Annotated[bool, Doc("true：警告与罚款并处（“给予警告，并处…罚款”）；warning 为 true 时是“警告或者罚款”")]
    discretionary: Annotated[bool, Doc("true：“可以处”，公安机关也可以不予处罚")]
    measure: Annotated[str | None, Doc("同时采取的措施（非公安机关的处罚），如 强行带离现场")]
    persons_fine: Annotated[PenaltyMoneyRange | None, Doc("对直接负责的主管人员和其他直接责任人员的罚款（元）")]


class PenaltyBesideRuleOut(TypedDict):
    basis: str
    cites: Cites
    citation: Citation
    text: Annotated[str, Doc("并列的另一规定的原文")]
    why: Annotated[str, Doc("两者适用哪一规定及其理由")]
    violation: Annotated[str | None, Doc("编入该规定的违法行为编号")]
    effective: PenaltyEffective | None


class PenaltyAggravationOut(TypedDict):
    code: Annotated[str, Doc("情形代码")]
    circumstance: str
    text: Annotated[str, Doc("规定从重处罚的条款原文")]
    basis: str
    cites: Cites
    citation: Citation


class PenaltyElsewhereOut(TypedDict):
    authority: Annotated[str, Doc("作出处罚的其他机关")]
    text: Annotated[str, Doc("该机关所依条款的原文")]
    basis: str
    cites: Cites
    citation: Citation


ELSEWHERE_DOC = Doc("punishable 为 false 时：该行为并非不违法，而由其他机关依其他规定处罚（如2026年前的传销："
                    "禁止传销条例 第二十四条，工商行政管理部门）；为空表示该文本不认为是违法的")


class PenaltyVersionOut(TypedDict):
    effective: PenaltyEffective
    basis: str
    cites: Cites
    citation: Citation
    text: str
    rests_on: Annotated[RestsOn | None, Doc(
        "引文的来源：为空表示依据法律原文；否则为未核对原文时所依据的材料")]
    rests_on_text: Annotated[str | None, Doc("rests_on 的中文说明")]
    punishable: Annotated[bool, Doc("false：该文本未规定此行为（不认为是违法的）")]
    bands: list[PenaltyBandOut]
    aggravations: Annotated[list[PenaltyAggravationOut], Doc(
        "本条自身规定的从重处罚（如 第八十四条第二款 对首要分子、组织者从重），不另设幅度")]
    elsewhere: Annotated[PenaltyElsewhereOut | None, ELSEWHERE_DOC]
    regime: Annotated[str, Doc("依该文本处罚时适用的程序类别（与违法行为的 regime 不同时，如"
                               "2026年前依居民身份证法处罚的，适用行政处罚法）")]
    caveat: Annotated[str | None, Doc("该文本未能核对之处（如修订决定的施行日期）")]
    beside: Annotated[list[PenaltyBesideRuleOut], Doc(
        "就同一行为并列的其他规定（地方性法规、新法条文），及适用哪一规定的理由")]


class ViolationSummary(TypedDict):
    id: str
    title: str
    authority: str
    basis: str
    cites: Cites
    citation: Citation
    seed: str
    regime: str
    section: Annotated[str, Doc("2025年文本的章节（浏览用）；其他违法行为为空")]


class ViolationList(TypedDict):
    items: list[ViolationSummary]


class PenaltyCircumstanceOut(TypedDict):
    code: str
    text: str
    general: Annotated[bool, Doc("true：总则规定（从重、不执行拘留等），不选幅度")]
    aggravation: Annotated[bool, Doc("true：本条自身规定从重处罚的情形（不选幅度，引该款从重）")]


class ViolationOut(ViolationSummary):
    keywords: list[str]
    acts: list[str]
    correspondence: str | None
    circumstances: list[PenaltyCircumstanceOut]
    versions: list[PenaltyVersionOut]


class LawVersionOut(TypedDict):
    name: str
    effective: PenaltyEffective
    note: str | None


class LawOut(TypedDict):
    name: str
    title: str
    versions: list[LawVersionOut]


class LawList(TypedDict):
    items: list[LawOut]


class PenaltyDegreeOut(TypedDict):
    detention: int
    added_fine: float
    licence: int
    suspension: int
    fine: float
    no_warning: int


class PenaltySeverityOut(TypedDict):
    detention_max: int
    licence: int
    suspension: int
    fine_max: float
    fine_min: float
    no_warning: int
    punishable: bool
    heaviest: Annotated[PenaltyDegreeOut, Doc("可能的最重处罚（先比较）")]
    lightest: Annotated[PenaltyDegreeOut, Doc("可能的最轻处罚（最重相同时比较）")]
    alternative_fine: Annotated[float, Doc("可以替代拘留的罚款上限（“拘留或者罚款”；最重、最轻均相同时比较）")]


class PenaltyComparedOut(TypedDict):
    basis: str
    cites: Cites
    citation: Citation
    effective: PenaltyEffective
    sanctions: str
    severity: PenaltySeverityOut
    text: str
    punishable: bool


class PenaltyComparisonOut(TypedDict):
    decided_by: Annotated[Literal["not_punishable", "heaviest", "lightest", "alternative", "equal"], Doc(
        "alternative：最重、最轻处罚相同，以可以替代拘留的罚款数额（拘留或者罚款）决定")]
    aspect: str | None
    text: str


class PenaltyVersionRef(TypedDict):
    basis: str
    cites: Cites
    citation: Citation
    effective: PenaltyEffective
    text: str
    rests_on: Annotated[RestsOn | None, Doc(
        "引文的来源：为空表示依据法律原文；否则为未核对原文时所依据的材料")]
    rests_on_text: Annotated[str | None, Doc("rests_on 的中文说明")]
    punishable: bool
    elsewhere: Annotated[PenaltyElsewhereOut | None, ELSEWHERE_DOC]


class PenaltyChoiceOut(TypedDict):
    applied: PenaltyVersionRef | None
    rule: Literal["same", "act_time", "decision_time_lighter", "repealed"]
    reason: str
    basis: str
    cites: Cites
    citation: Citation
    act_version: PenaltyVersionRef
    decision_version: PenaltyVersionRef | None
    compared: list[PenaltyComparedOut]
    comparison: PenaltyComparisonOut | None


class PenaltyBesideOut(TypedDict):
    basis: Annotated[str, Doc("另一规定（如程序规定）的依据")]
    cites: Cites
    citation: Citation
    limit: Annotated[float, Doc("该规定的限额（元）")]
    why: Annotated[str, Doc("为何不以该规定为准")]


class PenaltyQualifyingOut(TypedDict):
    detention: Annotated[bool, Doc("该决定含拘留（罚款与拘留并处）")]
    warning: Annotated[bool, Doc("该决定含警告")]
    fine: Annotated[PenaltyMoneyRange | None, Doc("限额以内的罚款数额（元）")]


class PenaltyFactOut(TypedDict):
    status: Annotated[Literal["yes", "no", "depends", "unknown"], Doc(
        "yes：幅度允许的每一种决定都符合；depends：视决定而定，只有部分决定符合（见 qualifying 与 "
        "explanation）；no：幅度允许的决定均不符合；unknown：本服务未收录决定日施行的规定")]
    explanation: str
    basis: str | None
    cites: Cites
    citation: Citation
    limit: float | None
    note: str | None
    beside: Annotated[list[PenaltyBesideOut], Doc("并列列出的其他规定的限额及其不予适用的理由")]
    qualifying: Annotated[list[PenaltyQualifyingOut], Doc(
        "当场处罚、当场收缴：符合条件的决定（status 为 yes 或 depends 时）；听证及其他为空")]


class PenaltyProcedureOut(TypedDict):
    regime: str
    applies: str
    simplified: PenaltyFactOut
    collection: PenaltyFactOut
    hearing: PenaltyFactOut


class PenaltyPeriodOut(TypedDict):
    amount: int
    unit: str


class PenaltyLimitationOut(CalendarDependent):
    period: PenaltyPeriodOut | None
    basis: str | None
    cites: Cites
    citation: Citation
    start: Day
    plain_end: Day | None
    expires: Day | None
    calendar_gap: int | None
    message: str
    note: str | None
    steps: list[StepOut]


class PenaltyGeneralOut(TypedDict):
    id: str
    title: str
    status: Literal["yes", "no", "depends"]
    explanation: str
    basis: str
    cites: Cites
    citation: Citation
    text: str
    note: str | None


class PenaltySwitchOut(TypedDict):
    code: str
    text: str
    added: Annotated[bool, Doc("true：加上该情形；false：去掉该情形")]
    applies: str
    rule: str
    message: str


class PenaltyAssessOut(CalendarDependent):
    rule_versions: RuleVersions
    id: str
    title: str
    act_date: Day
    decision_date: Day
    party: str
    circumstances: list[str]
    version: PenaltyChoiceOut
    bands: list[PenaltyBandOut]
    notes: list[str]
    aggravations: Annotated[list[PenaltyAggravationOut], Doc(
        "所给情形中，适用文本本条规定从重处罚的（在适用的幅度内从重，引该款）")]
    beside: Annotated[list[PenaltyBesideRuleOut], Doc(
        "行为日施行的、就同一行为并列的其他规定，及适用哪一规定的理由")]
    procedure: PenaltyProcedureOut
    limitation: PenaltyLimitationOut
    punishable: Annotated[bool, Doc("false：所适用的文本不认为是违法的")]
    general: list[PenaltyGeneralOut]
    switches: list[PenaltySwitchOut]


class LateFeeOut(CalendarDependent):
    fine: float
    served: Day
    paid: Day
    due: Day
    days_late: int
    daily_rate: float
    surcharge: float
    capped: bool
    total: float
    steps: list[StepOut]
    range: NotRequired[Annotated[RangeOut, PRESUMED]]


class PenaltyFactSpecOut(TypedDict):
    name: str
    title: str
    kind: thr.FactKind
    unit: str | None
    required: bool
    choices: dict[str, str] | None


class PenaltyTestOut(TypedDict):
    fact: str
    op: Literal["at_least", "at_most"]
    limit: float
    basis: str
    cites: Cites
    citation: Citation


class PenaltyReferralOut(TypedDict):
    referral: Literal["criminal", "administrative", "none"]
    met: bool | None
    roles: list[str]
    authority: str
    action: str
    basis: str
    cites: Cites
    citation: Citation


class ThresholdOut(TypedDict):
    id: str
    title: str
    seed: str
    basis: str
    cites: Cites
    citation: Citation
    note: str | None
    facts: list[PenaltyFactSpecOut]
    tests: list[PenaltyTestOut]
    outcomes: list[PenaltyReferralOut]


class ThresholdList(TypedDict):
    items: list[ThresholdOut]


class PenaltyTestResultOut(PenaltyTestOut):
    title: str
    value: float
    holds: bool
    explanation: str


class ThresholdAnswerOut(TypedDict):
    id: str
    title: str
    met: bool
    summary: str
    tests: list[PenaltyTestResultOut]
    referrals: list[PenaltyReferralOut]
    basis: str
    cites: Cites
    citation: Citation
    inclusive_basis: str
    note: str | None


class _RestsOn(TypedDict):
    rests_on: RestsOn | None
    rests_on_text: str | None


def money(d: Decimal) -> int | float:
    """Yuan as a JSON number with at most two decimals (1000, 12.5, 0.03)."""
    q = Decimal(d).quantize(dom.FEN)
    return int(q) if q == q.to_integral_value() else float(q)


def _range(f: dom.Fine) -> PenaltyMoneyRange:
    return {"min": money(f.min), "max": money(f.max)}


def fine_json(f: dom.Fine | None) -> PenaltyMoneyRange | None:
    return None if f is None else _range(f)


def band_json(b: dom.Band, party: str | None, names: dict | None = None) -> PenaltyBandOut:
    shown = party or "individual"
    c = (names or {}).get(b.when)
    return {
        "when": b.when, "circumstance": c.text if c else b.when, "replaces_base": b.replaces_base,
        "fine": fine_json(b.fine(shown)),
        "fine_by_party": None if b.fines is None else {p: _range(f) for p, f in b.fines.items()},
        "fine_optional": b.fine_optional, "warning": b.warning,
        "detention_days_max": b.detention_max or None, "order_to_correct": b.order_to_correct,
        "licence": None if b.licence is None else {"action": b.licence.action, "document": b.licence.document,
                                                   "text": b.licence.describe()},
        "suspension": b.suspension, "confiscate": b.confiscate, "criminal": b.criminal,
        "sanctions": b.sanctions(shown), **cited(b.basis),
        "detention": None if b.detention is None else {"min": b.detention[0], "max": b.detention[1]},
        "combination": b.mode,
        "with_warning": b.with_warning, "discretionary": b.discretionary, "measure": b.measure,
        "persons_fine": fine_json(b.persons_fine),
    }


def beside_json(b: dom.BesideRule) -> PenaltyBesideRuleOut:
    return {**cited(b.basis), "text": b.text, "why": b.why, "violation": b.violation,
            "effective": None if b.first is None and b.until is None else effective(b)}


def aggravation_json(a: dom.Aggravation, names: dict | None = None) -> PenaltyAggravationOut:
    c = (names or {}).get(a.code)
    return {"code": a.code, "circumstance": c.text if c else a.code, "text": a.text, **cited(a.basis)}


def effective(v) -> PenaltyEffective:
    return {"from": v.first.isoformat(), "until": v.until.isoformat() if v.until else None}


def elsewhere_json(v: dom.Version) -> PenaltyElsewhereOut | None:
    """Who punished the act instead, where this text gives the PSB no penalty (null: nobody said)."""
    e = v.elsewhere
    return None if e is None else {"authority": e.authority, "text": e.text, **cited(e.basis)}


def rests_on_json(v: dom.Version) -> _RestsOn:
    """Where the quoted text comes from when the law itself was not at hand (null: the law's text)."""
    return {"rests_on": v.rests_on, "rests_on_text": v.rests_on_text}


def version_ref(v: dom.Version) -> PenaltyVersionRef:
    return {**cited(v.basis), "effective": effective(v), "text": v.text, **rests_on_json(v),
            "punishable": v.punishable, "elsewhere": elsewhere_json(v)}


def summary_json(v: dom.Violation) -> ViolationSummary:
    return {"id": v.id, "title": v.title, "authority": v.authority, **cited(v.basis), "seed": v.seed,
            "regime": v.regime, "section": v.section}


def circumstance_json(c: dom.Circumstance) -> PenaltyCircumstanceOut:
    return {"code": c.code, "text": c.text, "general": c.general, "aggravation": c.aggravation}


def violation_json(v: dom.Violation, p: dom.Penalties) -> ViolationOut:
    return {
        **summary_json(v),
        "keywords": list(v.keywords), "acts": list(v.acts), "correspondence": v.correspondence,
        "circumstances": [circumstance_json(c) for c in p.codes(v)],
        "versions": [{"effective": effective(x), **cited(x.basis), "text": x.text, **rests_on_json(x),
                      "punishable": x.punishable,
                      "bands": [band_json(b, None, p.circumstances) for b in x.bands],
                      "aggravations": [aggravation_json(a, p.circumstances) for a in x.aggravations],
                      "elsewhere": elsewhere_json(x), "regime": v.regime_of(x), "caveat": x.caveat,
                      "beside": [beside_json(b) for b in x.beside]}
                     for x in v.versions],
    }


def law_json(law) -> LawOut:
    return {"name": law.name, "title": law.title,
            "versions": [{"name": x.name, "effective": effective(x), "note": x.note} for x in law.versions]}


def fact_json(f: dom.Fact) -> PenaltyFactOut:
    return {"status": f.status, "explanation": f.explanation, **cited(f.basis),
            "limit": None if f.limit is None else money(f.limit), "note": f.note,
            "beside": [{**cited(b), "limit": money(lim), "why": why} for b, lim, why in f.beside],
            "qualifying": [{"detention": d.detention, "warning": d.warning, "fine": fine_json(d.fine)}
                           for d in f.qualifying]}


def degree_json(d: dom.Degree) -> PenaltyDegreeOut:
    return {"detention": d.detention, "added_fine": money(d.added_fine), "licence": d.licence,
            "suspension": d.suspension, "fine": money(d.fine), "no_warning": d.no_warning}


def severity_json(o: dom.Outcome) -> PenaltySeverityOut:
    """The first six fields are the version-0 summary (longest detention, licence, suspension, fine
    range, warning); `heaviest` and `lightest` are what `lighter` compares, in its order."""
    s = dom.Severity.of(o)
    fine = o.fine
    return {"detention_max": o.detention_max, "licence": 1 if o.licence else 0, "suspension": 1 if o.suspension else 0,
            "fine_max": money(fine.max if fine else 0), "fine_min": money(o.fine_floor),
            "no_warning": 0 if o.warning_possible or not fine else 1,
            "punishable": bool(s.punishable), "heaviest": degree_json(s.heaviest), "lightest": degree_json(s.lightest),
            "alternative_fine": money(s.alternative)}


def general_json(g: GeneralFact) -> PenaltyGeneralOut:
    return {"id": g.id, "title": g.title, "status": g.status, "explanation": g.explanation, **cited(g.basis),
            "text": g.text, "note": g.note}


def switch_json(s: dom.Switch) -> PenaltySwitchOut:
    return {"code": s.code, "text": s.text, "added": s.added, "applies": s.applied.basis, "rule": s.rule,
            "message": s.message}


def limitation_json(lim: dom.Limitation, start) -> PenaltyLimitationOut:
    """The limitation as v1 answers it. Its `plain_end` (the corresponding day before a roll
    forward), `calendar_gap` and `provisional` are v1 keys from when the last day could move for a
    rest day; it never does (calc/penalties/limitation.py), so the plain end is the end, no
    year's notice can be missing and nothing is presumed."""
    expires = lim.expires.isoformat() if lim.expires else None
    return {
        "period": None if lim.period is None else {"amount": lim.period.amount, "unit": lim.period.unit},
        **cited(lim.basis), "start": start.isoformat(), "plain_end": expires, "expires": expires,
        "calendar_gap": None, "message": lim.message, "note": lim.note, "steps": steps_json(lim.steps),
        "provisional": False, "calendar_years": [],
    }


def assessment_json(a: dom.Assessment) -> PenaltyAssessOut:
    c, lim = a.choice, a.limitation
    names = a.names
    out = a.outcome
    return {
        "id": a.violation.id, "title": a.violation.title,
        "act_date": a.act_date.isoformat(), "decision_date": a.decision_date.isoformat(),
        "party": a.party, "circumstances": list(a.circumstances),
        "version": {
            "applied": None if c.applied is None else version_ref(c.applied), "rule": c.rule, "reason": c.reason,
            **cited(c.basis), "act_version": version_ref(c.act_version),
            "decision_version": None if c.decision_version is None else version_ref(c.decision_version),
            "compared": [{**cited(v.basis), "effective": effective(v), "sanctions": o.describe(),
                          "severity": severity_json(o), "text": v.text, "punishable": v.punishable}
                         for v, o in c.compared],
            "comparison": None if c.comparison is None else {
                "decided_by": c.comparison.decided_by, "aspect": c.comparison.aspect, "text": c.comparison.text},
        },
        "punishable": out.punishable if out else False,
        "bands": [band_json(b, a.party, names) for b in out.bands] if out else [],
        "notes": list(out.notes) if out else [],
        "aggravations": [aggravation_json(x, names) for x in out.aggravations] if out else [],
        "beside": [beside_json(b) for b in c.applied.beside_on(a.act_date)] if c.applied else [],
        "procedure": {"regime": a.regime.id, "applies": a.procedure_basis,
                      "simplified": fact_json(a.procedure.get("simplified", a.no_procedure)),
                      "collection": fact_json(a.procedure.get("collection", a.no_procedure)),
                      "hearing": fact_json(a.procedure.get("hearing", a.no_procedure))},
        "limitation": limitation_json(lim, a.act_date),
        # the limitation is the assessment's only count, and it reads no calendar (limitation_json)
        "provisional": False, "calendar_years": [],
        "rule_versions": [rule_version("violation", a.violation.id, c.applied.basis if c.applied else None,
                                       c.applied.first if c.applied else None,
                                       c.applied.until if c.applied else None, digest=a.violation.digest)],
        "general": [general_json(g) for g in a.general],
        "switches": [switch_json(s) for s in a.switches],
    }


def late_fee_json(f: dom.LateFee, rate: Decimal) -> LateFeeOut:
    return {"fine": money(f.fine), "served": f.served.isoformat(), "paid": f.paid.isoformat(),
            "due": f.due.due.isoformat(), "days_late": f.days_late, "daily_rate": float(rate),
            "surcharge": money(f.surcharge), "capped": f.capped, "total": money(f.total),
            "provisional": f.due.provisional, "calendar_years": list(f.due.calendar_years),
            **ranged(f.due.range), "steps": steps_json(f.steps)}


def outcome_json(o: thr.Outcome) -> PenaltyReferralOut:
    return {"referral": o.referral, "met": o.met, "roles": list(o.roles), "authority": o.authority,
            "action": o.action, **cited(o.basis)}


def test_json(t: thr.Test) -> PenaltyTestOut:
    return {"fact": t.fact, "op": t.op, "limit": money(t.limit), **cited(t.basis)}


def threshold_json(t: thr.Threshold) -> ThresholdOut:
    return {"id": t.id, "title": t.title, "seed": t.seed, **cited(t.basis), "note": t.note,
            "facts": [{"name": f.name, "title": f.title, "kind": f.kind, "unit": f.unit, "required": f.required,
                       "choices": f.choices} for f in t.facts],
            "tests": [test_json(x) for x in t.tests], "outcomes": [outcome_json(o) for o in t.outcomes]}


def answer_json(a: thr.Answer) -> ThresholdAnswerOut:
    t = a.threshold
    return {"id": t.id, "title": t.title, "met": a.met, "summary": a.summary,
            "tests": [{**test_json(r.test), "title": r.title, "value": float(r.value), "holds": r.holds,
                       "explanation": r.explanation} for r in a.tests],
            "referrals": [outcome_json(o) for o in a.referrals], **cited(t.basis),
            "inclusive_basis": a.inclusive_basis, "note": t.note}


def violations_json(violations) -> ViolationList:
    return {"items": [summary_json(v) for v in violations]}


def laws_json(laws) -> LawList:
    return {"items": [law_json(law) for law in laws]}


def thresholds_json(thresholds) -> ThresholdList:
    return {"items": [threshold_json(t) for t in thresholds]}
