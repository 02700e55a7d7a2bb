"""schedules/timelines/*.toml -> `Timelines`: every procedure, version and stage read and checked at
start-up, so a bad file stops the service naming the file, the key and the problem. A stage is
read one feature at a time (its period, anchor, pauses, extension, renewals, restart, decided
length, earliest day, variants), in the order the problems are reported."""
from __future__ import annotations


from .. import periods
from .. import texts as wording
from ..effective import overlapping
from ..errors import ScheduleError
from ..laws import attach
from ..nodes import BASIS, EFFECTIVE, Keys, Named, Node, Source
from ..periods import AFTER, BEFORE, DIRECTIONS, DUTIES, HOURS, PARTY, Period
from .model import (ANCHORS, DEADLINE, KINDS, PREREQUISITE, WINDOW, WITH_PERIOD, Counting, DecidedAmount, Earliest, Extension, PauseRule,
                    Procedure, Renewal, Restart, Stage, Timelines, Variant, Version)
from .words import NOTES, TEXTS

UNITS = (*periods.UNITS, HOURS)
# Not a legal number: bounds one hour period (the longest in law is 24 hours).
HOUR_LIMIT = 72

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"procedure": "id", "texts": "*", "notes": "*"}

# The keys each table of a timelines/*.toml file may have (calc.schedules refuses any other).
_PERIOD = Keys("amount", "unit", "direction", "duty")
_EXTENSION = Keys("amount", "unit", "times", "condition", basis=BASIS)
_COUNTING = Keys(start=BASIS, holiday=BASIS, unit=BASIS, days=BASIS, months=BASIS, term=BASIS)
_STAGE = Keys("id", "authority", "title", "short", "issues", "kind", "anchor", "when", "restricts_liberty",
              basis=BASIS, period=_PERIOD, pauses=Keys("reason", basis=BASIS), extension=_EXTENSION,
              earliest=Keys("amount", "unit", "direction", "what", basis=BASIS),
              variant=Keys("code", "title", basis=BASIS, period=_PERIOD, extension=_EXTENSION),
              renewal=Keys("amount", "least", "approver", "condition", basis=BASIS),
              restart=Keys("reason", basis=BASIS), decided_amount=Keys("what", basis=BASIS), counting=_COUNTING)
KEYS = Keys(
    procedure=Keys("id", "title", "start_label", "event_label", "seed", "compare_with", "remarks", "summary",
                   "headline", "caveat", effective=EFFECTIVE, stage=_STAGE, counting=_COUNTING,
                   version=Keys("label", "start_label", "summary", "headline", "caveat", effective=EFFECTIVE,
                                stage=_STAGE, counting=_COUNTING)),
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
            with node.collecting():
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
    versions_nodes = node.children("version", required=False)
    if versions_nodes and node.has("stage"):
        node.fail("stage 与 version 只能二选一")
    event_label = node.text("event_label", None)
    counting = _counting(node)
    headline = node.text("headline", None)
    if versions_nodes:
        versions = tuple(_version(v, event_label, inherited=counting, headline=headline) for v in versions_nodes)
    else:
        versions = (_version(node, event_label, own=False, headline=headline),)
    _check_versions(node, versions)
    return Procedure(
        id=node.text("id"),
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
    if any(v.effective_from is None for v in versions):
        node.fail("有多个版本时，每个版本都须写明 effective", "version")
    if pair := overlapping(versions):
        node.fail(f"版本施行期间重叠：{pair[0].label} 与 {pair[1].label}", "version")


def _version(node: Node, event_label: str | None, own: bool = True,
             inherited: Counting | None = None, headline: str | None = None) -> Version:
    """One version's stages; its `headline` its own where it names one, else the procedure's."""
    first = until = None
    if node.has("effective"):
        first, until = node.effective()
    stages: list[Stage] = []
    counting = _counting(node) or inherited
    for s in node.children("stage"):
        stages.append(_stage(s, stages, event_label, counting))
    if not stages:
        node.fail("至少要有一个阶段", "stage")
    if own:
        headline = node.text("headline", None) or headline
    _check_headline(node, headline, stages)
    return Version(
        label=node.text("label", None) if own else None,
        first=first,
        until=until,
        start_label=node.text("start_label", None) if own else None,
        summary=node.text("summary", None),
        stages=tuple(stages),
        headline=headline,
        caveat=node.text("caveat", None),
    )


def _check_headline(node: Node, headline: str | None, stages: list[Stage]):
    """The stage an answer leads with must be one of the version's stages, and one that has a day
    (a prerequisite is held at the start; it has none of its own)."""
    if headline is None:
        return
    stage = next((s for s in stages if s.id == headline), None)
    if stage is None:
        node.fail(f"没有编号为 {headline} 的阶段（阶段编号：{'、'.join(s.id for s in stages)}）", "headline")
    if stage.kind == PREREQUISITE:
        node.fail(f"阶段 {headline} 是申请时须已具备的条件，没有自己的日期，不能作为标题", "headline")


# -- a stage, one feature at a time ------------------------------------------------------------------

def _stage(node: Node, before: list[Stage], event_label: str | None,
           counting: Counting | None = None) -> Stage:
    sid, kind = _identity(node, before)
    span = _period_of(node, kind)
    anchor = _anchor(node, before, event_label)
    if span is not None and span.direction == BEFORE and kind != DEADLINE:
        node.fail("向前计算的阶段只能是 deadline 类", "kind")
    pauses = _pauses(node, span)
    extension = _extension(node)
    if extension is not None and not _counts_days_forward(span):
        node.fail("只有向后计算的日期期间可以延长", "extension")
    renewals = _renewals(node, span)
    if renewals and extension is not None:
        node.fail("extension 与 renewal 只能二选一", "renewal")
    _check_anchor_units(node, span, anchor, before)
    restart, decided_amount = _restart(node, span), _decided_amount(node, span)
    earliest, variants = _earliest(node, kind), _variants(node, span)
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
        variants=variants,
        renewals=renewals,
        restart=restart,
        counting=_counting(node) or counting or Counting(),
        decided_amount=decided_amount,
    )


def _counts_days_forward(span: Period | None) -> bool:
    """A period of days (or months, years) counted after its start: what days not counted, an
    extension and a decided length apply to."""
    return span is not None and span.direction != BEFORE and span.unit != HOURS


def _identity(node: Node, before: list[Stage]) -> tuple[str, str]:
    sid = node.text("id")
    if any(s.id == sid for s in before):
        node.fail("阶段编号重复", "id")
    kind = node.text("kind", DEADLINE)
    if kind not in KINDS:
        node.fail(f"未知的阶段类型（可用：{'、'.join(KINDS)}）", "kind")
    return sid, kind


def _period_of(node: Node, kind: str) -> Period | None:
    span = _period(node) if node.has("period") else None
    if kind in WITH_PERIOD and span is None:
        node.fail(f"{kind} 类阶段须有 period", "period")
    if kind not in WITH_PERIOD and span is not None:
        node.fail(f"{kind} 类阶段不能有 period", "period")
    return span


def _anchor(node: Node, before: list[Stage], event_label: str | None) -> str:
    anchor = node.text("anchor", "previous" if before else "start")
    if anchor not in ANCHORS and not any(s.id == anchor for s in before):
        node.fail(f"anchor 应为 {'、'.join(ANCHORS)} 或前面某一阶段的编号", "anchor")
    if anchor == "event" and not event_label:
        node.fail("以 event 为基准的阶段，程序须写明 event_label", "anchor")
    return anchor


def _period(node: Node, key: str = "period") -> Period:
    p = node.child(key)
    unit = p.text("unit")
    if unit not in UNITS:
        p.fail(f"未知的单位（可用：{'、'.join(UNITS)}）", "unit")
    direction = p.text("direction", AFTER)
    if direction not in DIRECTIONS:
        p.fail("direction 应为 after 或 before", "direction")
    limit = HOUR_LIMIT if unit == HOURS else periods.LIMITS[unit]
    amount = p.number("amount", minimum=1, maximum=limit)
    if not isinstance(amount, int):
        p.fail("应为整数", "amount")
    if unit == HOURS and direction != AFTER:
        p.fail("以小时计算的期间只能向后计算", "direction")
    duty = p.text("duty", PARTY) if key == "period" else PARTY  # an earliest day has no duty
    if duty not in DUTIES:
        p.fail(f"duty 应为 {'、'.join(DUTIES)}", "duty")
    if duty != PARTY and direction != BEFORE:
        p.fail("只有向前计算的期间需要写明 duty", "duty")
    return Period(amount, unit, direction, duty=duty)


def _pauses(node: Node, span: Period | None) -> PauseRule | None:
    if not node.has("pauses"):
        return None
    p = node.child("pauses")
    rule = PauseRule(p.basis(), p.text("reason"))
    if not _counts_days_forward(span):
        node.fail("只有向后计算的日期期间可以有不计入期间", "pauses")
    return rule


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
    return Extension(Period(amount, unit), times, e.text("condition"), e.basis())


def _counting(node: Node) -> Counting | None:
    c = node.child("counting", None)
    if c is None:
        return None
    return Counting(c.basis("start", None), c.basis("holiday", None), c.basis("unit", None),
                    c.basis("days", None), c.basis("months", None), c.basis("term", None))


def _renewals(node: Node, span: Period | None) -> tuple[Renewal, ...]:
    out = []
    for r in node.children("renewal", required=False):
        if span is None or span.direction == BEFORE:
            r.fail("只有向后计算的期间可以逐次延长", "amount")
        limit = HOUR_LIMIT if span.unit == HOURS else periods.LIMITS[span.unit]
        amount = r.number("amount", minimum=1, maximum=limit)
        least = r.number("least", amount, minimum=1, maximum=amount)
        if not isinstance(amount, int) or not isinstance(least, int):
            r.fail("amount、least 应为整数")
        out.append(Renewal(Period(amount, span.unit), least, r.text("approver"), r.text("condition"), r.basis()))
    if span is not None and span.unit == HOURS and span.amount + sum(x.period.amount for x in out) > HOUR_LIMIT:
        node.fail(f"以小时计算的期间连同延长不能超过 {HOUR_LIMIT} 小时", "renewal")
    return tuple(out)


def _check_anchor_units(node: Node, span: Period | None, anchor: str, before: list[Stage]):
    """An hour stage needs a moment to count from: the start, or an earlier hour stage's end."""
    if span is None or span.unit != HOURS:
        return
    if anchor == "event":
        node.fail("以小时计算的阶段不能以 event（日期）为基准", "anchor")
    prior = before[-1] if anchor in ("previous", "previous-decided") and before else \
        next((s for s in before if s.id == anchor), None)
    if prior is not None and not prior.hours:
        node.fail("以小时计算的阶段只能以起算时间或以小时计算的阶段为基准", "anchor")


def _restart(node: Node, span: Period | None) -> Restart | None:
    if not node.has("restart"):
        return None
    r = node.child("restart")
    restart = Restart(r.basis(), r.text("reason"))
    if span is None or span.unit == HOURS:
        node.fail("只有以日、月计算的期间可以重新计算", "restart")
    return restart


def _decided_amount(node: Node, span: Period | None) -> DecidedAmount | None:
    if not node.has("decided_amount"):
        return None
    d = node.child("decided_amount")
    decided = DecidedAmount(d.text("what"), d.basis())
    if not _counts_days_forward(span):
        node.fail("只有向后计算的日期期间可以由决定确定长度", "decided_amount")
    return decided


def _earliest(node: Node, kind: str) -> Earliest | None:
    """The first day a stage may be done: some time after its start (执行满三个月), or, for a window,
    counted back from the anchor the window closes on (有效期满前九十日内)."""
    if not node.has("earliest"):
        if kind == WINDOW:
            node.fail("window 类阶段须有 earliest（窗口期的第一日，向前计算）", "earliest")
        return None
    e = node.child("earliest")
    period = _period(node, "earliest")
    earliest = Earliest(period, e.text("what"), e.basis())
    if period.unit == HOURS:
        e.fail("最早日期不能以小时计算", "unit")
    if (period.direction == BEFORE) != (kind == WINDOW):
        e.fail("向前计算的最早日期只用于 window 类阶段（窗口期的第一日）", "direction")
    return earliest


def _variants(node: Node, span: Period | None) -> tuple[Variant, ...]:
    variants: list[Variant] = []
    for v in node.children("variant", required=False):
        vspan = _period(v)
        if span is None or (vspan.unit == HOURS) != (span.unit == HOURS) or vspan.direction != span.direction:
            v.fail("变体的期间须与本阶段同为小时或同为日期、方向相同", "period")
        code = v.text("code")
        if any(x.code == code for x in variants):
            v.fail("变体编号重复", "code")
        variants.append(Variant(code, v.text("title"), vspan, v.basis(), _extension(v)))
    return tuple(variants)
