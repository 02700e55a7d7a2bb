"""罚款幅度查询: search violations, see each version's bands with basis, assess one case.

Calls `Penalties.search`, `Penalties.get` and `calc.penalties.assess` as /v1/penalties does."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask import render_template, request

from .. import penalties as dom
from .. import periods
from ..app_state import current, today
from ..errors import DomainError, NotFound
from ..labels import FACT_STATUS
from .blueprint import bp
from .forms import Form, explain

OTHER_SECTION = "责任清单所列的其他违法行为"
FACT_TITLES = {"simplified": "可否当场处罚（简易程序）", "collection": "可否当场收缴罚款", "hearing": "是否应告知听证权利"}
RULES = {"same": "行为时与决定时规定相同", "act_time": "从旧：适用行为时的规定",
         "decision_time_lighter": "从轻：适用决定时较轻的规定", "repealed": "决定时已无处罚规定"}
GENERAL_STATUS = {"yes": "是", "no": "否", "depends": "视案情而定"}
DECIDED_BY = {"not_punishable": "是否认为违法", "heaviest": "可能的最重处罚", "lightest": "可能的最轻处罚",
              "alternative": "可以替代拘留的罚款", "equal": "最重、最轻处罚均相同"}


def sections(items: list[dom.Violation]) -> list[tuple[str, list[dom.Violation]]]:
    """The violations grouped by the chapter and section of the 2025 text, in the law's order
    (the catalogue's order); the county list's own items last."""
    groups: dict[str, list[dom.Violation]] = {}
    for v in items:
        groups.setdefault(v.section or OTHER_SECTION, []).append(v)
    other = groups.pop(OTHER_SECTION, None)
    out = sorted(groups.items(), key=lambda kv: _section_key(kv[0]))
    return out + ([(OTHER_SECTION, other)] if other else [])


def _section_key(section: str) -> int:
    order = "一二三四五六七八九十"
    m = re.search(r"第(.)节", section)
    return order.index(m.group(1)) if m and m.group(1) in order else 99


def party_sanctions(band: dom.Band) -> list[tuple[str | None, list[str]]]:
    """The band's sanctions once when both party kinds get the same, else per party."""
    each = {p: band.sanctions(p) for p in dom.PARTIES}
    if each["individual"] == each["organization"]:
        return [(None, each["individual"])]
    return [(dom.PARTIES[p], s) for p, s in each.items()]


@bp.get("/penalties")
def penalties():
    p: dom.Penalties = current().penalties
    q = request.args.get("q", "").strip()[:100]
    section = request.args.get("section", "").strip()[:100]
    items = p.search(q)
    every = sections(list(p.violations.values()))
    if section:
        items = [v for v in items if (v.section or OTHER_SECTION) == section]
    return render_template("penalties.html", q=q, items=items, total=len(p.violations),
                           circumstances={c: x.text for c, x in p.circumstances.items()},
                           thresholds=list(p.thresholds.values()), groups=sections(items),
                           every=[(name, len(vs)) for name, vs in every], section=section,
                           form=Form(request.args))


@bp.get("/penalties/<vid>")
def penalty(vid):
    p: dom.Penalties = current().penalties
    try:
        v = p.get(vid)
    except NotFound:
        return render_template("not_found.html", what=f"编号为 {vid} 的违法行为",
                               back=("web.penalties", "罚款幅度查询")), 404
    form = Form(request.args, submitted="act_date" in request.args)
    answer = None
    understood = p.codes(v)
    codes = {c.code: c.text for c in understood}
    if form.submitted:
        act = form.date("act_date", "行为日")
        decision = form.date("decision_date", "决定日", required=False) or (today() if act else None)
        party = form.choice("party", "当事人类别", dom.PARTIES, default="individual")
        chosen = [c for c in form.raw_list("c") if c]
        for code in chosen:
            if code not in codes:
                form.fail("c", "情节只能从列出的选项中勾选。")
        harm = form.flag("harm")
        if act and decision and decision < act:
            form.fail("decision_date", f"决定日 {decision} 早于行为日 {act}，请检查。")
        if form.ok:
            try:
                answer = dom.assess(p, vid, act, decision, party, chosen, harm)
            except DomainError as exc:
                explain(form, exc, {"act_date": "act_date", "decision_date": "decision_date",
                                    "party": "party", "circumstances": "c"}, "act_date")
    return render_template("penalty.html", v=v, form=form, answer=answer, parties=dom.PARTIES,
                           codes={c.code: c.text for c in understood if not c.general},
                           general_codes={c.code: c.text for c in understood if c.general},
                           circumstances={c: x.text for c, x in p.circumstances.items()},
                           party_sanctions=party_sanctions, general_status=GENERAL_STATUS, decided_by=DECIDED_BY,
                           fact_status=FACT_STATUS, fact_titles=FACT_TITLES, rules=RULES,
                           units=current().rules.units, today=today(), choice_basis=p.choice_basis,
                           rests_on={x.rests_on: x.rests_on_text for x in v.versions if x.rests_on},
                           checked=set(form.raw_list("c")), harm_applies=_harm_applies(p, v)), 200 if form.ok else 422


def _harm_applies(p: dom.Penalties, v) -> bool:
    """Offer the five-year box only where a version's limitation has a harm period (行政处罚法
    第三十六条): never for a 治安 case, whose six months (治安管理处罚法（2025） 第二十五条, 2012年文本
    第二十二条) has none."""
    regimes = [p.regimes.get(v.regime_of(x)) for x in v.versions]
    return any(r is None or any(x.harm_period is not None for x in r.limitation) for r in regimes)


@bp.get("/penalties/late-fee")
def late_fee():
    """加处罚款: the same `calc.penalties.late_fee` as POST /v1/penalties/late-fee."""
    p: dom.Penalties = current().penalties
    form = Form(request.args, submitted="fine" in request.args)
    answer = None
    if form.submitted:
        fine = None
        text = form.raw("fine").replace(",", "").replace("，", "").removesuffix("元")
        if not text:
            form.fail("fine", "请填写罚款数额。")
        else:
            try:
                fine = Decimal(text)
                if not fine.is_finite() or fine <= 0 or fine != fine.quantize(dom.FEN) or fine > 10**10:
                    raise InvalidOperation
            except InvalidOperation:
                fine = None
                form.fail("fine", "罚款数额应为正数（元），最多两位小数，例如 500 或 1250.50。")
        served = form.date("served", "送达日")
        paid = form.date("paid", "缴纳日")
        if served and paid and paid < served:
            form.fail("paid", f"缴纳日 {paid} 早于送达日 {served}，请检查。")
        provisional = form.flag("provisional")
        deferred = form.date("deferred_until", "暂缓（分期）缴纳期限", required=False)
        review_start = form.date("review_start", "复议（诉讼）开始日", required=False)
        review_end = form.date("review_end", "复议（诉讼）结束日", required=False)
        if (review_start is None) != (review_end is None) and form.ok:
            form.fail("review_end" if review_end is None else "review_start", "复议（诉讼）期间须同时填写开始日和结束日。")
        if review_start and review_end and review_end < review_start:
            form.fail("review_end", "结束日早于开始日，请检查。")
        if form.ok:
            ranges = ([periods.DateRange(review_start, review_end, "行政复议或者行政诉讼期间")]
                      if review_start and review_end else [])
            try:
                answer = dom.late_fee(p, fine, served, paid, provisional, deferred_until=deferred, not_counted=ranges)
            except DomainError as exc:
                explain(form, exc, {"fine": "fine", "served": "served", "paid": "paid",
                                    "deferred_until": "deferred_until", "not_counted": "review_start",
                                    "not_counted[0].end": "review_end"}, "served",
                        gap_field="provisional")
    return render_template("late_fee.html", form=form, answer=answer, rate=p.late_fee.daily_rate * 100, rule=p.late_fee,
                           yuan=dom.yuan), 200 if form.ok else 422


@bp.get("/thresholds/<tid>")
def threshold(tid):
    """立案追诉与限量标准: facts in, which department acts out (`calc.thresholds.assess_threshold`)."""
    from .. import thresholds as thr

    p: dom.Penalties = current().penalties
    t = p.thresholds.get(tid)
    if t is None:
        return render_template("not_found.html", what=f"编号为 {tid} 的标准", back=("web.penalties", "罚款幅度查询")), 404
    form = Form(request.args, submitted=any(f"f-{f.name}" in request.args for f in t.facts))
    answer = None
    if form.submitted:
        facts = {}
        for spec in t.facts:
            name, text = f"f-{spec.name}", form.raw(f"f-{spec.name}")
            if not text:
                if spec.required:
                    form.fail(name, f"请填写{spec.title}。")
                continue
            if spec.kind == "choice":
                if text not in (spec.choices or {}):
                    form.fail(name, f"请从列表中选择{spec.title}。")
                facts[spec.name] = text
            elif spec.kind == "integer":
                value = form.integer(name, spec.title, 0, 10**9, example=12)
                facts[spec.name] = value
            else:
                try:
                    value = float(text)
                    if not 0 <= value < 1e12:
                        raise ValueError
                    facts[spec.name] = value
                except ValueError:
                    form.fail(name, f"{spec.title}应为不小于 0 的数值，例如 801 或 12.5。")
        if form.ok:
            try:
                answer = thr.assess_threshold(t, facts)
            except DomainError as exc:
                form.fail("f-" + (exc.field or "facts.").split(".", 1)[-1] if exc.field else f"f-{t.facts[0].name}",
                          exc.message.rstrip("。") + "。")
    return render_template("threshold.html", t=t, form=form, answer=answer, num=thr._num), 200 if form.ok else 422
