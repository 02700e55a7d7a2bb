"""What every response carries, whoever wrote the endpoint: security headers, a request id, and one
JSON access-log line. Also the app class that cannot be put into debug mode outside tests.

The bureau's systems correlate calls by `X-Request-Id`: a sane incoming id is echoed, anything else
is replaced by a fresh one, and the same id is in the access log line.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from types import FunctionType
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, g, request

# No inline script or style anywhere: the pages and /docs load their scripts and styles as files.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
SERVER = "calc"  # never a product version
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
access_log = logging.getLogger("calc.access")


class App(Flask):
    """Flask whose debug mode (the interactive debugger, tracebacks to the caller) only exists in
    tests: `app.run(debug=True)` or DEBUG=True in the config change nothing otherwise (and FLASK_DEBUG
    refuses start-up, see refuse_debug_server)."""

    @property
    def debug(self) -> bool:
        return bool(self.config.get("DEBUG")) and bool(self.config.get("TESTING"))

    @debug.setter
    def debug(self, value: bool) -> None:
        self.config["DEBUG"] = bool(value) and bool(self.config.get("TESTING"))

    def ensure_sync(self, func):
        """Flask's, remembered per plain function: every hook, view and flask-smorest wrapper
        asks it on every request, and each answer (inspect.iscoroutinefunction) cost a
        microsecond or two. Bound methods (made anew per request) are asked as before."""
        if type(func) is not FunctionType:
            return super().ensure_sync(func)
        known = self.__dict__.setdefault("_sync_functions", {})
        found = known.get(func)
        if found is None:
            found = super().ensure_sync(func)
            if len(known) < 4096:  # the app's functions are a few hundred: never more than that
                known[func] = found
        return found


def refuse_debug_server(app: Flask):
    """`flask run --debug` (FLASK_DEBUG) serves Werkzeug's debugger console whatever app.debug says:
    outside tests, refuse to start rather than offer it."""
    from flask.helpers import get_debug_flag

    if get_debug_flag() and not app.config.get("TESTING"):
        raise RuntimeError("FLASK_DEBUG 已设置：调试模式只用于测试，服务拒绝以调试模式启动（请取消 FLASK_DEBUG）")


def request_id() -> str:
    """The id of the request being answered (a sane incoming X-Request-Id, or a new one)."""
    rid = getattr(g, "request_id", None)
    if rid is None:
        incoming = request.headers.get("X-Request-Id", "")
        rid = incoming if REQUEST_ID.fullmatch(incoming) else os.urandom(16).hex()  # uuid4().hex without the UUID object
        g.request_id = rid
    return rid


def _start():
    g.started = time.perf_counter()
    request_id()


def _finish(response):
    response.headers.update(HEADERS)
    location = response.headers.get("Location")
    if location and location.startswith(("http://", "https://", "//")):
        # Werkzeug writes its redirects (the merge-slashes 308) as absolute URLs built from the
        # Host header, which the caller chooses: keep only the path and query.
        parts = urlsplit(location)
        path = "/" + parts.path.lstrip("/")  # never "//host": that would still leave the site
        response.headers["Location"] = urlunsplit(("", "", path, parts.query, parts.fragment))
    response.headers["Server"] = SERVER
    response.headers["X-Request-Id"] = rid = request_id()
    if access_log.isEnabledFor(logging.INFO):
        started = getattr(g, "started", None)
        access_log.info(json.dumps({
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "request_id": rid,
            "remote": request.remote_addr,
            "method": request.method,
            "path": request.path,
            # Parameter names only: a pasted inspection log or a search is not for the log.
            "query": sorted({name[:64] for name in request.args})[:20] or None,
            "status": response.status_code,
            "bytes": response.calculate_content_length(),
            "ms": round((time.perf_counter() - started) * 1000, 3) if started else None,
            "agent": request.user_agent.string or None,
        }, ensure_ascii=False))
    return response


class LogStream(logging.StreamHandler):
    """stderr that does not lose lines in silence: a line that cannot be written (the disk under
    the log is full) is counted, and the first line written again is preceded by one saying how
    many were lost since when. Logging's own handleError would print to the same full stderr."""

    def __init__(self, stream=None):
        super().__init__(stream)
        self.lost, self.since = 0, None

    def emit(self, record):
        try:
            line = self.format(record)
            if self.lost:
                line = json.dumps({"event": "log_lines_lost", "count": self.lost, "since": self.since}) + "\n" + line
            self.stream.write(line + self.terminator)
            self.flush()
            self.lost, self.since = 0, None
        except OSError:
            self.lost += 1
            self.since = self.since or time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _configure_log(app: Flask):
    """One JSON object per line on stderr (gunicorn's `errorlog -`), unless the host configured it.
    CALC_ACCESS_LOG=0 silences it."""
    if os.environ.get("CALC_ACCESS_LOG", "1").lower() in ("0", "false", "no", "off"):
        access_log.setLevel(logging.WARNING)
        return
    if not access_log.handlers:
        handler = LogStream(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        access_log.propagate = False
    access_log.setLevel(logging.INFO)


def register(app: Flask):
    _configure_log(app)
    app.before_request(_start)
    app.after_request(_finish)
