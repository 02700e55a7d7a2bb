"""The loaded schedules of the running app: calc/app_state.py, which the web pages read too
(re-exported here for the adapter's modules)."""
from __future__ import annotations

from ..app_state import Holder, current, today  # noqa: F401

__all__ = ["Holder", "current", "today"]
