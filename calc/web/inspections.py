"""监督检查计划: a regime, a period and the population -> the plan; a pasted log -> compliance.

Calls `calc.inspections.plan` and `calc.inspections.compliance` as /v1/inspections/{id}/plan and
/compliance do. The log is pasted as text, one inspection a line (as copied from a spreadsheet);
reading the form and placing a refusal is calc/web/inspection_forms.py's."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for

from .. import inspections as ins
from ..app_state import current, today
from ..errors import DomainError
from ..labels import INSPECTION_WINDOWS
from . import inspection_forms
from .blueprint import bp
from .forms import Form

DEFAULT = "special-trades"


def _answer(form: Form, regime: ins.Regime, asked: inspection_forms.Question):
    """(plan, None) without a log, (plan, compliance) with one; (None, None) where the domain refuses."""
    cal = current().calendar
    kwargs = dict(population=asked.population, overrides=asked.overrides, provisional=asked.provisional)
    try:
        if asked.log is None:
            return ins.plan(regime, asked.start, asked.end, cal, **kwargs), None
        result = ins.compliance(regime, asked.start, asked.end, cal, asked.log, **kwargs)
        return result.plan, result
    except DomainError as exc:
        inspection_forms.refuse(form, regime, exc)
        return None, None


def _by_requirement(answer, result) -> dict:
    """Each requirement's windows (or, with a log, its window results), for the page's tables."""
    windows: dict = {}
    if result is not None:
        for w in result.windows:
            windows.setdefault(w.window.requirement.id, []).append(w)
    elif answer is not None:
        for w in answer.windows:
            windows.setdefault(w.requirement.id, []).append(w)
    return windows


def _to_plan_address():
    """The form posts (a pasted log of 300 lines made a GET address too long for the server); a plan
    without a log then moves to its short GET address, shareable as it always was."""
    fields = [(k, v) for k, v in request.form.items(multi=True) if k != "log" and v.strip()]
    return redirect(url_for("web.inspections") + "?" + urlencode(fields) + "#answer", 303)


@bp.route("/inspections", methods=["GET", "POST"])
def inspections():
    book: ins.Inspections = current().inspections
    data = request.form if request.method == "POST" else request.args
    form = Form(data, submitted="start" in data)
    regime = book.regimes.get(form.raw("regime") or DEFAULT)
    if regime is None:
        form.fail("regime", "请从列表中选择检查类别。")
    year = today().year
    answer = result = None
    if form.submitted and regime:
        asked = inspection_forms.read(form, regime)
        if form.ok:
            answer, result = _answer(form, regime, asked)
    if request.method == "POST" and answer is not None and result is None:
        return _to_plan_address()
    return render_template("inspections.html", form=form, overrides_open=inspection_forms.overrides_open(data),
                           regimes=book.regimes, regime=regime, answer=answer, result=result, windows=_by_requirement(answer, result),
                           window_names=INSPECTION_WINDOWS, year=year, needs_population=ins.NEEDS_POPULATION,
                           log_example=_example(regime, year)), 200 if form.ok else 422


def _example(regime: ins.Regime | None, year: int) -> str:
    if regime is None:
        return ""
    q = next((q for q in regime.requirements.values() if not q.triggered), None)
    if q is None:
        return ""
    return f"{year}-01-15 {q.id} 5 2"
