"""A basis as every answer carries it (API 1.1): the v1 `basis` text, beside it the references it
is made of (`cites`: law, edition, article, paragraph, item) and the decision-form `citation`
("《中华人民共和国治安管理处罚法》第五十一条第二款第（一）项"). Words that cite nothing (a caller's own
basis, a county's remark) have no references: `cites` is empty and `citation` null.
"""
from __future__ import annotations

from ..citations import Basis

_NONE = {"basis": None, "cites": [], "citation": None}


def cited(basis: "Basis | str | None") -> dict:
    if basis is None:
        return _NONE
    if type(basis) is Basis:
        return basis.answer
    return {"basis": basis, "cites": [], "citation": None}
