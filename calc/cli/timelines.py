"""`calc timeline`: each stage of a procedure and its time limit, as POST /v1/timelines/{id}."""
from __future__ import annotations

from ..answers.timelines import moment, timeline_json
from ..errors import NotFound
from ..labels import STAGE_STATUS
from .args import OK
from .check import load
from .output import print_json, refused, short


def _span(amount, unit, units) -> str:
    return "无法定期限" if amount is None else f"{amount}{units.get(unit, unit)}"


def timeline(args) -> int:
    from .. import timelines

    s = load(args)
    try:
        t = timelines.estimate(s.timelines, args.id, args.start, s.calendar, s.rules,
                               actual=dict(args.actual), event=args.event, as_of=args.as_of,
                               provisional=args.provisional, extensions=dict(args.extension),
                               variants=dict(args.variant), restarts=dict(args.restart),
                               durations=dict(args.duration))
    except NotFound as err:
        known = [p.id for p in s.timelines]
        return refused(err, "可用的程序编号：" + "、".join(known), args.id, known)
    if args.json:  # the JSON POST /v1/timelines/{id} answers
        print_json(timeline_json(t))
        return OK
    units = s.rules.units
    label = f"，{t.version.label}" if t.version.label else ""
    print(f"{t.procedure.title}（{t.procedure.id}{label}）")
    print(f"起算：{t.version.start_label or t.procedure.start_label} {moment(t.start)}")
    for r in t.stages:
        span = r.span
        amount = _span(span.amount if span else None, span.unit if span else None, units)
        when = f"（仅于{r.stage.when}）" if r.stage.when else ""
        print(f"  {short(r.stage.title)}  {r.stage.authority}  {moment(r.start) or '—'} → {moment(r.due) or '无期限'}  "
              f"{amount}  {STAGE_STATUS.get(r.status, r.status)}{when}" + ("（推定）" if r.provisional else ""))
    print(f"办结：{moment(t.completion) or '无法确定（见注）'}" + ("（推定）" if t.provisional else ""))
    if t.notes:
        print("注：")
        for n in t.notes:
            print(f"  - {n.text}")
    return OK
