"""The Chinese web pages: server-rendered forms beside the API, calling the same domain functions.

Everything the pages need (CSS, a little JavaScript) is served from this package: the bureau's
network reaches no CDN, and the pages work with JavaScript switched off.

Every page module is imported here by name, so one that fails to import stops start-up (it used
to be skipped, and its page answered 404). The pages read the schedules through calc/app_state.py,
never through calc/api.
"""
from __future__ import annotations

from flask import Flask, render_template, request

from . import calendar, deadlines, events, home, inspections, penalties, responsibilities, timelines, traffic
from .blueprint import PAGES, available, bp

__all__ = ["PAGES", "available", "bp", "register"]

# Each registers its routes on `bp` as it is imported: the home page, then the menu's (PAGES).
PAGE_MODULES = (home, penalties, traffic, timelines, deadlines, events, inspections, responsibilities, calendar)


def page_not_found():
    """The 404 a person sees for a mistyped address: where to go from here, not a JSON body."""
    return render_template("page_not_found.html", path=request.path), 404


def register(app: Flask):
    app.register_blueprint(bp)
    app.config["PAGE_NOT_FOUND"] = page_not_found
