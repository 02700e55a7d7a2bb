"""The JSON of one day of the working-day calendar: GET /v1/calendar/{date} and `calc day --json`."""
from __future__ import annotations

import datetime as dt


def day_json(cal, date: dt.date) -> dict:
    """Whether `date` is a working day and why; CalendarGap when its year's notice is not held."""
    info = cal.day(date)
    return {"date": date.isoformat(), "workday": info.workday, "kind": info.kind, "name": info.name,
            "notice": info.notice.cite if info.notice else None,
            "provisional": date.year in cal.provisional_years}
