"""The keys each table of a schedules/penalties/*.toml file may have (`KEYS`: calc.schedules refuses
any other before calc.penalties.loader reads the files), and what a county's overlay may replace by
id (`LAYERED`).
"""
from __future__ import annotations

from .. import texts as wording
from ..general_rules import GENERAL_RULE_KEYS, LAW_KEYS
from ..nodes import BASIS, EFFECTIVE, Keys
from ..thresholds import KEYS as THRESHOLD_KEYS
from .model import PARTIES

BAND_KEYS = ("when", "basis", "replaces_base", "warning", "fine", "fine_optional", "detention",
             "order_to_correct", "licence", "suspension", "confiscate", "criminal", "combination",
             "with_warning", "discretionary", "measure", "persons_fine")
PROCEDURE_KINDS = ("simplified", "collection", "hearing", "limitation")

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"violation": "id", "regime": "id", "threshold": "id", "late_fee": None, "version_choice": None,
           "circumstance": "code", "general_rule": "id", "law": "name", "texts": "*"}

_FINE = Keys("min", "max")
_PER_PARTY = Keys(*PARTIES)  # max_fine = { individual = 500, organization = 5000 }
_PERIOD = Keys("amount", "unit")
_BAND = Keys(*(k for k in BAND_KEYS if k not in ("fine", "detention", "licence", "basis", "persons_fine")),
             persons_fine=Keys("min", "max"),
             fine=Keys("min", "max", **{p: _FINE for p in PARTIES}), detention=Keys("min", "max"),
             licence=Keys("action", "document"), basis=BASIS)
_DATED = Keys("note", "licence", "suspension", "local", "after_simplified", effective=EFFECTIVE,
              max_fine=_PER_PARTY, min_fine=_PER_PARTY, period=_PERIOD, harm_period=_PERIOD, basis=BASIS,
              harm_basis=BASIS, beside=Keys("why", max_fine=_PER_PARTY, basis=BASIS),
              excludes=Keys("kinds", "note", basis=BASIS))
KEYS = Keys(
    violation=Keys("id", "title", "authority", "seed", "regime", "keywords", "section", "acts", "correspondence",
                   "case_kinds",
                   version=Keys("text", "punishable", "rests_on", "regime", "caveat", effective=EFFECTIVE, bands=_BAND,
                                basis=BASIS, beside=Keys("text", "why", "violation", basis=BASIS, effective=EFFECTIVE),
                                aggravations=Keys("code", "text", basis=BASIS),
                                elsewhere=Keys("authority", "text", basis=BASIS))),
    circumstance=Keys("code", "text", "general", "aggravation", counts_as=Keys("law", "code")),
    general_rule=GENERAL_RULE_KEYS,
    law=LAW_KEYS,
    regime=Keys("id", "title", **{kind: _DATED for kind in PROCEDURE_KINDS}),
    late_fee=Keys("daily_rate", "cap_ratio", effective=EFFECTIVE, pay_within=_PERIOD,
                  **{k: BASIS for k in ("basis", "pay_basis", "cap_basis", "pause_basis", "deferral_basis")}),
    # `text` quotes the rule (tests/test_law_texts.py checks it verbatim); the answers cite the basis
    version_choice=Keys("text", basis=BASIS),
    threshold=THRESHOLD_KEYS,
    texts=wording.KEYS,
)
