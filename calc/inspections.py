"""Inspection regimes (事中事后监督管理制度, 责任清单 四（一）至（十一）): plan and compliance.

A regime has requirements; each owes, per calendar window (month, quarter, year) or per event or
case, at least `times` inspections of at least so many units (a fixed number, every unit, or a share
of a population rounded up), with at least `officers` officers. Every number is data
(`schedules/inspections/`), and a request may override any of them: the seed says targets handed
down by a superior authority prevail (以上级下达监督检查指标为准).

What an answer says is data too (`schedules/inspections/texts.toml`, `Texts`): each step carries
the code of its text (`Step.code`), and no code here reads the words.

A window is due on its last working day (`WorkCalendar.previous_workday` of its last day, so a
make-up Saturday counts). Windows are calendar months/quarters/years clipped to the period asked
about; a clipped window keeps its full quota (the seed prorates nothing) and says it is partial.
"""
from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Mapping

from .errors import InvalidInput, NotFound
from .laws import attach
from .nodes import BASIS, Keys, Named, Node, Source
from .steps import Step

CALENDAR_WINDOWS = ("month", "quarter", "year")
WINDOWS = (*CALENDAR_WINDOWS, "period", "event", "case")
TRIGGERED = ("event", "case")
COVERAGES = ("all", "units", "share", "per_unit", "none")
NEEDS_POPULATION = ("all", "share", "per_unit")
OVERRIDABLE = ("times", "units", "share", "officers", "window")
MAX_YEARS = 50

# The texts an answer says (schedules/inspections/texts.toml), by code, with the placeholders each
# may use; and the words inside them. A text or word missing, or a placeholder not listed, stops
# start-up.
TEXTS: dict[str, tuple[str, ...]] = {
    "window": ("label", "kind", "clipped", "first", "last"),
    "no_workday": (),
    "due_start": ("due",),
    "due_last": ("last", "kind"),
    "roll_back": ("last", "why", "due"),
    "units": ("units", "label"),
    "population_missing": ("population",),
    "all": ("population", "count"),
    "per_unit": ("units", "label", "count", "n"),
    "share": ("share", "count", "exact", "n"),
    "min_units": ("times", "units", "min"),
    "partial": ("full_first", "full_last"),
    "override": ("requirement", "key", "old", "value"),
    "population_unused": ("requirements",),
    "population_absent": ("requirement", "population"),
    "partial_windows": (),
    "officers_unchecked": ("entries",),
    "too_few_units": ("units", "label", "least"),
    "too_few_officers": ("officers", "least"),
    "discounted": ("reasons", "basis"),
    "no_quota": ("done",),
    "undetermined": ("full_first", "full_last", "done", "units_done", "label", "gaps"),
    "met": ("done", "units_done", "label", "least"),
    "met_least_times": ("times",),
    "met_least_units": ("times", "min_units", "label"),
    "short": ("gaps",),
    "short_times": ("n",),
    "short_units": ("n", "label"),
}
# The texts whose `basis` an answer cites (the others cite their requirement's).
TEXT_BASES = ("due_last", "roll_back", "override")
WORDS: dict[str, tuple[str, ...]] = {
    "month": (), "quarter": (), "year": (), "period": (),  # what each kind of window is called
    "clipped": (), "workday": (), "makeup": (), "makeup_named": ("name",), "holiday": ("name",),
    "weekend": (), "list": (), "reasons": (),
}


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    window: str
    coverage: str
    basis: str
    times: int | None = None
    units: int | None = None
    share: Fraction | None = None  # percent
    officers: int | None = None
    population: str | None = None  # what the population counts
    unit_label: str = "家"
    trigger: str | None = None
    phase: str | None = None
    by: str | None = None
    due: str = "end"
    quota: bool = True
    note: str | None = None

    @property
    def triggered(self) -> bool:
        return self.window in TRIGGERED

    @property
    def has_quota(self) -> bool:
        return self.quota and (self.times is not None or self.coverage != "none")

    def describe(self) -> dict:
        return {"id": self.id, "title": self.title, "window": self.window, "times": self.times,
                "coverage": self.coverage, "units": self.units,
                "share": _percent(self.share) if self.share is not None else None,
                "officers": self.officers, "population": self.population, "unit_label": self.unit_label,
                "trigger": self.trigger, "phase": self.phase, "by": self.by, "due": self.due,
                "quota": self.has_quota, "note": self.note, **self.basis.answer}


@dataclass(frozen=True)
class Text:
    text: str
    basis: str | None = None


@dataclass(frozen=True)
class Texts:
    """What an answer says, by code (schedules/inspections/texts.toml): the calculator fills the
    placeholders and never reads the words back."""

    texts: Mapping[str, Text]
    words: Mapping[str, str]

    def __post_init__(self):  # each text's bound str.format, looked up once (a 23-year plan has 1,600 steps)
        object.__setattr__(self, "_format", {code: t.text.format for code, t in self.texts.items()})

    def say(self, code: str, /, **values: Any) -> str:
        return self._format[code](**values)

    def step(self, code: str, date: dt.date | None, basis: str, /, **values: Any) -> Step:
        return Step(self._format[code](**values), date, basis, code)

    def basis(self, code: str) -> str:
        return self.texts[code].basis

    def word(self, word: str, /, **values: Any) -> str:
        return self.words[word].format(**values) if values else self.words[word]

    def join(self, items) -> str:
        return self.words["list"].join(items)


@dataclass(frozen=True)
class Regime:
    id: str
    title: str
    unit: str
    object: str
    seed: str
    basis: str
    superior: str | None
    requirements: dict[str, Requirement]
    extra: dict = field(default_factory=dict)
    digest: str = ""  # of the regime's table in its schedule file
    texts: Texts | None = field(default=None, compare=False, repr=False)  # what its answers say

    def requirement(self, rid: str, where: str) -> Requirement:
        try:
            return self.requirements[rid]
        except KeyError:
            raise InvalidInput(f"制度 {self.id} 没有编号为 {rid} 的检查指标（可选：{'、'.join(self.requirements)}）",
                               field=where) from None


@dataclass(frozen=True)
class Window:
    requirement: Requirement
    label: str
    start: dt.date
    end: dt.date
    partial: bool
    due: dt.date | None
    times: int | None
    population: int | None
    units_per_time: int | None
    min_units: int | None
    min_per_inspection: int  # an inspection covering fewer units does not count
    steps: tuple[Step, ...]
    full_start: dt.date | None = None  # the whole calendar window, when `partial`
    full_end: dt.date | None = None
    range: tuple[dt.date, dt.date] | None = None  # provisional due: where the real one can fall


@dataclass(frozen=True)
class Plan:
    regime: Regime
    start: dt.date
    end: dt.date
    windows: tuple[Window, ...]
    triggered: tuple[Requirement, ...]
    overrides: tuple[Step, ...]
    assumptions: tuple[str, ...]
    provisional: bool
    calendar_years: tuple[int, ...]


@dataclass(frozen=True)
class Entry:
    index: int
    date: dt.date
    requirement: str
    units: int
    officers: int | None = None


@dataclass(frozen=True)
class Discounted:
    entry: Entry
    reason: str


@dataclass(frozen=True)
class WindowResult:
    window: Window
    done: int
    units_done: int
    met: bool | None
    short: int
    units_short: int | None
    counted: tuple[int, ...]
    discounted: tuple[Discounted, ...]
    verdict: str = ""  # what the window's result says (`_verdict`)


def _verdict(r: WindowResult, texts: Texts) -> str:
    w = r.window
    label = w.requirement.unit_label
    if not w.requirement.has_quota:
        return texts.say("no_quota", done=r.done)
    gaps = texts.join([*([texts.say("short_times", n=r.short)] if r.short else []),
                       *([texts.say("short_units", n=r.units_short, label=label)] if r.units_short else [])])
    if r.met is None:
        return texts.say("undetermined", full_first=w.full_start.isoformat(), full_last=w.full_end.isoformat(),
                         done=r.done, units_done=r.units_done, label=label, gaps=gaps)
    if r.met:
        least = "" if w.times is None else (
            texts.say("met_least_times", times=w.times) if w.min_units is None
            else texts.say("met_least_units", times=w.times, min_units=w.min_units, label=label))
        return texts.say("met", done=r.done, units_done=r.units_done, label=label, least=least)
    return texts.say("short", gaps=gaps)


@dataclass(frozen=True)
class TriggeredResult:
    requirement: Requirement
    logged: int
    counted: int
    discounted: tuple[Discounted, ...]


@dataclass(frozen=True)
class Compliance:
    plan: Plan
    windows: tuple[WindowResult, ...]
    triggered: tuple[TriggeredResult, ...]
    discounted: tuple[Discounted, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class Inspections:
    regimes: dict[str, Regime]

    def get(self, regime_id: str) -> Regime:
        try:
            return self.regimes[regime_id]
        except KeyError:
            raise NotFound(f"没有编号为 {regime_id} 的监督检查制度", field="id") from None


# -- arithmetic -----------------------------------------------------------------------------------

def _percent(share: Fraction) -> int | float:
    return int(share) if share.denominator == 1 else float(share)


def share_of(share: Fraction, population: int) -> int:
    """⌈share% × population⌉ in exact arithmetic (0.15 × 20 is 3, not 3.0000000000000004 → 4)."""
    return math.ceil(share * population / 100)


def to_share(value: Any) -> Fraction:
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"不是数值: {value!r}") from exc


# -- windows --------------------------------------------------------------------------------------

def _month_end(d: dt.date) -> dt.date:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def calendar_windows(kind: str, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date, dt.date, dt.date]]:
    """(label, clipped start, clipped end, full start, full end) for each window touching [start, end]."""
    if kind == "period":
        return [(f"{start.isoformat()}/{end.isoformat()}", start, end, start, end)]
    out = []
    if kind == "month":
        first = dt.date(start.year, start.month, 1)
    elif kind == "quarter":
        first = dt.date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
    else:
        first = dt.date(start.year, 1, 1)
    while first <= end:
        if kind == "month":
            last = _month_end(first)
            label = f"{first.year}-{first.month:02d}"
        elif kind == "quarter":
            last = _month_end(dt.date(first.year, first.month + 2, 1))
            label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
        else:
            last = dt.date(first.year, 12, 31)
            label = f"{first.year}"
        out.append((label, max(first, start), min(last, end), first, last))
        first = last + dt.timedelta(days=1)
    return out


def check_period(start: dt.date, end: dt.date):
    if end < start:
        raise InvalidInput("结束日不能早于开始日。", field="end")
    if (end - start).days > MAX_YEARS * 366:
        raise InvalidInput(f"期间不能超过 {MAX_YEARS} 年。", field="end")


# -- overrides and population ---------------------------------------------------------------------

def apply_overrides(regime: Regime, overrides: dict[str, dict[str, Any]]) -> tuple[dict[str, Requirement], list[Step]]:
    """Targets from a superior authority replace the seed's numbers (清单：以上级下达监督检查指标为准)."""
    reqs = dict(regime.requirements)
    steps: list[Step] = []
    texts = regime.texts
    basis = regime.superior or texts.basis("override")
    for rid, changes in (overrides or {}).items():
        where = f"overrides.{rid}"
        req = regime.requirement(rid, where)
        if not isinstance(changes, dict):
            raise InvalidInput("应为 {字段: 数值}", field=where)
        new = req
        for key, value in changes.items():
            f = f"{where}.{key}"
            if key not in OVERRIDABLE:
                raise InvalidInput(f"不能覆盖字段 {key}（可覆盖：{'、'.join(OVERRIDABLE)}）", field=f)
            new = _override(new, key, value, f)
            old = getattr(req, key)
            old_text = _percent(old) if isinstance(old, Fraction) else old
            steps.append(texts.step("override", None, basis, requirement=rid, key=key, old=old_text, value=value))
        reqs[rid] = new
    return reqs, steps


def _int(value, f, minimum):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(f"应为不小于 {minimum} 的整数", field=f)
    return value


def _override(req: Requirement, key: str, value: Any, f: str) -> Requirement:
    if key == "times":
        return replace(req, times=_int(value, f, 1))
    if key == "officers":
        return replace(req, officers=_int(value, f, 1))
    if key == "units":
        if req.triggered:
            raise InvalidInput("按次触发的指标没有每次覆盖数", field=f)
        coverage = "per_unit" if req.coverage == "per_unit" else "units"
        return replace(req, units=_int(value, f, 1), coverage=coverage, share=None)
    if key == "share":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
            raise InvalidInput("应为 0 到 100 之间的百分数（如 30 表示 30%）", field=f)
        if req.triggered:
            raise InvalidInput("按次触发的指标没有抽查比例", field=f)
        return replace(req, share=to_share(value), coverage="share", units=None,
                       population=req.population or "总数")
    if key == "window":
        if req.triggered or value not in CALENDAR_WINDOWS:
            raise InvalidInput(f"窗口应为 {'、'.join(CALENDAR_WINDOWS)} 之一（按次触发的指标不能改窗口）", field=f)
        return replace(req, window=value)
    raise AssertionError(key)


def population_for(req: Requirement, population: Any, labels: list[str]) -> dict[str, int | None]:
    """The population each window of `req` applies to: one number, or a number per window label."""
    if isinstance(population, dict):
        value = population.get(req.id)
        where = f"population.{req.id}"
    else:
        value = population
        where = "population"
    if value is None:
        return {label: None for label in labels}
    if isinstance(value, dict):
        unknown = [k for k in value if k not in labels]
        if unknown:
            raise InvalidInput(f"没有名为 {unknown[0]} 的窗口（本期间的窗口：{'、'.join(labels)}）",
                               field=f"{where}.{unknown[0]}")
        for k, v in value.items():
            _int(v, f"{where}.{k}", 0)
        return {label: value.get(label) for label in labels}
    _int(value, where, 0)
    return {label: value for label in labels}


# -- plan -----------------------------------------------------------------------------------------

def plan(regime: Regime, start: dt.date, end: dt.date, book, *, population: Any = None,
         overrides: dict | None = None, provisional: bool = False) -> Plan:
    """Every window of every requirement in [start, end], with due date and minimum counts."""
    check_period(start, end)
    if isinstance(population, dict):
        for rid in population:
            regime.requirement(rid, f"population.{rid}")
    reqs, override_steps = apply_overrides(regime, overrides or {})
    texts = regime.texts
    cal = book.get(provisional)
    windows: list[Window] = []
    triggered: list[Requirement] = []
    assumptions: list[str] = []
    if isinstance(population, dict):
        unused = [rid for rid in population if reqs[rid].coverage not in NEEDS_POPULATION]
        if unused:
            assumptions.append(texts.say("population_unused", requirements=texts.join(unused)))
    years: set[int] = set()
    for req in reqs.values():
        if req.triggered:
            triggered.append(req)
            continue
        spans = calendar_windows(req.window, start, end)
        pops = population_for(req, population, [s[0] for s in spans])
        if req.coverage in NEEDS_POPULATION and any(p is None for p in pops.values()):
            assumptions.append(texts.say("population_absent", requirement=req.id, population=req.population))
        for label, first, last, full_first, full_last in spans:
            w = _window(req, label, first, last, (first, last) != (full_first, full_last), pops[label], cal, years,
                        texts)
            if w.partial:
                note = texts.step("partial", None, req.basis, full_first=full_first.isoformat(),
                                  full_last=full_last.isoformat())
                w = replace(w, steps=(*w.steps, note))
            windows.append(replace(w, full_start=full_first, full_end=full_last))
    if any(w.partial for w in windows):
        assumptions.append(texts.say("partial_windows"))
    used = tuple(sorted(years))
    if provisional and cal.provisional_years:
        windows = [_ranged(w, book, cal) for w in windows]
    return Plan(regime, start, end, tuple(windows), tuple(triggered), tuple(override_steps),
                tuple(assumptions), any(y in cal.provisional_years for y in used), used)


def _window(req: Requirement, label, first, last, partial, pop, cal, years: set[int], texts: Texts) -> Window:
    steps = [texts.step("window", None, req.basis, label=label, kind=texts.word(req.window),
                        clipped=texts.word("clipped") if partial else "", first=first.isoformat(),
                        last=last.isoformat())]
    due = _due(req, first, last, cal, steps, years, texts)
    units, how = _units(req, pop, texts)
    if how:
        steps.append(how)
    times = req.times
    if times is not None and units is not None:
        min_units = times * units
        steps.append(texts.step("min_units", None, req.basis, times=times, units=units, min=min_units))
    elif times is None and req.has_quota and units is not None:
        min_units = units
    else:
        min_units = None
    per_check = units if (times is not None and units is not None and req.coverage in ("units", "share", "per_unit")) else 1
    if req.coverage == "none":
        per_check = 0
    return Window(req, label, first, last, partial, due, times, pop, units, min_units, per_check, tuple(steps))


def _due(req, first, last, cal, steps, years: set[int], texts: Texts) -> dt.date | None:
    years.update((first.year, last.year))
    if cal.count_workdays(first, last) == 0:
        steps.append(texts.step("no_workday", None, req.basis))
        return None
    if req.due == "start":
        due = cal.next_workday(first)
        steps.append(texts.step("due_start", due, req.basis, due=due.isoformat()))
        return due
    day = cal.day(last)
    due = cal.previous_workday(last)
    if due == last:
        if day.kind == "makeup_workday":
            kind = texts.word("makeup_named", name=day.name) if day.name else texts.word("makeup")
        else:
            kind = texts.word("workday")
        steps.append(texts.step("due_last", due, _notice(day, texts, "due_last"), last=last.isoformat(), kind=kind))
    else:
        why = texts.word("holiday", name=day.name) if day.kind == "holiday" else texts.word("weekend")
        steps.append(texts.step("roll_back", due, _notice(day, texts, "roll_back"), last=last.isoformat(), why=why,
                                due=due.isoformat()))
    return due


def _ranged(w: Window, book, cal) -> Window:
    """A window whose due date was estimated (a year with no notice yet) also carries the span in
    which the real due date can fall: the same day found on the two extreme books (workcal)."""
    if w.due is None or not any(y in cal.provisional_years for y in (w.start.year, w.end.year)):
        return w
    dues = [w.due]
    for b in book.bounds:
        c = b.get(True)
        if c.count_workdays(w.start, w.end):
            dues.append(c.next_workday(w.start) if w.requirement.due == "start" else c.previous_workday(w.end))
    return replace(w, range=(min(dues), max(dues)))


def _notice(day, texts: Texts, code: str) -> str:
    """The notice that fixes the day, else what the text cites for a plain weekday or weekend."""
    return day.notice.cite if day.notice else texts.basis(code)


def _units(req: Requirement, pop: int | None, texts: Texts) -> tuple[int | None, Step | None]:
    """The units each inspection must cover in a window, and the step that says how."""
    label, basis = req.unit_label, req.basis
    if req.coverage == "units":
        return req.units, texts.step("units", None, basis, units=req.units, label=label)
    if req.coverage == "none":
        return None, None
    if pop is None:
        return None, texts.step("population_missing", None, basis, population=req.population)
    if req.coverage == "all":
        return pop, texts.step("all", None, basis, population=req.population, count=pop)
    if req.coverage == "per_unit":
        n = req.units * pop
        return n, texts.step("per_unit", None, basis, units=req.units, label=label, count=pop, n=n)
    n = share_of(req.share, pop)
    exact = req.share * pop / 100
    exact_text = str(exact.numerator) if exact.denominator == 1 else f"{float(exact):g}"
    return n, texts.step("share", None, basis, share=_percent(req.share), count=pop, exact=exact_text, n=n)


# -- compliance -----------------------------------------------------------------------------------

def compliance(regime: Regime, start: dt.date, end: dt.date, book, log: list[Entry], *,
               population: Any = None, overrides: dict | None = None, provisional: bool = False) -> Compliance:
    """Window by window: inspections that count, whether the quota is met, and by how much it is short."""
    p = plan(regime, start, end, book, population=population, overrides=overrides, provisional=provisional)
    reqs = {w.requirement.id: w.requirement for w in p.windows} | {r.id: r for r in p.triggered}
    for e in log:
        if not start <= e.date <= end:
            raise InvalidInput(f"第 {e.index + 1} 条记录（log[{e.index}]）的日期 {e.date.isoformat()} 不在所问期间 "
                               f"{start.isoformat()} 至 {end.isoformat()} 内", field=f"log.{e.index}.date")
        if e.requirement not in reqs:
            regime.requirement(e.requirement, f"log.{e.index}.requirement")
    texts = regime.texts
    assumptions = list(p.assumptions)
    unchecked = [e.index for e in log if e.officers is None and reqs[e.requirement].officers]
    if unchecked:
        assumptions.append(texts.say("officers_unchecked", entries=texts.join(map(str, unchecked))))
    all_discounted: list[Discounted] = []
    results = []
    by_req: dict[str, list[Entry]] = {}
    for e in sorted(log, key=lambda e: (e.date, e.index)):
        by_req.setdefault(e.requirement, []).append(e)
    days = {rid: [e.date for e in entries] for rid, entries in by_req.items()}
    for w in p.windows:
        rid = w.requirement.id
        entries = by_req.get(rid, [])
        lo, hi = bisect_left(days.get(rid, []), w.start), bisect_right(days.get(rid, []), w.end)
        mine = entries[lo:hi]
        counted, discounted = _judge(w.requirement, w.min_per_inspection, mine, texts)
        all_discounted.extend(discounted)
        done = len(counted)
        units_done = sum(e.units for e in counted)
        if w.requirement.has_quota:
            short = max((w.times or 0) - done, 0)
            units_short = max(w.min_units - units_done, 0) if w.min_units is not None else None
            met = short == 0 and not units_short
            if w.partial and not met:
                met = None  # part of the window lies outside the log: not reached yet is not a failure
        else:
            short, units_short, met = 0, None, None
        result = WindowResult(w, done, units_done, met, short, units_short,
                              tuple(e.index for e in counted), tuple(discounted))
        results.append(replace(result, verdict=_verdict(result, texts)))
    triggered = []
    for req in p.triggered:
        mine = by_req.get(req.id, [])
        counted, discounted = _judge(req, 0, mine, texts)
        all_discounted.extend(discounted)
        triggered.append(TriggeredResult(req, len(mine), len(counted), tuple(discounted)))
    all_discounted.sort(key=lambda d: d.entry.index)
    return Compliance(p, tuple(results), tuple(triggered), tuple(all_discounted), tuple(assumptions))


def _judge(req: Requirement, min_units: int, entries: list[Entry],
           texts: Texts) -> tuple[list[Entry], list[Discounted]]:
    counted, discounted = [], []
    for e in entries:
        reasons = []
        if e.units < min_units:
            reasons.append(texts.say("too_few_units", units=e.units, label=req.unit_label, least=min_units))
        if req.officers and e.officers is not None and e.officers < req.officers:
            reasons.append(texts.say("too_few_officers", officers=e.officers, least=req.officers))
        if reasons:
            discounted.append(Discounted(e, texts.say("discounted", reasons=texts.word("reasons").join(reasons),
                                                     basis=req.basis)))
        else:
            counted.append(e)
    return counted, discounted


# -- loading --------------------------------------------------------------------------------------

ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _load_requirement(n: Node) -> Requirement:
    rid = n.text("id")
    if not ID.fullmatch(rid):
        n.fail(f"id 只能由小写字母、数字和 - 组成: {rid!r}", "id")
    window = n.text("window")
    if window not in WINDOWS:
        n.fail(f"window 应为 {'/'.join(WINDOWS)} 之一: {window!r}", "window")
    coverage = n.text("coverage")
    if coverage not in COVERAGES:
        n.fail(f"coverage 应为 {'/'.join(COVERAGES)} 之一: {coverage!r}", "coverage")
    times = n.get("times", int, None)
    if times is not None and times < 1:
        n.fail("times 至少为 1", "times")
    units = n.get("units", int, None)
    share = n.number("share", None, minimum=0, maximum=100)
    officers = n.get("officers", int, None)
    if officers is not None and officers < 1:
        n.fail("officers 至少为 1", "officers")
    population = n.text("population", None)
    trigger = n.text("trigger", None)
    due = n.text("due", "end")
    if due not in ("end", "start"):
        n.fail("due 应为 end 或 start", "due")
    if coverage in ("units", "per_unit") and (units is None or units < 1):
        n.fail(f"coverage = {coverage} 须有 units（≥1）", "units")
    if coverage == "share" and not share:
        n.fail("coverage = share 须有 share（0-100 的百分数）", "share")
    if coverage in NEEDS_POPULATION and population is None:
        n.fail(f"coverage = {coverage} 须写明 population（总数指什么）", "population")
    if window in TRIGGERED and trigger is None:
        n.fail("按次触发的指标须写明 trigger", "trigger")
    if window in TRIGGERED and coverage != "none":
        n.fail("按次触发的指标 coverage 应为 none", "coverage")
    quota = n.get("quota", bool, True)
    if quota and times is None and coverage in ("none",):
        n.fail("既无次数也无覆盖数的指标须写 quota = false", "quota")
    phase = n.text("phase", None)
    if phase is not None and phase not in ("before", "during", "after"):
        n.fail("phase 应为 before/during/after", "phase")
    return Requirement(
        id=rid, title=n.text("title"), window=window, coverage=coverage, basis=n.basis(), times=times,
        units=units, share=to_share(share) if share is not None else None, officers=officers,
        population=population, unit_label=n.text("unit_label", "家"), trigger=trigger, phase=phase,
        by=n.text("by", None), due=due, quota=quota, note=n.text("note", None))


# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"regime": "id", "texts": "*", "words": "*"}

# The keys each table of an inspections/*.toml file may have (calc.schedules refuses any other).
KEYS = Keys(regime=Keys(
    "id", "title", "unit", "object", "seed", "superior", "audience_min", basis=BASIS,
    requirement=Keys("id", "title", "window", "coverage", "times", "units", "share", "officers",
                     "population", "unit_label", "trigger", "phase", "by", "due", "quota", "note", basis=BASIS),
    fact=Keys("id", "text", "value", basis=BASIS)),
    texts=Named(Keys("text", basis=BASIS)), words=Keys(*WORDS))


def _texts(root: Node, texts: dict[str, Text], words: dict[str, str]):
    """The `[texts.<code>]` and `[words]` of one file (a later layer's replace an earlier's by name)."""
    if root.has("texts"):
        node = root.child("texts")
        for code in node.data:
            if code not in TEXTS:
                node.fail(f"未知的文字模板（可用：{'、'.join(TEXTS)}）", code)
            t = node.child(code)
            basis = t.basis("basis", None)
            if code in TEXT_BASES and basis is None:
                t.basis()  # 缺少此项
            texts[code] = Text(t.template("text", TEXTS[code]), basis)
    if root.has("words"):
        node = root.child("words")
        for name in WORDS:
            if node.has(name):
                words[name] = node.template(name, WORDS[name]) if WORDS[name] else node.get(name, str, allow_empty=True)


def load(sources: list[Source], base: dict) -> Inspections:
    sources = attach(sources, base)
    regimes: dict[str, Regime] = {}
    where: dict[str, str] = {}
    texts: dict[str, Text] = {}
    words: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        _texts(root, texts, words)
        for n in root.children("regime", required=False):
            rid = n.text("id")
            if not ID.fullmatch(rid):
                n.fail(f"id 只能由小写字母、数字和 - 组成: {rid!r}", "id")
            if rid in where:
                n.fail(f"id 重复（已见于 {where[rid]}）", "id")
            where[rid] = source.name
            reqs: dict[str, Requirement] = {}
            for rn in n.children("requirement"):
                req = _load_requirement(rn)
                if req.id in reqs:
                    rn.fail("同一制度内 requirement id 重复", "id")
                reqs[req.id] = req
            if not reqs:
                n.fail("至少要有一项检查指标", "requirement")
            extra: dict = {}
            if n.has("audience_min"):
                extra["audience_min"] = n.get("audience_min", int)
                n.number("audience_min", minimum=1)
            facts = [{"id": f.text("id"), "text": f.text("text"), "value": f.number("value"), **f.basis().answer}
                     for f in n.children("fact", required=False)]
            if facts:
                extra["facts"] = facts
            regimes[rid] = Regime(rid, n.text("title"), n.text("unit"), n.text("object"), n.text("seed"),
                                  n.basis(), n.text("superior", None), reqs, extra, n.digest)
    missing = [f"texts.{t}" for t in TEXTS if t not in texts] + [f"words.{w}" for w in WORDS if w not in words]
    if missing and regimes:
        first = sources[0]
        Node(first, "", first.data).fail(f"inspections 缺少文字：{'、'.join(missing)}")
    said = Texts(texts, words)
    return Inspections({rid: replace(r, texts=said) for rid, r in regimes.items()})
