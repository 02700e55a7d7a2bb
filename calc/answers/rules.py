"""Which rule an answer used: its kind and id, the version (and its dates in force) and a digest of
its schedule data, beside `calendar_years`, so a stored answer knows when to be recomputed."""
from __future__ import annotations

import datetime as dt

KINDS = ("counting_rules", "procedure", "violation", "late_fee", "inspection_regime")


def rule_version(kind: str, rule_id: str, label: str | None = None, first: dt.date | None = None,
                 until: dt.date | None = None, *, digest: str) -> dict:
    effective = {"from": first.isoformat() if first else None, "until": until.isoformat() if until else None}
    return {"kind": kind, "id": rule_id, "version": label,
            "effective": effective if first or until else None, "digest": digest}
