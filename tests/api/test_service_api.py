"""Readiness, Prometheus metrics and the ETag of /v1/meta (issue 19, item 3; API.md "Service")."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap

import pytest

from calc.api import create_app, metrics


def sample(text: str, name: str, **labels) -> float | None:
    """The value of one sample of Prometheus text, or None."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0])) if "{" in line else {}
        if all(found.get(k) == str(v) for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_ready_once_the_schedules_are_loaded(client):
    r = client.get("/readyz")
    assert r.status_code == 200 and r.json == {"status": "ready"}


def test_not_ready_before(schedules):
    app = create_app({"TESTING": True}, loaded=schedules)
    app.extensions["calc"].schedules = None  # as while a worker is still loading them
    r = app.test_client().get("/readyz")
    assert r.status_code == 503 and r.json["reason"] == "not_ready" and r.json["code"] == 503
    assert app.test_client().get("/healthz").status_code == 200  # alive all the same


def test_metrics_count_requests_by_route_template_and_status(schedules):
    app = create_app({"TESTING": True}, loaded=schedules)
    client = app.test_client()
    for day in ("2026-10-05", "2026-10-06", "2026-02-30"):
        client.get(f"/v1/calendar/{day}")
    client.post("/v1/deadlines/batch", json={"items": [{"start": "2026-01-05", "amount": 1, "unit": "days"}] * 3})
    client.post("/v1/deadlines/batch", json={"items": [{"start": "2026-01-05", "amount": 1, "unit": "days"}] * 40})
    client.get("/no/such/page")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.content_type.startswith("text/plain")
    text = r.get_data(as_text=True)
    # the template, not the three paths: ids and dates must not make a series each
    assert sample(text, "calc_requests_total", route="/v1/calendar/<date>", method="GET", status="200") == 2
    assert sample(text, "calc_requests_total", route="/v1/calendar/<date>", method="GET", status="422") == 1
    assert sample(text, "calc_requests_total", route="(unmatched)", status="404") == 1
    assert "2026-10-05" not in text
    assert sample(text, "calc_request_duration_seconds_count", route="/v1/calendar/<date>", method="GET") == 3
    assert sample(text, "calc_request_duration_seconds_bucket", route="/v1/calendar/<date>", method="GET",
                  le="+Inf") == 3
    assert sample(text, "calc_batch_items_count") == 2 and sample(text, "calc_batch_items_sum") == 43
    assert sample(text, "calc_batch_items_bucket", le="10.0") == 1
    assert sample(text, "calc_schedules_info", digest=schedules.digest) == 1


def test_meta_carries_an_etag_and_honours_if_none_match(client, schedules):
    r = client.get("/v1/meta")
    etag = r.headers["ETag"]
    assert etag.startswith('"') and r.json["schedules_digest"] == schedules.digest
    again = client.get("/v1/meta", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    assert client.get("/v1/meta", headers={"If-None-Match": '"other"'}).status_code == 200


WORKER = textwrap.dedent("""
    import os, sys
    os.environ.setdefault("CALC_ACCESS_LOG", "0")
    from calc.api import create_app
    client = create_app({"TESTING": True}).test_client()
    for _ in range(int(sys.argv[1])):
        client.get("/v1/calendar/2026-10-05")
    if sys.argv[2] == "read":
        sys.stdout.write(client.get("/metrics").get_data(as_text=True))
""")


@pytest.mark.slow
def test_gunicorn_workers_are_added_up_as_prometheus_client_documents(tmp_path):
    """Multiprocess mode: each worker process writes its values under PROMETHEUS_MULTIPROC_DIR and
    /metrics, in whichever worker answers it, adds all of them up (here two workers that answered
    2 and 3 requests, and the one asked, 1)."""
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(tmp_path), CALC_ACCESS_LOG="0")
    for count in (2, 3):
        subprocess.run([sys.executable, "-c", WORKER, str(count), "quiet"], env=env, check=True, timeout=120)
    read = subprocess.run([sys.executable, "-c", WORKER, "1", "read"], env=env, check=True, timeout=120,
                          capture_output=True, text=True)
    assert sample(read.stdout, "calc_requests_total", route="/v1/calendar/<date>", status="200") == 6
    assert sample(read.stdout, "calc_schedules_info") == 1


def test_the_multiprocess_directory_is_made_or_emptied_before_the_workers_start(tmp_path, monkeypatch):
    (tmp_path / "counter_123.db").write_bytes(b"old run")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    assert metrics.prepare_multiprocess_dir() is None and not list(tmp_path.glob("*.db"))
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    made = metrics.prepare_multiprocess_dir()
    try:
        assert made and os.environ["PROMETHEUS_MULTIPROC_DIR"] == made and os.path.isdir(made)
    finally:
        metrics.remove_dir(made)
        monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
