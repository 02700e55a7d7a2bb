"""The JSON of procedures and their chained due dates: GET and POST /v1/timelines, `calc timeline --json`."""
import datetime as dt
from typing import Annotated, Any, NotRequired, TypedDict, overload

from .. import timelines as dom
from ..periods import Period
from .cites import Citation, Cites, cited
from .common import PRESUMED, CalendarDependent, MomentRangeOut
from .doc import Doc
from .rules import RuleVersions, rule_version
from .steps import StepOut, steps_json


class TimelineExtensionRuleOut(TypedDict):
    amount: int
    unit: str
    times: int
    condition: str
    basis: str
    cites: Cites
    citation: Citation


class TimelineVariantOut(TypedDict):
    code: str
    title: str
    amount: int
    unit: str
    basis: str
    cites: Cites
    citation: Citation
    extension: TimelineExtensionRuleOut | None


class TimelineRenewalRuleOut(TypedDict):
    amount: int
    least: int
    unit: str
    approver: str
    condition: str
    basis: str
    cites: Cites
    citation: Citation


class TimelineRestartRuleOut(TypedDict):
    basis: str
    cites: Cites
    citation: Citation
    reason: str


class TimelineDecidedAmountOut(TypedDict):
    what: str
    basis: str
    cites: Cites
    citation: Citation


class TimelinePauseRuleOut(TypedDict):
    basis: str
    cites: Cites
    citation: Citation
    reason: str


class TimelineStageDefOut(TypedDict):
    id: str
    authority: str
    title: str
    short_title: Annotated[str, Doc("阶段的简称（页面与命令行显示的标签）")]
    issues: Annotated[str | None, Doc("本阶段结束时申请人取得的证照或文件（如《网络文化经营许可证》）；无则为 null")]
    kind: Annotated[str, Doc("deadline | term | eligible | none | on_the_spot | prerequisite")]
    amount: int | None
    unit: Annotated[str | None, Doc("workdays | days | months | years | hours")]
    direction: str | None
    anchor: Annotated[str, Doc("start | previous | previous-decided | event | 某阶段编号")]
    when: Annotated[str | None, Doc("仅在此情形下发生的阶段（不计入办结日期）")]
    basis: str
    cites: Cites
    citation: Citation
    extension: TimelineExtensionRuleOut | None
    pauses: TimelinePauseRuleOut | None
    variants: list[TimelineVariantOut]
    renewals: Annotated[list[TimelineRenewalRuleOut], Doc(
        "依法可逐次延长的各次延长（依次批准），extensions 给出延长的单位数")]
    restart: TimelineRestartRuleOut | None
    decided_amount: TimelineDecidedAmountOut | None
    restricts_liberty: Annotated[bool, Doc("限制人身自由的期间：不因节假日顺延")]


TimelineEffectiveOut = TypedDict("TimelineEffectiveOut", {"from": str, "until": str | None})


class TimelineVersionOut(TypedDict):
    label: str | None
    effective: TimelineEffectiveOut | None
    start_label: str | None
    summary: str | None
    caveat: Annotated[str | None, Doc("该版本未能核对之处（如修订决定的施行日期），答复中作为注说明")]
    stages: list[TimelineStageDefOut]


class TimelineProcedureOut(TypedDict):
    id: str
    title: str
    start_label: str
    event_label: str | None
    seed: str | None
    compare_with: str | None
    remarks: list[str]
    stages: Annotated[list[TimelineStageDefOut], Doc("最新版本的阶段")]
    versions: list[TimelineVersionOut]


class TimelineProcedureList(TypedDict):
    items: list[TimelineProcedureOut]


class TimelineVariantUsed(TypedDict):
    code: str
    title: str


class TimelineExtensionUsed(TypedDict):
    amount: int
    unit: str
    basis: str
    cites: Cites
    citation: Citation


class TimelinePauseUsed(TypedDict):
    start: str
    end: str
    reason: str


class TimelineEarliestOut(TypedDict):
    date: str
    amount: int
    unit: str
    rule: str
    basis: str
    cites: Cites
    citation: Citation


class TimelineStageOut(TypedDict):
    id: str
    authority: str
    title: str
    short_title: Annotated[str, Doc("阶段的简称（页面与命令行显示的标签）")]
    issues: Annotated[str | None, Doc("本阶段结束时申请人取得的证照或文件（如《网络文化经营许可证》）；无则为 null")]
    kind: str
    when: str | None
    start: str | None
    due: Annotated[str | None, Doc("日期；以小时计算的阶段为日期时间")]
    amount: int | None
    unit: str | None
    direction: str | None
    variant: TimelineVariantUsed | None
    extension: TimelineExtensionUsed | None
    pauses: list[TimelinePauseUsed]
    earliest: TimelineEarliestOut | None
    decided: str | None
    status: Annotated[str, Doc("open | decided | late | overdue")]
    steps: list[StepOut]
    basis: str
    cites: Cites
    citation: Citation
    provisional: bool
    calendar_years: list[int]
    range: NotRequired[Annotated[MomentRangeOut, PRESUMED]]


class TimelineNoteOut(TypedDict):
    code: str
    text: str
    details: dict[str, Any]


class TimelineHeadlineOut(TypedDict):
    stage: Annotated[str | None, Doc("答案首行所依的阶段编号；null 为全部办结日")]
    due: Annotated[str | None, Doc("该阶段（或全部办结）的日期；无法推算时为 null")]
    text: Annotated[str, Doc("页面与命令行首行所示的句子；推定时同句说明推定及可能的范围")]
    provisional: bool
    range: NotRequired[Annotated[MomentRangeOut, PRESUMED]]


class TimelineVersionUsed(TypedDict):
    label: str
    effective: TimelineEffectiveOut | None


class TimelineOut(CalendarDependent):
    rule_versions: RuleVersions
    id: str
    title: str
    start_label: str
    version: TimelineVersionUsed | None
    start: str
    event: str | None
    stages: list[TimelineStageOut]
    completion: str | None
    notes: list[TimelineNoteOut]
    completion_range: NotRequired[Annotated[MomentRangeOut, PRESUMED]]
    headline: Annotated[TimelineHeadlineOut | None, Doc("（1.1 新增）答案首行：程序数据所定（或请求 headline 所选）的阶段，无则为全部办结日")]


class _Span(TypedDict):
    amount: int | None
    unit: str | None
    direction: str | None


class _Labels(TypedDict):
    short_title: str
    issues: str | None


class _Ranged(TypedDict):
    range: NotRequired[MomentRangeOut]


def moment(value):
    """A date as YYYY-MM-DD; a date and time (procedures counted in hours, Beijing time) as
    YYYY-MM-DDTHH:MM; None as None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return moment(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# v1 wrote the API's own format for a start moment into an hour procedure's start_label; the label is
# data (the words the page and the CLI show), the example is the API's, so it is added here and the
# v1 bytes stay.
HOURS_FORMAT = "（日期时间，如 2026-02-16T20:30）"


@overload
def start_label(label: str, hours: bool) -> str: ...
@overload
def start_label(label: None, hours: bool) -> None: ...
def start_label(label, hours):  # noqa: E302 - the overloads above say what it returns for each
    return label + HOURS_FORMAT if label is not None and hours else label


def _span(span: Period | None) -> _Span:
    if span is None:
        return {"amount": None, "unit": None, "direction": None}
    return {"amount": span.amount, "unit": span.unit, "direction": span.direction}


def _extension_rule(e: dom.Extension | None) -> TimelineExtensionRuleOut | None:
    if e is None:
        return None
    return {"amount": e.period.amount, "unit": e.period.unit, "times": e.times, "condition": e.condition,
            **cited(e.basis)}


def _labels(s: dom.Stage) -> _Labels:
    """API 1.1 additions: the stage's short label and what the applicant obtains at its end (data,
    never cut out of `title`)."""
    return {"short_title": s.short, "issues": s.issues}


def stage_json(s: dom.Stage) -> TimelineStageDefOut:
    return {"id": s.id, "authority": s.authority, "title": s.title, **_labels(s), "kind": s.kind, **_span(s.span),
            "anchor": s.anchor, "when": s.when, **cited(s.basis),
            "extension": _extension_rule(s.extension),
            "pauses": {**cited(s.pauses.basis), "reason": s.pauses.reason} if s.pauses else None,
            "variants": [{"code": v.code, "title": v.title, "amount": v.span.amount, "unit": v.span.unit,
                          **cited(v.basis), "extension": _extension_rule(v.extension)} for v in s.variants],
            "renewals": [{"amount": r.period.amount, "least": r.least, "unit": r.period.unit, "approver": r.approver,
                          "condition": r.condition, **cited(r.basis)} for r in s.renewals],
            "restart": {**cited(s.restart.basis), "reason": s.restart.reason} if s.restart else None,
            "decided_amount": ({"what": s.decided_amount.what, **cited(s.decided_amount.basis)}
                               if s.decided_amount else None),
            "restricts_liberty": s.restricts_liberty}


def _effective(v: dom.Version) -> TimelineEffectiveOut | None:
    if v.effective_from is None:
        return None
    return {"from": v.effective_from.isoformat(), "until": moment(v.effective_until)}


def version_json(v: dom.Version) -> TimelineVersionOut:
    return {"label": v.label, "effective": _effective(v), "start_label": start_label(v.start_label, v.hours),
            "summary": v.summary, "caveat": v.caveat, "stages": [stage_json(s) for s in v.stages]}


def procedure_json(p: dom.Procedure) -> TimelineProcedureOut:
    return {"id": p.id, "title": p.title, "start_label": start_label(p.start_label, p.latest.hours),
            "event_label": p.event_label,
            "seed": p.seed, "compare_with": p.compare_with, "remarks": list(p.remarks),
            "stages": [stage_json(s) for s in p.latest.stages],
            "versions": [version_json(v) for v in p.versions]}


def result_json(r: dom.StageResult) -> TimelineStageOut:
    s = r.stage
    ext: TimelineExtensionUsed | None = None
    if r.extension:
        ext = {"amount": r.extension.period.amount, "unit": r.extension.period.unit, **cited(r.extension.basis)}
    earliest: TimelineEarliestOut | None = None
    if r.earliest:
        e = r.earliest
        earliest = {"date": e.date.isoformat(), "amount": e.period.amount, "unit": e.period.unit, "rule": e.what,
                    **cited(e.basis)}
    return {"id": s.id, "authority": s.authority, "title": s.title, **_labels(s), "kind": s.kind, "when": s.when,
            "start": moment(r.start), "due": moment(r.due), **_span(r.span),
            "variant": {"code": r.variant.code, "title": r.variant.title} if r.variant else None, "extension": ext,
            "pauses": [{"start": p.start.isoformat(), "end": p.end.isoformat(), "reason": p.reason}
                       for p in r.pauses],
            "earliest": earliest, "decided": moment(r.decided), "status": r.status,
            "steps": steps_json(r.steps), **cited(r.basis),
            "provisional": r.provisional, "calendar_years": list(r.calendar_years),
            **_range(r.range)}


def _range(span) -> _Ranged:
    return {"range": {"earliest": moment(span[0]), "latest": moment(span[1])}} if span else {}


def timeline_json(t: dom.Timeline) -> TimelineOut:
    v = t.version
    out: TimelineOut = {
        "id": t.procedure.id, "title": t.procedure.title,
        "start_label": start_label(v.start_label or t.procedure.start_label, v.hours),
        "version": {"label": v.label, "effective": _effective(v)} if v.label else None,
        "start": moment(t.start), "event": moment(t.event),
        "stages": [result_json(r) for r in t.stages], "completion": moment(t.completion),
        "notes": [{"code": n.code, "text": n.text, "details": _plain(dict(n.details))} for n in t.notes],
        "provisional": t.provisional, "calendar_years": list(t.calendar_years),
        "rule_versions": [rule_version("procedure", t.procedure.id, v.label, v.effective_from,
                                       v.effective_until, digest=t.procedure.digest)],
        "headline": headline_json(t.headline)}
    if t.completion_range:
        out["completion_range"] = _range(t.completion_range)["range"]
    return out


def headline_json(h: dom.Headline | None) -> TimelineHeadlineOut | None:
    """API 1.1 addition: the stage the answer leads with (null: the completion), its day, and the
    sentence the page and the CLI lead with; an estimate's range as a stage's."""
    if h is None:
        return None
    out: TimelineHeadlineOut = {"stage": h.stage.stage.id if h.stage else None, "due": moment(h.due),
                                "text": h.text, "provisional": h.provisional}
    if h.range:
        out["range"] = _range(h.range)["range"]
    return out


def procedures_json(procedures) -> TimelineProcedureList:
    return {"items": [procedure_json(p) for p in procedures]}
