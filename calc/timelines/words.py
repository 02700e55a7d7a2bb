"""What a timeline says beyond the counting rules' own steps: the codes of its step texts and of
its notes, with the placeholders the code fills in (schedules/timelines/*texts.toml: `[texts.<code>]`
and `[notes.<code>]`, read by calc.texts.load)."""
from __future__ import annotations

from ..texts import Spec


def _step(*fields: str) -> Spec:
    return Spec(fields, basis=True)


# What a timeline step says where periods.toml has no rule of its own ([texts.<code>] in
# schedules/timelines/*texts.toml), with the placeholders the code fills in (each text cites a
# basis; "earliest" is declared for the data's sake: the answers give the earliest day by itself).
TEXTS = {"hours": _step("start", "n", "due"), "hours_plain": _step("start", "n", "due"), "term": _step("what"),
         "on_the_spot": _step("title", "basis"), "prerequisite": _step("title", "basis"), "none": _step("basis"),
         "earliest": _step("what", "basis"), "window": _step("first", "basis"), "renewal": _step("k", "approver", "n", "unit", "condition", "basis"),
         "restart": _step("day", "first", "reason", "basis"), "duration": _step("what", "n", "most", "unit", "basis")}
# What an answer's first line says (calc/timelines/headline.py), in [notes.<code>] like the notes:
# `by` is one of the headline_by_* words (最迟 / 预计 / 预计最迟), `when` the day (or moment).
HEADLINE = {"headline_issues": Spec(("by", "when", "issues")), "headline_stage": Spec(("title", "by", "when")),
            "headline_complete": Spec(("by", "when")), "headline_term": Spec(("when",)),
            "headline_eligible": Spec(("when",)), "headline_last_dated": Spec(("by", "when")),
            "headline_decided": Spec(("title", "when")), "headline_undated": Spec(()),
            "headline_stage_undated": Spec(("title",)), "headline_by_latest": Spec(()),
            "headline_by_expected": Spec(()), "headline_by_expected_latest": Spec(()),
            "headline_estimate": Spec(("years", "first", "last")), "headline_estimate_plain": Spec(("years",)),
            "headline_estimate_same": Spec(("years",)),
            "headline_other": Spec(("authority", "said")), "headline_completion": Spec(("by", "when")),
            "headline_other_range": Spec(("first", "last")), "headline_other_plain": Spec(("years",))}
# What the notes of an answer say ([notes.<code>]), by the note's code; a note cites no law of its own.
_STAGE_WORDS = ("title", "authority", "period", "label")
NOTES = {"version": Spec(("day", "label")), "version_caveat": Spec(("label", "caveat")), "calendar_gap": Spec(("title", "year")),
         "event_missing": Spec(("title", "event")), "unknown_start": Spec(("title",)),
         "completion_unknown": Spec(("title", "authority")), "completion_last_dated": Spec(("title", "day")),
         "national_not_encoded": Spec(("day", "first")), "matches_national": Spec(("day", "label")),
         "differs_from_national": Spec(("day", "label", "differences")), "national_summary": Spec(("summary",)),
         "national_completion": Spec(("label", "day")), "county_only": Spec(_STAGE_WORDS),
         "county_differs": Spec((*_STAGE_WORDS, "national_authority", "national_title", "national_period")),
         "national_only": Spec(_STAGE_WORDS), "renewal_until": Spec(("due",)),
         **HEADLINE}
