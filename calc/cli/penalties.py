"""`calc penalty` (a violation's bands; with --act-date one case), `calc late-fee` (加处罚款) and
`calc threshold` (立案追诉与限量标准): the same domain calls as /v1/penalties… and /v1/thresholds…."""
from __future__ import annotations

from .. import penalties
from ..answers.clock import today
from ..answers.penalties import assessment_json, violation_json
from ..errors import NotFound
from ..labels import CHOICE_RULES, FACT_STATUS, FACT_TITLES, GENERAL_STATUS, THRESHOLD_MET
from .args import OK, BadArgument
from .check import load
from .output import print_json, print_steps, refused


def _effective(first, until) -> str:
    return f"{first} 起施行" + (f"，至 {until}" if until else "，现行有效")


def _fine_line(band, party: str) -> str:
    fine = band.fine(party)
    parts = ["；".join(band.sanctions(party)) or "（无处罚）"]
    if fine is not None:
        parts.append(f"罚款 {penalties.yuan(fine.min)} 至 {penalties.yuan(fine.max)} 元")
    if band.warning:
        parts.append("可以警告")
    return "；".join(parts)


def _describe(v, party: str | None, catalogue) -> None:
    names = catalogue.circumstances
    print(f"{v.title}（{v.id}）")
    print(f"执法主体：{v.authority}；清单：{v.seed}" + (f"；{v.section}" if v.section else ""))
    for act in v.acts:
        print(f"  {act}")
    for version in v.versions:
        print(f"  {version.basis}（{_effective(version.first, version.until)}）")
        if not version.punishable:
            print("    未规定该行为（不认为是违法的）")
        for b in version.bands:
            parties = [party] if party else list(penalties.PARTIES)
            if not party and (b.fines is None or len({b.fines[p] for p in parties}) == 1):
                parties = parties[:1]
            for p in parties:
                who = f"{penalties.PARTIES[p]}：" if len(parties) > 1 or party else ""
                print(f"    {names[b.when].text}（{b.when}）：{who}{_fine_line(b, p)}")
            if b.basis != version.basis:
                print(f"      依据：{b.basis}")
    codes = catalogue.codes(v)
    if codes:
        print("情形代码（--circumstance）：" + "，".join(f"{c.code} {c.text}" for c in codes))


def penalty(args) -> int:
    given = [name for name, value in (("--decision-date", args.decision_date), ("--circumstance", args.circumstance),
                                      ("--harm", args.harm), ("--provisional", args.provisional)) if value]
    if args.act_date is None and given:
        raise BadArgument("calc penalty", f"参数 {given[0]} 须与 --act-date 同用")
    if args.act_date is not None and args.party is None:
        raise BadArgument("calc penalty", "缺少参数 --party（individual 个人 或 organization 单位）")
    s = load(args)
    try:
        v = s.penalties.get(args.id)
    except NotFound as err:
        known = list(s.penalties.violations)
        return refused(err, "可用的编号：" + "、".join(known), args.id, known)
    if args.act_date is None:
        if args.json:  # the JSON GET /v1/penalties/{id} answers
            print_json(violation_json(v, s.penalties))
        else:
            _describe(v, args.party, s.penalties)
        return OK
    decision = args.decision_date
    if decision is None:  # the API's default: today in Beijing
        decision = today()
    a = penalties.assess(s.penalties, v.id, args.act_date, decision, args.party, args.circumstance,
                         args.harm, args.provisional)
    if args.json:  # the JSON POST /v1/penalties/{id}/assess answers
        print_json(assessment_json(a))
        return OK
    _assessment(a, defaulted=args.decision_date is None)
    return OK


def _assessment(a, defaulted: bool) -> None:
    c, lim = a.choice, a.limitation
    names = a.names
    circumstances = "、".join(names[x].text for x in a.circumstances) or names["base"].text
    print(f"{a.violation.title}（{a.violation.id}）")
    print(f"行为日 {a.act_date}，决定日 {a.decision_date}" + ("（未指定，按今日）" if defaulted else "")
          + f"；{penalties.PARTIES[a.party]}；{circumstances}")
    applied = c.applied.basis if c.applied else "无（不再处罚）"
    print(f"适用：{applied}（{CHOICE_RULES.get(c.rule, c.rule)}）")
    print(f"  理由：{c.reason}\n  依据：{c.basis}")
    for sw in a.switches:
        print(f"  另：{sw.message}")
    if c.applied is not None and c.applied.rests_on:
        print(f"  文本来源：{c.applied.rests_on_text}")
    if a.outcome is not None:
        print("幅度：")
        for b in a.outcome.bands:
            print(f"  {names[b.when].text if b.when in names else b.when}（{b.when}）：{_fine_line(b, a.party)}")
            print(f"    依据：{b.basis}")
        for note in a.outcome.notes:
            print(f"  注：{note}")
    print(f"程序：{a.procedure_basis}")
    for key, label in FACT_TITLES.items():
        fact = a.procedure.get(key)
        if fact is None:
            continue
        print(f"  {label}：{FACT_STATUS.get(fact.status, fact.status)}。{fact.explanation}"
              + (f"（依据：{fact.basis}）" if fact.basis else ""))
        if fact.note:
            print(f"    {fact.note}")
    if a.general:
        print("总则：")
    for g in a.general:
        print(f"  {g.title}：{GENERAL_STATUS.get(g.status, g.status)}。{g.explanation}（依据：{g.basis}）")
    print(f"追究时效：{lim.message}")
    if lim.expires is not None:
        print(f"  届满：{lim.expires}" + (f"（未顺延的对应日 {lim.plain_end}）" if lim.plain_end != lim.expires else "")
              + ("（推定）" if lim.provisional else "") + (f"；依据：{lim.basis}" if lim.basis else ""))
    if lim.note:
        print(f"  {lim.note}")


def late_fee(args) -> int:
    """加处罚款: the same calc.penalties.late_fee as POST /v1/penalties/late-fee."""
    from ..answers.penalties import late_fee_json

    s = load(args)
    p = s.penalties
    f = penalties.late_fee(p, args.fine, args.served, args.paid, args.provisional)
    if args.json:  # the JSON POST /v1/penalties/late-fee answers
        print_json(late_fee_json(f, p.late_fee.daily_rate))
        return OK
    print(f"罚款 {penalties.yuan(f.fine)} 元；送达 {f.served}，缴纳 {f.paid}")
    print(f"缴纳期限届满：{f.due.due}" + ("（推定）" if f.due.provisional else ""))
    if f.days_late:
        print(f"逾期 {f.days_late} 日，加处罚款 {penalties.yuan(f.surcharge)} 元" + ("（以罚款数额为限）" if f.capped else ""))
    else:
        print("未逾期，不加处罚款")
    print(f"合计应缴：{penalties.yuan(f.total)} 元")
    print_steps(f.steps)
    return OK


def _number(kind: str, text: str):
    """A fact's value as a number where it reads as one; else the text, which the domain refuses."""
    try:
        return int(text) if kind == "integer" else float(text)
    except ValueError:
        return text


def _facts(t, given: list[tuple[str, str]]) -> dict:
    kinds = {f.name: f.kind for f in t.facts}
    return {name: value if kinds.get(name, "choice") == "choice" else _number(kinds[name], value)
            for name, value in given}


def threshold(args) -> int:
    """立案追诉与限量标准: without facts its tests; with --fact, which department takes the case."""
    from .. import thresholds as thr
    from ..answers.penalties import answer_json, threshold_json

    s = load(args)
    try:
        t = s.penalties.threshold(args.id)
    except NotFound as err:
        known = list(s.penalties.thresholds)
        return refused(err, "可用的编号：" + "、".join(known), args.id, known)
    if not args.fact:
        if args.json:  # the JSON GET /v1/thresholds/{id} answers
            print_json(threshold_json(t))
            return OK
        print(f"{t.title}（{t.id}）\n依据：{t.basis}；清单：{t.seed}")
        print("事实（以 --fact 名=值 给出）：")
        for f in t.facts:
            choices = "，".join(f"{k} {v}" for k, v in (f.choices or {}).items())
            print(f"  {f.name}  {f.title}" + (f"（{f.unit}）" if f.unit else "") + ("" if f.required else "，可不填")
                  + (f"：{choices}" if choices else ""))
        if t.note:
            print(f"注：{t.note}")
        return OK
    a = thr.assess_threshold(t, _facts(t, args.fact))
    if args.json:  # the JSON POST /v1/thresholds/{id}/assess answers
        print_json(answer_json(a))
        return OK
    print(f"{t.title}：{THRESHOLD_MET[a.met]}")
    for r in a.tests:
        print(f"  {r.explanation}\n    依据：{r.test.basis}")
    for o in a.referrals:
        print(f"处理：{o.authority}：{o.action}\n  依据：{o.basis}")
    return OK
