"""What the penalty schedules say, as objects: an act (`Violation`), its texts over time (`Version`),
each text's bands (`Band`: the sanctions for one circumstance), the circumstance codes, and the
procedural rules of a regime (`Regime` of `Dated` rules) and of late payment (`LateFeeRule`).

Frozen and read-only: calc.penalties.loader builds them from schedules/penalties/*.toml and every
other module of the package only reads them. A basis is a `calc.citations.Basis`: what a version
rests on is asked of its references (`Version.cite`), never read back out of its text.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Literal, Sequence, get_args

from ..citations import Basis, Cite, join
from ..effective import Effective
from ..nodes import Fingerprint
from ..periods import Period
from ..texts import Text
from .money import yuan

PARTIES = {"individual": "个人", "organization": "单位"}
# The circumstance codes (情形) live in schedules/penalties/circumstances.toml (and in any file's
# [[circumstance]] tables): `Penalties.circumstances`.
Combination = Literal["and", "and_optional", "or"]
COMBINATIONS: dict[Combination, str] = {"and": "拘留并处罚款", "and_optional": "拘留，可以并处罚款", "or": "拘留或者罚款"}
LicenceAction = Literal["revoke", "withdraw"]
LICENCE_ACTIONS: dict[LicenceAction, str] = {"revoke": "吊销", "withdraw": "收缴"}
# What a version's `text` rests on where the law's own text is not at hand (tests/test_law_texts.py
# checks every other `text` against ../shared/laws): the answer says so, in the words of
# penalties/texts.toml `rests_on_<code>` (`Version.rests_on_text`).
RestsOn = Literal["county_list", "quotation"]
RESTS_ON: tuple[RestsOn, ...] = get_args(RestsOn)


@dataclass(frozen=True)
class Fine:
    """A fine range in yuan; a ceiling-only fine ("100元以下") has min 0."""

    min: Decimal
    max: Decimal

    def describe(self, say: dict[str, Text]) -> str:
        if self.min == 0:
            return say["fine_ceiling"].say(max=yuan(self.max))
        return say["fine_range"].say(min=yuan(self.min), max=yuan(self.max))


@dataclass(frozen=True)
class Licence:
    action: LicenceAction
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
    # 从重 that an act's own paragraph sets for it (2025 第八十四条第二款 组织者): chooses no band; a version
    # that names it (`Version.aggravations`) is applied 从重 within its band and says so, citing that paragraph
    aggravation: bool = False
    # (law, code): under that law's text this circumstance is that band's (2012: a victim of 60 to 69
    # is a vulnerable victim; under 2025 only from 70), elsewhere it selects no band. `law` is the
    # text as `Version.law` names it: "治安管理处罚法（2012）"
    counts_as: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Band:
    """One circumstance's sanctions, as the text states them."""

    when: str
    basis: Basis
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
    with_warning: bool = False  # a warning given together with the fine (警告，并处罚款: 居民身份证法 第十六条)
    discretionary: bool = False  # 可以处: the authority may impose nothing (2025 第二十八条第二款)
    measure: str | None = None  # what is done beside the PSB's penalty that is not one (强行带离现场; another
    # authority's measure: 由市场监管部门吊销营业执照)
    persons_fine: Fine | None = None  # 对直接负责的主管人员和其他直接责任人员 (印铸刻字业暂行管理规则 第七条第二款)
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # how its sanctions are worded

    def fine(self, party: str) -> Fine | None:
        return None if self.fines is None else self.fines[party]

    @property
    def detention(self) -> tuple[int, int] | None:
        """(min, max) days of 行政拘留; min 1 where the text gives only a ceiling."""
        return (self.detention_min or 1, self.detention_max) if self.detention_max else None

    @property
    def mode(self) -> Combination | None:
        """How detention and the fine combine: the data's `combination`; an old file's
        `fine_optional` beside detention is 可以并处 (and_optional), neither is 并处 (and)."""
        if not (self.detention_max and self.fines is not None):
            return None
        return self.combination or ("and_optional" if self.fine_optional else "and")

    @property
    def imposes(self) -> bool:
        """Whether the band imposes anything at all (a band without any measure is a bad file)."""
        return bool(self.confiscate or self.detention_max or self.fines is not None or self.warning
                    or self.order_to_correct or self.licence or self.suspension or self.criminal or self.measure)

    def describe_detention(self) -> str:
        lo, hi = self.detention
        say = self.texts
        return say["detention_range"].say(min=lo, max=hi) if lo > 1 else say["detention_ceiling"].say(max=hi)

    def sanctions(self, party: str) -> list[str]:
        """What the band imposes, as a decision would list it (the words: penalties/texts.toml):
        what is confiscated, the penalty proper, then the measures beside it."""
        out = [x for x in (self.confiscate, self.measure) if x]
        fine = self.fine(party)
        penalty = self._with_detention(fine) if self.detention_max else self._without_detention(fine)
        if self.discretionary and penalty:  # 可以处: one decision, which may also be to impose nothing
            penalty = [self.texts["sanction_discretionary"].say(sanction="，".join(penalty))]
        out += penalty
        if self.persons_fine is not None:
            out.append(self.texts["sanction_persons_fine"].say(fine=self.persons_fine.describe(self.texts)))
        out += [x for x in (self.order_to_correct, self.licence and self.licence.describe(), self.suspension) if x]
        if self.criminal:
            out.append(self.texts["sanction_criminal"].say())
        return out

    def _with_detention(self, fine: Fine | None) -> list[str]:
        """Detention and the fine as the text joins them (`mode`): 或者, 并处, 可以并处; or detention
        alone (or a warning instead)."""
        say, det = self.texts, self.describe_detention()
        if fine is None:
            return [say["sanction_detention_or_warning"].say(detention=det) if self.warning else det]
        if self.mode == "or":
            code = "sanction_detention_or_fine_or_warning" if self.warning else "sanction_detention_or_fine"
            return [say[code].say(detention=det, fine=fine.describe(say))]
        if self.mode == "and":
            return [say["sanction_detention_and_fine"].say(detention=det, fine=fine.describe(say))]
        return [det, say["sanction_may_add_fine"].say(fine=fine.describe(say))]

    def _without_detention(self, fine: Fine | None) -> list[str]:
        """A fine (警告或者罚款, 警告并处罚款, 可以并处罚款, or the fine itself), or a warning alone."""
        say = self.texts
        if fine is not None and self.warning:
            return [say["sanction_warning_or_fine"].say(fine=fine.describe(say))]
        if fine is not None and self.with_warning:
            return [say["sanction_warning_and_fine"].say(fine=fine.describe(say))]
        if fine is not None:
            return [say["sanction_may_add_fine"].say(fine=fine.describe(say)) if self.fine_optional
                    else fine.describe(say)]
        return [say["sanction_warning"].say()] if self.warning else []


@dataclass(frozen=True)
class Aggravation:
    """从重处罚 set by a paragraph of the act's own article for a circumstance (2025 第八十四条第二款:
    "聚众、组织吸食、注射毒品的，对首要分子、组织者依照前款的规定从重处罚"): no band of its own, the
    applied band is used 从重; `text` quotes the paragraph, `basis` cites it."""

    code: str
    basis: Basis
    text: str


@dataclass(frozen=True)
class Elsewhere:
    """Where a text that gives the PSB no penalty for the act leaves it to another authority under
    another text (传销 before 2026: 禁止传销条例 第二十四条, 工商行政管理部门): not "不认为是违法的"."""

    authority: str
    basis: Basis
    text: str


@dataclass(frozen=True)
class BesideRule(Effective):
    """Another provision on the same act, shown beside a version (Hebei's rental regulation beside
    治安管理处罚法 第六十八条; 2025 第六十九条 beside the county list's seal items): its text, which of
    the two applies and why (`why`), and the violation that encodes it, if any; in force from `first`."""

    basis: Basis = None
    text: str = ""
    why: str = ""
    violation: str | None = None


@dataclass(frozen=True)
class Version(Effective):
    basis: Basis
    text: str
    bands: tuple[Band, ...]
    rests_on: RestsOn | None = None  # RESTS_ON: the law's text was not at hand
    punishable: bool = True  # False: this text did not punish the act (不认为是违法的)
    texts: dict[str, Text] = field(default_factory=dict, repr=False, compare=False)  # what its outcomes say
    aggravations: tuple[Aggravation, ...] = ()  # 从重 its own paragraphs set (首要分子、组织者 ...)
    elsewhere: Elsewhere | None = None  # punishable = false: punished by another authority under another text
    # the procedure regime of a penalty under this text where it is not the violation's: a penalty under
    # 居民身份证法 第十六条 is not given "依照本法" (治安管理处罚法 2012 第二条、第三条), so its procedure and
    # limitation are 行政处罚法's ("administrative")
    regime: str | None = None
    caveat: str | None = None  # what about this text is not verified (a revision's date in force), said in every answer
    beside: tuple[BesideRule, ...] = ()

    def band(self, when: str) -> Band | None:
        return next((b for b in self.bands if b.when == when), None)

    def aggravation(self, code: str) -> Aggravation | None:
        return next((a for a in self.aggravations if a.code == code), None)

    def beside_on(self, day: dt.date) -> tuple[BesideRule, ...]:
        """The provisions beside this text that are in force on `day` (the act date)."""
        return tuple(b for b in self.beside if b.in_force(day))

    @property
    def rests_on_text(self) -> str | None:
        """What the quoted text rests on, in words (None: the law's own text)."""
        return self.texts[f"rests_on_{self.rests_on}"].say() if self.rests_on else None

    @property
    def cite(self) -> Cite | None:
        """The reference the version rests on first, which names its law and edition (None: a
        basis of words only, a county's remark, which cites no law)."""
        cites = self.basis.cites
        return cites[0] if cites else None

    @property
    def law(self) -> str | None:
        """The law and its edition as the v1 answers write them: "治安管理处罚法（2025）"."""
        return self.cite.cited_as if self.cite else None


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
    digest: "str | Fingerprint" = ""  # of the violation's table in its schedule file (answers' rule_versions)
    # the kinds of case a procedural rule may name (程序规定 第三十七条第二款: 卖淫、嫖娼、赌博、毒品)
    case_kinds: tuple[str, ...] = ()

    def version_on(self, day: dt.date) -> Version | None:
        return next((v for v in self.versions if v.in_force(day)), None)

    def regime_of(self, version: Version | None) -> str:
        """The procedure regime of a penalty under `version`: its own, else the violation's."""
        return (version.regime if version is not None else None) or self.regime

    @functools.cached_property
    def basis(self) -> Basis:
        """Every version's basis, joined with "；" (the v1 text), their references with them; a
        reference that several versions share is named once (the seal items' three versions all
        rest on 河北省印章刻制治安管理办法)."""
        seen: list = []
        bases = []
        for v in self.versions:
            new = [p for p in v.basis.parts if p not in seen]
            seen += new
            if new:
                bases.append(v.basis if len(new) == len(v.basis.parts) else Basis(new))
        return join(*bases)

    @functools.cached_property
    def haystack(self) -> str:
        """Everything a keyword may hit, lowercased once (search runs over the whole catalogue)."""
        hay = [self.id, self.title, self.authority, self.section, *self.keywords, *self.acts,
               *(v.basis for v in self.versions), *(v.text for v in self.versions)]
        return "\n".join(hay).lower()

    @functools.cached_property
    def headline(self) -> str:
        return "\n".join([self.id, self.title, *self.keywords]).lower()

    def codes(self) -> list[str]:
        """The band circumstance codes any version of this act names, then the codes its own
        paragraphs aggravate (从重), in the order first seen."""
        seen: dict[str, None] = {}
        for v in self.versions:
            for b in v.bands:
                if b.when != "base":
                    seen.setdefault(b.when)
        for v in self.versions:
            for a in v.aggravations:
                seen.setdefault(a.code)
        return list(seen)

    def cites(self, law: str, article: int) -> bool:
        return (law, article) in self.citations

    @functools.cached_property
    def citations(self) -> frozenset[tuple[str, int]]:
        """Every (law as cited, article) a version or band of this act cites ("治安管理处罚法（2025）",
        51): the references' own numbers, gathered once."""
        return frozenset((c.cited_as, c.article) for basis in self.bases() for c in basis.cites
                         if c.article is not None)

    def bases(self) -> Iterable[Basis]:
        for v in self.versions:
            yield v.basis
            for b in v.bands:
                yield b.basis
            for a in v.aggravations:
                yield a.basis


# ---------------------------------------------------------------- procedure


@dataclass(frozen=True)
class Beside:
    """Another rule's limit for the same decision (程序规定 beside 行政处罚法) and why it does not decide."""

    basis: str
    max_fine: dict[str, Decimal]
    why: str


@dataclass(frozen=True)
class Exclusion:
    """Kinds of case a rule takes out of the on-the-spot procedure (程序规定 第三十七条第二款: "涉及卖淫、
    嫖娼、赌博、毒品的案件，不适用当场处罚"), as the rule names them; `Violation.case_kinds` says which
    kinds a violation is."""

    kinds: tuple[str, ...]
    basis: str
    note: str | None = None


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
    beside: Beside | None = None  # a lower rule's limit shown beside this one, and why this one prevails
    # collection: only a fine decided on the spot may be collected (行政处罚法 第六十八条 "依照本法第五十一条的
    # 规定当场作出行政处罚决定"); without it any fine (治安管理处罚法 2012 第一百零四条, 2025 第一百二十三条)
    after_simplified: bool = False
    excludes: Exclusion | None = None  # simplified: kinds of case not decided on the spot


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
class LateFeeRule(Effective):
    """加处罚款 (行政处罚法 第七十二条), in force from `first` until `until` (open: None)."""

    basis: str
    pay_within: Period
    pay_basis: str
    daily_rate: Decimal
    cap_ratio: Decimal
    cap_basis: str
    pause_basis: str | None = None  # reconsideration or litigation time is not counted
    deferral_basis: str | None = None  # deferred or instalment payment approved on application
