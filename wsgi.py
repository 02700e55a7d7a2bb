"""The design card's entry point (DESIGN.md: `wsgi.py — app = create_app() for gunicorn`).

In a source checkout `gunicorn -c python:calc.serving` serves this `app` (calc/serving.py names it
as gunicorn's `wsgi_app` when it finds this file beside the package), as does
`gunicorn -c python:calc.serving wsgi:app`. An installed wheel carries no top-level `wsgi` module (it
would clash with any other in site-packages): there the same app is `calc.wsgi:app`, which
`calc serve` and the Dockerfile name. One app, built in one place: this file only re-exports it.
"""
from calc.wsgi import app

__all__ = ["app"]
