"""The time axis of the timeline picture: its span (`Frame`), its labels and the holidays shaded on it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...timelines import NONE, Timeline
from .model import PAD, Band, Layout, Line, Tick
from .words import key, width_of


def ticks_of(lo: float, hi: float, x, hours: bool, room: float) -> list[Tick]:
    """The axis labels: hours for an hour procedure within three days, else days within a month
    and a half, months within three and a half years, years beyond; as many as the room allows."""
    most = max(2, int(room // 70))  # a label "2027年1月" is about 60 units
    if hours and hi - lo <= 3:
        return _hour_ticks(lo, hi, x, most)
    if hi - lo <= 45:
        return _day_ticks(lo, hi, x, most)
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    if (b.year - a.year) * 12 + b.month - a.month <= 14 * 3:
        return _month_ticks(lo, hi, x, most)
    every = max(1, (b.year - a.year + 1) // most + 1)
    return [Tick(x(dt.date(y, 1, 1).toordinal()), f"{y}年") for y in range(a.year + 1, b.year + 1, every)]


GAP = 6  # the least room between two axis labels, in viewBox units


def placed(ticks: list[Tick], layout: Layout) -> list[Tick]:
    """The labels as drawn: one near the right edge ends at its line, and a label that would touch
    the one before it (a first label carries its year: "2026-09-25" is wider than "09-30") is left
    out with its line, so no two run together."""
    kept: list[Tick] = []
    end = float("-inf")
    for tk in ticks:
        w = width_of(tk.label, layout.base)
        if tk.x + 3 + w > layout.width - 2:
            tk.anchor = "end"
        first, last = (tk.x - 3 - w, tk.x - 3) if tk.anchor == "end" else (tk.x + 3, tk.x + 3 + w)
        if first < end + GAP:
            continue
        kept.append(tk)
        end = last
    return kept


def _hour_ticks(lo: float, hi: float, x, most: int) -> list[Tick]:
    ticks = []
    first = dt.datetime.fromordinal(int(lo))
    step = next(h for h in (1, 2, 3, 6, 12, 24, 48) if (hi - lo) * 24 / h <= most)
    t = first
    while key(t) <= hi:
        if key(t) >= lo:
            ticks.append(Tick(x(key(t)), t.strftime("%H:%M" if t.hour or step < 24 else "%m-%d")))
        t += dt.timedelta(hours=step)
    return ticks


def _day_ticks(lo: float, hi: float, x, most: int) -> list[Tick]:
    """A tick every few days, labelled month-day (the first with its year)."""
    ticks = []
    step = next(d for d in (1, 2, 5, 7, 10, 14, 15) if (hi - lo) / d <= most)
    d = dt.date.fromordinal(int(lo))
    while d.toordinal() <= hi:
        ticks.append(Tick(x(float(d.toordinal())), f"{d.month:02d}-{d.day:02d}" if ticks else d.isoformat()))
        d += dt.timedelta(days=step)
    return [tk for tk in ticks if tk.x < x(hi) - 1]


def _month_ticks(lo: float, hi: float, x, most: int) -> list[Tick]:
    ticks = []
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    months = (b.year - a.year) * 12 + b.month - a.month
    every = 1
    while (months + 1) / every > most:
        every += 1
    y, m, i = a.year, a.month, 0
    while (y, m) <= (b.year, b.month):
        d = dt.date(y, m, 1)
        if lo <= d.toordinal() <= hi and i % every == 0:
            ticks.append(Tick(x(d.toordinal()), f"{y}年{m}月" if m == 1 or not ticks else f"{m}月"))
        i += 1
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return ticks


def _base_name(name: str) -> str:
    return re.sub(r"（[^）]*）$", "", name)


def holidays(cal, lo: float, hi: float) -> list[tuple[str, dt.date, dt.date, bool]]:
    """The calendar's breaks within the axis, the days of one holiday merged (春节（除夕）, 春节,
    春节（补休） are one Spring Festival), each marked when its year is only estimated."""
    if cal is None:
        return []
    first, last = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    out: list[list] = []
    for b in cal.breaks_within(first, last):
        name = _base_name(b.name)
        if out and out[-1][0] == name and b.first <= out[-1][2] + dt.timedelta(days=1):
            out[-1][2] = max(out[-1][2], b.last)
        else:
            out.append([name, b.first, b.last, b.first.year in getattr(cal, "provisional_years", ())])
    return [tuple(o) for o in out]


@dataclass(frozen=True)
class Frame:
    """Where a picture's moments go: the axis from `lo` to `hi` (ordinal days; an hour is a
    24th) drawn from x `left` to `right`; bars of stages with no end run on to `right_edge`."""

    layout: Layout
    hours: bool
    lo: float
    hi: float
    left: float
    right: float
    right_edge: float

    @property
    def line(self) -> float:
        return self.layout.base * 1.45

    def x(self, k: float) -> float:
        return self.left + (k - self.lo) / (self.hi - self.lo) * (self.right - self.left)


def _moments(t: Timeline) -> list:
    """Every moment the picture shows: the start, each stage's start, due and decided moments, the
    ends of each estimated range, the event day."""
    moments = [t.start, *(m for r in t.stages for m in (r.start, r.due, r.decided) if m is not None)]
    moments += [m for r in t.stages if r.range for m in r.range]
    if t.event:
        moments.append(t.event)
    return moments


def frame_of(t: Timeline, L: Layout) -> Frame:
    """The axis's span (a day at least, an hour for an hour procedure) and where it is drawn."""
    hours = t.version.hours
    moments = _moments(t)
    lo, hi = min(map(key, moments)), max(map(key, moments))
    if hi - lo < (1 / 24 if hours else 1):
        hi = lo + (1 / 24 if hours else 1)
    hi += 0 if hours else 1  # a day is drawn as the whole day: a due date's bar ends at its evening
    open_end = any(r.stage.kind == NONE or (r.start is not None and r.end is None) for r in t.stages)
    left = (L.label_w + 16) if L.label_w else PAD
    right_edge = L.width - PAD
    return Frame(L, hours, lo, hi, left, right_edge - (40 if open_end else 0), right_edge)


def holiday_bands(f: Frame, cal, names_y: float) -> list[Band]:
    """The holidays on the axis, each named above it where its name does not touch another's."""
    bands = []
    for name, first, last, estimated in ([] if f.hours else holidays(cal, f.lo, f.hi)):
        x1 = max(f.x(float(first.toordinal())), f.left)
        x2 = min(f.x(float(last.toordinal() + 1)), f.right)
        bands.append(Band(x1, max(x2, x1 + 1.5), name, first, last, estimated))
    named: list[tuple[float, float]] = []
    for b in bands:
        w = width_of(b.name, f.layout.base)
        cx = min(max((b.x1 + b.x2) / 2, f.left + w / 2), f.right_edge - w / 2)
        a, z = cx - w / 2 - 3, cx + w / 2 + 3
        if all(z <= p or a >= q for p, q in named):
            named.append((a, z))
            b.label = Line(cx, names_y, [(b.name, "hname")], "middle")
    return bands
