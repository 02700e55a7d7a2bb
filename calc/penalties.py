"""Penalty bands (罚款幅度): which band applies to an act, under which version of the law, and
what follows from it procedurally; and the late-payment surcharge (加处罚款).

Every number comes from `schedules/penalties/*.toml`; this module only reads, selects, compares
and explains, and every sentence it explains with is a text of `penalties/texts.toml` (`TEXTS`
below: the code of each, and the placeholders it fills in), so that the words may be reworded and
the code decides by codes and structured fields, never by what a text says. Version choice
follows 行政处罚法 第三十七条 (从旧兼从轻): the rule in force on the act date, unless the rule in
force on the decision date punishes less (`lighter`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterable, Sequence

from . import periods
from .errors import InvalidInput, NotFound, ScheduleError
from .general_rules import (GENERAL_RULE_KEYS, LAW_KEYS, GeneralFact, GeneralRule, Law, facts as general_facts,
                            load_general_rule, load_law)
from .effective import Effective
from .periods import Period
from .steps import Step
from .laws import attach
from .nodes import BASIS, EFFECTIVE, Keys, Node, Source
from . import texts as wording
from .general_rules import TEXTS as GENERAL_TEXTS
from .texts import Spec, Text
from .thresholds import KEYS as THRESHOLD_KEYS, TEXTS as THRESHOLD_TEXTS, Threshold, load_threshold

PARTIES = {"individual": "个人", "organization": "单位"}
# The circumstance codes (情形) live in schedules/penalties/circumstances.toml (and in any file's
# [[circumstance]] tables): `Penalties.circumstances`.
COMBINATIONS = {"and": "拘留并处罚款", "and_optional": "拘留，可以并处罚款", "or": "拘留或者罚款"}
LICENCE_ACTIONS = {"revoke": "吊销", "withdraw": "收缴"}
# What a version's `text` rests on where the law's own text is not at hand (tests/test_law_texts.py
# checks every other `text` against ../shared/laws): the answer says so, in the words of
# penalties/texts.toml `rests_on_<code>` (`Version.rests_on_text`).
RESTS_ON = ("county_list", "quotation")
FEN = Decimal("0.01")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Fine:
    """A fine range in yuan; a ceiling-only fine ("100元以下") has min 0."""

    min: Decimal
    max: Decimal

    def describe(self, say: dict[str, "Text"]) -> str:
        if self.min == 0:
            return say["fine_ceiling"].say(max=yuan(self.max))
        return say["fine_range"].say(min=yuan(self.min), max=yuan(self.max))


@dataclass(frozen=True)
class Licence:
    action: str  # revoke (吊销) | withdraw (收缴)
    document: str

    def describe(self) -> str:
        return f"{LICENCE_ACTIONS[self.action]}《{self.document}》"


@dataclass(frozen=True)
class Circumstance:
    """A circumstance code: `general` ones are the rules of 第二章 (从重, 不执行拘留, 合并执行...), which
    do not select a band but turn a general rule's fact in the assessment."""

    code: str
    text: str
    general: bool = False
    # (law, code): under that law's text this circumstance is that band's (2012: a victim of 60 to 69
    # is a vulnerable victim; under 2025 only from 70), elsewhere it selects no band
    counts_as: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Band:
    """One circumstance's sanctions, as the text states them."""

    when: str
    basis: str
    replaces_base: bool = False
    warning: bool = False  # a warning may be given instead of the fine (警告或者罚款)
    fines: dict[str, Fine] | None = None  # per party kind
    fine_optional: bool = False  # 可以并处
    detention_max: int = 0  # days (…日以下拘留)
    order_to_correct: str | None = None
    licence: Licence | None = None
    suspension: str | None = None  # 责令停产停业 / 责令停业整顿, as the text words it
    confiscate: str | None = None
    criminal: bool = False
    detention_min: int = 0  # 0: the text sets only a ceiling ("五日以下拘留"), so the least is one day
    combination: str | None = None  # and | and_optional | or, where the band has detention and a fine
    texts: dict[str, "Text"] = field(default_factory=dict, repr=False, compare=False)  # how its sanctions are worded

    def fine(self, party: str) -> Fine | None:
        return None if self.fines is None else self.fines[party]

    @property
    def detention(self) -> tuple[int, int] | None:
        """(min, max) days of 行政拘留; min 1 where the text gives only a ceiling."""
        return (self.detention_min or 1, self.detention_max) if self.detention_max else None

    @property
    def mode(self) -> str | None:
        """How detention and the fine combine: the data's `combination`; an old file's
        `fine_optional` beside detention is 可以并处 (and_optional), neither is 并处 (and)."""
        if not (self.detention_max and self.fines is not None):
            return None
        return self.combination or ("and_optional" if self.fine_optional else "and")

    @property
    def imposes(self) -> bool:
        """Whether the band imposes anything at all (a band without any measure is a bad file)."""
        return bool(self.confiscate or self.detention_max or self.fines is not None or self.warning
                    or self.order_to_correct or self.licence or self.suspension or self.criminal)

    def describe_detention(self) -> str:
        lo, hi = self.detention
        say = self.texts
        return say["detention_range"].say(min=lo, max=hi) if lo > 1 else say["detention_ceiling"].say(max=hi)

    def sanctions(self, party: str) -> list[str]:
        """What the band imposes, as a decision would list it (the words: penalties/texts.toml)."""
        say = self.texts
        out = []
        if self.confiscate:
            out.append(self.confiscate)
        fine = self.fine(party)
        if self.detention_max:
            det = self.describe_detention()
            mode = self.mode
            if fine and mode == "or":
                code = "sanction_detention_or_fine_or_warning" if self.warning else "sanction_detention_or_fine"
                out.append(say[code].say(detention=det, fine=fine.describe(say)))
            elif fine and mode == "and":
                out.append(say["sanction_detention_and_fine"].say(detention=det, fine=fine.describe(say)))
            elif fine:
                out.append(det)
                out.append(say["sanction_may_add_fine"].say(fine=fine.describe(say)))
            else:
                out.append(say["sanction_detention_or_warning"].say(detention=det) if self.warning else det)
            fine = None if mode else fine
            if self.warning:
                fine = None
        if fine and self.warning:
            out.append(say["sanction_warning_or_fine"].say(fine=fine.describe(say)))
        elif fine:
            out.append(say["sanction_may_add_fine"].say(fine=fine.describe(say)) if self.fine_optional
                       else fine.describe(say))
        elif self.warning and not self.detention_max:
            out.append(say["sanction_warning"].say())
        if self.order_to_correct:
            out.append(self.order_to_correct)
        if self.licence:
            out.append(self.licence.describe())
        if self.suspension:
            out.append(self.suspension)
        if self.criminal:
            out.append(say["sanction_criminal"].say())
        return out


@dataclass(frozen=True)
class Version(Effective):
    basis: str
    text: str
    bands: tuple[Band, ...]
    rests_on: str | None = None  # RESTS_ON: the law's text was not at hand
    punishable: bool = True  # False: this text did not punish the act (不认为是违法的)
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # what its outcomes say

    def band(self, when: str) -> Band | None:
        return next((b for b in self.bands if b.when == when), None)

    @property
    def rests_on_text(self) -> str | None:
        """What the quoted text rests on, in words (None: the law's own text)."""
        return self.texts[f"rests_on_{self.rests_on}"].say() if self.rests_on else None

    @property
    def law(self) -> str:
        """The law and its year as `basis` names it: "治安管理处罚法（2025）"."""
        return self.basis.split(" ", 1)[0]


@dataclass(frozen=True)
class Violation:
    id: str
    title: str
    authority: str
    seed: str
    regime: str
    keywords: tuple[str, ...]
    versions: tuple[Version, ...]
    section: str = ""  # the chapter and section of the 2025 text, for browsing
    acts: tuple[str, ...] = ()  # the numbered 项 of the paragraph, verbatim
    correspondence: str | None = None  # where the 2012/2025 correspondence is not clear-cut
    digest: str = ""  # of the violation's table in its schedule file (answers' rule_versions)

    def version_on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.in_force(day)), None)

    @property
    def basis(self) -> str:
        return "；".join(v.basis for v in self.versions)

    @functools.cached_property
    def haystack(self) -> str:
        """Everything a keyword may hit, lowercased once (search runs over the whole catalogue)."""
        hay = [self.id, self.title, self.authority, self.section, *self.keywords, *self.acts,
               *(v.basis for v in self.versions), *(v.text for v in self.versions)]
        return "\n".join(hay).lower()

    @functools.cached_property
    def headline(self) -> str:
        return "\n".join([self.id, self.title, *self.keywords]).lower()

    def matches(self, q: str) -> bool:
        hay = self.haystack
        return all(word in hay for word in q.strip().lower().split())

    def codes(self) -> list[str]:
        """The band circumstance codes any version of this act names, in the order first seen."""
        seen: dict[str, None] = {}
        for v in self.versions:
            for b in v.bands:
                if b.when != "base":
                    seen.setdefault(b.when)
        return list(seen)

    def cites(self, law: str, article: int) -> bool:
        return (law, article) in self.citations

    @functools.cached_property
    def citations(self) -> frozenset[tuple[str, int]]:
        """Every (law, article) a version or band of this act cites, read once."""
        return frozenset((law, n) for basis in self.bases() for law, numbers in cited_articles(basis) for n in numbers)

    def bases(self) -> Iterable[str]:
        for v in self.versions:
            yield v.basis
            for b in v.bands:
                yield b.basis


@dataclass(frozen=True)
class Dated(Effective):
    """A procedural rule with its dates; limits per party kind."""

    basis: str
    note: str | None
    max_fine: dict[str, Decimal] | None = None
    min_fine: dict[str, Decimal] | None = None
    licence: bool = False
    suspension: bool = False
    period: Period | None = None
    harm_period: Period | None = None
    harm_basis: str | None = None
    local: bool = False  # hearing: the fine rests on a local regulation or rule; the local amount decides
    beside: "Beside | None" = None  # a lower rule's limit shown beside this one, and why this one prevails


@dataclass(frozen=True)
class Beside:
    """Another rule's limit for the same decision (程序规定 beside 行政处罚法) and why it does not decide."""

    basis: str
    max_fine: dict[str, Decimal]
    why: str


@dataclass(frozen=True)
class Regime:
    id: str
    title: str
    simplified: tuple[Dated, ...]
    collection: tuple[Dated, ...]
    hearing: tuple[Dated, ...]
    limitation: tuple[Dated, ...]
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # what its facts say

    @staticmethod
    def on(rules: Sequence[Dated], day: dt.date) -> Dated | None:
        return next((r for r in rules if r.in_force(day)), None)


@dataclass(frozen=True)
class LateFeeRule:
    first: dt.date
    basis: str
    pay_within: Period
    pay_basis: str
    daily_rate: Decimal
    cap_ratio: Decimal
    cap_basis: str
    pause_basis: str | None = None  # reconsideration or litigation time is not counted
    deferral_basis: str | None = None  # deferred or instalment payment approved on application


@dataclass(frozen=True)
class Penalties:
    violations: dict[str, Violation]
    regimes: dict[str, Regime]
    late_fee: LateFeeRule
    choice_basis: str
    choice_text: str
    thresholds: dict[str, Threshold]
    book: object = field(repr=False, compare=False, default=None)
    rules: object = field(repr=False, compare=False, default=None)
    circumstances: dict[str, Circumstance] = field(default_factory=dict)
    general: tuple[GeneralRule, ...] = ()
    laws: tuple[Law, ...] = ()
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # penalties/texts.toml

    def get(self, vid: str) -> Violation:
        try:
            return self.violations[vid]
        except KeyError:
            raise NotFound(f"没有编号为 {vid} 的违法行为", field="id") from None

    def search(self, q: str | None) -> list[Violation]:
        items = list(self.violations.values())
        words = q.strip().lower().split() if q else []
        if not words:
            return items
        index = self._characters
        candidates = set(range(len(items)))
        for ch in set("".join(words)):  # only acts whose text has every character typed can match
            candidates &= index.get(ch, set())
            if not candidates:
                return []
        found = [items[i] for i in sorted(candidates) if all(w in items[i].haystack for w in words)]
        # what the officer typed names the act (title, keywords) before it merely occurs in a text
        return sorted(found, key=lambda v: not all(w in v.headline for w in words))

    @functools.cached_property
    def _characters(self) -> dict[str, set[int]]:
        """Character -> positions of the violations whose searchable text has it (a catalogue of a
        hundred acts is searched per keystroke by the page and by case-handling systems)."""
        index: dict[str, set[int]] = {}
        for i, v in enumerate(self.violations.values()):
            for ch in set(v.haystack):
                index.setdefault(ch, set()).add(i)
        return index

    def citing(self, law: str, article: int) -> list[Violation]:
        """The violations any of whose versions (or bands) cite `article` of `law` ("治安管理处罚法（2025）")."""
        law = law.strip().replace("(", "（").replace(")", "）")  # "治安管理处罚法(2025)" as often typed
        return [v for v in self.violations.values() if v.cites(law, article)]

    def name(self, code: str) -> str:
        c = self.circumstances.get(code)
        return c.text if c else code

    def general_rules(self, v: Violation) -> list[GeneralRule]:
        """The general rules of the laws this violation's versions cite (治安管理处罚法 第二章 ...)."""
        laws = {x.law.split("（", 1)[0] for x in v.versions}
        return [r for r in self.general if r.law in laws]

    def codes(self, v: Violation) -> list[Circumstance]:
        """The circumstance codes this violation understands: its bands' own, then the general
        rules' codes where a general rule of its law applies."""
        own = v.codes()
        laws = {x.law for x in v.versions}
        out = [self.circumstances[c] for c in own if c in self.circumstances]
        out += [c for c in self.circumstances.values()
                if any(law in laws and target in own for law, target in c.counts_as)]
        seen = {c.code for c in out}
        for rule in self.general_rules(v):
            for code in rule.codes():
                if code not in seen and code in self.circumstances:
                    out.append(self.circumstances[code])
                    seen.add(code)
        return out

    def threshold(self, tid: str) -> Threshold:
        try:
            return self.thresholds[tid]
        except KeyError:
            raise NotFound(f"没有编号为 {tid} 的标准", field="id") from None


# ---------------------------------------------------------------- citations

NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ARTICLE = re.compile(r"第([零〇一二两三四五六七八九十百千]+)条")


def chinese_number(text: str) -> int:
    """"一百零九" -> 109, "五十一" -> 51, "十六" -> 16: the article numbers of a basis."""
    total, digit = 0, 0
    for ch in text:
        if ch in NUMERALS:
            digit = NUMERALS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (digit or 1) * unit
            digit = 0
    return total + digit


def cited_articles(basis: str) -> list[tuple[str, set[int]]]:
    """(law, article numbers) for each "；"-separated part of a basis: "治安管理处罚法（2012）
    第四十九条" -> [("治安管理处罚法（2012）", {49})]. A part without a law name (";第八十五条")
    belongs to the law before it."""
    out: list[tuple[str, set[int]]] = []
    law = ""
    for part in re.split(r"[；;]", basis):
        part = part.strip()
        if not part:
            continue
        head = part.split(" ", 1)[0] if not part.startswith("第") else ""
        law = head or law
        numbers = {chinese_number(m) for m in ARTICLE.findall(part)}
        out.append((law, numbers))
    return out


# ---------------------------------------------------------------- loading


def yuan(amount: Decimal) -> str:
    """1000 -> "1000", 12.5 -> "12.50": how a fine is written in a decision."""
    q = Decimal(amount).quantize(FEN)
    return str(q.quantize(Decimal(1))) if q == q.to_integral_value() else str(q)


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


def _check_keys(node: Node, allowed: Iterable[str]):
    node.only(allowed)  # as calc.schedules checks every file against KEYS below, before this loader


BAND_KEYS = ("when", "basis", "replaces_base", "warning", "fine", "fine_optional", "detention",
             "order_to_correct", "licence", "suspension", "confiscate", "criminal", "combination")


def _detention(node: Node) -> tuple[int, int]:
    """`detention = { min, max }` in days; min defaults to 1 ("五日以下拘留" = { max = 5 })."""
    if not node.has("detention"):
        return 0, 0
    d = node.child("detention")
    _check_keys(d, ("min", "max"))
    hi = int(d.number("max", minimum=1, maximum=20))
    lo = int(d.number("min", 1, minimum=1, maximum=20))
    if lo > hi:
        d.fail(f"min ({lo}) 大于 max ({hi})", "min")
    return (0 if lo == 1 else lo), hi


def _band(node: Node, default_basis: str, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Band:
    _check_keys(node, BAND_KEYS)
    when = node.text("when")
    if when not in codes or codes[when].general:
        bands = [c for c, x in codes.items() if not x.general]
        node.fail(f"未知的情形：{when}（应为 {', '.join(bands)}）", "when")
    licence = None
    if node.has("licence"):
        ln = node.child("licence")
        action = ln.text("action")
        if action not in LICENCE_ACTIONS:
            ln.fail(f"应为 {', '.join(LICENCE_ACTIONS)}", "action")
        licence = Licence(action, ln.text("document"))
    lo, hi = _detention(node)
    combination = node.text("combination", None)
    if combination is not None and combination not in COMBINATIONS:
        node.fail(f"应为 {', '.join(COMBINATIONS)}", "combination")
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
        texts=texts,
    )
    if when == "base" and band.replaces_base:
        node.fail("基本情形不能 replaces_base", "replaces_base")
    if not band.imposes:
        node.fail("该情形没有任何处理措施")
    if band.fine_optional and band.fines is None:
        node.fail("fine_optional 需要 fine", "fine_optional")
    both = bool(hi) and band.fines is not None
    if combination is not None and not both:
        node.fail("combination 只用于同时有拘留和罚款的幅度", "combination")
    if both and combination is None and not fine_optional:
        node.fail("同时有拘留和罚款时须写明 combination（and 并处 / and_optional 可以并处 / or 或者）", "combination")
    if fine_optional and combination not in (None, "and_optional"):
        node.fail("fine_optional 与 combination 矛盾", "combination")
    return band


def _version(node: Node, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Version:
    _check_keys(node, ("effective", "basis", "text", "bands", "punishable", "rests_on"))
    first, until = node.effective()
    rests_on = node.text("rests_on", None)
    if rests_on is not None and rests_on not in RESTS_ON:
        node.fail(f"应为 {', '.join(RESTS_ON)}", "rests_on")
    basis = node.basis()
    if not node.get("punishable", bool, True):
        for key in ("text", "bands"):
            if node.has(key):
                node.fail("不予处罚的版本（punishable = false）不应有此项", key)
        return Version(first, until, basis, "", (), rests_on, punishable=False, texts=texts)
    bands = tuple(_band(b, basis, codes, texts) for b in node.children("bands"))
    if not bands:
        node.fail("至少要有一个幅度", "bands")
    seen = [b.when for b in bands]
    if len(seen) != len(set(seen)):
        node.fail("同一情形出现了两次", "bands")
    return Version(first, until, basis, node.text("text"), bands, rests_on, texts=texts)


def _violation(node: Node, codes: dict[str, Circumstance], texts: dict[str, Text]) -> Violation:
    _check_keys(node, ("id", "title", "authority", "seed", "regime", "keywords", "version", "section", "acts",
                       "correspondence"))
    versions = tuple(sorted((_version(v, codes, texts) for v in node.children("version")), key=lambda v: v.first))
    if not versions:
        node.fail("至少要有一个版本", "version")
    for a, b in zip(versions, versions[1:]):
        if a.until is None or a.until >= b.first:
            node.fail(f"版本生效期间重叠：{a.basis} 与 {b.basis}", "version")
    if not any(v.punishable for v in versions):
        node.fail("至少要有一个处罚的版本", "version")
    keywords = node.get("keywords", list, [])
    if not all(isinstance(k, str) and k for k in keywords):
        node.fail("keywords 应为非空字符串列表", "keywords")
    acts = node.get("acts", list, [])
    if not all(isinstance(k, str) and k.strip() for k in acts):
        node.fail("acts 应为非空字符串列表", "acts")
    return Violation(node.text("id"), node.text("title"), node.text("authority"), node.text("seed"),
                     node.text("regime"), tuple(keywords), versions, node.text("section", ""), tuple(acts),
                     node.text("correspondence", None), node.digest)


def _circumstances(sources: list[Source]) -> dict[str, Circumstance]:
    """Every file's [[circumstance]] tables, merged; a code defined twice is refused."""
    codes: dict[str, Circumstance] = {}
    owners: dict[str, str] = {}
    for source in sources:
        root = Node(source, "", source.data)
        for node in root.children("circumstance", required=False):
            _check_keys(node, ("code", "text", "general", "counts_as"))
            code = node.text("code")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
                node.fail("情形代码应为小写字母、数字和下划线", "code")
            if code in codes:
                node.fail(f"情形代码重复：{code}（已见于 {owners[code]}）", "code")
            counts = []
            for n in node.children("counts_as", required=False):
                _check_keys(n, ("law", "code"))
                counts.append((n.text("law"), n.text("code")))
            codes[code] = Circumstance(code, node.text("text"), node.get("general", bool, False), tuple(counts))
            owners[code] = source.name
    if "base" not in codes:
        Node(Source(sources[0].name if sources else "penalties/", {}), "", {}).fail(
            "缺少情形代码 base（见 circumstances.toml）", "circumstance")
    for c in codes.values():
        for _, target in c.counts_as:
            if target not in codes or codes[target].general:
                Node(Source(owners[c.code], {}), c.code, {}).fail(f"counts_as 指向未知的幅度情形：{target}", "counts_as")
    return codes


def _period(node: Node, key: str) -> Period | None:
    if not node.has(key):
        return None
    sub = node.child(key)
    unit = sub.text("unit")
    if unit not in periods.UNITS:
        sub.fail(f"未知的期间单位：{unit}", "unit")
    return Period(int(sub.number("amount", minimum=1, maximum=periods.LIMITS[unit])), unit)


def _limit_reader(node: Node, key: str) -> Decimal:
    return _money(node, key)


def _beside(node: Node) -> Beside | None:
    if not node.has("beside"):
        return None
    b = node.child("beside")
    return Beside(b.basis(), _per_party(b, "max_fine", _limit_reader), b.text("why"))


def _dated(node: Node, kind: str) -> Dated:
    first, until = node.effective()
    local = node.get("local", bool, False)
    if local and kind != "hearing":
        node.fail("local 只用于听证（程序规定 第一百二十三条第二款）", "local")
    if node.has("beside") and kind not in ("simplified", "collection"):
        node.fail("beside 只用于当场处罚、当场收缴", "beside")
    rule = Dated(first, until, node.basis(), node.text("note", None),
                 max_fine=_per_party(node, "max_fine", _limit_reader),
                 min_fine=_per_party(node, "min_fine", _limit_reader),
                 licence=node.get("licence", bool, False), suspension=node.get("suspension", bool, False),
                 period=_period(node, "period"), harm_period=_period(node, "harm_period"),
                 harm_basis=node.basis("harm_basis", None), local=local, beside=_beside(node))
    needs = {"simplified": "max_fine", "collection": "max_fine", "hearing": "min_fine", "limitation": "period"}
    if getattr(rule, needs[kind]) is None and not (kind == "hearing" and local):
        node.fail("缺少此项", needs[kind])
    if rule.harm_period is not None and rule.harm_basis is None:
        node.fail("缺少此项", "harm_basis")
    return rule


def _regime(node: Node, texts: dict[str, Text]) -> Regime:
    _check_keys(node, ("id", "title", "simplified", "collection", "hearing", "limitation"))
    parts = {}
    for kind in ("simplified", "collection", "hearing", "limitation"):
        rules = sorted((_dated(n, kind) for n in node.children(kind)), key=lambda r: r.first)
        for a, b in zip(rules, rules[1:]):
            if a.until is None or a.until >= b.first:
                node.fail(f"{kind} 的生效期间重叠", kind)
        parts[kind] = tuple(rules)
    return Regime(node.text("id"), node.text("title"), **parts, texts=texts)


def _late_fee(node: Node) -> LateFeeRule:
    first, _ = node.effective()
    pay = _period(node, "pay_within")
    if pay is None:
        node.fail("缺少此项", "pay_within")
    rate = Decimal(str(node.number("daily_rate", minimum=0, maximum=1)))
    cap = Decimal(str(node.number("cap_ratio", minimum=0, maximum=10)))
    return LateFeeRule(first, node.basis(), pay, node.basis("pay_basis"), rate, cap, node.basis("cap_basis"),
                       node.basis("pause_basis", None), node.basis("deferral_basis", None))


# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"violation": "id", "regime": "id", "threshold": "id", "late_fee": None, "version_choice": None,
           "circumstance": "code", "general_rule": "id", "law": "name", "texts": "*"}

# The keys each table of a penalties/*.toml file may have (calc.schedules refuses any other).
_FINE = Keys("min", "max")
_PER_PARTY = Keys(*PARTIES)  # max_fine = { individual = 500, organization = 5000 }
_PERIOD = Keys("amount", "unit")
_BAND = Keys(*(k for k in BAND_KEYS if k not in ("fine", "detention", "licence", "basis")),
             fine=Keys("min", "max", **{p: _FINE for p in PARTIES}), detention=Keys("min", "max"),
             licence=Keys("action", "document"), basis=BASIS)
_DATED = Keys("note", "licence", "suspension", "local", effective=EFFECTIVE, max_fine=_PER_PARTY,
              min_fine=_PER_PARTY, period=_PERIOD, harm_period=_PERIOD, basis=BASIS, harm_basis=BASIS,
              beside=Keys("why", max_fine=_PER_PARTY, basis=BASIS))
KEYS = Keys(
    violation=Keys("id", "title", "authority", "seed", "regime", "keywords", "section", "acts", "correspondence",
                   version=Keys("text", "punishable", "rests_on", effective=EFFECTIVE, bands=_BAND, basis=BASIS)),
    circumstance=Keys("code", "text", "general", counts_as=Keys("law", "code")),
    general_rule=GENERAL_RULE_KEYS,
    law=LAW_KEYS,
    regime=Keys("id", "title", **{kind: _DATED for kind in ("simplified", "collection", "hearing", "limitation")}),
    late_fee=Keys("daily_rate", "cap_ratio", effective=EFFECTIVE, pay_within=_PERIOD,
                  **{k: BASIS for k in ("basis", "pay_basis", "cap_basis", "pause_basis", "deferral_basis")}),
    version_choice=Keys("text", basis=BASIS),
    threshold=THRESHOLD_KEYS,
    texts=wording.KEYS,
)

# What the steps and facts of this module say (`[texts.<code>]` in penalties/texts.toml): code ->
# the placeholders filled in. A step's text cites a basis, filled in from the rule's data ({basis}).
_STEP = ("basis",)
TEXTS = {
    "late_fee_pay": Spec(("n", *_STEP), basis=True),
    "late_fee_deferred": Spec(("until", *_STEP), basis=True),
    "late_fee_paused": Spec(("first", "last", "reason", "days", *_STEP), basis=True),
    "late_fee_on_time": Spec(("paid", "due", *_STEP), basis=True),
    "late_fee_on_time_paused": Spec(("paid", "due", *_STEP), basis=True),
    "late_fee_daily": Spec(("days", "first", "paid", "less", "pct", "daily", "fine", "exact", "rounded", *_STEP),
                           basis=True),
    "late_fee_less_paused": Spec(),
    "late_fee_rounded": Spec(("surcharge",)),
    "late_fee_cap": Spec(("cap", *_STEP), basis=True),
    "limitation_message": Spec(("act", "n", "unit", "end")),
    "limitation_harm_general": Spec(("basis",)),
    "limitation_unknown": Spec(("day", "regime")),
    "procedure_applies": Spec(("decision", "regime")),
    "procedure_none": Spec(),
    "beside": Spec(("basis", "party", "limit", "why")),
    **{f"{kind}_unknown": Spec(("day", "regime")) for kind in ("simplified", "collection", "hearing")},
    "simplified_restrictive": Spec(("limit", "floor")),
    "simplified_nothing": Spec(("limit", "floor")),
    "simplified_yes": Spec(("limit", "floor")),
    "simplified_depends": Spec(("limit", "floor")),
    "simplified_no": Spec(("limit", "floor")),
    "collection_not_simplified": Spec(("limit", "floor")),
    "collection_yes": Spec(("limit", "floor")),
    "collection_depends": Spec(("limit", "floor")),
    "collection_no": Spec(("limit", "floor")),
    "hearing_local_no_fine": Spec(),
    "hearing_local": Spec(),
    **{code: Spec(("measure", "limit")) for code in ("hearing_licence", "hearing_suspension", "hearing_yes",
                                                      "hearing_depends", "hearing_no")},
    "rests_on_county_list": Spec(),
    "rests_on_quotation": Spec(),
    "fine_ceiling": Spec(("max",)),
    "fine_range": Spec(("min", "max")),
    "detention_ceiling": Spec(("max",)),
    "detention_range": Spec(("min", "max")),
    "sanction_detention_or_fine": Spec(("detention", "fine")),
    "sanction_detention_or_fine_or_warning": Spec(("detention", "fine")),
    "sanction_detention_and_fine": Spec(("detention", "fine")),
    "sanction_may_add_fine": Spec(("fine",)),
    "sanction_detention_or_warning": Spec(("detention",)),
    "sanction_warning_or_fine": Spec(("fine",)),
    "sanction_warning": Spec(),
    "sanction_criminal": Spec(),
    "outcome_not_punishable": Spec(),
    "outcome_none": Spec(),
    "select_not_punishable": Spec(("basis",)),
    "select_not_a_band_here": Spec(("basis", "circumstance")),
    "select_no_own_band": Spec(("basis", "circumstance")),
    "select_only_for": Spec(("basis", "circumstances")),
    "compare_new": Spec(),
    "compare_old": Spec(),
    "compare_not_punishable": Spec(("which",)),
    "compare_heaviest": Spec(("aspect", "old", "new", "side")),
    "compare_lightest": Spec(("aspect", "old", "new", "side")),
    "compare_equal": Spec(),
    "amount_days": Spec(("n",)),
    "amount_yuan": Spec(("yuan",)),
    "amount_no_warning": Spec(),
    "amount_warning": Spec(),
    "amount_has": Spec(),
    "amount_none": Spec(),
    "choice_same": Spec(("basis",)),
    "choice_not_illegal": Spec(("basis", "choice_basis")),
    "choice_repealed": Spec(("old", "decision", "choice_basis")),
    "choice_compared": Spec(("act", "old", "old_sanctions", "decision", "new", "new_sanctions", "comparison")),
    "choice_new_not_illegal": Spec(("choice_basis",)),
    "choice_new_lighter": Spec(("choice_basis",)),
    "choice_old": Spec(("choice_basis",)),
    "switch_new": Spec(),
    "switch_old": Spec(),
    "switch_added": Spec(("circumstance", "side", "basis")),
    "switch_removed": Spec(("circumstance", "side", "basis")),
    **THRESHOLD_TEXTS,
    **GENERAL_TEXTS,
}


def _gather(root: Node, table: str, build, into: dict, key: str = "id", what: str = "编号重复"):
    """Each item of the array `table`, built and filed under its `key`; a second one is refused."""
    for node in root.children(table, required=False):
        item = build(node)
        name = getattr(item, key)
        if name in into:
            node.fail(f"{what}：{name}", key)
        into[name] = item


def load(sources: list[Source], base: dict) -> Penalties:
    """Every violation, procedure regime, the late-fee rule and the thresholds under schedules/penalties/."""
    sources = attach(sources, base)
    violations: dict[str, Violation] = {}
    regimes: dict[str, Regime] = {}
    thresholds: dict[str, Threshold] = {}
    late_fee = choice = None
    owners: dict[str, str] = {}
    codes = _circumstances(sources)
    try:  # the objects below hold the texts; a problem with them is raised once the items are checked
        texts, wording_problem = wording.load(sources, TEXTS), None
    except ScheduleError as err:
        texts, wording_problem = {}, err
    general: dict[str, GeneralRule] = {}
    laws: dict[str, Law] = {}
    for source in sources:
        root = Node(source, "", source.data)
        _check_keys(root, ("violation", "regime", "late_fee", "version_choice", "threshold", "circumstance",
                           "general_rule", "law", "texts"))
        _gather(root, "general_rule", lambda n: load_general_rule(n, codes), general)
        _gather(root, "law", load_law, laws, key="name", what="法律重复")
        for node in root.children("violation", required=False):
            v = _violation(node, codes, texts)
            if v.id in violations:
                node.fail(f"编号重复：{v.id}（已见于 {owners[v.id]}）", "id")
            violations[v.id], owners[v.id] = v, source.name
        _gather(root, "regime", lambda n: _regime(n, texts), regimes)
        _gather(root, "threshold", lambda n: load_threshold(n, texts), thresholds)
        if root.has("late_fee"):
            if late_fee is not None:
                root.fail("late_fee 只能定义一次", "late_fee")
            late_fee = _late_fee(root.child("late_fee"))
        if root.has("version_choice"):
            node = root.child("version_choice")
            choice = (node.basis(), node.text("text"))
    if wording_problem is not None:  # after the items, so that `calc check` names each bad item first
        raise wording_problem
    name = sources[0].name if sources else "penalties/"
    anchor = Node(Source(name, {}), "", {})
    if late_fee is None:
        anchor.fail("缺少 [late_fee]（加处罚款规则）", "late_fee")
    if choice is None:
        anchor.fail("缺少 [version_choice]（从旧兼从轻的依据）", "version_choice")
    for v in violations.values():
        if v.regime not in regimes:
            Node(Source(owners[v.id], {}), v.id, {}).fail(f"未知的程序类别：{v.regime}", "regime")
    return Penalties(violations, regimes, late_fee, choice[0], choice[1], thresholds,
                     base.get("calendar"), base.get("rules"), codes, tuple(general.values()), tuple(laws.values()),
                     texts)


# ---------------------------------------------------------------- selecting and comparing


@dataclass(frozen=True)
class Outcome:
    """The bands one version gives for one party and set of circumstances, and their notes."""

    version: Version
    bands: tuple[Band, ...]
    notes: tuple[str, ...]
    party: str

    def fines(self) -> list[tuple[Band, Fine]]:
        return [(b, b.fine(self.party)) for b in self.bands if b.fines is not None]

    @property
    def fine(self) -> Fine | None:
        fines = [f for _, f in self.fines()]
        if not fines:
            return None
        return Fine(min(f.min for f in fines), max(f.max for f in fines))

    @property
    def fine_floor(self) -> Decimal:
        """The least fine that must be imposed: 0 where a warning or no fine may be chosen."""
        must = [f.min for b, f in self.fines() if not (b.warning or b.fine_optional)]
        return max(must) if must else Decimal(0)

    @property
    def warning_possible(self) -> bool:
        return any(b.warning for b in self.bands) and all(b.warning or b.fine_optional
                                                           for b, _ in self.fines())

    @property
    def detention_max(self) -> int:
        return max((b.detention_max for b in self.bands), default=0)

    @property
    def licence(self) -> Licence | None:
        return next((b.licence for b in self.bands if b.licence), None)

    @property
    def suspension(self) -> str | None:
        return next((b.suspension for b in self.bands if b.suspension), None)

    @property
    def punishable(self) -> bool:
        return self.version.punishable

    def describe(self) -> str:
        if not self.punishable:
            return self.version.texts["outcome_not_punishable"].say()
        parts = [s for b in self.bands for s in b.sanctions(self.party)]
        return "；".join(parts) if parts else self.version.texts["outcome_none"].say()


def select(version: Version, circumstances: Sequence[str], party: str,
           names: dict[str, Circumstance] | None = None) -> Outcome:
    """The bands of `version` for these circumstances: the base band, plus the band of each
    circumstance the text names (an aggravated or mitigated band that the text puts in place of
    the base penalty replaces it; one the text adds, such as criminal referral, is added).
    `names` (the catalogue's codes) orders the codes and words the notes; general codes (从重,
    不执行拘留 ...) choose no band and are answered by the general rules instead."""
    say = version.texts
    if not version.punishable:
        note = say["select_not_punishable"].say(basis=version.basis)
        return Outcome(version, (), (note,), party)
    chosen: list[Band] = []
    base = version.band("base")
    if base:
        chosen.append(base)
    notes = []
    given = set(circumstances)
    for code in list(given):
        for law, target in (names[code].counts_as if names and code in names else ()):
            if law == version.law:
                given.add(target)
    for code in circumstances:
        c = names.get(code) if names else None
        if c and c.counts_as and not any(law == version.law for law, _ in c.counts_as):
            notes.append(say["select_not_a_band_here"].say(basis=version.basis, circumstance=c.text))
    order = [c for c in names if c in given] if names else list(dict.fromkeys(circumstances))
    for code in order:
        if code == "base" or (names and (names[code].general or names[code].counts_as)):
            continue
        band = version.band(code)
        if band is None:
            text = names[code].text if names else code
            notes.append(say["select_no_own_band"].say(basis=version.basis, circumstance=text))
            continue
        if band.replaces_base and base in chosen:
            chosen.remove(base)
        chosen.append(band)
    if not chosen:
        needed = "、".join((names[b.when].text if names and b.when in names else b.when) for b in version.bands)
        notes.append(say["select_only_for"].say(basis=version.basis, circumstances=needed))
    return Outcome(version, tuple(chosen), tuple(notes), party)


@dataclass(frozen=True, order=True)
class Degree:
    """One outcome a version allows, as heavy as it is, compared field by field in this order
    (行政处罚法 第九条 and 治安管理处罚法 第十条 list the kinds; detention restricts liberty and is
    heavier than any fine): days of detention; the fine that comes with detention (a fine added
    to detention makes it heavier); licence revocation; business suspension; the fine alone;
    and last whether more than a warning is given."""

    detention: int = 0
    added_fine: Decimal = Decimal(0)
    licence: int = 0
    suspension: int = 0
    fine: Decimal = Decimal(0)
    no_warning: int = 0

    def merge(self, other: "Degree") -> "Degree":
        """Bands given together (the base band and an added one) impose both."""
        return Degree(*(max(x, y) for x, y in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple:
        return (self.detention, self.added_fine, self.licence, self.suspension, self.fine, self.no_warning)


# Degree's fields in its order: (field, what the comparison calls it, how its value is written).
ASPECTS = (("detention", "拘留日数", "days"), ("added_fine", "与拘留并处的罚款", "yuan"),
           ("licence", "吊销许可证件", "has"), ("suspension", "责令停业整顿", "has"), ("fine", "罚款数额", "yuan"),
           ("no_warning", "可否仅予警告", "warning"))


def heaviest(b: Band, party: str) -> Degree:
    """The most the band allows: the longest detention with the largest fine it may add."""
    f = b.fine(party)
    lic, sus = (1 if b.licence else 0), (1 if b.suspension else 0)
    added = f.max if f and b.mode in ("and", "and_optional") else Decimal(0)
    more = 1 if (b.detention_max or f or lic or sus) else 0
    alone = f.max if f and not b.detention_max else Decimal(0)  # a fine instead of detention is not the heaviest
    return Degree(b.detention_max, added, lic, sus, alone, more)


def lightest(b: Band, party: str) -> Degree:
    """The least the band requires: a warning where the text allows one; a fine where it allows
    a fine instead of detention (或者); else the shortest detention with any fine it mandates (并处)."""
    f = b.fine(party)
    lic, sus = (1 if b.licence else 0), (1 if b.suspension else 0)
    if b.warning:
        return Degree(0, Decimal(0), lic, sus, Decimal(0), 0)
    if b.detention_max and b.mode == "or":
        return Degree(0, Decimal(0), lic, sus, f.min, 1)
    if b.detention_max:
        lo = b.detention[0]
        must = f.min if b.mode == "and" else Decimal(0)
        return Degree(lo, must, lic, sus, must, 1)
    if f and not b.fine_optional:
        return Degree(0, Decimal(0), lic, sus, f.min, 1)
    return Degree(0, Decimal(0), lic, sus, Decimal(0), 1 if (lic or sus) else 0)


@dataclass(frozen=True, order=True)
class Severity:
    """How heavy an outcome is, as a lawyer weighs two texts under 行政处罚法 第三十七条: a text that
    does not punish the act at all is the lightest; then the heaviest outcome each allows decides;
    where those are equal, the lightest outcome each allows (a text that allows a fine instead of
    detention is lighter than one that mandates detention). Orders to correct, confiscation of a
    document and criminal referral are not administrative penalties of a version and are not
    compared."""

    punishable: int
    heaviest: Degree
    lightest: Degree

    @staticmethod
    def of(outcome: Outcome) -> "Severity":
        top, least = Degree(), Degree()
        for b in outcome.bands:
            top, least = top.merge(heaviest(b, outcome.party)), least.merge(lightest(b, outcome.party))
        return Severity(1 if outcome.punishable else 0, top, least)


def lighter(a: Outcome, b: Outcome) -> bool:
    """Whether `a` punishes less than `b` (新的规定处罚较轻): the one definition of "lighter"."""
    return Severity.of(a) < Severity.of(b)


@dataclass(frozen=True)
class Comparison:
    """Which comparison decided between two outcomes: not_punishable | heaviest | lightest | equal,
    the aspect (拘留日数 ...), which side it found lighter and the deciding values; and the sentence
    saying so, once `worded` (the words are the schedules', the comparison is not)."""

    decided_by: str
    aspect: str | None
    text: str = ""
    lighter: str | None = None  # new | old: the text found lighter (None: equal)
    kind: str | None = None  # how the aspect's values are written (ASPECTS)
    values: tuple = ()  # (old, new): the aspect's value under each text

    def worded(self, say: dict[str, Text]) -> "Comparison":
        """This comparison with its sentence, in the words of penalties/texts.toml."""
        if self.decided_by == "equal":
            return dataclasses.replace(self, text=say["compare_equal"].say())
        side = say[f"compare_{self.lighter}"].say()
        if self.decided_by == "not_punishable":
            return dataclasses.replace(self, text=say["compare_not_punishable"].say(which=side))
        old, new = (_amount(say, self.kind, v) for v in self.values)
        return dataclasses.replace(self, text=say[f"compare_{self.decided_by}"].say(
            aspect=self.aspect, old=old, new=new, side=side))


def compare(new: Outcome, old: Outcome) -> Comparison:
    a, b = Severity.of(new), Severity.of(old)
    if a.punishable != b.punishable:
        return Comparison("not_punishable", None, lighter="new" if not a.punishable else "old")
    for stage in ("heaviest", "lightest"):
        x, y = getattr(a, stage).astuple(), getattr(b, stage).astuple()
        for (_, aspect, kind), p, q in zip(ASPECTS, x, y):
            if p != q:
                return Comparison(stage, aspect, lighter="new" if p < q else "old", kind=kind, values=(q, p))
    return Comparison("equal", None)


def _amount(say: dict[str, Text], kind: str, value) -> str:
    """An aspect's value as the comparison writes it, by the aspect's kind (ASPECTS), not its name."""
    if kind == "days":
        return say["amount_days"].say(n=value)
    if kind == "yuan":
        return say["amount_yuan"].say(yuan=yuan(value))
    if kind == "warning":
        return say["amount_no_warning" if value else "amount_warning"].say()
    return say["amount_has" if value else "amount_none"].say()


@dataclass(frozen=True)
class Choice:
    applied: Version | None
    rule: str  # same | act_time | decision_time_lighter | repealed
    reason: str
    basis: str
    act_version: Version
    decision_version: Version | None
    outcome: Outcome | None
    compared: tuple[tuple[Version, Outcome], ...]
    comparison: Comparison | None = None


def _not_illegal(version: Version, p: Penalties) -> str:
    return p.texts["choice_not_illegal"].say(basis=version.basis, choice_basis=p.choice_basis)


def choose_version(p: Penalties, v: Violation, act: dt.date, decision: dt.date, party: str,
                   circumstances: Sequence[str]) -> Choice:
    """行政处罚法 第三十七条: the version in force on the act date, unless the one in force on the
    decision date is lighter for the same party and circumstances (or no longer punishes)."""
    old = v.version_on(act)
    if old is None:
        first = v.versions[0].first
        raise InvalidInput(f"行为日 {act} 时本服务收录的规定尚未施行（最早自 {first} 起）", field="act_date")
    new = v.version_on(decision)
    names = p.circumstances or None
    old_out = select(old, circumstances, party, names)
    if new is old:
        reason = p.texts["choice_same"].say(basis=old.basis)
        basis = p.choice_basis
        if not old.punishable:
            reason += _not_illegal(old, p)
            basis = f"{p.choice_basis}；{old.basis}"
        return Choice(old, "same", reason, basis, old, new, old_out, ((old, old_out),))
    if new is None:
        reason = p.texts["choice_repealed"].say(old=old.basis, decision=decision, choice_basis=p.choice_basis)
        return Choice(None, "repealed", reason, p.choice_basis, old, None, None, ((old, old_out),))
    new_out = select(new, circumstances, party, names)
    compared = ((old, old_out), (new, new_out))
    cmp = compare(new_out, old_out).worded(p.texts)
    said = p.texts["choice_compared"].say(act=act, old=old.basis, old_sanctions=old_out.describe(), decision=decision,
                                          new=new.basis, new_sanctions=new_out.describe(), comparison=cmp.text)
    if lighter(new_out, old_out):
        tail = p.texts["choice_new_not_illegal" if not new.punishable else "choice_new_lighter"].say(
            choice_basis=p.choice_basis)
        basis = p.choice_basis if new.punishable else f"{p.choice_basis}；{new.basis}"
        return Choice(new, "decision_time_lighter", said + tail, basis, old, new, new_out, compared, cmp)
    tail = (p.texts["choice_old"].say(choice_basis=p.choice_basis)
            + (_not_illegal(old, p) if not old.punishable else ""))
    basis = p.choice_basis if old.punishable else f"{p.choice_basis}；{old.basis}"
    return Choice(old, "act_time", said + tail, basis, old, new, old_out, compared, cmp)


@dataclass(frozen=True)
class Switch:
    """A circumstance that, given (or taken away), would make the other text apply."""

    code: str
    text: str
    added: bool
    applied: Version
    rule: str
    message: str


def switches(p: Penalties, v: Violation, act: dt.date, decision: dt.date, party: str,
             circumstances: Sequence[str], choice: Choice) -> list[Switch]:
    """For each band circumstance of this act, whether ticking it (or unticking it) changes which
    text applies: "若情节较轻，新法较轻，适用新法"."""
    if choice.decision_version is None or choice.decision_version is choice.act_version:
        return []
    out = []
    given = list(circumstances)
    for c in p.codes(v):
        if c.general:
            continue
        code = c.code
        added = code not in given
        other = [*given, code] if added else [x for x in given if x != code]
        alt = choose_version(p, v, act, decision, party, other)
        if alt.applied is choice.applied or alt.applied is None:
            continue
        side = p.texts["switch_new" if alt.applied is choice.decision_version else "switch_old"].say()
        message = p.texts["switch_added" if added else "switch_removed"].say(
            circumstance=c.text, side=side, basis=alt.applied.basis)
        out.append(Switch(code, c.text, added, alt.applied, alt.rule, message))
    return out


# ---------------------------------------------------------------- procedure facts


@dataclass(frozen=True)
class Fact:
    """One procedural consequence: yes | no | depends (on the amount decided) | unknown."""

    status: str
    explanation: str
    basis: str | None
    limit: Decimal | None = None
    note: str | None = None
    beside: tuple[tuple[str, Decimal, str], ...] = ()  # (basis, limit, why it does not decide)
    code: str = ""  # the code of the text that explains it (penalties/texts.toml)


def _beside_of(rule: Dated, party: str) -> tuple:
    b = rule.beside
    return () if b is None else ((b.basis, b.max_fine[party], b.why),)


def _with_beside(note: str | None, rule: Dated, party: str, texts: dict[str, Text]) -> str | None:
    b = rule.beside
    if b is None:
        return note
    also = texts["beside"].say(basis=b.basis, party=PARTIES[party], limit=yuan(b.max_fine[party]), why=b.why)
    return "；".join(x for x in (note, also) if x)


def _unknown(what: str, day: dt.date, regime: Regime) -> Fact:
    code = f"{what}_unknown"
    return Fact("unknown", regime.texts[code].say(day=day, regime=regime.title), None, code=code)


def _fact(regime: Regime, rule: Dated, out: "Outcome", status: str, code: str, amount, **values) -> Fact:
    """A fact whose explanation is the text `code`, with the rule's basis and its beside."""
    why = regime.texts[code].say(**values)
    return Fact(status, why, rule.basis, amount, _with_beside(rule.note, rule, out.party, regime.texts),
                _beside_of(rule, out.party), code)


def simplified_fact(regime: Regime, out: Outcome, day: dt.date) -> Fact:
    rule = Regime.on(regime.simplified, day)
    if rule is None:
        return _unknown("simplified", day, regime)
    limit = rule.max_fine[out.party]
    fine = out.fine
    if out.detention_max or out.licence or out.suspension:
        status, code = "no", "simplified_restrictive"
    elif not out.bands or (fine is None and not out.warning_possible):
        status, code = "no", "simplified_nothing"
    elif fine is None or fine.max <= limit:
        status, code = "yes", "simplified_yes"
    elif out.fine_floor <= limit:
        status, code = "depends", "simplified_depends"
    else:
        status, code = "no", "simplified_no"
    return _fact(regime, rule, out, status, code, limit, limit=yuan(limit), floor=yuan(out.fine_floor))


def collection_fact(regime: Regime, out: Outcome, day: dt.date, simplified: Fact) -> Fact:
    rule = Regime.on(regime.collection, day)
    if rule is None:
        return _unknown("collection", day, regime)
    limit = rule.max_fine[out.party]
    fine = out.fine
    if fine is None or simplified.status in ("no", "unknown"):
        status, code = "no", "collection_not_simplified"
    elif fine.max <= limit:
        status, code = "yes", "collection_yes"
    elif out.fine_floor <= limit:
        status, code = "depends", "collection_depends"
    else:
        status, code = "no", "collection_no"
    return _fact(regime, rule, out, status, code, limit, limit=yuan(limit), floor=yuan(out.fine_floor))


def hearing_fact(regime: Regime, out: Outcome, day: dt.date) -> Fact:
    rule = Regime.on(regime.hearing, day)
    if rule is None:
        return _unknown("hearing", day, regime)
    fine = out.fine
    texts = regime.texts
    if rule.local and rule.min_fine is None and not (out.licence and rule.licence) \
            and not (out.suspension and rule.suspension):
        code = "hearing_local_no_fine" if fine is None else "hearing_local"
        return Fact("no" if fine is None else "depends", texts[code].say(), rule.basis, None, rule.note, code=code)
    limit = rule.min_fine[out.party] if rule.min_fine else None
    measure = ""
    if out.licence and rule.licence:
        status, code, measure = "yes", "hearing_licence", out.licence.describe()
    elif out.suspension and rule.suspension:
        status, code, measure = "yes", "hearing_suspension", out.suspension
    elif fine is not None and out.fine_floor >= limit:
        status, code = "yes", "hearing_yes"
    elif fine is not None and fine.max >= limit:
        status, code = "depends", "hearing_depends"
    else:
        status, code = "no", "hearing_no"
    why = texts[code].say(measure=measure, limit="" if limit is None else yuan(limit))
    return Fact(status, why, rule.basis, limit, rule.note, code=code)


@dataclass(frozen=True)
class Limitation:
    period: Period | None
    basis: str | None
    plain_end: dt.date | None
    expires: dt.date | None
    steps: tuple[Step, ...]
    provisional: bool
    calendar_years: tuple[int, ...]
    calendar_gap: int | None
    note: str | None
    message: str


def limitation(p: Penalties, regime: Regime, act: dt.date, harm: bool, provisional: bool = False) -> Limitation:
    """The last day on which the act can still be discovered and punished (追究时效), counted from
    the act date by the rule in force on that date: the corresponding day (民法典 第二百零一条、
    第二百零二条), never moved for a rest day. 第二百零三条's roll forward protects a person who must
    act within a period; this one is the state's time to discover the act (LAW.md, "Corrections"),
    so no holiday calendar is needed and no year is ever missing. `provisional` is accepted for
    the callers' sake and changes nothing."""
    rule = Regime.on(regime.limitation, act)
    texts = p.texts
    if rule is None:
        return Limitation(None, None, None, None, (), False, (), None, None,
                          texts["limitation_unknown"].say(day=act, regime=regime.title))
    period, basis = rule.period, rule.basis
    extra = []
    if harm and rule.harm_period:
        period, basis = rule.harm_period, rule.harm_basis
    elif harm:
        extra.append(texts["limitation_harm_general"].say(basis=rule.basis))
    note = "；".join([*([rule.note] if rule.note else []), *extra]) or None
    r = p.rules
    months = period.amount * (12 if period.unit == "years" else 1)
    if period.unit in ("months", "years"):
        end = periods.shift_months(act, months)
    else:  # a limitation in days: the day n days after the act (start not counted)
        end = act + dt.timedelta(days=period.amount)
    # the counting rules of periods.toml, each step under its rule's name there
    steps = (Step(r["start_excluded"].text, act, r["start_excluded"].basis.format(), "start_excluded"),
             Step(r[period.unit].text.format(n=period.amount), end, r[period.unit].basis.format(n=period.amount),
                  period.unit),  # text and basis from the same values: periods.SPECS allows either
             Step(r["not_moved"].text.format(basis=basis), end, r["not_moved"].basis.format(basis=basis), "not_moved"))
    msg = texts["limitation_message"].say(act=act, n=period.amount, unit=r.units[period.unit], end=end)
    return Limitation(period, basis, end, end, steps, False, (), None, note, msg)


# ---------------------------------------------------------------- assessment


@dataclass(frozen=True)
class Assessment:
    violation: Violation
    act_date: dt.date
    decision_date: dt.date
    party: str
    circumstances: tuple[str, ...]
    choice: Choice
    outcome: Outcome | None
    procedure: dict[str, Fact]
    procedure_basis: str
    limitation: Limitation
    regime: Regime
    general: tuple[GeneralFact, ...] = ()
    switches: tuple[Switch, ...] = ()
    names: dict = field(default_factory=dict, repr=False, compare=False)  # the catalogue's codes
    # what each procedural fact is where nothing is to be imposed (`procedure` is then empty)
    no_procedure: Fact | None = None


def assess(p: Penalties, vid: str, act: dt.date, decision: dt.date, party: str,
           circumstances: Sequence[str] = (), harm_to_life_health_finance: bool = False,
           provisional: bool = False) -> Assessment:
    """The band(s) that apply to one case, the version and why, and what follows procedurally."""
    v = p.get(vid)
    if party not in PARTIES:
        raise InvalidInput(f"未知的当事人类别：{party}（应为 {', '.join(PARTIES)}）", field="party")
    for code in circumstances:
        if code not in p.circumstances or code == "base":
            known = ", ".join(c.code for c in p.codes(v))
            raise InvalidInput(f"未知的情形代码：{code}（该违法行为可用：{known or '无'}；"
                               f"全部代码见 GET /v1/penalties/{v.id}）", field="circumstances")
    if decision < act:
        raise InvalidInput(f"决定日 {decision} 早于行为日 {act}", field="decision_date")
    choice = choose_version(p, v, act, decision, party, circumstances)
    regime = p.regimes[v.regime]
    out = choice.outcome
    facts: dict[str, Fact] = {}
    general: list[GeneralFact] = []
    if out is not None and out.punishable:
        general = general_facts(p.general_rules(v), choice.applied, decision, out, circumstances,
                                Severity.of(out).lightest, p.texts)
        facts["simplified"] = simplified_fact(regime, out, decision)
        facts["collection"] = collection_fact(regime, out, decision, facts["simplified"])
        facts["hearing"] = hearing_fact(regime, out, decision)
    why = p.texts["procedure_applies"].say(decision=decision, regime=regime.title)
    return Assessment(v, act, decision, party, tuple(c for c in p.circumstances if c in circumstances),
                      choice, out, facts, why,
                      limitation(p, regime, act, harm_to_life_health_finance, provisional), regime,
                      tuple(general), tuple(switches(p, v, act, decision, party, circumstances, choice)),
                      p.circumstances, None if facts else Fact("no", p.texts["procedure_none"].say(), None))


# ---------------------------------------------------------------- late payment


@dataclass(frozen=True)
class LateFee:
    fine: Decimal
    served: dt.date
    paid: dt.date
    due: periods.Due
    days_late: int
    surcharge: Decimal
    capped: bool
    total: Decimal
    steps: tuple[Step, ...]


def _exact(amount: Decimal) -> str:
    """The product before rounding to the fen, as a person would write it (19.9998, 1590)."""
    return format(amount.normalize(), "f")


def late_fee(p: Penalties, fine: Decimal, served: dt.date, paid: dt.date, provisional: bool = False,
             deferred_until: dt.date | None = None,
             not_counted: Sequence[periods.DateRange] = ()) -> LateFee:
    """加处罚款: pay within 15 days of service (rule 3: a due day on a rest day moves to the next
    working day); from the next day, 3% of the fine per day, in total never more than the fine.
    `deferred_until`: the day an approved deferral (or this instalment) is due (第六十六条第二款), which
    replaces the 15th day. `not_counted`: reconsideration or litigation periods, whose days add no
    surcharge (第七十三条第三款)."""
    r = p.late_fee
    fine = Decimal(fine)
    try:
        if not fine.is_finite() or fine <= 0 or fine != fine.quantize(FEN):
            raise InvalidInput("罚款应为正数，最多两位小数（分）", field="fine")
    except InvalidOperation:  # more digits than the decimal context holds: no real fine
        raise InvalidInput("罚款数额超出可计算的范围", field="fine") from None
    if served < r.first:
        raise InvalidInput(f"本服务收录的加处罚款规定自 {r.first} 起施行；送达日 {served} 早于此日", field="served")
    if paid < served:
        raise InvalidInput(f"缴纳日 {paid} 早于送达日 {served}", field="paid")
    for i, rng in enumerate(not_counted):
        if rng.end < rng.start:
            raise InvalidInput("结束日不能早于开始日", field=f"not_counted[{i}].end")
    if not_counted and r.pause_basis is None:
        raise InvalidInput("本服务收录的加处罚款规定没有不予计算期间的依据", field="not_counted")
    t = p.texts
    d = periods.due(served, r.pay_within, p.book, p.rules, provisional=provisional)
    steps = [t["late_fee_pay"].step(served, n=r.pay_within.amount, basis=r.pay_basis), *d.steps]
    due = d.due
    if deferred_until is not None:
        if r.deferral_basis is None:
            raise InvalidInput("本服务收录的加处罚款规定没有暂缓、分期缴纳的依据", field="deferred_until")
        if deferred_until < served:
            raise InvalidInput(f"暂缓（分期）缴纳期限 {deferred_until} 早于送达日 {served}", field="deferred_until")
        due = deferred_until
        steps.append(t["late_fee_deferred"].step(deferred_until, until=deferred_until, basis=r.deferral_basis))
    late = _late_days(due, paid, not_counted)
    for first, last, reason in late.skipped:
        steps.append(t["late_fee_paused"].step(last, first=first, last=last, reason=reason,
                                               days=(last - first).days + 1, basis=r.pause_basis))
    days = late.days
    exact = fine * r.daily_rate * days
    cap = (fine * r.cap_ratio).quantize(FEN, ROUND_HALF_UP)
    capped = exact > cap
    surcharge = cap if capped else exact.quantize(FEN, ROUND_HALF_UP)
    pct = (r.daily_rate * 100).normalize()
    if days == 0:
        code = "late_fee_on_time_paused" if late.skipped else "late_fee_on_time"
        steps.append(t[code].step(paid, paid=paid, due=due, basis=r.basis))
    else:
        rounded = "" if capped or exact == surcharge else t["late_fee_rounded"].say(surcharge=yuan(surcharge))
        less = t["late_fee_less_paused"].say() if late.skipped else ""
        steps.append(t["late_fee_daily"].step(paid, days=days, first=due + dt.timedelta(days=1), paid=paid, less=less,
                                              pct=pct, daily=_exact(fine * r.daily_rate), fine=yuan(fine),
                                              exact=_exact(exact), rounded=rounded, basis=r.basis))
    if capped:
        steps.append(t["late_fee_cap"].step(paid, cap=yuan(cap), basis=r.cap_basis))
    if deferred_until is not None:
        d = dataclasses.replace(d, due=due, range=None)  # the approved day is known, not provisional
    return LateFee(fine, served, paid, d, days, surcharge, capped, fine + surcharge, tuple(steps))


@dataclass(frozen=True)
class _Late:
    days: int
    skipped: tuple[tuple[dt.date, dt.date, str], ...]


def _late_days(due: dt.date, paid: dt.date, not_counted: Sequence[periods.DateRange]) -> _Late:
    """Days from the day after `due` to `paid`, both included, less those inside `not_counted`."""
    first, last = due + dt.timedelta(days=1), paid
    if last < first:
        return _Late(0, ())
    covered: set[int] = set()
    skipped = []
    for rng in sorted(not_counted, key=lambda x: x.start):
        a, b = max(rng.start, first), min(rng.end, last)
        if a > b:
            continue
        new = set(range(a.toordinal(), b.toordinal() + 1)) - covered
        covered |= new
        skipped.append((a, b, rng.reason))
    return _Late((last - first).days + 1 - len(covered), tuple(skipped))
