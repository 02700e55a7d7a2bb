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

def _bundled_root() -> Path:
    """`calc/bundled/` in an installed wheel, `schedules/` at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "bundled"
    return packaged if (packaged / "periods.toml").is_file() else here.parent / "schedules"


DEFAULT_ROOT = _bundled_root()
AREAS = ("penalties", "timelines", "events", "inspections", "responsibilities")
WHOLE_FILES = ("periods.toml", "calendar/provisional.toml")


@dataclass(frozen=True)
class Source:
    """One schedule file: its name (relative to the root, or its path in an overlay), its parsed
    TOML, and for each top-level array the position each item had in the file (an overlay may have
    taken some out), so an error names the item as the file numbers it."""

    name: str
    data: dict
    positions: dict = field(default_factory=dict)


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
        where = self.source.positions.get(key) if not self.key else None
        return [Node(self.source, f"{self._path(key)}[{where[i] if where else i}]", item)
                for i, item in enumerate(items)]

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
class Layer:
    """One directory of schedules. The bundled set (or a whole set of one's own, one that has a
    `periods.toml`) is the bottom; a county's overlays go above it, and an item of theirs with the
    same id as one below replaces it."""

    name: str
    path: Path
    kind: str  # bundled | base | overlay
    digest: str
    files: tuple[str, ...]
    adds: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedules:
    """Everything the service knows, loaded and checked once."""

    root: Path  # the top layer
    digest: str
    calendar_digests: dict[int, str]
    calendar: Any  # calc.workcal.CalendarBook
    rules: Any  # calc.periods.CountingRules
    areas: dict[str, Any] = field(default_factory=dict)
    layers: tuple[Layer, ...] = ()

    def __getattr__(self, name: str):
        areas = object.__getattribute__(self, "areas")
        if name in areas:
            return areas[name]
        raise AttributeError(name)


def read(root: Path, path: Path, name: str | None = None) -> Source:
    name = name or path.relative_to(root).as_posix()
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ScheduleError(name, "(文件)", f"不是 UTF-8 文本: {exc}") from None
    except OSError as exc:
        raise ScheduleError(name, "(文件)", f"无法读取: {exc.strerror or exc}") from None
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


# ---------------------------------------------------------------- layers


def layer_roots(roots: Any = None) -> list[Path]:
    """The layers, bottom first: `roots` (a path, a list, or `CALC_SCHEDULES` with its directories
    separated by os.pathsep), with the bundled set beneath unless the first is a whole set."""
    if roots is None:
        roots = os.environ.get("CALC_SCHEDULES") or []
    if isinstance(roots, (str, os.PathLike)):
        roots = [roots]
    paths: list[Path] = []
    for root in roots:
        parts = str(root).split(os.pathsep) if isinstance(root, str) else [root]
        paths += [Path(part).expanduser().resolve() for part in parts if str(part).strip()]
    for path in paths:
        if not path.is_dir():
            raise ScheduleError(str(path), "(目录)", "schedules 目录不存在")
    if not paths or not (paths[0] / "periods.toml").is_file():
        paths.insert(0, DEFAULT_ROOT)
    return paths


def _place(rel: str) -> str | None:
    """Which part of the schedules a file belongs to, by where it lies; None if nowhere."""
    if rel in WHOLE_FILES:
        return rel
    parts = rel.split("/")
    if len(parts) == 3 and parts[:2] == ["calendar", "cn"]:
        return "calendar"
    if len(parts) >= 2 and parts[0] in AREAS:
        return parts[0]
    return None


@dataclass
class _Read:
    """The files of one layer, read and sorted by the part of the schedules they belong to."""

    index: int
    path: Path
    files: list[Path]
    parts: dict[str, dict[str, Source]]  # part -> {name relative to the layer: source}
    unreadable: set[str]  # parts with a file that did not parse

    @property
    def kind(self) -> str:
        if self.index:
            return "overlay"
        return "bundled" if self.path == DEFAULT_ROOT else "base"


def _files(root: Path) -> list[Path]:
    """The .toml files under `root`, through symlinked folders and past hidden ones: a Kubernetes
    ConfigMap volume keeps its files in `..<timestamp>/` behind links such as `penalties -> ..data/penalties`."""
    found = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / n for n in names if n.endswith(".toml") and not n.startswith(".")]
    return sorted(found)


def _read_layer(index: int, path: Path, problems: list | None) -> _Read:
    layer = _Read(index, path, _files(path), {}, set())
    if index and not layer.files:
        _refuse(problems, ScheduleError(str(path), "(目录)", "覆盖层里没有任何 .toml 文件（目录挂错了？）"))
    for file in layer.files:
        rel = file.relative_to(path).as_posix()
        name = rel if index == 0 else str(file)  # an overlay's files by their full path
        place = _place(rel)
        if place is None or (place == "calendar" and not file.stem.isdigit()):
            _refuse(problems, ScheduleError(name, "(文件)", f"不认识的位置（{layer.kind}）：文件应为 periods.toml、"
                                            f"calendar/provisional.toml、calendar/cn/<年>.toml 或 "
                                            f"{'、'.join(a + '/*.toml' for a in AREAS)}"))
            continue
        try:
            layer.parts.setdefault(place, {})[rel] = read(path, file, name)
        except ScheduleError as err:
            _refuse(problems, err)
            layer.unreadable.add(place)
    return layer


def _refuse(problems: list | None, err: ScheduleError):
    if problems is None:
        raise err
    problems.append(err)


def _identities(area_module, source: Source) -> Iterator[tuple[str, Any]]:
    """(key, id) of every item in `source` that a higher layer may replace by its id."""
    for key, id_field in getattr(area_module, "LAYERED", {}).items():
        value = source.data.get(key)
        if id_field is None and isinstance(value, dict):
            yield key, None
        elif id_field == "*" and isinstance(value, dict):
            yield from ((key, name) for name in value)
        elif isinstance(id_field, str) and isinstance(value, list):
            for item in value:
                ident = item.get(id_field) if isinstance(item, dict) else None
                if isinstance(ident, (str, int)) and not isinstance(ident, bool):
                    yield key, ident


def _merge(area: str, layered: list[list[Source]]) -> tuple[list[Source], list[list[str]], list[list[str]]]:
    """The sources of one area over all layers, with every item a higher layer redefines taken out
    of the lower one; and per layer what it adds and what it overrides."""
    module = importlib.import_module(f"calc.{area}")
    defined = [{ident for s in sources_ for ident in _identities(module, s)} for sources_ in layered]
    adds, overrides, merged = [], [], []
    for index, sources_ in enumerate(layered):
        below = set().union(*defined[:index])
        above = set().union(*defined[index + 1:])
        adds.append([_label(area, *i) for i in sorted(defined[index] - below, key=str)] if index else [])
        overrides.append([_label(area, *i) for i in sorted(defined[index] & below, key=str)])
        merged += [_without(module, s, above) if above else s for s in sources_]
    return merged, adds, overrides


def _label(area: str, key: str, ident: Any) -> str:
    return f"{area}/{key}" if ident is None else f"{area}/{key}/{ident}"


def _without(module, source: Source, above: set) -> Source:
    data, positions = dict(source.data), dict(source.positions)
    for key, id_field in getattr(module, "LAYERED", {}).items():
        value = data.get(key)
        if id_field is None and (key, None) in above:
            data.pop(key, None)
        elif id_field == "*" and isinstance(value, dict):
            data[key] = {name: item for name, item in value.items() if (key, name) not in above}
        elif isinstance(id_field, str) and isinstance(value, list):
            where = positions.get(key) or list(range(len(value)))
            kept = [(i, item) for i, item in zip(where, value)
                    if not (isinstance(item, dict) and (key, item.get(id_field)) in above)]
            if len(kept) != len(value):
                data[key], positions[key] = [item for _, item in kept], [i for i, _ in kept]
    return Source(source.name, data, positions)


def _topmost(layers: list[_Read], place: str) -> dict[str, tuple[_Read, Source]]:
    """Whole files and calendar years: the highest layer's file of each name wins."""
    return {rel: (layer, source) for layer in layers for rel, source in layer.parts.get(place, {}).items()}


def _calendar(layers: list[_Read], problems: list | None):
    """The calendar book from the topmost file of each year; (book, {year: digest})."""
    from . import workcal

    years = sorted(_topmost(layers, "calendar").items(), key=lambda item: item[0])
    provisional = _topmost(layers, "calendar/provisional.toml").get("calendar/provisional.toml")
    if problems is not None:  # each year on its own first, so that every bad year file is named
        before = len(problems)
        for _, (_, source) in years:
            try:
                workcal.load_year(source)
            except ScheduleError as err:
                problems.append(err)
        if len(problems) > before:
            return None, {}
    if provisional is None:
        if not any("calendar/provisional.toml" in layer.unreadable for layer in layers):
            _refuse(problems, ScheduleError(str(layers[0].path / "calendar/provisional.toml"), "(文件)", "缺少此文件"))
        return None, {}
    try:
        book = workcal.load([source for _, (_, source) in years], provisional[1])
    except ScheduleError as err:
        _refuse(problems, err)
        return None, {}
    return book, {int(Path(rel).stem): digest_of(layer.path, [layer.path / rel]) for rel, (layer, _) in years}


def _rules(layers: list[_Read], problems: list | None):
    from . import periods

    chosen = _topmost(layers, "periods.toml").get("periods.toml")
    if chosen is None:
        if not any("periods.toml" in layer.unreadable for layer in layers):
            _refuse(problems, ScheduleError(str(layers[0].path / "periods.toml"), "(文件)", "缺少此文件"))
        return None
    try:
        return periods.load_rules(chosen[1])
    except ScheduleError as err:
        _refuse(problems, err)
        return None


def _whole_file_changes(layers: list[_Read], adds: list[list[str]], overrides: list[list[str]]):
    """What each overlay's whole files and calendar years add or replace."""
    for place in ("periods.toml", "calendar/provisional.toml", "calendar"):
        for layer in layers[1:]:
            for rel in layer.parts.get(place, {}):
                below = any(rel in lower.parts.get(place, {}) for lower in layers[:layer.index])
                (overrides if below else adds)[layer.index].append(rel.removesuffix(".toml"))


def _assemble(roots: Any, problems: list | None) -> "Schedules | None":
    """Read the layers and put the schedules together; raise on the first problem, or (when
    `problems` is a list) collect as many as can be told apart and return None if any."""
    layers = [_read_layer(i, path, problems) for i, path in enumerate(layer_roots(roots))]
    calendar, calendar_digests = _calendar(layers, problems)
    rules = _rules(layers, problems)
    base = {"calendar": calendar, "rules": rules}
    areas, adds, overrides = {}, [[] for _ in layers], [[] for _ in layers]
    for area in AREAS:
        merged, added, replaced = _merge(area, [list(layer.parts.get(area, {}).values()) for layer in layers])
        for layer in layers:
            adds[layer.index] += added[layer.index]
            overrides[layer.index] += replaced[layer.index]
        if problems is None:
            areas[area] = importlib.import_module(f"calc.{area}").load(merged, base)
        elif not any(area in layer.unreadable for layer in layers):  # else only confusing follow-on errors
            areas[area] = _load_collecting(area, merged, base, problems)
    if problems:
        return None
    _whole_file_changes(layers, adds, overrides)
    built = tuple(Layer(name="bundled" if layer.kind == "bundled" else layer.path.name, path=layer.path,
                        kind=layer.kind, digest=digest_of(layer.path, layer.files),
                        files=tuple(f.relative_to(layer.path).as_posix() for f in layer.files),
                        adds=tuple(adds[layer.index]), overrides=tuple(overrides[layer.index]))
                  for layer in layers)
    digest = built[0].digest if len(built) == 1 else hashlib.sha256(
        "\n".join(f"{b.kind}:{b.digest}" for b in built).encode()).hexdigest()[:16]
    return Schedules(root=layers[-1].path, digest=digest, calendar_digests=calendar_digests,
                     calendar=calendar, rules=rules, areas=areas, layers=built)


def _load_collecting(area: str, merged: list[Source], base: dict, problems: list):
    """Load an area again and again, each time without the item that failed, so that `calc check`
    names every bad item and not only the first; a problem not tied to one item ends the area."""
    module = importlib.import_module(f"calc.{area}")
    for _ in range(200):
        try:
            return module.load(merged, base)
        except ScheduleError as err:
            problems.append(err)
            smaller = _drop_item(merged, err)
            if smaller is None:
                return None
            merged = smaller
    return None


def _drop_item(merged: list[Source], err: ScheduleError) -> list[Source] | None:
    found = re.match(r"(\w+)\[(\d+)\]", err.key)
    if not found:
        return None
    key, position = found[1], int(found[2])
    out, dropped = [], False
    for source in merged:
        items = source.data.get(key)
        if source.name == err.file and isinstance(items, list) and not dropped:
            where = source.positions.get(key) or list(range(len(items)))
            if position in where:
                k = where.index(position)
                source = Source(source.name, {**source.data, key: items[:k] + items[k + 1:]},
                                {**source.positions, key: where[:k] + where[k + 1:]})
                dropped = True
        out.append(source)
    return out if dropped else None


def load(roots: Any = None) -> Schedules:
    """Load and validate every layer of schedules; raise ScheduleError on the first bad value.

    `roots`: None (`CALC_SCHEDULES`, else the bundled set), a directory, or a list of layers."""
    return _assemble(roots, None)


def problems(roots: Any = None) -> list[ScheduleError]:
    """Every problem `load` would stop at, as far as they can be told apart (empty: all good)."""
    found: list[ScheduleError] = []
    try:
        _assemble(roots, found)
    except ScheduleError as err:  # the layers themselves cannot be found
        found.append(err)
    return found
