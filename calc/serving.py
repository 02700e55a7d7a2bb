"""gunicorn settings for the calculator: `calc serve`, i.e. `gunicorn -c python:calc.serving calc.wsgi:app`.

Part of the package, so an installed wheel serves the same way as the source tree.

Environment: CALC_BIND (127.0.0.1:8000), CALC_WORKERS, CALC_THREADS, CALC_SCHEDULES (the schedules
directory), CALC_ACCESS_LOG=0 to silence the JSON access log, CALC_MAX_CONTENT_LENGTH and
CALC_BATCH_LIMIT (read by the app), PROMETHEUS_MULTIPROC_DIR (where the workers keep /metrics
values; a temporary directory when unset).

`kill -HUP <master>` re-reads the schedules: the master validates a snapshot of them first and, if
they are bad, logs why and keeps the workers on the last good snapshot (calc/reload.py).
"""
import multiprocessing
import os
import sys
from pathlib import Path

import gunicorn.http.wsgi

from calc import reload as calc_reload  # noqa: E402
_metrics_dir: list = []  # the PROMETHEUS_MULTIPROC_DIR made at start-up, if any, removed at exit

# The app when the command line names none: the top-level wsgi.py of a source checkout (the design
# card's entry point, importable from any working directory through `pythonpath`), else the
# package's own calc.wsgi, which is all an installed wheel has.
_CHECKOUT = Path(__file__).resolve().parent.parent
if (_CHECKOUT / "wsgi.py").is_file() and (_CHECKOUT / "pyproject.toml").is_file():
    wsgi_app = "wsgi:app"
    pythonpath = str(_CHECKOUT)
else:
    wsgi_app = "calc.wsgi:app"

bind = os.environ.get("CALC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("CALC_WORKERS", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("CALC_THREADS", 4))
preload_app = False  # each worker builds the app, so a HUP picks up new code and new schedules
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = 0
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The app writes one JSON line per request (with its X-Request-Id) to stderr; gunicorn's own
# plain-text access log would only repeat it.
accesslog = os.environ.get("CALC_GUNICORN_ACCESSLOG") or None
errorlog = "-"
control_socket_disable = True  # no management socket in $HOME: signals (HUP, TERM) are enough
loglevel = os.environ.get("CALC_LOGLEVEL", "info")

# No product or version in the Server header.
gunicorn.http.wsgi.SERVER = "calc"


def on_starting(server):
    if not calc_reload.refresh(server.log):
        sys.exit(1)
    from calc import multiproc as metrics

    _metrics_dir.append(metrics.prepare_multiprocess_dir())  # the workers' /metrics files


def child_exit(server, worker):
    from calc import multiproc as metrics

    metrics.worker_exit(worker.pid)  # prometheus_client multiprocess mode: its live gauges go


def on_reload(server):
    calc_reload.refresh(server.log)


def post_fork(server, worker):
    calc_reload.worker_env()


def post_worker_init(worker):
    # The app and its schedules live as long as the worker: frozen out of the collector's sight,
    # so a 10,000-item batch does not make it walk them again and again (python -m bench, batch).
    import gc

    gc.freeze()


def on_exit(server):
    calc_reload.cleanup()
    if _metrics_dir:
        from calc import multiproc as metrics

        for made in _metrics_dir:
            metrics.remove_dir(made)
