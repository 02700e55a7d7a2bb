"""The general rules of a penalty law (治安管理处罚法 第二章 and its decision rules) as facts of an
assessment: 合并执行, 从重, 从轻减轻, 不执行行政拘留, who may decide. They do not move a band; they
say what follows from the band and the person, each with the article it rests on.

The rules are data (`[[general_rule]]` in schedules/penalties/general-rules.toml), each with dated
versions. A substantive rule is read in the text whose band was applied (the version chosen under
行政处罚法 第三十七条 carries its own general part); who may decide is procedure and is read in the
text in force on the decision date (程序从新). Also the law catalogue behind GET /v1/laws (`[[law]]`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import re
from decimal import Decimal

from .effective import Effective
from .nodes import EFFECTIVE, Keys, Node

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

    @property
    def law(self) -> str:
        return self.basis.split(" ", 1)[0]


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

    def version_for(self, law: str | None, day: dt.date) -> GeneralVersion | None:
        if self.applies == "decision":
            return next((v for v in self.versions if v.in_force(day)), None)
        return next((v for v in self.versions if v.law == law), None)


@dataclass(frozen=True)
class GeneralFact:
    """One general rule applied to a case: yes | no | depends (on facts not given)."""

    id: str
    title: str
    status: str
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
GENERAL_RULE_KEYS = Keys("id", "title", "law", "kind", "applies", "code",
                         version=Keys("basis", "text", "note", "max_days", "station_max_fine", effective=EFFECTIVE,
                                      items=Keys("code", "text"), exceptions=Keys("code", "text", "applies_to")))
LAW_KEYS = Keys("name", "title", version=Keys("name", "note", effective=EFFECTIVE))


def _keys(node: Node, allowed):
    node.only(allowed)  # as calc.schedules checks every file against the KEYS above, before this loader


def _items(node: Node, key: str, codes: dict, exception: bool = False) -> tuple[Item, ...]:
    out = []
    for n in node.children(key, required=False):
        _keys(n, ("code", "text", "applies_to") if exception else ("code", "text"))
        code = n.text("code")
        if code not in codes or not codes[code].general:
            n.fail(f"未知的一般情形代码：{code}（须在 [[circumstance]] 中以 general = true 定义）", "code")
        applies_to = tuple(n.get("applies_to", list, [])) if exception else ()
        out.append(Item(code, n.text("text"), applies_to))
    return tuple(out)


def load_general_rule(node: Node, codes: dict) -> GeneralRule:
    _keys(node, ("id", "title", "law", "kind", "applies", "code", "version"))
    kind = node.text("kind")
    if kind not in KINDS:
        node.fail(f"应为 {', '.join(KINDS)}", "kind")
    applies = node.text("applies", "applied")
    if applies not in APPLIES:
        node.fail(f"应为 {', '.join(APPLIES)}", "applies")
    code = node.text("code", None)
    if code is not None and (code not in codes or not codes[code].general):
        node.fail(f"未知的一般情形代码：{code}", "code")
    versions = []
    for v in node.children("version"):
        _keys(v, ("effective", "basis", "text", "note", "items", "exceptions", "max_days", "station_max_fine"))
        first, until = v.effective()
        item_codes = {i.code for i in _items(v, "items", codes)}
        exceptions = _items(v, "exceptions", codes, exception=True)
        for e in exceptions:
            if not set(e.applies_to) <= item_codes:
                v.fail(f"applies_to 只能列本版本 items 的代码：{', '.join(e.applies_to)}", "exceptions")
        station = v.number("station_max_fine", None, minimum=1)
        days = v.number("max_days", None, minimum=1, maximum=60)
        gv = GeneralVersion(first, until, v.basis(), v.text("text"), v.text("note", None), _items(v, "items", codes),
                            exceptions, None if days is None else int(days),
                            None if station is None else Decimal(str(station)))
        needs = {"combined_execution": "max_days", "decision_authority": "station_max_fine"}.get(kind)
        if needs and getattr(gv, needs) is None:
            v.fail("缺少此项", needs)
        if kind in ("aggravation", "mitigation", "detention_not_executed") and not gv.items:
            v.fail("缺少此项", "items")
        versions.append(gv)
    versions.sort(key=lambda x: x.first)
    for a, b in zip(versions, versions[1:]):
        if a.until is None or a.until >= b.first:
            node.fail(f"版本生效期间重叠：{a.basis} 与 {b.basis}", "version")
    return GeneralRule(node.text("id"), node.text("title"), node.text("law"), kind, applies, code, tuple(versions))


def load_law(node: Node) -> Law:
    _keys(node, ("name", "title", "version"))
    versions = []
    for v in node.children("version"):
        _keys(v, ("name", "effective", "note"))
        first, until = v.effective()
        versions.append(LawVersion(first, until, v.text("name"), v.text("note", None)))
    return Law(node.text("name"), node.text("title"), tuple(sorted(versions, key=lambda x: x.first)))


# ---------------------------------------------------------------- applying


def _yuan(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else str(d)


def facts(rules, applied, decision: dt.date, outcome, circumstances, lightest) -> list[GeneralFact]:
    """Each general rule of the applied version's law, as a fact of this case. `lightest` is the
    least the applied band must impose (calc.penalties.Degree): detention in it is mandatory."""
    out = []
    given = set(circumstances)
    for rule in rules:
        if applied.law.split("（", 1)[0] != rule.law:  # a version under another law (居民身份证法) has its own
            continue
        gv = rule.version_for(applied.law, decision)
        if gv is None:
            continue
        status, why = KIND_FACTS[rule.kind](rule, gv, outcome, given, lightest)
        out.append(GeneralFact(rule.id, rule.title, status, why, gv.basis, gv.text, gv.note))
    return out


def _combined(rule, gv, outcome, given, lightest):
    limit = f"行政拘留处罚合并执行的，最长不超过{gv.max_days}日"
    if rule.code in given:
        return "yes", f"有两种以上违反治安管理行为：分别决定，合并执行；{limit}"
    return "depends", f"如有两种以上违反治安管理行为，分别决定，合并执行；{limit}"


def _listed(gv, given) -> list[Item]:
    return [i for i in gv.items if i.code in given]


def _aggravation(rule, gv, outcome, given, lightest):
    hit = _listed(gv, given)
    if hit:
        return "yes", "从重处罚（在所适用的幅度内从重裁量）：" + "".join(i.text for i in hit)
    return "depends", "有下列情形之一的，从重处罚：" + "".join(i.text for i in gv.items)


def _mitigation(rule, gv, outcome, given, lightest):
    hit = _listed(gv, given)
    effect = re.split("[：:]", gv.text, 1)[0].split("的，", 1)[-1]
    if hit:
        return "yes", f"{effect}：" + "".join(i.text for i in hit)
    return "depends", f"有下列情形之一的，{effect}：" + "".join(i.text for i in gv.items)


def _not_executed(rule, gv, outcome, given, lightest):
    if outcome.detention_max == 0:
        return "no", "所适用的幅度不含行政拘留，本条不涉及"
    hit = _listed(gv, given)
    if not hit:
        return "depends", ("依照本法应当给予行政拘留处罚的，行为人有下列情形之一，不执行行政拘留处罚："
                           + "".join(i.text for i in gv.items)
                           + ("；但" + "".join(e.text for e in gv.exceptions) if gv.exceptions else ""))
    hit_codes = {i.code for i in hit}
    lifted = [e for e in gv.exceptions if e.code in given and set(e.applies_to) & hit_codes]
    who = "、".join(f"“{i.text.rstrip('；。')}”" for i in hit)
    if lifted and all(any(i.code in e.applies_to for e in lifted) for i in hit):
        return "no", (f"行为人属于{who}，但{'；'.join(e.text for e in lifted)}，不受不执行行政拘留处罚的限制，"
                      "依法执行行政拘留")
    extra = "" if gv.exceptions else "（该文本未规定例外）"
    return "yes", f"行为人属于{who}，依照本法应当给予行政拘留处罚的，不执行行政拘留处罚{extra}"


def _authority(rule, gv, outcome, given, lightest):
    limit = gv.station_max_fine
    county = "由县级以上人民政府公安机关决定"
    station = f"警告、{_yuan(limit)}元以下的罚款可以由公安派出所决定"
    fine = outcome.fine
    if lightest.detention or lightest.licence:
        return "no", f"须给予行政拘留或者吊销许可证件，{county}"
    if outcome.detention_max or outcome.licence:
        return "depends", f"决定给予警告或者{_yuan(limit)}元以下罚款的，可以由公安派出所决定；决定拘留的，{county}"
    if fine is None:
        return ("yes", station) if outcome.warning_possible else ("no", f"无警告、罚款，{county}")
    if fine.max <= limit:
        return "yes", f"{station}（本幅度罚款上限 {_yuan(fine.max)} 元）"
    if outcome.fine_floor <= limit:
        return "depends", f"决定给予警告或者{_yuan(limit)}元以下罚款的，可以由公安派出所决定；超过的，{county}"
    return "no", f"最低罚款 {_yuan(outcome.fine_floor)} 元超过 {_yuan(limit)} 元，{county}"


KIND_FACTS = {"combined_execution": _combined, "aggravation": _aggravation, "mitigation": _mitigation,
              "detention_not_executed": _not_executed, "decision_authority": _authority}
