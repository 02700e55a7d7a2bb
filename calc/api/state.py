"""Where the adapter keeps the loaded schedules, so a reload can swap them atomically."""
from __future__ import annotations

from flask import current_app

from ..answers.clock import today  # noqa: F401 - the web pages take the bureau's date from here
from ..schedules import Schedules


class Holder:
    def __init__(self, schedules: Schedules):
        self.schedules = schedules


def current() -> Schedules:
    return current_app.extensions["calc"].schedules

