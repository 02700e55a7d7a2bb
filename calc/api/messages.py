"""The message table: every input error the schemas can raise, as a machine `code` and a Chinese text.

`errors` (field -> messages) keeps the words it always had, so stored integrations do not break;
`details` ([{field, code, message}], API.md "Additions in version 1") is built from this table.
A message is recognised in one of two ways:
- a `Coded` string, which carries its code and Chinese text (our own validators and fields), or
- its text, matched against the templates below: marshmallow's own English messages (every field
  and validator message of marshmallow 4, see tests/api/test_errors_api.py) and the Chinese
  messages the schemas already wrote.
"""
from __future__ import annotations

import re

from marshmallow import ValidationError
from marshmallow.validate import Length

CODES = ("required", "unknown_field", "invalid_type", "invalid_date", "out_of_range", "not_one_of",
         "too_long", "too_many")


class Coded(str):
    """A message that keeps its words (for `errors`) and knows its code and Chinese text (for
    `details`). marshmallow formats messages with `str.format`, so `format` keeps the code."""

    code: str
    zh: str

    def __new__(cls, text: str, code: str, zh: str | None = None):
        out = super().__new__(cls, text)
        out.code, out.zh = code, text if zh is None else zh
        return out

    def format(self, *args, **kwargs):
        return Coded(str.format(self, *args, **kwargs), self.code, self.zh.format(*args, **kwargs))

    def __reduce__(self):
        return Coded, (str(self), self.code, self.zh)

    def __deepcopy__(self, memo):
        return self


# English template (marshmallow 4) or our own Chinese text -> (code, Chinese template).
# Placeholders are read back out of the English text, so the Chinese says the same limits.
_RANGE = {
    "Must be greater than or equal to {min}.": "应不小于 {min}。",
    "Must be greater than {min}.": "应大于 {min}。",
    "Must be less than or equal to {max}.": "应不大于 {max}。",
    "Must be less than {max}.": "应小于 {max}。",
}
TABLE: dict[str, tuple[str, str]] = {
    # marshmallow.fields
    "Missing data for required field.": ("required", "缺少必填字段。"),
    "Field may not be null.": ("invalid_type", "不能为 null。"),
    "Invalid value.": ("invalid_type", "取值无效。"),
    "Invalid type.": ("invalid_type", "应为 JSON 对象。"),
    "Not a valid list.": ("invalid_type", "应为数组。"),
    "Not a valid tuple.": ("invalid_type", "应为数组。"),
    "Not a valid string.": ("invalid_type", "应为字符串。"),
    "Not a valid utf-8 string.": ("invalid_type", "应为 UTF-8 字符串。"),
    "Not a valid UUID.": ("invalid_type", "应为 UUID。"),
    "Not a valid number.": ("invalid_type", "应为数字。"),
    "Number too large.": ("out_of_range", "数值过大。"),
    "Not a valid integer.": ("invalid_type", "应为整数（不带小数点，不加引号）。"),
    "Special numeric values (nan or infinity) are not permitted.": ("invalid_type", "不接受 NaN 或无穷大。"),
    "Not a valid boolean.": ("invalid_type", "应为 true 或 false。"),
    "Not a valid date.": ("invalid_date", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    "Not a valid datetime.": ("invalid_date", "日期时间格式应为 YYYY-MM-DDTHH:MM[:SS]。"),
    "Not a valid time.": ("invalid_date", "时间格式应为 HH:MM[:SS]。"),
    "Not a valid {awareness} {obj_type}.": ("invalid_date", "日期时间的时区写法不被接受。"),
    "Not a valid {obj_type}.": ("invalid_date", "日期或时间的格式不对。"),
    '"{input}" cannot be formatted as a {obj_type}.': ("invalid_date", "无法按日期格式输出。"),
    '"{input}" cannot be formatted as a date.': ("invalid_date", "无法按日期格式输出。"),
    "Not a valid period of time.": ("invalid_type", "应为时长。"),
    "{input!r} cannot be formatted as a timedelta.": ("invalid_type", "应为时长。"),
    "Not a valid mapping type.": ("invalid_type", "应为 JSON 对象。"),
    "Not a valid URL.": ("invalid_type", "应为 URL。"),
    "Not a valid email address.": ("invalid_type", "应为电子邮件地址。"),
    "Not a valid IP address.": ("invalid_type", "应为 IP 地址。"),
    "Not a valid IPv4 address.": ("invalid_type", "应为 IPv4 地址。"),
    "Not a valid IPv6 address.": ("invalid_type", "应为 IPv6 地址。"),
    "Not a valid IP interface.": ("invalid_type", "应为 IP 网段。"),
    "Not a valid IPv4 interface.": ("invalid_type", "应为 IPv4 网段。"),
    "Not a valid IPv6 interface.": ("invalid_type", "应为 IPv6 网段。"),
    "Must be one of: {choices}.": ("not_one_of", "应为以下之一：{choices}。"),
    "Not a valid choice.": ("not_one_of", "不是可选的值。"),
    # marshmallow.Schema
    "Invalid input type.": ("invalid_type", "应为 JSON 对象。"),
    "Unknown field.": ("unknown_field", "未知字段（请检查拼写）。"),
    # marshmallow.validate
    **{text: ("out_of_range", zh) for text, zh in _RANGE.items()},
    **{f"Must be {a} {{min}} and {b} {{max}}.": ("out_of_range", "应在 {min} 至 {max} 之间。")
       for a in ("greater than or equal to", "greater than") for b in ("less than or equal to", "less than")},
    "Shorter than minimum length {min}.": ("out_of_range", "长度不能小于 {min}。"),
    "Longer than maximum length {max}.": ("too_long", "长度不能超过 {max}。"),
    "Length must be between {min} and {max}.": ("out_of_range", "长度应在 {min} 至 {max} 之间。"),
    "Length must be {equal}.": ("out_of_range", "长度应为 {equal}。"),
    "Must be equal to {other}.": ("not_one_of", "应等于 {other}。"),
    "String does not match expected pattern.": ("invalid_type", "格式不符合要求。"),
    "Invalid input.": ("invalid_type", "取值无效。"),
    "One or more of the choices you made was not in: {choices}.": ("not_one_of", "有取值不在 {choices} 之中。"),
    "One or more of the choices you made was in: {values}.": ("not_one_of", "有取值属于不允许的 {values}。"),
    # the schemas' own words (already Chinese)
    "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。": ("invalid_date", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    "日期应在 1900-01-01 至 2200-12-31 之间。": ("out_of_range", "日期应在 1900-01-01 至 2200-12-31 之间。"),
    "日期格式应为 YYYY-MM-DD，且在 1900-01-01 至 2200-12-31 之间。":
        ("invalid_date", "日期格式应为 YYYY-MM-DD，且在 1900-01-01 至 2200-12-31 之间。"),
    "结束日不能早于开始日。": ("out_of_range", "结束日不能早于开始日。"),
    "{unit} 期间不能超过 {limit}。": ("out_of_range", "{unit} 期间不能超过 {limit}。"),
    "应为日期 YYYY-MM-DD，或日期时间 YYYY-MM-DDTHH:MM（北京时间，不带时区）。":
        ("invalid_date", "应为日期 YYYY-MM-DD，或日期时间 YYYY-MM-DDTHH:MM（北京时间，不带时区）。"),
    "应为 true、false 或正整数（延长的单位数）。": ("invalid_type", "应为 true、false 或正整数（延长的单位数）。"),
    "每一项应为 JSON 对象": ("invalid_type", "每一项应为 JSON 对象。"),
}

# The message any text not in the table gets (a schema added later with words of its own): its
# own words, and the most general code. tests/api/test_errors_api.py keeps the table complete.
FALLBACK = "invalid_type"


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)(?:![rsa])?\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts))
    return re.compile(regex + r"\Z", re.S)


_PLAIN = {t: v for t, v in TABLE.items() if "{" not in t}
# longest first: "Must be ... {min} and ... {max}." before "Must be ... {min}."
_TEMPLATES = [(_pattern(t), v) for t, v in sorted(TABLE.items(), key=lambda item: -len(item[0])) if "{" in t]


def explain(message: str) -> tuple[str, str]:
    """(code, Chinese message) of one error message."""
    if isinstance(message, Coded):
        return message.code, message.zh
    known = _PLAIN.get(message)
    if known is not None:
        return known
    for pattern, (code, zh) in _TEMPLATES:
        found = pattern.match(message)
        if found:
            return code, zh.format(**found.groupdict())
    return FALLBACK, message


class MaxItems(Length):
    """At most `max` items (`maxItems` in the OpenAPI document, as Length gives), said in Chinese in
    `errors` too: the lambda it replaces was never enforced (marshmallow 4 ignored it), so no v1
    words stand in the way."""

    def __init__(self, max: int):  # noqa: A002
        super().__init__(max=max)

    def __call__(self, value):
        if len(value) > self.max:
            raise ValidationError(Coded(f"最多 {self.max} 项。", "too_many"))
        return value


class MaxLength(Length):
    """At most `max` characters (`maxLength`), in Chinese like MaxItems."""

    def __init__(self, max: int):  # noqa: A002
        super().__init__(max=max)

    def __call__(self, value):
        if len(value) > self.max:
            raise ValidationError(Coded(f"长度不能超过 {self.max} 个字符。", "too_long"))
        return value
