"""The words a penalty answer says: the sentences that explain a step or a fact, and the citations
some of them carry, kept as data (`[texts.<code>]` in schedules/penalties/texts.toml) beside the
numbers they explain, never in Python ("law is data"). An editor may reword one (a county's overlay
may replace one by its code) without changing a date or an amount the calculator gives.

Each module that speaks declares the codes it uses and the placeholders it fills in (`Spec`), so a
text with a misspelt code or an unknown placeholder (`{limt}`) stops start-up with the file and the
key, instead of failing the first answer that says it.
"""
from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Mapping

from .nodes import Keys, Named, Node, Source
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
    basis: str | None = None

    def say(self, **values) -> str:
        return self.text.format(**values)

    def cite(self, **values) -> str:
        return self.basis.format(**values)

    def step(self, date: dt.date | None, **values) -> Step:
        """The step this text gives on `date`, its text and basis filled in from `values`."""
        return Step(self.say(**values), date, self.cite(**values), self.code)


# The keys of a `[texts.<code>]` table (calc.schedules refuses any other).
KEYS = Named(Keys("text", "basis"))


def _placeholders(node: Node, key: str, value: str, fields: tuple[str, ...]):
    try:
        parsed = list(string.Formatter().parse(value))
    except ValueError as exc:
        node.fail(f"花括号有误（字面的花括号写作 {{{{ }}}}）：{exc}", key)
    for _, name, _, _ in parsed:
        if name is not None and name not in fields:
            known = "、".join("{" + f + "}" for f in fields) or "无"
            node.fail(f"未知的占位符 {{{name}}}（此文字可用：{known}）", key)


def load(sources: list[Source], specs: Mapping[str, Spec]) -> dict[str, Text]:
    """The `[texts]` of every file, checked against `specs`; every code must be given once."""
    found: dict[str, Text] = {}
    owners: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        if not root.has("texts"):
            continue
        node = root.child("texts")
        for code in node.data:
            if code not in specs:
                node.fail(f"未知的文字代码：{code}（可用：{'、'.join(specs)}）", code)
            if code in found:
                node.fail(f"文字代码重复：{code}（已见于 {owners[code]}）", code)
            entry, spec = node.child(code), specs[code]
            entry.only(("text", "basis"))
            for key, wanted in (("text", spec.text), ("basis", spec.basis)):
                if wanted:
                    _placeholders(entry, key, entry.text(key), spec.fields)
                elif entry.has(key):
                    entry.fail("此文字没有此项" + ("（依据来自所适用规则的数据）" if key == "basis" else ""), key)
            found[code] = Text(code, entry.data.get("text"), entry.data.get("basis"))
            owners[code] = source.name
    missing = [code for code in specs if code not in found]
    if missing:
        name = sources[0].name if sources else "penalties/"
        Node(Source(name, {}), "", {}).fail(f"缺少文字 texts.{'、texts.'.join(missing)}（见 penalties/texts.toml）",
                                            "texts")
    return found
