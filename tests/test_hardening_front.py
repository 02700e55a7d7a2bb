"""The production front (issue 18): deploy/nginx/calc.conf for a host, deploy/k8s/60-ingress.yaml
for a cluster. Their numbers must be the service's (the body limit, the header limits, the
timeouts), they must buffer whole requests, and nginx must accept the file and, in front of a real
gunicorn, answer through it and refuse an oversize body itself."""
from __future__ import annotations

import http.client
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from calc import serving, worker
from calc.api import DEFAULTS

from .test_hardening import Gunicorn, free_port

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "calc.conf"
INGRESS = ROOT / "deploy" / "k8s" / "60-ingress.yaml"
SERVICE = ROOT / "deploy" / "k8s" / "30-service.yaml"


def directives(text: str) -> dict[str, list[list[str]]]:
    """name -> the argument lists of every occurrence, blocks flattened (enough for this file)."""
    text = re.sub(r"#[^\n]*", "", text)
    out: dict[str, list[list[str]]] = {}
    for statement in re.split(r"[;{}]", text):
        words = statement.split()
        if words:
            out.setdefault(words[0], []).append(words[1:])
    return out


def size(value: str) -> int:
    found = re.fullmatch(r"(\d+)([kKmM]?)", value)
    assert found, value
    return int(found[1]) * {"": 1, "k": 2**10, "m": 2**20}[found[2].lower()]


def seconds(value: str) -> float:
    found = re.fullmatch(r"(\d+)(ms|s|m)?", value)
    assert found, value
    return int(found[1]) * {None: 1, "s": 1, "ms": 0.001, "m": 60}[found[2]]


@pytest.fixture(scope="module")
def conf() -> dict[str, list[list[str]]]:
    return directives(CONF.read_text("utf-8"))


def one(conf, name: str) -> list[str]:
    (args,) = conf[name]
    return args


def test_nginx_buffers_whole_requests_and_answers(conf):
    assert one(conf, "proxy_request_buffering") == ["on"] and one(conf, "proxy_buffering") == ["on"]
    assert one(conf, "server_tokens") == ["off"]


def test_nginx_body_limit_is_the_apps_and_is_held_in_memory(conf):
    assert size(one(conf, "client_max_body_size")[0]) == DEFAULTS["MAX_CONTENT_LENGTH"]
    assert size(one(conf, "client_body_buffer_size")[0]) >= DEFAULTS["MAX_CONTENT_LENGTH"]


def test_nginx_header_limits_are_no_looser_than_gunicorns(conf):
    count, each = one(conf, "large_client_header_buffers")
    assert size(each) <= serving.limit_request_line + 2 and size(each) <= serving.limit_request_field_size + 2


def test_nginx_read_timeouts_are_shorter_than_the_workers(conf):
    assert seconds(one(conf, "client_header_timeout")[0]) < worker.READ_TIMEOUT
    assert seconds(one(conf, "client_body_timeout")[0]) < worker.READ_TIMEOUT
    assert seconds(one(conf, "proxy_read_timeout")[0]) > serving.timeout  # gunicorn gives up first


def test_nginx_upstream_is_calc_serves_default_bind(conf):
    upstream = [args for args in conf["server"] if args and ":" in args[0]]
    assert upstream == [["127.0.0.1:8000"]]
    default = re.search(r'"CALC_BIND", "([^"]+)"', Path(serving.__file__).read_text("utf-8"))[1]
    assert upstream == [[default]]
    assert one(conf, "proxy_pass") == ["http://calc"]


def test_the_ingress_buffers_with_the_apps_limit_and_reaches_the_service():
    ingress = yaml.safe_load(INGRESS.read_text("utf-8"))
    service = yaml.safe_load(SERVICE.read_text("utf-8"))
    notes = ingress["metadata"]["annotations"]
    assert size(notes["nginx.ingress.kubernetes.io/proxy-body-size"]) == DEFAULTS["MAX_CONTENT_LENGTH"]
    assert size(notes["nginx.ingress.kubernetes.io/client-body-buffer-size"]) >= DEFAULTS["MAX_CONTENT_LENGTH"]
    assert notes["nginx.ingress.kubernetes.io/proxy-request-buffering"] == "on"
    assert notes["nginx.ingress.kubernetes.io/proxy-buffering"] == "on"
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) > serving.timeout
    (rule,) = ingress["spec"]["rules"]
    (path,) = rule["http"]["paths"]
    backend = path["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    assert backend["port"]["name"] in [p["name"] for p in service["spec"]["ports"]]
    assert ingress["metadata"]["namespace"] == service["metadata"]["namespace"]


NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")


def _nginx_conf(tmp_path: Path, listen: int, upstream: int) -> Path:
    site = CONF.read_text("utf-8").replace("listen 80;", f"listen 127.0.0.1:{listen};")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    (tmp_path / "calc.conf").write_text(site, "utf-8")
    main = tmp_path / "nginx.conf"
    main.write_text(f"""daemon off; worker_processes 1; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
events {{ worker_connections 512; }}
http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;
include {tmp_path}/calc.conf; }}
""", "utf-8")
    return main


@needs_nginx
def test_nginx_accepts_the_file(tmp_path):
    main = _nginx_conf(tmp_path, free_port(), 8000)
    done = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


@needs_nginx
def test_nginx_in_front_of_gunicorn_answers_and_refuses_an_oversize_body_itself(tmp_path):
    schedules = tmp_path / "schedules"
    from calc import schedules as schedules_module

    shutil.copytree(schedules_module.DEFAULT_ROOT, schedules)
    with Gunicorn(tmp_path, schedules) as server:
        port = free_port()
        main = _nginx_conf(tmp_path, port, server.port)
        front = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(main)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/healthz")
                    response = conn.getresponse()
                    assert response.status == 200 and response.getheader("X-Request-Id")
                    break
                except OSError:
                    assert time.monotonic() < deadline and front.poll() is None, "nginx did not come up"
                    time.sleep(0.2)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/v1/deadlines", body=b"{" + b" " * (DEFAULTS["MAX_CONTENT_LENGTH"] + 1) + b"}",
                         headers={"Content-Type": "application/json"})
            assert conn.getresponse().status == 413
            assert '"path": "/healthz"' in server.log()
            assert '"path": "/v1/deadlines"' not in server.log()  # refused by nginx: gunicorn never saw it
        finally:
            front.send_signal(signal.SIGQUIT)
            try:
                front.wait(10)
            except subprocess.TimeoutExpired:
                front.kill()
                front.wait(5)
