"""The JSON of the working-day calendar: GET /v1/calendar/{date} (and `calc day --json`), the working
days between two dates, and a year's holiday arrangement (GET /v1/calendar/{year}.json)."""
import datetime as dt
from typing import Annotated, Literal, TypedDict

from ..ics import Arrangement
from ..workcal import DayKind
from .doc import Day, Doc


class DayOut(TypedDict):
    date: Day
    workday: bool
    kind: DayKind
    name: str | None
    notice: str | None
    provisional: bool


class WorkdaysOut(TypedDict):
    start: Day
    end: Day
    workdays: int
    provisional: bool
    calendar_years: list[int]


class NoticeOut(TypedDict):
    title: str
    number: Annotated[str | None, Doc("文号，如 国办发明电〔2025〕7号")]
    date: Annotated[Day | None, Doc("发布日期")]
    url: str | None


class YearDayOut(TypedDict):
    date: Day
    kind: Literal["holiday", "makeup_workday"]
    name: str


class YearOut(TypedDict):
    year: int
    notices: list[NoticeOut]
    days: Annotated[list[YearDayOut], Doc("当年通知所定的每个放假日与调休上班日（可含上年末几日）")]


def day_json(cal, date: dt.date) -> DayOut:
    """Whether `date` is a working day and why; CalendarGap when its year's notice is not held."""
    info = cal.day(date)
    return {"date": date.isoformat(), "workday": info.workday, "kind": info.kind, "name": info.name,
            "notice": info.notice.cite if info.notice else None,
            "provisional": date.year in cal.provisional_years}


def workdays_json(cal, start: dt.date, end: dt.date) -> WorkdaysOut:
    """The working days from `start` to `end`, both counted."""
    years = cal.years(start, end)
    return {"start": start.isoformat(), "end": end.isoformat(), "workdays": cal.count_workdays(start, end),
            "provisional": any(y in cal.provisional_years for y in years), "calendar_years": list(years)}


def year_json(a: Arrangement) -> YearOut:
    return {"year": a.year,
            "notices": [{"title": n.title, "number": n.number, "date": n.date.isoformat() if n.date else None,
                         "url": n.url} for n in a.notices],
            "days": [{"date": d.isoformat(), "kind": k, "name": n} for d, k, n in a.days()]}
