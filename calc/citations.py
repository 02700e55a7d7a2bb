"""Legal references as data: which text (a law, a regulation, a ministry's rule, a notice, the
county's own list), which edition, and where in it (article, paragraph, item), as numbers.

A schedule writes a basis once, as a list of references (`basis = [{ law = "治安管理处罚法",
edition = 2025, article = 51, paragraph = 2, item = 1 }]`); from it this module makes the two ways
it is read: the short `basis` text the v1 answers carry ("治安管理处罚法（2025） 第五十一条第二款第（一）项")
and the `citation` a decision document writes ("《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项").
No code reads a reference back out of either text: whoever needs the article asks the `Cite`.

The texts themselves are a registry (`schedules/laws/*.toml`, `Instrument`): the short name a basis
writes, the title as the text's own heading gives it, and each edition with how the short text
labels it and when it is in force.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping, Sequence

from .effective import Effective

KINDS = ("law", "regulation", "rule", "local", "interpretation", "standard", "notice", "list")

_DIGITS = "零一二三四五六七八九"


def numeral(n: int) -> str:
    """An article's number as the texts write it: 10 十, 15 十五, 110 一百一十, 105 一百零五, 1259 一千二百五十九."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            zero = False
        elif out:
            zero = True
        if not n:
            break
    return "".join(out)


@dataclass(frozen=True)
class Edition(Effective):
    """One text of an instrument: its year, how the short basis text labels it, and (for the data
    test and the reader) the file in ../shared/laws that holds it, if any."""

    year: int = 0
    label: str = ""  # "（2012）", "（2016年修订）"
    note: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Instrument:
    """A text that can be cited: `name` as the short basis writes it, `title` as its heading gives it."""

    name: str
    title: str
    kind: str
    editions: tuple[Edition, ...] = ()
    listed: bool = False  # in GET /v1/laws (the laws the penalty schedules cite with a year)
    number: str | None = None  # a notice's 文号, cited after its title: 《…》（国办发明电〔2025〕7号）

    def edition(self, year: int | None) -> Edition | None:
        return self._by_year.get(year)

    @cached_property  # every reference read asks for its edition: some texts (the notices) have twenty
    def _by_year(self) -> dict[int, Edition]:
        return {e.year: e for e in reversed(self.editions)}  # the first of a year, as a scan finds it


@dataclass(frozen=True)
class Short:
    """How the v1 short `basis` text wrote a reference where it did not write it in full: without
    the edition (`dated = false`: "行政处罚法 第六十条"), 第一项 for 第（一）项 (`plain_item`), only down
    to the article or paragraph (`to`: a band that v1 cited by its paragraph now cites its item
    too), under another name (`name`: 责任清单), or joined to the place before with `join` ("；")."""

    dated: bool = True
    plain_item: bool = False
    to: str | None = None  # "article" | "paragraph"
    name: str | None = None
    join: str = "、"


PLAIN = Short()


@dataclass(frozen=True)
class Cite:
    """One place in one text: the instrument, the edition (its year), and the article (with 之一),
    paragraph and item as numbers; or, in a text without articles, its `section`."""

    law: Instrument
    edition: int | None = None
    article: int | None = None
    sub_article: int | None = None  # 第二百二十四条之一
    paragraph: int | None = None
    item: int | None = None
    section: str | None = None  # a place in a text without articles: 罚则, 四（六）三、1
    note: str | None = None  # said after the place, in the short text only
    short: Short = field(default_factory=lambda: PLAIN)

    @property
    def cited_as(self) -> str:
        """The text's name as the short basis writes it: "治安管理处罚法（2025）", "行政处罚法"."""
        name = self.short.name or self.law.name
        if not self.short.dated or self.edition is None:
            return name
        ed = self.law.edition(self.edition)
        return name + (ed.label if ed else f"（{self.edition}）")

    def place(self, *, after: "Cite | None" = None, decision: bool = False) -> str:
        """第五十一条第二款第（一）项; only 第二款 after a place in the same article."""
        if self.article is None:
            return self.section or ""
        short = not decision and self.short.to
        same = after is not None and after.article == self.article and after.sub_article == self.sub_article \
            and self.paragraph is not None and short != "article"
        out = "" if same else f"第{numeral(self.article)}条" + (f"之{numeral(self.sub_article)}" if self.sub_article else "")
        if self.paragraph is not None and short != "article":
            out += f"第{numeral(self.paragraph)}款"
        if self.item is not None and not short:
            plain = self.short.plain_item and not decision
            out += f"第{numeral(self.item)}项" if plain else f"第（{numeral(self.item)}）项"
        return out

    def json(self) -> dict:
        return {"law": self.law.title, "edition": self.edition, "article": self.article,
                "sub_article": self.sub_article, "paragraph": self.paragraph, "item": self.item,
                "section": self.section}


@dataclass(frozen=True)
class Literal:
    """Words in a basis that cite nothing (a remark where no law is given: "—（未给出…）")."""

    text: str


Part = Cite | Literal


class Basis(str):
    """What a rule rests on: its references (`parts`), and, as the string itself, the short text
    made from them (the v1 `basis`). A string so that every place that shows a basis shows it as
    before; the references are what code asks (`cites`, `citation`), never the text."""

    parts: tuple[Part, ...]

    def __new__(cls, parts: Iterable[Part] = (), text: str | None = None):
        """`text`: a county's own wording around the references (a text template of theirs)."""
        parts = tuple(parts)
        self = super().__new__(cls, short_text(parts) if text is None else text)
        self.parts = parts
        return self

    def __reduce__(self):
        return (Basis, (self.parts, str(self)))

    @cached_property  # asked on every band, fact and general rule of an assessment
    def cites(self) -> tuple[Cite, ...]:
        return tuple(p for p in self.parts if isinstance(p, Cite))

    @cached_property
    def citation(self) -> str | None:
        return decision_text(self.cites)

    @cached_property
    def cites_json(self) -> list[dict]:
        return [c.json() for c in self.cites]

    @cached_property
    def answer(self) -> dict:
        """`basis`, `cites` and `citation` as an answer carries them (API 1.1): made once, and only read."""
        return {"basis": str(self), "cites": self.cites_json, "citation": self.citation}

    def __add__(self, other):  # a plain + would drop the references: join them instead
        if isinstance(other, Basis):
            return join(self, other)
        return NotImplemented

    def cites_article(self, cited_as: str, article: int) -> bool:
        return any(c.article == article and c.cited_as == cited_as for c in self.cites)



class Template:
    """A basis a text fills in per answer: references and placeholders (`["{basis}", { law = "民法典",
    … }]`: the rule's own basis, then a fixed reference), or a county's string template ("{basis}（改写）"),
    whose words are theirs and whose references are those of the bases it names."""

    def __init__(self, parts: Sequence["Part | str"] = (), text: str | None = None):
        self.parts, self.text = tuple(parts), text
        self._fixed = Basis(parts) if text is None and not any(isinstance(p, str) for p in parts) else None

    def format(self, **values) -> Basis:
        if self._fixed is not None:
            return self._fixed
        if self.text is not None:
            if self.text.startswith("{") and self.text.endswith("}") and self.text[1:-1] in values \
                    and isinstance(values[self.text[1:-1]], Basis):
                return values[self.text[1:-1]]  # "{basis}" alone: the very basis given
            named = [v for v in values.values() if isinstance(v, Basis)]
            return Basis([c for v in named for c in v.cites], self.text.format(**values))
        parts: list[Part] = []
        for p in self.parts:
            if isinstance(p, str):
                value = values[p]
                parts += value.parts if isinstance(value, Basis) else [Literal(str(value))] if value else []
            else:
                parts.append(p)
        return Basis(parts)

    def __repr__(self):
        return f"Template({self.text!r})" if self.text is not None else f"Template({self.parts!r})"


def literal(text: str) -> Basis:
    """A basis that is only words (a caller's own basis, a remark): no reference in it."""
    return Basis((Literal(text),))


def join(*bases: "Basis | None") -> Basis:
    """Several bases as one: their references, and their texts with "；" between."""
    given = [b for b in bases if b]
    if len(given) == 1:
        return given[0]
    return Basis([p for b in given for p in b.parts], "；".join(given))


def distinct(*bases: "Basis | str | None") -> Basis:
    """The references of several bases, each place once, in the order first given: what a decision
    document cites for them together (the stage's basis and its extension's, which repeat it)."""
    seen: dict[tuple, Cite] = {}
    for b in bases:
        for c in (b.cites if isinstance(b, Basis) else ()):
            seen.setdefault((c.law.name, c.edition, c.article, c.sub_article, c.paragraph, c.item, c.section), c)
    return Basis(tuple(seen.values()))


def annotated(basis: Basis, words: str) -> Basis:
    """The same references, with the condition they were applied under said after them: "…（经县级以上公安机关负责人批准）"."""
    return Basis(basis.parts, f"{basis}（{words}）")


def short_text(parts: Sequence[Part]) -> str:
    """The v1 short text: one text's places after its name, joined with "、"; texts with "；"."""
    out: list[str] = []
    before: Part | None = None
    for p in parts:
        if isinstance(p, Literal):
            out.append(("；" if out else "") + p.text)
        elif isinstance(before, Cite) and before.cited_as == p.cited_as:
            out.append(p.short.join + p.place(after=before))
        else:
            place = p.place()
            out.append(("；" if out else "") + p.cited_as + (" " + place if place else ""))
        if isinstance(p, Cite) and p.note:
            out.append(f"（{p.note}）")
        before = p
    return "".join(out)


def nested(title: str) -> str:
    """A title inside 《》 writes the 书名号 of a title it names as 〈〉: 《河北省实施〈中华人民共和国道路交通安全法〉办法》."""
    return title.replace("《", "〈").replace("》", "〉")


def decision_text(cites: Sequence[Cite]) -> str | None:
    """As a decision document cites: 《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项、第三款."""
    out: list[str] = []
    before: Cite | None = None
    for c in cites:
        if before is not None and before.law is c.law and before.edition == c.edition:
            place = c.place(after=before, decision=True)
            if place:
                out.append("、" + place)
        else:
            number = f"（{c.law.number}）" if c.law.number else ""
            out.append(("、" if out else "") + f"《{nested(c.law.title)}》{number}" + c.place(decision=True))
        before = c
    return "".join(out) or None


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Registry:
    """Every text the schedules may cite, by the short name a basis gives it."""

    instruments: Mapping[str, Instrument] = field(default_factory=dict)

    def get(self, name: str) -> Instrument | None:
        return self.instruments.get(name)

    @property
    def listed(self) -> tuple[Instrument, ...]:
        return tuple(i for i in self.instruments.values() if i.listed)


def in_force(instrument: Instrument, day: dt.date) -> Edition | None:
    return next((e for e in instrument.editions if e.in_force(day)), None)


NONE = Basis()  # nothing cited
