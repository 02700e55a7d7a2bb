"""Periods beyond one count of days: hours on the clock, and an extension granted in instalments."""
from __future__ import annotations

import datetime as dt

from ..errors import InvalidInput
from .model import FIRST_DAY, LAST_DAY


def hours_after(start: dt.datetime, n: int) -> dt.datetime:
    """The moment n hours after `start` (程序规定 第三十五条 "期间以时、日、月、年计算，期间开始之时或者日
    不计算在内"): counted from the moment given, it ends on the clock; whether a rest day could
    move it is the stage's to say (a liberty period never moves: texts.hours)."""
    end = start + dt.timedelta(hours=n)
    if not FIRST_DAY <= end.date() <= LAST_DAY:  # refused as a day count beyond the range is
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    return end


def instalments(total: int, each: int) -> list[int]:
    """An extension of `total` granted `each` at a time (每次不超过…, 延长以二次为限): the
    lengths, in order, the last one shorter where `total` is not a multiple."""
    return [each] * (total // each) + ([total % each] if total % each else [])
