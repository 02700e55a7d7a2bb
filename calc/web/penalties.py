"""罚款幅度查询: search violations, see each version's bands with basis, assess one case.

Calls `Penalties.search`, `Penalties.get` and `calc.penalties.assess` as /v1/penalties does."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask import render_template, request

from .. import penalties as dom
from .. import periods
from ..answers.citing import penalty_citations
from ..app_state import current, today
from ..errors import DomainError, NotFound
from ..labels import (CHOICE_RULES, CONDITIONS_MET, DECIDED_BY, FACT_STATUS, FACT_TITLES, GENERAL_STATUS, IN_FORCE,
                      TEST_HOLDS)
from .blueprint import bp
from .forms import Form, explain

OTHER_SECTION = "责任清单所列的其他违法行为"


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
    understood = p.codes(v)
    others = _others(p, understood)
    answer = _assess(form, p, vid, {c.code for c in understood} | set(others)) if form.submitted else None
    return render_template("penalty.html", v=v, form=form, answer=answer, parties=dom.PARTIES,
                           codes={c.code: c.text for c in understood if not c.general},
                           general_codes={c.code: c.text for c in understood if c.general},
                           other_codes=others, violations=p.violations,
                           citations=penalty_citations(answer) if answer else [],
                           circumstances={c: x.text for c, x in p.circumstances.items()},
                           party_sanctions=party_sanctions, general_status=GENERAL_STATUS, decided_by=DECIDED_BY,
                           fact_status=FACT_STATUS, fact_titles=FACT_TITLES, rules=CHOICE_RULES,
                           units=current().rules.units, today=today(), choice_basis=p.choice_basis,
                           rests_on={x.rests_on: x.rests_on_text for x in v.versions if x.rests_on},
                           checked=set(form.raw_list("c")), harm_applies=_harm_applies(p, v),
                           in_force=IN_FORCE), 200 if form.ok else 422


def _others(p: dom.Penalties, understood) -> dict[str, str]:
    """The circumstances the API takes for any violation that this one's texts set no band for
    (情节较轻 for theft): offered too, and the answer says, as the API's does, that the band applied
    is the one the text sets (未对“情节较轻”单设处罚幅度，在适用的幅度内裁量)."""
    known = {c.code for c in understood}
    return {c.code: c.text for c in p.circumstances.values()
            if c.code not in known and c.code != "base" and not c.general}


def _assess(form: Form, p: dom.Penalties, vid: str, offered: set[str]):
    """The case the form describes, assessed as POST /v1/penalties/{id}/assess does; None where the
    form or the domain refuses it (the refusal at its field). `offered`: the form's checkboxes,
    every circumstance the API takes for this violation."""
    act = form.date("act_date", "行为日")
    decision = form.date("decision_date", "决定日", required=False) or (today() if act else None)
    party = form.choice("party", "当事人类别", dom.PARTIES, default="individual")
    chosen = [c for c in form.raw_list("c") if c]
    if any(code not in offered for code in chosen):
        form.fail("c", "情节只能从列出的选项中勾选。")
    harm = form.flag("harm")
    if not form.ok:
        return None
    try:
        return dom.assess(p, vid, act, decision, party, chosen, harm)
    except DomainError as exc:
        explain(form, exc, {"act_date": "act_date", "decision_date": "decision_date",
                            "party": "party", "circumstances": "c"}, "act_date")
        return None


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
    answer = _late_fee(form, p) if form.submitted else None
    return render_template("late_fee.html", form=form, answer=answer, rate=p.late_fee.daily_rate * 100, rule=p.late_fee,
                           yuan=dom.yuan), 200 if form.ok else 422


def _fine(form: Form) -> Decimal | None:
    text = form.raw("fine").replace(",", "").replace("，", "").removesuffix("元")
    if not text:
        form.fail("fine", "请填写罚款数额。")
        return None
    try:  # whether it is a fine (positive, to the fen, not beyond the service's bound) is the domain's to say
        return Decimal(text)
    except InvalidOperation:
        form.fail("fine", "罚款数额应为正数（元），最多两位小数，例如 500 或 1250.50。")
        return None


def _review(form: Form) -> list[periods.DateRange]:
    """The reconsideration or litigation period, whose days add no surcharge (行政处罚法 第七十三条第三款)."""
    review_start = form.date("review_start", "复议（诉讼）开始日", required=False)
    review_end = form.date("review_end", "复议（诉讼）结束日", required=False)
    if (review_start is None) != (review_end is None) and form.ok:
        form.fail("review_end" if review_end is None else "review_start", "复议（诉讼）期间须同时填写开始日和结束日。")
    return ([periods.DateRange(review_start, review_end, "行政复议或者行政诉讼期间")]
            if review_start and review_end else [])


def _late_fee(form: Form, p: dom.Penalties):
    """The surcharge the form asks about, as POST /v1/penalties/late-fee answers; None where refused."""
    fine = _fine(form)
    served = form.date("served", "送达日")
    paid = form.date("paid", "缴纳日")
    provisional = form.flag("provisional")
    deferred = form.date("deferred_until", "暂缓（分期）缴纳期限", required=False)
    ranges = _review(form)
    if not form.ok:
        return None
    try:
        return dom.late_fee(p, fine, served, paid, provisional, deferred_until=deferred, not_counted=ranges)
    except DomainError as exc:
        explain(form, exc, {"fine": "fine", "served": "served", "paid": "paid",
                            "deferred_until": "deferred_until", "not_counted": "review_start",
                            "not_counted[0].end": "review_end"}, "served", gap_field="provisional")
        return None


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
    return render_template("threshold.html", t=t, form=form, answer=answer, num=thr._num,
                           conditions_met=CONDITIONS_MET, test_holds=TEST_HOLDS), 200 if form.ok else 422
