"""Schema pieces every area's requests share (a legal date, a pause, capped lists), and the error body.

The answers' shapes are TypedDicts in calc/answers (calc/api/shapes.py documents them)."""
from __future__ import annotations

import datetime as dt

from marshmallow import Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, Range

from ..periods import FIRST_DAY, LAST_DAY
from .messages import CODES, Coded

# Every `reason` an error can carry (the OpenAPI enum): the HTTP ones, the domain's (`invalid`,
# `calendar_gap`, `not_found`) and those of API.md "Additions in version 1".
REASONS = ("invalid_input", "invalid", "calendar_gap", "not_found", "too_large", "bad_json", "bad_request",
           "unsupported_media_type", "method_not_allowed", "not_ready")


# The schemas' own messages, Coded where they are written (calc/api/messages.py).
NOT_A_DAY = Coded("日期格式应为 YYYY-MM-DD，且须为真实存在的日期。", "invalid_date")
OUTSIDE_DAYS = Coded("日期应在 1900-01-01 至 2200-12-31 之间。", "out_of_range")
ENDS_BEFORE_START = Coded("结束日不能早于开始日。", "out_of_range")
# a date in an address (GET /v1/calendar/{date})
NOT_A_DAY_OR_OUTSIDE = Coded("日期格式应为 YYYY-MM-DD，且在 1900-01-01 至 2200-12-31 之间。", "invalid_date")


class Day(fields.Date):
    """An ISO date between 1900-01-01 and 2200-12-31 (anything else is a typo, not a case)."""

    default_error_messages = {"invalid": NOT_A_DAY}

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", Range(FIRST_DAY, LAST_DAY, error=OUTSIDE_DAYS))
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) != 10:
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


def at_most(limit: int, unit: str = "项") -> Length:
    """A documented cap that is enforced: marshmallow 4 ignores a validator that returns False
    (`lambda v: len(v) <= 100` let 340,000 pauses through), so caps are validators that raise."""
    code = "too_long" if unit == "个字符" else "too_many"
    return Length(max=limit, error=Coded(f"最多 {{max}} {unit}。", code))


def too_many(limit: int) -> Coded:
    """A Capped list's words when it is over its cap."""
    return Coded(f"最多 {limit} 项。", "too_many")


class Capped(fields.List):
    """A list with a documented cap, checked before any item is read (340,000 pauses must not be
    read one by one to be refused), whose items stop being read after MAX_ERRORS bad ones: the
    errors of 10,000 batch items with 30 bad pauses each took 90 MB and 20 s to build."""

    MAX_ERRORS = 10

    def __init__(self, inner, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("validate", at_most(limit))  # also maxItems in /openapi.json
        super().__init__(inner, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, (list, tuple)):
            raise self.make_error("invalid")
        if len(value) > self.limit:
            raise ValidationError(too_many(self.limit))
        result, errors = [], {}
        for index, item in enumerate(value):
            try:
                result.append(self.inner.deserialize(item, **kwargs))
            except ValidationError as error:
                errors[index] = error.messages
                if len(errors) >= self.MAX_ERRORS:
                    break
        if errors:
            raise ValidationError(errors, valid_data=result)
        return result


class Flag(fields.Boolean):
    """true or false, as API.md writes it: marshmallow's Boolean also takes 0, 1, "yes", "on"...,
    which the OpenAPI document cannot say and a generated client never sends."""

    def _deserialize(self, value, attr, data, **kwargs):
        if type(value) is not bool:
            raise self.make_error("invalid")
        return value


class Strict(Schema):
    """Unknown fields are an error: a misspelt key must not be silently ignored."""


class DateRangeIn(Strict):
    start = Day(required=True)
    end = Day(required=True)
    reason = fields.String(load_default=None)
    basis = fields.String(load_default=None, metadata={"description": "不计入期间的法律依据（写入步骤）"})

    @validates_schema
    def ordered(self, data, **kwargs):
        if data["end"] < data["start"]:
            raise ValidationError(ENDS_BEFORE_START, "end")


class ErrorDetailOut(Schema):
    field = fields.String(metadata={"description": "出错的字段，如 start、pauses[0].end；整个请求体为 _schema"})
    code = fields.String(metadata={"enum": list(CODES), "description": "错误类别（机器可读）"})
    message = fields.String(metadata={"description": "中文说明"})


class ErrorOut(Schema):
    code = fields.Integer(metadata={"description": "HTTP 状态码"})
    status = fields.String(metadata={"description": "HTTP 状态名称"})
    reason = fields.String(metadata={"enum": list(REASONS), "description": "稳定的机器可读原因"})
    message = fields.String(metadata={"description": "给人看的中文说明（输入错误时点出前几处字段及其问题；程序请读 reason 与 details）"})
    errors = fields.Dict(metadata={"description": "字段 → 错误信息（自 v1 起的原有写法）"})
    details = fields.List(fields.Nested(ErrorDetailOut),
                          metadata={"description": "输入错误逐项列出：字段、错误类别、中文说明"})
    year = fields.Integer(metadata={"description": "calendar_gap：缺少哪一年的国务院节假日安排"})


def is_date(value) -> bool:
    return isinstance(value, dt.date)
