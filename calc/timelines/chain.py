"""The chain: each stage in order, starting the day the stage (or date) it hangs on ends, its due
date counted by `calc.periods.due` (hour periods on the clock by `periods.hours_after`), each step
saying which rule gave which date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .. import periods
from ..citations import annotated, join
from ..errors import CalendarGap, InvalidInput
from ..periods import HOURS, DateRange, Link, Period
from ..steps import Step
from ..workcal import CalendarBook
from .answer import DECIDED, LATE, OPEN, OVERDUE, Applied, EarliestDate, Note, StageResult
from .checks import check_decided, renewal_plan
from .model import (DEADLINE, ELIGIBLE, NONE, ON_THE_SPOT, PREREQUISITE, TERM, WINDOW, Moment, Procedure, Renewal,
                    Stage, StageInputs, Timelines, Variant, Version, day_of)


@dataclass(frozen=True)
class Question:
    """One estimate's question: the procedure and its version in force, the moment it starts (and
    the event day some stages count back from), the calendar and counting rules, whether to
    estimate beyond the published notices, the day a stage is checked against (`as_of`), and
    what the caller says of the stages."""

    timelines: Timelines
    procedure: Procedure
    version: Version
    start: Moment
    event: dt.date | None
    book: CalendarBook
    rules: periods.CountingRules
    provisional: bool
    as_of: Moment | None
    inputs: StageInputs


@dataclass(frozen=True)
class _Counted:
    """One stage as the chain counts it: its period (a variant's, or a decided length), its basis,
    the decided moment the caller gave, the days not counted and the extension wanted."""

    stage: Stage
    span: Period | None
    basis: str
    decided: Moment | None
    variant: Variant | None
    pauses: tuple
    wanted: bool | int

    @property
    def no_roll(self) -> bool:
        """A term ends on its corresponding day; a liberty period never moves (程序规定 第三十五条)."""
        return self.stage.kind in (TERM, ELIGIBLE) or self.stage.restricts_liberty


class Chain:
    """Walks the stages in order; each one's start comes from the stage (or date) it hangs on."""

    def __init__(self, q: Question):
        self.q, self.texts = q, q.timelines.texts
        self.done: dict[str, StageResult] = {}
        self.last: StageResult | None = None
        self.notes: list[Note] = []
        self.assumptions: list[str] = []
        if len(q.procedure.versions) > 1:
            v = q.version
            self.notes.append(Note("version", q.timelines.note("version", day=day_of(q.start), label=v.label), {
                "label": v.label, "effective_from": v.effective_from, "effective_until": v.effective_until}))
        if q.version.caveat:
            v = q.version
            self.notes.append(Note("version_caveat", q.timelines.note("version_caveat", label=v.label or q.procedure.title,
                                                                      caveat=v.caveat), {"label": v.label}))

    def run(self):
        asked = self.q.inputs
        for stage in self.q.version.stages:
            code = asked.variants.get(stage.id)
            variant = stage.variant(code) if code else None
            c = _Counted(stage, variant.span if variant else stage.span, variant.basis if variant else stage.basis,
                         asked.actual.get(stage.id), variant, tuple(asked.pauses.get(stage.id, ())),
                         asked.extensions.get(stage.id, False))
            result = self.stage(c)
            self.done[stage.id] = result
            if stage.kind != PREREQUISITE:
                self.last = result
            yield result

    def anchor(self, stage: Stage) -> Moment | None:
        a = stage.anchor
        if a == "start" or (a in ("previous", "previous-decided") and self.last is None):
            return self.q.start
        if a == "previous":
            return self.last.end
        if a == "previous-decided":
            return self.last.decided if self.last.decided is not None else self.q.start
        if a == "event":
            return self.q.event
        return self.done[a].end

    def stage(self, c: _Counted) -> StageResult:
        stage = c.stage
        if stage.kind == PREREQUISITE:
            step = self.texts["prerequisite"].step(day_of(self.q.start), title=stage.title, basis=c.basis)
            return self._finish(c, None, self.q.start, (step,))
        begin = self.anchor(stage)
        if begin is None:
            self._unknown_start(stage)
            return self._finish(c, None, None, ())
        if stage.kind == WINDOW:  # its actual date is checked against the window's first day
            return self._window(c, day_of(begin))
        check_decided(stage, begin, c.decided)
        if stage.kind == NONE:
            return self._finish(c, begin, None, (self.texts["none"].step(day_of(begin), basis=c.basis),))
        if stage.kind == ON_THE_SPOT:
            step = self.texts["on_the_spot"].step(day_of(begin), title=stage.title, basis=c.basis)
            return self._finish(c, begin, begin, (step,))
        if c.span.unit == HOURS:
            return self._hours(c, begin)
        return self._days(c, day_of(begin))  # 期间开始的日不算在期间以内: a day period counts from the next day

    def _days(self, c: _Counted, begin: dt.date) -> StageResult:
        stage = c.stage
        if stage.id in self.q.inputs.durations:
            c = replace(c, span=Period(self.q.inputs.durations[stage.id], c.span.unit, c.span.direction))
        if stage.id in self.q.inputs.restarts:
            return self._restarted(c, begin)
        try:
            return self._counted(c, begin)
        except CalendarGap as gap:
            if not stage.optional:
                raise
            # A stage that happens only in some cases (复议, 诉讼) must not cost the answer its
            # certain stages: it is left undated, and the note says why and how to get it.
            text = self.q.timelines.note("calendar_gap", title=stage.title, year=gap.year)
            self.notes.append(Note("calendar_gap", text, {"stage": stage.id, "year": gap.year}))
            return self._finish(c, begin, None, ())

    def _hours(self, c: _Counted, begin: dt.datetime) -> StageResult:
        stage = c.stage
        due = periods.hours_after(begin, c.span.amount)
        code = "hours" if stage.restricts_liberty else "hours_plain"
        said = self.texts[code].step(due.date(), start=_clock(begin), n=c.span.amount, due=_clock(due))
        steps = [replace(said, basis=join(c.basis, stage.counting.holiday or said.basis))]
        applied = None
        if _renewed(c):
            plan = renewal_plan(stage, c.wanted, f"extensions.{stage.id}")
            for k, (r, n) in enumerate(plan, 1):
                due = periods.hours_after(due, n)
                until = self.q.timelines.note("renewal_until", due=_clock(due))
                steps.append(self._renewal_step(k, r, n, due.date(), until))
            applied = Applied(Period(sum(n for _, n in plan), HOURS), _approved(plan))
        return self._finish(c, begin, due, steps, extension=applied)

    def _renewal_step(self, k: int, r: Renewal, n: int, day: dt.date | None, tail: str = "") -> Step:
        said = self.texts["renewal"].step(day, k=k, approver=r.approver, n=n, unit=self.q.rules.units[r.period.unit],
                                          condition=r.condition, basis=r.basis)
        return replace(said, rule=said.rule + tail)

    def _restarted(self, c: _Counted, begin: dt.date) -> StageResult:
        """第一百六十条: the period counts anew from the day the other major crime was found, which
        must fall within the period first counted (在侦查期间)."""
        stage = c.stage
        day = self.q.inputs.restarts[stage.id]
        first = self._counted(replace(c, decided=None), begin)
        if day < begin or day > first.due:
            raise InvalidInput(f"重新计算的起算日 {day} 应在原期间 {begin} 至 {first.due} 之内",
                               field=f"restarts.{stage.id}")
        again = self._counted(c, day)
        step = self.texts["restart"].step(day, day=day.isoformat(), first=first.due.isoformat(),
                                          reason=stage.restart.reason, basis=stage.restart.basis)
        return replace(again, steps=(step, *again.steps))

    def _counted(self, c: _Counted, begin: dt.date) -> StageResult:
        """The stage's period by `periods.due`: its days not counted, and its extension (延长以二次为限:
        each runs on from the last day of the one before, as the law sets it; only the extended
        period's last day moves off a rest day) or its chain of renewals."""
        stage = c.stage
        ranges = tuple(DateRange(p.start, p.end, p.reason or stage.pauses.reason, stage.pauses.basis)
                       for p in c.pauses)
        links, applied = self._extended(c)
        period = replace(c.span, restricts_liberty=c.no_roll)
        d = periods.due(begin, period, self.q.book, self.q.rules, pauses=ranges,
                        provisional=self.q.provisional and not c.no_roll, extensions=links)
        self.assumptions.extend(d.assumptions)
        steps, earliest = d.steps, None
        if not _renewed(c):  # a custody period renewed says its links, and has no earliest day
            if stage.kind in (TERM, ELIGIBLE) and not stage.restricts_liberty:
                steps = self._as_term(steps, stage)
            earliest = self._earliest(stage, begin)
        steps = self._counted_by(c, steps)
        return self._finish(c, begin, d.due, steps, extension=applied, pauses=ranges, earliest=earliest,
                            provisional=d.provisional, years=() if c.no_roll else sorted(d.calendar_years))

    def _extended(self, c: _Counted) -> tuple[list[Link], Applied | None]:
        """The links `periods.due` counts after the period, and the extension the answer says it applied."""
        stage, wanted = c.stage, c.wanted
        if wanted is False:
            return [], None
        if _renewed(c):
            plan = renewal_plan(stage, wanted, f"extensions.{stage.id}")
            links = [Link(Period(n, r.period.unit, restricts_liberty=c.no_roll), r.basis,
                          self._renewal_step(k, r, n, None)) for k, (r, n) in enumerate(plan, 1)]
            return links, Applied(Period(sum(n for _, n in plan), c.span.unit), _approved(plan))
        rule = c.variant.extension if c.variant else stage.extension
        if rule is None:
            return [], None
        total = rule.most if wanted is True else wanted
        basis = annotated(rule.basis, rule.condition)
        links = [Link(Period(n, rule.period.unit, restricts_liberty=c.no_roll), basis)
                 for n in periods.instalments(total, rule.period.amount)]
        return links, Applied(Period(total, rule.period.unit), basis)

    def _window(self, c: _Counted, day: dt.date) -> StageResult:
        """A window that closes on its anchor day (有效期满前九十日内申请换证): the anchor is a date a
        licence fixes, not the end of a period counted from an act, so it is not moved for a rest day
        and needs no holiday calendar; the window opens on the `earliest` day."""
        earliest = self._earliest(c.stage, day)
        if c.decided is not None and day_of(c.decided) < earliest.date:
            raise InvalidInput(f"实际日期 {c.decided} 早于可以办理的第一日 {earliest.date}", field=f"actual.{c.stage.id}")
        step = self.texts["window"].step(day, first=earliest.date.isoformat(), basis=c.basis)
        return self._finish(c, day, day, (step,), earliest=earliest)

    def _counted_by(self, c: _Counted, steps) -> tuple[Step, ...]:
        """Cite the article that governs this stage's counting (刑事诉讼法 第一百零五条, 拘留所条例
        第三十二条) where it is not the administrative case rules' 第三十五条, and the 附则 that makes
        the instrument's 日 working days (or leaves them calendar days) on the step that counts them,
        unless a variant counts in another unit (it rests on another text); say the length a
        decision set."""
        stage, counting = c.stage, c.stage.counting
        out = list(steps)
        swap = {code: basis for code, basis in (("start_excluded", counting.start), ("roll_forward", counting.holiday),
                                                ("no_roll", counting.holiday), ("not_last_day", counting.holiday),
                                                ("days", counting.days), ("months", counting.months),
                                                ("term", counting.term)) if basis}
        if swap:
            out = [replace(s, basis=swap[s.code]) if s.code in swap else s for s in out]
        if counting.unit and c.span.unit == stage.span.unit:
            out = [replace(s, basis=join(counting.unit, s.basis)) if s.code == c.span.unit else s for s in out]
        if stage.id in self.q.inputs.durations and stage.decided_amount is not None and out:
            d = stage.decided_amount
            out.insert(0, self.texts["duration"].step(out[0].date, what=d.what, n=c.span.amount,
                                                      most=stage.span.amount, unit=self.q.rules.units[c.span.unit],
                                                      basis=d.basis))
        return tuple(out)

    def _as_term(self, steps, stage: Stage):
        """A term ends on its corresponding day: say why, instead of citing the liberty rule."""
        term = self.texts["term"]
        return tuple(term.step(s.date, what=stage.title) if s.code == "no_roll" else s for s in steps)

    def _earliest(self, stage: Stage, begin: dt.date) -> EarliestDate | None:
        e = stage.earliest
        if e is None:
            return None
        d = periods.due(begin, replace(e.period, restricts_liberty=True), self.q.book, self.q.rules)
        return EarliestDate(d.due, e.period, e.what, e.basis)

    def _unknown_start(self, stage: Stage):
        if stage.anchor == "event":
            text = self.q.timelines.note("event_missing", title=stage.title, event=self.q.procedure.event_label)
            self.notes.append(Note("event_missing", text, {"stage": stage.id}))
            return
        text = self.q.timelines.note("unknown_start", title=stage.title)
        self.notes.append(Note("unknown_start", text, {"stage": stage.id}))

    def _finish(self, c: _Counted, begin, due, steps, *, extension=None, pauses=(), earliest=None,
                provisional=False, years=()) -> StageResult:
        return StageResult(c.stage, begin, due, c.span, c.basis, tuple(steps), c.decided,
                           self._status(c.stage, due, c.decided), c.variant, extension, tuple(pauses),
                           earliest, provisional, tuple(years))

    def _status(self, stage: Stage, due, decided) -> str:
        deadline = stage.kind in (DEADLINE, PREREQUISITE, WINDOW)
        if decided is not None:
            return LATE if deadline and due is not None and decided > due else DECIDED
        if deadline and due is not None and self.q.as_of is not None and _after(self.q.as_of, due):
            return OVERDUE
        return OPEN


def _renewed(c: _Counted) -> bool:
    """Extended by the chain of renewals the law sets (a variant has its own extension, if any)."""
    return c.wanted is not False and bool(c.stage.renewals) and c.variant is None


def _approved(plan: list[tuple[Renewal, int]]) -> str:
    """The renewals' bases, each with the approver the law names for it."""
    return join(*(annotated(r.basis, r.approver) for r, _ in plan))


def _after(a: Moment, b: Moment) -> bool:
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime):
        return day_of(a) > day_of(b)
    return a > b


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
