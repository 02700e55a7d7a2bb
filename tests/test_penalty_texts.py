"""The words of penalty, late-fee, limitation and threshold answers are data (issue 14, item 6):
every step carries the machine code of the rule it applied, and a county that rewords a text in
its overlay (`[texts.<code>]`, schedules/penalties/texts.toml) changes what the answer says, never
a date or an amount.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import penalties as pen
from calc import periods, schedules
from calc.api import create_app
from calc.periods import DateRange
from calc.thresholds import assess_threshold

D = dt.date


@pytest.fixture(scope="module")
def p(schedules):
    return schedules.penalties


def _known_codes(p) -> set[str]:
    """A step's code names a text of penalties/texts.toml or a counting rule of periods.toml."""
    return set(p.texts) | set(periods.RULE_NAMES) | set(periods.UNITS)


@settings(max_examples=150, deadline=None)
@given(fine=st.decimals(min_value="0.01", max_value="100000", places=2),
       served=st.dates(D(2021, 7, 15), D(2026, 12, 1)), late=st.integers(0, 500),
       deferral=st.one_of(st.none(), st.integers(0, 60)),
       pause=st.one_of(st.none(), st.tuples(st.integers(0, 200), st.integers(0, 60))))
def test_every_late_fee_step_carries_a_known_code(p, fine, served, late, deferral, pause):
    paid = served + dt.timedelta(days=late)
    deferred = None if deferral is None else served + dt.timedelta(days=deferral)
    not_counted = () if pause is None else (DateRange(served + dt.timedelta(days=pause[0]),
                                                      served + dt.timedelta(days=pause[0] + pause[1]), "复议"),)
    f = pen.late_fee(p, fine, served, paid, provisional=True, deferred_until=deferred, not_counted=not_counted)
    assert f.steps and all(s.code for s in f.steps)
    assert {s.code for s in f.steps} <= _known_codes(p)
    assert f.steps[0].code == "late_fee_pay"


def test_every_assessment_step_and_fact_carries_a_code(p):
    # every act, before and after 2026-01-01 (the 2025 text), with and without the harm question
    for v in p.violations.values():
        for act, decision in ((D(2025, 6, 1), D(2025, 7, 1)), (D(2025, 6, 1), D(2026, 3, 20)),
                              (D(2026, 2, 1), D(2026, 4, 1))):
            if v.version_on(act) is None:
                continue
            for harm in (False, True):
                a = pen.assess(p, v.id, act, decision, "individual", (), harm)
                steps = a.limitation.steps
                assert all(s.code for s in steps), v.id
                # the limitation counts by periods.toml: start not counted, the unit, not moved
                assert [s.code for s in steps][::2] in ([], ["start_excluded", "not_moved"]), v.id
                assert all(f.code in p.texts for f in a.procedure.values()), v.id


def test_the_harm_note_is_said_where_the_text_sets_no_longer_limitation(p):
    # 治安管理处罚法（2012） 第二十二条 has six months and no longer period for harm to life, health or
    # financial security (行政处罚法 第三十六条 has five years, but the 治安 law's own rule decides)
    a = pen.assess(p, "rental.unreported-tenant-crime", D(2025, 3, 1), D(2025, 6, 1), "individual", ["serious"], True)
    assert a.regime.id == "public-order" and a.limitation.period.amount == 6
    assert a.limitation.note.endswith("；治安管理处罚法（2012） 第二十二条 未就危害生命健康、金融安全规定更长的时效，按一般时效计算")


OVERLAY = '''
[texts.late_fee_daily]
text = "迟缴{days}日：{fine}元按日{pct}%加处，计{exact}元"
basis = "{basis}（改写）"

[texts.hearing_no]
text = "罚款上限不到{limit}元：没有听证权利"

[texts.limitation_message]
text = "{end}以前发现的仍可处罚（自{act}起{n}{unit}）"

[texts.threshold_holds]
text = "达到"

[texts.choice_new_lighter]
text = "新法轻，从轻（{choice_basis}）。"

[texts.threshold_inclusive]
basis = "民法典 第一千二百五十九条"
'''


@pytest.fixture(scope="module")
def reworded(tmp_path_factory):
    county = tmp_path_factory.mktemp("county")
    (county / "penalties").mkdir()
    (county / "penalties" / "wording.toml").write_text(OVERLAY, "utf-8")
    return county


def test_rewording_a_late_fee_text_changes_its_words_not_its_dates_or_amounts(p, reworded):
    mine = schedules.load([reworded]).penalties
    # 1000 served 2026-09-16: day 15 is 2026-10-01 (国庆 10/1-10/7) -> due 2026-10-08; paid 2026-11-10:
    # 33 days late (10/9 .. 11/10), 1000 x 3% x 33 = 990 (行政处罚法 第七十二条第一款第一项)
    ours, theirs = (pen.late_fee(x, Decimal(1000), D(2026, 9, 16), D(2026, 11, 10)) for x in (p, mine))
    for f in (ours, theirs):
        assert (f.due.due, f.days_late, f.surcharge, f.total) == (D(2026, 10, 8), 33, Decimal("990.00"),
                                                                    Decimal("1990.00"))
    assert [(s.date, s.code) for s in ours.steps] == [(s.date, s.code) for s in theirs.steps]
    daily = [s for s in theirs.steps if s.code == "late_fee_daily"]
    assert [s.rule for s in daily] == ["迟缴33日：1000元按日3%加处，计990元"]
    assert daily[0].basis.endswith("（改写）")
    assert [s.rule for s in ours.steps if s.code != "late_fee_daily"] == \
        [s.rule for s in theirs.steps if s.code != "late_fee_daily"]  # the other texts are the bundled ones


def test_rewording_fact_and_limitation_texts_changes_their_words_only(p, reworded):
    mine = schedules.load([reworded]).penalties
    # rental.unreported-tenant-crime, serious, decided 2025-06-01 under 2012 第五十七条第二款: 200-500
    # yuan with detention; no licence: a hearing needs ≥2,000 (程序规定 第一百二十三条) -> none
    args = ("rental.unreported-tenant-crime", D(2025, 3, 1), D(2025, 6, 1), "individual", ["serious"])
    ours, theirs = pen.assess(p, *args), pen.assess(mine, *args)
    h, h2 = ours.procedure["hearing"], theirs.procedure["hearing"]
    assert (h.status, h.limit, h.basis, h.code) == (h2.status, h2.limit, h2.basis, h2.code) == \
        ("no", 2000, h.basis, "hearing_no")
    assert h2.explanation == "罚款上限不到2000元：没有听证权利" != h.explanation
    # 治安管理处罚法（2012） 第二十二条: six months from 2025-03-01 -> 2025-09-01
    assert ours.limitation.expires == theirs.limitation.expires == D(2025, 9, 1)
    assert theirs.limitation.message == "2025-09-01以前发现的仍可处罚（自2025-03-01起6个月）"
    assert [s.rule for s in ours.limitation.steps] == [s.rule for s in theirs.limitation.steps]


def test_rewording_the_version_choice_changes_its_reason_not_the_text_chosen(p, reworded):
    mine = schedules.load([reworded]).penalties
    # zhian.58-1 (theft): 2012 第四十九条 5-10 days, may add ≤500; 2025 第五十八条 5-10 days OR ≤2,000:
    # both at most 10 days, but 2012 may add 500 yuan to them, so the 2025 text is lighter
    # (行政处罚法 第三十七条 从轻), decided on the heaviest outcome
    args = ("zhian.58-1", D(2025, 11, 1), D(2026, 2, 1), "individual")
    ours, theirs = pen.assess(p, *args), pen.assess(mine, *args)
    for a in (ours, theirs):
        assert a.choice.rule == "decision_time_lighter" and a.choice.applied.basis.endswith("第五十八条")
        assert (a.choice.comparison.decided_by, a.choice.comparison.aspect) == ("heaviest", "与拘留并处的罚款")
    assert ours.choice.reason.endswith(f"新的规定处罚较轻，依{p.choice_basis}适用新的规定（从轻）。")
    assert theirs.choice.reason.endswith(f"新法轻，从轻（{p.choice_basis}）。")
    assert ours.choice.comparison.text == theirs.choice.comparison.text  # not reworded: the bundled words


def test_rewording_threshold_texts_changes_the_words_not_the_verdict(p, reworded):
    mine = schedules.load([reworded]).penalties
    # 立案追诉标准（二） 第七十条: 30 members in 3 levels is the criminal threshold (以上 includes 30, 3)
    facts = {"members": 30, "levels": 3, "role": "organizer"}
    ours, theirs = (assess_threshold(x.threshold("pyramid-selling"), facts) for x in (p, mine))
    assert ours.met is theirs.met is True
    assert [r.holds for r in ours.tests] == [r.holds for r in theirs.tests] == [True, True]
    assert all(r.explanation.endswith("：符合") for r in ours.tests)
    assert all(r.explanation.endswith("：达到") for r in theirs.tests)
    assert (ours.inclusive_basis, theirs.inclusive_basis) == ("民法典 第一千二百五十九条（以上、以下包括本数）",
                                                              "民法典 第一千二百五十九条")


def test_the_reworded_words_reach_the_http_answer(app, reworded):
    body = {"fine": 1000, "served": "2026-09-16", "paid": "2026-11-10"}
    ours = app.test_client().post("/v1/penalties/late-fee", json=body).get_json()
    theirs = create_app({"TESTING": True, "SCHEDULES_DIR": str(reworded)}).test_client().post(
        "/v1/penalties/late-fee", json=body).get_json()
    assert {k: v for k, v in ours.items() if k != "steps"} == {k: v for k, v in theirs.items() if k != "steps"}
    assert [s["date"] for s in ours["steps"]] == [s["date"] for s in theirs["steps"]]
    assert "迟缴33日：1000元按日3%加处，计990元" in [s["rule"] for s in theirs["steps"]]
    assert "迟缴33日：1000元按日3%加处，计990元" not in [s["rule"] for s in ours["steps"]]


def test_every_placeholder_a_code_declares_is_filled_in(p, tmp_path):
    """A county's text may use any placeholder its code declares (the load refuses others): every
    text rewritten to use all of them must still answer, or an editor's text fails at answer time."""
    specs = pen.TEXTS
    lines = []
    for code, spec in specs.items():
        every = "".join("{" + f + "}" for f in spec.fields)
        lines.append(f"[texts.{code}]")
        if spec.text:
            lines.append(f'text = "《{code}》{every}"')
        if spec.basis:
            lines.append(f'basis = "《{code}》{every}"')
    (tmp_path / "penalties").mkdir()
    (tmp_path / "penalties" / "all.toml").write_text("\n".join(lines) + "\n", "utf-8")
    mine = schedules.load([tmp_path]).penalties
    said: set[str] = set()

    def record(*texts):
        said.update(re.findall(r"《([a-z_]+)》", "".join(t for t in texts if t)))

    for v in mine.violations.values():
        codes = [c.code for c in mine.codes(v)]
        for act, decision in ((D(2019, 6, 1), D(2019, 7, 1)), (D(2025, 6, 1), D(2025, 7, 1)),
                              (D(2025, 6, 1), D(2026, 3, 20)), (D(2026, 2, 1), D(2026, 4, 1))):
            if v.version_on(act) is None:
                continue
            for party in pen.PARTIES:
                for given_ in ((), *((c,) for c in codes), tuple(codes)):
                    a = pen.assess(mine, v.id, act, decision, party, given_, True)
                    record(a.choice.reason, a.limitation.message, a.limitation.note, a.procedure_basis,
                           *(f.explanation for f in a.procedure.values()), *(f.note or "" for f in a.procedure.values()),
                           *(g.explanation for g in a.general), *(s.message for s in a.switches),
                           *(a.outcome.notes if a.outcome else ()),
                           *(s for b in (a.outcome.bands if a.outcome else ()) for s in b.sanctions(party)),
                           *(x.rests_on_text or "" for x in v.versions))
    for fine, late, kw in (("333.33", 0, {}), ("12.34", 10, {}), ("333.33", 400, {}),
                           ("333.33", 40, {"deferred_until": D(2026, 3, 1)}),
                           ("333.33", 60, {"not_counted": [DateRange(D(2026, 2, 1), D(2026, 2, 10), "复议")]}),
                           ("333.33", 10, {"not_counted": [DateRange(D(2026, 1, 10), D(2026, 1, 30), "诉讼")]})):
        f = pen.late_fee(mine, Decimal(fine), D(2026, 1, 5), D(2026, 1, 20) + dt.timedelta(days=late), **kw)
        record(*(s.rule for s in f.steps), *(s.basis for s in f.steps))
    for t in mine.thresholds.values():
        facts = {x.name: (next(iter(x.choices)) if x.kind == "choice" else 10) for x in t.facts}
        a = assess_threshold(t, facts)
        record(*(r.explanation for r in a.tests), a.inclusive_basis)
    # outcomes no bundled act gives: a licence on one side only, a warning allowed on one side only,
    # a business suspension (2025 第一百一十七条 gives it a hearing)
    def one(**band):
        b = pen.Band(when="base", basis="测试", texts=mine.texts, **band)
        return pen.Outcome(pen.Version(D(2000, 1, 1), None, "测试", "测试", (b,), texts=mine.texts), (b,), (), "individual")

    fine = {k: pen.Fine(Decimal(0), Decimal(100)) for k in pen.PARTIES}
    for new, old in ((one(fines=fine, licence=pen.Licence("revoke", "许可证")), one(fines=fine)),
                     (one(fines=fine, warning=True), one(fines=fine))):
        record(pen.compare(new, old).worded(mine.texts).text, *new.bands[0].sanctions("individual"))
    record(pen.hearing_fact(mine.regimes["public-order"], one(fines=fine, suspension="责令停业整顿"),
                            D(2026, 2, 1)).explanation)
    # the walk said nearly every text (the rest: cases no bundled act has, e.g. a repealed text)
    assert {"amount_has", "amount_none", "amount_warning", "amount_no_warning", "hearing_suspension"} <= said
    assert len(said) >= len(specs) * 0.9, sorted(set(specs) - said)  # 98 of 104 on the bundled data


def test_a_mitigation_effect_is_the_quoted_articles_own_words(p):
    # 2012 第十九条 "…的，减轻处罚或者不予处罚"; 2025 第二十条 "…的，从轻、减轻或者不予处罚" (the `text`
    # beside it is checked verbatim against the law by tests/test_law_texts.py)
    effects = {gv.basis: gv.effect for r in p.general if r.kind == "mitigation" for gv in r.versions}
    assert effects == {"治安管理处罚法（2012） 第十九条": "减轻处罚或者不予处罚",
                       "治安管理处罚法（2025） 第二十条": "从轻、减轻或者不予处罚"}
    for r in p.general:
        for gv in r.versions:
            assert gv.effect is None or f"的，{gv.effect}" in gv.text, (r.id, gv.basis)


def test_a_case_with_nothing_to_impose_says_so_in_each_procedural_fact_from_the_texts(p, tmp_path):
    # zhian.27-1 is new in 2025 (2012 did not make it an offence): an act of 2025-06-01 decided the
    # same day is not taken as illegal (行政处罚法 第三十七条), so 当场处罚, 当场收缴 and 听证 have
    # nothing to apply to; each says [texts.procedure_none] of schedules/penalties/texts.toml, in
    # the bundled words ("无可适用的处罚", the v1 answer's) or in a county's
    body = {"act_date": "2025-06-01", "decision_date": "2025-06-01", "party": "individual"}
    answer = create_app().test_client().post("/v1/penalties/zhian.27-1/assess", json=body).get_json()
    for kind in ("simplified", "collection", "hearing"):
        assert answer["procedure"][kind] == {"status": "no", "explanation": "无可适用的处罚", "basis": None,
                                             "cites": [], "citation": None,  # API 1.1: nothing cited
                                             "limit": None, "note": None, "beside": [],
                                             "qualifying": []}  # issue 26: the decisions that qualify
    (tmp_path / "penalties").mkdir()
    (tmp_path / "penalties" / "words.toml").write_text('[texts.procedure_none]\ntext = "无处罚可适用"\n', "utf-8")
    mine = schedules.load([tmp_path]).penalties
    a = pen.assess(mine, "zhian.27-1", D(2025, 6, 1), D(2025, 6, 1), "individual")
    assert a.procedure == {} and a.no_procedure == pen.Fact("no", "无处罚可适用", None)
    assert pen.assess(p, "zhian.27-1", D(2026, 2, 1), D(2026, 2, 1), "individual").no_procedure is None
