"""Dates as people type them, for the web pages and the command line (never for the API).

An applicant copies a date from a letter (2026年12月20日), a spreadsheet (2026/12/20, 20261220) or a
Chinese input method that types full-width digits (２０２６－１２－２０); an officer types ISO. All of
these mean one day, so the pages and `calc` read them with this one reader and answer a mistake with one
Chinese sentence (ValueError's message). The HTTP API stays strict ISO 8601 (calc/api/fields.py): a
program that sends 2026/12/20 has a bug worth reporting.

Pure: no Flask, no schedules; the accepted range is the API's (periods.FIRST_DAY..LAST_DAY).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from .periods import FIRST_DAY, LAST_DAY

EXAMPLE = "2026-09-21"
FORMS = "也可写 2026/9/21、20260921 或 2026年9月21日"

# NFKC folds full-width digits and punctuation (２０２６－１２－２０, ：, ／, ．, the ideographic
# space) to ASCII; these dashes and dots are left alone by NFKC but typed for "-" all the same.
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹣"} | {"。": ".", "・": ".", "·": "."})
_SEP = r"\s*[-/.年]\s*"
_DATE = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP.replace('年', '月')}(\d{{1,2}})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}})\s*月?|(\d{{4}})(\d{{2}})")
_CLOCK = re.compile(r"(.+?)(?:\s*T\s*|\s+|(?<=[日号]))(\d{1,2}):(\d{2})(?::(\d{2}))?")


class Unreadable(ValueError):
    """Not a date in any form this reader knows (as opposed to a date that does not exist)."""


def normalise(text: str | None) -> str:
    """Full-width and look-alike characters as ASCII, surrounding space removed."""
    return unicodedata.normalize("NFKC", text or "").translate(_DASHES).strip()


def read_date(text: str | None) -> dt.date:
    """2026-09-21, 2026/9/21, 2026.9.21, 20260921, 2026年9月21日 (and full-width) as a date.

    ValueError carries the reason as a Chinese sentence a page puts after the field's label."""
    plain = normalise(text)
    m = _DATE.fullmatch(plain) or _COMPACT.fullmatch(plain)
    if not m:
        raise Unreadable(f"格式应为 年-月-日，例如 {EXAMPLE}（{FORMS}）。")
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"没有{month}月：月份应在 1 至 12 之间。")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"{year}年{month}月没有{day}日（该月只有{last}天），请检查日期。")
    value = dt.date(year, month, day)
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"应在 {FIRST_DAY} 至 {LAST_DAY} 之间。")
    return value


def read_moment(text: str | None, hours: bool = False) -> dt.date | dt.datetime:
    """A date; where a procedure counts in hours, a date and a time (2026-02-16 20:30, Beijing time).

    Without `hours` a time may still be given (the command line's YYYY-MM-DDTHH:MM), with it one must be."""
    plain = normalise(text)
    m = _CLOCK.fullmatch(plain)
    if m is None:
        if hours:
            raise ValueError("应填日期和时间，例如 2026-02-16 20:30（北京时间）。")
        return read_date(plain)
    day = read_date(m.group(1))
    hour, minute, second = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"时间 {hour}:{minute:02d} 不存在，应在 00:00 至 23:59 之间。")
    return dt.datetime(day.year, day.month, day.day, hour, minute, second)


def read_month(text: str | None) -> tuple[int, int]:
    """A month: 2026-12, 2026/12, 202612, 2026年12月 (or any full date in it) as (year, month)."""
    plain = normalise(text)
    m = _MONTH.fullmatch(plain)
    if m is None:
        try:
            day = read_date(plain)
        except Unreadable:
            raise Unreadable("格式应为 年-月，例如 2026-10（也可写 2026/10、202610 或 2026年10月）。") from None
        return day.year, day.month
    year, month = (int(g) for g in m.groups() if g is not None)
    if not 1 <= month <= 12:
        raise ValueError(f"没有{month}月：月份应在 1 至 12 之间。")
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise ValueError(f"应在 {FIRST_DAY.year} 至 {LAST_DAY.year} 年之间。")
    return year, month
