"""The words of the timeline picture: how wide a text is drawn, where it wraps or is cut, how a
moment is written, and the headline (the answer's first line, calc/timelines/headline.py)."""
from __future__ import annotations

import datetime as dt
import re

from ...timelines import Timeline


def key(moment) -> float:
    if isinstance(moment, dt.datetime):
        return moment.toordinal() + (moment.hour * 60 + moment.minute) / 1440
    return float(moment.toordinal())


def text_of(moment, hours: bool) -> str:
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        return moment.strftime("%m-%d %H:%M") if hours else moment.date().isoformat()
    return moment.isoformat()


def full(moment) -> str:
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


def headline(t: Timeline) -> tuple[str, object]:
    """(the answer's first line, its date): the domain's headline (calc/timelines/headline.py), the
    stage people ask about or the completion, as the page and the CLI lead with it."""
    h = t.headline
    return h.main, h.due
