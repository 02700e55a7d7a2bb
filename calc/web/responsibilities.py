"""职责分工查询: which unit carries which duty, and who does what in the shared matters.

Calls `Responsibilities.search` as GET /v1/responsibilities does."""
from __future__ import annotations

from flask import render_template, request

from ..app_state import current
from ..errors import DomainError
from .blueprint import bp
from .forms import Form

KINDS = {"": "全部", "duty": "具体工作事项", "case-category": "刑事案件类别", "boundary": "与其他部门的职责边界"}


@bp.get("/responsibilities")
def responsibilities():
    form = Form(request.args)
    q = form.raw("q")
    kind = form.choice("kind", "类别", KINDS, default="") if form.raw("kind") else ""
    items = []
    if form.ok:
        try:
            items = current().responsibilities.search(q or None, kind or None)
        except DomainError as exc:
            form.fail("q" if exc.field == "q" else "kind", exc.message.rstrip("。") + "。")
    return render_template("responsibilities.html", form=form, q=q, kind=kind, kinds=KINDS,
                           items=items), 200 if form.ok else 422
