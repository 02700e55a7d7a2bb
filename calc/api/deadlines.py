"""POST /v1/deadlines and /v1/deadlines/batch: one legal period, or ten thousand of them."""
from __future__ import annotations

import orjson
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import ValidationError, fields

from .. import periods
from ..periods.fast import PERIODS as _PERIODS, period as _period  # the periods a batch repeats, made once
from ..answers.deadlines import BatchOut, DeadlineOut, as_json, rules_json
from ..errors import DomainError
from . import errors, metrics
from . import ics as ics_http
from .deadline_body import MAX_REF, DeadlineIn, read
from .fields import ErrorOut, Strict
from .messages import Coded
from .shapes import schema
from .state import current

blp = Blueprint("deadlines", __name__, url_prefix="/v1/deadlines", description="期间计算")
# a batch item that is not an object (its words since v1)
NOT_AN_OBJECT = Coded("每一项应为 JSON 对象", "invalid_type", "每一项应为 JSON 对象。")


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
    @blp.response(200, schema(DeadlineOut))
    @blp.alt_response(422, schema=ErrorOut)
    @blp.doc(**ics_http.doc_also(schema(DeadlineOut)))
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
        return {"error": errors.input_error({"_schema": [NOT_AN_OBJECT]}, errors.INPUT_MESSAGE)}
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
    @blp.response(200, schema(BatchOut))
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
