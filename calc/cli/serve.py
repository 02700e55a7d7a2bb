"""`calc serve`: refuse bad schedules here, as `check` does, then become gunicorn with calc/serving.py."""
from __future__ import annotations

import os
import sys

from .args import OK, SCHEDULE_PROBLEMS
from .check import check, roots


def serve(args) -> int:
    layers = roots(args)
    if check(args) != OK:
        print("calc serve：schedules 有误，不启动服务", file=sys.stderr)
        return SCHEDULE_PROBLEMS
    if layers is not None:
        os.environ["CALC_SCHEDULES"] = layers if isinstance(layers, str) else os.pathsep.join(layers)
    if args.bind:
        os.environ["CALC_BIND"] = args.bind
    if args.workers:
        os.environ["CALC_WORKERS"] = str(args.workers)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "-c", "python:calc.serving", "calc.wsgi:app"])
    return OK  # not reached: execvp replaces this process
