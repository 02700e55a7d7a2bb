"""Geometry of the timeline picture: a headline (the answer's first line, calc/timelines/headline.py),
one row per stage, a bar from its start to its due date on a time axis shared by all rows, the
holidays of the calendar the answer used shaded behind the bars, provisional stages hatched, and a
legend. Only positions and words are computed here; the template draws them.

A picture scaled to the content column cannot keep its text readable on both a phone (330 px) and
a desktop (1010 px): the same viewBox would give 12 px on one and 36 px on the other. So it is laid
out twice, `narrow` (labels above each bar) and `wide` (labels in a left column), and the style
sheet shows the one that fits. Text never sits in the plot: grid lines and holiday bands run only
where there are bars, so no line crosses a word.

- `model`: the shapes and layouts; `words`: text widths, wrapping, the headline;
- `axis`: the axis's span, labels and holidays; `rows`: a row per stage, the legend, the summary.
"""
from __future__ import annotations

from ...timelines import Timeline
from .axis import Frame, frame_of, holiday_bands, holidays, placed, ticks_of
from .model import LAYOUTS, NARROW, PAD, WIDE, Band, Layout, Legend, Line, Picture, Row, Tick
from .rows import legend_of, rows_of, summary_of
from .words import cut, full, headline, width_of, wrap

__all__ = ["pictures", "picture", "holidays", "LAYOUTS", "NARROW", "WIDE", "Band", "Layout", "Legend", "Line",
           "Picture", "Row", "Tick", "cut", "headline", "width_of", "wrap"]


def picture(t: Timeline, cal=None, layout: Layout = WIDE) -> Picture:
    """The picture of `t` in one layout, top to bottom: the headline, the axis with its labels and
    holidays, a row per stage, the legend; `cal` is the calendar the answer was counted on."""
    f = frame_of(t, layout)
    said, moment = headline(t)
    head, y = _headline_lines(t, f, said)
    tick_y = y + layout.base
    ticks = placed(ticks_of(f.lo, f.hi, f.x, f.hours, f.right - f.left), layout)
    bands = holiday_bands(f, cal, tick_y + f.line)
    axis_y = (tick_y + f.line + 6) if any(b.label for b in bands) else tick_y + 8
    rows, strips, y = rows_of(t, f, axis_y)
    legend, height = legend_of(f, bands, rows, y)
    return Picture(layout.name, layout.width, int(height), head, said, full(moment) if moment is not None else "",
                   ticks, tick_y, axis_y, strips, (f.left, f.right_edge), bands, rows, legend,
                   summary_of(said, rows, bands))


def _headline_lines(t: Timeline, f: Frame, said: str) -> tuple[list[Line], float]:
    """The headline, and for an estimate the rest of its sentence (where the real date can fall),
    in smaller type; the y below them."""
    L, room = f.layout, f.layout.width - 2 * PAD
    y = L.headline * 1.2
    head: list[Line] = []
    for text in wrap(said, room, L.headline):
        head.append(Line(PAD, y, [(text, "headline")]))
        y += L.headline * 1.35
    estimate = t.headline.estimate if t.headline else ""
    for text in (wrap(estimate, room, L.base) if estimate else []):
        head.append(Line(PAD, y - 2, [(text, "estimate")]))
        y += f.line
    return head, y + 4


def pictures(t: Timeline, cal=None) -> list[Picture]:
    return [picture(t, cal, layout) for layout in LAYOUTS]
