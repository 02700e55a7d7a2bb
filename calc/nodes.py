"""What every area's loader reads schedules through: a file (`Source`), a table in it that knows
where it is (`Node`), and the keys each kind of table may have (`Keys`).

The base of the loading layer, importing nothing of the calculator but its errors: the areas
(calc/penalties/loader.py, calc/timelines/load.py, …) build their domain objects from Nodes, and
calc/schedules.py, which assembles the areas, imports them, never the other way round.
"""
from __future__ import annotations

import datetime as dt
import difflib
import string
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from . import citations as cit
from .errors import ScheduleError, UnknownKey


@dataclass(frozen=True)
class Source:
    """One schedule file: its name (relative to the root, or its path in an overlay), its parsed
    TOML, and for each top-level array the position each item had in the file (an overlay may have
    taken some out), so an error names the item as the file numbers it."""

    name: str
    data: dict
    positions: dict = field(default_factory=dict)
    laws: "cit.Registry | None" = None  # what a structured basis may cite (calc/laws.py)
    problems: list | None = None  # where a load that collects (calc check) notes each item's problem


class Keys:
    """The keys one kind of table may have: plain values by name, and the tables (or arrays of
    tables) under it, each with its own Keys. Every item kind declares one next to its loader, so
    a key that no loader reads (a misspelt `extention`) is refused instead of silently ignored."""

    def __init__(self, *names: str, **tables: "Keys | Named | Free"):
        self.tables = tables
        self.known = tuple(dict.fromkeys((*names, *tables)))
        self._known = frozenset(self.known)

    def unknown(self, data: dict) -> list[str]:
        return [] if self._known.issuperset(data) else [key for key in data if key not in self._known]


class Named:
    """A table of entries named by the editor (`[texts.term]`, `[texts.hours]`), each per `keys`."""

    def __init__(self, keys: "Keys | Free"):
        self.keys = keys


class Free:
    """A table whose keys are data, not names the loader knows (a code -> label map)."""


FREE = Free()


def unknown_keys(source: Source, keys: Keys) -> tuple[list[UnknownKey], Source]:
    """Every key of `source` that `keys` does not declare, at any depth, and the source without
    them (so that `problems()` can go on to find what else is wrong in the file)."""
    found: list[UnknownKey] = []
    data = _walk(source, (), source.data, keys, found, top=True)
    return found, (source if data is source.data else replace(source, data=data))


def spelled(where: tuple) -> str:
    """("violation", 3, "version", 1) -> "violation[3].version[1]": a place as a person reads it."""
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _walk(source: Source, path: tuple, data: dict, keys, found: list, top: bool = False) -> dict:
    """`data` with the unknown keys taken out (the same object when there were none)."""
    if isinstance(keys, Free):
        return data
    if isinstance(keys, Named):
        out = {name: _walk(source, (*path, name), value, keys.keys, found) if isinstance(value, dict) else value
               for name, value in data.items()}
        return data if all(out[k] is data[k] for k in data) else out
    unknown = keys.unknown(data)
    found += [UnknownKey(source.name, spelled((*path, key)), key, keys.known, (*path, key)) for key in unknown]
    out = {k: v for k, v in data.items() if k not in unknown} if unknown else data  # copied only on a change
    for key, sub in keys.tables.items():
        value = out.get(key)
        if value is None:  # most declared tables are absent from a given item
            continue
        new = _walk_table(source, (*path, key), value, sub, found, source.positions.get(key) if top else None)
        if new is not value:
            out = dict(out) if out is data else out
            out[key] = new
    return out


def _walk_table(source: Source, path: tuple, value, sub, found: list, where: list | None):
    """A table (or an array of tables, numbered as the file numbers them: `where`) walked by its Keys."""
    if isinstance(value, dict):
        return _walk(source, path, value, sub, found)
    if not isinstance(value, list):
        return value
    new = [_walk(source, (*path, where[i] if where else i), item, sub, found) if isinstance(item, dict) else item
           for i, item in enumerate(value)]
    return value if all(a is b for a, b in zip(new, value)) else new


def digest(data: Any) -> str:
    """16 hex of sha256 over a table's content (keys sorted, dates in ISO): an answer that carries
    the digest of the rule it used knows, once stored, whether that rule has changed since."""
    import hashlib
    import json

    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=lambda v: v.isoformat() if isinstance(v, (dt.date, dt.time)) else str(v))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Fingerprint:
    """The digest of one table, worked out when an answer first names it (its rule_versions): a load
    holds some 370 such tables and an answer names one or two, so digesting them all up front was
    7 ms of every start-up and reload. Equal to, and hashed as, the digest's text."""

    __slots__ = ("_data", "_text")

    def __init__(self, data: Any):
        self._data, self._text = data, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = digest(self._data)
        return self._text

    def __repr__(self) -> str:
        return f"Fingerprint({str(self)!r})"

    def __eq__(self, other) -> bool:
        return str(self) == str(other) if isinstance(other, (str, Fingerprint)) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


class Node:
    """A table inside a schedule file that knows where it is, so errors can say so."""

    def __init__(self, source: Source, key: str, data: Any, where: tuple | None = None):
        """`key`: where the table is, as a person reads it; `where`: the same as data (see
        ScheduleError), given by `child` and `children`; a table made by hand at `key` is there."""
        self.source, self.key, self.data = source, key, data
        self.where = where if where is not None else ((key,) if key else ())
        if not isinstance(data, dict):
            self.fail("应为表（table）")

    @property
    def digest(self) -> Fingerprint:
        return Fingerprint(self.data)

    def fail(self, problem: str, key: str | None = None):
        raise ScheduleError(self.source.name, self._path(key), problem, self.where if key is None else (*self.where, key))

    def _path(self, key: str | None) -> str:
        if key is None:
            return self.key or "(文件)"
        return f"{self.key}.{key}" if self.key else key

    @contextmanager
    def collecting(self):
        """This item is read on its own: where the load collects problems (`calc check`), its
        problem is noted and the load goes on without it, so one pass names every bad item; a
        plain load stops at the first."""
        try:
            yield
        except ScheduleError as err:
            if self.source.problems is None:
                raise
            self.source.problems.append(err)

    def only(self, keys: "Keys | Iterable[str]"):
        """Refuse a key this kind of table does not have, naming it and the keys it may have."""
        known = keys.known if isinstance(keys, Keys) else tuple(keys)
        for key in self.data:
            if key not in known:
                raise UnknownKey(self.source.name, self._path(key), key, known, (*self.where, key))

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, kind: type | tuple = object, default: Any = ..., *, allow_empty=False):
        if key not in self.data:
            if default is ...:
                self.fail("缺少此项", key)
            return default
        value = self.data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(f"类型应为 {names}，实为 {type(value).__name__}: {value!r}", key)
        if isinstance(value, str) and not allow_empty and not value.strip():
            self.fail("不能为空", key)
        return value

    def text(self, key: str, default: Any = ...) -> str:
        return self.get(key, str, default)

    def template(self, key: str, allowed: Iterable[str], default: Any = ...) -> str:
        """A text with placeholders in braces, each one the calculator fills (`allowed`): a
        misspelt placeholder stops start-up here instead of failing the first answer that uses it."""
        text = self.get(key, str, default)
        if text is default and default is not ...:
            return text
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:
            self.fail(f"花括号不成对（占位符写作 {{名称}}，字面的花括号写作 {{{{ }}}}）: {text!r}", key)
        allowed = tuple(allowed)
        wrong = sorted(names - set(allowed))
        if wrong:
            hint = difflib.get_close_matches(wrong[0], allowed, n=1, cutoff=0.75)
            self.fail(f"未知的占位符 {{{wrong[0]}}}（可用：{'、'.join(allowed) or '无'}）"
                      + (f"；是否应为 {{{hint[0]}}}？" if hint else ""), key)
        return text

    def date(self, key: str, default: Any = ...) -> dt.date:
        value = self.get(key, dt.date, default)
        if isinstance(value, dt.datetime):
            self.fail("应为日期，不带时间", key)
        return value

    def number(self, key: str, default: Any = ..., *, minimum: float | None = 0, maximum: float | None = None):
        value = self.get(key, (int, float), default)
        if value is None or value is default and default is not ...:
            return value
        if isinstance(value, bool):
            self.fail("应为数值", key)
        if minimum is not None and value < minimum:
            self.fail(f"不能小于 {minimum}: {value}", key)
        if maximum is not None and value > maximum:
            self.fail(f"不能大于 {maximum}: {value}", key)
        return value

    def child(self, key: str, default: Any = ...) -> "Node | None":
        if key not in self.data and default is not ...:
            return default
        return Node(self.source, self._path(key), self.get(key, dict), (*self.where, key))

    def children(self, key: str, *, required=True) -> list["Node"]:
        if key not in self.data and not required:
            return []
        items = self.get(key, list)
        where = self.source.positions.get(key) if not self.key else None
        return [Node(self.source, f"{self._path(key)}[{n}]", item, (*self.where, key, n))
                for n, item in ((where[i] if where else i, item) for i, item in enumerate(items))]

    def basis(self, key: str = "basis", default: Any = ..., *, inherit: "cit.Basis | None" = None) -> "cit.Basis":
        """Every legal number cites where it comes from: a missing basis is a bad file.

        A list of references (`[{ law = "治安管理处罚法", edition = 2025, article = 51 }]`, see
        calc/citations.py); a reference without `law` takes the law and edition of `inherit`'s
        first (a band's paragraph under its version's article). A plain string is words that cite
        nothing (a county's own remark): it is shown, and its `cites` are empty."""
        if not self.has(key) and default is not ...:
            return default
        value = self.get(key, (str, list))
        if isinstance(value, str):
            return cit.literal(value)
        if not value:
            self.fail("依据不能为空（非法律依据的说明写作 [{ text = \"…\" }]）", key)
        return cit.Basis(self.cite(key, i, item, inherit) for i, item in enumerate(value))

    def basis_template(self, key: str, fields: Iterable[str], default: Any = ...) -> "cit.Template":
        """A basis a text fills in per answer (calc.citations.Template): references, and placeholders
        such as "{basis}" (the rule's own) among them; or a county's string template."""
        if not self.has(key) and default is not ...:
            return default
        value = self.get(key, (str, list))
        if isinstance(value, str):
            return cit.Template(text=self.template(key, fields))
        fields = tuple(fields)
        parts: list = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                name = item[1:-1] if item.startswith("{") and item.endswith("}") else None
                if name not in fields:
                    self.fail(f"列表中的字符串只能是占位符 {{名称}}（可用：{'、'.join(fields) or '无'}）: {item!r}", f"{key}[{i}]")
                parts.append(name)
            else:
                parts.append(self.cite(key, i, item))
        return cit.Template(parts)

    def cite(self, key: str, i: int, data: Any, inherit: "cit.Basis | None" = None) -> "cit.Part":
        """The `i`th reference of the basis at `key` (or `{ text = "…" }`, words that cite nothing)."""
        node = Node(self.source, self._path(f"{key}[{i}]"), data, (*self.where, key, i))
        if "text" in data:
            node.only(("text",))
            return cit.Literal(node.text("text"))
        node.only(CITE)
        base = inherit.cites[0] if inherit is not None and inherit.cites and not node.has("law") else None
        law, edition = _instrument(node, base)
        article, sub_article, paragraph, item = _place(node)
        return cit.Cite(law, edition, article, sub_article, paragraph, item, node.text("section", None),
                        node.text("note", None), _short(node, base))

    def effective(self, key: str = "effective") -> tuple[dt.date, dt.date | None]:
        node = self.child(key)
        node.only(EFFECTIVE)
        first = node.date("from")
        until = node.date("until", None)
        if until is not None and until < first:
            node.fail(f"until ({until}) 早于 from ({first})", "until")
        return first, until


def _instrument(node: Node, base: "cit.Cite | None") -> tuple["cit.Instrument", int | None]:
    """The text a reference names and its edition: its own `law`, or (for a band's paragraph under
    its version's article) the law and edition of `base`."""
    laws = node.source.laws
    if laws is None:  # calc.laws.attach gives every file read by an area its registry
        node.fail("没有法律目录（schedules/laws）可供查找引用")
    if base is not None:
        law, edition = base.law, node.get("edition", int, base.edition)
    elif node.has("law"):
        law = laws.get(node.text("law"))
        if law is None:
            hint = difflib.get_close_matches(node.text("law"), list(laws.instruments), n=1, cutoff=0.6)
            node.fail("法律目录（schedules/laws）中没有此名称" + (f"；是否应为 {hint[0]}？" if hint else ""), "law")
        edition = node.get("edition", int, None)
    else:
        node.fail("缺少此项（只有在继承上级依据时可以省略）", "law")
    if edition is not None and law.editions and law.edition(edition) is None:
        node.fail(f"{law.name} 没有 {edition} 年的文本（法律目录中有："
                  f"{'、'.join(str(e.year) for e in law.editions)}）", "edition")
    return law, edition


def _place(node: Node) -> tuple[int | None, int | None, int | None, int | None]:
    """Article, 之几, paragraph and item, each a positive number; a paragraph or item needs its article."""
    numbers = tuple(node.get(k, int, None) for k in ("article", "sub_article", "paragraph", "item"))
    for k, n in zip(("article", "sub_article", "paragraph", "item"), numbers):
        if n is not None and n < 1:
            node.fail("应为正整数", k)
    if numbers[0] is None and any(numbers[1:]):
        node.fail("有款、项须先有条", "article")
    return numbers


def _short(node: Node, base: "cit.Cite | None") -> "cit.Short":
    """How the v1 short text writes the reference; an inherited one as its version's is written
    (with or without the year, by that name)."""
    dated, name = (base.short.dated, base.short.name) if base is not None else (True, None)
    short = node.child("short", None)
    if short is None:
        return cit.Short(dated, name=name) if (dated, name) != (True, None) else cit.PLAIN
    short.only(SHORT)
    to = short.text("to", None)
    if to not in (None, "article", "paragraph"):
        short.fail("应为 article 或 paragraph", "to")
    return cit.Short(short.get("dated", bool, dated), short.get("plain_item", bool, False), to,
                     short.text("name", name), short.get("join", str, "、"))


# The `effective = { from = …, until = … }` of every dated rule (Node.effective reads it).
EFFECTIVE = Keys("from", "until")
# One reference of a structured basis (Node.cite), and how its v1 short text writes it.
CITE = ("law", "edition", "article", "sub_article", "paragraph", "item", "section", "note", "short")
SHORT = ("dated", "plain_item", "to", "name", "join")
# A basis, wherever it stands: a list of references (or `{ text = "…" }`), each table per CITE.
BASIS = Keys(*CITE, "text", short=Keys(*SHORT))
