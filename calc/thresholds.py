"""Thresholds (立案追诉标准, 限量): facts in, which department acts and on what basis out.

The data lives beside the penalty bands (`schedules/penalties/thresholds.toml`) and is loaded by
`calc.penalties.load`. A threshold is met when all of its tests hold; each test is inclusive
(以上/以下 include the number itself: 民法典 第一千二百五十九条). What an answer says, and that
citation, are texts (`TEXTS`, in schedules/penalties/texts.toml).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Mapping, get_args

from .errors import InvalidInput
from .nodes import BASIS, FREE, Keys, Node
from .texts import Spec, Text

FactKind = Literal["integer", "number", "choice"]
KINDS: tuple[FactKind, ...] = get_args(FactKind)
OPS = ("at_least", "at_most")
# What an answer says (`[texts.<code>]`): one sentence per kind of test, the verdicts, and the
# citation that makes both kinds inclusive (a basis with no sentence of its own).
_TEST = ("title", "value", "unit", "limit", "verdict")
TEXTS = {"threshold_at_least": Spec(_TEST), "threshold_at_most": Spec(_TEST), "threshold_holds": Spec(),
         "threshold_fails": Spec(), "threshold_inclusive": Spec(basis=True, text=False)}


@dataclass(frozen=True)
class FactSpec:
    name: str
    title: str
    kind: FactKind
    unit: str | None
    required: bool
    choices: dict[str, str] | None


@dataclass(frozen=True)
class Test:
    fact: str
    op: Literal["at_least", "at_most"]
    limit: Decimal
    basis: str
    applies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # only where these choice facts have these values


def _when(given: dict, conditions) -> bool:
    """A condition on a choice fact holds if the fact has one of the values; an optional fact not
    given leaves the condition open (the answer lists what applies in either case)."""
    return all(given.get(name) is None or given[name] in codes for name, codes in conditions)


@dataclass(frozen=True)
class Outcome:
    met: bool | None
    roles: tuple[str, ...]
    referral: Literal["criminal", "administrative", "none"]
    authority: str
    action: str
    basis: str
    facts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # only where these choice facts have these values


@dataclass(frozen=True)
class Threshold:
    id: str
    title: str
    seed: str
    basis: str
    keywords: tuple[str, ...]
    note: str | None
    facts: tuple[FactSpec, ...]
    tests: tuple[Test, ...]
    outcomes: tuple[Outcome, ...]
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # TEXTS, as loaded

    @property
    def inclusive_basis(self) -> str:
        return self.texts["threshold_inclusive"].cite()


# The keys of a [[threshold]] and its tables (calc.schedules refuses any other).
KEYS = Keys("id", "title", "seed", "keywords", "note", basis=BASIS,
            fact=Keys("kind", "name", "title", "unit", "required", choices=FREE),
            test=Keys("fact", "at_least", "at_most", applies=FREE, basis=BASIS),
            outcome=Keys("met", "roles", "referral", "authority", "action", facts=FREE, basis=BASIS))


def load_threshold(node: Node, texts: dict[str, Text]) -> Threshold:
    node.only(KEYS)
    facts = tuple(_fact_spec(f) for f in node.children("fact"))
    names = {f.name: f for f in facts}
    tests = tuple(_test(t, names) for t in node.children("test"))
    if not tests:
        node.fail("至少要有一个 test", "test")
    roles = {c for f in facts if f.name == "role" for c in (f.choices or {})}
    outcomes = tuple(_outcome(o, names, roles) for o in node.children("outcome"))
    keywords = node.get("keywords", list, [])
    return Threshold(node.text("id"), node.text("title"), node.text("seed"), node.basis(), tuple(keywords),
                     node.text("note", None), facts, tests, outcomes, texts)


def _fact_spec(f: Node) -> FactSpec:
    kind = f.text("kind")
    if kind not in KINDS:
        f.fail(f"应为 {', '.join(KINDS)}", "kind")
    choices = None
    if kind == "choice":
        raw = f.child("choices").data
        if not raw or not all(isinstance(v, str) and v for v in raw.values()):
            f.fail("choices 应为非空的 代码 = 名称 表", "choices")
        choices = dict(raw)
    return FactSpec(f.text("name"), f.text("title"), kind, f.text("unit", None), f.get("required", bool, True),
                    choices)


def _conditions(n: Node, key: str, names: dict[str, FactSpec]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`key = { fact = [codes] }`: conditions on choice facts, each a list of that fact's codes."""
    if not n.has(key):
        return ()
    c = n.child(key)
    out = []
    for name, codes in c.data.items():
        spec = names.get(name)
        if spec is None or spec.kind != "choice":
            c.fail("应为选择类事实", name)
        if not isinstance(codes, list) or not codes or any(x not in spec.choices for x in codes):
            c.fail(f"应为 {', '.join(spec.choices)} 中的值的列表", name)
        out.append((name, tuple(codes)))
    return tuple(out)


def _test(t: Node, names: dict[str, FactSpec]) -> Test:
    fact = t.text("fact")
    if fact not in names or names[fact].kind == "choice":
        t.fail(f"fact 应为数值事实之一：{', '.join(n for n, f in names.items() if f.kind != 'choice')}", "fact")
    ops = [op for op in OPS if t.has(op)]
    if len(ops) != 1:
        t.fail("应且只应给出 at_least 或 at_most 之一")
    return Test(fact, ops[0], Decimal(str(t.number(ops[0]))), t.basis(), _conditions(t, "applies", names))


def _outcome(o: Node, names: dict[str, FactSpec], roles: set[str]) -> Outcome:
    rs = o.get("roles", list, [])
    bad = [r for r in rs if r not in roles]
    if bad:
        o.fail(f"未知的 role：{', '.join(map(str, bad))}", "roles")
    referral = o.text("referral")
    if referral not in ("criminal", "administrative", "none"):
        o.fail("应为 criminal、administrative 或 none", "referral")
    return Outcome(o.get("met", bool, None), tuple(rs), referral, o.text("authority"), o.text("action"), o.basis(),
                   _conditions(o, "facts", names))


@dataclass(frozen=True)
class TestResult:
    test: Test
    title: str
    value: Decimal
    holds: bool
    explanation: str


@dataclass(frozen=True)
class Answer:
    threshold: Threshold
    facts: dict[str, Any]
    met: bool
    tests: tuple[TestResult, ...]
    referrals: tuple[Outcome, ...]
    summary: str

    @property
    def inclusive_basis(self) -> str:
        return self.threshold.inclusive_basis


MAX_FACT = 10 ** 15  # far beyond any count, weight or sum a threshold compares


def _value(spec: FactSpec, raw: Any):
    field = f"facts.{spec.name}"
    if spec.kind == "choice":
        if not isinstance(raw, str) or raw not in (spec.choices or {}):
            raise InvalidInput(f"{spec.title} 应为 {', '.join(spec.choices)} 之一", field=field)
        return raw
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise InvalidInput(f"{spec.title} 应为数值", field=field)
    if spec.kind == "integer" and (isinstance(raw, float) and not raw.is_integer()):
        raise InvalidInput(f"{spec.title} 应为整数", field=field)
    if raw != raw or raw < 0 or raw == float("inf"):
        raise InvalidInput(f"{spec.title} 应为非负数", field=field)
    if raw > MAX_FACT:  # Decimal's 28 digits could not round it (1e28 raised InvalidOperation)
        raise InvalidInput(f"{spec.title} 数值过大（不超过 {MAX_FACT:.0e}）", field=field)
    try:
        return Decimal(str(raw))
    except ValueError:  # an integer too long to print (over 4,300 digits)
        raise InvalidInput(f"{spec.title} 数值过大", field=field) from None


def assess_threshold(t: Threshold, facts: Mapping[str, Any]) -> Answer:
    """Which tests hold for these facts, and so which department takes the case and on what basis."""
    values = _values(t, facts)
    results = tuple(_result(t, test, values) for test in t.tests if _when(values, test.applies))
    met = all(r.holds for r in results)
    role = values.get("role")
    referrals = tuple(o for o in t.outcomes
                      if (o.met is None or o.met == met) and (not o.roles or role is None or role in o.roles)
                      and _when(values, o.facts))
    summary = "；".join(r.explanation for r in results)
    return Answer(t, values, met, results, referrals, summary)


def _values(t: Threshold, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts given, each read by its spec; an unknown fact or a missing required one is refused."""
    specs = {f.name: f for f in t.facts}
    unknown = set(facts) - set(specs)
    if unknown:
        raise InvalidInput(f"未知的事实：{', '.join(sorted(unknown))}（应为 {', '.join(specs)}）",
                           field=f"facts.{sorted(unknown)[0]}")
    values = {}
    for spec in t.facts:
        if spec.name not in facts or facts[spec.name] is None:
            if spec.required:
                raise InvalidInput(f"缺少事实：{spec.title}", field=f"facts.{spec.name}")
            continue
        values[spec.name] = _value(spec, facts[spec.name])
    return values


def _result(t: Threshold, test: Test, values: dict[str, Any]) -> TestResult:
    spec = next(f for f in t.facts if f.name == test.fact)
    v = values[test.fact]
    holds = v >= test.limit if test.op == "at_least" else v <= test.limit
    verdict = t.texts["threshold_holds" if holds else "threshold_fails"].say()
    why = t.texts[f"threshold_{test.op}"].say(title=spec.title, value=_num(v), unit=spec.unit or "",
                                              limit=_num(test.limit), verdict=verdict)
    return TestResult(test, spec.title, v, holds, why)


def _num(d: Decimal) -> str:
    return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else str(d.normalize())
