"""gunicorn entry point: `gunicorn -c gunicorn.conf.py wsgi:app`."""
from calc.api import create_app

app = create_app()
