"""What every response carries (issue 7, item 6): security headers, no server version, JSON errors,
a request id echoed and logged, configurable limits, and no debug mode outside tests."""
from __future__ import annotations

import http.client
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask

from calc import schedules as schedules_module
from calc.api import create_app, security

CSP_REQUIRED = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                "frame-ancestors 'none'"]


def simple_get_routes(app: Flask) -> list[str]:
    """Every GET route registered right now that needs no path parameter."""
    return sorted({r.rule for r in app.url_map.iter_rules() if "GET" in r.methods and not r.arguments})


def assert_hardened(response, path: str):
    csp = response.headers.get("Content-Security-Policy", "")
    for part in CSP_REQUIRED:
        assert part in csp, f"{path}: CSP lacks {part!r}: {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    assert response.headers.get("Server", "calc") == "calc", path
    assert REQUEST_ID.fullmatch(response.headers.get("X-Request-Id", "")), path


REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture()
def access_lines():
    handler = Captured()
    logger = logging.getLogger("calc.access")
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(old)


def test_every_simple_get_route_carries_the_security_headers(app, client):
    routes = simple_get_routes(app)
    assert "/healthz" in routes and "/openapi.json" in routes and "/docs" in routes
    for path in routes:
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        assert_hardened(response, path)


@pytest.mark.parametrize("method,path,body", [
    ("get", "/no/such/page", None),
    ("delete", "/v1/deadlines", None),
    ("post", "/v1/deadlines", {"start": "2026-13-01", "amount": 1, "unit": "days"}),
    ("post", "/v1/deadlines", "{not json"),
    ("get", "/v1/calendar/1800-01-01", None),
])
def test_error_responses_carry_the_headers_too(client, method, path, body):
    kwargs = {"data": body, "content_type": "application/json"} if isinstance(body, str) else {"json": body}
    response = getattr(client, method)(path, **kwargs) if body is not None else getattr(client, method)(path)
    assert response.status_code >= 400
    assert_hardened(response, path)
    assert response.is_json


def test_404_405_and_413_are_json_with_code_status_and_reason(schedules):
    client = create_app({"TESTING": True, "MAX_CONTENT_LENGTH": 2048}, loaded=schedules).test_client()
    r404 = client.get("/v2/anything")
    assert (r404.status_code, r404.json["code"], r404.json["reason"]) == (404, 404, "not_found")
    r405 = client.put("/healthz")
    assert (r405.status_code, r405.json["code"], r405.json["reason"]) == (405, 405, "method_not_allowed")
    big = {"items": [{"start": "2026-01-05", "amount": 5, "unit": "days"}] * 200}
    r413 = client.post("/v1/deadlines/batch", json=big)
    assert (r413.status_code, r413.json["code"], r413.json["reason"]) == (413, 413, "too_large")
    assert r413.json["message"]


def test_limits_come_from_the_environment(monkeypatch, schedules):
    monkeypatch.setenv("CALC_MAX_CONTENT_LENGTH", "4096")
    monkeypatch.setenv("CALC_BATCH_LIMIT", "3")
    app = create_app({"TESTING": True}, loaded=schedules)
    assert app.config["MAX_CONTENT_LENGTH"] == 4096 and app.config["BATCH_LIMIT"] == 3
    client = app.test_client()
    item = {"start": "2026-01-05", "amount": 5, "unit": "days"}
    assert client.post("/v1/deadlines/batch", json={"items": [item] * 3}).status_code == 200
    over = client.post("/v1/deadlines/batch", json={"items": [item] * 4})
    assert over.status_code == 413 and over.json["reason"] == "too_large"


@pytest.mark.parametrize("value", ["0", "-5", "lots", ""])
def test_a_nonsense_limit_refuses_to_start_naming_the_variable(monkeypatch, schedules, value):
    monkeypatch.setenv("CALC_BATCH_LIMIT", value)
    with pytest.raises(ValueError, match="CALC_BATCH_LIMIT"):
        create_app(loaded=schedules)


def test_a_sane_request_id_is_echoed_and_logged_as_json(client, access_lines):
    response = client.get("/healthz", headers={"X-Request-Id": "case-2026.11:0042"})
    assert response.headers["X-Request-Id"] == "case-2026.11:0042"
    logged = [json.loads(line) for line in access_lines]
    entry = next(e for e in logged if e["request_id"] == "case-2026.11:0042")
    assert entry["method"] == "GET" and entry["path"] == "/healthz" and entry["status"] == 200
    assert isinstance(entry["ms"], float) and entry["bytes"] == len(response.data)


@pytest.mark.parametrize("incoming", ["", "x" * 200, "has space", "<script>", "semi;colon", "-leading"])
def test_an_unusable_request_id_is_replaced_by_a_fresh_one(client, access_lines, incoming):
    response = client.get("/healthz", headers={"X-Request-Id": incoming})
    rid = response.headers["X-Request-Id"]
    assert rid != incoming and re.fullmatch(r"[0-9a-f]{32}", rid)
    assert json.loads(access_lines[-1])["request_id"] == rid


def test_each_request_without_an_id_gets_its_own(client):
    ids = {client.get("/healthz").headers["X-Request-Id"] for _ in range(5)}
    assert len(ids) == 5


def test_error_responses_are_logged_with_their_status(client, access_lines):
    client.post("/v1/deadlines", json={"start": "2026-01-05"}, headers={"X-Request-Id": "bad-input-1"})
    entry = json.loads(access_lines[-1])
    assert entry["request_id"] == "bad-input-1" and entry["status"] == 422


def test_debug_mode_cannot_be_switched_on_outside_tests(monkeypatch, schedules):
    app = create_app({"DEBUG": True}, loaded=schedules)
    assert app.debug is False and app.config["DEBUG"] is False
    app.debug = True
    assert app.debug is False
    assert create_app({"DEBUG": True, "TESTING": True}, loaded=schedules).debug is True


def test_flask_debug_refuses_to_start_outside_tests(monkeypatch, schedules):
    """`flask run --debug` sets FLASK_DEBUG and would serve Werkzeug's debugger console."""
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(RuntimeError, match="FLASK_DEBUG"):
        create_app(loaded=schedules)
    assert create_app({"TESTING": True}, loaded=schedules).testing


def test_an_unexpected_failure_is_a_json_500_without_a_traceback(schedules):
    app = create_app({"DEBUG": True}, loaded=schedules)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500 and response.is_json
    assert response.json["code"] == 500
    text = response.get_data(as_text=True)
    assert "secret internals" not in text and "Traceback" not in text
    assert_hardened(response, "/boom")


def test_docs_page_uses_only_local_files_and_no_inline_script(client):
    page = client.get("/docs").get_data(as_text=True)
    assert_no_inline_code("/docs", page)
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert ref.startswith("/"), f"/docs references {ref}"
        assert client.get(ref).status_code == 200, ref


def assert_no_inline_code(path: str, page: str):
    """The CSP has no 'unsafe-inline': an inline script, handler or style would be blocked."""
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S | re.I)
    inline = [body.strip()[:60] for attrs, body in scripts
              if body.strip() and "application/json" not in attrs and "application/ld+json" not in attrs]
    assert not inline, f"{path}: inline <script> blocked by the CSP: {inline}"
    handlers = re.findall(r"<[^>]+\s(on[a-z]+)\s*=", page, flags=re.I)
    assert not handlers, f"{path}: inline event handlers blocked by the CSP: {handlers}"
    styles = re.findall(r"<[^>]+\sstyle\s*=\s*\"([^\"]*)\"", page, flags=re.I)
    assert not styles, f"{path}: style=\"...\" attributes blocked by style-src 'self': {styles[:3]}"
    assert not re.search(r"<style\b", page, flags=re.I), f"{path}: <style> element blocked by the CSP"
    external = re.findall(r'(?:src|href|action)\s*=\s*"((?:https?:)?//[^"]+)"', page, flags=re.I)
    assert not external, f"{path}: the bureau network reaches no CDN: {external}"


def test_every_html_page_registered_now_works_under_the_csp(app, client):
    pages = 0
    for path in simple_get_routes(app):
        response = client.get(path)
        if response.mimetype == "text/html":
            pages += 1
            assert_no_inline_code(path, response.get_data(as_text=True))
    assert pages >= 1


def test_the_security_module_never_names_a_version():
    assert security.SERVER == "calc"


# -- a real gunicorn (issue 7, item 4: reload) -------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn with the repo's config on a free loopback port, one worker; always stopped."""

    def __init__(self, tmp_path: Path, schedules_dir: Path, env: dict | None = None, workers: int = 1):
        self.port = free_port()
        self.log_path = tmp_path / f"gunicorn-{self.port}.log"
        self.env = {**os.environ, "CALC_SCHEDULES": str(schedules_dir), "CALC_BIND": f"127.0.0.1:{self.port}",
                    "CALC_WORKERS": str(workers), "CALC_THREADS": "2", "CALC_ACCESS_LOG": "1", **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> "Gunicorn":
        self.log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:calc.serving",
                                      "calc.wsgi:app"], cwd=REPO, env=self.env, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        if wait:
            self.wait_for(lambda: self.status("/healthz") == 200, "gunicorn to answer /healthz")
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log_file.close()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def hup(self):
        self.proc.send_signal(signal.SIGHUP)

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def status(self, path: str) -> int | None:
        try:
            return self.request("GET", path)[0]
        except OSError:
            return None

    def digest(self) -> str:
        status, _, body = self.request("GET", "/v1/meta")
        assert status == 200
        return json.loads(body)["schedules_digest"]

    def wait_for(self, condition, what: str, timeout: float = 90):
        """Polls; a connection dropped while workers are being replaced counts as "not yet"."""
        def holds() -> bool:
            try:
                return bool(condition())
            except (OSError, http.client.HTTPException):
                return False

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if holds():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited ({self.proc.returncode}) waiting for {what}:\n{self.log()}")
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log()[-4000:]}")


@pytest.fixture()
def schedules_copy(tmp_path):
    root = tmp_path / "schedules"
    shutil.copytree(schedules_module.DEFAULT_ROOT, root)
    return root


def test_hup_reloads_good_schedules_and_keeps_serving_the_old_ones_when_the_new_are_bad(tmp_path, schedules_copy):
    periods_toml = schedules_copy / "periods.toml"
    original = periods_toml.read_text("utf-8")
    with Gunicorn(tmp_path, schedules_copy) as server:
        assert server.digest() == schedules_module.load(schedules_copy).digest
        status, headers, _ = server.request("GET", "/healthz", headers={"X-Request-Id": "probe-1"})
        assert headers["Server"] == "calc" and headers["X-Request-Id"] == "probe-1"
        assert '"request_id": "probe-1"' in server.log()

        periods_toml.write_text(original + "\n# 改动一：重新加载\n", "utf-8")
        good = schedules_module.load(schedules_copy).digest
        server.hup()
        server.wait_for(lambda: server.digest() == good, f"digest {good} after HUP")

        periods_toml.write_text(original + "\nbroken = [\n", "utf-8")
        boots = server.log().count("Booting worker")
        server.hup()
        server.wait_for(lambda: "schedules reload refused" in server.log()
                        and server.log().count("Booting worker") > boots, "the refusal and a new worker")
        line = next(x for x in server.log().splitlines() if "schedules reload refused" in x)
        assert f"keep serving digest {good}" in line and "periods.toml" in line and "TOML" in line
        for _ in range(5):
            assert server.digest() == good
        status, _, body = server.request("POST", "/v1/deadlines",
                                         {"start": "2026-09-21", "amount": 20, "unit": "workdays"})
        assert status == 200 and json.loads(body)["due"] == "2026-10-26"  # the 2026 notice, by hand

        periods_toml.write_text(original + "\n# 改动二：修好了\n", "utf-8")
        fixed = schedules_module.load(schedules_copy).digest
        server.hup()
        server.wait_for(lambda: server.digest() == fixed, f"digest {fixed} after the fix")
        assert server.proc.poll() is None


def test_gunicorn_refuses_to_start_on_bad_schedules_and_says_why(tmp_path, schedules_copy):
    path = schedules_copy / "calendar" / "cn" / "2026.toml"
    path.write_text(path.read_text("utf-8").replace("date = 2026-01-04", "date = 2026-01-05"), "utf-8")
    server = Gunicorn(tmp_path, schedules_copy).start(wait=False)
    try:
        assert server.proc.wait(60) != 0
    finally:
        server.stop()
    assert "calendar/cn/2026.toml: makeup[0].date: 调休上班日 2026-01-05 不是周末" in server.log()


# -- the pages under the CSP in a real browser ---------------------------------------------------------

BROWSE = """
import json, sys
from playwright.sync_api import sync_playwright
base, chromium, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
problems = []
with sync_playwright() as pw:
    browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                 args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    for path in pages:
        page = browser.new_page()
        page.on("console", lambda m, path=path: problems.append(f"{path}: {m.text}")
                if "Content Security Policy" in m.text or "Refused to" in m.text else None)
        page.goto(base + path, wait_until="networkidle")
        if path == "/docs":
            page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
            if "公安局" not in page.inner_text(".swagger-ui .info .title"):
                problems.append("/docs: Swagger UI did not render the API title")
            page.wait_for_selector(".opblock", timeout=15000)
        page.close()
    browser.close()
print(json.dumps(problems, ensure_ascii=False))
"""


@pytest.mark.browser
def test_docs_and_pages_render_in_chromium_without_a_csp_violation(app):
    """In its own process: the browser suite may already hold a Playwright loop in this one."""
    pytest.importorskip("playwright.sync_api")
    chromium = os.environ.get("CALC_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("chromium not installed (apt-get install chromium)")
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = [p for p in simple_get_routes(app) if app.test_client().get(p).mimetype == "text/html"]
    try:
        done = subprocess.run([sys.executable, "-c", BROWSE, f"http://127.0.0.1:{server.server_port}", chromium,
                               *pages], capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-3000:]
    assert "/docs" in pages
    problems = json.loads(done.stdout.strip().splitlines()[-1])
    assert not problems, "\n".join(problems)
