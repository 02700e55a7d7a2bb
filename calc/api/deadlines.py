"""POST /v1/deadlines and /v1/deadlines/batch: one legal period, or ten thousand of them."""
from __future__ import annotations

import datetime as dt

import orjson
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, OneOf, Range

from .. import periods
from ..periods.fast import PERIODS as _PERIODS, period as _period  # the periods a batch repeats, made once
from ..answers.deadlines import as_json, rules_json
from ..errors import DomainError
from . import errors, metrics
from . import ics as ics_http
from .fields import (RANGE_DOC, RULE_VERSIONS, CalendarDependent, Capped, DateRangeIn, Day, ErrorOut, Flag,
                     RangeOut, StepOut, Strict)
from .messages import MaxItems  # noqa: F401
from .state import current

blp = Blueprint("deadlines", __name__, url_prefix="/v1/deadlines", description="期间计算")
MAX_AMOUNT = max(periods.LIMITS.values())
MAX_PAUSES = 100
MAX_REF = 64


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
    provisional = Flag(load_default=False)
    steps = Flag(load_default=True, metadata={"description": "false 时省略 steps，批量计算更快"})
    ref = fields.String(validate=Length(max=MAX_REF),
                        metadata={"description": "调用方自己的编号（至多 64 个字符），原样写回答案或错误"})

    @validates_schema
    def within_limit(self, data, **kwargs):
        _check_amount(data)

    def load(self, data, *, many=None, partial=None, unknown=None):
        """`read`: a well-formed item is taken by `fast_load` (the same dict, about 20× quicker: a
        third of a single request's time went here); anything else by the schema, with its errors."""
        if not many and not partial and unknown is None:
            return read(data)
        return super().load(data, many=many, partial=partial, unknown=unknown)


def _check_amount(data):
    unit, amount = data.get("unit"), data.get("amount")
    if unit in periods.LIMITS and isinstance(amount, int) and amount > periods.LIMITS[unit]:
        raise ValidationError(f"{unit} 期间不能超过 {periods.LIMITS[unit]}。", "amount")


class DeadlineOut(CalendarDependent):
    """What calc.answers.deadlines.as_json sends (its keys are checked against this schema in
    tests/api/test_shapes.py). `required` is for the document: a generated client tells a batch
    slot's answer from its error by these keys."""

    rule_versions = RULE_VERSIONS
    start = fields.Date(required=True)
    amount = fields.Integer(required=True)
    unit = fields.String(required=True)
    direction = fields.String(required=True)
    due = fields.Date(required=True)
    provisional = fields.Boolean(required=True)
    calendar_years = fields.List(fields.Integer(), required=True)
    steps = fields.List(fields.Nested(StepOut), metadata={"description": "计算步骤（steps: false 时省略）"})
    range = fields.Nested(RangeOut, metadata=RANGE_DOC)
    ref = fields.String(metadata={"description": "请求中的 ref，原样写回"})


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
    """periods.due on a read body (the domain chooses how to count: without steps it skips them)."""
    s = s or current()
    ext, pauses = args["extension"], args["pauses"]  # `read` gives every key (the schema's defaults)
    if pauses:
        pauses = [periods.DateRange(p["start"], p["end"], p.get("reason") or "依法不计入期间的时间", p.get("basis"))
                  for p in pauses]
    key = (args["amount"], args["unit"], args["direction"], args["duty"])
    period = _PERIODS.get(key) or _period(*key)  # fast.period's look-up written out: every item passes here
    return periods.due(args["start"], period, s.calendar, s.rules, pauses=pauses or (),
                       extension=_period(ext["amount"], ext["unit"]) if ext else None,
                       provisional=args["provisional"], extension_basis=ext["basis"] if ext else None,
                       explain=explain)


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
        return _json(answer_of(d, args))


def _calendar(d: periods.Due, args: dict):
    return ics_http.deadline(d, {k: v for k, v in args.items() if k != "steps"})


_item_schema = DeadlineIn()
_DIRECTIONS = ("after", "before")
_ITEM_KEYS = frozenset(DeadlineIn().fields)
_FAST_KEYS = _ITEM_KEYS - {"duty"}
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
_from_iso, _FIRST_DAY, _LAST_DAY = dt.date.fromisoformat, periods.FIRST_DAY, periods.LAST_DAY


def _amount(value, unit) -> bool:
    limit = _LIMITS.get(unit) if type(unit) is str else None
    return type(value) is int and limit is not None and 1 <= value <= limit


def fast_load(item: dict) -> dict | None:
    """The common, well-formed item loaded without marshmallow: the same dict `DeadlineIn().load`
    returns, or None for anything it would not accept exactly so (the schema then answers, with
    its own error messages). Only narrows what is accepted, so behaviour is unchanged."""
    if not item.keys() <= _FAST_KEYS:  # a duty is the schema's to judge
        return None
    get = item.get
    start, amount, unit = get("start"), get("amount"), get("unit")
    # _amount and _day written out: this is every batch item's first step (python -m bench --only batch)
    limit = _LIMITS.get(unit) if type(unit) is str else None
    if limit is None or type(amount) is not int or not 1 <= amount <= limit \
            or type(start) is not str or len(start) != 10 or start[4] != "-" or start[7] != "-":
        return None
    try:
        start = _from_iso(start)
    except ValueError:
        return None
    if not _FIRST_DAY <= start <= _LAST_DAY:
        return None
    size = len(item)
    if size == 3 or size == 4 and "steps" in item:  # the commonest items: nothing else to read
        steps = get("steps", True)
        if type(steps) is not bool:
            return None
        return {"start": start, "amount": amount, "unit": unit, "direction": "after", "duty": "party",
                "pauses": [], "extension": None, "provisional": False, "steps": steps}
    direction = get("direction", "after")
    provisional, steps = get("provisional", False), get("steps", True)
    if direction not in _DIRECTIONS or type(provisional) is not bool or type(steps) is not bool:
        return None
    pauses = get("pauses")
    if pauses is not None or "pauses" in item:
        pauses = _pauses(pauses, _day)
        if pauses is None:
            return None
    extension = get("extension")
    if extension is not None:
        extension = _extension(extension)
        if extension is None:
            return None
        extension = dict(zip(("amount", "unit", "basis"), extension))
    out = {"start": start, "amount": amount, "unit": unit, "direction": direction, "duty": "party",
           "pauses": [{"start": first, "end": last, "reason": reason, "basis": None} for first, last, reason in pauses]
           if pauses else [],
           "extension": extension, "provisional": provisional, "steps": steps}
    if "ref" in item:
        ref = item["ref"]
        if type(ref) is not str or len(ref) > MAX_REF:
            return None
        out["ref"] = ref
    return out


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


def read(item) -> dict:
    """The one reader of a deadline body, for POST /v1/deadlines (through `DeadlineIn.load`) and for
    each batch item alike: `fast_load` for a well-formed body, else the schema, with its errors.
    Raises ValidationError."""
    if type(item) is dict:
        fast = fast_load(item)
        if fast is not None:
            return fast
    return Schema.load(_item_schema, item)


def answer(args: dict, s=None, with_rules: bool = True) -> dict:
    """The answer to one read body: the domain chooses how to count (without steps it skips them).
    A batch's items leave out `rule_versions`, which the batch says once beside them."""
    return answer_of(compute(args, s, explain=args["steps"]), args, with_rules)


def answer_of(d: periods.Due, args: dict, with_rules: bool = True) -> dict:
    out = as_json(d, args["steps"], with_rules=with_rules)
    if "ref" in args:
        out["ref"] = args["ref"]
    return out


def _ref(item) -> str | None:
    ref = item.get("ref") if type(item) is dict else None
    return ref if type(ref) is str and len(ref) <= MAX_REF else None


def answer_item(item, s=None) -> dict:
    """One batch slot: the answer, or {"error": <the body the single endpoint would send>}, with
    the item's `ref` echoed either way (when it is a valid one)."""
    if not isinstance(item, dict):
        return {"error": errors.input_error({"_schema": ["每一项应为 JSON 对象"]}, errors.INPUT_MESSAGE)}
    try:
        args = read(item)
        steps = args["steps"]
        # `answer` written out (answer_of, as_json without rule_versions): every slot passes here
        out = as_json(compute(args, s, steps), steps, False)
        if "ref" in args:
            out["ref"] = args["ref"]
        return out
    except ValidationError as err:
        slot = {"error": errors.input_error(err.messages, errors.INPUT_MESSAGE)}
    except DomainError as err:
        slot = {"error": errors.domain_body(err)}
    ref = _ref(item)
    if ref is not None:
        slot["ref"] = ref
    return slot


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
        metrics.observe_batch(len(args["items"]))
        s = current()
        return _json({"items": [answer_item(item, s) for item in args["items"]],
                      "rule_versions": rules_json(s.rules.digest)})


def _json(payload: dict):
    """orjson instead of Flask's json.dumps: about ten times quicker on these plain dicts of str and
    int (a batch answer is 1.4-5.5 MB; jsonify was a third of a single request's view)."""
    try:
        data = orjson.dumps(payload)
    except TypeError:  # marshmallow keys a list item's errors by its index (an int): {"pauses": {0: ...}}
        data = orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS, default=str)
    return current_app.response_class(data, mimetype="application/json")
