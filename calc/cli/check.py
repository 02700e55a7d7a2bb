"""The schedules every answer is computed from: which layers, loaded once, and `calc check`.

`check` validates the schedules as start-up does; its first line is what calc/reload.py parses. An
answering command that finds bad schedules reports them the same way and stops (exit 1).
"""
from __future__ import annotations

import sys

from .. import schedules
from ..errors import ScheduleError
from ..labels import LAYER_KINDS
from .args import OK, SCHEDULE_PROBLEMS


class Exit(Exception):
    """Stop the command with this exit code (what went wrong is already on stderr)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def roots(args):
    """The schedule layers, bottom to top: `check DIR…`, else --schedules (split on os.pathsep by
    schedules.load), else None (CALC_SCHEDULES or the bundled set, as schedules.load decides)."""
    return list(getattr(args, "dirs", None) or []) or args.schedules or None


def load(args):
    """The schedules every answer is computed from; bad ones are reported as `check` does (exit 1)."""
    s, code = _checked(args)
    if s is None:
        raise Exit(code)
    return s


def _report_problems(layers, first: Exception) -> int:
    """Every problem schedules.problems finds (the one load stopped at among them), on stderr."""
    if not isinstance(first, ScheduleError):  # a loader that fails on bad data without saying where
        print(f"schedules 有误（载入时出现未预料的错误，应改为 ScheduleError）：{type(first).__name__}: {first}",
              file=sys.stderr)
        return SCHEDULE_PROBLEMS
    errors = list(getattr(first, "problems", None) or [])  # schedules.load looked for the rest already
    if not errors:
        try:
            errors = schedules.problems(layers)
        except Exception:  # noqa: BLE001 - the error load raised is still reported below
            errors = []
    if str(first) not in {str(e) for e in errors}:
        errors.insert(0, first)
    for err in errors:
        print(f"schedules 有误：{err}", file=sys.stderr)
    return SCHEDULE_PROBLEMS


def _checked(args):
    """(Schedules, 0), or (None, 1) with every problem printed."""
    layers = roots(args)
    try:
        return schedules.load(layers), OK
    except Exception as err:  # noqa: BLE001 - see _report_problems
        return None, _report_problems(layers, err)


def check(args) -> int:
    s, code = _checked(args)
    if s is None:
        return code
    book = s.calendar
    print(f"schedules ok: {s.root} digest {s.digest}; 日历 {book.first_year}-{book.last_year}")
    for i, layer in enumerate(s.layers, 1):
        changed = "".join(f"，{label} {len(items)} 项" for label, items in
                          (("新增", layer.adds), ("替换", layer.overrides)) if items)
        print(f"  第{i}层（{LAYER_KINDS[layer.kind]}）{layer.name}: {layer.path} "
              f"digest {layer.digest}; {len(layer.files)} 个文件{changed}")
    return OK
