"""The catalogue (`Penalties`): every violation, procedure regime, threshold and general rule the
schedules hold, and the ways an officer finds an act in it: by id, by the words typed (`search`,
per keystroke), by the article a version cites (`citing`, GET /v1/penalties?law=…&article=…), and
the circumstance codes each act understands (`codes`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..errors import NotFound
from ..general_rules import GeneralRule, Law
from ..texts import Text
from ..thresholds import Threshold
from .model import Circumstance, LateFeeRule, Regime, Violation


@dataclass(frozen=True)
class Penalties:
    violations: dict[str, Violation]
    regimes: dict[str, Regime]
    late_fee: LateFeeRule
    choice_basis: str  # 行政处罚法 第三十七条 ([version_choice])
    thresholds: dict[str, Threshold]
    book: object = field(repr=False, compare=False, default=None)
    rules: object = field(repr=False, compare=False, default=None)
    circumstances: dict[str, Circumstance] = field(default_factory=dict)
    general: tuple[GeneralRule, ...] = ()
    laws: tuple[Law, ...] = ()
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # penalties/texts.toml

    def get(self, vid: str) -> Violation:
        try:
            return self.violations[vid]
        except KeyError:
            raise NotFound(f"没有编号为 {vid} 的违法行为", field="id") from None

    def search(self, q: str | None) -> list[Violation]:
        items = list(self.violations.values())
        words = q.strip().lower().split() if q else []
        if not words:
            return items
        index = self._characters
        candidates = set(range(len(items)))
        for ch in set("".join(words)):  # only acts whose text has every character typed can match
            candidates &= index.get(ch, set())
            if not candidates:
                return []
        found = [items[i] for i in sorted(candidates) if all(w in items[i].haystack for w in words)]
        # what the officer typed names the act (title, keywords) before it merely occurs in a text
        return sorted(found, key=lambda v: not all(w in v.headline for w in words))

    @functools.cached_property
    def _characters(self) -> dict[str, set[int]]:
        """Character -> positions of the violations whose searchable text has it (a catalogue of a
        hundred acts is searched per keystroke by the page and by case-handling systems)."""
        index: dict[str, set[int]] = {}
        for i, v in enumerate(self.violations.values()):
            for ch in set(v.haystack):
                index.setdefault(ch, set()).add(i)
        return index

    def citing(self, law: str, article: int) -> list[Violation]:
        """The violations any of whose versions (or bands) cite `article` of `law` ("治安管理处罚法（2025）",
        as the references' `cited_as` writes it)."""
        law = law.strip().replace("(", "（").replace(")", "）")  # "治安管理处罚法(2025)" as often typed
        return [v for v in self.violations.values() if v.cites(law, article)]

    def name(self, code: str) -> str:
        c = self.circumstances.get(code)
        return c.text if c else code

    def general_rules(self, v: Violation) -> list[GeneralRule]:
        """The general rules of the laws this violation's versions cite (治安管理处罚法 第二章 ...):
        those whose `law` is the name of the instrument a version cites."""
        laws = {x.cite.law.name for x in v.versions if x.cite}
        return [r for r in self.general if r.law in laws]

    def codes(self, v: Violation) -> list[Circumstance]:
        """The circumstance codes this violation understands: its bands' own, those that count as
        one of its bands under one of its texts, then the general rules' codes where a general rule
        of its law applies."""
        own = v.codes()
        out = [self.circumstances[c] for c in own if c in self.circumstances]
        out += self._counting_as(v, own)
        seen = {c.code for c in out}
        for rule in self.general_rules(v):
            for code in rule.codes():
                if code not in seen and code in self.circumstances:
                    out.append(self.circumstances[code])
                    seen.add(code)
        return out

    def _counting_as(self, v: Violation, own: list[str]) -> list[Circumstance]:
        """The codes that are one of `own` bands under a text this violation has (`counts_as`)."""
        laws = {x.law for x in v.versions}
        return [c for c in self.circumstances.values()
                if any(law in laws and target in own for law, target in c.counts_as)]

    def threshold(self, tid: str) -> Threshold:
        try:
            return self.thresholds[tid]
        except KeyError:
            raise NotFound(f"没有编号为 {tid} 的标准", field="id") from None
