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

PROCEDURE_KINDS = ("simplified", "collection", "hearing", "limitation")

# What a county's overlay may replace by id (calc.schedules layers): array of tables -> its id
# field; None: a single table; "*": a table of named entries.
LAYERED = {"violation": "id", "regime": "id", "threshold": "id", "late_fee": None, "version_choice": None,
           "circumstance": "code", "general_rule": "id", "law": "name", "texts": "*"}

# Each kind of table is declared once: calc.schedules checks every file against KEYS before the loader
# reads it, and the loader checks each table it reads against the same Keys (calc.penalties.loader).
_FINE = Keys("min", "max")
_PER_PARTY = Keys(*PARTIES)  # max_fine = { individual = 500, organization = 5000 }
_PERIOD = Keys("amount", "unit")
DETENTION = Keys("min", "max")
BAND = Keys("when", "replaces_base", "warning", "fine_optional", "order_to_correct", "suspension", "confiscate",
            "criminal", "combination", "with_warning", "discretionary", "measure",
            persons_fine=_FINE, fine=Keys("min", "max", **{p: _FINE for p in PARTIES}), detention=DETENTION,
            licence=Keys("action", "document"), basis=BASIS)
VERSION = Keys("text", "punishable", "rests_on", "regime", "caveat", effective=EFFECTIVE, bands=BAND, basis=BASIS,
               beside=Keys("text", "why", "violation", basis=BASIS, effective=EFFECTIVE),
               aggravations=Keys("code", "text", basis=BASIS), elsewhere=Keys("authority", "text", basis=BASIS))
VIOLATION = Keys("id", "title", "authority", "seed", "regime", "keywords", "section", "acts", "correspondence",
                 "case_kinds", version=VERSION)
COUNTS_AS = Keys("law", "code")
CIRCUMSTANCE = Keys("code", "text", "general", "aggravation", counts_as=COUNTS_AS)
_DATED = Keys("note", "licence", "suspension", "local", "after_simplified", effective=EFFECTIVE,
              max_fine=_PER_PARTY, min_fine=_PER_PARTY, period=_PERIOD, harm_period=_PERIOD, basis=BASIS,
              harm_basis=BASIS, beside=Keys("why", max_fine=_PER_PARTY, basis=BASIS),
              excludes=Keys("kinds", "note", basis=BASIS))
REGIME = Keys("id", "title", **{kind: _DATED for kind in PROCEDURE_KINDS})
KEYS = Keys(
    violation=VIOLATION,
    circumstance=CIRCUMSTANCE,
    general_rule=GENERAL_RULE_KEYS,
    law=LAW_KEYS,
    regime=REGIME,
    late_fee=Keys("daily_rate", "cap_ratio", effective=EFFECTIVE, pay_within=_PERIOD,
                  **{k: BASIS for k in ("basis", "pay_basis", "cap_basis", "pause_basis", "deferral_basis")}),
    # `text` quotes the rule (tests/test_law_texts.py checks it verbatim); the answers cite the basis
    version_choice=Keys("text", basis=BASIS),
    threshold=THRESHOLD_KEYS,
    texts=wording.KEYS,
)
