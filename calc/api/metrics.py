"""GET /metrics: Prometheus text for the autoscaler and the bureau's monitoring (issue 19, item 3).

Requests by route template (not by path: ids would make a series each) and status, a latency
histogram, the size of each batch, and the schedules digest as a label of an info metric.

Under gunicorn every worker is its own process: prometheus_client's multiprocess mode, as its
documentation describes it. `PROMETHEUS_MULTIPROC_DIR` names a directory the workers write their
values to (calc/serving.py makes and empties one at start-up when the environment names none),
/metrics adds them up, and a worker that exits is marked dead. Without the variable (tests, `flask
run`) each app keeps its own registry.
"""
from __future__ import annotations

import os
import time

from flask import current_app, g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from ..app_state import EXTENSION
from ..multiproc import MULTIPROC

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
BATCH_BUCKETS = (1, 10, 100, 1000, 2500, 5000, 10_000, 50_000)

blp = Blueprint("metrics", __name__, description="服务状态")


class Metrics:
    """The app's metrics: made once per app, registered in its own registry (so two apps in one
    process, as in the tests, do not collide)."""

    def __init__(self):
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("calc_requests", "按路由模板与状态码统计的请求数", ("route", "method", "status"),
                                registry=self.registry)
        self.latency = Histogram("calc_request_duration_seconds", "请求处理时间（秒）", ("route", "method"),
                                 buckets=LATENCY_BUCKETS, registry=self.registry)
        self.batch = Histogram("calc_batch_items", "每个批量请求的条数", buckets=BATCH_BUCKETS, registry=self.registry)
        # an info metric as a gauge of 1 (prometheus_client's Info has no multiprocess mode)
        self.info = Gauge("calc_schedules_info", "所用规则数据：摘要与版本", ("digest", "version"),
                          multiprocess_mode="max", registry=self.registry)
        self.digest = None

    def schedules(self, digest: str, version: str):
        if digest != self.digest:
            if self.digest is not None:
                self.info.labels(self.digest, version).set(0)
            self.info.labels(digest, version).set(1)
            self.digest = digest

    def text(self) -> bytes:
        from prometheus_client import CollectorRegistry, generate_latest, multiprocess

        if os.environ.get(MULTIPROC):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)


def of(app) -> Metrics:
    return app.extensions["calc.metrics"]


def _start():
    g.metrics_started = time.perf_counter()


def _finish(response):
    started = getattr(g, "metrics_started", None)
    if started is None or request.headers.get("X-Request-Id") == "openapi-example":
        return response
    route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
    m = of(current_app)
    m.requests.labels(route, request.method, str(response.status_code)).inc()
    m.latency.labels(route, request.method).observe(time.perf_counter() - started)
    return response


def observe_batch(size: int):
    of(current_app).batch.observe(size)


def register(app):
    from .. import __version__

    metrics = app.extensions["calc.metrics"] = Metrics()
    metrics.schedules(app.extensions[EXTENSION].schedules.digest, __version__)
    app.before_request(_start)
    app.after_request(_finish)


@blp.route("/metrics")
class MetricsText(MethodView):
    @blp.response(200, content_type="text/plain",
                  description="Prometheus 文本格式")
    def get(self):
        """Prometheus text format: requests by route template and status, latency, batch sizes,
        the schedules digest (calc_schedules_info)."""
        from prometheus_client import CONTENT_TYPE_LATEST

        from .. import __version__
        from .state import current

        m = of(current_app)
        m.schedules(current().digest, __version__)  # a reload swaps the schedules under the app
        return current_app.response_class(m.text(), mimetype=None, content_type=CONTENT_TYPE_LATEST)


# gunicorn's side (the directory the workers share, workers that exit) is calc/multiproc.py, which
# the master imports without importing this adapter (its workers must load new code on a HUP).
from ..multiproc import prepare_multiprocess_dir, remove_dir, worker_exit  # noqa: E402,F401
