"""The traffic pages' forms as the domain's questions, and the domain's refusals back at their fields.

Reading only: a number, an amount of yuan, the rows of points entries and reductions. Whether a
value is allowed (a limit of 0, an unknown vehicle class, a decision before the act) is calc.traffic's
to say, once for the API, the CLI and these pages; `explain` puts its sentence next to the field.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..errors import DomainError
from ..people_dates import normalise
from ..traffic import points
from ..traffic.payment import PaymentFacts
from .forms import Form, explain

# The domain's (the API's) field names as the form's field ids.
FIELDS = {"act_date": "act_date", "decision_date": "decision_date", "vehicle": "vehicle", "road": "road",
          "circumstances": "c", "over_percent": "over_percent", "total_over_percent": "total_over_percent",
          "seats": "seats", "served": "served", "paid": "paid", "fine": "fine", "limit": "limit",
          "measured": "measured"}
POINTS_FIELDS = {"first_licence": "first_licence", "on": "on", "vehicle": "licence", "previous_full": "previous_full",
                 "entries[*": "entry_points-{i}", "reductions[*": "reduction_kind-{i}", "bars*": "bars",
                 "review_facts*": "review_facts"}
# What the page asks for where the domain needs a fact the form left empty (its "请给出 vehicle …" is the API's).
ASKED = {"vehicle": "车型", "road": "道路类型", "over_percent": "超过的百分比", "total_over_percent": "超过最大允许总质量的百分比",
         "seats": "核定载客人数", "fine": "决定的罚款数额", "served": "收到决定书之日"}
_UNITS = re.compile(r"\s*(km/h|公里/小时|千米/小时|公里每小时|%|元)\s*$", re.I)
MOST = Decimal(10) ** 8


def number(form: Form, name: str, label: str, example: str, required: bool = True) -> Decimal | None:
    """A number as people type it (full-width digits, 1,250.50, a trailing km/h, % or 元)."""
    text = _UNITS.sub("", normalise(form.raw(name))).replace(",", "")
    if not text:
        if required:
            form.fail(name, f"请填写{label}。")
        return None
    try:
        value = Decimal(text)
        if not value.is_finite() or abs(value) > MOST:
            raise InvalidOperation
    except InvalidOperation:
        form.fail(name, f"{label}应为数字，例如 {example}。")
        return None
    return value


def payment(form: Form) -> PaymentFacts | None:
    """The payment facts, where the form gives any (as the API's served, paid, fine)."""
    served = form.date("served", "收到决定书之日", required=False)
    paid = form.date("paid", "缴纳之日", required=False)
    fine = number(form, "fine", "决定的罚款数额（元）", "200", required=False)
    if served is None and paid is None and fine is None:
        return None
    return PaymentFacts(served, paid, fine)


def _rows(form: Form, names: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The filled rows of parallel fields (entry_date/entry_points …), rows without a date or a value skipped."""
    lists = [form.raw_list(n) for n in names]
    rows = [tuple(values[i] if i < len(values) else "" for values in lists) for i in range(max(map(len, lists)))]
    return [r for r in rows if r[0] or r[1]]


def entries(form: Form) -> tuple[list[tuple[str, ...]], list[points.Entry]]:
    """The points entries as typed (for redisplay) and as the domain's: a date and the points, or
    a date and an act's id (scored as the assessment scores it), and whether its fine is unpaid (a
    select, not a checkbox: an unchecked box sends nothing and the rows would lose their order)."""
    rows, out = _rows(form, ("entry_date", "entry_points", "entry_fine")), []
    for k, (day_text, what, fine) in enumerate(rows):
        day = form.date(f"entry_date-{k}", f"第{k + 1}条记分的日期", text=day_text)
        what = normalise(what)
        unpaid = fine == "unpaid"
        if not what:
            form.fail(f"entry_points-{k}", f"请填写第{k + 1}条记分的分值（或违法行为编号）。")
        elif re.fullmatch(r"\d{1,2}", what):
            if day:
                out.append(points.Entry(day, int(what), unpaid=unpaid))
        elif day:
            out.append(points.Entry(day, None, what, unpaid=unpaid))
    return rows, out


def reductions(form: Form) -> tuple[list[tuple[str, ...]], list[points.Reduction]]:
    rows, out = _rows(form, ("reduction_date", "reduction_kind")), []
    for k, (day_text, kind) in enumerate(rows):
        day = form.date(f"reduction_date-{k}", f"第{k + 1}次扣减的申请日", text=day_text)
        if not kind:
            form.fail(f"reduction_kind-{k}", f"请选择第{k + 1}次扣减的方式。")
        elif day:
            out.append(points.Reduction(day, kind))
    return rows, out


def refuse(form: Form, exc: DomainError, fields: dict[str, str], fallback: str, given: dict | None = None):
    """The domain's refusal at its field; where it asks for a fact the form left empty, the page's
    own words ("请选择车型") rather than the API's field syntax."""
    target = fields.get(exc.field or "")
    if given is not None and exc.reason == "invalid" and exc.field in ASKED and not given.get(exc.field):
        form.fail(target or fallback, f"请填写或选择{ASKED[exc.field]}：本案的处罚或者记分因此而异。")
        return
    explain(form, exc, fields, fallback, gap_field="provisional")
