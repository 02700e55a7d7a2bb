"""Timing helpers shared by the benches."""
from __future__ import annotations

import gc
import statistics
import time
from typing import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed by a busy machine."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def row(label: str, value: str, note: str = "") -> str:
    return f"  {label:<52} {value:>16}  {note}".rstrip()
