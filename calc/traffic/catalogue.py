"""Finding acts in the traffic catalogue: by what people type (闯红灯, 酒驾, 超速 …, the act's
`keywords` in the data), by words of its title and quoted texts, and by the article a text of it
cites ("道路交通安全法", 90). A keyword typed as it stands comes first, then the acts whose title and
keywords hold the words, then those whose quoted texts merely mention them.
"""
from __future__ import annotations

from typing import Iterable

from ..citations import Basis, Edition, Instrument
from .model import Act, Traffic


def bases(t: Traffic, act: Act) -> Iterable[Basis]:
    """Every basis an act rests on: its clauses' versions and bands, Hebei's items, the points items."""
    for cid in act.national:
        for v in t.clauses[cid].versions:
            yield v.basis
            for b in v.bands:
                yield b.basis
                yield from (m.basis for m in b.measures)
    for v in (*act.hebei, *act.points):
        yield v.basis
        for b in v.bands:
            yield b.basis
            yield from (m.basis for m in b.measures)


def _index(t: Traffic) -> tuple[tuple[Act, str, str], ...]:
    """(act, everything a word may hit, what names the act), lowercased once per catalogue."""
    if "search" in t.memo:
        return t.memo["search"]
    out = []
    for act in t.acts.values():
        quoted = [c.text for cid in act.national for c in t.clauses[cid].versions if c.text]
        quoted += [v.text for v in (*act.hebei, *act.points) if v.text]
        quoted += [b.text for v in (*act.hebei, *act.points) for b in v.bands if b.text]
        head = "\n".join([act.id, act.title, *act.keywords]).lower()
        hay = "\n".join([head, act.note or "", *quoted, *(str(b) for b in bases(t, act))]).lower()
        out.append((act, hay, head))
    t.memo["search"] = tuple(out)
    return t.memo["search"]


def _characters(t: Traffic) -> dict[str, set[int]]:
    """Character -> positions of the acts whose searchable text has it: only an act with every
    character typed can hold the words (the page searches per keystroke)."""
    if "characters" not in t.memo:
        index: dict[str, set[int]] = {}
        for i, (_, hay, _) in enumerate(_index(t)):
            for ch in set(hay):
                index.setdefault(ch, set()).add(i)
        t.memo["characters"] = index
    return t.memo["characters"]


def search(t: Traffic, q: str | None) -> list[Act]:
    """Acts whose text has every word of `q` (space-separated), those named by it first."""
    words = q.strip().lower().split() if q else []
    if not words:
        return list(t.acts.values())
    acts, index = _index(t), _characters(t)
    candidates = set(range(len(acts)))
    for ch in set("".join(words)):
        candidates &= index.get(ch, set())
        if not candidates:
            return []
    found = [(act, head) for act, hay, head in (acts[i] for i in sorted(candidates)) if all(w in hay for w in words)]
    typed = " ".join(words)

    def rank(item) -> int:  # a keyword as typed, then words of the title and keywords, then the texts
        act, head = item
        return 0 if typed in (k.lower() for k in act.keywords) else 1 if all(w in head for w in words) else 2
    return [act for act, _ in sorted(found, key=rank)]


def _articles(t: Traffic) -> dict[tuple[str, int], tuple[Act, ...]]:
    """(a name of a text, article) -> the acts citing it, under each name a caller may use: the short
    name, the title, and the short name with the year as `basis` writes it (道路交通安全法（2021）)."""
    if "articles" not in t.memo:
        found: dict[tuple[str, int], dict[str, Act]] = {}
        for act in t.acts.values():
            for basis in bases(t, act):
                for c in basis.cites:
                    if c.article is not None:
                        for name in (c.law.name, c.law.title, c.cited_as):
                            found.setdefault((name, c.article), {})[act.id] = act
        t.memo["articles"] = {key: tuple(acts.values()) for key, acts in found.items()}
    return t.memo["articles"]


def citing(t: Traffic, law: str, article: int) -> list[Act]:
    """Acts any of whose texts cites `article` of `law` (its short name, its title, or the short
    name with the year as `basis` writes it: 道路交通安全法（2021）), in catalogue order."""
    law = law.strip().replace("(", "（").replace(")", "）")
    hits = {a.id for a in _articles(t).get((law, article), ())}
    return [act for act in t.acts.values() if act.id in hits]


def texts_read(t: Traffic) -> list[tuple[Instrument, Edition]]:
    """Every edition of a text the catalogue cites, in the order first cited: what the answers rest
    on, each with when it came into force and its registry note (what before it is not here)."""
    if "texts_read" not in t.memo:
        found: dict[tuple[str, int | None], tuple[Instrument, Edition]] = {}
        every = [b for act in t.acts.values() for b in bases(t, act)] + list(_rule_bases(t))
        for basis in every:
            for c in basis.cites:
                edition = c.law.edition(c.edition)
                if edition is not None:
                    found.setdefault((c.law.name, c.edition), (c.law, edition))
        t.memo["texts_read"] = list(found.values())
    return t.memo["texts_read"]


def _rule_bases(t: Traffic) -> Iterable[Basis]:
    """The procedural rules' bases: on the spot, Hebei's scope, paying, the points cycle, the 审验."""
    r = t.rules
    yield from (r.on_the_spot.basis, r.hebei_scope.basis, r.choice_basis, r.withheld_basis, r.cycle_before)
    p = r.payment
    yield from (p.basis, p.collect_basis, p.rate_basis, p.cap_basis)
    for pr in r.points:
        yield from (pr.cycle_basis, pr.full_basis, pr.study.basis, pr.exam_basis, pr.carry_basis,
                    pr.reduction_basis, pr.review_basis)
