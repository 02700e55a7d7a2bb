"""The general rules of a penalty law (治安管理处罚法 第二章 and its decision rules) as facts of an
assessment: 合并执行, 从重, 从轻减轻, 不执行行政拘留, who may decide. They do not move a band; they
say what follows from the band and the person, each with the article it rests on.

The rules are data (`[[general_rule]]` in schedules/penalties/general-rules.toml), each with dated
versions. A substantive rule is read in the text whose band was applied (the version chosen under
行政处罚法 第三十七条 carries its own general part); who may decide is procedure and is read in the
text in force on the decision date (程序从新). What each fact says is a text of
penalties/texts.toml (`TEXTS` below); a mitigation's effect (减轻处罚或者不予处罚) is its version's
`effect`, not cut out of the quoted text. Also the law catalogue behind GET /v1/laws (`[[law]]`).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal
from dataclasses import dataclass
from decimal import Decimal

from .citations import Cite
from .effective import Effective, overlapping
from .nodes import BASIS, EFFECTIVE, Keys, Node
from .texts import Spec, Text

KINDS = ("combined_execution", "aggravation", "mitigation", "detention_not_executed", "decision_authority")
APPLIES = {"applied": "适用所选定文本的规定", "decision": "适用决定日施行的规定（程序从新）"}


@dataclass(frozen=True)
class Item:
    """One 项 of a general rule, verbatim, and the circumstance code an officer ticks for it."""

    code: str
    text: str
    applies_to: tuple[str, ...] = ()  # for an exception: the items it lifts


@dataclass(frozen=True)
class GeneralVersion(Effective):
    basis: str
    text: str
    note: str | None
    items: tuple[Item, ...] = ()
    exceptions: tuple[Item, ...] = ()
    max_days: int | None = None  # 合并执行: the longest combined detention
    station_max_fine: Decimal | None = None  # 公安派出所 may decide a warning or a fine up to this
    effect: str | None = None  # 从轻减轻: what the text does (减轻处罚或者不予处罚), as it words it

    @property
    def cite(self) -> Cite:
        """The reference the version rests on (a loaded version cites at least one): its law and edition."""
        return self.basis.cites[0]


@dataclass(frozen=True)
class GeneralRule:
    id: str
    title: str
    law: str  # the law's short name without the year: "治安管理处罚法"
    kind: str
    applies: str  # applied | decision
    code: str | None
    versions: tuple[GeneralVersion, ...]

    def codes(self) -> list[str]:
        out = [self.code] if self.code else []
        for v in self.versions:
            for item in (*v.items, *v.exceptions):
                if item.code not in out:
                    out.append(item.code)
        return out

    def version_for(self, applied: Cite, day: dt.date) -> GeneralVersion | None:
        """The version read for a case: the one in force on `day` (the decision date) for a rule of
        procedure, else the one of the same text (law and edition) as the reference `applied`."""
        if self.applies == "decision":
            return next((v for v in self.versions if v.in_force(day)), None)
        return next((v for v in self.versions if same_text(v.cite, applied)), None)


def same_text(a: Cite, b: Cite) -> bool:
    """Whether two references cite the same edition of the same law."""
    return a.law.name == b.law.name and a.edition == b.edition


@dataclass(frozen=True)
class GeneralFact:
    """One general rule applied to a case: yes | no | depends (on facts not given)."""

    id: str
    title: str
    status: Literal["yes", "no", "depends"]
    explanation: str
    basis: str
    text: str
    note: str | None = None


@dataclass(frozen=True)
class LawVersion(Effective):
    name: str  # as `basis` cites it: "治安管理处罚法（2025）"
    note: str | None


@dataclass(frozen=True)
class Law:
    name: str
    title: str
    versions: tuple[LawVersion, ...]


# ---------------------------------------------------------------- loading

# The keys of [[general_rule]] and [[law]] tables (calc.schedules refuses any other).
# Each is declared once: calc.schedules checks every file against them before the loaders below read
# it, and each loader checks its own table against the same Keys (a table built by hand is checked too).
_ITEM = Keys("code", "text")
_EXCEPTION = Keys("code", "text", "applies_to")
_VERSION = Keys("text", "note", "max_days", "station_max_fine", "effect", basis=BASIS, effective=EFFECTIVE,
                items=_ITEM, exceptions=_EXCEPTION)
GENERAL_RULE_KEYS = Keys("id", "title", "law", "kind", "applies", "code", version=_VERSION)
_LAW_VERSION = Keys("name", "note", effective=EFFECTIVE)
LAW_KEYS = Keys("name", "title", version=_LAW_VERSION)


def _items(node: Node, key: str, codes: dict, exception: bool = False) -> tuple[Item, ...]:
    out = []
    for n in node.children(key, required=False):
        n.only(_EXCEPTION if exception else _ITEM)
        code = n.text("code")
        if code not in codes or not codes[code].general:
            n.fail(f"未知的一般情形代码：{code}（须在 [[circumstance]] 中以 general = true 定义）", "code")
        applies_to = tuple(n.get("applies_to", list, [])) if exception else ()
        out.append(Item(code, n.text("text"), applies_to))
    return tuple(out)


# What each kind of rule must give in every version.
NEEDS = {"combined_execution": "max_days", "decision_authority": "station_max_fine", "mitigation": "effect"}
LISTS_ITEMS = ("aggravation", "mitigation", "detention_not_executed")


def load_general_rule(node: Node, codes: dict) -> GeneralRule:
    node.only(GENERAL_RULE_KEYS)
    kind = node.text("kind")
    if kind not in KINDS:
        node.fail(f"应为 {', '.join(KINDS)}", "kind")
    applies = node.text("applies", "applied")
    if applies not in APPLIES:
        node.fail(f"应为 {', '.join(APPLIES)}", "applies")
    code = node.text("code", None)
    if code is not None and (code not in codes or not codes[code].general):
        node.fail(f"未知的一般情形代码：{code}", "code")
    versions = sorted((_general_version(v, kind, codes) for v in node.children("version")), key=lambda x: x.first)
    if pair := overlapping(versions):
        node.fail(f"版本生效期间重叠：{pair[0].basis} 与 {pair[1].basis}", "version")
    return GeneralRule(node.text("id"), node.text("title"), node.text("law"), kind, applies, code, tuple(versions))


def _general_version(v: Node, kind: str, codes: dict) -> GeneralVersion:
    v.only(_VERSION)
    first, until = v.effective()
    items = _items(v, "items", codes)
    exceptions = _items(v, "exceptions", codes, exception=True)
    item_codes = {i.code for i in items}
    for e in exceptions:
        if not set(e.applies_to) <= item_codes:
            v.fail(f"applies_to 只能列本版本 items 的代码：{', '.join(e.applies_to)}", "exceptions")
    station = v.number("station_max_fine", None, minimum=1)
    days = v.number("max_days", None, minimum=1, maximum=60)
    basis = v.basis()
    if not basis.cites:  # the rule is found by the law and edition it cites (GeneralRule.version_for)
        v.fail("须引用法律条文（law、edition、article）", "basis")
    gv = GeneralVersion(first, until, basis, v.text("text"), v.text("note", None), items, exceptions,
                        None if days is None else int(days), None if station is None else Decimal(str(station)),
                        v.text("effect", None))
    needs = NEEDS.get(kind)
    if needs and getattr(gv, needs) is None:
        v.fail("缺少此项", needs)
    if kind in LISTS_ITEMS and not gv.items:
        v.fail("缺少此项", "items")
    return gv


def load_law(node: Node) -> Law:
    node.only(LAW_KEYS)
    versions = []
    for v in node.children("version"):
        v.only(_LAW_VERSION)
        first, until = v.effective()
        versions.append(LawVersion(first, until, v.text("name"), v.text("note", None)))
    return Law(node.text("name"), node.text("title"), tuple(sorted(versions, key=lambda x: x.first)))


# ---------------------------------------------------------------- applying


def _yuan(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else str(d)


def facts(rules, applied, decision: dt.date, outcome, circumstances, lightest,
          texts: dict[str, Text]) -> list[GeneralFact]:
    """Each general rule of the applied version's law, as a fact of this case. `lightest` is the
    least the applied band must impose (calc.penalties.Degree): detention in it is mandatory.
    `texts`: what the facts say (TEXTS below, as loaded)."""
    out = []
    given = set(circumstances)
    cite = applied.cite
    for rule in rules:
        if cite is None or cite.law.name != rule.law:  # a version under another law (居民身份证法) has its own
            continue
        gv = rule.version_for(cite, decision)
        if gv is None:
            continue
        status, code, values = KIND_FACTS[rule.kind](rule, gv, outcome, given, lightest, texts)
        why = texts[code].say(**values)
        out.append(GeneralFact(rule.id, rule.title, status, why, gv.basis, gv.text, gv.note))
    return out


# Each kind of rule answers (status, the code of its text, the values the text is filled in with).

def _combined(rule, gv, outcome, given, lightest, texts):
    limit = texts["combined_limit"].say(n=gv.max_days)
    return ("yes", "combined_yes", {"limit": limit}) if rule.code in given else \
        ("depends", "combined_depends", {"limit": limit})


def _listed(gv, given) -> list[Item]:
    return [i for i in gv.items if i.code in given]


def _aggravation(rule, gv, outcome, given, lightest, texts):
    hit = _listed(gv, given)
    if hit:
        return "yes", "aggravation_yes", {"items": "".join(i.text for i in hit)}
    return "depends", "aggravation_depends", {"items": "".join(i.text for i in gv.items)}


def _mitigation(rule, gv, outcome, given, lightest, texts):
    hit = _listed(gv, given)
    if hit:
        return "yes", "mitigation_yes", {"effect": gv.effect, "items": "".join(i.text for i in hit)}
    return "depends", "mitigation_depends", {"effect": gv.effect, "items": "".join(i.text for i in gv.items)}


def _not_executed(rule, gv, outcome, given, lightest, texts):
    if outcome.detention_max == 0:
        return "no", "not_executed_no_detention", {}
    hit = _listed(gv, given)
    if not hit:  # the article as it stands: its items, and (2025 第二十三条第二款) the exceptions verbatim
        code = "not_executed_depends_except" if gv.exceptions else "not_executed_depends"
        return "depends", code, {"items": "".join(i.text for i in gv.items),
                                 "exceptions": "".join(e.text for e in gv.exceptions), "text": gv.text}
    return _not_executed_for(gv, hit, given, texts)


def _not_executed_for(gv, hit, given, texts):
    """The items given (`hit`) keep the person from detention unless the exceptions given lift
    every one of them (2025 第二十三条第二款)."""
    hit_codes = {i.code for i in hit}
    lifted = [e for e in gv.exceptions if e.code in given and set(e.applies_to) & hit_codes]
    who = "、".join(texts["not_executed_who"].say(item=i.text.rstrip("；。")) for i in hit)
    if lifted and all(any(i.code in e.applies_to for e in lifted) for i in hit):
        return "no", "not_executed_lifted", {"who": who, "exceptions": "；".join(e.text for e in lifted)}
    return "yes", "not_executed_yes" if gv.exceptions else "not_executed_yes_no_exception", {"who": who}


def _authority(rule, gv, outcome, given, lightest, texts):
    limit = gv.station_max_fine
    values = {"limit": _yuan(limit), "county": texts["authority_county"].say()}
    values["station"] = texts["authority_station"].say(**values)
    fine = outcome.fine
    if lightest.detention or lightest.licence:
        return "no", "authority_must_county", values
    if outcome.detention_max or outcome.licence:
        return "depends", "authority_detention_possible", values
    if fine is None:
        return ("yes", "authority_warning", values) if outcome.warning_possible else \
            ("no", "authority_no_warning_or_fine", values)
    if fine.max <= limit:
        return "yes", "authority_station_fine", {**values, "max": _yuan(fine.max)}
    if outcome.fine_floor <= limit:
        return "depends", "authority_depends", values
    return "no", "authority_county_fine", {**values, "floor": _yuan(outcome.fine_floor)}


KIND_FACTS = {"combined_execution": _combined, "aggravation": _aggravation, "mitigation": _mitigation,
              "detention_not_executed": _not_executed, "decision_authority": _authority}

# What the general facts say (`[texts.<code>]` in penalties/texts.toml): code -> placeholders.
_AUTHORITY = ("limit", "county", "station")
TEXTS = {
    "combined_limit": Spec(("n",)),
    "combined_yes": Spec(("limit",)),
    "combined_depends": Spec(("limit",)),
    "aggravation_yes": Spec(("items",)),
    "aggravation_depends": Spec(("items",)),
    "mitigation_yes": Spec(("effect", "items")),
    "mitigation_depends": Spec(("effect", "items")),
    "not_executed_no_detention": Spec(),
    "not_executed_depends": Spec(("items", "exceptions", "text")),
    "not_executed_depends_except": Spec(("items", "exceptions", "text")),
    "not_executed_who": Spec(("item",)),
    "not_executed_lifted": Spec(("who", "exceptions")),
    "not_executed_yes": Spec(("who",)),
    "not_executed_yes_no_exception": Spec(("who",)),
    "authority_county": Spec(),
    "authority_station": Spec(("limit", "county")),
    "authority_must_county": Spec(_AUTHORITY),
    "authority_detention_possible": Spec(_AUTHORITY),
    "authority_warning": Spec(_AUTHORITY),
    "authority_no_warning_or_fine": Spec(_AUTHORITY),
    "authority_station_fine": Spec((*_AUTHORITY, "max")),
    "authority_depends": Spec(_AUTHORITY),
    "authority_county_fine": Spec((*_AUTHORITY, "floor")),
}
