"""工作日历: one month of the working-day calendar, with the notices that set its breaks."""
from __future__ import annotations

import datetime as dt

from flask import render_template, request

from ..app_state import current, today
from ..people_dates import read_month
from . import months
from .blueprint import bp
from .forms import Form


@bp.get("/calendar")
def calendar():
    form = Form(request.args, submitted="month" in request.args)
    provisional = form.flag("provisional")
    now = today()
    year, month = now.year, now.month
    text = form.raw("month")
    if text:
        try:
            year, month = read_month(text)
        except ValueError as exc:
            form.fail("month", f"月份{exc}")
    book = current().calendar
    cal = book.get(provisional)
    grid = months.month(cal, year, month, {now: [("today", "今天")]})
    first = dt.date(year, month, 1)
    last = dt.date(*months.shift(year, month, 1), 1) - dt.timedelta(days=1)
    breaks = makeups = []
    if not grid.unknown:
        breaks = cal.breaks_within(first, last)
        makeups = cal.makeups_within(first, last)
    prev, nxt = months.shift(year, month, -1), months.shift(year, month, 1)
    return render_template("calendar.html", form=form, grid=grid, breaks=breaks, makeups=makeups,
                           provisional=provisional, prev="%04d-%02d" % prev, next="%04d-%02d" % nxt,
                           coverage=(book.first_year, book.last_year),
                           until=book.provisional_rule.until_year,
                           weekday=months.WEEKDAYS), 200 if form.ok else 422
