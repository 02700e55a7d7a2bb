"""What the penalties say, by code: every sentence an answer explains itself with is a
`[texts.<code>]` of schedules/penalties/texts.toml, so that the words may be reworded and the code
decides by codes and structured fields, never by what a text says.

`TEXTS` is the registry calc.texts.load checks the files against: each code, and the placeholders
its sentence is filled in with (a step's text cites a basis, filled in from the rule's data:
{basis}). The thresholds' and the general rules' texts live in the same file and are declared by
their own modules.
"""
from __future__ import annotations

from ..general_rules import TEXTS as GENERAL_TEXTS
from ..texts import Spec
from ..thresholds import TEXTS as THRESHOLD_TEXTS

_STEP = ("basis",)
_FACT = ("limit", "floor", "decision")
TEXTS = {
    "late_fee_pay": Spec(("n", *_STEP), basis=True),
    "late_fee_deferred": Spec(("until", *_STEP), basis=True),
    "late_fee_paused": Spec(("first", "last", "reason", "days", *_STEP), basis=True),
    "late_fee_on_time": Spec(("paid", "due", *_STEP), basis=True),
    "late_fee_on_time_paused": Spec(("paid", "due", *_STEP), basis=True),
    "late_fee_daily": Spec(("days", "first", "paid", "less", "pct", "daily", "fine", "exact", "rounded", *_STEP),
                           basis=True),
    "late_fee_less_paused": Spec(),
    "late_fee_rounded": Spec(("surcharge",)),
    "late_fee_cap": Spec(("cap", *_STEP), basis=True),
    "limitation_message": Spec(("act", "n", "unit", "end")),
    "limitation_harm_general": Spec(("basis",)),
    "limitation_unknown": Spec(("day", "regime")),
    "procedure_applies": Spec(("decision", "regime")),
    "procedure_none": Spec(),
    "beside": Spec(("basis", "party", "limit", "why")),
    **{f"{kind}_unknown": Spec(("day", "regime")) for kind in ("simplified", "collection", "hearing")},
    # {decision}: the decisions that qualify, in words (decision_*); {limit}, {floor}: yuan
    **{code: Spec(_FACT) for code in (
        "simplified_restrictive", "simplified_nothing", "simplified_yes", "simplified_depends",
        "simplified_depends_restrictive", "simplified_no", "collection_not_simplified", "collection_yes",
        "collection_depends", "collection_no", "collection_any_yes", "collection_any_depends", "collection_any_no")},
    "simplified_excluded": Spec(("kinds",)),
    "decision_fine_exact": Spec(("amount",)),
    "decision_warning_and_fine": Spec(("fine",)),
    "decision_detention_and_fine": Spec(("fine",)),
    "decision_or": Spec(),
    "hearing_local_no_fine": Spec(),
    "hearing_local": Spec(),
    **{code: Spec(("measure", "limit")) for code in ("hearing_licence", "hearing_suspension", "hearing_yes",
                                                      "hearing_depends", "hearing_no")},
    "rests_on_county_list": Spec(),
    "rests_on_quotation": Spec(),
    "fine_ceiling": Spec(("max",)),
    "fine_range": Spec(("min", "max")),
    "detention_ceiling": Spec(("max",)),
    "detention_range": Spec(("min", "max")),
    "sanction_detention_or_fine": Spec(("detention", "fine")),
    "sanction_detention_or_fine_or_warning": Spec(("detention", "fine")),
    "sanction_detention_and_fine": Spec(("detention", "fine")),
    "sanction_may_add_fine": Spec(("fine",)),
    "sanction_detention_or_warning": Spec(("detention",)),
    "sanction_warning_or_fine": Spec(("fine",)),
    "sanction_warning_and_fine": Spec(("fine",)),
    "sanction_discretionary": Spec(("sanction",)),
    "sanction_warning": Spec(),
    "sanction_criminal": Spec(),
    "outcome_not_punishable": Spec(),
    "outcome_elsewhere": Spec(("authority", "basis")),
    "select_elsewhere": Spec(("basis", "authority", "elsewhere")),
    "compare_elsewhere": Spec(("which", "authority", "basis")),
    "choice_elsewhere": Spec(("basis", "choice_basis", "authority", "elsewhere", "text")),
    "outcome_none": Spec(),
    "select_not_punishable": Spec(("basis",)),
    "select_not_a_band_here": Spec(("basis", "circumstance")),
    "select_no_own_band": Spec(("basis", "circumstance")),
    "select_aggravated": Spec(("basis", "circumstance")),
    "select_caveat": Spec(("basis", "caveat")),
    "sanction_persons_fine": Spec(("fine",)),
    "select_no_aggravation": Spec(("basis", "circumstance")),
    "select_only_for": Spec(("basis", "circumstances")),
    "compare_new": Spec(),
    "compare_old": Spec(),
    "compare_not_punishable": Spec(("which",)),
    "compare_heaviest": Spec(("aspect", "old", "new", "side")),
    "compare_lightest": Spec(("aspect", "old", "new", "side")),
    "compare_alternative": Spec(("aspect", "old", "new", "side")),
    "compare_equal": Spec(),
    "amount_days": Spec(("n",)),
    "amount_yuan": Spec(("yuan",)),
    "amount_no_added_fine": Spec(),
    "amount_no_fine": Spec(),
    "amount_no_least_fine": Spec(),
    "amount_no_warning": Spec(),
    "amount_warning": Spec(),
    "amount_has": Spec(),
    "amount_none": Spec(),
    "choice_same": Spec(("basis",)),
    "choice_not_illegal": Spec(("basis", "choice_basis")),
    "choice_repealed": Spec(("old", "decision", "choice_basis")),
    "choice_compared": Spec(("act", "old", "old_sanctions", "decision", "new", "new_sanctions", "comparison")),
    "choice_new_not_illegal": Spec(("choice_basis",)),
    "choice_new_lighter": Spec(("choice_basis",)),
    "choice_old": Spec(("choice_basis",)),
    "switch_new": Spec(),
    "switch_old": Spec(),
    "switch_added": Spec(("circumstance", "side", "basis")),
    "switch_removed": Spec(("circumstance", "side", "basis")),
    **THRESHOLD_TEXTS,
    **GENERAL_TEXTS,
}
