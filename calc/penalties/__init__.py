"""Penalty bands (罚款幅度): which band applies to an act, under which version of the law, and what
follows from it procedurally; and the late-payment surcharge (加处罚款).

Every number comes from `schedules/penalties/*.toml`; this package only reads, selects, compares
and explains, and every sentence it explains with is a text of `penalties/texts.toml` (`TEXTS`:
the code of each, and the placeholders it fills in). One idea per module:

- `model`: what the schedules say (Violation, Version, Band, Circumstance, Regime, LateFeeRule)
- `keys`: the keys each table of the files may have (`KEYS`), what an overlay may replace (`LAYERED`)
- `loader`: the TOML files -> the catalogue, each item checked as it is read (`load`)
- `wording`: the text codes (`TEXTS`)
- `catalogue`: `Penalties`, the whole catalogue: find an act by id, words or cited article
- `outcome`: the bands of one version for a case (`select`, `Outcome`)
- `choice`: 从旧兼从轻 (行政处罚法 第三十七条): `lighter`, `compare`, `choose_version`, `switches`
- `facts`: procedure on the decision date: 当场处罚, 当场收缴, 听证
- `limitation`: 追究时效
- `late_payment`: 加处罚款 (`late_fee`)
- `assessment`: one case, all of the above (`assess`)

Callers import from the package (`from calc import penalties as pen; pen.assess(...)`).
"""
from __future__ import annotations

from .assessment import Assessment, assess
from .catalogue import Penalties
from .choice import (ASPECTS, Choice, Comparison, Degree, Severity, Switch, choose_version, compare, heaviest,
                     lighter, lightest, switches)
from .facts import Fact, collection_fact, hearing_fact, simplified_fact
from .late_payment import LateFee, late_fee
from .limitation import Limitation
from .keys import KEYS, LAYERED
from .loader import load
from .model import (COMBINATIONS, LICENCE_ACTIONS, PARTIES, RESTS_ON, Aggravation, Band, Beside, BesideRule,
                    Circumstance, Dated, Elsewhere, Exclusion, Fine, LateFeeRule, Licence, Regime, Version, Violation)
from .money import FEN, yuan
from .outcome import Outcome, select
from .wording import TEXTS

__all__ = [
    "ASPECTS", "Aggravation", "Assessment", "Band", "Beside", "BesideRule", "COMBINATIONS", "Choice",
    "Circumstance", "Comparison", "Dated", "Degree", "Elsewhere", "Exclusion", "FEN", "Fact", "Fine", "KEYS",
    "LAYERED", "LICENCE_ACTIONS", "LateFee", "LateFeeRule", "Licence", "Limitation", "Outcome", "PARTIES",
    "Penalties", "RESTS_ON", "Regime", "Severity", "Switch", "TEXTS", "Version", "Violation", "assess",
    "choose_version", "collection_fact", "compare", "hearing_fact", "heaviest", "late_fee", "lighter", "lightest",
    "load", "select", "simplified_fact", "switches", "yuan",
]
