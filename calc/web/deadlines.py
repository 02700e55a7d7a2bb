"""期限计算: one period (start, amount, unit, pauses, extension) -> the due date and its steps.

Calls `calc.periods.due` exactly as POST /v1/deadlines does."""
from __future__ import annotations

from flask import render_template, request

from .. import periods
from ..app_state import current
from ..errors import DomainError
from ..labels import DIRECTIONS, UNITS
from . import months
from .blueprint import bp
from .forms import Form, explain

PAUSE_ROWS = 1  # empty rows offered below the filled ones


def read_pauses(form: Form) -> tuple[list[dict], list[periods.DateRange]]:
    """The pause rows as typed (for redisplay) and those complete enough to count."""
    starts, ends, reasons = (form.raw_list(n) for n in ("pause_start", "pause_end", "pause_reason"))
    rows, ranges = [], []
    for i in range(max(len(starts), len(ends), len(reasons))):
        s = starts[i] if i < len(starts) else ""
        e = ends[i] if i < len(ends) else ""
        r = reasons[i] if i < len(reasons) else ""
        if not (s or e or r):
            continue
        k = len(rows)
        rows.append({"start": s, "end": e, "reason": r})
        first = form.date(f"pause_start-{k}", f"第{k + 1}段中止期间的开始日", text=s)
        last = form.date(f"pause_end-{k}", f"第{k + 1}段中止期间的结束日", text=e)
        if first and last:  # a pause that ends before it starts is the domain's to refuse (pauses[k].end)
            ranges.append(periods.DateRange(first, last, r or "依法不计入期间的时间"))
    return rows, ranges


@bp.get("/deadline")
def deadline():
    form = Form(request.args, submitted="start" in request.args)
    rows, answer, grids = [], None, []
    if form.submitted:
        start = form.date("start", "起算日")
        amount = form.integer("amount", "期间长度", 1, max(periods.LIMITS.values()), example=20)
        unit = form.choice("unit", "期间单位", periods.UNITS)
        direction = form.choice("direction", "计算方向", DIRECTIONS, default="after")
        rows, pauses = read_pauses(form)
        ext_amount = form.integer("ext_amount", "延长期间", 1, max(periods.LIMITS.values()), required=False)
        ext_unit = form.choice("ext_unit", "延长单位", periods.UNITS, default=unit or "workdays") if ext_amount else None
        provisional = form.flag("provisional")
        if form.ok:
            s = current()
            try:
                answer = periods.due(start, periods.Period(amount, unit, direction), s.calendar, s.rules,
                                     pauses=pauses,
                                     extension=periods.Period(ext_amount, ext_unit) if ext_amount else None,
                                     provisional=provisional)
            except DomainError as exc:
                explain(form, exc, {"start": "start", "amount": "amount", "unit": "unit",
                                    "direction": "direction", "pauses": "pause_start-0",
                                    "pauses[*": "pause_end-{i}", "extension.amount": "ext_amount",
                                    "extension.direction": "ext_amount"}, "start",
                        gap_field="provisional")
        if answer:
            cal = s.calendar.get(answer.provisional)
            marks = {answer.start: [("start", "起算日")]}
            marks.setdefault(answer.due, []).append(("due", "届满日"))
            for p in pauses:
                day = p.start
                while day <= p.end and len(marks) < 400:
                    marks.setdefault(day, []).append(("pause", "中止"))
                    day = day.fromordinal(day.toordinal() + 1)
            grids = [months.month(cal, y, m, marks) for y, m in months.months_between(answer.start, answer.due, 3)]
    rows = rows + [{"start": "", "end": "", "reason": ""}] * PAUSE_ROWS
    return render_template("deadline.html", form=form, answer=answer, rows=rows, grids=grids,
                           units=UNITS, directions=DIRECTIONS,
                           weekday=months.WEEKDAYS), 200 if form.ok else 422
