"""Where the adapter keeps the loaded schedules, so a reload can swap them atomically."""
from __future__ import annotations

import datetime as dt

from flask import current_app

from ..schedules import Schedules


class Holder:
    def __init__(self, schedules: Schedules):
        self.schedules = schedules


def current() -> Schedules:
    return current_app.extensions["calc"].schedules


def today() -> dt.date:
    """The bureau's date (Beijing time), for defaults such as a decision date."""
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=8)).date()
