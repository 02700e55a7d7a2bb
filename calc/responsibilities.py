"""Responsibilities (责任清单 一 部门责任, 二 与相关部门的职责边界): who does what, searchable.

Section 一 lists the bureau's main duties, each split into specific work items with the unit
(承担科室) that carries them; among them the criminal-case categories each unit investigates and
how many offences each covers. Section 二 lists the matters shared with other departments: every
department's part, the legal basis, and the seed's worked example. All of it is data
(`schedules/responsibilities/`); the search is a plain substring match over the Chinese text, so
an officer can type 传销 or 治安大队 and see every duty and boundary that mentions it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .citations import Basis, Cite, literal
from .errors import InvalidInput, NotFound
from .laws import attach
from .nodes import BASIS, Keys, Node, Source

SEED = "县公安局责任清单"
KINDS = ("duty", "case-category", "boundary")
MAX_QUERY = 100
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub("", text).lower()


@dataclass(frozen=True)
class Duty:
    """A specific work item (具体工作事项) of a main duty (主要职责), with its unit."""

    id: str
    no: int
    main: str
    text: str
    units: tuple[str, ...]
    category: str | None
    note: str | None
    basis: Basis = literal("")  # the county list's own row (一、N)

    @property
    def seed(self) -> str:
        return f"一、{self.no}"

    def as_item(self) -> dict:
        return {"kind": "duty", "id": self.id, "matter": self.text,
                "unit": "、".join(self.units) if self.units else None, "units": list(self.units),
                "main_duty": self.main, "main_no": self.no, "category": self.category, "note": self.note,
                "seed": self.seed, **self.basis.answer}

    def haystack(self) -> str:
        return _norm(" ".join((self.text, self.main, *self.units)))


@dataclass(frozen=True)
class Category:
    """A category of criminal cases under the Criminal Law and how many offences it covers (一、3)."""

    id: str
    name: str
    count: int
    unit: str
    also: str | None
    basis: str

    def as_item(self) -> dict:
        return {"kind": "case-category", "id": f"category.{self.id}",
                "matter": f"《刑法》及其各修正案中规定的{self.name}共 {self.count} 种刑事案件的侦破工作",
                "name": self.name, "count": self.count, "unit": self.unit, "units": [self.unit],
                "also": self.also, "seed": "一、3", **self.basis.answer}

    def haystack(self) -> str:
        return _norm(" ".join((self.name, self.unit, f"{self.name}共{self.count}种刑事案件", self.also or "")))


@dataclass(frozen=True)
class Part:
    department: str
    part: str


@dataclass(frozen=True)
class Boundary:
    """A matter shared with other departments (二): every department's part, the law, an example."""

    id: str
    no: int
    title: str
    departments: tuple[Part, ...]
    laws: tuple[str, ...]
    example: str
    note: str | None

    @property
    def seed(self) -> str:
        return f"二、{self.no}"

    def as_item(self, terms: list[str] | None = None) -> dict:
        matched = list(dict.fromkeys(p.department for p in self.departments
                                     if terms and all(t in _norm(p.department + p.part) for t in terms)))
        return {"kind": "boundary", "id": f"boundary.{self.id}", "no": self.no, "matter": self.title,
                "departments": [{"department": p.department, "part": p.part} for p in self.departments],
                "matched_departments": matched,
                **literal("；".join(self.laws)).answer, "laws": list(self.laws), "example": self.example,
                "note": self.note, "seed": self.seed}

    def haystack(self) -> str:
        parts = [f"{p.department} {p.part}" for p in self.departments]
        return _norm(" ".join((self.title, *parts, *self.laws, self.example)))


@dataclass(frozen=True)
class Responsibilities:
    duties: tuple[Duty, ...]
    categories: tuple[Category, ...]
    boundaries: tuple[Boundary, ...]

    def all(self):
        return (*self.duties, *self.categories, *self.boundaries)

    def search(self, q: str | None = None, kind: str | None = None) -> list[dict]:
        """Every entry whose text contains all the words of `q` (whitespace separates words)."""
        if kind is not None and kind not in KINDS:
            raise InvalidInput(f"kind 应为 {'、'.join(KINDS)} 之一", field="kind")
        q = (q or "").strip()
        if len(q) > MAX_QUERY:
            raise InvalidInput(f"关键词不能超过 {MAX_QUERY} 个字", field="q")
        terms = [_norm(t) for t in q.split() if t]
        out = []
        for entry in self.all():
            item_kind = {Duty: "duty", Category: "case-category", Boundary: "boundary"}[type(entry)]
            if kind and item_kind != kind:
                continue
            hay = entry.haystack()
            if all(t in hay for t in terms):
                out.append(entry.as_item(terms) if isinstance(entry, Boundary) else entry.as_item())
        return out

    def get(self, ident: str) -> dict:
        for entry in self.all():
            item = entry.as_item()
            if item["id"] == ident:
                return item
        raise NotFound(f"没有编号为 {ident} 的职责条目", field="id")

    def units(self) -> list[str]:
        seen: dict[str, None] = {}
        for d in self.duties:
            for u in d.units:
                seen.setdefault(u, None)
        return list(seen)


# -- loading --------------------------------------------------------------------------------------

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"duty": "no", "category": "id", "matter": "id"}

# The keys each table of a responsibilities/*.toml file may have (calc.schedules refuses any other).
KEYS = Keys(duty=Keys("no", "main", item=Keys("text", "unit", "units", "category", "note")),
            category=Keys("id", "name", "count", "unit", "also", basis=BASIS),
            matter=Keys("id", "no", "title", "basis", "example", "note", department=Keys("name", "part")))


def load(sources: list[Source], base: dict) -> Responsibilities:
    sources = attach(sources, base)
    county = sources[0].laws.get(SEED) if sources else None

    def row(section: str) -> Basis:  # where the county list says it, as a reference to that list
        return Basis((Cite(county, section=section),)) if county else literal(f"{SEED} {section}")

    seen = _Seen()
    duties: list[Duty] = []
    categories: list[Category] = []
    boundaries: list[Boundary] = []
    pending: list[tuple[Node, str]] = []
    for source in sources:
        root = Node(source, "", source.data)
        for n in root.children("duty", required=False):
            with n.collecting():
                duties += _duties(n, seen, row, pending)
        for n in root.children("category", required=False):
            with n.collecting():
                categories.append(_category(n, seen))
        for n in root.children("matter", required=False):
            with n.collecting():
                boundaries.append(_boundary(n, seen))
    known = {c.id for c in categories}
    for node, category in pending:
        if category not in known:
            node.fail(f"category {category!r} 未在 [[category]] 中定义", "category")
    return Responsibilities(tuple(sorted(duties, key=lambda d: (d.no, int(d.id.rsplit(".", 1)[1])))),
                            tuple(categories), tuple(sorted(boundaries, key=lambda b: b.no)))


class _Seen:
    """The numbers and ids read so far: each given once across the files."""

    def __init__(self):
        self.ids: set[str] = set()
        self.duty_nos: set[int] = set()
        self.matter_nos: set[int] = set()

    def number(self, n: Node, taken: set[int]) -> int:
        no = n.get("no", int)
        if no < 1 or no in taken:
            n.fail(f"序号无效或重复: {no}", "no")
        taken.add(no)
        return no

    def ident(self, n: Node, kind: str) -> str:
        ident = n.text("id")
        if f"{kind}.{ident}" in self.ids:
            n.fail(f"id 重复: {ident}", "id")
        self.ids.add(f"{kind}.{ident}")
        return ident


def _duties(n: Node, seen: _Seen, row, pending: list) -> list[Duty]:
    """A main duty's items (一、N), each with its unit(s); a category it names is checked once all are read."""
    no = seen.number(n, seen.duty_nos)
    main = n.text("main")
    items = n.children("item")
    if not items:
        n.fail("至少要有一个具体工作事项", "item")
    out = []
    for i, item in enumerate(items, 1):
        out.append(Duty(f"duty.{no}.{i}", no, main, item.text("text"), _units(item),
                        item.text("category", None), item.text("note", None), row(f"一、{no}")))
        if out[-1].category is not None:
            pending.append((item, out[-1].category))
    return out


def _category(n: Node, seen: _Seen) -> Category:
    cid = seen.ident(n, "category")
    category = Category(cid, n.text("name"), n.get("count", int), n.text("unit"), n.text("also", None), n.basis())
    if category.count < 1:
        n.fail("种数至少为 1", "count")
    return category


def _boundary(n: Node, seen: _Seen) -> Boundary:
    """A matter shared with other departments (二、N): the county list's own words for its documents."""
    no = seen.number(n, seen.matter_nos)
    laws = n.get("basis", list)
    if not laws or not all(isinstance(x, str) and x.strip() for x in laws):
        n.fail("basis 应为非空的依据列表", "basis")
    parts = tuple(Part(d.text("name"), d.text("part")) for d in n.children("department"))
    if not parts:
        n.fail("至少要有一个相关部门", "department")
    bid = seen.ident(n, "boundary")
    return Boundary(bid, no, n.text("title"), parts, tuple(laws), n.text("example"), n.text("note", None))


def _units(item: Node) -> tuple[str, ...]:
    if item.has("unit") and item.has("units"):
        item.fail("unit 与 units 只能写一个", "units")
    if item.has("units"):
        units = item.get("units", list)
        if not units or not all(isinstance(u, str) and u.strip() for u in units):
            item.fail("units 应为非空的科室列表", "units")
        return tuple(units)
    unit = item.text("unit", None)
    if unit is None and not item.has("note"):
        item.fail("缺少承担科室（清单空白的须写 note 说明）", "unit")
    return (unit,) if unit else ()
