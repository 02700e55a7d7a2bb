"""The shapes of the timeline picture (positions and words; the template draws them) and its two
layouts, one for a phone and one for a desktop."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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

