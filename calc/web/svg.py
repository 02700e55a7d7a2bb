"""Geometry of the timeline picture: a headline (the date the applicant obtains what they came for),
one row per stage, a bar from its start to its due date on a time axis shared by all rows, the
holidays of the calendar the answer used shaded behind the bars, provisional stages hatched, and a
legend. Only positions and words are computed here; the template draws them.

A picture scaled to the content column cannot keep its text readable on both a phone (330 px) and
a desktop (1010 px): the same viewBox would give 12 px on one and 36 px on the other. So it is laid
out twice, `narrow` (labels above each bar) and `wide` (labels in a left column), and the style
sheet shows the one that fits. Text never sits in the plot: grid lines and holiday bands run only
where there are bars, so no line crosses a word."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..timelines import NONE, ON_THE_SPOT, PREREQUISITE, TERM, ELIGIBLE, Timeline, describe


@dataclass(frozen=True)
class Layout:
    name: str
    width: int
    label_w: int  # the left column for labels; 0: labels above the bars
    base: float  # font sizes in viewBox units (the style sheet uses the same: .tl-<name> …)
    title: float
    headline: float


NARROW = Layout("narrow", 340, 0, 13, 14.5, 17)
WIDE = Layout("wide", 880, 300, 14, 15.5, 19)
LAYOUTS = (WIDE, NARROW)
PAD = 6
LANE = 22  # height of a bar's lane


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "start"  # after its line, or before it near the right edge


@dataclass
class Line:  # one line of text: (words, css class) parts drawn as tspans
    x: float
    y: float
    parts: list[tuple[str, str]]
    anchor: str = "start"
    tip: str = ""  # the full words, as a <title>, where the line is cut


@dataclass
class Band:  # a holiday: shaded in every lane strip, named above the axis where there is room
    x1: float
    x2: float
    name: str
    first: dt.date
    last: dt.date
    estimated: bool
    label: Line | None = None


@dataclass
class Row:
    number: int
    lines: list[Line]
    lane: float  # top of the lane
    colour: str
    shape: str  # bar | open | dot | diamond | unknown
    x1: float
    x2: float
    provisional: bool
    range: tuple[float, float] | None
    stage_id: str = ""


@dataclass
class Legend:
    kind: str  # holiday | hatch | range
    x: float
    y: float
    text: str


@dataclass
class Picture:
    layout: str
    width: int
    height: int
    headline: list[Line]
    headline_text: str
    headline_date: str
    ticks: list[Tick]
    tick_y: float
    axis_y: float
    strips: list[tuple[float, float]]  # the y ranges grid lines and bands are drawn in
    plot: tuple[float, float]
    bands: list[Band]
    rows: list[Row]
    legend: list[Legend] = field(default_factory=list)
    summary: str = ""


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


def _full(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, dt.datetime) else moment.isoformat()


def width_of(text: str, size: float) -> float:
    """Estimated advance of `text` at `size`: CJK one em, digits and Latin a bit over half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.58 for ch in text)


def wrap(text: str, room: float, size: float) -> list[str]:
    """Lines no wider than `room`: breaks between CJK characters or at spaces, never inside a date
    or a short 《title》."""
    tokens = re.findall(r"《[^》]{1,12}》|[\x21-\x7e]+|\s+|.", text)
    lines, cur = [], ""
    for tok in tokens:
        if cur and width_of(cur + tok, size) > room:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [""]


def cut(text: str, room: float, size: float) -> str:
    if width_of(text, size) <= room:
        return text
    while text and width_of(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def headline(t: Timeline) -> tuple[str, object, str]:
    """(sentence, date, stage title): the completion or, when a last stage has no time limit, the
    last dated one; what is obtained then, as that stage's data says (`issues`)."""
    hours = t.version.hours
    dated = [r for r in t.stages if r.end is not None and r.stage.kind != PREREQUISITE]
    if not dated:
        return "办结日期无法推算（有环节没有法定期限）", None, ""
    if t.completion is not None:
        last = max((r for r in dated if r.end == t.completion), key=lambda r: r.stage.optional is False,
                   default=dated[-1])
        moment = t.completion
    else:
        last = max(dated, key=lambda r: _key(r.end))
        moment = last.end
    guess = "预计" if t.provisional else ""
    when = _full(moment) if hours else _text(moment, False)
    thing = last.stage.issues
    if last.decided is not None and last is dated[-1]:
        return f"已于 {when} 办结（{last.stage.short}）", moment, last.stage.title
    if thing:
        return f"{guess}最迟 {when} 取得{thing}", moment, last.stage.title
    if last.stage.kind == TERM:
        return f"{guess}最长至 {when}", moment, last.stage.title
    if last.stage.kind == ELIGIBLE:
        return f"{guess}{when} 起符合条件", moment, last.stage.title
    if t.completion is not None:
        return f"{guess}最迟 {when} 全部办结", moment, last.stage.title
    return f"{guess}有期限的环节最迟 {when} 办结；其后的环节无法定期限", moment, last.stage.title


def _ticks(lo: float, hi: float, x, hours: bool, room: float) -> list[Tick]:
    ticks = []
    most = max(2, int(room // 70))  # a label "2027年1月" is about 60 units
    if hours and hi - lo <= 3:
        first = dt.datetime.fromordinal(int(lo))
        step = next(h for h in (1, 2, 3, 6, 12, 24, 48) if (hi - lo) * 24 / h <= most)
        t = first
        while _key(t) <= hi:
            if _key(t) >= lo:
                ticks.append(Tick(x(_key(t)), t.strftime("%H:%M" if t.hour or step < 24 else "%m-%d")))
            t += dt.timedelta(hours=step)
        return ticks
    if hi - lo <= 45:  # days: a tick every few days, labelled month-day
        step = next(d for d in (1, 2, 5, 7, 10, 14, 15) if (hi - lo) / d <= most)
        d = dt.date.fromordinal(int(lo))
        while d.toordinal() <= hi:
            ticks.append(Tick(x(float(d.toordinal())), f"{d.month:02d}-{d.day:02d}" if ticks else d.isoformat()))
            d += dt.timedelta(days=step)
        return [tk for tk in ticks if tk.x < x(hi) - 1]
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(hi))
    months = (b.year - a.year) * 12 + b.month - a.month
    if months <= 14 * 3:
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
    every = max(1, (b.year - a.year + 1) // most + 1)
    for y in range(a.year + 1, b.year + 1, every):
        ticks.append(Tick(x(dt.date(y, 1, 1).toordinal()), f"{y}年"))
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


def picture(t: Timeline, cal=None, layout: Layout = WIDE) -> Picture:
    L = layout
    hours = t.version.hours
    W = L.width
    lh = L.base * 1.45
    moments = [t.start, *(m for r in t.stages for m in (r.start, r.due, r.decided) if m is not None)]
    moments += [m for r in t.stages if r.range for m in r.range]
    if t.event:
        moments.append(t.event)
    lo, hi = min(map(_key, moments)), max(map(_key, moments))
    if hi - lo < (1 / 24 if hours else 1):
        hi = lo + (1 / 24 if hours else 1)
    hi += 0 if hours else 1  # a day is drawn as the whole day: a due date's bar ends at its evening
    span = hi - lo

    open_end = any(r.stage.kind == NONE or (r.start is not None and r.end is None) for r in t.stages)
    left = (L.label_w + 16) if L.label_w else PAD
    right_edge = W - PAD
    right = right_edge - (40 if open_end else 0)

    def x(k: float) -> float:
        return left + (k - lo) / span * (right - left)

    # 1. the headline, and for an estimate where the real date can fall
    said, moment, _ = headline(t)
    y = L.headline * 1.2
    head: list[Line] = []
    for text in wrap(said, W - 2 * PAD, L.headline):
        head.append(Line(PAD, y, [(text, "headline")]))
        y += L.headline * 1.35
    if t.provisional:
        rng = t.completion_range
        if rng is None:
            last = [r for r in t.stages if r.range and r.end is not None and _key(r.end) == _key(moment or r.end)]
            rng = last[-1].range if last else None
        words = "推定：本系统尚未收录所涉年份的国务院节假日安排，按放假办法推定"
        if rng and rng[0] != rng[1]:
            words += f"；实际可能在 {_full(rng[0])} 至 {_full(rng[1])} 之间"
        for text in wrap(words, W - 2 * PAD, L.base):
            head.append(Line(PAD, y - 2, [(text, "estimate")]))
            y += lh
    y += 4

    # 2. the axis: month labels, holiday names, then the line; grid lines start below it
    tick_y = y + L.base
    ticks = _ticks(lo, hi, x, hours, right - left)
    for tk in ticks:
        if tk.x + 3 + width_of(tk.label, L.base) > W - 2:
            tk.anchor = "end"
    names_y = tick_y + lh
    found = [] if hours else holidays(cal, lo, hi)
    bands = []
    for name, first, last, estimated in found:
        x1 = max(x(float(first.toordinal())), left)
        x2 = min(x(float(last.toordinal() + 1)), right)
        bands.append(Band(x1, max(x2, x1 + 1.5), name, first, last, estimated))
    taken: list[tuple[float, float]] = [(tk.x, tk.x + 3 + width_of(tk.label, L.base * 0.92)) for tk in ticks]
    named = []
    for b in bands:
        w = width_of(b.name, L.base)
        cx = min(max((b.x1 + b.x2) / 2, left + w / 2), right_edge - w / 2)
        a, z = cx - w / 2 - 3, cx + w / 2 + 3
        if all(z <= p or a >= q for p, q in named):
            named.append((a, z))
            b.label = Line(cx, names_y, [(b.name, "hname")], "middle")
    axis_y = (names_y + 6) if any(b.label for b in bands) else tick_y + 8
    del taken

    # 3. the rows
    authorities: dict[str, str] = {}
    rows: list[Row] = []
    strips: list[tuple[float, float]] = []
    y = axis_y + 10
    text_room = (L.label_w if L.label_w else W - 2 * PAD)
    for i, r in enumerate(t.stages):
        s = r.stage
        colour = authorities.setdefault(s.authority, f"c{len(authorities) % 6}")
        period = describe(s)
        if r.variant:
            period += f"（{r.variant.title}）"
        if r.extension:
            period += f"，延长{r.extension.period.amount}"
        head_words = f"{i + 1}. {s.short}"
        title = cut(head_words, text_room, L.title)
        sub = f"{s.authority} · {period}" + (f" · {s.when}" if s.when else "")
        start_text = _text(r.start, hours) if r.start is not None else "起算日待定"
        if s.kind == PREREQUISITE:
            due_text, start_text = "申请时须已具备", ""
        elif s.kind == ON_THE_SPOT:
            due_text, start_text = f"当场办理 {start_text}", ""
        elif r.decided is not None:
            due_text = f"实际 {_text(r.decided, hours)}"
        elif r.due is not None:
            due_text = ("最迟 " if s.kind not in (TERM, ELIGIBLE) else "至 ") + _text(r.due, hours)
            if r.start is not None and _key(r.due) < _key(r.start):  # a period counted backwards
                start_text, due_text = f"基准 {start_text}", due_text
        elif r.start is None:
            due_text = ""
        else:
            due_text = "无法定期限"
        if r.provisional:
            due_text += "（推定）"
        lines_words: list[list[tuple[str, str]]] = [[(title, "title")]]
        lines_words += [[(w, "sub")] for w in wrap(sub, text_room, L.base)[:2]]
        dates = [(f"{start_text} 起 " if r.start is not None else f"{start_text} ", "date")] if start_text else []
        dates.append((due_text, "duet"))
        if width_of("".join(p for p, _ in dates), L.base) <= text_room:
            lines_words.append(dates)
        else:
            lines_words += [[d] for d in dates]
        if r.range and r.range[0] != r.range[1]:
            lines_words.append([(f"可能在 {_text(r.range[0], hours)} 至 {_text(r.range[1], hours)}", "sub")])
        block = len(lines_words) * lh
        top = y
        if L.label_w:  # lane beside the text, centred on it
            lane = top + max(block, LANE) / 2 - LANE / 2
            bottom = top + max(block, LANE)
        else:  # lane under the text
            lane = top + block + 6
            bottom = lane + LANE
        lines = []
        ly = top + L.title
        for k, words in enumerate(lines_words):
            tip = s.title if k == 0 and (title != head_words or s.short != s.title) else ""
            lines.append(Line(PAD, ly, words, tip=tip))
            ly += lh
        if s.kind == PREREQUISITE:
            at = x(_key(r.due if r.due is not None else t.start))
            shape, x1, x2 = "diamond", at, at
        elif r.start is None:
            shape, x1, x2 = "unknown", left, right_edge
        elif s.kind == ON_THE_SPOT:
            shape, x1, x2 = "dot", x(_key(r.start)), x(_key(r.start))
        elif s.kind == NONE or r.end is None:
            shape, x1, x2 = "open", x(_key(r.start)), right_edge
        else:
            a, b = sorted((_key(r.start), _key(r.end) + (0 if hours else 1)))
            shape, x1, x2 = "bar", x(a), max(x(b), x(a) + 3)
        rx = None
        if r.range and r.range[0] != r.range[1]:
            rx = (x(_key(r.range[0]) + (0 if hours else 1)), x(_key(r.range[1]) + (0 if hours else 1)))
        rows.append(Row(i + 1, lines, lane, colour, shape, x1, x2, r.provisional, rx, s.id))
        strips.append((lane - (4 if L.label_w else 2), lane + LANE + (4 if L.label_w else 2)))
        y = bottom + (14 if L.label_w else 12)
    if L.label_w and strips:  # wide: one strip from the axis down, nothing else is in the plot
        strips = [(axis_y, strips[-1][1])]
    else:
        strips.insert(0, (axis_y, axis_y + 6))

    # 4. the legend: only what the picture shows
    items = []
    if bands:
        estimated = any(b.estimated for b in bands)
        items.append(("holiday", "节假日（推定）" if estimated and all(b.estimated for b in bands)
                      else "节假日" + ("（部分为推定）" if estimated else "")))
    if any(r.provisional for r in rows):
        items.append(("hatch", "推定（放假安排尚未收录）"))
    if any(r.range for r in rows):
        items.append(("range", "实际可能的范围"))
    legend = []
    lx, ly = PAD, y + L.base
    for kind, words in items:
        w = 26 + width_of(words, L.base) + 18
        if lx + w > W - PAD and lx > PAD:
            lx, ly = PAD, ly + lh + 4
        legend.append(Legend(kind, lx, ly, words))
        lx += w
    height = (ly + 10) if legend else y

    summary = "；".join(
        " ".join("".join(p for p, _ in line.parts) for line in row.lines) for row in rows)
    summary = f"{said}。{summary}"
    if bands:
        summary += "。其间的节假日：" + "，".join(
            f"{b.name} {b.first.isoformat()} 至 {b.last.isoformat()}" for b in bands)
    return Picture(L.name, W, int(height), head, said, _full(moment) if moment is not None else "",
                   ticks, tick_y, axis_y, strips, (left, right_edge), bands, rows, legend, summary)


def pictures(t: Timeline, cal=None) -> list[Picture]:
    return [picture(t, cal, layout) for layout in LAYOUTS]
