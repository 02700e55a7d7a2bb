"""交通违法与记分: find an act by what people type (闯红灯, 酒驾, 超速), read what each text says of
it, assess a case (the fine, the points, the measures, each with a citation to copy), speeding by
the numbers, and the points cycle; the traffic procedures' time limits are the timelines page's.

Calls calc.traffic (`catalogue.search`, `assess`, `measured.speeding`, `points.points_cycle`) as
/v1/traffic/… does, and shows the API's own answer (calc/answers/traffic.py), so that the page, the
CLI and the API never say one thing two ways.
"""
from __future__ import annotations

from flask import render_template, request

from ..app_state import current, today
from ..errors import DomainError, NotFound
from ..labels import TRAFFIC_ENTRY, TRAFFIC_EXAMS, TRAFFIC_FINE_SOURCE, TRAFFIC_REVIEW, TRAFFIC_SPOT
from ..answers.traffic import assessment_json, measured_json, points_json
from ..traffic import assess as dom, catalogue, measured, points
from ..traffic.model import Act, Traffic
from ..traffic.words import NOT_ENCODED, cited_parts, fine_words, measure_words, sanctions, when_words
from . import traffic_forms as tf
from .blueprint import bp
from .forms import Form

# The traffic procedures of the timelines page, the two people ask about most first.
PROCEDURES = ("traffic-accident", "licence-renewal", "traffic-camera-violation", "traffic-handling-notice",
              "traffic-vehicle-detention", "traffic-blood-test", "vehicle-registration", "vehicle-change",
              "vehicle-transfer", "plate-replacement")
WORDS = {"spot": TRAFFIC_SPOT, "source": TRAFFIC_FINE_SOURCE, "entry": TRAFFIC_ENTRY, "exams": TRAFFIC_EXAMS,
         "review": TRAFFIC_REVIEW}


def options(t: Traffic) -> dict:
    """The selects' choices: the vehicle classes, the roads and the licence classes, by their words."""
    first = {"": "请选择"}
    return {"vehicle": first | {c: v.title for c, v in t.vehicles.items()},
            "road": first | {c: r.title for c, r in t.roads.items()},
            "licence": {"": "未选择"} | {c: x.title for c, x in t.licences.items()}}


def procedures() -> list:
    tl = {p.id: p for p in current().timelines}
    return [tl[pid] for pid in PROCEDURES if pid in tl]


def groups(t: Traffic, acts: list[Act]) -> list[tuple[str, list[Act]]]:
    """The acts found, by who commits them (行人, 非机动车驾驶人, 机动车驾驶人 …): the group of the best
    match first (酒驾 names 饮酒后驾驶机动车 before 明知…饮酒乘坐), each in the order found."""
    found: dict[str, list[Act]] = {}
    for act in acts:
        found.setdefault(act.party, []).append(act)
    return [(t.parties[p].title, group) for p, group in found.items()]


def glance(t: Traffic, act: Act) -> str | None:
    """What the act brings today where no fact of the case changes it (罚款200元；记6分); None where
    the vehicle, the road or the per cent over decides it (the act's page asks for them)."""
    day = today()
    try:
        a = dom.assess(t, act.id, day, day)
    except DomainError:
        return None
    parts = [fine_words(t.texts, a)] if a.fine is not None or a.fine_text or a.warning else []
    if a.points:
        parts.append(t.texts["points_value"].say(points=a.points))
    parts += [measure_words(t.texts, m) for m in a.measures if not m.optional]
    return "；".join(p for p in parts if p) or None


@bp.get("/traffic")
def traffic():
    t: Traffic = current().traffic
    form = Form(request.args)
    q = form.raw("q")[:100]
    acts = catalogue.search(t, q)
    return render_template("traffic.html", q=q, form=form, groups=groups(t, acts), found=len(acts),
                           total=len(t.acts), glance=(lambda act: glance(t, act)) if q else (lambda act: None),
                           procedures=procedures(), not_encoded=[t.texts[c].say() for c in NOT_ENCODED],
                           texts_read=catalogue.texts_read(t))


def asks(t: Traffic, act: Act) -> dict:
    """Which facts the act's bands read (every version of each text): the form asks only for those."""
    versions = [v for cid in act.national for v in t.clauses[cid].versions] + list(act.hebei) + list(act.points)
    whens = [b.when for v in versions for b in v.bands]
    return {"vehicle": any(w.vehicles for w in whens), "road": act.measure == "speed" or any(w.roads for w in whens),
            "over": act.measure is not None and any(w.over and w.over.measure == act.measure for w in whens),
            "total_over": any(w.over and w.over.measure == "total_mass" for w in whens),
            "seats": any(w.seats is not None for w in whens),
            "circumstances": list(dict.fromkeys(c for w in whens for c in w.circumstances))}


def _facts(form: Form, t: Traffic, act: Act, asked: dict) -> tuple[dict, object]:
    """The form's facts as POST …/assess takes them (what was typed, for the friendlier refusal)."""
    given = {"vehicle": form.choice("vehicle", "车型", t.vehicles) if form.raw("vehicle") else None,
             "road": form.choice("road", "道路类型", t.roads) if form.raw("road") else None,
             "over_percent": tf.number(form, "over_percent", "超过的百分比", "25", required=False) if asked["over"] else None,
             "total_over_percent": tf.number(form, "total_over_percent", "超过最大允许总质量的百分比", "12",
                                             required=False) if asked["total_over"] else None,
             "seats": form.integer("seats", "核定载客人数", 1, 200, required=False, example=7) if asked["seats"] else None,
             "circumstances": [c for c in form.raw_list("c") if c]}
    if any(c not in asked["circumstances"] for c in given["circumstances"]):
        form.fail("c", "情形只能从列出的选项中勾选。")
    return given, tf.payment(form)


def _assess(form: Form, t: Traffic, act: Act, asked: dict):
    """(the domain's assessment, the API's answer) of the case the form describes, or (None, None)."""
    act_date = form.date("act_date", "违法行为日")
    decision = form.date("decision_date", "决定日", required=False) or (today() if act_date else None)
    given, pay = _facts(form, t, act, asked)
    provisional = form.flag("provisional")
    if not form.ok:
        return None, None
    try:
        facts = dom.facts_for(t, act.id, given["vehicle"], given["road"], given["circumstances"],
                              given["over_percent"], given["total_over_percent"], given["seats"])
        a = dom.assess(t, act.id, act_date, decision, facts, pay=pay, provisional=provisional)
    except DomainError as exc:
        tf.refuse(form, exc, tf.FIELDS, "act_date", given)
        return None, None
    return a, assessment_json(t, a)


@bp.get("/traffic/<aid>")
def traffic_act(aid):
    t: Traffic = current().traffic
    try:
        act = t.get(aid)
    except NotFound:
        return render_template("not_found.html", what=f"编号为 {aid} 的交通违法行为",
                               back=("web.traffic", "交通违法与记分")), 404
    form = Form(request.args, submitted="act_date" in request.args)
    asked = asks(t, act)
    a, answer = _assess(form, t, act, asked) if form.submitted else (None, None)
    return render_template("traffic_act.html", act=act, t=t, form=form, asked=asked, a=a, answer=answer,
                           today=today(), words=WORDS, options=options(t), sanctions=lambda b: sanctions(t.texts, b),
                           when=lambda b, alone: when_words(t.texts, t, b.when, alone),
                           fine_said=fine_words(t.texts, a) if a else None,
                           parts=cited_parts(t, a) if a else ()), 200 if form.ok else 422


@bp.get("/traffic/speeding")
def speeding():
    """超速测算: the same `calc.traffic.measured.speeding` as POST /v1/traffic/speeding."""
    t: Traffic = current().traffic
    form = Form(request.args, submitted="measured" in request.args)
    m = answer = None
    if form.submitted:
        m, answer = _speeding(form, t)
    return render_template("traffic_speeding.html", t=t, form=form, m=m, answer=answer, today=today(), words=WORDS,
                           options=options(t),
                           fine_said=fine_words(t.texts, m.assessment) if m else None,
                           parts=cited_parts(t, m.assessment) if m else ()), 200 if form.ok else 422


def _speeding(form: Form, t: Traffic):
    vehicle = form.choice("vehicle", "车型", t.vehicles)
    road = form.choice("road", "道路类型", t.roads)
    limit = tf.number(form, "limit", "规定时速（km/h）", "60")
    speed = tf.number(form, "measured", "实测车速（km/h）", "78")
    act_date = form.date("act_date", "违法行为日")
    decision = form.date("decision_date", "决定日", required=False) or (today() if act_date else None)
    pay = tf.payment(form)
    if not form.ok:
        return None, None
    try:
        m = measured.speeding(t, act_date, decision, vehicle, road, limit, speed, (), pay, form.flag("provisional"))
    except DomainError as exc:
        tf.refuse(form, exc, tf.FIELDS, "measured")
        return None, None
    return m, measured_json(t, m)


@bp.get("/traffic/points")
def points_page():
    """记分周期: the same `calc.traffic.points.points_cycle` as POST /v1/traffic/points."""
    t: Traffic = current().traffic
    form = Form(request.args, submitted="first_licence" in request.args)
    entry_rows, reduction_rows = tf.entries(form)[0], tf.reductions(form)[0]
    answer = _points(form, t) if form.submitted else None
    rules = t.points_rules(today()) or (t.rules.points[-1] if t.rules.points else None)
    return render_template("traffic_points.html", t=t, form=form, answer=answer, words=WORDS, rules=rules,
                           options=options(t),
                           entry_rows=entry_rows, reduction_rows=reduction_rows, today=today(),
                           kinds={k: t.texts[f"reduction_{k}"].say() for k in (rules.reductions if rules else ())},
                           checked=set(form.raw_list("bars")), facts_checked=set(form.raw_list("review_facts"))
                           ), 200 if form.ok else 422


def _points(form: Form, t: Traffic):
    first = form.date("first_licence", "初次领证日")
    on = form.date("on", "查询日", required=False) or today()
    licence = form.choice("licence", "准驾车型", t.licences) if form.raw("licence") else None
    previous = form.integer("previous_full", "本周期已参加满分教育的次数", 0, 50, required=False, example=1) or 0
    _, entries = tf.entries(form)
    _, reductions = tf.reductions(form)
    bars = [b for b in form.raw_list("bars") if b]
    facts = [f for f in form.raw_list("review_facts") if f]
    if not form.ok:
        return None
    try:
        p = points.points_cycle(t, first, on, licence, entries, previous, reductions, bars, facts,
                                form.flag("provisional"))
    except DomainError as exc:
        tf.refuse(form, exc, tf.POINTS_FIELDS, "first_licence")
        return None
    return points_json(t, p)
