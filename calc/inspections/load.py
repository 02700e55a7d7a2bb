"""schedules/inspections/*.toml -> Inspections: each regime and its requirements, and the texts the
answers say. A bad value stops start-up naming the file, the key and the problem (calc/nodes.py)."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import texts as wording
from ..laws import attach
from ..nodes import BASIS, Keys, Node, Source
from .model import COVERAGES, NEEDS_POPULATION, TRIGGERED, WINDOWS, Inspections, Regime, Requirement, to_share
from .texts import SPECS, TEXTS, WORDS, Texts

ID = re.compile(r"[a-z0-9][a-z0-9-]*")

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"regime": "id", "texts": "*", "words": "*"}

# The keys each table of an inspections/*.toml file may have (calc.schedules refuses any other).
KEYS = Keys(regime=Keys(
    "id", "title", "unit", "object", "seed", "superior", "audience_min", basis=BASIS,
    requirement=Keys("id", "title", "window", "coverage", "times", "units", "share", "officers",
                     "population", "unit_label", "trigger", "phase", "by", "due", "quota", "note", basis=BASIS),
    fact=Keys("id", "text", "value", basis=BASIS)),
    texts=wording.KEYS, words=Keys(*WORDS))


def _id(n: Node) -> str:
    rid = n.text("id")
    if not ID.fullmatch(rid):
        n.fail(f"id 只能由小写字母、数字和 - 组成: {rid!r}", "id")
    return rid


def _one_of(n: Node, key: str, allowed: tuple[str, ...]) -> str:
    value = n.text(key)
    if value not in allowed:
        n.fail(f"{key} 应为 {'/'.join(allowed)} 之一: {value!r}", key)
    return value


def _at_least_one(n: Node, key: str) -> int | None:
    value = n.get(key, int, None)
    if value is not None and value < 1:
        n.fail(f"{key} 至少为 1", key)
    return value


def _check_coverage(n: Node, window: str, coverage: str, units, share, population, trigger):
    """What a coverage needs (a count of units, a share, what the population counts) and what a
    requirement owed per event or case may not have."""
    if coverage in ("units", "per_unit") and (units is None or units < 1):
        n.fail(f"coverage = {coverage} 须有 units（≥1）", "units")
    if coverage == "share" and not share:
        n.fail("coverage = share 须有 share（0-100 的百分数）", "share")
    if coverage in NEEDS_POPULATION and population is None:
        n.fail(f"coverage = {coverage} 须写明 population（总数指什么）", "population")
    if window in TRIGGERED and trigger is None:
        n.fail("按次触发的指标须写明 trigger", "trigger")
    if window in TRIGGERED and coverage != "none":
        n.fail("按次触发的指标 coverage 应为 none", "coverage")


def _load_requirement(n: Node) -> Requirement:
    rid = _id(n)
    window = _one_of(n, "window", WINDOWS)
    coverage = _one_of(n, "coverage", COVERAGES)
    times = _at_least_one(n, "times")
    units = n.get("units", int, None)
    share = n.number("share", None, minimum=0, maximum=100)
    officers = _at_least_one(n, "officers")
    population = n.text("population", None)
    trigger = n.text("trigger", None)
    due = n.text("due", "end")
    if due not in ("end", "start"):
        n.fail("due 应为 end 或 start", "due")
    _check_coverage(n, window, coverage, units, share, population, trigger)
    quota = n.get("quota", bool, True)
    if quota and times is None and coverage in ("none",):
        n.fail("既无次数也无覆盖数的指标须写 quota = false", "quota")
    phase = n.text("phase", None)
    if phase is not None and phase not in ("before", "during", "after"):
        n.fail("phase 应为 before/during/after", "phase")
    return Requirement(
        id=rid, title=n.text("title"), window=window, coverage=coverage, basis=n.basis(), times=times,
        units=units, share=to_share(share) if share is not None else None, officers=officers,
        population=population, unit_label=n.text("unit_label", "家"), trigger=trigger, phase=phase,
        by=n.text("by", None), due=due, quota=quota, note=n.text("note", None))


def _words(root: Node, words: dict[str, str]):
    """The `[words]` of one file (a later layer's replace an earlier's by name)."""
    if root.has("words"):
        node = root.child("words")
        for name in WORDS:
            if node.has(name):
                words[name] = node.template(name, WORDS[name]) if WORDS[name] else node.get(name, str, allow_empty=True)


def _requirements(n: Node) -> dict[str, Requirement]:
    reqs: dict[str, Requirement] = {}
    for rn in n.children("requirement"):
        req = _load_requirement(rn)
        if req.id in reqs:
            rn.fail("同一制度内 requirement id 重复", "id")
        reqs[req.id] = req
    if not reqs:
        n.fail("至少要有一项检查指标", "requirement")
    return reqs


def _extra(n: Node) -> dict:
    """What a regime states besides its requirements: an audience size, facts with their basis."""
    extra: dict = {}
    if n.has("audience_min"):
        extra["audience_min"] = n.get("audience_min", int)
        n.number("audience_min", minimum=1)
    facts = [{"id": f.text("id"), "text": f.text("text"), "value": f.number("value"), **f.basis().answer}
             for f in n.children("fact", required=False)]
    if facts:
        extra["facts"] = facts
    return extra


def _regime(n: Node, rid: str) -> Regime:
    reqs = _requirements(n)
    extra = _extra(n)
    return Regime(rid, n.text("title"), n.text("unit"), n.text("object"), n.text("seed"),
                  n.basis(), n.text("superior", None), reqs, extra, n.digest)


def load(sources: list[Source], base: dict) -> Inspections:
    sources = attach(sources, base)
    regimes: dict[str, Regime] = {}
    where: dict[str, str] = {}
    texts = wording.load(sources, SPECS, "texts", "inspections/texts.toml", required=False)
    words: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        _words(root, words)
        for n in root.children("regime", required=False):
            with n.collecting():
                rid = _id(n)
                if rid in where:
                    n.fail(f"id 重复（已见于 {where[rid]}）", "id")
                where[rid] = source.name
                regimes[rid] = _regime(n, rid)
    missing = [f"texts.{t}" for t in TEXTS if t not in texts] + [f"words.{w}" for w in WORDS if w not in words]
    if missing and regimes:
        first = sources[0]
        Node(first, "", first.data).fail(f"inspections 缺少文字：{'、'.join(missing)}")
    said = Texts(texts, words)
    return Inspections({rid: replace(r, texts=said) for rid, r in regimes.items()})
