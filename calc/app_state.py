"""Where the running app keeps its loaded schedules, for both front ends served by Flask: the
HTTP adapter (calc/api/) and the web pages (calc/web/), neither of which imports the other.

A reload swaps the Holder's schedules atomically; every request reads them through `current()`.
"""
from __future__ import annotations

from flask import current_app

from .answers.clock import today  # noqa: F401 - the pages and the API take the bureau's date from here
from .schedules import Schedules

EXTENSION = "calc"  # app.extensions[EXTENSION]
__all__ = ["EXTENSION", "Holder", "current", "today"]


class Holder:
    def __init__(self, schedules: Schedules):
        self.schedules = schedules


def current() -> Schedules:
    return current_app.extensions[EXTENSION].schedules
