"""`calc list`: the ids each command takes, each with its title, so nobody has to guess an id."""
from __future__ import annotations

from .args import OK
from .check import load
from .output import print_json

LISTS = {"penalties": "违法行为（calc penalty ID）", "timelines": "办理程序（calc timeline ID；阶段编号用于 --actual）",
         "events": "宣传日与开放日（calc events YEAR）", "inspections": "监督检查类别（calc inspections ID START END）",
         "thresholds": "立案追诉与限量标准（calc threshold ID）"}


def _rows(s) -> dict[str, list[tuple[str, str]]]:
    return {
        "penalties": [(v.id, v.title) for v in s.penalties.violations.values()],
        "timelines": [(p.id, p.title) for p in s.timelines],
        "events": [(e.id, e.title) for e in s.events.events.values()],
        "inspections": [(r.id, r.title) for r in s.inspections.regimes.values()],
        "thresholds": [(t.id, t.title) for t in s.penalties.thresholds.values()],
    }


def _as_json(kind: str, rows, stages) -> list[dict]:
    if kind != "timelines":
        return [{"id": i, "title": t} for i, t in rows]
    return [{"id": i, "title": t, "stages": [{"id": a, "title": b} for a, b in stages[i]]} for i, t in rows]


def listing(args) -> int:
    s = load(args)
    rows = _rows(s)
    stages = {p.id: [(st.id, st.short) for st in p.latest.stages] for p in s.timelines}
    wanted = [args.what] if args.what else list(LISTS)
    if args.json:
        print_json({k: _as_json(k, rows[k], stages) for k in wanted})
        return OK
    for k in wanted:
        print(f"{LISTS[k]}，共 {len(rows[k])} 项：")
        width = max((len(i) for i, _ in rows[k]), default=0)
        for i, t in rows[k]:
            print(f"  {i.ljust(width)}  {t}")
            if k == "timelines" and args.what:
                for a, b in stages[i]:
                    print(f"      {a}  {b}")
    return OK
