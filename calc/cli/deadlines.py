"""`calc due` (a period's last day, as POST /v1/deadlines) and `calc day` (one day of the calendar,
as GET /v1/calendar/{date})."""
from __future__ import annotations

from .. import periods
from ..answers.deadlines import as_json
from ..labels import DAY_KINDS
from .args import OK, BadArgument
from .check import load
from .output import print_json, print_steps


def due(args) -> int:
    if args.extension_basis and args.extension is None:
        raise BadArgument("calc due", "参数 --extension-basis 须与 --extension 同用")
    if args.pause_basis and not args.pause:
        raise BadArgument("calc due", "参数 --pause-basis 须与 --pause 同用")
    s = load(args)
    direction = "before" if args.before else args.direction
    answer = periods.due(args.start, periods.Period(args.amount, args.unit, direction, duty=args.duty), s.calendar, s.rules,
                         pauses=[periods.DateRange(x.start, x.end, x.reason, args.pause_basis) for x in args.pause],
                         extension=periods.Period(args.extension, args.unit) if args.extension else None,
                         extension_basis=args.extension_basis, provisional=args.provisional)
    if args.json:  # the JSON POST /v1/deadlines answers
        print_json(as_json(answer))
        return OK
    print(f"届满日：{answer.due.isoformat()}" + ("（推定）" if answer.provisional else ""))
    print_steps(answer.steps)
    return OK


def day(args) -> int:
    """One day of the working-day calendar, as GET /v1/calendar/{date} answers."""
    from ..answers.calendar import day_json

    s = load(args)
    cal = s.calendar.get(args.provisional)
    answer = day_json(cal, args.date)
    if args.json:
        print_json(answer)
        return OK
    d = args.date
    name = f"（{answer['name']}）" if answer["name"] else ""
    print(f"{d.year}年{d.month}月{d.day}日 星期{'一二三四五六日'[d.weekday()]}：{DAY_KINDS[answer['kind']]}{name}"
          + ("，推定" if answer["provisional"] else ""))
    if answer["notice"]:
        print(f"  依据：{answer['notice']}")
    return OK
