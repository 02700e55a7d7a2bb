"""民法典 第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日."""
from __future__ import annotations

import datetime as dt
from calendar import isleap

from ..errors import InvalidInput
from .model import FIRST_DAY, LAST_DAY

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def shift_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day `months` later (or earlier); the month's last day where it has none."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise InvalidInput("计算结果超出 1900-01-01 至 2200-12-31 的范围", field="amount")
    last = 29 if month0 == 1 and isleap(year) else _MONTH_DAYS[month0]
    return dt.date(year, month0 + 1, day.day if day.day <= last else last)
