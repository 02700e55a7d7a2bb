"""One assessed case, as `calc penalty ID --act-date D` prints it: the circumstances applied, the
version and why (从旧兼从轻), the bands, the procedure, the general rules, the limitation period and
the decision-form citations ("引用：")."""
from __future__ import annotations

from .. import penalties
from ..answers.citing import penalty_citations
from ..labels import CHOICE_RULES, FACT_STATUS, FACT_TITLES, GENERAL_STATUS


def fine_line(band, party: str) -> str:
    fine = band.fine(party)
    parts = ["；".join(band.sanctions(party)) or "（无处罚）"]
    if fine is not None:
        parts.append(f"罚款 {penalties.yuan(fine.min)} 至 {penalties.yuan(fine.max)} 元")
    if band.warning:
        parts.append("可以警告")
    return "；".join(parts)


def _band_given(code: str, a) -> bool:
    """Whether the circumstance `code` chose a band of the applied version: its own, or the one it
    counts as under that version's law (被侵害人六十周岁以上 counts as 侵害…七十周岁以上 in 2012 only)."""
    whens = {b.when for b in a.outcome.bands}
    law = a.outcome.version.law
    return code in whens or any(x == law and target in whens for x, target in a.names[code].counts_as)


def _circumstances(a) -> str:
    """The circumstances the answer applies, as its header says them. A circumstance asked for that
    has no band of its own in the applied version is not claimed: the band applied is named, and why
    (the API's note: 未对“情节较轻”单设处罚幅度，在适用的幅度内裁量). General ones (从轻、不执行拘留 …) are
    listed as asked: the general rules answer them (总则)."""
    names = a.names
    missed = [x for x in a.circumstances if not names[x].general and a.outcome and a.outcome.bands
              and not _band_given(x, a)]
    if not missed:
        return "、".join(names[x].text for x in a.circumstances) or names["base"].text
    applied = "、".join(names[b.when].text if b.when in names else b.when for b in a.outcome.bands)
    why = "、".join(f"“{names[x].text}”" for x in missed)
    general = [names[x].text for x in a.circumstances if names[x].general]
    return "、".join([f"{applied}（未对{why}单设处罚幅度，在适用的幅度内裁量）"] + general)


def print_assessment(a, defaulted: bool) -> None:
    print(f"{a.violation.title}（{a.violation.id}）")
    print(f"行为日 {a.act_date}，决定日 {a.decision_date}" + ("（未指定，按今日）" if defaulted else "")
          + f"；{penalties.PARTIES[a.party]}；{_circumstances(a)}")
    _version(a)
    if a.outcome is not None:
        _bands(a)
    _procedure(a)
    _limitation(a.limitation)
    _citations(a)


def _citations(a) -> None:
    """The decision-form citations, one a line, as the page's copy block (calc/answers/citing.py)."""
    lines = penalty_citations(a)
    if lines:
        print("引用：")
        for line in lines:
            print(f"  {line}")


def _version(a) -> None:
    c = a.choice
    applied = c.applied.basis if c.applied else "无（不再处罚）"
    print(f"适用：{applied}（{CHOICE_RULES.get(c.rule, c.rule)}）")
    print(f"  理由：{c.reason}\n  依据：{c.basis}")
    for sw in a.switches:
        print(f"  另：{sw.message}")
    if c.applied is not None and c.applied.rests_on:
        print(f"  文本来源：{c.applied.rests_on_text}")


def _bands(a) -> None:
    names = a.names
    print("幅度：")
    for b in a.outcome.bands:
        print(f"  {names[b.when].text if b.when in names else b.when}（{b.when}）：{fine_line(b, a.party)}")
        print(f"    依据：{b.basis}")
    for note in a.outcome.notes:
        print(f"  注：{note}")
    for b in (a.choice.applied.beside_on(a.act_date) if a.choice.applied else ()):
        print(f"  并列：{b.basis}：{b.why}")


def _procedure(a) -> None:
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


def _limitation(lim) -> None:
    print(f"追究时效：{lim.message}")
    if lim.expires is not None:
        print(f"  届满：{lim.expires}" + (f"；依据：{lim.basis}" if lim.basis else ""))
    if lim.note:
        print(f"  {lim.note}")
