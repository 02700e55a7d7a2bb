"""Which rule an answer used: its kind and id, the version (and its dates in force) and a digest of
its schedule data, beside `calendar_years`, so a stored answer knows when to be recomputed."""
import datetime as dt
from typing import Annotated, Any, Literal, TypedDict

from ..nodes import Fingerprint
from .doc import Doc

Kind = Literal["counting_rules", "procedure", "violation", "late_fee", "inspection_regime"]


class RuleVersionOut(TypedDict):
    kind: Kind
    id: str
    version: Annotated[str | None, Doc("所用版本的名称（如有）")]
    effective: Annotated[dict[str, Any] | None, Doc("所用版本的施行期间 {from, until}")]
    digest: Annotated[str, Doc("该规则在时间表文件中内容的摘要；摘要变化即应重算已存的答案")]


RuleVersions = Annotated[list[RuleVersionOut], Doc(
    "答案所依据的规则及其版本与摘要（与 calendar_years 并列，供已存答案判断是否需要重算）")]


def effective(first: dt.date | None, until: dt.date | None) -> dict[str, Any] | None:
    """The version's dates in force, or null when the rule has none."""
    if not (first or until):
        return None
    return {"from": first.isoformat() if first else None, "until": until.isoformat() if until else None}


def rule_version(kind: Kind, rule_id: str, label: str | None = None, first: dt.date | None = None,
                 until: dt.date | None = None, *, digest: "str | Fingerprint") -> RuleVersionOut:
    return {"kind": kind, "id": rule_id, "version": label, "effective": effective(first, until), "digest": str(digest)}
