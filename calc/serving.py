"""gunicorn settings for the calculator: `calc serve`, i.e. `gunicorn -c python:calc.serving calc.wsgi:app`.

Part of the package, so an installed wheel serves the same way as the source tree.

Environment: CALC_BIND (127.0.0.1:8000), CALC_WORKERS, CALC_THREADS, CALC_SCHEDULES (the schedules
directory), CALC_ACCESS_LOG=0 to silence the JSON access log, CALC_MAX_CONTENT_LENGTH and
CALC_BATCH_LIMIT (read by the app); CALC_READ_TIMEOUT and CALC_BUFFER_MB (calc/worker.py),
CALC_MAX_REQUESTS, CALC_MAX_WORKER_MB, CALC_WORKER_CONNECTIONS, CALC_WORKER_CLASS (below);
PROMETHEUS_MULTIPROC_DIR (where the workers keep /metrics values; a temporary directory when unset).

`kill -HUP <master>` re-reads the schedules: the master validates a snapshot of them first and, if
they are bad, logs why and keeps the workers on the last good snapshot (calc/reload.py).

Slow clients: the worker is calc.worker.BufferingWorker, gthread whose main loop reads each whole
request (headers and body) before a thread sees it, so a client that trickles holds no thread;
CALC_READ_TIMEOUT (30 s) bounds a whole request. calc/worker.py says why not gevent. A production
front (nginx or the cluster's ingress, with request buffering) still goes before it
(docs/deployment.md): it holds slow clients for the whole cluster and hands over whole requests.

Memory: workers are recycled after `max_requests` (with jitter, so they do not all restart at
once), and a worker that has grown past CALC_MAX_WORKER_MB (default 300) after a request finishes
it and is replaced, so memory held after a large request goes back to the system.
"""
import multiprocessing
import os
import sys
from pathlib import Path

import gunicorn.http.wsgi
import gunicorn.util

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
# CALC_WORKER_CLASS=gthread brings back the old worker (python -m bench compares the two).
worker_class = os.environ.get("CALC_WORKER_CLASS", "calc.worker.BufferingWorker")
threads = int(os.environ.get("CALC_THREADS", 4))
worker_connections = int(os.environ.get("CALC_WORKER_CONNECTIONS", 1000))  # open connections per worker
MAX_WORKER_MB = float(os.environ.get("CALC_MAX_WORKER_MB", 300))
# The workers' heartbeat files: in memory, not in the temp folder, whose cleaning would stop the
# master from forking a worker at all.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
preload_app = False  # each worker builds the app, so a HUP picks up new code and new schedules
timeout = 60
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("CALC_MAX_REQUESTS", 20_000))
max_requests_jitter = max_requests // 10
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The app writes one JSON line per request (with its X-Request-Id) to stderr; gunicorn's own
# plain-text access log would only repeat it. If it is switched on, it leaves out the query
# string (%(U)s is the path alone): a pasted inspection log or a search is not for the log.
accesslog = os.environ.get("CALC_GUNICORN_ACCESSLOG") or None
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
control_socket_disable = True  # no management socket in $HOME: signals (HUP, TERM) are enough
loglevel = os.environ.get("CALC_LOGLEVEL", "info")

# No product or version in the Server header.
gunicorn.http.wsgi.SERVER = "calc"


MESSAGES = {400: "请求格式有误", 403: "禁止访问", 408: "请求未在时限内发完", 413: "请求体或批量条数超过上限",
            414: "请求地址过长（表单请用 POST 提交）", 417: "不支持该 Expect 请求头", 431: "请求头过多或过大",
            500: "服务器内部错误", 501: "不支持该传输编码", 503: "服务繁忙，请稍后再试"}
REASONS = {400: "bad_request", 408: "timeout", 413: "too_large", 414: "uri_too_long", 431: "headers_too_large",
           500: "internal_error", 503: "busy"}


def write_error(sock, status_int, reason, mesg):
    """gunicorn's own answers (a request line over 8190 bytes, too many headers, a malformed
    request) in the API's shape: JSON with `code`, `status`, `reason` and a Chinese `message`,
    and the security headers every other answer carries, instead of an English HTML page."""
    import json

    from calc.api.security import HEADERS, SERVER

    body = json.dumps({"code": status_int, "status": reason, "reason": REASONS.get(status_int, "bad_request"),
                       "message": MESSAGES.get(status_int, "请求格式有误")}, ensure_ascii=False).encode()
    head = [f"HTTP/1.1 {status_int} {reason}", "Connection: close", "Content-Type: application/json",
            f"Content-Length: {len(body)}", f"Server: {SERVER}", *(f"{k}: {v}" for k, v in HEADERS.items())]
    gunicorn.util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


gunicorn.util.write_error = write_error


def on_starting(server):
    if not calc_reload.refresh(server.log):
        sys.exit(1)
    from calc import multiproc as metrics

    _metrics_dir.append(metrics.prepare_multiprocess_dir())  # the workers' /metrics files


def child_exit(server, worker):
    from calc import multiproc as metrics

    metrics.worker_exit(worker.pid)  # prometheus_client multiprocess mode: its live gauges go


def on_reload(server):
    try:
        calc_reload.refresh(server.log)
    except Exception:  # an exception here would end gunicorn's main loop, and the master with it
        server.log.exception("schedules reload failed, workers keep serving digest %s", calc_reload.State.digest)


def pre_fork(server, worker):
    try:
        calc_reload.guard(server.log)
    except Exception:
        server.log.exception("schedules snapshot check failed")


def post_fork(server, worker):
    calc_reload.worker_env()


def post_worker_init(worker):
    # The app and its schedules live as long as the worker: frozen out of the collector's sight,
    # so a 10,000-item batch does not make it walk them again and again (python -m bench, batch).
    import gc

    gc.freeze()


def post_request(worker, req, environ, resp):
    """A worker that has grown past MAX_WORKER_MB finishes what it holds and is replaced."""
    mb = _rss_mb()
    if mb > MAX_WORKER_MB and worker.alive:
        worker.log.warning("worker %s holds %.0f MB (over %.0f MB) after %s %s: replacing it",
                           worker.pid, mb, MAX_WORKER_MB, req.method, req.path)
        worker.alive = False


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def on_exit(server):
    calc_reload.cleanup()
    if _metrics_dir:
        from calc import multiproc as metrics

        for made in _metrics_dir:
            metrics.remove_dir(made)
