"""schedules/penalties/*.toml -> the catalogue (`Penalties`): every violation with its versions and
bands, the circumstance codes, the procedure regimes, the late-fee rule, the rule of 从旧兼从轻,
the thresholds, the general rules and the laws; each checked as it is read, so that a bad file
stops start-up naming the file, the key and the problem (the keys a table may have: calc.penalties.keys).
"""
from __future__ import annotations

import re
from decimal import Decimal

from .. import periods
from .. import texts as wording
from ..effective import overlapping
from ..errors import ScheduleError
from ..general_rules import GeneralRule, Law, load_general_rule, load_law
from ..laws import attach
from ..nodes import Node, Source
from ..periods import Period
from ..texts import Text
from ..thresholds import Threshold, load_threshold
from .catalogue import Penalties
from .keys import BAND, CIRCUMSTANCE, COUNTS_AS, DETENTION, KEYS, PROCEDURE_KINDS, REGIME, VERSION, VIOLATION
from .model import (COMBINATIONS, LICENCE_ACTIONS, PARTIES, RESTS_ON, Aggravation, Band, Beside, BesideRule,
                    Circumstance, Dated, Elsewhere, Exclusion, Fine, LateFeeRule, Licence, Regime, Version, Violation)
from .money import FEN
from .wording import TEXTS

# ---------------------------------------------------------------- amounts


def _money(node: Node, key: str, default=...) -> Decimal:
    value = node.number(key, default)
    if value is None:
        return None
    d = Decimal(str(value))
    if d != d.quantize(FEN):
        node.fail("金额最多两位小数", key)
    return d


def _fine(node: Node) -> Fine:
    fine = Fine(_money(node, "min", 0), _money(node, "max"))
    if fine.max < fine.min:
        node.fail(f"max ({fine.max}) 小于 min ({fine.min})", "max")
    if fine.max == 0:
        node.fail("罚款上限不能为 0", "max")
    return fine


def _per_party(node: Node, key: str, read) -> dict | None:
    """`key = x` (same for both party kinds) or `key = { individual = x, organization = y }`."""
    if not node.has(key):
        return None
    value = node.data[key]
    if isinstance(value, dict) and set(value) & set(PARTIES):
        sub = node.child(key)
        extra = set(value) - set(PARTIES)
        if extra or set(value) != set(PARTIES):
            sub.fail(f"应同时且只给出 {', '.join(PARTIES)}")
        return {p: read(sub, p) for p in PARTIES}
    one = read(node, key)
    return {p: one for p in PARTIES}


def _fine_reader(node: Node, key: str) -> Fine:
    return _fine(node.child(key))


def _limit_reader(node: Node, key: str) -> Decimal:
    return _money(node, key)


def _period(node: Node, key: str) -> Period | None:
    if not node.has(key):
        return None
    sub = node.child(key)
    unit = sub.text("unit")
    if unit not in periods.UNITS:
        sub.fail(f"未知的期间单位：{unit}", "unit")
    return Period(int(sub.number("amount", minimum=1, maximum=periods.LIMITS[unit])), unit)


# ---------------------------------------------------------------- bands, versions, violations


def _when(node: Node, codes: dict[str, Circumstance]) -> str:
    """The band's circumstance: a code of the catalogue that selects a band (not a general one)."""
    when = node.text("when")
    if when not in codes or codes[when].general or codes[when].aggravation:
        bands = [c for c, x in codes.items() if not (x.general or x.aggravation)]
        node.fail(f"未知的情形：{when}（应为 {', '.join(bands)}）", "when")
    return when


def _licence(node: Node) -> Licence | None:
    if not node.has("licence"):
        return None
    ln = node.child("licence")
    action = ln.text("action")
    if action not in LICENCE_ACTIONS:
        ln.fail(f"应为 {', '.join(LICENCE_ACTIONS)}", "action")
    return Licence(action, ln.text("document"))


def _detention(node: Node) -> tuple[int, int]:
    """`detention = { min, max }` in days; min defaults to 1 ("五日以下拘留" = { max = 5 })."""
    if not node.has("detention"):
        return 0, 0
    d = node.child("detention")
    d.only(DETENTION)
    hi = int(d.number("max", minimum=1, maximum=20))
    lo = int(d.number("min", 1, minimum=1, maximum=20))
    if lo > hi:
        d.fail(f"min ({lo}) 大于 max ({hi})", "min")
    return (0 if lo == 1 else lo), hi


def _combination(node: Node) -> str | None:
    combination = node.text("combination", None)
    if combination is not None and combination not in COMBINATIONS:
        node.fail(f"应为 {', '.join(COMBINATIONS)}", "combination")
    return combination


def _band(node: Node, default_basis: str, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Band:
    node.only(BAND)
    when, licence = _when(node, codes), _licence(node)
    lo, hi = _detention(node)
    combination = _combination(node)
    fine_optional = node.get("fine_optional", bool, False)
    band = Band(
        when=when,
        basis=node.basis("basis", default_basis, inherit=default_basis),
        replaces_base=node.get("replaces_base", bool, False),
        warning=node.get("warning", bool, False),
        fines=_per_party(node, "fine", _fine_reader),
        fine_optional=fine_optional or combination == "and_optional",
        detention_max=hi,
        order_to_correct=node.text("order_to_correct", None),
        licence=licence,
        suspension=node.text("suspension", None),
        confiscate=node.text("confiscate", None),
        criminal=node.get("criminal", bool, False),
        detention_min=lo,
        combination=combination,
        with_warning=node.get("with_warning", bool, False),
        discretionary=node.get("discretionary", bool, False),
        measure=node.text("measure", None),
        persons_fine=_fine(node.child("persons_fine")) if node.has("persons_fine") else None,
        texts=texts,
    )
    _check_measures(node, band)
    _check_combination(node, band, fine_optional)
    return band


def _check_measures(node: Node, band: Band):
    if band.when == "base" and band.replaces_base:
        node.fail("基本情形不能 replaces_base", "replaces_base")
    if not band.imposes:
        node.fail("该情形没有任何处理措施")
    if band.fine_optional and band.fines is None:
        node.fail("fine_optional 需要 fine", "fine_optional")
    if band.with_warning and (band.fines is None or band.detention_max or band.warning or band.fine_optional):
        node.fail("with_warning（警告，并处罚款）只用于不含拘留、必处罚款的幅度，且不与 warning（警告或者罚款）同用",
                  "with_warning")
    if band.discretionary and not (band.fines is not None or band.detention_max or band.warning):
        node.fail("discretionary（可以处）需要拘留、罚款或警告", "discretionary")


def _check_combination(node: Node, band: Band, fine_optional: bool):
    """`combination` is said exactly where the band has both detention and a fine (an old file's
    `fine_optional` stands for and_optional)."""
    both = bool(band.detention_max) and band.fines is not None
    if band.combination is not None and not both:
        node.fail("combination 只用于同时有拘留和罚款的幅度", "combination")
    if both and band.combination is None and not fine_optional:
        node.fail("同时有拘留和罚款时须写明 combination（and 并处 / and_optional 可以并处 / or 或者）", "combination")
    if fine_optional and band.combination not in (None, "and_optional"):
        node.fail("fine_optional 与 combination 矛盾", "combination")


def _aggravation(node: Node, codes: dict[str, Circumstance]) -> Aggravation:
    """A paragraph of the act's own article that sets 从重 for a circumstance (an `aggravation` code)."""
    code = node.text("code")
    if code not in codes or not codes[code].aggravation:
        known = [c for c, x in codes.items() if x.aggravation]
        node.fail(f"未知的从重情形：{code}（应为 {', '.join(known)}）", "code")
    basis = node.basis()
    if not basis.cites:
        node.fail("须引用规定从重处罚的条款（law、edition、article、paragraph）", "basis")
    return Aggravation(code, basis, node.text("text"))


def _elsewhere(node: Node) -> Elsewhere | None:
    """The other authority and text that punished the act where this text gives the PSB none."""
    if not node.has("elsewhere"):
        return None
    e = node.child("elsewhere")
    basis = e.basis()
    if not basis.cites:
        e.fail("须引用规定处罚的条款（law、edition、article）", "basis")
    return Elsewhere(e.text("authority"), basis, e.text("text"))


def _beside_rule(node: Node) -> BesideRule:
    """Another provision on the same act: its text (checked verbatim like every quotation), why one
    of the two applies, the violation that encodes it; in force from its own `effective` if given."""
    first, until = node.effective() if node.has("effective") else (None, None)
    basis = node.basis()
    if not basis.cites:
        node.fail("须引用该规定（law、edition、article）", "basis")
    return BesideRule(first, until, basis, node.text("text"), node.text("why"), node.text("violation", None))


def _version(node: Node, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Version:
    node.only(VERSION)
    first, until = node.effective()
    rests_on = node.text("rests_on", None)
    if rests_on is not None and rests_on not in RESTS_ON:
        node.fail(f"应为 {', '.join(RESTS_ON)}", "rests_on")
    basis = node.basis()
    if not node.get("punishable", bool, True):
        for key in ("text", "bands", "aggravations"):
            if node.has(key):
                node.fail("不予处罚的版本（punishable = false）不应有此项", key)
        return Version(first, until, basis, "", (), rests_on, punishable=False, texts=texts,
                       elsewhere=_elsewhere(node), regime=node.text("regime", None))
    if node.has("elsewhere"):
        node.fail("elsewhere 只用于不予处罚的版本（punishable = false）", "elsewhere")
    bands = tuple(_band(b, basis, codes, texts) for b in node.children("bands"))
    if not bands:
        node.fail("至少要有一个幅度", "bands")
    seen = [b.when for b in bands]
    if len(seen) != len(set(seen)):
        node.fail("同一情形出现了两次", "bands")
    aggravations = tuple(_aggravation(a, codes) for a in node.children("aggravations", required=False))
    if len({a.code for a in aggravations}) != len(aggravations):
        node.fail("同一从重情形出现了两次", "aggravations")
    return Version(first, until, basis, node.text("text"), bands, rests_on, texts=texts, aggravations=aggravations,
                   regime=node.text("regime", None), caveat=node.text("caveat", None),
                   beside=tuple(_beside_rule(b) for b in node.children("beside", required=False)))


def _versions(node: Node, codes: dict[str, Circumstance], texts: dict[str, Text]) -> tuple[Version, ...]:
    """The act's texts in date order: one at a time, at least one of them punishing the act."""
    versions = tuple(sorted((_version(v, codes, texts) for v in node.children("version")), key=lambda v: v.first))
    if not versions:
        node.fail("至少要有一个版本", "version")
    if pair := overlapping(versions):
        node.fail(f"版本生效期间重叠：{pair[0].basis} 与 {pair[1].basis}", "version")
    if not any(v.punishable for v in versions):
        node.fail("至少要有一个处罚的版本", "version")
    return versions


def _words(node: Node, key: str) -> tuple[str, ...]:
    """A list of non-empty strings (keywords, acts)."""
    words = node.get(key, list, [])
    if not all(isinstance(k, str) and k.strip() for k in words):
        node.fail(f"{key} 应为非空字符串列表", key)
    return tuple(words)


def _violation(node: Node, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Violation:
    node.only(VIOLATION)
    versions = _versions(node, codes, texts)
    keywords, acts = _words(node, "keywords"), _words(node, "acts")
    return Violation(node.text("id"), node.text("title"), node.text("authority"), node.text("seed"),
                     node.text("regime"), keywords, versions, node.text("section", ""), acts,
                     node.text("correspondence", None), node.digest, _words(node, "case_kinds"))


# ---------------------------------------------------------------- circumstance codes


def _circumstance(node: Node) -> Circumstance:
    node.only(CIRCUMSTANCE)
    code = node.text("code")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        node.fail("情形代码应为小写字母、数字和下划线", "code")
    counts = []
    for n in node.children("counts_as", required=False):
        n.only(COUNTS_AS)
        counts.append((n.text("law"), n.text("code")))
    general, aggravation = node.get("general", bool, False), node.get("aggravation", bool, False)
    if general and aggravation:
        node.fail("general 与 aggravation 不能同时为 true", "aggravation")
    return Circumstance(code, node.text("text"), general, aggravation, tuple(counts))


def _circumstances(sources: list[Source]) -> dict[str, Circumstance]:
    """Every file's [[circumstance]] tables, merged; a code defined twice is refused."""
    codes: dict[str, Circumstance] = {}
    owners: dict[str, str] = {}
    for source in sources:
        for node in Node(source, "", source.data).children("circumstance", required=False):
            c = _circumstance(node)
            if c.code in codes:
                node.fail(f"情形代码重复：{c.code}（已见于 {owners[c.code]}）", "code")
            codes[c.code], owners[c.code] = c, source.name
    if "base" not in codes:
        _anchor(sources).fail("缺少情形代码 base（见 circumstances.toml）", "circumstance")
    for c in codes.values():
        for _, target in c.counts_as:
            if target not in codes or codes[target].general:
                Node(Source(owners[c.code], {}), c.code, {}).fail(f"counts_as 指向未知的幅度情形：{target}", "counts_as")
    return codes


# ---------------------------------------------------------------- procedure


def _beside(node: Node) -> Beside | None:
    if not node.has("beside"):
        return None
    b = node.child("beside")
    return Beside(b.basis(), _per_party(b, "max_fine", _limit_reader), b.text("why"))


def _excludes(node: Node) -> Exclusion | None:
    if not node.has("excludes"):
        return None
    e = node.child("excludes")
    kinds = _words(e, "kinds")
    if not kinds:
        e.fail("至少要列出一类案件", "kinds")
    return Exclusion(kinds, e.basis(), e.text("note", None))


def _dated(node: Node, kind: str) -> Dated:
    first, until = node.effective()
    local = node.get("local", bool, False)
    if local and kind != "hearing":
        node.fail("local 只用于听证（程序规定 第一百二十三条第二款）", "local")
    if node.has("beside") and kind not in ("simplified", "collection"):
        node.fail("beside 只用于当场处罚、当场收缴", "beside")
    after = node.get("after_simplified", bool, False)
    if after and kind != "collection":
        node.fail("after_simplified 只用于当场收缴（行政处罚法 第六十八条）", "after_simplified")
    if node.has("excludes") and kind != "simplified":
        node.fail("excludes 只用于当场处罚（程序规定 第三十七条第二款）", "excludes")
    rule = Dated(first, until, node.basis(), node.text("note", None),
                 max_fine=_per_party(node, "max_fine", _limit_reader),
                 min_fine=_per_party(node, "min_fine", _limit_reader),
                 licence=node.get("licence", bool, False), suspension=node.get("suspension", bool, False),
                 period=_period(node, "period"), harm_period=_period(node, "harm_period"),
                 harm_basis=node.basis("harm_basis", None), local=local, beside=_beside(node),
                 after_simplified=after, excludes=_excludes(node))
    needs = {"simplified": "max_fine", "collection": "max_fine", "hearing": "min_fine", "limitation": "period"}
    if getattr(rule, needs[kind]) is None and not (kind == "hearing" and local):
        node.fail("缺少此项", needs[kind])
    if rule.harm_period is not None and rule.harm_basis is None:
        node.fail("缺少此项", "harm_basis")
    return rule


def _regime(node: Node, texts: dict[str, Text]) -> Regime:
    node.only(REGIME)
    parts = {}
    for kind in PROCEDURE_KINDS:
        rules = sorted((_dated(n, kind) for n in node.children(kind)), key=lambda r: r.first)
        if overlapping(rules):
            node.fail(f"{kind} 的生效期间重叠", kind)
        parts[kind] = tuple(rules)
    return Regime(node.text("id"), node.text("title"), **parts, texts=texts)


def _late_fee(node: Node) -> LateFeeRule:
    first, until = node.effective()
    pay = _period(node, "pay_within")
    if pay is None:
        node.fail("缺少此项", "pay_within")
    rate = Decimal(str(node.number("daily_rate", minimum=0, maximum=1)))
    cap = Decimal(str(node.number("cap_ratio", minimum=0, maximum=10)))
    return LateFeeRule(first, until, node.basis(), pay, node.basis("pay_basis"), rate, cap, node.basis("cap_basis"),
                       node.basis("pause_basis", None), node.basis("deferral_basis", None))


# ---------------------------------------------------------------- the whole area


def _gather(root: Node, table: str, build, into: dict, key: str = "id", what: str = "编号重复",
            owners: dict[str, str] | None = None):
    """Each item of the array `table`, built and filed under its `key`; a second one is refused
    (naming the file of the first where `owners` records them)."""
    for node in root.children(table, required=False):
        with node.collecting():
            item = build(node)
            name = getattr(item, key)
            if name in into:
                node.fail(f"{what}：{name}" + (f"（已见于 {owners[name]}）" if owners is not None else ""), key)
            into[name] = item
            if owners is not None:
                owners[name] = root.source.name


def _anchor(sources: list[Source]) -> Node:
    """Where a problem of the whole area is reported: its first file."""
    return Node(Source(sources[0].name if sources else "penalties/", {}), "", {})


class _Area:
    """What the files of the area hold, gathered file by file."""

    def __init__(self, codes: dict[str, Circumstance], texts: dict[str, Text]):
        self.codes, self.texts = codes, texts
        self.violations: dict[str, Violation] = {}
        self.owners: dict[str, str] = {}
        self.regimes: dict[str, Regime] = {}
        self.thresholds: dict[str, Threshold] = {}
        self.general: dict[str, GeneralRule] = {}
        self.laws: dict[str, Law] = {}
        self.late_fee: LateFeeRule | None = None
        self.choice_basis = None

    def read(self, source: Source):
        root = Node(source, "", source.data)
        root.only(KEYS)
        _gather(root, "general_rule", lambda n: load_general_rule(n, self.codes), self.general)
        _gather(root, "law", load_law, self.laws, key="name", what="法律重复")
        _gather(root, "violation", lambda n: _violation(n, self.codes, self.texts), self.violations,
                owners=self.owners)
        _gather(root, "regime", lambda n: _regime(n, self.texts), self.regimes)
        _gather(root, "threshold", lambda n: load_threshold(n, self.texts), self.thresholds)
        if root.has("late_fee"):
            if self.late_fee is not None:
                root.fail("late_fee 只能定义一次", "late_fee")
            self.late_fee = _late_fee(root.child("late_fee"))
        if root.has("version_choice"):
            self.choice_basis = root.child("version_choice").basis()

    def check(self, sources: list[Source]):
        anchor = _anchor(sources)
        if self.late_fee is None:
            anchor.fail("缺少 [late_fee]（加处罚款规则）", "late_fee")
        if self.choice_basis is None:
            anchor.fail("缺少 [version_choice]（从旧兼从轻的依据）", "version_choice")
        for v in self.violations.values():
            where = Node(Source(self.owners[v.id], {}), v.id, {})
            for regime in dict.fromkeys([v.regime, *(x.regime for x in v.versions if x.regime)]):
                if regime not in self.regimes:
                    where.fail(f"未知的程序类别：{regime}", "regime")
            for b in (b for x in v.versions for b in x.beside):
                if b.violation is not None and b.violation not in self.violations:
                    where.fail(f"beside 指向未知的违法行为：{b.violation}", "beside")


def load(sources: list[Source], base: dict) -> Penalties:
    """Every violation, procedure regime, the late-fee rule and the thresholds under schedules/penalties/."""
    sources = attach(sources, base)
    codes = _circumstances(sources)
    try:  # the objects below hold the texts; a problem with them is raised once the items are checked
        texts, wording_problem = wording.load(sources, TEXTS), None
    except ScheduleError as err:
        texts, wording_problem = {}, err
    area = _Area(codes, texts)
    for source in sources:
        area.read(source)
    if wording_problem is not None:  # after the items, so that `calc check` names each bad item first
        raise wording_problem
    area.check(sources)
    return Penalties(area.violations, area.regimes, area.late_fee, area.choice_basis, area.thresholds,
                     base.get("calendar"), base.get("rules"), codes, tuple(area.general.values()),
                     tuple(area.laws.values()), texts)
