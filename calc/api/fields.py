"""Schema pieces every area shares: a legal date, a pause, a step, the calendar-dependence fields."""
from __future__ import annotations

import datetime as dt

from marshmallow import Schema, ValidationError, fields, validates_schema
from marshmallow.validate import Length, Range

from ..periods import FIRST_DAY, LAST_DAY


class Day(fields.Date):
    """An ISO date between 1900-01-01 and 2200-12-31 (anything else is a typo, not a case)."""

    default_error_messages = {"invalid": "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"}

    def __init__(self, **kwargs):
        kwargs.setdefault("validate", Range(FIRST_DAY, LAST_DAY, error="日期应在 1900-01-01 至 2200-12-31 之间。"))
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and len(value) != 10:
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


def at_most(limit: int, unit: str = "项") -> Length:
    """A documented cap that is enforced: marshmallow 4 ignores a validator that returns False
    (`lambda v: len(v) <= 100` let 340,000 pauses through), so caps are validators that raise."""
    return Length(max=limit, error=f"最多 {{max}} {unit}。")


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
            raise ValidationError(f"最多 {self.limit} 项。")
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
            raise ValidationError("结束日不能早于开始日。", "end")


class StepOut(Schema):
    rule = fields.String()
    date = fields.Date()
    basis = fields.String()


class RangeOut(Schema):
    earliest = fields.Date(metadata={"description": "当年通知发布后，实际日期最早可能为此日"})
    latest = fields.Date(metadata={"description": "当年通知发布后，实际日期最迟可能为此日"})


class MomentRangeOut(Schema):
    """A timeline's dates are days, or moments where the law counts hours."""

    earliest = fields.String(metadata={"description": "当年通知发布后，实际日期最早可能为此日（YYYY-MM-DD）"})
    latest = fields.String(metadata={"description": "当年通知发布后，实际日期最迟可能为此日（YYYY-MM-DD）"})


RANGE_DOC = {"description": "仅推定日期：国务院当年通知发布后实际日期可能落入的区间"}


class RuleVersionOut(Schema):
    kind = fields.String(metadata={"enum": ["counting_rules", "procedure", "violation", "late_fee",
                                            "inspection_regime"]})
    id = fields.String()
    version = fields.String(allow_none=True, metadata={"description": "所用版本的名称（如有）"})
    effective = fields.Dict(allow_none=True, metadata={"description": "所用版本的施行期间 {from, until}"})
    digest = fields.String(metadata={"description": "该规则在时间表文件中内容的摘要；摘要变化即应重算已存的答案"})


RULE_VERSIONS = fields.List(fields.Nested(RuleVersionOut), metadata={
    "description": "答案所依据的规则及其版本与摘要（与 calendar_years 并列，供已存答案判断是否需要重算）"})


class CalendarDependent(Schema):
    """Every answer that depends on the holiday calendar says how far it relied on it."""

    provisional = fields.Boolean()
    calendar_years = fields.List(fields.Integer())


class ErrorOut(Schema):
    code = fields.Integer()
    status = fields.String()
    reason = fields.String()
    message = fields.String()
    errors = fields.Dict()
    field = fields.String()
    year = fields.Integer()


def is_date(value) -> bool:
    return isinstance(value, dt.date)
