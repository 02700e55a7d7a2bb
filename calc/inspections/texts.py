"""What an inspections answer says (schedules/inspections/texts.toml): each text by its code, with the
placeholders it may use (a `calc.texts.Spec`, read by `calc.texts.load` like every other area's
texts), and the words inside them. A text or word missing, or a placeholder not listed, stops
start-up (calc/inspections/load.py). The calculator fills the placeholders and never reads the
words back: each step carries the code of its text (`Step.code`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from ..citations import Basis
from ..steps import Step
from ..texts import Spec, Text

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
SPECS = {code: Spec(fields, basis=code in TEXT_BASES) for code, fields in TEXTS.items()}
WORDS: dict[str, tuple[str, ...]] = {
    "month": (), "quarter": (), "year": (), "period": (),  # what each kind of window is called
    "clipped": (), "workday": (), "makeup": (), "makeup_named": ("name",), "holiday": ("name",),
    "weekend": (), "list": (), "reasons": (),
}


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

    def step(self, code: str, date: dt.date | None, basis: Basis, /, **values: Any) -> Step:
        return Step(self._format[code](**values), date, basis, code)

    def basis(self, code: str) -> Basis:
        """What a text of TEXT_BASES cites (a plain weekday's due date, a superior's target)."""
        return self.texts[code].cite()

    def word(self, word: str, /, **values: Any) -> str:
        return self.words[word].format(**values) if values else self.words[word]

    def join(self, items) -> str:
        return self.words["list"].join(items)
