"""The message table: every input error the schemas can raise, as a machine `code` and a Chinese text.

`errors` (field -> messages) keeps the words it always had, so stored integrations do not break;
`details` ([{field, code, message}], API.md "Additions in version 1") is built from each message's
own code and Chinese words: every message is a `Coded` string, which is its v1 words and knows the
rest. marshmallow's messages are known by where they come from, not by their English: TABLE gives
(code, Chinese) for each field, schema and validator class and its error key, and `install` (once,
at import, before any schema is declared) puts a Coded message there that keeps marshmallow's own
English. The schemas' own messages are Coded where they are written (calc/api/fields.py...).
"""
from __future__ import annotations

import marshmallow
from marshmallow import ValidationError, fields, validate
from marshmallow.validate import Length

CODES = ("required", "unknown_field", "invalid_type", "invalid_date", "out_of_range", "not_one_of",
         "too_long", "too_many")


class Coded(str):
    """A message that keeps its words (for `errors`) and knows its code and Chinese text (for
    `details`). marshmallow formats messages with `str.format`, so `format` keeps the code, and says
    a Coded argument (Range's "greater than or equal to") in Chinese in the Chinese text."""

    code: str
    zh: str

    def __new__(cls, text: str, code: str, zh: str | None = None):
        out = super().__new__(cls, text)
        out.code, out.zh = code, text if zh is None else zh
        return out

    def format(self, *args, **kwargs):
        said = {key: getattr(value, "zh", value) for key, value in kwargs.items()}
        return Coded(str.format(self, *args, **kwargs), self.code, self.zh.format(*args, **said))

    def __reduce__(self):
        return Coded, (str(self), self.code, self.zh)

    def __deepcopy__(self, memo):
        return self


F, V = fields, validate
# (owner, key) -> (code, Chinese template). `owner` is a marshmallow field class (key: its error
# key), marshmallow.Schema (its error key) or a validator class (key: the attribute holding the
# message). The templates take the placeholders marshmallow formats the English with ({min}...).
TABLE: dict[tuple[type, str], tuple[str, str]] = {
    (F.Field, "required"): ("required", "缺少必填字段。"),
    (F.Field, "null"): ("invalid_type", "不能为 null。"),
    (F.Field, "validator_failed"): ("invalid_type", "取值无效。"),
    (F.Nested, "type"): ("invalid_type", "应为 JSON 对象。"),
    (F.List, "invalid"): ("invalid_type", "应为数组。"),
    (F.Tuple, "invalid"): ("invalid_type", "应为数组。"),
    (F.String, "invalid"): ("invalid_type", "应为字符串。"),
    (F.String, "invalid_utf8"): ("invalid_type", "应为 UTF-8 字符串。"),
    (F.UUID, "invalid_uuid"): ("invalid_type", "应为 UUID。"),
    (F.Number, "invalid"): ("invalid_type", "应为数字。"),
    (F.Number, "too_large"): ("out_of_range", "数值过大。"),
    (F.Integer, "invalid"): ("invalid_type", "应为整数（不带小数点，不加引号）。"),
    (F.Float, "special"): ("invalid_type", "不接受 NaN 或无穷大。"),
    (F.Decimal, "special"): ("invalid_type", "不接受 NaN 或无穷大。"),
    (F.Boolean, "invalid"): ("invalid_type", "应为 true 或 false。"),
    (F._TemporalField, "invalid"): ("invalid_date", "日期或时间的格式不对。"),
    (F._TemporalField, "invalid_awareness"): ("invalid_date", "日期时间的时区写法不被接受。"),
    (F._TemporalField, "format"): ("invalid_date", "无法按日期格式输出。"),
    (F.Date, "invalid"): ("invalid_date", "日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"),
    (F.Date, "format"): ("invalid_date", "无法按日期格式输出。"),
    (F.TimeDelta, "invalid"): ("invalid_type", "应为时长。"),
    (F.TimeDelta, "format"): ("invalid_type", "应为时长。"),
    (F.Mapping, "invalid"): ("invalid_type", "应为 JSON 对象。"),
    (F.Url, "invalid"): ("invalid_type", "应为 URL。"),
    (F.Email, "invalid"): ("invalid_type", "应为电子邮件地址。"),
    (F.IP, "invalid_ip"): ("invalid_type", "应为 IP 地址。"),
    (F.IPv4, "invalid_ip"): ("invalid_type", "应为 IPv4 地址。"),
    (F.IPv6, "invalid_ip"): ("invalid_type", "应为 IPv6 地址。"),
    (F.IPInterface, "invalid_ip_interface"): ("invalid_type", "应为 IP 网段。"),
    (F.IPv4Interface, "invalid_ip_interface"): ("invalid_type", "应为 IPv4 网段。"),
    (F.IPv6Interface, "invalid_ip_interface"): ("invalid_type", "应为 IPv6 网段。"),
    (F.Enum, "unknown"): ("not_one_of", "应为以下之一：{choices}。"),
    (marshmallow.Schema, "type"): ("invalid_type", "应为 JSON 对象。"),
    (marshmallow.Schema, "unknown"): ("unknown_field", "未知字段（请检查拼写）。"),
    # Range words its bounds first ({min_op}: the phrases below, in Chinese in the Chinese), then the numbers
    (V.Range, "message_min"): ("out_of_range", "应{min_op} {{min}}。"),
    (V.Range, "message_max"): ("out_of_range", "应{max_op} {{max}}。"),
    (V.Range, "message_all"): ("out_of_range", "应在 {{min}} 至 {{max}} 之间。"),
    (V.Range, "message_gte"): ("out_of_range", "不小于"),
    (V.Range, "message_gt"): ("out_of_range", "大于"),
    (V.Range, "message_lte"): ("out_of_range", "不大于"),
    (V.Range, "message_lt"): ("out_of_range", "小于"),
    (V.Length, "message_min"): ("out_of_range", "长度不能小于 {min}。"),
    (V.Length, "message_max"): ("too_long", "长度不能超过 {max}。"),
    (V.Length, "message_all"): ("out_of_range", "长度应在 {min} 至 {max} 之间。"),
    (V.Length, "message_equal"): ("out_of_range", "长度应为 {equal}。"),
    (V.OneOf, "default_message"): ("not_one_of", "应为以下之一：{choices}。"),
    (V.Equal, "default_message"): ("not_one_of", "应等于 {other}。"),
    (V.Regexp, "default_message"): ("invalid_type", "格式不符合要求。"),
    (V.NoneOf, "default_message"): ("invalid_type", "取值无效。"),
    (V.Predicate, "default_message"): ("invalid_type", "取值无效。"),
    (V.ContainsOnly, "default_message"): ("not_one_of", "有取值不在 {choices} 之中。"),
    (V.ContainsNoneOf, "default_message"): ("not_one_of", "有取值属于不允许的 {values}。"),
    (V.URL, "default_message"): ("invalid_type", "应为 URL。"),
    (V.Email, "default_message"): ("invalid_type", "应为电子邮件地址。"),
}

# A message that is not Coded (none should be: tests/api/test_errors_api.py) keeps its own words
# and gets the most general code, rather than failing the answer.
FALLBACK = "invalid_type"


def _messages_of(owner: type) -> dict:
    """The dict `owner` keeps its own messages in (a field's or the schema's), or None: a validator's are attributes."""
    if owner is marshmallow.Schema:
        return owner._default_error_messages
    if issubclass(owner, fields.Field):
        return owner.__dict__["default_error_messages"]
    return None


def install() -> None:
    """Put the Coded message of TABLE where marshmallow keeps each message, with marshmallow's
    English. Before any schema is declared: a field copies its class's messages when it is made,
    and Range words its bounds when it is made (calc/api/__init__.py imports this module first)."""
    for (owner, key), (code, zh) in TABLE.items():
        held = _messages_of(owner)
        text = held[key] if held is not None else owner.__dict__[key]
        if isinstance(text, Coded):
            continue
        if held is not None:
            held[key] = Coded(text, code, zh)
        else:
            setattr(owner, key, Coded(text, code, zh))


def said(owner: type, key: str) -> Coded:
    """The message `owner` (a field class, the schema, a validator class) gives for `key`, for a
    reader that words its errors as the schema would (calc/api/deadline_body.py)."""
    if owner is marshmallow.Schema:
        return owner._default_error_messages[key]
    if issubclass(owner, fields.Field):
        for cls in owner.__mro__:
            if key in cls.__dict__.get("default_error_messages", {}):
                return cls.__dict__["default_error_messages"][key]
        raise KeyError(key)
    return getattr(owner, key)


def explain(message: str) -> tuple[str, str]:
    """(code, Chinese message) of one error message."""
    if isinstance(message, Coded):
        return message.code, message.zh
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


install()  # on import: calc/api/__init__.py imports this module before any schema
