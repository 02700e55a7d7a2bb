"""The citation block an officer copies into a decision document: the decision-form citation
(《…》第…条第…款第（…）项, `calc.citations.Basis.citation`, made from the structured references,
never from the short text) of what an answer rests on, one line each, as the pages show it in a
selectable block and `calc penalty` / `calc timeline` print it after "引用：".

A penalty: the bands applied (their own paragraph and item), then, labelled, the rule that chose the
version where the texts differed (从旧兼从轻), each procedural fact and general rule that applies
("是"). A procedure: each stage, by its label, with the extension counted. A line is left out where
its basis cites no text (a county's remark)."""
from __future__ import annotations

from ..citations import distinct
from ..labels import CITATION_LABELS, FACT_TITLES


def penalty_citations(a) -> list[str]:
    """The lines for one assessed case (calc.penalties.Assessment)."""
    lines = []
    if a.outcome is not None and a.outcome.bands:
        lines.append(distinct(*(b.basis for b in a.outcome.bands)).citation)
    c = a.choice
    if c.rule != "same":
        lines.append(_labelled(CITATION_LABELS["choice"], distinct(c.basis).citation))
    for key, fact in a.procedure.items():
        if fact.status == "yes":
            lines.append(_labelled(FACT_TITLES[key], distinct(fact.basis).citation))
    for g in a.general:
        if g.status == "yes":
            lines.append(_labelled(g.title, distinct(g.basis).citation))
    return [line for line in lines if line]


def timeline_citations(t) -> list[str]:
    """The lines for one estimate (calc.timelines.Timeline): each stage's basis, as counted (a
    variant's, with the extension applied)."""
    lines = []
    for i, r in enumerate(t.stages, 1):
        cited = distinct(r.basis, r.extension.basis if r.extension else None).citation
        if cited:
            lines.append(f"{i}. {r.stage.short}：{cited}")
    return lines


def _labelled(label: str, citation: str | None) -> str | None:
    return f"{label}：{citation}" if citation else None
