"""The registry of the texts the schedules cite (schedules/laws/*.toml): what a structured basis
names (calc/citations.py), loaded before every area, so that a reference to a text or an edition
the registry does not have stops start-up with the file and the key.

A county adds its own texts (its list, a local rule) in an overlay's laws/*.toml; an entry with
the name of a bundled one replaces it.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import tomli  # as calc/schedules.py reads every file

from .citations import KINDS, Edition, Instrument, Registry
from .nodes import EFFECTIVE, Keys, Node, Source

LAYERED = {"law": "name"}
_EDITION = Keys("year", "label", "note", "file", effective=EFFECTIVE)
KEYS = Keys(law=Keys("name", "title", "kind", "listed", edition=_EDITION))


def _edition(node: Node) -> Edition:
    year = node.get("year", int)
    if not 1900 <= year <= 2200:
        node.fail(f"年份应在 1900 至 2200 之间: {year}", "year")
    first, until = node.effective() if node.has("effective") else (None, None)
    return Edition(first, until, year, node.text("label", f"（{year}）"), node.text("note", None),
                   node.text("file", None))


def attach(sources: list[Source], base: dict) -> list[Source]:
    """The files of an area, each with the registry its bases cite through: the loaded one
    (calc.schedules passes it in `base`), or the bundled one for a file read on its own."""
    laws = base.get("laws") or bundled()
    return [s if s.laws is not None else replace(s, laws=laws) for s in sources]


@cache
def bundled() -> Registry:
    """The bundled registry alone: what a schedule file read outside calc.schedules cites against."""
    here = Path(__file__).resolve().parent
    folder = here / "bundled" / "laws" if (here / "bundled" / "laws").is_dir() else here.parent / "schedules" / "laws"
    return load([Source(p.relative_to(folder.parent).as_posix(), tomli.loads(p.read_text("utf-8")))
                 for p in sorted(folder.glob("*.toml"))], {})


def _instrument(n: Node, name: str) -> Instrument:
    kind = n.text("kind")
    if kind not in KINDS:
        n.fail(f"应为 {'、'.join(KINDS)} 之一", "kind")
    editions = tuple(_edition(e) for e in n.children("edition", required=False))
    years = [e.year for e in editions]
    if len(set(years)) != len(years):
        n.fail("同一年份的文本只能有一个", "edition")
    return Instrument(name, n.text("title"), kind, editions, n.get("listed", bool, False))


def load(sources: list[Source], base: dict) -> Registry:
    found: dict[str, Instrument] = {}
    for source in sources:
        root = Node(source, "", source.data)
        for n in root.children("law", required=False):
            with n.collecting():
                name = n.text("name")
                if name in found:
                    n.fail(f"名称重复：{name}", "name")
                found[name] = _instrument(n, name)
    return Registry(found)
