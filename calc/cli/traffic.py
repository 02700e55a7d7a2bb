"""`calc traffic`: road traffic as /v1/traffic/… answers it — an act found by what people type (闯红灯,
酒驾) or by its id, described or, with --act-date, assessed; `speeding` by the numbers; `points`, the
points cycle; `codes`, the codes the options take. `--json` prints the API's answer for the same
question (calc/answers/traffic.py); a refusal names the argument (exit 2).
"""
from __future__ import annotations

from ..answers.clock import today
from ..answers.traffic import act_json, assessment_json, codes_json, measured_json, points_json, search_json
from ..errors import InvalidInput, NotFound
from ..labels import TRAFFIC_ENTRY, TRAFFIC_EXAMS, TRAFFIC_FINE_SOURCE, TRAFFIC_REVIEW
from ..traffic import assess as dom, catalogue, measured, points
from ..traffic.model import Act, Traffic
from ..traffic.payment import PaymentFacts
from ..traffic.words import NOT_ENCODED, cited_parts, fine_words, measure_words, sanctions, when_words, yuan
from .args import OK, BadArgument
from .check import load
from .output import invalid, print_json, refused

# The request's fields (the API's) as each command's arguments, for a refusal that names what was typed.
ACT = {"act_date": "--act-date", "decision_date": "--decision-date", "vehicle": "--vehicle",
       "road": "--road", "circumstances": "--circumstance", "over_percent": "--over-percent",
       "total_over_percent": "--total-over-percent", "seats": "--seats", "served": "--served", "paid": "--paid",
       "fine": "--fine"}
SPEEDING = ACT | {"limit": "--limit", "measured": "--measured"}
POINTS = {"first_licence": "--first-licence", "on": "--on", "vehicle": "--licence", "entries": "--entry",
          "previous_full": "--previous-full", "reductions": "--reduction", "bars": "--bar",
          "review_facts": "--review-fact"}


def _pay(args) -> PaymentFacts | None:
    if args.served is None and args.paid is None and args.fine is None:
        return None
    return PaymentFacts(args.served, args.paid, args.fine)


def _refusing(command: str, arguments: dict, call):
    """The domain's answer, or its refusal as a bad argument of this command (exit 2)."""
    try:
        return call()
    except InvalidInput as err:
        raise invalid(command, err, arguments) from None


# ---------------------------------------------------------------- an act: found, described, assessed

def act(args) -> int:
    given = [name for name, value in (("--decision-date", args.decision_date), ("--vehicle", args.vehicle),
                                      ("--road", args.road), ("--circumstance", args.circumstance),
                                      ("--over-percent", args.over_percent), ("--seats", args.seats),
                                      ("--served", args.served), ("--fine", args.fine)) if value]
    if args.act_date is None and given:
        raise BadArgument("calc traffic", f"参数 {given[0]} 须与 --act-date 同用")
    t = load(args).traffic
    wanted = " ".join(args.words)
    titled = [x for x in t.acts.values() if x.title == wanted]  # a title typed out names its act
    found = [t.acts[wanted]] if wanted in t.acts else titled if len(titled) == 1 else catalogue.search(t, wanted)
    if not found:
        err = NotFound(f"没有编号为 {wanted} 的交通违法行为", field="id")  # Traffic.get's words
        return refused(err, f"也没有说法、标题或原文含“{wanted}”的交通违法行为；换一个说法，如 闯红灯、酒驾、超速")
    if len(found) > 1:
        return _choices(t, wanted, found, args.json)
    if args.act_date is None:
        if args.json:  # GET /v1/traffic/violations/{id}
            print_json(act_json(t, found[0]))
        else:
            describe(t, found[0])
        return OK
    a = _refusing("traffic", ACT, lambda: _assess(t, found[0], args))
    if args.json:  # POST /v1/traffic/violations/{id}/assess
        print_json(assessment_json(t, a))
    else:
        print_assessment(t, a, defaulted=args.decision_date is None)
    return OK


def _assess(t: Traffic, found: Act, args):
    facts = dom.facts_for(t, found.id, args.vehicle, args.road, args.circumstance, args.over_percent,
                          args.total_over_percent, args.seats)
    return dom.assess(t, found.id, args.act_date, args.decision_date or today(), facts, pay=_pay(args),
                      provisional=args.provisional)


def _choices(t: Traffic, wanted: str, found: list[Act], as_json: bool) -> int:
    """Several acts match: their ids and titles by who commits them, to ask again by id."""
    if as_json:  # GET /v1/traffic/violations?q=…
        print_json(search_json(t, wanted, None, None))
        return OK
    print(f"“{wanted}”对应 {len(found)} 项交通违法行为，请用编号（calc traffic 编号）：")
    width = max(len(a.id) for a in found)
    for a in found:
        print(f"  {a.id.ljust(width)}  {a.title}（{t.parties[a.party].title}）")
    return OK


def _versions(t: Traffic, versions, label: str) -> None:
    for v in versions:
        until = f"，至 {v.until}" if v.until else ""
        print(f"  {v.basis}（{v.first} 起施行{until}）{label}")
        for b in v.bands:
            print(f"    {when_words(t.texts, t, b.when, len(v.bands) == 1)}：{sanctions(t.texts, b) or '—'}")
            if b.basis != v.basis:
                print(f"      依据：{b.basis}")
        if v.note:
            print(f"    注：{v.note}")


def describe(t: Traffic, a: Act) -> None:
    """What each text says of the act: the national range, Hebei's amount, the points."""
    print(f"{a.title}（{a.id}）\n当事人：{t.parties[a.party].title}" + (f"；俗称：{'、'.join(a.keywords)}" if a.keywords else ""))
    for cid in a.national:
        _versions(t, t.clauses[cid].versions, "")
    _versions(t, a.hebei, "（河北省具体标准）")
    _versions(t, a.points, "（记分）")
    if a.note:
        print(f"注：{a.note}")
    print("测算本案：calc traffic " + a.id + " --act-date 日期 [--vehicle 车型 --road 道路]（代码：calc traffic codes）")


def _header(t: Traffic, a, defaulted: bool) -> None:
    f = a.facts
    facts = [x for x in (t.vehicles[f.vehicle].title if f.vehicle else None, t.roads[f.road].title if f.road else None,
                         *(t.circumstances[c].title for c in sorted(f.circumstances))) if x]
    print(f"{a.act.title}（{a.act.id}）")
    print(f"行为日 {a.act_date}，决定日 {a.decision_date}" + ("（未指定，按今日）" if defaulted else "")
          + ("；" + "；".join(facts) if facts else ""))


def _paying(pay) -> None:
    """The last day to pay and the surcharge, where --served (and --paid) were given."""
    if pay.due is not None:
        print(f"缴纳期限最后一日：{pay.due.due}" + ("（推定）" if pay.due.provisional else ""))
    if pay.late is not None:
        print(f"逾期 {pay.late.days} 日，加处罚款 {yuan(pay.late.surcharge)} 元"
              + ("（以罚款数额为限）" if pay.late.capped else "") + f"，合计 {yuan(pay.late.total)} 元")


def print_assessment(t: Traffic, a, defaulted: bool, steps=()) -> None:
    """One case: the fine and where it comes from, the points, the measures, on the spot, paying,
    the notes, each part with its citation as a decision states it, and the steps."""
    _header(t, a, defaulted)
    fined = a.fine is not None or a.fine_text or a.warning
    source = TRAFFIC_FINE_SOURCE["hebei" if a.hebei_applies else "national"]
    print(f"罚款：{fine_words(t.texts, a)}（{source}）" if fined else "罚款：无")
    print("记分：" + ("行为日施行的记分规定未收录" if a.points is None else f"{a.points}分" if a.points else "不记分"))
    print("措施：" + ("；".join(measure_words(t.texts, m) for m in a.measures) or "无"))
    print(f"当场处罚：{a.on_the_spot.explanation}")
    _paying(a.payment)
    for note in a.notes:
        print(f"注：{note}")
    print("决定书引用的依据：")
    for words, basis in cited_parts(t, a):
        print(f"  {words}（依据{basis.citation}）")
    print("计算步骤：")
    _steps([*steps, *a.steps])


def _steps(steps) -> None:
    """The steps, as output.print_steps prints them, without an empty 依据 (a step that only says
    what was measured or counted cites nothing)."""
    for st in steps:
        print(f"  {st.date.isoformat()}  {st.rule}" + (f"\n              依据：{st.basis}" if st.basis else ""))


# ---------------------------------------------------------------- speeding, the points cycle, the codes

def speeding(args) -> int:
    """超速: the same calc.traffic.measured.speeding as POST /v1/traffic/speeding."""
    t = load(args).traffic
    m = _refusing("traffic speeding", SPEEDING, lambda: measured.speeding(
        t, args.act_date, args.decision_date or today(), args.vehicle, args.road, args.limit, args.measured,
        args.circumstance, _pay(args), args.provisional))
    if args.json:
        print_json(measured_json(t, m))
        return OK
    print(f"超过规定时速 {measured.shown(m.percent)}%：属 {m.act}")
    print_assessment(t, m.assessment, args.decision_date is None, m.steps)
    return OK


def points_cycle(args) -> int:
    """记分周期: the same calc.traffic.points.points_cycle as POST /v1/traffic/points."""
    t = load(args).traffic
    entries = [points.Entry(day, n, act_id, unpaid=unpaid) for day, n, act_id, unpaid in args.entry]
    reductions = [points.Reduction(day, kind) for day, kind in args.reduction]
    p = _refusing("traffic points", POINTS, lambda: points.points_cycle(
        t, args.first_licence, args.on or today(), args.licence, entries, args.previous_full, reductions,
        args.bar, args.review_fact, args.provisional))
    if args.json:
        print_json(points_json(t, p))
        return OK
    print(f"记分周期：{p.start} 至 {p.end}（初次领证 {p.first_licence}，查询日 {p.on}）")
    print(f"累积记分：{p.total}分" + (f"，{p.full_on} 满12分" if p.full_on else "") + (f"；已扣减 {p.reduced} 分" if p.reduced else ""))
    if p.study is not None:
        print(f"满分学习：{p.study.days}天（本周期第{p.study.times}次满分）；依据：{p.study.basis}")
    if p.exams:
        print("考试：" + "；".join(TRAFFIC_EXAMS[e] for e in p.exams))
    r = p.review
    print(f"审验：{TRAFFIC_REVIEW[r.required]}" + (f"，最迟 {r.due.due}" + ("（推定）" if r.due.provisional else "")
                                                 if r.due else "") + f"（{r.why}）")
    for c in p.entries:
        what = f" {t.acts[c.entry.violation].title}" if c.entry.violation else ""
        print(f"  {c.entry.date}  {c.points}分{what}：{TRAFFIC_ENTRY[c.status]}")
    for note in p.notes:
        print(f"注：{note}")
    print("计算步骤：")
    _steps(p.steps)
    return OK


def codes(args) -> int:
    """The codes the options take (GET /v1/traffic/codes), and what no text here says."""
    t = load(args).traffic
    if args.json:
        print_json(codes_json(t))
        return OK
    for title, table in (("车型（--vehicle）", t.vehicles), ("道路类型（--road）", t.roads),
                         ("情形（--circumstance）", t.circumstances), ("准驾车型（points --licence）", t.licences)):
        print(title + "：")
        for code, item in table.items():
            print(f"  {code}  {item.title}")
    print("本系统没有收录：")
    for code in NOT_ENCODED:
        print(f"  {t.texts[code].say()}")
    return OK
