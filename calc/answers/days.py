"""A day as the answers write it (YYYY-MM-DD), each day's text made once.

`date.isoformat()` costs about 0.3 µs here, and a 10,000-item batch writes some 50,000 dates
(python -m bench --only batch); a day's text never changes, so each is kept the first time it is
written: at most one per day of the range the service counts in (periods.FIRST_DAY..LAST_DAY,
about 110,000 days, a list of under 1 MB plus the texts written), any other day written afresh.
"""
from __future__ import annotations

import datetime as dt

from ..periods import FIRST_DAY, LAST_DAY

_FIRST = FIRST_DAY.toordinal()
_SIZE = LAST_DAY.toordinal() - _FIRST + 1
_TEXTS: list[str | None] = [None] * _SIZE


def iso(day: dt.date) -> str:
    i = day.toordinal() - _FIRST
    if 0 <= i < _SIZE:
        text = _TEXTS[i]
        if text is None:
            text = _TEXTS[i] = day.isoformat()
        return text
    return day.isoformat()
