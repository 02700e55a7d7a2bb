"""`calc timeline`: each stage of a procedure and its time limit, as POST /v1/timelines/{id}.

The answer leads with the stage people ask about (the procedure's `headline`, or `--headline`), the
other authorities' periods beneath it, as the page does; the stages' decision-form citations close it
("引用："). A county list that follows a national rule is answered alone, naming the other chain
("另见：" its title, and the id `calc timeline` takes).

Past the published holiday notices the text answer estimates at once and says so, as the timelines
page does (calc/web/timelines.py): the year not yet published is information, not the person's
mistake. `--json` answers exactly what the API answers for the same request, so without
`--provisional` it refuses with calendar_gap (exit 3) as the API does.
"""
from __future__ import annotations

from .. import timelines
from ..answers.citing import timeline_citations
from ..answers.timelines import moment, timeline_json
from ..errors import CalendarGap, NotFound
from ..labels import ESTIMATED, STAGE_STATUS
from .args import OK
from .check import load
from .output import print_json, refused


def _span(amount, unit, units) -> str:
    return "无法定期限" if amount is None else f"{amount}{units.get(unit, unit)}"


def _estimate(args, s, provisional: bool) -> timelines.Timeline:
    inputs = timelines.StageInputs(actual=dict(args.actual), extensions=dict(args.extension),
                                   variants=dict(args.variant), restarts=dict(args.restart),
                                   durations=dict(args.duration))
    return timelines.estimate(s.timelines, args.id, args.start, s.calendar, s.rules, inputs, event=args.event,
                              as_of=args.as_of, provisional=provisional, headline=args.headline)


def timeline(args) -> int:
    s = load(args)
    gap = None
    try:
        try:
            t = _estimate(args, s, args.provisional)
        except CalendarGap as err:
            if args.json or args.provisional:  # the API's answer; or beyond even the 放假办法's years
                raise
            gap = err.year
            t = _estimate(args, s, True)
    except NotFound as err:
        known = [p.id for p in s.timelines]
        return refused(err, "可用的程序编号：" + "、".join(known), args.id, known)
    if args.json:  # the JSON POST /v1/timelines/{id} answers
        print_json(timeline_json(t))
        return OK
    _print(t, s.rules.units, gap)
    _others(t, s.timelines, args)
    _citations(t)
    return OK


def _range(r) -> str:
    """（推定）, with the days the real due date can fall between once the year's notice is out."""
    if not r.provisional:
        return ""
    if r.range and r.range[0] != r.range[1]:
        return "（" + ESTIMATED["stage_range"].format(first=moment(r.range[0]), last=moment(r.range[1])) + "）"
    return "（推定）"


def _estimated(t: timelines.Timeline, gap: int | None) -> None:
    """What the page's banner says: why the dates are estimated, and where the completion can fall."""
    print("推定结果：" + (ESTIMATED["gap"].format(year=gap) if gap else ESTIMATED["asked"]))
    if t.completion_range and t.completion_range[0] != t.completion_range[1]:  # as the stages' ranges
        first, last = t.completion_range
        print("  " + ESTIMATED["completion_range"].format(first=moment(first), last=moment(last)))


def _stage(r, units) -> str:
    span = r.span
    amount = _span(span.amount if span else None, span.unit if span else None, units)
    when = f"（仅于{r.stage.when}）" if r.stage.when else ""
    return (f"  {r.stage.short}  {r.stage.authority}  {moment(r.start) or '—'} → {moment(r.due) or '无期限'}  "
            f"{amount}  {STAGE_STATUS.get(r.status, r.status)}{when}" + _range(r))


def _print(t: timelines.Timeline, units, gap: int | None) -> None:
    label = f"，{t.version.label}" if t.version.label else ""
    print(f"{t.procedure.title}（{t.procedure.id}{label}）")
    print(f"起算：{t.version.start_label or t.procedure.start_label} {moment(t.start)}")
    if t.provisional:
        _estimated(t, gap)
    print(f"结果：{t.headline.text}")
    for line in t.headline.beneath:
        print(f"  {line}")
    for r in t.stages:
        print(_stage(r, units))
    completion = moment(t.completion)
    print(f"办结：{completion}" + ("（推定）" if t.provisional else "") if completion else "办结：无法确定（见注）")
    if t.notes:
        print("注：")
        for n in t.notes:
            print(f"  - {_said(n, t)}")


def _said(n: timelines.Note, t: timelines.Timeline) -> str:
    """A note as the page says it: the county's difference without the national date (that answer is
    `另见`), and an estimate's last dated stage left to the headline, which says how sure it is."""
    if n.code == "differs_from_national":
        return n.without("national_completion")
    return n.without("completion_last_dated") if t.provisional else n.text


def _others(t: timelines.Timeline, tl: timelines.Timelines, args) -> None:
    """The other chain of the same matter (the national rule a county list follows, or the county
    list that follows it), by its title and, as a heading gives it, the id the next command takes."""
    proc = t.procedure
    others = ([proc.compare_with] if proc.compare_with else []) + [p.id for p in tl if p.compare_with == proc.id]
    for other in others:
        print(f"另见：{tl.get(other).title}（{other}，同一起算日）")


def _citations(t: timelines.Timeline) -> None:
    lines = timeline_citations(t)
    if lines:
        print("引用：")
        for line in lines:
            print(f"  {line}")
