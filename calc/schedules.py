"""Read `schedules/*.toml` once, validate every value, and build the domain objects.

The assembler of the loading layer: it finds the layers, reads and digests their files, checks each
file's keys against what its kind declares, merges the layers, and hands each area's files to that
area's builder, named in `REGISTRY` (not looked up by name at run time). The areas build their
domain objects from calc/nodes.py's `Node`s and never import this module.

A bad file stops the service (and `calc check`) with the file, the key and what is wrong:
a wrong legal number served quietly is worse than no service.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

# The standard library's tomllib is tomli's code; tomli's wheels are compiled (mypyc): the same parser,
# the same errors, 2.5× faster on the 76 bundled files, which are half of a load (docs/benchmarks.md).
import tomli

from . import citations, events, inspections, laws, penalties, periods, responsibilities, timelines, traffic, workcal
from .errors import ScheduleError
from .nodes import Keys, Node, Source, unknown_keys

__all__ = ["Area", "Layer", "Node", "REGISTRY", "Schedules", "Source", "load", "problems"]  # Node, Source: from calc.nodes


def _bundled_root() -> Path:
    """`calc/bundled/` in an installed wheel, `schedules/` at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "bundled"
    return packaged if (packaged / "periods.toml").is_file() else here.parent / "schedules"


@dataclass(frozen=True)
class Area:
    """One folder of schedules and what turns its files into the domain: the builder, the keys
    each file may have, and what a county's overlay may replace by id (see `_identities`)."""

    build: Callable[[list[Source], dict], Any]
    keys: Keys
    layered: Mapping[str, str | None]


REGISTRY: dict[str, Area] = {
    "laws": Area(laws.load, laws.KEYS, laws.LAYERED),  # first: every other part cites through it
    "penalties": Area(penalties.load, penalties.KEYS, penalties.LAYERED),
    "timelines": Area(timelines.load, timelines.KEYS, timelines.LAYERED),
    "events": Area(events.load, events.KEYS, events.LAYERED),
    "inspections": Area(inspections.load, inspections.KEYS, inspections.LAYERED),
    "responsibilities": Area(responsibilities.load, responsibilities.KEYS, responsibilities.LAYERED),
    "traffic": Area(traffic.load, traffic.KEYS, traffic.LAYERED),
}
DEFAULT_ROOT = _bundled_root()
AREAS = tuple(REGISTRY)
WHOLE_FILES = ("periods.toml", "calendar/provisional.toml", "calendar/texts.toml")
# The keys of the files that are not an area's: the counting rules and the calendar.
FILE_KEYS: dict[str, Keys] = {"periods.toml": periods.KEYS, "calendar/provisional.toml": workcal.PROVISIONAL_KEYS,
                              "calendar/texts.toml": workcal.TEXT_KEYS,
                              "calendar": workcal.YEAR_KEYS, **{name: area.keys for name, area in REGISTRY.items()}}


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
    calendar: workcal.CalendarBook
    rules: periods.CountingRules
    areas: dict[str, Any] = field(default_factory=dict)  # by REGISTRY name; typed below
    layers: tuple[Layer, ...] = ()

    @property
    def laws(self) -> "citations.Registry":
        return self._area("laws")

    @property
    def penalties(self) -> penalties.Penalties:
        return self._area("penalties")

    @property
    def timelines(self) -> timelines.Timelines:
        return self._area("timelines")

    @property
    def events(self) -> events.Events:
        return self._area("events")

    @property
    def inspections(self) -> inspections.Inspections:
        return self._area("inspections")

    @property
    def responsibilities(self) -> responsibilities.Responsibilities:
        return self._area("responsibilities")

    @property
    def traffic(self) -> traffic.Traffic:
        return self._area("traffic")

    def _area(self, name: str):
        try:
            return self.areas[name]
        except KeyError:
            raise AttributeError(name) from None


def read(root: Path, path: Path, name: str | None = None) -> Source:
    name = name or path.relative_to(root).as_posix()
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise ScheduleError(name, "(文件)", f"不是 UTF-8 文本: {exc}") from None
    except OSError as exc:
        raise ScheduleError(name, "(文件)", f"无法读取: {exc.strerror or exc}") from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ScheduleError(name, _line_key(text, str(exc)), f"TOML 语法错误: {exc}") from None
    except ValueError as exc:  # some tomli versions report impossible dates (2026-02-30) this way
        raise ScheduleError(name, _line_key(text, str(exc)), f"TOML 取值错误: {exc}") from None
    return Source(name, data)


def _line_key(text: str, message: str) -> str:
    """The key on the line the parser names ("at line 12"), so an operator sees where to look."""
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
    unknown: list[ScheduleError] = field(default_factory=list)  # keys no kind declares, in file order

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
                                            f"calendar/provisional.toml、calendar/texts.toml、calendar/cn/<年>.toml 或 "
                                            f"{'、'.join(a + '/*.toml' for a in AREAS)}"))
            continue
        try:
            source = read(path, file, name)
        except ScheduleError as err:
            _refuse(problems, err)
            layer.unreadable.add(place)
            continue
        layer.parts.setdefault(place, {})[rel] = _known_keys(layer, source, FILE_KEYS[place], problems)
    return layer


def _known_keys(layer: _Read, source: Source, keys: Keys, problems: list | None) -> Source:
    """The keys the file's kind does not declare: every one of them into `problems`, and the file
    without them so that its other problems are found too; or, for `load`, kept in the layer, to be
    raised once the loaders have passed (what a loader says about the same file comes first: a
    `[[notes]]` for `[[notice]]` is first of all a missing notice)."""
    unknown, cleaned = unknown_keys(source, keys)
    if problems is None:
        layer.unknown += unknown
        return source
    problems += unknown
    return cleaned


def _refuse(problems: list | None, err: ScheduleError):
    if problems is None:
        raise err
    problems.append(err)


def _identities(area: Area, source: Source) -> Iterator[tuple[str, Any]]:
    """(key, id) of every item in `source` that a higher layer may replace by its id."""
    for key, id_field in area.layered.items():
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
    module = REGISTRY[area]
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


def _without(area: Area, source: Source, above: set) -> Source:
    data, positions = dict(source.data), dict(source.positions)
    for key, id_field in area.layered.items():
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
    return replace(source, data=data, positions=positions)


def _topmost(layers: list[_Read], place: str) -> dict[str, tuple[_Read, Source]]:
    """Whole files and calendar years: the highest layer's file of each name wins."""
    return {rel: (layer, source) for layer in layers for rel, source in layer.parts.get(place, {}).items()}


def _calendar(layers: list[_Read], problems: list | None):
    """The calendar book from the topmost file of each year; (book, {year: digest})."""
    years = sorted(_topmost(layers, "calendar").items(), key=lambda item: item[0])
    provisional = _topmost(layers, "calendar/provisional.toml").get("calendar/provisional.toml")
    texts = _topmost(layers, "calendar/texts.toml").get("calendar/texts.toml")
    if problems is not None:  # each year on its own first, so that every bad year file is named
        before = len(problems)
        for _, (_, source) in years:
            try:
                workcal.load_year(source)
            except ScheduleError as err:
                problems.append(err)
        if len(problems) > before:
            return None, {}
    for name, chosen in (("calendar/provisional.toml", provisional), ("calendar/texts.toml", texts)):
        if chosen is None:
            if not any(name in layer.unreadable for layer in layers):
                _refuse(problems, ScheduleError(str(layers[0].path / name), "(文件)", "缺少此文件"))
            return None, {}
    try:
        book = workcal.load([source for _, (_, source) in years], provisional[1], texts[1])
    except ScheduleError as err:
        _refuse(problems, err)
        return None, {}
    return book, {int(Path(rel).stem): digest_of(layer.path, [layer.path / rel]) for rel, (layer, _) in years}


def _rules(layers: list[_Read], problems: list | None):
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
    for place in (*WHOLE_FILES, "calendar"):
        for layer in layers[1:]:
            for rel in layer.parts.get(place, {}):
                below = any(rel in lower.parts.get(place, {}) for lower in layers[:layer.index])
                (overrides if below else adds)[layer.index].append(rel.removesuffix(".toml"))


def _assemble(roots: Any, problems: list | None) -> "Schedules | None":
    """Read the layers and put the schedules together; raise on the first problem, or (when
    `problems` is a list) collect as many as can be told apart and return None if any."""
    layers = [_read_layer(i, path, problems) for i, path in enumerate(layer_roots(roots))]
    areas, adds, overrides = {}, [[] for _ in layers], [[] for _ in layers]

    def build(area: str, base: dict):
        merged, added, replaced = _merge(area, [list(layer.parts.get(area, {}).values()) for layer in layers])
        for layer in layers:
            adds[layer.index] += added[layer.index]
            overrides[layer.index] += replaced[layer.index]
        if problems is None:
            areas[area] = REGISTRY[area].build(merged, base)
        elif not any(area in layer.unreadable for layer in layers):  # else only confusing follow-on errors
            areas[area] = _load_collecting(area, merged, base, problems)

    build("laws", {})
    if areas.get("laws") is None:  # every basis names a text of the registry: nothing else can be read
        return None
    _cite_through(layers, areas["laws"])
    calendar, calendar_digests = _calendar(layers, problems)
    rules = _rules(layers, problems)
    base = {"calendar": calendar, "rules": rules, "laws": areas["laws"]}
    for area in AREAS[1:]:
        build(area, base)
    if problems:
        return None
    for layer in layers:
        for err in layer.unknown:
            raise err
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


def _cite_through(layers: list[_Read], registry) -> None:
    """Every file's bases are read against the loaded registry of texts."""
    for layer in layers:
        for place, files in layer.parts.items():
            if place != "laws":
                layer.parts[place] = {rel: replace(source, laws=registry) for rel, source in files.items()}


def _load_collecting(area: str, merged: list[Source], base: dict, problems: list):
    """Load an area once, noting every bad item's problem and going on without it (Node.collecting),
    so that `calc check` names every bad item and not only the first; a problem not tied to one
    item (a missing text, a missing [feed]) ends the area, after those noted before it."""
    sources = [replace(source, problems=problems) for source in merged]
    try:
        return REGISTRY[area].build(sources, base)
    except ScheduleError as err:
        problems.append(err)
        return None


def load(roots: Any = None) -> Schedules:
    """Load and validate every layer of schedules; raise ScheduleError on the first bad value,
    with every other problem `problems` finds attached (`.problems`, and as notes, which a
    start-up traceback prints), so that one failed start names all that needs fixing.

    `roots`: None (`CALC_SCHEDULES`, else the bundled set), a directory, or a list of layers."""
    try:
        return _assemble(roots, None)
    except ScheduleError as err:
        _attach_problems(err, roots)
        raise


def _attach_problems(err: ScheduleError, roots: Any):
    """The quick load stops at the first problem; only then look for the rest (so a good start
    pays nothing for it). The first stays the one raised: its message is unchanged."""
    try:
        others = problems(roots)
    except Exception:  # noqa: BLE001 - a loader that fails without saying where: the first still stands
        others = []
    seen = {str(err)}
    err.problems = [err] + [p for p in others if not (str(p) in seen or seen.add(str(p)))]
    if len(err.problems) > 1:
        err.add_note(f"schedules 共有 {len(err.problems)} 处问题：")
        for p in err.problems:
            err.add_note(f"  {p}")


def problems(roots: Any = None) -> list[ScheduleError]:
    """Every problem `load` would stop at, as far as they can be told apart (empty: all good)."""
    found: list[ScheduleError] = []
    try:
        _assemble(roots, found)
    except ScheduleError as err:  # the layers themselves cannot be found
        found.append(err)
    return found
