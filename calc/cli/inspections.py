"""`calc inspections`: 监督检查计划, the same calc.inspections.plan as POST /v1/inspections/{id}/plan."""
from __future__ import annotations

from .. import inspections as ins
from ..answers.inspections import plan_json
from ..errors import NotFound
from .args import OK
from .check import load
from .output import print_json, refused


def inspections(args) -> int:
    s = load(args)
    try:
        regime = s.inspections.get(args.id)
    except NotFound as err:
        known = list(s.inspections.regimes)
        return refused(err, "可用的检查类别：" + "、".join(known), args.id, known)
    plan = ins.plan(regime, args.start, args.end, s.calendar, population=args.population,
                    provisional=args.provisional)
    if args.json:  # the JSON POST /v1/inspections/{id}/plan answers
        print_json(plan_json(plan))
        return OK
    print(f"{regime.title}（{regime.unit}）{args.start} 至 {args.end}" + ("（推定）" if plan.provisional else ""))
    for w in plan.windows:
        q = w.requirement
        times = "按清单" if w.times is None else f"{w.times} 次"
        units = f"，至少 {w.min_units}{q.unit_label}" if w.min_units else ""
        print(f"  {w.label}  {q.title}：{times}{units}；最迟 {w.due or '—'}" + ("（期间不足一个完整窗口）" if w.partial else ""))
    if plan.triggered:
        print("遇事即查：")
        for q in plan.triggered:
            print(f"  {q.trigger}：{q.title}")
    for note in plan.assumptions:
        print(f"注：{note}")
    return OK
