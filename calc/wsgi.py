"""gunicorn entry point: `gunicorn -c python:calc.serving calc.wsgi:app` (what `calc serve` runs)."""
from calc.api import create_app

app = create_app()
