"""Read `schedules/*.toml` once, validate every value, and build the domain objects.

A bad file stops the service (and `calc check`) with the file, the key and what is wrong:
a wrong legal number served quietly is worse than no service.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .errors import ScheduleError

DEFAULT_ROOT = Path(__file__).resolve().parent.parent / "schedules"
AREAS = ("penalties", "timelines", "events", "inspections", "responsibilities")


@dataclass(frozen=True)
class Source:
    """One schedule file: its name relative to the root, and its parsed TOML."""

    name: str
    data: dict


class Node:
    """A table inside a schedule file that knows where it is, so errors can say so."""

    def __init__(self, source: Source, key: str, data: Any):
        self.source, self.key, self.data = source, key, data
        if not isinstance(data, dict):
            self.fail("应为表（table）")

    def fail(self, problem: str, key: str | None = None):
        raise ScheduleError(self.source.name, self._path(key), problem)

    def _path(self, key: str | None) -> str:
        if key is None:
            return self.key or "(文件)"
        return f"{self.key}.{key}" if self.key else key

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
        return Node(self.source, self._path(key), self.get(key, dict))

    def children(self, key: str, *, required=True) -> list["Node"]:
        if key not in self.data and not required:
            return []
        items = self.get(key, list)
        return [Node(self.source, f"{self._path(key)}[{i}]", item) for i, item in enumerate(items)]

    def basis(self, key: str = "basis") -> str:
        """Every legal number cites where it comes from: a missing basis is a bad file."""
        return self.text(key)

    def effective(self, key: str = "effective") -> tuple[dt.date, dt.date | None]:
        node = self.child(key)
        first = node.date("from")
        until = node.date("until", None)
        if until is not None and until < first:
            node.fail(f"until ({until}) 早于 from ({first})", "until")
        return first, until


@dataclass(frozen=True)
class Schedules:
    """Everything the service knows, loaded and checked once."""

    root: Path
    digest: str
    calendar_digests: dict[int, str]
    calendar: Any  # calc.workcal.CalendarBook
    rules: Any  # calc.periods.CountingRules
    areas: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str):
        areas = object.__getattribute__(self, "areas")
        if name in areas:
            return areas[name]
        raise AttributeError(name)


def read(root: Path, path: Path) -> Source:
    name = path.relative_to(root).as_posix()
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ScheduleError(name, "(文件)", f"不是 UTF-8 文本: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(name, _line_key(text, str(exc)), f"TOML 语法错误: {exc}") from None
    except ValueError as exc:  # some tomllib versions report impossible dates (2026-02-30) this way
        raise ScheduleError(name, _line_key(text, str(exc)), f"TOML 取值错误: {exc}") from None
    return Source(name, data)


def _line_key(text: str, message: str) -> str:
    """The key on the line tomllib names ("at line 12"), so an operator sees where to look."""
    found = re.search(r"line (\d+)", message)
    if not found:
        return "(文件)"
    number = int(found[1])
    lines = text.splitlines()
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    key = re.match(r"([\w.\-\"]+)\s*=", line)
    return f"{key[1]}（第{number}行）" if key else f"第{number}行"


def sources(root: Path, folder: str) -> Iterator[Source]:
    for path in sorted((root / folder).rglob("*.toml")):
        yield read(root, path)


def digest_of(root: Path, paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def load(root: str | os.PathLike | None = None) -> Schedules:
    """Load and validate every schedule under `root`; raise ScheduleError on the first bad value."""
    from . import periods, workcal

    root = Path(root or os.environ.get("CALC_SCHEDULES") or DEFAULT_ROOT).resolve()
    if not root.is_dir():
        raise ScheduleError(str(root), "(目录)", "schedules 目录不存在")
    all_files = sorted(root.rglob("*.toml"))
    calendar_files = sorted((root / "calendar" / "cn").glob("*.toml"))
    calendar = workcal.load(
        [read(root, p) for p in calendar_files], read(root, root / "calendar" / "provisional.toml")
    )
    rules = periods.load_rules(read(root, root / "periods.toml"))
    base = {"calendar": calendar, "rules": rules}
    areas = {}
    for area in AREAS:
        module = importlib.import_module(f"calc.{area}")
        areas[area] = module.load(list(sources(root, area)), base)
    return Schedules(
        root=root,
        digest=digest_of(root, all_files),
        calendar_digests={int(p.stem): digest_of(root, [p]) for p in calendar_files if p.stem.isdigit()},
        calendar=calendar,
        rules=rules,
        areas=areas,
    )
