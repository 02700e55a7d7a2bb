"""The home page: what each page answers, with a link to it."""
from __future__ import annotations

from flask import render_template

from .blueprint import bp


@bp.get("/")
def home():
    return render_template("home.html")
