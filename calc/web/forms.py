"""Reading an HTML form (query string or POST body) into typed values, with a Chinese sentence
for each field a person got wrong. No legal knowledge here: the domain decides, this only parses."""
from __future__ import annotations

import datetime as dt
import re

from ..errors import DomainError
from ..labels import ESTIMATED, GAP
from ..people_dates import read_date

def parse_date(text: str) -> dt.date:
    """The people's date reader (calc/people_dates.py); ValueError carries the Chinese reason."""
    return read_date(text)


class Form:
    """The submitted values of one form and the errors found in them, field by field."""

    def __init__(self, data, submitted: bool | None = None):
        self.data = data
        self.errors: dict[str, str] = {}
        self.notes: list[str] = []
        self.submitted = bool(data) if submitted is None else submitted

    # -- raw values ----------------------------------------------------------------------------
    def raw(self, name: str, default: str = "") -> str:
        value = self.data.get(name, default)
        return value.strip() if isinstance(value, str) else default

    def raw_list(self, name: str) -> list[str]:
        getlist = getattr(self.data, "getlist", None)
        values = getlist(name) if getlist else [self.data.get(name, "")]
        return [v.strip() for v in values]

    def fail(self, field: str, message: str):
        self.errors.setdefault(field, message)

    @property
    def ok(self) -> bool:
        return not self.errors

    # -- typed values --------------------------------------------------------------------------
    def date(self, name: str, label: str, required: bool = True, text: str | None = None) -> dt.date | None:
        text = self.raw(name) if text is None else text
        if not text:
            if required:
                self.fail(name, f"请填写{label}。")
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.fail(name, f"{label}{exc}")
            return None

    def integer(self, name: str, label: str, minimum: int, maximum: int, required: bool = True,
                example: int | None = None) -> int | None:
        text = self.raw(name)
        if not text:
            if required:
                self.fail(name, f"请填写{label}。")
            return None
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            self.fail(name, f"{label}应为整数（只填数字），例如 {example or minimum}。")
            return None
        value = int(text)
        if not minimum <= value <= maximum:
            self.fail(name, f"{label}应在 {minimum} 至 {maximum} 之间。")
            return None
        return value

    def choice(self, name: str, label: str, choices, default: str | None = None) -> str | None:
        value = self.raw(name) or default
        if value not in choices:
            self.fail(name, f"请从列表中选择{label}。")
            return None
        return value

    def flag(self, name: str) -> bool:
        return self.raw(name).lower() in ("1", "on", "true", "yes")


def gap_sentence(year: int) -> str:
    """A calendar gap as a form error: the page cannot answer without the person's choice."""
    return (GAP.format(year=year) + "（国务院办公厅的放假通知），无法确定该年的工作日。"
            "可勾选“按放假办法推定”，按法定节假日推算，结果将标注为推定。")


def gap_banner(year: int) -> str:
    """A calendar gap as information: the estimate is shown at once, provisional."""
    return ESTIMATED["gap"].format(year=year)


def explain(form: Form, exc: DomainError, fields: dict[str, str], fallback: str, gap_field: str | None = None):
    """Turn a domain refusal (the API's 422 reasons) into a sentence next to the right field.

    `fields` maps the domain's field names (``pauses[0].end``) to form field names."""
    if exc.reason == "calendar_gap":
        year = exc.details.get("year") or getattr(exc, "year", "")
        form.fail(gap_field or fallback, gap_sentence(year))
        return
    field = exc.field or ""
    target = fields.get(field)
    if target is None:
        base = re.sub(r"\[\d+\]", "", field)
        for known, name in fields.items():
            if known.endswith("*") and field.startswith(known[:-1]):
                index = re.search(r"\[(\d+)\]", field)
                target = name.format(i=index.group(1) if index else 0)
                break
        else:
            target = fields.get(base, fallback)
    message = exc.message if exc.message.endswith(("。", "！", "？")) else exc.message + "。"
    form.fail(target, message)
