"""Timing helpers shared by the benches."""
from __future__ import annotations

import gc
import statistics
import time
from typing import Callable


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The least CPU time of `repeat` runs of a single-threaded `fn`, in seconds: on a shared machine
    the process's own CPU time is far steadier than the wall clock, and the ratios stay honest
    because every side of a comparison is measured the same way."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def best_of_each(fns: dict[str, Callable[[], object]], repeat: int = 7) -> dict[str, float]:
    """`best_of` for several functions in interleaved rounds: this machine's speed drifts by up to
    2× within seconds, so the sides of a ratio are measured side by side, not one after another."""
    return {name: min(ts) for name, ts in rounds_of_each(fns, repeat).items()}


def rounds_of_each(fns: dict[str, Callable[[], object]], repeat: int = 7) -> dict[str, list[float]]:
    """Each function's CPU time in each of `repeat` interleaved rounds (round i of every function
    side by side), for a ratio taken round by round as well as from the best of each."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            t = time.process_time()
            fn()
            times[name].append(time.process_time() - t)
    return times


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of `repeat` runs (start-up: files are read, so wall time is what counts)."""
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
