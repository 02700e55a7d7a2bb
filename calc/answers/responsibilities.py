"""The JSON of the responsibility list (责任清单 一、二): GET /v1/responsibilities and its entries.

An entry is one of three kinds (a duty, a case category, a boundary matter) with the keys of its
kind; calc.responsibilities builds them (the page shows the same entries), so every key but the
common ones may be absent.
"""
from typing import Literal, TypedDict

from .cites import Citation, Cites


class PartOut(TypedDict):
    department: str
    part: str


class ItemOut(TypedDict, total=False):
    kind: Literal["duty", "case-category", "boundary"]
    id: str
    matter: str
    unit: str | None
    units: list[str]
    departments: list[PartOut]
    matched_departments: list[str]
    main_duty: str
    main_no: int
    no: int
    category: str | None
    name: str
    count: int
    also: str | None
    laws: list[str]
    example: str
    note: str | None
    seed: str
    basis: str
    cites: Cites
    citation: Citation


class ItemsOut(TypedDict):
    q: str | None
    count: int
    items: list[ItemOut]


def items_json(q: str | None, items: list[ItemOut]) -> ItemsOut:
    """The entries a search found, with the words searched and how many."""
    return {"q": q, "count": len(items), "items": items}
