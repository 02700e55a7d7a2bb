"""The JSON of one period's due date: POST /v1/deadlines, each batch item, and `calc due --json`."""
from typing import Annotated, Any, Required, TypedDict

from .. import periods
from .common import PRESUMED, CalendarDependent, RangeOut
from .days import iso
from .doc import Day, Doc
from .rules import RuleVersions, rule_version
from .steps import StepOut, steps_json


class DeadlineOut(CalendarDependent, total=False):
    """The keys that are always there are Required: the document lists them, and a generated client
    tells a batch slot's answer from its error by them."""

    rule_versions: RuleVersions
    start: Required[Day]
    amount: Required[int]
    unit: Required[str]
    direction: Required[str]
    due: Required[Day]
    steps: Annotated[list[StepOut], Doc("计算步骤（steps: false 时省略）")]
    range: Annotated[RangeOut, PRESUMED]
    ref: Annotated[str, Doc("请求中的 ref，原样写回")]


class BatchOut(TypedDict):
    items: Annotated[list[dict[str, Any]], Doc("与请求同序：期间答案或 {error: {...}}")]
    rule_versions: RuleVersions


def rules_json(digest: str) -> RuleVersions:
    """A batch says once, beside its items, which counting rules they were all counted by."""
    return [rule_version("counting_rules", "periods", digest=digest)]


def as_json(d: periods.Due, with_steps: bool = True, with_rules: bool = True) -> DeadlineOut:
    period = d.period
    out: DeadlineOut = {"start": iso(d.start), "amount": period.amount, "unit": period.unit,
                        "direction": period.direction, "due": iso(d.due), "provisional": d.provisional,
                        "calendar_years": list(d.calendar_years)}
    if with_rules and d.rules_digest:
        out["rule_versions"] = rules_json(d.rules_digest)
    if d.range:
        out["range"] = {"earliest": iso(d.range[0]), "latest": iso(d.range[1])}
    if with_steps:
        out["steps"] = steps_json(d.steps)
    return out
