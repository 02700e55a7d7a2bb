"""The words an answer says: the sentences that explain a step or a fact, and the citations some of
them carry, kept as data beside the numbers they explain, never in Python ("law is data"):
`[texts.<code>]` in schedules/penalties/texts.toml (penalties, thresholds, general rules) and in
schedules/timelines/texts.toml (with its `[notes.<code>]`). An editor may reword one (a county's
overlay may replace one by its code) without changing a date or an amount the calculator gives.

Each module that speaks declares the codes it uses and the placeholders it fills in (`Spec`), so a
text with a misspelt code or an unknown placeholder (`{limt}`) stops start-up with the file and the
key, instead of failing the first answer that says it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .citations import Basis, Template
from .nodes import BASIS, Keys, Named, Node, Source
from .steps import Step


@dataclass(frozen=True)
class Spec:
    """What the code fills in: the placeholders (`fields`), and whether the entry has a `text`
    and a `basis` (a step's text cites its basis; a fact's sentence has the rule's)."""

    fields: tuple[str, ...] = ()
    basis: bool = False
    text: bool = True


@dataclass(frozen=True)
class Text:
    code: str
    text: str | None
    basis: Template | None = None

    def say(self, **values) -> str:
        return self.text.format(**values)

    def cite(self, **values) -> Basis:
        return self.basis.format(**values)

    def step(self, date: dt.date | None, **values) -> Step:
        """The step this text gives on `date`, its text and basis filled in from `values`."""
        return Step(self.say(**values), date, self.cite(**values), self.code)


# The keys of a `[texts.<code>]` table (calc.schedules refuses any other).
ENTRY = Keys("text", basis=BASIS)  # one text's table, as `entry` reads it
KEYS = Named(ENTRY)


def load(sources: list[Source], specs: Mapping[str, Spec], table: str = "texts",
         home: str = "penalties/texts.toml", required: bool = True) -> dict[str, Text]:
    """The `[<table>.<code>]` of every file, checked against `specs`; every code given once (a
    county's overlay replaces one by its code before this sees the files). `required`: whether a
    code the data lacks stops the load (an area with nothing to say needs none of its texts)."""
    found: dict[str, Text] = {}
    owners: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        if not root.has(table):
            continue
        node = root.child(table)
        for code in node.data:
            with node.collecting():
                if code not in specs:
                    node.fail(f"未知的文字代码：{code}（可用：{'、'.join(specs)}）", code)
                if code in found:
                    node.fail(f"文字代码重复：{code}（已见于 {owners[code]}）", code)
                found[code] = entry(node.child(code), code, specs[code])
                owners[code] = source.name
    if required:
        require(home, (table, found, specs))
    return found


def entry(node: Node, code: str, spec: Spec) -> Text:
    """One text's table (`text`, `basis`), checked against what the code fills in (`spec`)."""
    node.only(ENTRY)
    for key, wanted in (("text", spec.text), ("basis", spec.basis)):
        if not wanted and node.has(key):
            node.fail("此文字没有此项" + ("（依据来自所适用规则的数据）" if key == "basis" else ""), key)
    said = node.template("text", spec.fields) if spec.text else None
    basis = node.basis_template("basis", spec.fields) if spec.basis else None
    return Text(code, said, basis)


def plain(node: Node, code: str, spec: Spec) -> Text:
    """A text written as a plain string under `code` (`gap = "{year}年…"`): words only, no basis."""
    return Text(code, node.template(code, spec.fields))


def require(home: str, *tables: tuple[str, Mapping[str, Text], Mapping[str, Spec]]):
    """Every code each table's specs declare has its text: one problem naming all that are
    missing, in the file where they belong (`home`)."""
    missing = [f"{table}.{code}" for table, found, specs in tables for code in specs if code not in found]
    if missing:
        Node(Source(home, {}), "", {}).fail(f"缺少文字 {'、'.join(missing)}（见 {home}）", missing[0].split(".")[0])
