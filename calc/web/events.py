"""宣传活动日历: a year's publicity days and open days, and the iCalendar feed to subscribe to.

Calls `Events.between` as GET /v1/events does."""
from __future__ import annotations

import datetime as dt

from flask import render_template, request, url_for

from ..app_state import current, today
from ..errors import DomainError
from ..events import Events
from ..labels import DAY_KINDS
from . import months
from .blueprint import bp
from .forms import Form, explain


@bp.get("/events")
def events():
    """A given year, or (by default) the coming twelve months from today: someone opening the page in
    December wants next month's events, not a year that is nearly over."""
    ev: Events = current().events
    form = Form(request.args, submitted="year" in request.args)
    now = today()
    year = now.year
    if form.raw("year"):
        year = form.integer("year", "年份", 1900, 2200, example=year) or year
    coming = not form.raw("year")
    if coming:
        first = now
        last = dt.date(*months.shift(now.year, now.month, 12), 1) - dt.timedelta(days=1)
        shown = [months.shift(now.year, now.month, i) for i in range(12)]
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        shown = [(year, m) for m in range(1, 13)]
    occurrences, grids = [], []
    if form.ok:
        try:
            occurrences = ev.between(first, last)
        except DomainError as exc:
            explain(form, exc, {}, "year")
    cal = current().calendar.get(False)
    rows = []
    for o in occurrences:
        kind, name = months.kind_of(cal, o.date)
        rows.append({"o": o, "kind": kind, "holiday": name,
                     "ics": url_for("events.EventOwnFeed", event_id=o.event.id,
                                    start=first.isoformat(), end=last.isoformat())})
    marks: dict[dt.date, list[tuple[str, str]]] = {now: [("today", "今天")]}
    for o in occurrences:
        marks.setdefault(o.date, []).append(("event", o.event.title))
    grids = [months.month(cal, y, m, marks) for y, m in shown]
    feed = url_for("events.EventFeed")
    return render_template("events.html", form=form, year=year, coming=coming, first=first, last=last,
                           rows=rows, grids=grids,
                           services=list(ev.services.values()), feed=feed,
                           feed_year=url_for("events.EventFeed", start=first.isoformat(), end=last.isoformat()),
                           holidays_feed=(url_for("calendar.CalendarYearFeed", year=year)
                                          if year in current().calendar.notices else None),
                           kinds=DAY_KINDS, weekday=months.WEEKDAYS), 200 if form.ok else 422
