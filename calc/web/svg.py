"""Geometry of the timeline picture: one row per stage, a bar from its start to its due date on a
time axis shared by all rows. Only positions and words are computed here; the template draws them.

Narrow on purpose (a 420-unit wide viewBox): the same drawing reads on a phone and on A4 paper."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..timelines import NONE, ON_THE_SPOT, PREREQUISITE, Timeline, describe

WIDTH = 420
LEFT, RIGHT = 10, 410
AXIS_Y = 34
ROW = 74
TOP = 50
CHAR = 14.5  # width of one CJK character at the title size, in viewBox units


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Row:
    y: float
    number: int
    title: str
    full_title: str
    sub: str
    colour: str
    shape: str  # bar | open | dot | diamond | unknown
    x1: float
    x2: float
    start_text: str
    due_text: str
    start_x: float
    start_anchor: str
    due_x: float
    due_anchor: str
    decided: bool


@dataclass
class Picture:
    width: int
    height: int
    ticks: list[Tick]
    rows: list[Row]
    final_y: float
    final_text: str
    summary: str


def _key(moment) -> float:
    if isinstance(moment, dt.datetime):
        return moment.toordinal() + (moment.hour * 60 + moment.minute) / 1440
    return float(moment.toordinal())


def _text(moment, hours: bool) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        return moment.strftime("%m-%d %H:%M") if hours else moment.date().isoformat()
    return moment.isoformat()


def short(title: str, room: float = RIGHT - LEFT - 26) -> str:
    """The words before the first colon, cut to the room there is (the table has the full text)."""
    head = title.split("：")[0]
    most = int(room // CHAR)
    return head if len(head) <= most else head[: most - 1] + "…"


def _ticks(lo: float, hi: float, x, hours: bool) -> list[Tick]:
    ticks = []
    if hours:
        first = dt.datetime.fromordinal(int(lo))
        step = 2 if hi - lo <= 0.75 else 6
        t = first
        while _key(t) <= hi:
            if _key(t) >= lo:
                ticks.append(Tick(x(_key(t)), t.strftime("%H:%M")))
            t += dt.timedelta(hours=step)
        return ticks
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    months = (b.year - a.year) * 12 + b.month - a.month
    if months <= 14:
        y, m = a.year, a.month
        every = 1 if months <= 7 else 2
        i = 0
        while (y, m) <= (b.year, b.month):
            d = dt.date(y, m, 1)
            if lo <= d.toordinal() <= hi and i % every == 0:
                ticks.append(Tick(x(d.toordinal()), f"{y}年{m}月" if m == 1 or not ticks else f"{m}月"))
            i += 1
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return ticks
    every = max(1, (b.year - a.year) // 6 + 1)
    for y in range(a.year + 1, b.year + 1, every):
        ticks.append(Tick(x(dt.date(y, 1, 1).toordinal()), f"{y}年"))
    return ticks


def _place(x1: float, x2: float, sw: float, dw: float, bar: bool):
    """Where the two date labels of a row go: under the bar's ends when they fit, never overlapping."""
    def span(x, w, anchor):
        return (x, x + w) if anchor == "start" else (x - w, x)

    if not sw:  # one label beside a point: after it, or before it when there is no room
        return (LEFT, "start"), ((x2 + 10, "start") if x2 + 10 + dw <= RIGHT else (max(x2 - 10, LEFT + dw), "end"))
    tries = [((min(max(x1, LEFT), RIGHT - sw), "start"), (x2, "end"))]
    if bar:
        tries.append(((min(max(x1, LEFT), RIGHT - sw), "start"), (x2 + 6, "start")))
    tries.append(((x1 - 6, "end"), (max(x2, LEFT + dw), "end")))
    tries.append(((LEFT, "start"), (RIGHT, "end")))
    for (sx, sa), (dx, da) in tries:
        a, b = span(sx, sw, sa), span(dx, dw, da)
        inside = LEFT <= a[0] and a[1] <= RIGHT and LEFT <= b[0] and b[1] <= RIGHT
        if inside and (a[1] + 8 <= b[0] or b[1] + 8 <= a[0] or not sw or not dw):
            return (sx, sa), (dx, da)
    return (LEFT, "start"), (RIGHT, "end")


def picture(t: Timeline) -> Picture:
    hours = t.version.hours
    moments = [t.start, *(m for r in t.stages for m in (r.start, r.due, r.decided) if m is not None)]
    if t.event:
        moments.append(t.event)
    lo, hi = min(map(_key, moments)), max(map(_key, moments))
    if hi - lo < (1 / 24 if hours else 1):
        hi = lo + (1 / 24 if hours else 1)
    span = hi - lo

    open_end = any(r.stage.kind == NONE or (r.start is not None and r.end is None) for r in t.stages)
    right = RIGHT - 48 if open_end else RIGHT  # room to draw an open-ended stage after the last date

    def x(k: float) -> float:
        return LEFT + (k - lo) / span * (right - LEFT)

    authorities: dict[str, str] = {}
    rows = []
    for i, r in enumerate(t.stages):
        s = r.stage
        colour = authorities.setdefault(s.authority, f"c{len(authorities) % 6}")
        y = TOP + i * ROW
        period = describe(s)
        if r.variant:
            period += f"（{r.variant.title}）"
        if r.extension:
            period += f"，延长{r.extension[0]}"
        sub = f"{s.authority} · {period}" + (f" · {s.when}" if s.when else "")
        end = r.end
        if s.kind == PREREQUISITE:
            at = x(_key(r.due if r.due is not None else t.start))
            shape, x1, x2 = "diamond", at, at
        elif r.start is None:
            shape, x1, x2 = "unknown", LEFT, RIGHT
        elif s.kind == ON_THE_SPOT:
            shape, x1, x2 = "dot", x(_key(r.start)), x(_key(r.start))
        elif s.kind == NONE or end is None:
            shape, x1, x2 = "open", x(_key(r.start)), RIGHT
        else:
            a, b = sorted((_key(r.start), _key(end)))
            shape, x1, x2 = "bar", x(a), max(x(b), x(a) + 3)
        start_text = _text(r.start, hours) if r.start is not None else "起算日待定"
        if s.kind == PREREQUISITE:
            due_text = "申请时须已具备"
        elif s.kind == ON_THE_SPOT:
            due_text = "当场办理"
        elif r.decided is not None:
            due_text = f"实际 {_text(r.decided, hours)}"
        elif r.due is not None:
            due_text = ("最迟 " if s.kind not in ("term", "eligible") else "至 ") + _text(r.due, hours)
        elif r.start is None:
            due_text = ""
        else:
            due_text = "无法定期限"
        if shape == "bar" and r.due is not None and _key(r.due) < _key(r.start):
            start_text, due_text = due_text, f"基准 {start_text}"  # a period counted backwards
        if shape in ("dot", "diamond"):
            when = r.start if shape == "dot" else (r.due if r.due is not None else t.start)
            start_text, due_text = "", f"{due_text} {_text(when, hours)}"
        start_w = sum(13 if ord(ch) > 255 else 7.2 for ch in start_text)
        due_w = sum(13 if ord(ch) > 255 else 7.5 for ch in due_text)
        (start_x, start_anchor), (due_x, anchor) = _place(x1, x2, start_w, due_w, shape == "bar")
        rows.append(Row(y, i + 1, short(s.title), s.title, sub, colour, shape, x1, x2, start_text, due_text,
                        start_x, start_anchor, due_x, anchor, r.decided is not None))
    final_y = TOP + len(t.stages) * ROW + 6
    if t.completion is not None:
        final = f"全部办结最迟：{_text(t.completion, hours)}"
    else:
        dated = [r.end for r in t.stages if r.end is not None and r.stage.kind != PREREQUISITE]
        last = max(dated, key=_key) if dated else None
        final = (f"有期限的环节最迟 {_text(last, hours)} 办结；其后的环节无法定期限" if last
                 else "办结日期无法推算（有环节没有法定期限）")
    summary = "；".join(f"{row.number}. {row.full_title}：{row.start_text} 起，{row.due_text}" for row in rows)
    return Picture(WIDTH, int(final_y + 24), _ticks(lo, hi, x, hours), rows, final_y + 14, final, summary)
