"""`calc penalty` (a violation's bands; with --act-date one case, printed by calc/cli/assessment.py),
`calc late-fee` (加处罚款) and `calc threshold` (立案追诉与限量标准): the same domain calls as
/v1/penalties… and /v1/thresholds…."""
from __future__ import annotations

from .. import penalties
from ..answers.clock import today
from ..answers.penalties import assessment_json, summary_json, violation_json
from ..errors import NotFound
from ..labels import IN_FORCE, THRESHOLD_MET
from .args import OK, BadArgument
from .assessment import fine_line, print_assessment
from .check import load
from .output import print_json, print_steps, refused


def _effective(first, until) -> str:
    return f"{first} 起施行" + (f"，至 {until}" if until else f"，{IN_FORCE}")


def _band(b, party: str | None, names) -> None:
    """A band for the party asked about; else once where both kinds of party get the same, or per party."""
    parties = [party] if party else list(penalties.PARTIES)
    if not party and (b.fines is None or len({b.fines[p] for p in parties}) == 1):
        parties = parties[:1]
    for p in parties:
        who = f"{penalties.PARTIES[p]}：" if len(parties) > 1 or party else ""
        print(f"    {names[b.when].text}（{b.when}）：{who}{fine_line(b, p)}")


def _describe(v, party: str | None, catalogue) -> None:
    names = catalogue.circumstances
    print(f"{v.title}（{v.id}）")
    print(f"执法主体：{v.authority}；清单：{v.seed}" + (f"；{v.section}" if v.section else ""))
    for act in v.acts:
        print(f"  {act}")
    for version in v.versions:
        _version(version, party, names)
    codes = catalogue.codes(v)
    if codes:
        print("情形代码（--circumstance）：" + "，".join(f"{c.code} {c.text}" for c in codes))


def _version(version, party: str | None, names) -> None:
    print(f"  {version.basis}（{_effective(version.first, version.until)}）")
    if not version.punishable and version.elsewhere:
        e = version.elsewhere
        print(f"    公安机关不予治安管理处罚；由{e.authority}依{e.basis}处罚：{e.text}")
    elif not version.punishable:
        print("    未规定该行为（不认为是违法的）")
    for b in version.bands:
        _band(b, party, names)
        if b.basis != version.basis:
            print(f"      依据：{b.basis}")
    for ag in version.aggravations:
        print(f"    {names[ag.code].text}（{ag.code}）：从重处罚（{ag.text}）依据：{ag.basis}")
    if version.caveat:
        print(f"    注：{version.caveat}")
    for b in version.beside:
        since = f"（{b.first} 起）" if b.first else ""
        print(f"    并列：{b.basis}{since}：{b.text}\n      {b.why}")


def _find(p: penalties.Penalties, wanted: str) -> list:
    """The violation an id names; else those the words name, as GET /v1/penalties?q= finds them
    (title, colloquial keywords, basis: 打架 finds 殴打他人 and 斗殴)."""
    return [p.violations[wanted]] if wanted in p.violations else p.search(wanted)


def _choices(wanted: str, found: list, as_json: bool) -> int:
    """Several violations match what was typed: their ids and titles, to ask again by id."""
    if as_json:  # the JSON GET /v1/penalties?q=… answers
        print_json({"items": [summary_json(v) for v in found]})
        return OK
    print(f"“{wanted}”对应 {len(found)} 项违法行为，请用编号（calc penalty 编号）：")
    width = max(len(v.id) for v in found)
    for v in found:
        print(f"  {v.id.ljust(width)}  {v.title}")
    return OK


def penalty(args) -> int:
    given = [name for name, value in (("--decision-date", args.decision_date), ("--circumstance", args.circumstance),
                                      ("--harm", args.harm), ("--provisional", args.provisional)) if value]
    if args.act_date is None and given:
        raise BadArgument("calc penalty", f"参数 {given[0]} 须与 --act-date 同用")
    s = load(args)
    found = _find(s.penalties, args.id)
    if not found:
        err = NotFound(f"没有编号为 {args.id} 的违法行为", field="id")  # calc.penalties.Penalties.get's words
        return refused(err, f"也没有标题、关键词或依据含“{args.id}”的违法行为；全部编号与名称：calc list penalties",
                       args.id, list(s.penalties.violations))
    if len(found) > 1:
        return _choices(args.id, found, args.json)
    v = found[0]
    if args.act_date is None:
        if args.json:  # the JSON GET /v1/penalties/{id} answers
            print_json(violation_json(v, s.penalties))
        else:
            _describe(v, args.party, s.penalties)
        return OK
    decision = args.decision_date
    if decision is None:  # the API's default: today in Beijing
        decision = today()
    party = args.party or "individual"  # the page's default, and the API's commonest case
    # --provisional is accepted as before and changes nothing: the limitation reads no calendar
    a = penalties.assess(s.penalties, v.id, args.act_date, decision, party, args.circumstance, args.harm)
    if args.json:  # the JSON POST /v1/penalties/{id}/assess answers
        print_json(assessment_json(a))
        return OK
    print_assessment(a, defaulted=args.decision_date is None)
    return OK


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
