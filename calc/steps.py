"""One step of an answer's working, the same for every area (periods, timelines, penalties,
inspections): what a person checking by hand would write down.

`code` is the machine name of the rule applied, the key of its text in the schedules
(`start_excluded`, `no_roll`, `late_fee.cap` …): code that must know which rule a step came from
asks its code, never its wording, so an editor may reword a rule's text without changing what
the calculator does.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    rule: str  # the rule's words, filled in for this answer
    date: dt.date | None  # the date this step gives, if it gives one
    basis: str  # what it rests on, as cited
    code: str = ""  # the rule's machine name (see above)
