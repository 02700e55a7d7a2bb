"""What a procedure is, as the schedules give it: its dated versions, each an ordered chain of
stages, each stage with its authority, its period (a `calc.periods.Period`) and what the law allows
for it (an extension, a chain of renewals, days not counted, a restart, an earliest day, variants)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..effective import Effective
from ..nodes import Fingerprint
from ..errors import NotFound
from ..periods import HOURS, DateRange, Period
from ..texts import Text

DEADLINE, TERM, ELIGIBLE, NONE, ON_THE_SPOT, PREREQUISITE, WINDOW = (
    "deadline", "term", "eligible", "none", "on_the_spot", "prerequisite", "window")
KINDS = (DEADLINE, TERM, ELIGIBLE, NONE, ON_THE_SPOT, PREREQUISITE, WINDOW)
WITH_PERIOD = (DEADLINE, TERM, ELIGIBLE)
ANCHORS = ("start", "previous", "previous-decided", "event")

Moment = dt.date  # a date, or a datetime for hour procedures (datetime is a date subclass)


@dataclass(frozen=True)
class Extension:
    """An extension the law allows (延长), at most `times` times `period`."""

    period: Period
    times: int
    condition: str
    basis: str

    @property
    def most(self) -> int:
        return self.period.amount * self.times


@dataclass(frozen=True)
class PauseRule:
    """The law says some time is not counted in this stage (e.g. 行政许可法 第四十五条)."""

    basis: str
    reason: str


@dataclass(frozen=True)
class Earliest:
    """The earliest day the stage may end (执行满3个月, 执行一年后): `period` after its start; for a
    window (有效期满前九十日内), its first day, `period` before the anchor it closes on."""

    period: Period
    what: str
    basis: str


@dataclass(frozen=True)
class Renewal:
    """One link of a chain of extensions the law allows one after another, each with its own
    approver and condition (刑事诉讼法 第一百五十六条、第一百五十八条、第一百五十九条; 继续盘问规定
    第十一条、第十七条). `least` < `period.amount` where the law allows a range (延长一日至四日)."""

    period: Period
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
    not moving) off a holiday and for hour periods, `unit` for whether the instrument's 日 are working
    days (its 附则: 道路交通事故处理程序规定 第一百一十二条第（五）项), cited beside the step that counts
    them; `days` and `months` in place of 民法典 第二百零一条、第二百零二条 on the steps that count days
    and months (刑事诉讼法 第一百零五条第一款 "期间以时、日、月计算": 民法典 第二百零四条 yields to
    "法律另有规定"), and `term` in place of them on the step that says a measure's term is not moved."""

    start: str | None = None
    holiday: str | None = None
    unit: str | None = None
    days: str | None = None
    months: str | None = None
    term: str | None = None


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
    span: Period
    basis: str
    extension: Extension | None = None


@dataclass(frozen=True)
class Stage:
    id: str
    authority: str
    title: str
    kind: str
    span: Period | None  # the stage's period, as the law sets it
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

    @property
    def hours(self) -> bool:
        return self.span is not None and self.span.unit == HOURS

    def variant(self, code: str) -> Variant | None:
        return next((v for v in self.variants if v.code == code), None)


@dataclass(frozen=True)
class Version(Effective):
    label: str | None
    start_label: str | None
    summary: str | None
    stages: tuple[Stage, ...]
    headline: str | None = None  # the stage people ask about (提请批准逮捕, the licence): the answer leads with it
    # said in every answer this version gives: what about the text could not be verified (a revision's
    # date in force that no text here gives)
    caveat: str | None = None

    @property
    def effective_from(self) -> dt.date | None:
        """The answers' name for `first` (a procedure's version may have no start: the one before any other)."""
        return self.first

    @property
    def effective_until(self) -> dt.date | None:
        return self.until

    @property
    def hours(self) -> bool:
        return any(s.hours for s in self.stages)

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
    digest: "str | Fingerprint" = ""  # of the procedure's table in its schedule file

    def version_on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.in_force(day)), None)

    @property
    def latest(self) -> Version:
        return max(self.versions, key=lambda v: v.effective_from or dt.date.min)


@dataclass(frozen=True)
class Timelines:
    procedures: dict[str, Procedure]
    texts: dict[str, Text]
    notes: dict[str, Text] = field(default_factory=dict)  # words.NOTES: a note's words by its code

    def note(self, code: str, **values) -> str:
        return self.notes[code].say(**values)

    def get(self, procedure_id: str) -> Procedure:
        try:
            return self.procedures[procedure_id]
        except KeyError:
            raise NotFound(f"没有编号为 {procedure_id} 的办理程序") from None

    def __iter__(self):
        return iter(self.procedures.values())


def day_of(moment: Moment) -> dt.date:
    """The day of a moment (a day stage of an hour procedure counts from its date)."""
    return moment.date() if isinstance(moment, dt.datetime) else moment


@dataclass(frozen=True)
class StageInputs:
    """What the caller says of the stages, each by stage id (POST /v1/timelines/{id}, the page's
    form, `calc timeline`): `actual`, the moment a stage was decided (the next counts from it);
    `pauses`, days not counted; `extensions`, true (all the law allows) or how many units;
    `variants`, the circumstance's code; `restarts`, the day a period counts anew (另有重要罪行);
    `durations`, the length a decision set (行政拘留的日数)."""

    actual: Mapping[str, Moment] = field(default_factory=dict)
    pauses: Mapping[str, Sequence[DateRange]] = field(default_factory=dict)
    extensions: Mapping[str, bool | int] = field(default_factory=dict)
    variants: Mapping[str, str] = field(default_factory=dict)
    restarts: Mapping[str, dt.date] = field(default_factory=dict)
    durations: Mapping[str, int] = field(default_factory=dict)
