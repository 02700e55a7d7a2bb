"""The counting rules' words (schedules/periods.toml): what each step of a count says and cites.

Each rule is a `calc.texts.Text` (its words, and its basis as a `calc.citations.Template`), read
against the placeholders the counting fills in for it (`SPECS`), as every other area's texts are.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import texts
from ..nodes import BASIS, Keys, Node, Source
from ..texts import Spec, Text
from .model import HOURS, UNITS


def _rule(*fields: str) -> Spec:
    return Spec(fields, basis=True)


# Each rule by its step code, with the placeholders the counting fills in for it (in its text or
# its basis: the working-day rule cites the notices it counted with, `{notices}`).
SPECS = {"start_excluded": _rule(), "workdays": _rule("n", "detail", "notices"), "days": _rule("n"),
         "months": _rule("n"), "years": _rule("n"), "roll_forward": _rule("why"), "no_roll": _rule(),
         "pause": _rule("first", "last", "reason", "days"), "extension": _rule("n", "unit", "day"),
         "not_last_day": _rule("why"), "backward": _rule("anchor", "n", "unit"), "roll_back": _rule("why"),
         "provisional": _rule("years", "assumption"), "not_moved": _rule("basis"),
         "authority_strict": _rule("why")}
RULE_NAMES = tuple(SPECS)
UNIT_NAMES = (*UNITS, HOURS)

# The keys of periods.toml (calc.schedules refuses any other).
KEYS = Keys(**{name: Keys("text", basis=BASIS) for name in RULE_NAMES}, units=Keys(*UNIT_NAMES))


@dataclass(frozen=True)
class CountingRules:
    rules: dict[str, Text]
    units: dict[str, str]  # how a step names each unit: 个工作日, 日…
    digest: str = ""  # of periods.toml: every deadline answer rests on it

    def __getitem__(self, name: str) -> Text:
        return self.rules[name]


def load_rules(source: Source) -> CountingRules:
    root = Node(source, "", source.data)
    rules = {name: texts.entry(root.child(name), name, spec) for name, spec in SPECS.items()}
    units = root.child("units")
    return CountingRules(rules, {u: units.text(u) for u in UNIT_NAMES}, str(root.digest))  # a key of the fast path
