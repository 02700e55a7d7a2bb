"""POST /v1/deadlines and /v1/deadlines/batch: one legal period, or ten thousand of them."""
from __future__ import annotations

import datetime as dt

import orjson
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validates_schema
from marshmallow.validate import OneOf, Range

from .. import ics, periods
from ..answers.deadlines import as_json, rules_json
from ..errors import DomainError
from . import ics as ics_http
from .fields import (RANGE_DOC, RULE_VERSIONS, CalendarDependent, Capped, DateRangeIn, Day, ErrorOut, RangeOut,
                     StepOut, Strict)
from .state import current

blp = Blueprint("deadlines", __name__, url_prefix="/v1/deadlines", description="期间计算")
MAX_AMOUNT = max(periods.LIMITS.values())
MAX_PAUSES = 100


class ExtensionIn(Strict):
    amount = fields.Integer(required=True, strict=True, validate=Range(1, MAX_AMOUNT))
    unit = fields.String(required=True, validate=OneOf(periods.UNITS))
    basis = fields.String(load_default=None)

    @validates_schema
    def within_limit(self, data, **kwargs):
        _check_amount(data)


class DeadlineIn(Strict):
    start = Day(required=True)
    amount = fields.Integer(required=True, strict=True, validate=Range(1, MAX_AMOUNT))
    unit = fields.String(required=True, validate=OneOf(periods.UNITS))
    direction = fields.String(load_default="after", validate=OneOf(("after", "before")))
    duty = fields.String(load_default="party", validate=OneOf(periods.DUTIES), metadata={
        "description": "向前计算的期限是谁的义务：party（当事人，最后一日逢休息日提前）或 authority（机关，不提前、不顺延，注明休息日）"})
    pauses = Capped(fields.Nested(DateRangeIn), MAX_PAUSES, load_default=list)
    extension = fields.Nested(ExtensionIn, load_default=None)
    provisional = fields.Boolean(load_default=False)
    steps = fields.Boolean(load_default=True, metadata={"description": "false 时省略 steps，批量计算更快"})

    @validates_schema
    def within_limit(self, data, **kwargs):
        _check_amount(data)

    def load(self, data, *, many=None, partial=None, unknown=None):
        """A well-formed item is taken by `fast_load` (the same dict, about 20× quicker: a third of
        a single request's time went here); anything else by the schema, with its own errors."""
        if not many and not partial and type(data) is dict:
            fast = fast_load(data)
            if fast is not None:
                return fast
        return super().load(data, many=many, partial=partial, unknown=unknown)


def _check_amount(data):
    unit, amount = data.get("unit"), data.get("amount")
    if unit in periods.LIMITS and isinstance(amount, int) and amount > periods.LIMITS[unit]:
        raise ValidationError(f"{unit} 期间不能超过 {periods.LIMITS[unit]}。", "amount")


class DeadlineOut(CalendarDependent):
    rule_versions = RULE_VERSIONS
    start = fields.Date()
    amount = fields.Integer()
    unit = fields.String()
    direction = fields.String()
    due = fields.Date()
    steps = fields.List(fields.Nested(StepOut))
    extension = fields.Dict(allow_none=True)
    range = fields.Nested(RangeOut, metadata=RANGE_DOC)


class _Items(fields.List):
    """A list of anything: a plain list is taken as it is, instead of visiting every item (10,000
    of them) through fields.Raw; each item is judged in its own slot (a null too: it failed the
    whole batch). Anything else gets the List's own errors."""

    def _deserialize(self, value, attr, data, **kwargs):
        if type(value) is list:
            return list(value)
        return super()._deserialize(value, attr, data, **kwargs)


class BatchIn(Strict):
    items = _Items(fields.Raw(allow_none=True), required=True)


class BatchOut(Schema):
    items = fields.List(fields.Dict(), metadata={"description": "与请求同序：期间答案或 {error: {...}}"})
    rule_versions = RULE_VERSIONS


def compute(args: dict, s=None, explain: bool = True):
    s = s or current()
    ext = args.get("extension")
    return periods.due(
        args["start"],
        periods.Period(args["amount"], args["unit"], args.get("direction", "after"), duty=args.get("duty", "party")),
        s.calendar,
        s.rules,
        pauses=[periods.DateRange(p["start"], p["end"], p.get("reason") or "依法不计入期间的时间", p.get("basis"))
                for p in args.get("pauses") or ()],
        extension=periods.Period(ext["amount"], ext["unit"]) if ext else None,
        extension_basis=ext.get("basis") if ext else None,
        provisional=args.get("provisional", False),
        explain=explain,
    )


@blp.route("")
class Deadline(MethodView):
    @blp.arguments(DeadlineIn())
    @blp.response(200, DeadlineOut)
    @blp.alt_response(422, schema=ErrorOut)
    @blp.doc(**ics_http.doc_also(DeadlineOut))
    def post(self, args):
        """The due date of one period, with each rule applied and its legal basis.

        With `Accept: text/calendar` the same answer comes as one all-day iCalendar event on the due
        date, its steps in DESCRIPTION."""
        d = compute(args)
        if ics_http.wants_calendar():
            return _calendar(d, args)
        return _json(as_json(d, args["steps"]))


def _calendar(d: periods.Due, args: dict):
    units = current().rules.units
    summary = f"期限届满：自 {d.start.isoformat()} 起 {d.period.amount}{units.get(d.period.unit, d.period.unit)}"
    if d.provisional:
        summary += "（推定）"
    lines = ics.step_lines(d.steps)
    if d.range:
        lines += (f"实际日期可能在 {d.range[0].isoformat()} 至 {d.range[1].isoformat()} 之间（本系统尚未收录当年的国务院节假日安排）",)
    question = {k: v for k, v in args.items() if k != "steps"}
    return ics_http.due_dates([ics.DueEvent("due", d.due, summary, lines)], question, "期限", "deadline")


_item_schema = DeadlineIn()
_DIRECTIONS = ("after", "before")
_ITEM_KEYS = frozenset(DeadlineIn().fields)
_PAUSE_KEYS = frozenset(("start", "end", "reason"))
_EXTENSION_KEYS = frozenset(("amount", "unit", "basis"))


def _day(value) -> dt.date | None:
    """A plain YYYY-MM-DD within the Day bounds, or None (then the schema decides, and words the error)."""
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if periods.FIRST_DAY <= day <= periods.LAST_DAY else None


_LIMITS = {unit: min(MAX_AMOUNT, limit) for unit, limit in periods.LIMITS.items()}


def _amount(value, unit) -> bool:
    limit = _LIMITS.get(unit) if type(unit) is str else None
    return type(value) is int and limit is not None and 1 <= value <= limit


def fast_load(item: dict) -> dict | None:
    """The common, well-formed item loaded without marshmallow: the same dict `DeadlineIn().load`
    returns, or None for anything it would not accept exactly so (the schema then answers, with
    its own error messages). Only narrows what is accepted, so behaviour is unchanged."""
    if not item.keys() <= _ITEM_KEYS or "duty" in item:  # a duty is the schema's to judge
        return None
    start, amount, unit = _day(item.get("start")), item.get("amount"), item.get("unit")
    if start is None or not _amount(amount, unit):
        return None
    direction = item.get("direction", "after")
    provisional, steps = item.get("provisional", False), item.get("steps", True)
    if direction not in _DIRECTIONS or type(provisional) is not bool or type(steps) is not bool:
        return None
    pauses = _pauses(item.get("pauses", []), _day)
    if pauses is None:
        return None
    extension = item.get("extension")
    if extension is not None:
        extension = _extension(extension)
        if extension is None:
            return None
        extension = dict(zip(("amount", "unit", "basis"), extension))
    return {"start": start, "amount": amount, "unit": unit, "direction": direction,
            "duty": "party",
            "pauses": [{"start": first, "end": last, "reason": reason, "basis": None} for first, last, reason in pauses],
            "extension": extension, "provisional": provisional, "steps": steps}


def _pauses(raw, day) -> list[tuple] | None:
    """(first, last, reason) of each pause in a well-formed list, each day read by `day` (to a date,
    or an ordinal; None refuses it), or None for anything the schema should judge."""
    if type(raw) is not list or len(raw) > MAX_PAUSES:
        return None
    out = []
    for p in raw:
        if type(p) is not dict or not p.keys() <= _PAUSE_KEYS:
            return None
        first, last, reason = day(p.get("start")), day(p.get("end")), p.get("reason")
        if first is None or last is None or last < first or not (reason is None or type(reason) is str):
            return None
        out.append((first, last, reason))
    return out


def _extension(raw) -> tuple[int, str, str | None] | None:
    """(amount, unit, basis) of a well-formed extension, or None for anything the schema should judge."""
    if type(raw) is not dict or not raw.keys() <= _EXTENSION_KEYS:
        return None
    amount, unit, basis = raw.get("amount"), raw.get("unit"), raw.get("basis")
    if not _amount(amount, unit) or not (basis is None or type(basis) is str):
        return None
    return amount, unit, basis


def plain_item(item, s) -> dict | None:
    """A well-formed item asking for no steps, answered on ordinals (`periods.due_plain`): the same
    dict `answer_item` gives, or None for anything else, which `answer_item` then takes (so
    behaviour is unchanged)."""
    if type(item) is not dict:
        return None
    get = item.get
    if get("steps") is not False or get("provisional", False) is not False or not item.keys() <= _ITEM_KEYS \
            or "duty" in item:
        return None
    start, amount, unit, direction = get("start"), get("amount"), get("unit"), get("direction", "after")
    if type(start) is not str or not _amount(amount, unit) or direction not in _DIRECTIONS:
        return None
    cal = s.calendar.published
    pauses, extension = (), None
    if "pauses" in item:
        read = _pauses(item["pauses"], lambda v: cal.ordinal(v) if type(v) is str else None)
        if read is None:
            return None
        pauses = sorted(((first, last) for first, last, _ in read), key=lambda p: p[0])  # as periods.due
    if get("extension") is not None:
        extension = _extension(item["extension"])
        if extension is None:
            return None
        extension = extension[:2]
    found = periods.due_plain(cal, start, amount, unit, direction == "before", pauses, extension)
    if found is None:
        return None
    due, first_year, last_year = found
    return {"start": start, "amount": amount, "unit": unit, "direction": direction, "due": due,
            "provisional": False,
            "calendar_years": [first_year] if first_year == last_year else list(range(first_year, last_year + 1))}


def answer_item(item, s=None) -> dict:
    if not isinstance(item, dict):
        return {"error": {"errors": {"_schema": ["每一项应为 JSON 对象"]}, "message": "输入有误"}}
    try:
        args = _item_schema.load(item)  # fast_load first, the schema only for the rest
    except ValidationError as err:
        return {"error": {"errors": err.messages, "message": "输入有误"}}
    try:
        return as_json(compute(args, s, explain=args["steps"]), args["steps"], with_rules=False)
    except DomainError as err:
        error = {"reason": err.reason, "message": err.message}
        if err.field:
            error["errors"] = {err.field: [err.message]}
        return {"error": error}


@blp.route("/batch")
class DeadlineBatch(MethodView):
    @blp.arguments(BatchIn())
    @blp.response(200, BatchOut)
    @blp.alt_response(413, schema=ErrorOut)
    def post(self, args):
        """Many periods in one call (nightly recomputation); a bad item fails only its own slot."""
        limit = current_app.config["BATCH_LIMIT"]
        if len(args["items"]) > limit:
            abort(413, message=f"批量条数 {len(args['items'])} 超过上限 {limit}")
        s = current()
        return _json({"items": [plain_item(item, s) or answer_item(item, s) for item in args["items"]],
                      "rule_versions": rules_json(s.rules.digest)})


def _json(answer: dict):
    """orjson instead of Flask's json.dumps: about ten times quicker on these plain dicts of str and
    int (a batch answer is 1.4-5.5 MB; jsonify was a third of a single request's view)."""
    try:
        data = orjson.dumps(answer)
    except TypeError:  # marshmallow keys a list item's errors by its index (an int): {"pauses": {0: ...}}
        data = orjson.dumps(answer, option=orjson.OPT_NON_STR_KEYS, default=str)
    return current_app.response_class(data, mimetype="application/json")
