"""监督检查计划: a regime, a period and the population -> the plan; a pasted log -> compliance.

Calls `calc.inspections.plan` and `calc.inspections.compliance` as /v1/inspections/{id}/plan and
/compliance do. The log is pasted as text, one inspection a line (as copied from a spreadsheet)."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for

from .. import inspections as ins
from ..app_state import current, today
from ..errors import DomainError
from ..labels import INSPECTION_WINDOWS
from ..people_dates import read_date
from .blueprint import bp
from .forms import Form, gap_sentence

DEFAULT = "special-trades"
MAX_LINES = 2000


def parse_log(form: Form, regime: ins.Regime, text: str) -> list[ins.Entry]:
    """Lines of `日期 指标 单位数 [民警人数]`, separated by spaces, tabs or commas; # starts a comment."""
    titles = {q.title: q.id for q in regime.requirements.values()}
    entries, problems = [], []
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        form.fail("log", f"检查记录最多 {MAX_LINES} 行，现有 {len(lines)} 行。")
        return []
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p for p in re.split(r"[\s,，、;；]+", line) if p]
        if len(parts) not in (3, 4):
            problems.append(f"第{n}行应为“日期 指标编号 检查单位数 [民警人数]”四项或三项，实有{len(parts)}项")
            continue
        try:
            day = read_date(parts[0])
        except ValueError as exc:
            problems.append(f"第{n}行的日期{exc}".rstrip("。"))
            continue
        rid = titles.get(parts[1], parts[1])
        if rid not in regime.requirements:
            problems.append(f"第{n}行的指标“{parts[1]}”不是本类别的指标（可填：{'、'.join(regime.requirements)}）")
            continue
        numbers = []
        for p in parts[2:]:
            if not p.isdigit() or len(p) > 8:
                problems.append(f"第{n}行的“{p}”应为不小于 0 的整数")
                break
            numbers.append(int(p))
        else:
            entries.append(ins.Entry(len(entries), day, rid, numbers[0], numbers[1] if len(numbers) > 1 else None))
            continue
    if problems:
        more = f"；另有{len(problems) - 5}处" if len(problems) > 5 else ""
        form.fail("log", "检查记录有误：" + "；".join(problems[:5]) + more + "。")
    return entries


def _int_field(form: Form, name: str, label: str, minimum: int = 0, maximum: int = 10_000_000):
    return form.integer(name, label, minimum, maximum, required=False, example=max(minimum, 1))


def read_population(form: Form, regime: ins.Regime):
    """One number for every requirement, or per requirement where given (the API's two shapes)."""
    general = _int_field(form, "population", "对象总数")
    each = {}
    for q in regime.requirements.values():
        if q.coverage in ins.NEEDS_POPULATION:
            value = _int_field(form, f"pop-{q.id}", f"“{q.title}”的总数")
            if value is not None:
                each[q.id] = value
    if not each:
        return general
    if general is not None:
        for q in regime.requirements.values():
            if q.coverage in ins.NEEDS_POPULATION:
                each.setdefault(q.id, general)
    return each


def read_overrides(form: Form, regime: ins.Regime) -> dict:
    out = {}
    for q in regime.requirements.values():
        changes = {}
        times = _int_field(form, f"ov-times-{q.id}", "上级下达的次数", 1, 10_000)
        if times is not None:
            changes["times"] = times
        officers = _int_field(form, f"ov-officers-{q.id}", "上级下达的民警人数", 1, 10_000)
        if officers is not None:
            changes["officers"] = officers
        if not q.triggered:
            share = form.raw(f"ov-share-{q.id}")
            if share:
                try:
                    value = float(share.rstrip("%％"))
                    if not 0 < value <= 100:
                        raise ValueError
                    changes["share"] = int(value) if value == int(value) else value
                except ValueError:
                    form.fail(f"ov-share-{q.id}", "抽查比例应为 0 至 100 之间的百分数，例如 30。")
        if changes:
            out[q.id] = changes
    return out


def field_of(domain_field: str | None) -> str:
    f = domain_field or ""
    if f in ("start", "end"):
        return f
    m = re.match(r"population\.([\w-]+)", f)
    if m:
        return f"pop-{m.group(1)}"
    if f.startswith("population"):
        return "population"
    m = re.match(r"overrides\.([\w-]+)\.(times|officers|share)", f)
    if m:
        return f"ov-{m.group(2)}-{m.group(1)}"
    if f.startswith("log"):
        return "log"
    return "start"


@bp.route("/inspections", methods=["GET", "POST"])
def inspections():
    book: ins.Inspections = current().inspections
    data = request.form if request.method == "POST" else request.args
    form = Form(data, submitted="start" in data)
    chosen = form.raw("regime") or DEFAULT
    regime = book.regimes.get(chosen)
    if regime is None:
        form.fail("regime", "请从列表中选择检查类别。")
    year = today().year
    answer = result = None
    if form.submitted and regime:
        start = form.date("start", "开始日")
        end = form.date("end", "结束日")
        if start and end and end < start:
            form.fail("end", "结束日早于开始日，请检查。")
        population = read_population(form, regime)
        overrides = read_overrides(form, regime)
        log_text = form.raw("log")
        log = parse_log(form, regime, log_text) if log_text else None
        provisional = form.flag("provisional")
        if form.ok:
            s = current()
            try:
                if log is None:
                    answer = ins.plan(regime, start, end, s.calendar, population=population,
                                      overrides=overrides, provisional=provisional)
                else:
                    result = ins.compliance(regime, start, end, s.calendar, log, population=population,
                                            overrides=overrides, provisional=provisional)
                    answer = result.plan
            except DomainError as exc:
                if exc.reason == "calendar_gap":
                    form.fail("provisional", gap_sentence(exc.details.get("year")))
                else:
                    target = field_of(exc.field)
                    message = re.sub(r"（log\[\d+\]）", "", exc.message).rstrip("。") + "。"
                    if target.startswith("ov-") or target.startswith("pop-"):
                        q = regime.requirements.get(target.split("-", 2)[-1])
                        message = f"{q.title if q else ''}：{message}" if q else message
                    form.fail(target, message)
    if request.method == "POST" and answer is not None and result is None:
        # The form posts (a pasted log of 300 lines made a GET address too long for the server);
        # a plan without a log then moves to its short GET address, shareable as it always was.
        fields = [(k, v) for k, v in request.form.items(multi=True) if k != "log" and v.strip()]
        return redirect(url_for("web.inspections") + "?" + urlencode(fields) + "#answer", 303)
    windows = {}
    if result is not None:
        for w in result.windows:
            windows.setdefault(w.window.requirement.id, []).append(w)
    elif answer is not None:
        for w in answer.windows:
            windows.setdefault(w.requirement.id, []).append(w)
    overrides_open = any(k.startswith("ov-") and v.strip() for k, v in data.items(multi=True))
    return render_template("inspections.html", form=form, overrides_open=overrides_open, regimes=book.regimes, regime=regime, answer=answer,
                           result=result, windows=windows, window_names=INSPECTION_WINDOWS, year=year,
                           needs_population=ins.NEEDS_POPULATION,
                           log_example=_example(regime, year)), 200 if form.ok else 422


def _example(regime: ins.Regime | None, year: int) -> str:
    if regime is None:
        return ""
    q = next((q for q in regime.requirements.values() if not q.triggered), None)
    if q is None:
        return ""
    return f"{year}-01-15 {q.id} 5 2"
