"""办理时限估算: choose a procedure, give its start date -> the stage people ask about first (the
procedure's `headline`, or the one chosen), each stage's due date, a timeline drawn as inline SVG,
month calendars marking holidays, make-up days and every due date, and the citations to copy.

Calls `calc.timelines.estimate` as POST /v1/timelines/{id} does. A county list and the national rule
it follows (`compare_with`) are two procedures: the page answers the one chosen, says how the other
differs once, and links to it. The default is the national rule in force: a county list cannot
lengthen the time the regulation gives the authorities, and a later date than the law's is the
worst answer an applicant can be given."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from flask import render_template, request, url_for

from .. import timelines as dom
from ..app_state import current
from ..errors import CalendarGap, DomainError
from ..answers.citing import timeline_citations
from ..labels import DUE_MARKS, ESTIMATED, STAGE_STATUS
from ..periods import DateRange
from ..people_dates import read_date, read_moment
from . import months, svg
from .blueprint import bp
from .forms import Form, gap_banner

STATUS = {**STAGE_STATUS, "open": ""}  # calc/labels.py; an open stage carries no tag on the page
# The start field as a day or a moment is asked: the page draws it for the procedure chosen, and
# site.js redraws it when another is chosen (the officer who picks 刑事拘留 is asked for a time).
START_WORDS = {"day": {"label": "起算日", "format": "格式：年-月-日，例如 2026-09-21", "placeholder": "YYYY-MM-DD",
                       "inputmode": "numeric"},
               "hour": {"label": "起算时间", "format": "填日期和时间，例如 2026-02-16 20:30",
                        "placeholder": "YYYY-MM-DD HH:MM", "inputmode": None}}
DEFAULT = "internet-cafe-licence-national"  # the café licence as the regulation in force gives it (above)


def parse_moment(text: str, hours: bool):
    """A date, or for hour procedures a date and a time (2026-02-16 20:30): calc/people_dates.py."""
    return read_moment(text, hours) if hours else read_date(text)


def moment(form: Form, name: str, label: str, hours: bool, required: bool = True):
    text = form.raw(name)
    if not text:
        if required:
            form.fail(name, f"请填写{label}。")
        return None
    try:
        return parse_moment(text, hours)
    except ValueError as exc:
        form.fail(name, f"{label}{exc}")
        return None


def field_of(domain_field: str) -> str:
    """The API's field names (actual.<stage>, pauses.<stage>[0].end…) as this form's field ids."""
    m = re.fullmatch(r"(actual|extensions|variants|pauses|restarts|durations)\.([\w.-]+?)(\[\d+\])?(\.\w+)?",
                     domain_field or "")
    if not m:
        return domain_field if domain_field in ("start", "event", "headline") else "start"
    kind, sid = m.group(1), m.group(2)
    if kind == "pauses":
        return f"pause_end-{sid}" if (m.group(4) or "") == ".end" else f"pause_start-{sid}"
    return {"actual": "actual", "extensions": "ext", "variants": "variant", "restarts": "restart",
            "durations": "duration"}[kind] + f"-{sid}"


def read_stage_inputs(form: Form, version: dom.Version, hours: bool) -> dom.StageInputs:
    """What the form says of each stage, as the API's body would (calc.timelines.StageInputs)."""
    asked = dom.StageInputs()
    for s in version.stages:
        label = s.short
        value = moment(form, f"actual-{s.id}", f"“{label}”的实际办结日", hours and s.hours, required=False)
        if value is not None:  # a day stage of an hour procedure takes a date
            asked.actual[s.id] = value
        if s.pauses is not None:
            _read_pause(form, s, label, asked.pauses)
        if (s.extension or s.renewals or any(v.extension for v in s.variants)) and form.flag(f"ext-{s.id}"):
            asked.extensions[s.id] = True
        code = form.raw(f"variant-{s.id}")
        if code and s.variant(code) is None:
            form.fail(f"variant-{s.id}", "请从列表中选择情形。")
        elif code:
            asked.variants[s.id] = code
    for s in version.stages:
        _read_custody(form, s, s.short, asked)
    return asked


def _read_pause(form: Form, s: dom.Stage, label: str, pauses: dict):
    first = form.date(f"pause_start-{s.id}", f"“{label}”不计入期间的开始日", required=False)
    last = form.date(f"pause_end-{s.id}", f"“{label}”不计入期间的结束日", required=False)
    if first and last:
        if last < first:
            form.fail(f"pause_end-{s.id}", "不计入期间的结束日早于开始日，请检查。")
        else:
            pauses[s.id] = [DateRange(first, last, s.pauses.reason)]
    elif first or last:
        missing = f"pause_end-{s.id}" if first else f"pause_start-{s.id}"
        form.fail(missing, "不计入期间须同时填写开始日和结束日。")


def _read_custody(form: Form, s: dom.Stage, label: str, asked: dom.StageInputs):
    """The restart day (另有重要罪行) and the length a decision set (行政拘留的日数), where a stage has them."""
    if s.restart is not None:
        day = form.date(f"restart-{s.id}", f"“{label}”重新计算的起算日", required=False)
        if day:
            asked.restarts[s.id] = day
    if s.decided_amount is not None and form.raw(f"duration-{s.id}"):
        n = form.integer(f"duration-{s.id}", s.decided_amount.what, 1, s.span.amount)
        if n is not None:
            asked.durations[s.id] = n


def calendar_months(t: dom.Timeline) -> list[tuple[int, int]]:
    """The months of the start and of every due date (all the months between when few)."""
    days = [dom.day_of(m) for m in (t.start, *(r.due for r in t.stages), *(r.decided for r in t.stages),
                                  t.event) if m is not None]
    first, last = min(days), max(days)
    between = months.months_between(first, last, limit=99)
    if len(between) <= 4:
        return between
    wanted = sorted({(d.year, d.month) for d in days})
    return wanted[:6]


def marks_of(t: dom.Timeline) -> dict:
    marks: dict[dt.date, list[tuple[str, str]]] = {}
    marks.setdefault(dom.day_of(t.start), []).append(("start", "起算日"))
    for i, r in enumerate(t.stages, 1):
        if r.due is not None and r.stage.kind not in (dom.PREREQUISITE, dom.ON_THE_SPOT):
            word = DUE_MARKS.get(r.stage.kind, DUE_MARKS["deadline"])
            marks.setdefault(dom.day_of(r.due), []).append(("due", f"{word}{i}：{r.stage.short}"))
    return marks


@bp.get("/timelines")
def timelines():
    tl: dom.Timelines = current().timelines
    procs = {p.id: p for p in tl}
    form = Form(request.args, submitted="start" in request.args)
    chosen = form.raw("procedure") or (DEFAULT if DEFAULT in procs else next(iter(procs), None))
    proc = procs.get(chosen)
    if chosen and proc is None:
        form.fail("procedure", "请从列表中选择办理事项。")
    version = proc.latest if proc else None
    answer = gap_year = None
    pictures, grids = [], []
    if form.submitted and proc:
        version, answer, gap_year = _estimate(form, proc, version)
    if answer:
        cal = current().calendar.get(answer.provisional)
        pictures = svg.pictures(answer, cal)
        marks = marks_of(answer)
        grids = [months.month(cal, y, m, marks) for y, m in calendar_months(answer)]
    return render_template("timelines.html", form=form, stage_open=_stage_open(form), procs=procs, proc=proc, version=version,
                           answer=answer, pictures=pictures, grids=grids, status=STATUS,
                           gap=gap_banner(gap_year) if gap_year else None, estimated=ESTIMATED,
                           describe=dom.describe, day=dom.day_of, headlines=headline_options(version),
                           citations=timeline_citations(answer) if answer else [],
                           others=counterparts(tl, proc) if proc else [], lead_with=lead_with,
                           other_url=other_url, start_words=START_WORDS), 200 if form.ok else 422


def headline_options(version: dom.Version | None) -> dict[str, str]:
    """The stages the answer may lead with ("": the procedure's own choice, else the completion)."""
    if version is None:
        return {}
    own = version.stage(version.headline) if version.headline else None
    out = {"": f"默认：{own.short}" if own else "默认：全部办结日"}
    out.update({s.id: f"{i}. {s.short}" for i, s in enumerate(version.stages, 1) if s.kind != dom.PREREQUISITE})
    return out


def counterparts(tl: dom.Timelines, proc: dom.Procedure) -> list[dom.Procedure]:
    """The other chains of the same matter: the national rule a county list follows, or the county
    lists that follow this national rule."""
    out = [tl.get(proc.compare_with)] if proc.compare_with else []
    return out + [p for p in tl if p.compare_with == proc.id]


def lead_with(stage_id: str) -> str:
    """This page's address with the answer leading with `stage_id` (every other field kept)."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k not in ("headline", "headline_of")]
    return url_for("web.timelines") + "?" + urlencode(pairs + [("headline", stage_id)]) + "#answer"


def other_url(other: dom.Procedure) -> str:
    """The same start day under the other chain (its stages differ: nothing else carries over)."""
    return url_for("web.timelines", procedure=other.id, start=request.args.get("start", "")) + "#answer"


def _stage_open(form: Form) -> bool:
    """Whether the stages' part of the form opens: a stage field was filled in, or is wrong."""
    stage_keys = ("actual-", "ext-", "variant-", "pause_", "restart-", "duration-")
    return any(k.startswith(stage_keys) for k in form.errors) or any(
        v.strip() for k, v in request.args.items(multi=True) if k.startswith(stage_keys))


def _headline(form: Form, proc: dom.Procedure, version: dom.Version) -> str | None:
    """The stage the person chose to lead with. A choice the form made for another procedure (the
    person chose another one since: `headline_of`) is dropped; an address naming no stage of this
    one is refused at the field."""
    wanted = form.raw("headline")
    if not wanted or form.raw("headline_of") not in ("", proc.id):
        return None
    if wanted not in headline_options(version):
        form.fail("headline", "本事项没有这一环节，请从列表中选择首行所示的环节。")
        return None
    return wanted


def _estimate(form: Form, proc: dom.Procedure, version: dom.Version):
    """(the version in force on the start day, the answer or None, the year with no notice that made
    it an estimate): a year without a State Council notice is information, not the applicant's
    mistake, so the page estimates at once and says so."""
    hours = proc.latest.hours
    start = moment(form, "start", "起算时间" if hours else "起算日", hours)
    if start is not None:
        version = proc.version_on(dom.day_of(start)) or version
    event = form.date("event", proc.event_label or "事件日", required=False) if proc.event_label else None
    asked = read_stage_inputs(form, version, hours)
    headline = _headline(form, proc, version)
    if not form.ok:
        return version, None, None
    s = current()
    try:
        try:
            return version, dom.estimate(s.timelines, proc.id, start, s.calendar, s.rules, asked, event=event,
                                         headline=headline), None
        except CalendarGap as gap:
            return version, dom.estimate(s.timelines, proc.id, start, s.calendar, s.rules, asked, event=event,
                                         provisional=True, headline=headline), gap.year
    except DomainError as exc:
        if exc.reason == "calendar_gap":  # beyond even the 放假办法's years
            form.fail("start", ESTIMATED["beyond"].format(year=exc.details.get("year")))
        else:
            form.fail(field_of(exc.field), exc.message.rstrip("。") + "。")
        return version, None, None
