"""The 监督检查计划 form as the domain's question, and the domain's refusal back at the right field.

The page's fields (start, end, population, pop-<requirement>, ov-<key>-<requirement>, a pasted log)
are read into the arguments of `calc.inspections.plan` / `compliance`; a refusal names its field as
the API does (`overrides.<id>.times`, `log.3.date` …), which `field_of` turns into the form's."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import inspections as ins
from ..errors import DomainError
from ..people_dates import read_date
from .forms import Form, gap_sentence

MAX_LINES = 2000


@dataclass(frozen=True)
class Question:
    """What the form asks: the period, the population, a superior's targets, and a log if pasted."""

    start: Any
    end: Any
    population: Any
    overrides: dict
    log: list[ins.Entry] | None
    provisional: bool


def read(form: Form, regime: ins.Regime) -> Question:
    start = form.date("start", "开始日")
    end = form.date("end", "结束日")
    if start and end and end < start:
        form.fail("end", "结束日早于开始日，请检查。")
    population = read_population(form, regime)
    overrides = read_overrides(form, regime)
    log_text = form.raw("log")
    log = parse_log(form, regime, log_text) if log_text else None
    return Question(start, end, population, overrides, log, form.flag("provisional"))


def _log_line(n: int, line: str, regime: ins.Regime, titles: dict[str, str]):
    """One line `日期 指标 单位数 [民警人数]`: (date, requirement, numbers), or a str saying what is wrong."""
    parts = [p for p in re.split(r"[\s,，、;；]+", line) if p]
    if len(parts) not in (3, 4):
        return f"第{n}行应为“日期 指标编号 检查单位数 [民警人数]”四项或三项，实有{len(parts)}项"
    try:
        day = read_date(parts[0])
    except ValueError as exc:
        return f"第{n}行的日期{exc}".rstrip("。")
    rid = titles.get(parts[1], parts[1])
    if rid not in regime.requirements:
        return f"第{n}行的指标“{parts[1]}”不是本类别的指标（可填：{'、'.join(regime.requirements)}）"
    for p in parts[2:]:
        if not p.isdigit() or len(p) > 8:
            return f"第{n}行的“{p}”应为不小于 0 的整数"
    return day, rid, [int(p) for p in parts[2:]]


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
        got = _log_line(n, line, regime, titles)
        if isinstance(got, str):
            problems.append(got)
            continue
        day, rid, numbers = got
        entries.append(ins.Entry(len(entries), day, rid, numbers[0], numbers[1] if len(numbers) > 1 else None))
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


def _share(form: Form, q: ins.Requirement):
    """The share a superior set, in percent (30 or 30%), or None."""
    share = form.raw(f"ov-share-{q.id}")
    if not share:
        return None
    try:
        value = float(share.rstrip("%％"))
        if not 0 < value <= 100:
            raise ValueError
        return int(value) if value == int(value) else value
    except ValueError:
        form.fail(f"ov-share-{q.id}", "抽查比例应为 0 至 100 之间的百分数，例如 30。")
        return None


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
        share = None if q.triggered else _share(form, q)
        if share is not None:
            changes["share"] = share
        if changes:
            out[q.id] = changes
    return out


def field_of(domain_field: str | None) -> str:
    """The API's field names (population.<id>, overrides.<id>.times, log.3.date …) as the form's."""
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


def refuse(form: Form, regime: ins.Regime, exc: DomainError) -> None:
    """The domain's refusal next to the field it names, in its own words (`plain`: without the
    API's pointer into the request); a requirement's field says which requirement."""
    if exc.reason == "calendar_gap":
        form.fail("provisional", gap_sentence(exc.details.get("year")))
        return
    target = field_of(exc.field)
    message = exc.plain.rstrip("。") + "。"
    if target.startswith(("ov-", "pop-")):  # ov-<key>-<requirement>, pop-<requirement>
        q = regime.requirements.get(target.removeprefix("pop-") if target.startswith("pop-") else target.split("-", 2)[-1])
        message = f"{q.title}：{message}" if q else message
    form.fail(target, message)


def overrides_open(data) -> bool:
    """Whether the person gave a superior's target, so the page shows that part of the form open."""
    return any(k.startswith("ov-") and v.strip() for k, v in data.items(multi=True))
