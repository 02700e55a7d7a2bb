"""The county's list against the national rule: where a county procedure names the national one it
follows (`compare_with`), its answer says whether the stages differ, how, and when the national
rule would have the applicant done."""
from __future__ import annotations

from typing import Callable

from .answer import Note, Timeline
from .chain import Question
from .model import ON_THE_SPOT, PREREQUISITE, WINDOW, Stage, Timelines, Version, day_of

_UNITS = {"workdays": "个工作日", "days": "日", "months": "个月", "years": "年", "hours": "小时"}


def describe(stage: Stage) -> str:
    """A stage's period as a person says it: 20个工作日, 当场办理, 无法定期限…"""
    if stage.kind == ON_THE_SPOT:
        return "当场办理"
    if stage.kind == PREREQUISITE:
        return "申请时须已具备"
    if stage.kind == WINDOW:
        return f"基准日前{stage.earliest.period.amount}{_UNITS[stage.earliest.period.unit]}内"
    if stage.span is None:
        return "无法定期限"
    before = "前" if stage.span.direction == "before" else ""
    return f"{stage.span.amount}{_UNITS[stage.span.unit]}{before}"


def differences(timelines: Timelines, county: Version, national: Version, label: str) -> list[tuple[str | None, str]]:
    """(stage id where both texts have the stage, the difference in words people read)."""
    out = []
    for c in county.stages:
        n = national.stage(c.id)
        if n is None:
            out.append((None, timelines.note("county_only", title=c.title, authority=c.authority,
                                             period=describe(c), label=label)))
        elif (c.kind, c.span, c.title) != (n.kind, n.span, n.title):
            out.append((c.id, timelines.note("county_differs", authority=c.authority, title=c.title,
                                             period=describe(c), label=label, national_authority=n.authority,
                                             national_title=n.title, national_period=describe(n))))
    for n in national.stages:
        if county.stage(n.id) is None:
            out.append((None, timelines.note("national_only", label=label, title=n.title, authority=n.authority,
                                             period=describe(n))))
    return out


def compare(q: Question, national_timeline: Callable[[], Timeline]) -> Note:
    """The note on `q`'s county procedure: the national version in force on its start day, the
    differences, and the national completion date where they differ (`national_timeline`
    estimates the national procedure from the same start, asked only then)."""
    timelines = q.timelines
    other = timelines.get(q.procedure.compare_with)
    day = day_of(q.start)
    national = other.version_on(day)
    if national is None:
        first = min((v.effective_from for v in other.versions if v.effective_from), default=None)
        return Note("national_not_encoded", timelines.note("national_not_encoded", day=day, first=first),
                    {"compare_with": other.id})
    label = national.label or other.title
    pairs = differences(timelines, q.version, national, label)
    # details keep the stage id for programs (the API's bytes as before); the text names stages by title
    details = {"compare_with": other.id, "version": label, "effective_from": national.effective_from,
               "differences": [f"「{sid}」：{text}" if sid else text for sid, text in pairs]}
    if not pairs:
        return Note("matches_national", timelines.note("matches_national", day=day, label=label), details)
    theirs = national_timeline()
    parts = {"differs_from_national": timelines.note("differs_from_national", day=day, label=label,
                                                     differences="；".join(t for _, t in pairs))}
    if national.summary:
        parts["national_summary"] = timelines.note("national_summary", summary=national.summary)
    if theirs.completion is not None:
        parts["national_completion"] = timelines.note("national_completion", label=label, day=day_of(theirs.completion))
        details["national_completion"] = theirs.completion
    return Note("differs_from_national", "".join(parts.values()), details, parts)
