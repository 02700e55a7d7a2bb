"""GET /v1/calendar/{date}, GET /v1/calendar/workdays: the working-day calendar as it stands."""
from __future__ import annotations

import datetime as dt

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validates_schema

from ..periods import FIRST_DAY, LAST_DAY
from .fields import Day, ErrorOut, Strict
from .state import current

blp = Blueprint("calendar", __name__, url_prefix="/v1/calendar", description="工作日历")


class DayOut(Schema):
    date = fields.Date()
    workday = fields.Boolean()
    kind = fields.String(metadata={"enum": ["workday", "weekend", "holiday", "makeup_workday"]})
    name = fields.String(allow_none=True)
    notice = fields.String(allow_none=True)
    provisional = fields.Boolean()


class DayQuery(Strict):
    provisional = fields.Boolean(load_default=False)


class RangeQuery(Strict):
    start = Day(required=True)
    end = Day(required=True)
    provisional = fields.Boolean(load_default=False)

    @validates_schema
    def ordered(self, data, **kwargs):
        if data["end"] < data["start"]:
            raise ValidationError("结束日不能早于开始日。", "end")


class WorkdaysOut(Schema):
    start = fields.Date()
    end = fields.Date()
    workdays = fields.Integer()
    provisional = fields.Boolean()
    calendar_years = fields.List(fields.Integer())


@blp.route("/workdays")
class Workdays(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, WorkdaysOut)
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Working days between two dates, both ends included."""
        cal = current().calendar.get(args["provisional"])
        start, end = args["start"], args["end"]
        years = cal.years(start, end)
        return {"start": start, "end": end, "workdays": cal.count_workdays(start, end),
                "provisional": any(y in cal.provisional_years for y in years),
                "calendar_years": years}


@blp.route("/<date>")
class CalendarDay(MethodView):
    @blp.arguments(DayQuery(), location="query")
    @blp.response(200, DayOut)
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args, date):
        """Whether a day is a working day, and why (weekend, a named break, a make-up day)."""
        text = date
        try:
            date = dt.date.fromisoformat(text)
            if len(text) != 10 or not FIRST_DAY <= date <= LAST_DAY:
                raise ValueError
        except ValueError:
            abort(422, errors={"path": {"date": ["日期格式应为 YYYY-MM-DD，且在 1900-01-01 至 2200-12-31 之间。"]}})
        cal = current().calendar.get(args["provisional"])
        info = cal.day(date)
        return {"date": date, "workday": info.workday, "kind": info.kind, "name": info.name,
                "notice": info.notice.cite if info.notice else None,
                "provisional": date.year in cal.provisional_years}
