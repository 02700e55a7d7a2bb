"""In force from a date until a date: the one notion of validity every dated rule shares
(a penalty text's version, a procedural rule, a general rule, a procedure's version).

Both ends are included (a law 自…起施行 is in force on that day; a version's `until` is the
day before the next one's `first`). An open end is None.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Effective:
    first: dt.date | None
    until: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return (self.first is None or self.first <= day) and (self.until is None or day <= self.until)
