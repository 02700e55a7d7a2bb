"""What a deadline request body is (POST /v1/deadlines, each item of /v1/deadlines/batch): `read`,
the one reader that decides it, and DeadlineIn, which documents it in /openapi.json.

Why a reader of our own rather than marshmallow reading DeadlineIn: a batch reads 10,000 bodies,
and with marshmallow the whole batch took 2.4-2.8 times as long (docs/benchmarks.md).
`read` reads a body exactly as DeadlineIn documents it and refuses what DeadlineIn refuses with the
very errors marshmallow would give (the same messages from calc/api/messages.py, in the same order,
for the same fields): tests/api/test_deadline_body.py proves it both ways over generated bodies,
against marshmallow's own reading of DeadlineIn. So DeadlineIn stays a complete schema, but only
`read` ever reads a body (DeadlineIn.load is `read`).
"""
from __future__ import annotations

import datetime as dt

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, OneOf, Range

from .. import periods
from .fields import ENDS_BEFORE_START, NOT_A_DAY, OUTSIDE_DAYS, Capped, DateRangeIn, Day, Flag, Strict, too_many
from .messages import Coded, said

MAX_AMOUNT = max(periods.LIMITS.values())
MAX_PAUSES = 100
MAX_REF = 64
DIRECTIONS = ("after", "before")

# The validators DeadlineIn declares (and /openapi.json shows), which also word `read`'s refusals.
AMOUNT = Range(1, MAX_AMOUNT)
UNIT = OneOf(periods.UNITS)
DIRECTION = OneOf(DIRECTIONS)
DUTY = OneOf(periods.DUTIES)
REF = Length(max=MAX_REF)


def over_limit(unit: str) -> Coded:
    """An amount within AMOUNT but over its own unit's limit (2,600 workdays...)."""
    return Coded(f"{unit} 期间不能超过 {periods.LIMITS[unit]}。", "out_of_range")


def _check_amount(data):
    unit, amount = data.get("unit"), data.get("amount")
    if unit in periods.LIMITS and isinstance(amount, int) and amount > periods.LIMITS[unit]:
        raise ValidationError(over_limit(unit), "amount")


class ExtensionIn(Strict):
    amount = fields.Integer(required=True, strict=True, validate=AMOUNT)
    unit = fields.String(required=True, validate=UNIT)
    basis = fields.String(load_default=None)

    @validates_schema
    def within_limit(self, data, **kwargs):
        _check_amount(data)


class DeadlineIn(Strict):
    """The body, as /openapi.json documents it; `read` is how it is read."""

    start = Day(required=True)
    amount = fields.Integer(required=True, strict=True, validate=AMOUNT)
    unit = fields.String(required=True, validate=UNIT)
    direction = fields.String(load_default="after", validate=DIRECTION)
    duty = fields.String(load_default="party", validate=DUTY, metadata={
        "description": "向前计算的期限是谁的义务：party（当事人，最后一日逢休息日提前）或 authority（机关，不提前、不顺延，注明休息日）"})
    pauses = Capped(fields.Nested(DateRangeIn), MAX_PAUSES, load_default=list)
    extension = fields.Nested(ExtensionIn, load_default=None)
    provisional = Flag(load_default=False)
    steps = Flag(load_default=True, metadata={"description": "false 时省略 steps，批量计算更快"})
    ref = fields.String(validate=REF,
                        metadata={"description": "调用方自己的编号（至多 64 个字符），原样写回答案或错误"})

    @validates_schema
    def within_limit(self, data, **kwargs):
        _check_amount(data)

    def load(self, data, *, many=None, partial=None, unknown=None):
        """`read` (flask-smorest hands the body here): the schema documents, `read` reads."""
        if many or partial or unknown not in (None, RAISE):
            raise TypeError("a deadline body is read whole, by calc.api.deadline_body.read")
        return read(data)


# -- the reader -----------------------------------------------------------------------------------
# Each field's reader takes the body's value (MISSING when the key is absent) and gives the value
# read (MISSING: leave the key out), or raises ValidationError with the messages marshmallow would
# give for that field of DeadlineIn.

MISSING = object()
REQUIRED, NULL = said(fields.Field, "required"), said(fields.Field, "null")
NOT_AN_OBJECT, UNKNOWN = said(Schema, "type"), said(Schema, "unknown")
NOT_A_STRING, NOT_AN_INTEGER = said(fields.String, "invalid"), said(fields.Integer, "invalid")
NOT_A_LIST, NOT_A_FLAG = said(fields.List, "invalid"), said(Flag, "invalid")
TOO_MANY_PAUSES = too_many(MAX_PAUSES)
_from_iso, _FIRST_DAY, _LAST_DAY = dt.date.fromisoformat, periods.FIRST_DAY, periods.LAST_DAY


def _absent(value, default):
    """`default` for an absent key (REQUIRED: refused), or the refusal of a null."""
    if value is MISSING:
        if default is REQUIRED:
            raise ValidationError(REQUIRED)
        return default() if callable(default) else default
    raise ValidationError(NULL)


def _day(value):
    """A Day: a 10-character ISO date within 1900-01-01..2200-12-31 (calc/api/fields.py)."""
    if type(value) is str and len(value) == 10:
        try:
            day = _from_iso(value)
        except ValueError:
            raise ValidationError(NOT_A_DAY) from None
        if _FIRST_DAY <= day <= _LAST_DAY:
            return day
        raise ValidationError(OUTSIDE_DAYS)
    if value is MISSING or value is None:
        return _absent(value, REQUIRED)
    raise ValidationError(NOT_A_DAY)


def _amount(value):
    """A strict integer (not a bool, not 5.0) within AMOUNT."""
    if type(value) is int and 1 <= value <= MAX_AMOUNT:
        return value
    if value is MISSING or value is None:
        return _absent(value, REQUIRED)
    if type(value) is not int:
        raise ValidationError(NOT_AN_INTEGER)
    return AMOUNT(value)


def _choice(value, choice: OneOf, default):
    if type(value) is str and value in choice.choices:
        return value
    if value is MISSING or value is None:
        return _absent(value, default)
    if type(value) is not str:
        raise ValidationError(NOT_A_STRING)
    return choice(value)


# Each reader takes the common value at once and leaves the rest to the general reading.
_UNITS, _DUTIES = periods.UNITS, periods.DUTIES


def _unit(value):
    return value if type(value) is str and value in _UNITS else _choice(value, UNIT, REQUIRED)


def _direction(value):
    return value if type(value) is str and value in DIRECTIONS else _choice(value, DIRECTION, "after")


def _duty(value):
    return value if type(value) is str and value in _DUTIES else _choice(value, DUTY, "party")


def _flag(value, default: bool):
    if value is True or value is False:
        return value
    if value is MISSING or value is None:
        return _absent(value, default)
    raise ValidationError(NOT_A_FLAG)


def _provisional(value):
    return value if value is True or value is False else _flag(value, False)


def _steps(value):
    return value if value is True or value is False else _flag(value, True)


def _note(value):
    """An optional string that may be null (a pause's reason or basis, an extension's basis)."""
    if value is MISSING or value is None or type(value) is str:
        return None if value is MISSING else value
    raise ValidationError(NOT_A_STRING)


def _ref(value):
    if type(value) is str:
        return REF(value)
    if value is MISSING:
        return MISSING
    raise ValidationError(NULL if value is None else NOT_A_STRING)


def _pause(value):
    """One DateRangeIn; refused as the inner field of Capped refuses it."""
    if value is None:
        raise ValidationError(NULL)
    out = _object(value, _PAUSE)
    if out["end"] < out["start"]:  # DateRangeIn.ordered
        raise ValidationError({"end": [ENDS_BEFORE_START]})
    return out


def _pauses(value):
    """A Capped list of pauses: over the cap before any is read; at most Capped.MAX_ERRORS refused."""
    if type(value) is not list:
        if value is MISSING or value is None:
            return _absent(value, list)
        raise ValidationError(NOT_A_LIST)
    if len(value) > MAX_PAUSES:
        raise ValidationError(TOO_MANY_PAUSES)
    out, errors = [], {}
    for index, item in enumerate(value):
        try:
            out.append(_pause(item))
        except ValidationError as refused:
            errors[index] = refused.messages
            if len(errors) >= Capped.MAX_ERRORS:
                break
    if errors:
        raise ValidationError(errors)
    return out


def _extension(value):
    if value is MISSING or value is None:
        return None
    out = _object(value, _EXTENSION)
    if out["amount"] > periods.LIMITS[out["unit"]]:  # ExtensionIn.within_limit
        raise ValidationError({"amount": [over_limit(out["unit"])]})
    return out


def _object(body, readers: tuple[tuple[str, object], ...]) -> dict:
    """`body` read as marshmallow reads a schema: each field in its declared order, then an error
    for each unknown key (in the order marshmallow lists them, that of `set(body) - names`)."""
    if type(body) is not dict:
        raise ValidationError({"_schema": [NOT_AN_OBJECT]})
    out, errors = {}, {}
    get = body.get
    for name, reader in readers:
        try:
            value = reader(get(name, MISSING))
        except ValidationError as refused:
            errors[name] = refused.messages
            continue
        if value is not MISSING:
            out[name] = value
    names = _NAMES[readers]
    if not names.issuperset(body):
        for key in set(body) - names:
            errors[key] = [UNKNOWN]
    if errors:
        raise ValidationError(errors)
    return out


_DEADLINE = (("start", _day), ("amount", _amount), ("unit", _unit), ("direction", _direction), ("duty", _duty),
             ("pauses", _pauses), ("extension", _extension), ("provisional", _provisional), ("steps", _steps),
             ("ref", _ref))
_PAUSE = (("start", _day), ("end", _day), ("reason", _note), ("basis", _note))
_EXTENSION = (("amount", _amount), ("unit", _unit), ("basis", _note))
_NAMES = {readers: {name for name, _ in readers} for readers in (_DEADLINE, _PAUSE, _EXTENSION)}


_READERS = dict(_DEADLINE)
# What a body that leaves a key out gets (MISSING: required; `pauses`: a new list each time).
_DEFAULTS = {"start": MISSING, "amount": MISSING, "unit": MISSING, "direction": "after", "duty": "party",
             "pauses": MISSING, "extension": None, "provisional": False, "steps": True}


def read(body) -> dict:
    """The deadline `body` read: {start, amount, unit, direction, duty, pauses, extension,
    provisional, steps[, ref]}, defaults filled in, as marshmallow loads DeadlineIn; or
    ValidationError with the messages it would give (one reader for POST /v1/deadlines, through
    DeadlineIn.load, and for each batch item).

    A body is read key by key as it comes (a batch's common item has three or four keys: quicker
    than visiting all ten fields); any problem, and the same readers go over it again in the
    declared order, as marshmallow does, so the errors come in its order."""
    if type(body) is dict:
        out = _DEFAULTS.copy()
        try:
            for key, value in body.items():
                out[key] = _READERS[key](value)
        except (KeyError, ValidationError):  # an unknown key, a refused value: worded below
            pass
        else:
            amount, unit = out["amount"], out["unit"]
            if out["start"] is not MISSING and amount is not MISSING and unit is not MISSING \
                    and amount <= periods.LIMITS[unit]:
                if out["pauses"] is MISSING:
                    out["pauses"] = []
                return out
    out = _object(body, _DEADLINE)
    if out["amount"] > periods.LIMITS[out["unit"]]:  # DeadlineIn.within_limit
        raise ValidationError({"amount": [over_limit(out["unit"])]})
    return out
