"""schedules/traffic/*.toml -> the traffic catalogue (calc/traffic/model.py), every value checked.

The format is documented in schedules/traffic/rules.toml's header and docs/traffic.md. A bad file
stops start-up naming the file, the key and the problem, as every area does (calc/nodes.py).
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from .. import texts as wording
from ..citations import Basis
from ..laws import attach
from ..effective import overlapping
from ..errors import ScheduleError
from ..nodes import BASIS, EFFECTIVE, Keys, Node, Source, digest
from ..periods import Period
from .model import (MEASURE_KINDS, MEASURES, Act, Band, Clause, Fine, Group, Limit, Measure, Named, Over, Party, Payment,
                    PointsRules, Route, Rules, Study, Test, Traffic, Vehicle, Version, When)
from .words import TEXTS

ID = re.compile(r"traffic\.[a-z0-9]+(?:-[a-z0-9]+)*")
CODE = re.compile(r"[a-z][a-z0-9_]*")
ROUTE_KINDS = ("speed", "passengers", "goods")

# The keys each table of a traffic/*.toml file may have (calc.schedules refuses any other).
_OVER = Keys("measure", "min", "below")
_WHEN = Keys("vehicles", "roads", "seats", "circumstances", over=_OVER)
_MEASURE = Keys("kind", "optional", "months", "min_days", "days", "years", "lifetime", "detail", basis=BASIS)
_BAND = Keys("text", "fine_text", "warning", "amount", "points", fine=Keys("min", "max"), when=_WHEN,
             measures=_MEASURE, basis=BASIS)
_VERSION = Keys("text", "note", effective=EFFECTIVE, basis=BASIS, bands=_BAND)
_NAMED = Keys("code", "title")
_LIMIT = Keys("max_fine", "text", basis=BASIS)
_STUDY = Keys("days", "step", "max", "onsite_or_online", "onsite", basis=BASIS)
_ONLY_BASIS = Keys(basis=BASIS)
_TEST = Keys("times", "points", basis=BASIS)
KEYS = Keys(
    act=Keys("id", "title", "party", "keywords", "national", "note", "measure", hebei=_VERSION, points=_VERSION),
    clause=Keys("id", "title", version=_VERSION),
    vehicle=_NAMED, road=_NAMED, circumstance=_NAMED, licence=_NAMED,
    party=Keys("code", "title", "collect_on_the_spot", "scored"),
    group=Keys("code", "title", "members", "undetermined", "why", basis=BASIS),
    on_the_spot=_LIMIT, hebei_scope=_LIMIT,
    payment=Keys("within", "daily_rate", "cap_ratio", basis=BASIS, collect_basis=BASIS, rate_basis=BASIS,
                 cap_basis=BASIS),
    version_choice=_ONLY_BASIS, withheld=_ONLY_BASIS, cycle_before=_ONLY_BASIS,
    points_rules=Keys("months", "full", "large", effective=EFFECTIVE, study=_STUDY, study_large=_STUDY,
                      reduction=Keys("max", basis=BASIS), reduction_kind=Keys("code", "points", basis=BASIS),
                      bar=Keys("code", "title", "acts", basis=BASIS), review=Keys("days", basis=BASIS, large_basis=BASIS),
                      review_fact=Keys("code", "title", basis=BASIS), road_test=_TEST, field_test=_TEST,
                      **{k: BASIS for k in ("cycle_basis", "full_basis", "exam_basis", "carry_basis")}),
    route=Keys("act", "kind", "roads", "vehicles", over=_OVER),
    texts=wording.KEYS,
)
# What a county's overlay may replace by its id (calc.schedules layers).
LAYERED = {"act": "id", "clause": "id", "vehicle": "code", "group": "code", "road": "code", "party": "code",
           "circumstance": "code", "licence": "code", "on_the_spot": None, "hebei_scope": None, "payment": None,
           "version_choice": None, "withheld": None, "cycle_before": None, "texts": "*"}
SINGLE = ("on_the_spot", "hebei_scope", "payment", "version_choice", "withheld", "cycle_before")


# ---------------------------------------------------------------- small values


def _strings(node: Node, key: str, known: dict | None = None, what: str = "") -> tuple[str, ...]:
    values = node.get(key, list, [])
    if not all(isinstance(v, str) and v.strip() for v in values):
        node.fail("应为非空字符串列表", key)
    if known is not None:
        for v in values:
            if v not in known:
                node.fail(f"未知的{what}：{v}（可用：{'、'.join(known)}）", key)
    if len(set(values)) != len(values):
        node.fail("列表中有重复", key)
    return tuple(values)


def _money(node: Node, key: str, default=...) -> Decimal | None:
    value = node.number(key, default)
    if value is None:
        return None
    amount = Decimal(str(value))
    if amount != amount.quantize(Decimal("0.01")):
        node.fail("金额最多两位小数", key)
    return amount


def _code(node: Node, key: str = "code") -> str:
    code = node.text(key)
    if not CODE.fullmatch(code):
        node.fail("代码应为小写字母、数字和下划线", key)
    return code


def _over(node: Node) -> Over:
    measure = node.text("measure", None)
    if measure is not None and measure not in MEASURES:
        node.fail(f"应为 {'、'.join(MEASURES)} 之一", "measure")
    low, below = node.number("min", None, maximum=10000), node.number("below", None, maximum=10000)
    if low is None and below is None:
        node.fail("min（以上，含本数）与 below（不足，不含本数）至少给出一个")
    if low is not None and below is not None and below <= low:
        node.fail(f"below ({below}) 应大于 min ({low})", "below")
    frac = (lambda v: None if v is None else Fraction(str(v)))
    return Over(measure or "", frac(low), frac(below))


# ---------------------------------------------------------------- bands and versions


class _Context:
    """What the items of one area are checked against while it loads."""

    def __init__(self, vehicles: set[str], roads: set[str], circumstances: set[str], parties: set[str]):
        self.vehicles, self.roads, self.circumstances, self.parties = vehicles, roads, circumstances, parties


def _when(node: Node | None, ctx: _Context, measure: str | None) -> When:
    if node is None:
        return When()
    vehicles = _strings(node, "vehicles", dict.fromkeys(ctx.vehicles), "车型或车型组")
    roads = _strings(node, "roads", dict.fromkeys(ctx.roads), "道路类型")
    circumstances = _strings(node, "circumstances", dict.fromkeys(ctx.circumstances), "情形")
    seats = node.get("seats", int, None)
    if seats is not None and seats < 1:
        node.fail("应为正整数", "seats")
    over = _over(node.child("over")) if node.has("over") else None
    if over is not None and not over.measure:
        if measure is None:
            node.child("over").fail("该行为没有 measure：超限幅度须写明 measure", "measure")
        over = Over(measure, over.min, over.below)
    return When(vehicles, roads, over, seats, circumstances)


def _measure(node: Node, inherit: Basis) -> Measure:
    kind = node.text("kind")
    if kind not in MEASURE_KINDS:
        node.fail(f"应为 {'、'.join(MEASURE_KINDS)} 之一", "kind")
    numbers = {k: node.get(k, int, None) for k in ("months", "min_days", "days", "years")}
    for k, n in numbers.items():
        if n is not None and n < 1:
            node.fail("应为正整数", k)
    lifetime = node.get("lifetime", bool, False)
    detail = node.text("detail", None)
    needs = {"licence_suspension": "months", "detention": "days"}
    if kind in needs and numbers[needs[kind]] is None:
        node.fail("缺少此项", needs[kind])
    if kind == "ban_years" and numbers["years"] is None and not lifetime:
        node.fail("应给出 years 或 lifetime = true", "years")
    if kind == "other" and detail is None:
        node.fail("其他措施须写明 detail", "detail")
    if numbers["min_days"] is not None and numbers["days"] is not None and numbers["min_days"] > numbers["days"]:
        node.fail("min_days 大于 days", "min_days")
    return Measure(kind, node.get("optional", bool, False), node.basis("basis", inherit, inherit=inherit),
                   numbers["months"], numbers["min_days"], numbers["days"], numbers["years"], lifetime, detail)


def _band(node: Node, part: str, inherit: Basis, ctx: _Context, measure: str | None) -> Band:
    basis = node.basis("basis", inherit, inherit=inherit)
    fine = None
    if node.has("fine"):
        f = node.child("fine")
        fine = Fine(_money(f, "min", 0), _money(f, "max"))
        if fine.max < fine.min:
            f.fail(f"max ({fine.max}) 小于 min ({fine.min})", "max")
    amount = _money(node, "amount", None)
    band = Band(_when(node.child("when", None), ctx, measure), basis, node.text("text", None), fine,
                node.text("fine_text", None), node.get("warning", bool, False), node.get("points", int, None),
                tuple(_measure(m, basis) for m in node.children("measures", required=False)))
    return _of_part(node, part, band, amount)


# What a band of each part states: a range (or a formula), Hebei's amount, or points.
_PART_KEYS = {"national": ("fine", "fine_text"), "hebei": ("amount",), "points": ("points",)}


def _of_part(node: Node, part: str, band: Band, amount: Decimal | None) -> Band:
    """The band checked for what its part may state (a national band no amount, a points band no fine)."""
    allowed = _PART_KEYS[part]
    for key in ("fine", "fine_text", "amount", "points"):
        if node.has(key) and key not in allowed:
            node.fail(f"{part} 的幅度不用此项（可用：{'、'.join(allowed)}）", key)
    if part == "hebei":
        if amount is None:
            node.fail("缺少此项", "amount")
        return Band(band.when, band.basis, band.text, Fine(amount, amount), None, band.warning, None, band.measures)
    if part == "points":
        if band.points is None or not 0 <= band.points <= 12:
            node.fail("应为 0 至 12 的整数", "points")
        if band.warning or band.measures:
            node.fail("记分的幅度只有分值", "warning" if band.warning else "measures")
    elif not (band.fine or band.fine_text or band.warning or band.measures):
        node.fail("该幅度没有任何处理措施")
    return band


def _version(node: Node, part: str, ctx: _Context, measure: str | None) -> Version:
    basis = node.basis()
    if node.has("effective"):
        first, until = node.effective()
    else:  # in force when the text it cites is (schedules/laws: the edition's `effective`)
        cite = basis.cites[0] if basis.cites else None
        edition = cite.law.edition(cite.edition) if cite else None
        if edition is None or edition.first is None:
            node.fail("缺少此项（所引文本在法律目录中没有施行日期）", "effective")
        first, until = edition.first, edition.until
    bands = tuple(_band(b, part, basis, ctx, measure) for b in node.children("bands"))
    if not bands:
        node.fail("至少要有一个幅度", "bands")
    return Version(first, until, basis, node.text("text", None), bands, node.text("note", None))


def _versions(node: Node, key: str, part: str, ctx: _Context, measure: str | None) -> tuple[Version, ...]:
    versions = tuple(sorted((_version(v, part, ctx, measure) for v in node.children(key, required=False)),
                            key=lambda v: v.first))
    if pair := overlapping(versions):
        node.fail(f"版本生效期间重叠：{pair[0].basis} 与 {pair[1].basis}", key)
    return versions


def _clause(node: Node, ctx: _Context) -> Clause:
    versions = _versions(node, "version", "national", ctx, None)
    if not versions:
        node.fail("至少要有一个版本", "version")
    return Clause(node.text("id"), node.text("title"), versions, node.digest)


def _act(node: Node, ctx: _Context, clauses: dict[str, Clause]) -> Act:
    aid = node.text("id")
    if not ID.fullmatch(aid):
        node.fail("编号应为 traffic. 加小写字母、数字和连字符（见 docs/traffic.md）", "id")
    party = node.text("party")
    if party not in ctx.parties:
        node.fail(f"未知的当事人：{party}（可用：{'、'.join(ctx.parties)}）", "party")
    measure = node.text("measure", None)
    if measure is not None and measure not in MEASURES:
        node.fail(f"应为 {'、'.join(MEASURES)} 之一", "measure")
    national = _strings(node, "national", clauses, "国家规定（clause）")
    act = Act(aid, node.text("title"), party, _strings(node, "keywords"), national,
              _versions(node, "hebei", "hebei", ctx, measure), _versions(node, "points", "points", ctx, measure),
              node.text("note", None), measure, node.digest)
    if not (act.national or act.hebei or act.points):
        node.fail("至少要有国家规定、河北省规定或记分之一", "national")
    return act


# ---------------------------------------------------------------- the rules


def _limit(node: Node) -> Limit:
    return Limit(_money(node, "max_fine"), node.basis(), node.text("text"))


def _payment(node: Node) -> Payment:
    days = node.get("within", int)
    if not 1 <= days <= 365:
        node.fail("应为 1 至 365 的整数（日）", "within")
    return Payment(Period(days, "days"), node.basis(), node.basis("collect_basis"),
                   Decimal(str(node.number("daily_rate", maximum=1))), node.basis("rate_basis"),
                   Decimal(str(node.number("cap_ratio", maximum=10))), node.basis("cap_basis"))


def _study(node: Node) -> Study:
    n = {k: node.get(k, int) for k in ("days", "step", "max", "onsite_or_online", "onsite")}
    if any(v < 0 for v in n.values()):
        node.fail("应为非负整数")
    if n["max"] < n["days"]:
        node.fail(f"max ({n['max']}) 小于 days ({n['days']})", "max")
    return Study(n["days"], n["step"], n["max"], n["onsite_or_online"], n["onsite"], node.basis())


def _test(node: Node) -> Test:
    times, points = node.get("times", int), node.get("points", int)
    if times < 1 or points < 1:
        node.fail("应为正整数")
    return Test(times, points, node.basis())


def _points_rules(node: Node, licences: dict, acts: dict) -> PointsRules:
    first, until = node.effective()
    reduction = node.child("reduction")
    review = node.child("review")
    kinds = {}
    for k in node.children("reduction_kind"):
        kinds[_code(k)] = (k.get("points", int), k.basis())
    bars = {}
    for b in node.children("bar"):
        bars[_code(b)] = (b.text("title"), b.basis(), frozenset(_strings(b, "acts", acts, "交通违法行为")))
    facts = {}
    for f in node.children("review_fact"):
        facts[_code(f)] = (f.text("title"), f.basis())
    return PointsRules(
        first, until, node.get("months", int), node.basis("cycle_basis"), node.get("full", int),
        node.basis("full_basis"), _study(node.child("study")), _study(node.child("study_large")),
        frozenset(_strings(node, "large", licences, "准驾车型")), node.basis("exam_basis"),
        _test(node.child("road_test")), _test(node.child("field_test")), node.basis("carry_basis"),
        reduction.get("max", int), reduction.basis(), kinds, bars, review.get("days", int), review.basis(),
        review.basis("large_basis"), facts)


# ---------------------------------------------------------------- the area


def _named(roots: list[Node], key: str, build=lambda n, code: Named(code, n.text("title"))) -> dict:
    out: dict = {}
    for root in roots:
        for n in root.children(key, required=False):
            code = _code(n)
            if code in out:
                n.fail(f"代码重复：{code}", "code")
            out[code] = build(n, code)
    return out


def _party(n: Node, code: str) -> Party:
    return Party(code, n.text("title"), n.get("collect_on_the_spot", bool, False), n.get("scored", bool, False))


def _groups(roots: list[Node], vehicles: dict[str, Vehicle]) -> dict[str, Group]:
    out: dict[str, Group] = {}
    for root in roots:
        for n in root.children("group", required=False):
            code = _code(n)
            if code in out or code in vehicles:
                n.fail(f"代码重复：{code}", "code")
            members = _strings(n, "members", vehicles, "车型")
            undetermined = _strings(n, "undetermined", vehicles, "车型")
            if set(members) & set(undetermined):
                n.fail("同一车型不能既属于该组又未定", "undetermined")
            out[code] = Group(code, n.text("title"), frozenset(members), frozenset(undetermined),
                              n.text("why", None), n.basis())
    return out


def _single(roots: list[Node], key: str, read):
    found = [r for r in roots if r.has(key)]
    if len(found) > 1:
        found[1].fail(f"[{key}] 只能定义一次", key)
    if not found:
        anchor = roots[0] if roots else Node(Source("traffic/", {}), "", {})
        anchor.fail(f"缺少 [{key}]", key)
    return read(found[0].child(key))


def _gather(roots: list[Node], key: str, build) -> dict:
    out, owners = {}, {}
    for root in roots:
        for n in root.children(key, required=False):
            with n.collecting():
                item = build(n)
                if item.id in out:
                    n.fail(f"编号重复：{item.id}（已见于 {owners[item.id]}）", "id")
                out[item.id], owners[item.id] = item, root.source.name
    return out


def _route(node: Node, acts: dict, roads: dict, vehicles: set) -> Route:
    kind = node.text("kind")
    if kind not in ROUTE_KINDS:
        node.fail(f"应为 {'、'.join(ROUTE_KINDS)} 之一", "kind")
    act = node.text("act")
    if act not in acts:
        node.fail(f"未知的交通违法行为：{act}", "act")
    over = _over(node.child("over")) if node.has("over") else None
    return Route(act, _strings(node, "roads", roads, "道路类型"),
                 _strings(node, "vehicles", dict.fromkeys(vehicles), "车型或车型组"), over, kind)


def load(sources: list[Source], base: dict) -> Traffic:
    """Every act, clause, class and rule under schedules/traffic/."""
    sources = attach(sources, base)
    roots = [Node(s, "", s.data) for s in sources]
    for root in roots:
        root.only(KEYS)
    try:  # the texts are checked once the items are, so that `calc check` names each bad item first
        said, wording_problem = wording.load(sources, TEXTS, home="traffic/texts.toml"), None
    except ScheduleError as err:
        said, wording_problem = {}, err
    vehicles = {v.code: v for v in (Vehicle(n.code, n.title) for n in _named(roots, "vehicle").values())}
    groups = _groups(roots, vehicles)
    roads, circumstances = _named(roots, "road"), _named(roots, "circumstance")
    parties, licences = _named(roots, "party", _party), _named(roots, "licence")
    ctx = _Context(set(vehicles) | set(groups), set(roads), set(circumstances), set(parties))
    clauses = _gather(roots, "clause", lambda n: _clause(n, ctx))
    acts = _gather(roots, "act", lambda n: _act(n, ctx, clauses))
    points = tuple(sorted((_points_rules(n, licences, acts) for r in roots for n in r.children("points_rules", required=False)),
                          key=lambda r: r.first))
    if overlapping(points):
        roots[0].fail("记分规则（points_rules）的生效期间重叠", "points_rules")
    rules = Rules(_single(roots, "on_the_spot", _limit), _single(roots, "hebei_scope", _limit),
                  _single(roots, "payment", _payment), _single(roots, "version_choice", lambda n: n.basis()),
                  _single(roots, "withheld", lambda n: n.basis()), points,
                  _single(roots, "cycle_before", lambda n: n.basis()))
    routes = tuple(_route(n, acts, roads, set(vehicles) | set(groups))
                   for r in roots for n in r.children("route", required=False))
    if wording_problem is not None:
        raise wording_problem
    return Traffic(acts, clauses, vehicles, groups, roads, parties, circumstances, licences, rules, routes, said,
                   base.get("calendar"), base.get("rules"),
                   digest([s.data for s in sources]))
