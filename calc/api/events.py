"""GET /v1/events, /v1/events.ics, /v1/events/{id}, /v1/events/{id}.ics: publicity days (责任清单 三)."""
from __future__ import annotations

import datetime as dt

from flask import Response, jsonify
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import ValidationError, validates_schema

from .. import etags
from ..answers.clock import today
from ..answers.events import EventOut, EventsOut, event_json, events_json
from ..events import MAX_YEARS
from .fields import ENDS_BEFORE_START, Day, ErrorOut, Strict
from .shapes import schema
from .state import current

blp = Blueprint("events", __name__, url_prefix="/v1", description="宣传日与开放日（责任清单 三）")

ICS_TYPE = "text/calendar; charset=utf-8"


class RangeQuery(Strict):
    start = Day(load_default=None, metadata={"description": "默认：今年 1 月 1 日"})
    end = Day(load_default=None, metadata={"description": f"默认：明年 12 月 31 日；范围不超过 {MAX_YEARS} 年"})

    @validates_schema
    def ordered(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(ENDS_BEFORE_START, "end")






def _range(args) -> tuple[dt.date, dt.date]:
    year = today().year
    start = args.get("start") or dt.date(year, 1, 1)
    end = args.get("end") or dt.date(max(year + 1, start.year), 12, 31)
    return start, end


def _etag(*parts) -> str:
    return etags.tag(current().digest, *parts)


_not_modified = etags.not_modified


def _ics(start, end, ids, filename) -> Response:
    tag = _etag("ics", start, end, *ids)
    cached = _not_modified(tag)
    if cached:
        return cached
    body = current().events.ics(start, end, ids)
    r = Response(body, status=200, content_type=ICS_TYPE)
    r.headers["ETag"] = tag
    r.headers["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return r


@blp.route("/events")
class EventList(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, schema(EventsOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Every publicity day and open day in a date range, sorted by date."""
        start, end = _range(args)
        tag = _etag("json", start, end)
        cached = _not_modified(tag)
        if cached:
            return cached
        r = jsonify(events_json(current().events, start, end))
        r.headers["ETag"] = tag
        return r


@blp.route("/events.ics")
class EventFeed(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, description="iCalendar (RFC 5545)", content_type="text/calendar")
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """All events as an iCalendar feed to subscribe to (全天事件，UID 稳定)."""
        start, end = _range(args)
        return _ics(start, end, [], "events")


@blp.route("/events/<event_id>")
class EventDetail(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, schema(EventOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args, event_id):
        """One event: its rule, unit, content, contact, basis, and its dates in the range."""
        ev = current().events
        e = ev.get(event_id)
        start, end = _range(args)
        tag = _etag("one", event_id, start, end)
        cached = _not_modified(tag)
        if cached:
            return cached
        r = jsonify(event_json(ev, e, start, end))
        r.headers["ETag"] = tag
        return r


@blp.route("/events/<event_id>.ics")
class EventOwnFeed(MethodView):
    @blp.arguments(RangeQuery(), location="query")
    @blp.response(200, description="iCalendar (RFC 5545)", content_type="text/calendar")
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(404, schema=ErrorOut)
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args, event_id):
        """One event's own iCalendar feed."""
        current().events.get(event_id)
        start, end = _range(args)
        return _ics(start, end, [event_id], event_id)
