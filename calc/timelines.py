"""Procedure timelines (办理时限): a procedure is an ordered chain of stages, each with its period.

The applicant's estimate takes the worst case: each stage starts the day the stage it hangs on was
decided, which is that stage's due date unless the caller gives the actual date (DESIGN.md §4).
Every period is counted by `calc.periods.due` (DESIGN.md §2); only hour periods (询问查证, 传唤,
继续盘问) are counted here, as durations from the moment given (程序规定 第三十五条; 刑事诉讼法
第一百零五条). A procedure may mix hour and day stages (拘留后二十四小时内讯问, 三日内提请批准逮捕):
its start is then a date and time, and its day stages count from that moment's date.

Procedures, their versions, periods and legal basis are data: `schedules/timelines/*.toml`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from . import periods
from . import texts as wording
from .citations import annotated, join
from .effective import Effective
from .errors import CalendarGap, InvalidInput, NotFound, ScheduleError
from .laws import attach
from .nodes import BASIS, EFFECTIVE, Keys, Named, Node, Source
from .periods import DateRange, Period
from .steps import Step
from .texts import Spec, Text
from .workcal import CalendarBook

DEADLINE, TERM, ELIGIBLE, NONE, ON_THE_SPOT, PREREQUISITE = (
    "deadline", "term", "eligible", "none", "on_the_spot", "prerequisite")
KINDS = (DEADLINE, TERM, ELIGIBLE, NONE, ON_THE_SPOT, PREREQUISITE)
WITH_PERIOD = (DEADLINE, TERM, ELIGIBLE)
HOURS = "hours"
UNITS = (*periods.UNITS, HOURS)
# Not a legal number: bounds one hour period (the longest in law is 24 hours).
HOUR_LIMIT = 72
ANCHORS = ("start", "previous", "previous-decided", "event")


def _step(*fields: str) -> Spec:
    return Spec(fields, basis=True)


# What a timeline step says where periods.toml has no rule of its own ([texts.<code>] in
# schedules/timelines/*texts.toml), with the placeholders the code fills in (each text cites a
# basis; "earliest" is declared for the data's sake: the answers give the earliest day by itself).
TEXTS = {"hours": _step("start", "n", "due"), "hours_plain": _step("start", "n", "due"), "term": _step("what"),
         "on_the_spot": _step("title", "basis"), "prerequisite": _step("title", "basis"), "none": _step("basis"),
         "earliest": _step("what", "basis"), "renewal": _step("k", "approver", "n", "unit", "condition", "basis"),
         "restart": _step("day", "first", "reason", "basis"), "duration": _step("what", "n", "most", "unit", "basis")}
# What the notes of an answer say ([notes.<code>]), by the note's code; a note cites no law of its own.
_STAGE_WORDS = ("title", "authority", "period", "label")
NOTES = {"version": Spec(("day", "label")), "calendar_gap": Spec(("title", "year")),
         "event_missing": Spec(("title", "event")), "unknown_start": Spec(("title",)),
         "completion_unknown": Spec(("title", "authority")), "completion_last_dated": Spec(("title", "day")),
         "national_not_encoded": Spec(("day", "first")), "matches_national": Spec(("day", "label")),
         "differs_from_national": Spec(("day", "label", "differences")), "national_summary": Spec(("summary",)),
         "national_completion": Spec(("label", "day")), "county_only": Spec(_STAGE_WORDS),
         "county_differs": Spec((*_STAGE_WORDS, "national_authority", "national_title", "national_period")),
         "national_only": Spec(_STAGE_WORDS), "renewal_until": Spec(("due",))}

DECIDED, LATE, OPEN, OVERDUE = "decided", "late", "open", "overdue"

Moment = dt.date  # a date, or a datetime for hour procedures (datetime is a date subclass)


# -- the data -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    amount: int
    unit: str
    direction: str = "after"
    duty: str = "party"  # a backward period's: whose duty it is (periods.DUTIES)


@dataclass(frozen=True)
class Extension:
    """An extension the law allows (延长), at most `times` times `amount`."""

    amount: int
    unit: str
    times: int
    condition: str
    basis: str

    @property
    def most(self) -> int:
        return self.amount * self.times


@dataclass(frozen=True)
class PauseRule:
    """The law says some time is not counted in this stage (e.g. 行政许可法 第四十五条)."""

    basis: str
    reason: str


@dataclass(frozen=True)
class Earliest:
    amount: int
    unit: str
    what: str
    basis: str


@dataclass(frozen=True)
class Renewal:
    """One link of a chain of extensions the law allows one after another, each with its own
    approver and condition (刑事诉讼法 第一百五十六条、第一百五十八条、第一百五十九条; 继续盘问规定
    第十一条、第十七条). `least` < `amount` where the law allows a range (延长一日至四日)."""

    amount: int
    unit: str
    least: int
    approver: str
    condition: str
    basis: str


@dataclass(frozen=True)
class Restart:
    """The law restarts the period from a later day (刑事诉讼法 第一百六十条: 另有重要罪行)."""

    basis: str
    reason: str


@dataclass(frozen=True)
class Counting:
    """Which article says how this stage's period is counted, where it is not the administrative
    case rules' 第三十五条 (periods.toml): `start` for the day not counted, `holiday` for moving (or
    not moving) off a holiday and for hour periods."""

    start: str | None = None
    holiday: str | None = None


@dataclass(frozen=True)
class DecidedAmount:
    """The period's length is set by a decision within the law's most (行政拘留的日数)."""

    what: str
    basis: str


@dataclass(frozen=True)
class Variant:
    """An alternative period the law sets for named circumstances (偏远地区, 可能适用行政拘留…)."""

    code: str
    title: str
    span: Span
    basis: str
    extension: Extension | None = None


@dataclass(frozen=True)
class Stage:
    id: str
    authority: str
    title: str
    kind: str
    span: Span | None
    anchor: str
    basis: str
    when: str | None = None
    restricts_liberty: bool = False
    pauses: PauseRule | None = None
    extension: Extension | None = None
    earliest: Earliest | None = None
    variants: tuple[Variant, ...] = ()
    renewals: tuple[Renewal, ...] = ()
    restart: Restart | None = None
    counting: Counting = Counting()
    decided_amount: DecidedAmount | None = None
    short: str = ""  # the label the pages and the CLI show (the title where it is short enough)
    issues: str | None = None  # what the applicant obtains at its end (《网络文化经营许可证》), if anything

    @property
    def optional(self) -> bool:
        """A stage that happens only in some cases (不服时, 不许可时) does not end the procedure."""
        return self.when is not None

    def variant(self, code: str) -> Variant | None:
        return next((v for v in self.variants if v.code == code), None)


@dataclass(frozen=True)
class Version(Effective):
    label: str | None
    start_label: str | None
    summary: str | None
    stages: tuple[Stage, ...]

    @property
    def effective_from(self) -> dt.date | None:
        """The answers' name for `first` (a procedure's version may have no start: the one before any other)."""
        return self.first

    @property
    def effective_until(self) -> dt.date | None:
        return self.until

    @property
    def hours(self) -> bool:
        return any(s.span is not None and s.span.unit == HOURS for s in self.stages)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    start_label: str
    versions: tuple[Version, ...]
    event_label: str | None = None
    seed: str | None = None
    compare_with: str | None = None
    remarks: tuple[str, ...] = ()
    digest: str = ""  # of the procedure's table in its schedule file

    def version_on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.in_force(day)), None)

    @property
    def latest(self) -> Version:
        return max(self.versions, key=lambda v: v.effective_from or dt.date.min)


@dataclass(frozen=True)
class Timelines:
    procedures: dict[str, Procedure]
    texts: dict[str, Text]
    notes: dict[str, Text] = field(default_factory=dict)  # NOTES: a note's words by its code

    def note(self, code: str, **values) -> str:
        return self.notes[code].say(**values)

    def get(self, procedure_id: str) -> Procedure:
        try:
            return self.procedures[procedure_id]
        except KeyError:
            raise NotFound(f"没有编号为 {procedure_id} 的办理程序") from None

    def __iter__(self):
        return iter(self.procedures.values())


# -- loading --------------------------------------------------------------------------------------

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"procedure": "id", "texts": "*", "notes": "*"}

# The keys each table of a timelines/*.toml file may have (calc.schedules refuses any other).
_SPAN = Keys("amount", "unit", "direction", "duty")
_EXTENSION = Keys("amount", "unit", "times", "condition", basis=BASIS)
_COUNTING = Keys(start=BASIS, holiday=BASIS)
_STAGE = Keys("id", "authority", "title", "short", "issues", "kind", "anchor", "when", "restricts_liberty",
              basis=BASIS, period=_SPAN, pauses=Keys("reason", basis=BASIS), extension=_EXTENSION,
              earliest=Keys("amount", "unit", "direction", "what", basis=BASIS),
              variant=Keys("code", "title", basis=BASIS, period=_SPAN, extension=_EXTENSION),
              renewal=Keys("amount", "least", "approver", "condition", basis=BASIS),
              restart=Keys("reason", basis=BASIS), decided_amount=Keys("what", basis=BASIS), counting=_COUNTING)
KEYS = Keys(
    procedure=Keys("id", "title", "start_label", "event_label", "seed", "compare_with", "remarks", "summary",
                   effective=EFFECTIVE, stage=_STAGE, counting=_COUNTING,
                   version=Keys("label", "start_label", "summary", effective=EFFECTIVE, stage=_STAGE,
                                counting=_COUNTING)),
    texts=Named(Keys("text", basis=BASIS)),
    notes=Named(Keys("text", basis=BASIS)),  # a note has no basis: calc.texts.load says so
)


def load(sources: list[Source], base: dict) -> Timelines:
    sources = attach(sources, base)
    procedures: dict[str, Procedure] = {}
    where: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        unknown = set(source.data) - {"procedure", "texts", "notes"}
        if unknown:
            root.fail(f"未知的项：{'、'.join(sorted(unknown))}")
        for node in root.children("procedure", required=False):
            proc = _procedure(node)
            if proc.id in procedures:
                node.fail(f"编号重复，已见于 {where[proc.id]}", "id")
            procedures[proc.id] = proc
            where[proc.id] = source.name
    home = "timelines/texts.toml"  # an area with no procedure says nothing, so needs no words
    texts = wording.load(sources, TEXTS, "texts", home, required=False)
    notes = wording.load(sources, NOTES, "notes", home, required=False)
    if procedures:
        wording.require(home, ("texts", texts, TEXTS), ("notes", notes, NOTES))
    for proc in procedures.values():
        if proc.compare_with and proc.compare_with not in procedures:
            raise ScheduleError(where[proc.id], f"{proc.id}.compare_with",
                                f"没有编号为 {proc.compare_with} 的程序")
    return Timelines(procedures, texts, notes)


def _procedure(node: Node) -> Procedure:
    pid = node.text("id")
    versions_nodes = node.children("version", required=False)
    if versions_nodes and node.has("stage"):
        node.fail("stage 与 version 只能二选一")
    event_label = node.text("event_label", None)
    counting = _counting(node)
    if versions_nodes:
        versions = tuple(_version(v, event_label, inherited=counting) for v in versions_nodes)
    else:
        versions = (_version(node, event_label, own=False),)
    _check_versions(node, versions)
    return Procedure(
        id=pid,
        title=node.text("title"),
        start_label=node.text("start_label"),
        versions=versions,
        event_label=event_label,
        seed=node.text("seed", None),
        compare_with=node.text("compare_with", None),
        remarks=tuple(node.get("remarks", list, [])),
        digest=node.digest,
    )


def _check_versions(node: Node, versions: tuple[Version, ...]):
    if len(versions) == 1:
        return
    ordered = sorted(versions, key=lambda v: v.effective_from or dt.date.min)
    for v in ordered:
        if v.effective_from is None:
            node.fail("有多个版本时，每个版本都须写明 effective", "version")
    for a, b in zip(ordered, ordered[1:]):
        if a.effective_until is None or a.effective_until >= b.effective_from:
            node.fail(f"版本施行期间重叠：{a.label} 与 {b.label}", "version")


def _version(node: Node, event_label: str | None, own: bool = True,
             inherited: Counting | None = None) -> Version:
    first = until = None
    if node.has("effective"):
        first, until = node.effective()
    stages: list[Stage] = []
    counting = _counting(node) or inherited
    for s in node.children("stage"):
        stages.append(_stage(s, stages, event_label, counting))
    if not stages:
        node.fail("至少要有一个阶段", "stage")
    return Version(
        label=node.text("label", None) if own else None,
        first=first,
        until=until,
        start_label=node.text("start_label", None) if own else None,
        summary=node.text("summary", None),
        stages=tuple(stages),
    )


def _span(node: Node, key: str = "period") -> Span:
    p = node.child(key)
    unit = p.text("unit")
    if unit not in UNITS:
        p.fail(f"未知的单位（可用：{'、'.join(UNITS)}）", "unit")
    direction = p.text("direction", "after")
    if direction not in ("after", "before"):
        p.fail("direction 应为 after 或 before", "direction")
    limit = HOUR_LIMIT if unit == HOURS else periods.LIMITS[unit]
    amount = p.number("amount", minimum=1, maximum=limit)
    if not isinstance(amount, int):
        p.fail("应为整数", "amount")
    if unit == HOURS and direction != "after":
        p.fail("以小时计算的期间只能向后计算", "direction")
    duty = p.text("duty", "party") if key == "period" else "party"  # an earliest day has no duty
    if duty not in periods.DUTIES:
        p.fail(f"duty 应为 {'、'.join(periods.DUTIES)}", "duty")
    if duty != "party" and direction != "before":
        p.fail("只有向前计算的期间需要写明 duty", "duty")
    return Span(amount, unit, direction, duty)


def _extension(node: Node, key: str = "extension") -> Extension | None:
    e = node.child(key, None)
    if e is None:
        return None
    unit = e.text("unit")
    if unit not in periods.UNITS:
        e.fail(f"未知的单位（可用：{'、'.join(periods.UNITS)}）", "unit")
    amount = e.number("amount", minimum=1, maximum=periods.LIMITS[unit])
    times = e.number("times", 1, minimum=1, maximum=10)
    if not isinstance(amount, int) or not isinstance(times, int):
        e.fail("amount、times 应为整数")
    if amount * times > periods.LIMITS[unit]:
        e.fail(f"延长总量超过 {periods.LIMITS[unit]}", "times")
    return Extension(amount, unit, times, e.text("condition"), e.basis())


def _counting(node: Node) -> Counting | None:
    c = node.child("counting", None)
    if c is None:
        return None
    return Counting(c.basis("start", None), c.basis("holiday", None))


def _renewals(node: Node, span: Span | None) -> tuple[Renewal, ...]:
    out = []
    for r in node.children("renewal", required=False):
        if span is None or span.direction == "before":
            r.fail("只有向后计算的期间可以逐次延长", "amount")
        limit = HOUR_LIMIT if span.unit == HOURS else periods.LIMITS[span.unit]
        amount = r.number("amount", minimum=1, maximum=limit)
        least = r.number("least", amount, minimum=1, maximum=amount)
        if not isinstance(amount, int) or not isinstance(least, int):
            r.fail("amount、least 应为整数")
        out.append(Renewal(amount, span.unit, least, r.text("approver"), r.text("condition"), r.basis()))
    if span is not None and span.unit == HOURS and span.amount + sum(x.amount for x in out) > HOUR_LIMIT:
        node.fail(f"以小时计算的期间连同延长不能超过 {HOUR_LIMIT} 小时", "renewal")
    return tuple(out)


def _check_anchor_units(node: Node, stage_span: Span | None, anchor: str, before: list[Stage]):
    """An hour stage needs a moment to count from: the start, or an earlier hour stage's end."""
    if stage_span is None or stage_span.unit != HOURS:
        return
    if anchor == "event":
        node.fail("以小时计算的阶段不能以 event（日期）为基准", "anchor")
    prior = before[-1] if anchor in ("previous", "previous-decided") and before else \
        next((s for s in before if s.id == anchor), None)
    if prior is not None and (prior.span is None or prior.span.unit != HOURS):
        node.fail("以小时计算的阶段只能以起算时间或以小时计算的阶段为基准", "anchor")


def _stage(node: Node, before: list[Stage], event_label: str | None,
           counting: Counting | None = None) -> Stage:
    sid = node.text("id")
    if any(s.id == sid for s in before):
        node.fail("阶段编号重复", "id")
    kind = node.text("kind", DEADLINE)
    if kind not in KINDS:
        node.fail(f"未知的阶段类型（可用：{'、'.join(KINDS)}）", "kind")
    span = _span(node) if node.has("period") else None
    if kind in WITH_PERIOD and span is None:
        node.fail(f"{kind} 类阶段须有 period", "period")
    if kind not in WITH_PERIOD and span is not None:
        node.fail(f"{kind} 类阶段不能有 period", "period")
    anchor = node.text("anchor", "previous" if before else "start")
    if anchor not in ANCHORS and not any(s.id == anchor for s in before):
        node.fail(f"anchor 应为 {'、'.join(ANCHORS)} 或前面某一阶段的编号", "anchor")
    if anchor == "event" and not event_label:
        node.fail("以 event 为基准的阶段，程序须写明 event_label", "anchor")
    if span is not None and span.direction == "before" and kind != DEADLINE:
        node.fail("向前计算的阶段只能是 deadline 类", "kind")
    pauses = None
    if node.has("pauses"):
        p = node.child("pauses")
        pauses = PauseRule(p.basis(), p.text("reason"))
        if span is None or span.direction == "before" or span.unit == HOURS:
            node.fail("只有向后计算的日期期间可以有不计入期间", "pauses")
    extension = _extension(node)
    if extension is not None and (span is None or span.direction == "before" or span.unit == HOURS):
        node.fail("只有向后计算的日期期间可以延长", "extension")
    renewals = _renewals(node, span)
    if renewals and extension is not None:
        node.fail("extension 与 renewal 只能二选一", "renewal")
    _check_anchor_units(node, span, anchor, before)
    restart = None
    if node.has("restart"):
        r = node.child("restart")
        restart = Restart(r.basis(), r.text("reason"))
        if span is None or span.unit == HOURS:
            node.fail("只有以日、月计算的期间可以重新计算", "restart")
    decided_amount = None
    if node.has("decided_amount"):
        d = node.child("decided_amount")
        decided_amount = DecidedAmount(d.text("what"), d.basis())
        if span is None or span.unit == HOURS or span.direction == "before":
            node.fail("只有向后计算的日期期间可以由决定确定长度", "decided_amount")
    earliest = None
    if node.has("earliest"):
        e = node.child("earliest")
        espan = _span(node, "earliest")
        earliest = Earliest(espan.amount, espan.unit, e.text("what"), e.basis())
        if espan.unit == HOURS:
            e.fail("最早日期不能以小时计算", "unit")
    variants = []
    for v in node.children("variant", required=False):
        vspan = _span(v)
        if span is None or (vspan.unit == HOURS) != (span.unit == HOURS) or vspan.direction != span.direction:
            v.fail("变体的期间须与本阶段同为小时或同为日期、方向相同", "period")
        code = v.text("code")
        if any(x.code == code for x in variants):
            v.fail("变体编号重复", "code")
        variants.append(Variant(code, v.text("title"), vspan, v.basis(), _extension(v)))
    return Stage(
        id=sid,
        authority=node.text("authority"),
        title=node.text("title"),
        short=node.text("short", None) or node.text("title"),
        issues=node.text("issues", None),
        kind=kind,
        span=span,
        anchor=anchor,
        basis=node.basis(),
        when=node.text("when", None),
        restricts_liberty=node.get("restricts_liberty", bool, False),
        pauses=pauses,
        extension=extension,
        earliest=earliest,
        variants=tuple(variants),
        renewals=renewals,
        restart=restart,
        counting=_counting(node) or counting or Counting(),
        decided_amount=decided_amount,
    )


# -- the answer -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EarliestDate:
    date: dt.date
    amount: int
    unit: str
    what: str
    basis: str


@dataclass(frozen=True)
class StageResult:
    stage: Stage
    start: Moment | None
    due: Moment | None
    span: Span | None
    basis: str
    steps: tuple[Step, ...]
    decided: Moment | None = None
    status: str = OPEN
    variant: Variant | None = None
    extension: tuple[int, str, str] | None = None  # amount, unit, basis (with its condition)
    pauses: tuple[DateRange, ...] = ()
    earliest: EarliestDate | None = None
    provisional: bool = False
    calendar_years: tuple[int, ...] = ()
    range: tuple[Moment, Moment] | None = None  # provisional due: where the real one can fall

    @property
    def end(self) -> Moment | None:
        """The day the next stage starts from: decided if the caller said so, else the due date."""
        return self.decided if self.decided is not None else self.due


@dataclass(frozen=True)
class Note:
    code: str
    text: str
    details: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Timeline:
    procedure: Procedure
    version: Version
    start: Moment
    event: dt.date | None
    stages: tuple[StageResult, ...]
    completion: Moment | None
    notes: tuple[Note, ...]
    provisional: bool
    calendar_years: tuple[int, ...]
    completion_range: tuple[Moment, Moment] | None = None


def estimate(timelines: Timelines, procedure_id: str, start: Moment, book: CalendarBook,
             rules: periods.CountingRules, *, actual: Mapping[str, Moment] | None = None,
             pauses: Mapping[str, Sequence[DateRange]] | None = None,
             extensions: Mapping[str, bool | int] | None = None,
             variants: Mapping[str, str] | None = None, event: dt.date | None = None,
             as_of: Moment | None = None, provisional: bool = False, bracket: bool = True,
             restarts: Mapping[str, dt.date] | None = None,
             durations: Mapping[str, int] | None = None) -> Timeline:
    """Every stage's start and due date, chained in the worst case, and the completion date.

    A provisional timeline is counted again on the two extreme books (workcal.CalendarBook.bounds),
    so each estimated date says where the real one can fall (`bracket=False` skips that).
    `restarts` {stage: day}: the law counts the stage anew from that day (另有重要罪行);
    `durations` {stage: n}: the length a decision set, within the law's most (行政拘留的日数)."""
    proc = timelines.get(procedure_id)
    actual, pauses = dict(actual or {}), dict(pauses or {})
    extensions, variants = dict(extensions or {}), dict(variants or {})
    restarts, durations = dict(restarts or {}), dict(durations or {})
    version = _choose_version(proc, start)
    _check_inputs(proc, version, start, actual, pauses, extensions, variants, event)
    _check_more(version, actual, restarts, durations)
    chain = _Chain(timelines, proc, version, start, event, book, rules, provisional, as_of)
    chain.restarts, chain.durations = restarts, durations
    results = tuple(chain.run(actual, pauses, extensions, variants))
    notes = list(chain.notes)
    completion = _completion(timelines, results, notes)
    if proc.compare_with:
        notes.append(_compare(timelines, proc, version, start, results, book, rules, provisional))
    notes.extend(Note("remark", r) for r in proc.remarks)
    assumptions = dict.fromkeys(a for a in chain.assumptions)
    notes.extend(Note("provisional", a) for a in assumptions)
    years = sorted({y for r in results for y in r.calendar_years})
    t = Timeline(proc, version, start, event, results, completion, tuple(notes),
                 any(r.provisional for r in results), tuple(years))
    if t.provisional and bracket:
        others = [estimate(timelines, procedure_id, start, b, rules, actual=actual, pauses=pauses,
                           extensions=extensions, variants=variants, event=event, as_of=as_of,
                           provisional=True, bracket=False, restarts=restarts, durations=durations)
                  for b in book.bounds]
        t = _with_ranges(t, others)
    return t


def _span_of(*moments: Moment | None) -> tuple[Moment, Moment] | None:
    known = [m for m in moments if m is not None]
    if len(known) < len(moments) or len({type(m) for m in known}) != 1:
        return None  # a stage with no due date on one book, or counted in hours on one and days on another
    return min(known), max(known)


def _with_ranges(t: Timeline, others: list[Timeline]) -> Timeline:
    stages = []
    for i, r in enumerate(t.stages):
        alike = [o.stages[i] for o in others if i < len(o.stages) and o.stages[i].stage.id == r.stage.id]
        if r.provisional and len(alike) == len(others):
            r = replace(r, range=_span_of(r.due, *(a.due for a in alike)))
        stages.append(r)
    done = _span_of(t.completion, *(o.completion for o in others)) if t.completion is not None else None
    return replace(t, stages=tuple(stages), completion_range=done)


def _day(moment: Moment) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def _choose_version(proc: Procedure, start: Moment) -> Version:
    version = proc.version_on(_day(start))
    if version is None:
        spans = "；".join(f"{v.label}：{v.effective_from or '—'}至{v.effective_until or '今'}"
                         for v in proc.versions)
        raise InvalidInput(f"{_day(start)} 时没有已收录的施行版本（已收录：{spans}）", field="start")
    return version


def _check_inputs(proc, version, start, actual, pauses, extensions, variants, event):
    ids = [s.id for s in version.stages]
    known = "、".join(ids)
    if version.hours and not isinstance(start, dt.datetime):
        raise InvalidInput("以小时计算的程序，start 须为日期时间，如 2026-02-16T20:30", field="start")
    if not version.hours and isinstance(start, dt.datetime):
        raise InvalidInput("本程序以日计算，start 应为日期（YYYY-MM-DD）", field="start")
    for name, given in (("actual", actual), ("pauses", pauses), ("extensions", extensions),
                        ("variants", variants)):
        for sid in given:
            if sid not in ids:
                raise InvalidInput(f"本程序没有阶段 {sid}（阶段编号：{known}）", field=f"{name}.{sid}")
    for sid, moment in actual.items():
        stage = version.stage(sid)
        clock = stage.span is not None and stage.span.unit == HOURS
        if version.hours and not clock:
            continue  # a day stage of a procedure that also counts hours: _check_more takes the day
        if version.hours != isinstance(moment, dt.datetime):
            need = "日期时间" if version.hours else "日期（YYYY-MM-DD）"
            raise InvalidInput(f"实际日期应为{need}", field=f"actual.{sid}")
    for sid, ranges in pauses.items():
        stage = version.stage(sid)
        if ranges and stage.pauses is None:
            raise InvalidInput(f"阶段「{stage.title}」依法没有不计入期间的规定", field=f"pauses.{sid}")
        for i, r in enumerate(ranges):
            if r.end < r.start:
                raise InvalidInput("结束日不能早于开始日", field=f"pauses.{sid}[{i}].end")
    for sid, wanted in extensions.items():
        stage = version.stage(sid)
        code = variants.get(sid)
        variant = stage.variant(code) if code else None
        rule = variant.extension if variant else stage.extension
        if wanted is False:
            continue
        if stage.renewals and variant is None:
            renewal_plan(stage, wanted, f"extensions.{sid}")
            continue
        if rule is None:
            raise InvalidInput(f"阶段「{stage.title}」依法不能延长", field=f"extensions.{sid}")
        if wanted is not True and (isinstance(wanted, bool) or not isinstance(wanted, int)
                                   or not 1 <= wanted <= rule.most):
            raise InvalidInput(f"延长量应为 true 或 1 至 {rule.most} 之间的整数（{rule.unit}）",
                               field=f"extensions.{sid}")
    for sid, code in variants.items():
        stage = version.stage(sid)
        if stage.variant(code) is None:
            codes = "、".join(v.code for v in stage.variants) or "无"
            raise InvalidInput(f"阶段「{stage.title}」没有情形 {code}（可用：{codes}）", field=f"variants.{sid}")
    needs_event = any(s.anchor == "event" for s in version.stages)
    if event is not None and not needs_event:
        raise InvalidInput("本程序没有以 event 为基准的阶段", field="event")


def _check_more(version, actual, restarts, durations):
    """The inputs this module added for custody and detention: restarts and decided lengths."""
    ids = "、".join(s.id for s in version.stages)
    for sid, moment in list(actual.items()):
        stage = version.stage(sid)
        if isinstance(moment, dt.datetime) and (stage.span is None or stage.span.unit != HOURS):
            actual[sid] = moment.date()  # a day stage is decided on a day (刑事诉讼法 第一百零五条)
    for sid, day in restarts.items():
        stage = version.stage(sid)
        if stage is None:
            raise InvalidInput(f"本程序没有阶段 {sid}（阶段：{ids}）", field=f"restarts.{sid}")
        if stage.restart is None:
            raise InvalidInput(f"阶段 {sid} 依法没有重新计算期限的规定", field=f"restarts.{sid}")
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InvalidInput("重新计算的起算日应为日期（YYYY-MM-DD）", field=f"restarts.{sid}")
    for sid, n in durations.items():
        stage = version.stage(sid)
        if stage is None:
            raise InvalidInput(f"本程序没有阶段 {sid}（阶段：{ids}）", field=f"durations.{sid}")
        if stage.decided_amount is None:
            raise InvalidInput(f"阶段 {sid} 的期间由法律规定，不能另行指定", field=f"durations.{sid}")
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= stage.span.amount:
            raise InvalidInput(f"{stage.decided_amount.what}应为 1 至 {stage.span.amount} 之间的整数"
                               f"（{stage.decided_amount.basis}）", field=f"durations.{sid}")


def renewal_plan(stage: Stage, wanted: bool | int, field_name: str) -> list[tuple[Renewal, int]]:
    """The links of the chain that `wanted` units use, in the law's order: `true` all of them; a
    number must end within one link's range (e.g. 1, 3 or 5 months for 侦查羁押), since each
    extension is approved whole before the next may be asked for."""
    chain = stage.renewals
    if wanted is True:
        return [(r, r.amount) for r in chain]
    valid = not isinstance(wanted, bool) and isinstance(wanted, int) and wanted >= 1
    plan, left = [], wanted if valid else -1
    for r in chain:
        if left <= 0:
            break
        if left < r.least:
            break
        take = min(left, r.amount)
        plan.append((r, take))
        left -= take
        if take < r.amount:
            break
    if left != 0:
        unit = {"days": "日", "months": "个月", "workdays": "个工作日", "years": "年", HOURS: "小时"}[stage.span.unit]
        allowed, total = [], 0
        for r in chain:
            allowed.append(f"{total + r.least}" if r.least == r.amount else f"{total + r.least}至{total + r.amount}")
            total += r.amount
        raise InvalidInput(f"阶段 {stage.id} 依法可延长{'、'.join(allowed)}{unit}（逐次批准，"
                           f"共计至多{total}{unit}），或 true", field=field_name)
    return plan


class _Chain:
    """Walks the stages in order; each one's start comes from the stage (or date) it hangs on."""

    def __init__(self, timelines, proc, version, start, event, book, rules, provisional, as_of):
        self.texts, self.timelines = timelines.texts, timelines
        self.proc, self.version, self.start, self.event = proc, version, start, event
        self.book, self.rules, self.provisional, self.as_of = book, rules, provisional, as_of
        self.done: dict[str, StageResult] = {}
        self.restarts: dict[str, dt.date] = {}
        self.durations: dict[str, int] = {}
        self.last: StageResult | None = None
        self.notes: list[Note] = []
        self.assumptions: list[str] = []
        if len(proc.versions) > 1:
            self.notes.append(Note("version", timelines.note("version", day=_day(start), label=version.label), {
                "label": version.label, "effective_from": version.effective_from,
                "effective_until": version.effective_until}))

    def run(self, actual, pauses, extensions, variants):
        for stage in self.version.stages:
            result = self.stage(stage, actual.get(stage.id), pauses.get(stage.id, ()),
                                extensions.get(stage.id, False), variants.get(stage.id))
            self.done[stage.id] = result
            if stage.kind != PREREQUISITE:
                self.last = result
            yield result

    def anchor(self, stage: Stage) -> Moment | None:
        a = stage.anchor
        if a == "start" or (a in ("previous", "previous-decided") and self.last is None):
            return self.start
        if a == "previous":
            return self.last.end
        if a == "previous-decided":
            return self.last.decided if self.last.decided is not None else self.start
        if a == "event":
            return self.event
        return self.done[a].end

    def stage(self, stage: Stage, decided, pauses, wanted, code) -> StageResult:
        variant = stage.variant(code) if code else None
        span = variant.span if variant else stage.span
        basis = variant.basis if variant else stage.basis
        if stage.kind == PREREQUISITE:
            step = self.texts["prerequisite"].step(_day(self.start), title=stage.title, basis=basis)
            return self._finish(stage, None, self.start, span, basis, (step,), decided)
        begin = self.anchor(stage)
        if begin is None:
            self._unknown_start(stage)
            return self._finish(stage, None, None, span, basis, (), decided)
        self._check_decided(stage, begin, decided)
        if stage.kind == NONE:
            step = self.texts["none"].step(_day(begin), basis=basis)
            return self._finish(stage, begin, None, span, basis, (step,), decided)
        if stage.kind == ON_THE_SPOT:
            step = self.texts["on_the_spot"].step(_day(begin), title=stage.title, basis=basis)
            return self._finish(stage, begin, begin, span, basis, (step,), decided)
        if span.unit == HOURS:
            return self._hours(stage, begin, span, basis, decided, variant, wanted)
        if isinstance(begin, dt.datetime):
            begin = begin.date()  # 期间开始的日不算在期间以内: a day period counts from the next day
        if stage.id in self.durations:
            span = Span(self.durations[stage.id], span.unit, span.direction)
        if stage.id in self.restarts:
            return self._restarted(stage, begin, span, basis, decided, variant, pauses, wanted)
        try:
            return self._days(stage, begin, span, basis, decided, variant, pauses, wanted)
        except CalendarGap as gap:
            if not stage.optional:
                raise
            # A stage that happens only in some cases (复议, 诉讼) must not cost the answer its
            # certain stages: it is left undated, and the note says why and how to get it.
            text = self.timelines.note("calendar_gap", title=stage.title, year=gap.year)
            self.notes.append(Note("calendar_gap", text, {"stage": stage.id, "year": gap.year}))
            return self._finish(stage, begin, None, span, basis, (), decided, variant=variant)

    def _hours(self, stage, begin, span, basis, decided, variant, wanted=False) -> StageResult:
        due = periods.hours_after(begin, span.amount)
        code = "hours" if stage.restricts_liberty else "hours_plain"
        said = self.texts[code].step(due.date(), start=_clock(begin), n=span.amount, due=_clock(due))
        steps = [replace(said, basis=join(basis, stage.counting.holiday or said.basis))]
        applied = None
        if wanted is not False and stage.renewals and variant is None:
            plan = renewal_plan(stage, wanted, f"extensions.{stage.id}")
            for k, (r, n) in enumerate(plan, 1):
                due = periods.hours_after(due, n)
                steps.append(self._renewal_step(k, r, n, due.date(), self.timelines.note("renewal_until", due=_clock(due))))
            total = sum(n for _, n in plan)
            applied = (total, HOURS, join(*(annotated(r.basis, r.approver) for r, _ in plan)))
        return self._finish(stage, begin, due, span, basis, steps, decided, variant=variant, extension=applied)

    def _renewal_step(self, k, r: Renewal, n, day, tail="") -> Step:
        said = self.texts["renewal"].step(day, k=k, approver=r.approver, n=n, unit=self.rules.units[r.unit],
                                          condition=r.condition, basis=r.basis)
        return replace(said, rule=said.rule + tail)

    def _restarted(self, stage, begin, span, basis, decided, variant, pauses, wanted) -> StageResult:
        """第一百六十条: the period counts anew from the day the other major crime was found, which
        must fall within the period first counted (在侦查期间)."""
        day = self.restarts[stage.id]
        first = self._days(stage, begin, span, basis, None, variant, pauses, wanted)
        if day < begin or day > first.due:
            raise InvalidInput(f"重新计算的起算日 {day} 应在原期间 {begin} 至 {first.due} 之内",
                               field=f"restarts.{stage.id}")
        again = self._days(stage, day, span, basis, decided, variant, pauses, wanted)
        step = self.texts["restart"].step(day, day=day.isoformat(), first=first.due.isoformat(),
                                          reason=stage.restart.reason, basis=stage.restart.basis)
        return replace(again, steps=(step, *again.steps))

    def _days(self, stage, begin, span, basis, decided, variant, pauses, wanted) -> StageResult:
        no_roll = stage.kind in (TERM, ELIGIBLE) or stage.restricts_liberty
        rule = variant.extension if variant else stage.extension
        chunks: list[int] = []
        applied = None
        if wanted is not False and stage.renewals and variant is None:
            return self._renewed(stage, begin, span, basis, decided, variant, pauses, wanted, no_roll)
        if wanted is not False and rule is not None:
            total = rule.most if wanted is True else wanted
            chunks = periods.instalments(total, rule.amount)
            applied = (total, rule.unit, annotated(rule.basis, rule.condition))
        ranges = tuple(DateRange(p.start, p.end, p.reason or stage.pauses.reason, stage.pauses.basis)
                       for p in pauses)
        provisional = self.provisional and not no_roll
        # each extension (延长以二次为限) runs on from the last day of the one before, as the law
        # sets it: only the extended period's last day moves off a rest day (periods.due)
        links = [periods.Link(Period(n, rule.unit, restricts_liberty=no_roll), applied[2]) for n in chunks]
        d = periods.due(begin, Period(span.amount, span.unit, span.direction, restricts_liberty=no_roll,
                                      duty=span.duty),
                        self.book, self.rules, pauses=ranges, provisional=provisional, extensions=links)
        steps, due, years, guessed = list(d.steps), d.due, d.calendar_years, d.provisional
        self.assumptions.extend(d.assumptions)
        if stage.kind in (TERM, ELIGIBLE) and not stage.restricts_liberty:
            steps = self._as_term(steps, stage)
        steps = self._counted_by(stage, steps, span)
        earliest = self._earliest(stage, begin)
        return self._finish(stage, begin, due, span, basis, steps, decided, variant=variant,
                            extension=applied, pauses=ranges, earliest=earliest,
                            provisional=guessed, years=() if no_roll else sorted(years))

    def _renewed(self, stage, begin, span, basis, decided, variant, pauses, wanted, no_roll) -> StageResult:
        """The first period, then each extension of the chain from the last day of the one before,
        all counted as one period by `periods.due` (a custody period never moves for a holiday)."""
        plan = renewal_plan(stage, wanted, f"extensions.{stage.id}")
        ranges = tuple(DateRange(p.start, p.end, p.reason or stage.pauses.reason, stage.pauses.basis)
                       for p in pauses)
        provisional = self.provisional and not no_roll
        links = [periods.Link(Period(n, r.unit, restricts_liberty=no_roll), r.basis, self._renewal_step(k, r, n, None))
                 for k, (r, n) in enumerate(plan, 1)]
        d = periods.due(begin, Period(span.amount, span.unit, span.direction, restricts_liberty=no_roll),
                        self.book, self.rules, pauses=ranges, provisional=provisional, extensions=links)
        due, years, guessed = d.due, d.calendar_years, d.provisional
        self.assumptions.extend(d.assumptions)
        steps = self._counted_by(stage, d.steps, span)
        total = sum(n for _, n in plan)
        applied = (total, span.unit, join(*(annotated(r.basis, r.approver) for r, _ in plan)))
        return self._finish(stage, begin, due, span, basis, steps, decided, variant=variant,
                            extension=applied, pauses=ranges, provisional=guessed,
                            years=() if no_roll else sorted(years))

    def _counted_by(self, stage, steps, span):
        """Cite the article that governs this stage's counting (刑事诉讼法 第一百零五条, 拘留所条例
        第三十二条) where it is not the administrative case rules' 第三十五条; say the length a
        decision set."""
        c = stage.counting
        out = list(steps)
        if c.start or c.holiday:
            swap = {}
            if c.start:
                swap["start_excluded"] = c.start
            if c.holiday:
                swap["roll_forward"] = swap["no_roll"] = swap["not_last_day"] = c.holiday
            out = [replace(s, basis=swap[s.code]) if s.code in swap else s for s in out]
        if stage.id in self.durations and stage.decided_amount is not None and out:
            d = stage.decided_amount
            out.insert(0, self.texts["duration"].step(out[0].date, what=d.what, n=span.amount, most=stage.span.amount,
                                                      unit=self.rules.units[span.unit], basis=d.basis))
        return tuple(out)

    def _as_term(self, steps, stage):
        """A term ends on its corresponding day: say why, instead of citing the liberty rule."""
        term = self.texts["term"]
        return tuple(term.step(s.date, what=stage.title) if s.code == "no_roll" else s for s in steps)

    def _earliest(self, stage, begin) -> EarliestDate | None:
        e = stage.earliest
        if e is None:
            return None
        d = periods.due(begin, Period(e.amount, e.unit, restricts_liberty=True), self.book, self.rules)
        return EarliestDate(d.due, e.amount, e.unit, e.what, e.basis)

    def _check_decided(self, stage, begin, decided):
        if decided is None:
            return
        if isinstance(decided, dt.datetime) != isinstance(begin, dt.datetime):
            decided, begin = _day(decided), _day(begin)  # a day stage of a procedure that counts hours
        if stage.span is not None and stage.span.direction == "before":
            if decided > begin:
                raise InvalidInput(f"实际日期 {decided} 晚于本阶段的基准日 {begin}", field=f"actual.{stage.id}")
        elif decided < begin:
            raise InvalidInput(f"实际日期 {decided} 早于本阶段的起算日 {begin}", field=f"actual.{stage.id}")

    def _unknown_start(self, stage):
        if stage.anchor == "event":
            text = self.timelines.note("event_missing", title=stage.title, event=self.proc.event_label)
            self.notes.append(Note("event_missing", text, {"stage": stage.id}))
            return
        text = self.timelines.note("unknown_start", title=stage.title)
        self.notes.append(Note("unknown_start", text, {"stage": stage.id}))

    def _finish(self, stage, begin, due, span, basis, steps, decided, *, variant=None, extension=None,
                pauses=(), earliest=None, provisional=False, years=()) -> StageResult:
        return StageResult(stage, begin, due, span, basis, tuple(steps), decided,
                           self._status(stage, due, decided), variant, extension, tuple(pauses),
                           earliest, provisional, tuple(years))

    def _status(self, stage, due, decided) -> str:
        deadline = stage.kind in (DEADLINE, PREREQUISITE)
        if decided is not None:
            return LATE if deadline and due is not None and decided > due else DECIDED
        if deadline and due is not None and self.as_of is not None and _after(self.as_of, due):
            return OVERDUE
        return OPEN


def _after(a: Moment, b: Moment) -> bool:
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        return _day(a) > _day(b)
    return a > b


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _completion(timelines: Timelines, results: Sequence[StageResult], notes: list[Note]) -> Moment | None:
    """The day the last stage that always happens is decided; unknown if one has no period."""
    needed = [r for r in results if not r.stage.optional and r.stage.kind != PREREQUISITE]
    ends = [r.end for r in needed]
    if all(e is not None for e in ends):
        return max(ends, key=_sort_key) if ends else None
    open_ = next(r for r in needed if r.end is None)
    dated = [r for r in needed if r.end is not None]
    text = timelines.note("completion_unknown", title=open_.stage.title, authority=open_.stage.authority)
    details = {"stage": open_.stage.id}
    if dated:
        last = max(dated, key=lambda r: _sort_key(r.end))
        text += timelines.note("completion_last_dated", title=last.stage.title, day=_day(last.end))
        details.update(last_dated_stage=last.stage.id, last_dated=last.end)
    notes.append(Note("completion_unknown", text, details))
    return None


def _sort_key(m: Moment):
    """A day period runs to the end of its last day, so a date sorts after any time that day."""
    return m if isinstance(m, dt.datetime) else dt.datetime.combine(m, dt.time.max)


# -- county list against the national rule --------------------------------------------------------

def describe(stage: Stage) -> str:
    """A stage's period as a person says it: 20个工作日, 当场办理, 无法定期限…"""
    if stage.kind == ON_THE_SPOT:
        return "当场办理"
    if stage.kind == PREREQUISITE:
        return "申请时须已具备"
    if stage.span is None:
        return "无法定期限"
    unit = {"workdays": "个工作日", "days": "日", "months": "个月", "years": "年", HOURS: "小时"}
    before = "前" if stage.span.direction == "before" else ""
    return f"{stage.span.amount}{unit[stage.span.unit]}{before}"


def differences(timelines: Timelines, county: Version, national: Version, label: str) -> list[tuple[str | None, str]]:
    """(stage id where both texts have the stage, the difference in words people read)."""
    out = []
    for c in county.stages:
        n = national.stage(c.id)
        if n is None:
            out.append((None, timelines.note("county_only", title=c.title, authority=c.authority,
                                             period=describe(c), label=label)))
        elif (c.kind, c.span, c.title) != (n.kind, n.span, n.title):
            out.append((c.id, timelines.note("county_differs", authority=c.authority, title=c.title,
                                             period=describe(c), label=label, national_authority=n.authority,
                                             national_title=n.title, national_period=describe(n))))
    for n in national.stages:
        if county.stage(n.id) is None:
            out.append((None, timelines.note("national_only", label=label, title=n.title, authority=n.authority,
                                             period=describe(n))))
    return out


def _compare(timelines, proc, version, start, results, book, rules, provisional) -> Note:
    other = timelines.get(proc.compare_with)
    day = _day(start)
    national = other.version_on(day)
    if national is None:
        first = min((v.effective_from for v in other.versions if v.effective_from), default=None)
        return Note("national_not_encoded", timelines.note("national_not_encoded", day=day, first=first),
                    {"compare_with": other.id})
    label = national.label or other.title
    pairs = differences(timelines, version, national, label)
    diffs = [text for _, text in pairs]
    # details keep the stage id for programs (the API's bytes as before); the text names stages by title
    details = {"compare_with": other.id, "version": label, "effective_from": national.effective_from,
               "differences": [f"「{sid}」：{text}" if sid else text for sid, text in pairs]}
    if not diffs:
        return Note("matches_national", timelines.note("matches_national", day=day, label=label), details)
    theirs = estimate(timelines, other.id, start, book, rules, provisional=provisional)
    text = timelines.note("differs_from_national", day=day, label=label, differences="；".join(diffs))
    if national.summary:
        text += timelines.note("national_summary", summary=national.summary)
    if theirs.completion is not None:
        text += timelines.note("national_completion", label=label, day=_day(theirs.completion))
        details["national_completion"] = theirs.completion
    return Note("differs_from_national", text, details)
