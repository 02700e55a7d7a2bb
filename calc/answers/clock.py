"""The bureau's clock: the date answers default to when the caller gives none."""
from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    """The bureau's date (Beijing time), for defaults such as a decision date."""
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
