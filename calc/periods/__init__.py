"""Periods (期间计算) as Chinese law counts them: 民法典 第二百零一条至第二百零四条 and the public
security organs' procedure rules (程序规定 第三十五条).

`due` answers one period and says, step by step, which rule produced which date and why; the rule
texts and their legal basis are data (`schedules/periods.toml`).

- `model`: what a period is (`Period`, its `Unit`, `Direction`, `Duty`), days not counted
  (`DateRange`), extensions (`Link`), the answer (`Due`);
- `rules`: the counting rules' words (`CountingRules`, each a `calc.texts.Text`);
- `counting`: `due`, the rules applied one after another (the reference);
- `words`: what the steps say; `months`: corresponding days; `hours`: hours, instalments;
- `fast`: the same answers for batches, quicker, held to the reference by tests.
"""
from .counting import due
from .hours import hours_after, instalments
from .model import (AFTER, AUTHORITY, BEFORE, DIRECTIONS, DUTIES, FIRST_DAY, HOURS, LAST_DAY, LIMITS, PARTY, UNITS,
                    DateRange, Direction, Due, Duty, Link, Period, Unit, check_day, check_period)
from .months import shift_months
from .rules import KEYS, RULE_NAMES, SPECS, CountingRules, load_rules

__all__ = ["due", "hours_after", "instalments", "AFTER", "AUTHORITY", "BEFORE", "HOURS", "PARTY", "DIRECTIONS", "DUTIES", "FIRST_DAY", "LAST_DAY", "LIMITS", "UNITS",
           "DateRange", "Direction", "Due", "Duty", "Link", "Period", "Unit", "check_day", "check_period",
           "shift_months", "KEYS", "RULE_NAMES", "SPECS", "CountingRules", "load_rules"]
