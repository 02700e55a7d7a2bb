"""What an estimate answers: each stage's start, due date, steps and status, the notes that say what
could not be dated or was assumed, the procedure's completion, and the first line it leads with."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from ..periods import DateRange, Period
from ..steps import Step
from .model import Moment, Procedure, Stage, Variant, Version

DECIDED, LATE, OPEN, OVERDUE = "decided", "late", "open", "overdue"


@dataclass(frozen=True)
class EarliestDate:
    date: dt.date
    period: Period
    what: str
    basis: str


@dataclass(frozen=True)
class Applied:
    """The extension an answer counted: its whole length, and the law (with its condition or its approvers)."""

    period: Period
    basis: str


@dataclass(frozen=True)
class StageResult:
    stage: Stage
    start: Moment | None
    due: Moment | None
    span: Period | None
    basis: str
    steps: tuple[Step, ...]
    decided: Moment | None = None
    status: str = OPEN
    variant: Variant | None = None
    extension: Applied | None = None
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
    """`text` is the whole note; `parts` the sentences it is made of, by their codes, where a front
    end may leave one out (the national rule's completion, where the other answer is a link away)."""

    code: str
    text: str
    details: Mapping = field(default_factory=dict)
    parts: Mapping[str, str] = field(default_factory=dict)

    def without(self, *codes: str) -> str:
        """The note's words without the sentences `codes` name."""
        if not self.parts:
            return self.text
        return "".join(words for code, words in self.parts.items() if code not in codes)


@dataclass(frozen=True)
class Headline:
    """`stage`: the stage it follows (None: the completion); `main` and `estimate` are one
    sentence, `estimate` empty unless the day is estimated."""

    stage: StageResult | None
    due: Moment | None
    main: str
    estimate: str = ""
    provisional: bool = False
    range: tuple[Moment, Moment] | None = None
    beneath: tuple[str, ...] = ()  # the other authorities' periods and the completion, for a stage's headline

    @property
    def text(self) -> str:
        return self.main + self.estimate


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
    headline: Headline | None = None  # the answer's first line (calc/timelines/headline.py)


def sort_key(m: Moment):
    """A day period runs to the end of its last day, so a date sorts after any time that day."""
    return m if isinstance(m, dt.datetime) else dt.datetime.combine(m, dt.time.max)
