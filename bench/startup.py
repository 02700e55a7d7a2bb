"""Bench 4: loading and validating every schedule (target < 300 ms), and building the app."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .common import best_of_each, median_of, ms, row

COLD = """
import time
t = time.perf_counter()
from calc import schedules
s = schedules.load()
t1 = time.perf_counter()
from calc.api import create_app
app = create_app(loaded=s)
t2 = time.perf_counter()
print(t1 - t, t2 - t1)
"""


def run(out=print) -> dict:
    from calc import schedules

    warm = median_of(schedules.load, 7)
    county = Path(__file__).resolve().parent.parent / "tests" / "data" / "overlays" / "qingshi"
    # Side by side (CPU time, interleaved rounds, best of each): the drift of this machine would
    # otherwise swamp a difference of a few milliseconds.
    side = best_of_each({"bundled": schedules.load, "layered": lambda: schedules.load([county]),
                         "problems": schedules.problems}, 9)
    colds = []
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, timeout=120,
                              env={"CALC_ACCESS_LOG": "0", "PATH": "/usr/bin:/bin"})
        colds.append(tuple(map(float, done.stdout.split())))
    cold_load = sorted(c[0] for c in colds)[1]
    cold_app = sorted(c[1] for c in colds)[1]
    out("4. Start-up: load and validate every schedule under schedules/")
    out(row("schedules.load(), warm (median of 7)", ms(warm), "(target < 300 ms)"))
    out(row("bundled set, CPU time (best of 9, interleaved)", ms(side["bundled"])))
    out(row("… with a county overlay (tests/data/overlays/qingshi)", ms(side["layered"]),
            f"{side['layered'] / side['bundled']:.2f}× the bundled set alone"))
    out(row("… schedules.problems() (calc check on a refusal)", ms(side["problems"]),
            f"{side['problems'] / side['bundled']:.2f}×"))
    out(row("import + schedules.load() in a fresh process", ms(cold_load), "(median of 3)"))
    out(row("import of Flask and the app + create_app()", ms(cold_app)))
    return {"warm_s": warm, "layered_s": side["layered"], "problems_s": side["problems"], "cold_s": cold_load, "app_s": cold_app}
