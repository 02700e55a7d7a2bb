"""A real chromium (Debian's package) against the app served in-process on a loopback port.

Every request the page makes is recorded; a test fails if one leaves 127.0.0.1. Screenshots of
each page at desktop and phone width go to test-artefacts/ (gitignored)."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"
CHROMIUM = os.environ.get("CALC_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def server(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """Every URL the page requested, and any request that was not to the local server."""

    def __init__(self):
        self.urls: list[str] = []
        self.outside: list[str] = []
        self.console: list[str] = []

    def request(self, req):
        self.urls.append(req.url)
        host = urlsplit(req.url).hostname
        if req.url.startswith(("data:", "about:", "blob:")):
            return
        if host != "127.0.0.1":
            self.outside.append(req.url)


def _open(browser, server, viewport, request):
    context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=server,
                                  java_script_enabled=getattr(request, "param", True))
    watch = Watch()

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith("data:"):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", watch.request)
    page.on("console", lambda msg: watch.console.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.watch = watch
    return context, page


@pytest.fixture()
def page(browser, server, request):
    context, page = _open(browser, server, DESKTOP, request)
    yield page
    context.close()
    assert not page.watch.outside, f"requests left 127.0.0.1: {page.watch.outside}"
    assert not [c for c in page.watch.console if "Content Security Policy" in c], page.watch.console


@pytest.fixture()
def phone(browser, server, request):
    context, page = _open(browser, server, PHONE, request)
    yield page
    context.close()
    assert not page.watch.outside, f"requests left 127.0.0.1: {page.watch.outside}"


def shoot(page, name: str, full_page: bool = True):
    """Screenshot (the whole page by default) to test-artefacts/<name>-<width>.png."""
    ARTEFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTEFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
