"""Procedure timelines (办理时限): a procedure is an ordered chain of stages, each with its period.

The applicant's estimate takes the worst case: each stage starts the day the stage it hangs on was
decided, which is that stage's due date unless the caller gives the actual date (DESIGN.md §4).
Every period is counted by `calc.periods.due` (DESIGN.md §2); only hour periods (询问查证, 传唤,
继续盘问) are counted here, as durations from the moment given (程序规定 第三十五条; 刑事诉讼法
第一百零五条). A procedure may mix hour and day stages (拘留后二十四小时内讯问, 三日内提请批准逮捕):
its start is then a date and time, and its day stages count from that moment's date.

Procedures, their versions, periods and legal basis are data: `schedules/timelines/*.toml`.

- `model`: procedures, versions, stages and what the law allows for them; `StageInputs`, what a
  caller says of the stages;
- `load`: the schedule files read and checked, one stage feature at a time;
- `checks`: an estimate's inputs checked before anything is counted;
- `chain`: the stages counted in order; `estimate`: the answer, with its completion and ranges;
- `compare`: the county's list against the national rule; `answer`: the answer's types;
- `headline`: the answer's first line (the stage people ask about, else the completion);
- `words`: the codes of the texts and notes a timeline says.
"""
from ..periods import HOURS, DateRange, Period  # the days not counted and the periods of a stage
from .answer import DECIDED, LATE, OPEN, OVERDUE, Applied, EarliestDate, Note, StageResult, Timeline
from .checks import renewal_plan
from .compare import describe, differences
from .estimate import estimate
from .headline import Headline
from .load import HOUR_LIMIT, KEYS, LAYERED, UNITS, load
from .model import (ANCHORS, DEADLINE, ELIGIBLE, KINDS, NONE, ON_THE_SPOT, PREREQUISITE, TERM, WINDOW, WITH_PERIOD, Counting,
                    DecidedAmount, Earliest, Extension, Moment, PauseRule, Procedure, Renewal, Restart, Stage,
                    StageInputs, Timelines, Variant, Version, day_of)
from .words import NOTES, TEXTS

__all__ = ["HOURS", "DateRange", "Period", "DECIDED", "LATE", "OPEN", "OVERDUE", "Applied", "EarliestDate", "Note", "StageResult", "Timeline",
           "renewal_plan", "describe", "differences", "estimate", "Headline", "HOUR_LIMIT", "KEYS", "LAYERED", "UNITS", "load",
           "ANCHORS", "DEADLINE", "ELIGIBLE", "KINDS", "NONE", "ON_THE_SPOT", "PREREQUISITE", "TERM", "WINDOW", "WITH_PERIOD",
           "Counting", "DecidedAmount", "Earliest", "Extension", "Moment", "PauseRule", "Procedure", "Renewal",
           "Restart", "Stage", "StageInputs", "Timelines", "Variant", "Version", "day_of", "NOTES", "TEXTS"]
