"""GET /v1/calendar/{date}, GET /v1/calendar/workdays: the working-day calendar as it stands."""
from __future__ import annotations

import datetime as dt

from flask import jsonify
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import ValidationError, fields, validates_schema

from .. import etags, ics
from ..answers.calendar import DayOut, WorkdaysOut, YearOut, day_json, workdays_json, year_json
from ..errors import CalendarGap
from ..periods import FIRST_DAY, LAST_DAY
from . import errors, ics as ics_http
from .fields import ENDS_BEFORE_START, NOT_A_DAY_OR_OUTSIDE, Day, ErrorOut, Strict
from .shapes import schema
from .state import current

blp = Blueprint("calendar", __name__, url_prefix="/v1/calendar", description="工作日历")



class DayQuery(Strict):
    provisional = fields.Boolean(load_default=False)


class RangeQuery(Strict):
    start = Day(required=True)
    end = Day(required=True)
    provisional = fields.Boolean(load_default=False)

    @validates_schema
    def ordered(self, data, **kwargs):
        if data["end"] < data["start"]:
            raise ValidationError(ENDS_BEFORE_START, "end")



@blp.route("/workdays")
class Workdays(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, schema(WorkdaysOut))
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Working days between two dates, both ends included."""
        return jsonify(workdays_json(current().calendar.get(args["provisional"]), args["start"], args["end"]))





class _YearMissing(Exception):
    pass


def _arrangement(year: int):
    """A year with no notice in the data is 404 `calendar_gap` here: there is nothing to export
    (deadlines, which can estimate, answer 422 with the same reason)."""
    try:
        return ics.arrangement(current().calendar, year)
    except CalendarGap as gap:
        raise _YearMissing(gap.year) from None


@blp.errorhandler(_YearMissing)
def _missing(exc: _YearMissing):
    year = exc.args[0]
    return errors.body(404, "Not Found", reason="calendar_gap", year=year,
                       message=current().calendar.texts["missing"].say(year=year))


@blp.route("/<int:year>.json")
class CalendarYear(MethodView):
    @blp.response(200, schema(YearOut))
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, year):
        """A year's holiday arrangement: the State Council's notices and every day they fix."""
        return _conditional(jsonify(year_json(_arrangement(year))), "json", year)


@blp.route("/<int:year>.ics")
class CalendarYearFeed(MethodView):
    @blp.doc(**ics_http.DOC)
    @blp.response(200)
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, year):
        """The same arrangement as iCalendar all-day events, to subscribe to (UID 稳定，每日刷新)."""
        a = _arrangement(year)
        body = ics.arrangement_ics(a, current().events.feed.prodid, ics_http.uid_domain(), current().calendar.texts)
        return _conditional(ics_http.respond(body, f"holidays-{year}"), "ics", year)


def _conditional(response, *parts):
    """Depends only on the schedules (and the UID domain): ETag from their digest, 304 on a match."""
    return etags.cached(response, etags.hashed(current().digest, ics_http.uid_domain(), *parts))


@blp.route("/<date>")
class CalendarDay(MethodView):
    @blp.arguments(DayQuery(), location="query")
    @blp.response(200, schema(DayOut))
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args, date):
        """Whether a day is a working day, and why (weekend, a named break, a make-up day)."""
        text = date
        try:
            date = dt.date.fromisoformat(text)
            if len(text) != 10 or not FIRST_DAY <= date <= LAST_DAY:
                raise ValueError
        except ValueError:
            abort(422, errors={"path": {"date": [NOT_A_DAY_OR_OUTSIDE]}})
        return jsonify(day_json(current().calendar.get(args["provisional"]), date))
