"""Shapes many answers share: how far an answer relied on the holiday calendar, and the range a
presumed date may fall in once the year's notice is out."""
from typing import Annotated, NotRequired, TypedDict

from .doc import Day, Doc


class CalendarDependent(TypedDict):
    """Every answer that depends on the holiday calendar says how far it relied on it."""

    provisional: bool
    calendar_years: list[int]


class RangeOut(TypedDict):
    earliest: Annotated[Day, Doc("当年通知发布后，实际日期最早可能为此日")]
    latest: Annotated[Day, Doc("当年通知发布后，实际日期最迟可能为此日")]


class MomentRangeOut(TypedDict):
    """A timeline's dates are days, or moments where the law counts hours."""

    earliest: Annotated[str, Doc("当年通知发布后，实际日期最早可能为此日（YYYY-MM-DD）")]
    latest: Annotated[str, Doc("当年通知发布后，实际日期最迟可能为此日（YYYY-MM-DD）")]


PRESUMED = Doc("仅推定日期：国务院当年通知发布后实际日期可能落入的区间")  # the `range` of a presumed date


class Ranged(TypedDict):
    """An answer's `range` where its date is presumed; nothing where it is not."""

    range: NotRequired[RangeOut]


def ranged(span) -> Ranged:
    return {"range": {"earliest": span[0].isoformat(), "latest": span[1].isoformat()}} if span else {}
