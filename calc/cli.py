"""Command line: `calc check` validates the schedules as start-up does; `calc due` answers a period."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from . import periods, schedules
from .errors import DomainError, ScheduleError


def check(args) -> int:
    try:
        s = schedules.load(args.schedules)
    except ScheduleError as err:
        print(f"schedules 有误：{err}", file=sys.stderr)
        return 1
    except Exception as err:  # a loader that fails on bad data without saying where: still refuse
        print(f"schedules 有误（载入时出现未预料的错误，应改为 ScheduleError）：{type(err).__name__}: {err}",
              file=sys.stderr)
        return 2
    book = s.calendar
    print(f"schedules ok: {s.root} digest {s.digest}; 日历 {book.first_year}-{book.last_year}")
    return 0


def due(args) -> int:
    s = schedules.load(args.schedules)
    try:
        answer = periods.due(dt.date.fromisoformat(args.start), periods.Period(args.amount, args.unit, args.direction),
                             s.calendar, s.rules, provisional=args.provisional)
    except DomainError as err:
        print(f"{err.reason}: {err.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"due": answer.due.isoformat(), "provisional": answer.provisional,
                          "steps": [{"rule": st.rule, "date": st.date.isoformat(), "basis": st.basis}
                                    for st in answer.steps]}, ensure_ascii=False, indent=2))
        return 0
    print(f"届满日：{answer.due.isoformat()}" + ("（推定）" if answer.provisional else ""))
    for st in answer.steps:
        print(f"  {st.date.isoformat()}  {st.rule}\n              依据：{st.basis}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="calc", description="公安局罚款幅度与期限计算")
    p.add_argument("--schedules", help="schedules 目录（默认为随附数据）")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="校验全部 schedules，与启动时相同").set_defaults(func=check)
    d = sub.add_parser("due", help="计算期间届满日")
    d.add_argument("start")
    d.add_argument("amount", type=int)
    d.add_argument("unit", choices=periods.UNITS)
    d.add_argument("--direction", choices=("after", "before"), default="after")
    d.add_argument("--provisional", action="store_true")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=due)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
