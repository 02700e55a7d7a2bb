"""In force from a date until a date: the one notion of validity every dated rule shares
(a penalty text's version, a procedural rule, a general rule, a procedure's version).

Both ends are included (a law 自…起施行 is in force on that day; a version's `until` is the
day before the next one's `first`). An open end is None.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence, TypeVar


@dataclass(frozen=True)
class Effective:
    first: dt.date | None
    until: dt.date | None

    def in_force(self, day: dt.date) -> bool:
        return (self.first is None or self.first <= day) and (self.until is None or day <= self.until)


E = TypeVar("E", bound=Effective)


def overlapping(rules: Sequence[E]) -> tuple[E, E] | None:
    """The first two of `rules`, in date order, in force on a same day; None where they follow each
    other (each ends before the next begins). One check for every dated kind of rule: a penalty
    text's versions, a procedure's, a general rule's, a procedural fact's, a traffic act's."""
    ordered = sorted(rules, key=lambda r: r.first or dt.date.min)
    for a, b in zip(ordered, ordered[1:]):
        if a.until is None or a.until >= b.first:
            return a, b
    return None
