"""职责分工查询: which unit carries which duty, and who does what in the shared matters.

Calls `Responsibilities.search` as GET /v1/responsibilities does."""
from __future__ import annotations

from flask import render_template, request

from ..app_state import current
from ..errors import DomainError
from ..labels import RESPONSIBILITY_KINDS
from .blueprint import bp
from .forms import Form

KINDS = {"": "全部", **RESPONSIBILITY_KINDS}


def _units(book) -> dict[str, str]:
    """Every unit the list names, the work's and the case categories', for the unit filter."""
    units = {"": "全部单位", **{u: u for u in book.units()}}
    for c in book.categories:
        units.setdefault(c.unit, c.unit)
    return units


def _search(form: Form, book, q: str, kind: str) -> list[dict]:
    if not form.ok:
        return []
    try:
        return book.search(q or None, kind or None)
    except DomainError as exc:
        form.fail("q" if exc.field == "q" else "kind", exc.message.rstrip("。") + "。")
        return []


def _by_unit(items: list[dict], unit: str) -> dict[str, list[dict]]:
    """The work (not the boundaries) under each unit that carries it, or under the one asked for."""
    groups: dict[str, list[dict]] = {}
    for it in items:
        if it["kind"] == "boundary":
            continue
        for u in it.get("units") or ["清单未写明承担单位"]:
            if not unit or u == unit:
                groups.setdefault(u, []).append(it)
    return groups


@bp.get("/responsibilities")
def responsibilities():
    """Grouped by the unit that carries the work (a duty shared by two units is listed under both),
    boundaries with other departments apart; a unit filter narrows to one unit's work."""
    book = current().responsibilities
    form = Form(request.args)
    q = form.raw("q")
    kind = form.choice("kind", "类别", KINDS, default="") if form.raw("kind") else ""
    units = _units(book)
    unit = form.choice("unit", "承担单位", units, default="") if form.raw("unit") else ""
    items = _search(form, book, q, kind)
    if unit:
        items = [it for it in items if unit in it.get("units", ())]
    groups = _by_unit(items, unit)
    boundaries = [it for it in items if it["kind"] == "boundary"]
    return render_template("responsibilities.html", form=form, q=q, kind=kind, kinds=KINDS, unit=unit,
                           units=units, items=items, groups=groups, boundaries=boundaries,
                           narrowed=bool(q or kind or unit)), 200 if form.ok else 422
