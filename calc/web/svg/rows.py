"""The rows of the timeline picture, one per stage (its words, then its lane), the legend of what
the picture shows, and the picture told in words."""
from __future__ import annotations

from ...timelines import NONE, ON_THE_SPOT, PREREQUISITE, TERM, ELIGIBLE, Timeline, describe
from .axis import Frame
from .model import LANE, PAD, Band, Legend, Line, Row
from .words import cut, key, text_of, width_of, wrap


def rows_of(t: Timeline, f: Frame, axis_y: float) -> tuple[list[Row], list[tuple[float, float]], float]:
    """One row per stage (its words, then its lane), the strips the grid is drawn in, the y below."""
    L = f.layout
    authorities: dict[str, str] = {}
    rows: list[Row] = []
    strips: list[tuple[float, float]] = []
    y = axis_y + 10
    for i, r in enumerate(t.stages):
        colour = authorities.setdefault(r.stage.authority, f"c{len(authorities) % 6}")
        row, bottom = _row(i + 1, r, t, f, y, colour)
        rows.append(row)
        strips.append((row.lane - (4 if L.label_w else 2), row.lane + LANE + (4 if L.label_w else 2)))
        y = bottom + (14 if L.label_w else 12)
    if L.label_w and strips:  # wide: one strip from the axis down, nothing else is in the plot
        strips = [(axis_y, strips[-1][1])]
    else:
        strips.insert(0, (axis_y, axis_y + 6))
    return rows, strips, y


def _row(number: int, r, t: Timeline, f: Frame, top: float, colour: str) -> tuple[Row, float]:
    L, s = f.layout, r.stage
    room = L.label_w if L.label_w else L.width - 2 * PAD
    head_words = f"{number}. {s.short}"
    title = cut(head_words, room, L.title)
    lines_words = [[(title, "title")], *([(w, "sub")] for w in wrap(_sub(r), room, L.base)[:2]),
                   *_date_lines(r, f, room)]
    block = len(lines_words) * f.line
    if L.label_w:  # lane beside the text, centred on it
        lane, bottom = top + max(block, LANE) / 2 - LANE / 2, top + max(block, LANE)
    else:  # lane under the text
        lane = top + block + 6
        bottom = lane + LANE
    lines = []
    ly = top + L.title
    for k, words in enumerate(lines_words):
        tip = s.title if k == 0 and (title != head_words or s.short != s.title) else ""  # the full title
        lines.append(Line(PAD, ly, words, tip=tip))
        ly += f.line
    shape, x1, x2 = _shape(r, t, f)
    rx = None
    if r.range and r.range[0] != r.range[1]:
        rx = (f.x(key(r.range[0]) + (0 if f.hours else 1)), f.x(key(r.range[1]) + (0 if f.hours else 1)))
    return Row(number, lines, lane, colour, shape, x1, x2, r.provisional, rx, s.id), bottom


def _sub(r) -> str:
    """Who, how long (the variant and extension counted), and when the stage happens at all."""
    s = r.stage
    period = describe(s)
    if r.variant:
        period += f"（{r.variant.title}）"
    if r.extension:
        period += f"，延长{r.extension.period.amount}"
    return f"{s.authority} · {period}" + (f" · {s.when}" if s.when else "")


def _date_lines(r, f: Frame, room: float) -> list[list[tuple[str, str]]]:
    """The stage's dates: one line where they fit, else the start and the end each on its own;
    then where a provisional end can fall."""
    start_text, due_text = _date_words(r, f.hours)
    dates = [(f"{start_text} 起 " if r.start is not None else f"{start_text} ", "date")] if start_text else []
    dates.append((due_text, "duet"))
    out = [dates] if width_of("".join(p for p, _ in dates), f.layout.base) <= room else [[d] for d in dates]
    if r.range and r.range[0] != r.range[1]:
        out.append([(f"可能在 {text_of(r.range[0], f.hours)} 至 {text_of(r.range[1], f.hours)}", "sub")])
    return out


def _date_words(r, hours: bool) -> tuple[str, str]:
    s = r.stage
    start_text = text_of(r.start, hours) if r.start is not None else "起算日待定"
    if s.kind == PREREQUISITE:
        due_text, start_text = "申请时须已具备", ""
    elif s.kind == ON_THE_SPOT:
        due_text, start_text = f"当场办理 {start_text}", ""
    elif r.decided is not None:
        due_text = f"实际 {text_of(r.decided, hours)}"
    elif r.due is not None:
        due_text = _by(r) + text_of(r.due, hours)
        if r.start is not None and key(r.due) < key(r.start):  # a period counted backwards
            start_text = f"基准 {start_text}"
    elif r.start is None:
        due_text = ""
    else:
        due_text = "无法定期限"
    if r.provisional:
        due_text += "（推定）"
    return start_text, due_text


def _by(r) -> str:
    """至 for a term's end; 最迟 for a deadline, but 预计 for an estimated one that a notice could
    still make later (its range runs past it), as the headline says (calc/timelines/headline.py)."""
    if r.stage.kind in (TERM, ELIGIBLE):
        return "至 "
    if r.provisional and r.range and key(r.due) < key(r.range[1]):
        return "预计 "
    return "最迟 "


def _shape(r, t: Timeline, f: Frame) -> tuple[str, float, float]:
    """How a stage's lane is drawn: a diamond (a prerequisite), a dot (on the spot), a bar from its
    start to its end, an open bar (no end), or an unknown one (no start)."""
    s = r.stage
    if s.kind == PREREQUISITE:
        at = f.x(key(r.due if r.due is not None else t.start))
        return "diamond", at, at
    if r.start is None:
        return "unknown", f.left, f.right_edge
    if s.kind == ON_THE_SPOT:
        return "dot", f.x(key(r.start)), f.x(key(r.start))
    if s.kind == NONE or r.end is None:
        return "open", f.x(key(r.start)), f.right_edge
    a, b = sorted((key(r.start), key(r.end) + (0 if f.hours else 1)))
    return "bar", f.x(a), max(f.x(b), f.x(a) + 3)


def legend_of(f: Frame, bands: list[Band], rows: list[Row], y: float) -> tuple[list[Legend], float]:
    """Only what the picture shows, wrapped to the width; and the picture's height."""
    L = f.layout
    legend = []
    lx, ly = PAD, y + L.base
    for kind, words in _legend_items(bands, rows):
        w = 26 + width_of(words, L.base) + 18
        if lx + w > L.width - PAD and lx > PAD:
            lx, ly = PAD, ly + f.line + 4
        legend.append(Legend(kind, lx, ly, words))
        lx += w
    return legend, (ly + 10) if legend else y


def _legend_items(bands: list[Band], rows: list[Row]) -> list[tuple[str, str]]:
    items = []
    if bands:
        estimated = any(b.estimated for b in bands)
        items.append(("holiday", "节假日（推定）" if estimated and all(b.estimated for b in bands)
                      else "节假日" + ("（部分为推定）" if estimated else "")))
    if any(r.provisional for r in rows):
        items.append(("hatch", "推定（放假安排尚未收录）"))
    if any(r.range for r in rows):
        items.append(("range", "实际可能的范围"))
    return items


def summary_of(said: str, rows: list[Row], bands: list[Band]) -> str:
    """The picture in words, for a screen reader (its <desc>)."""
    summary = "；".join(" ".join("".join(p for p, _ in line.parts) for line in row.lines) for row in rows)
    summary = f"{said}。{summary}"
    if bands:
        summary += "。其间的节假日：" + "，".join(
            f"{b.name} {b.first.isoformat()} 至 {b.last.isoformat()}" for b in bands)
    return summary


