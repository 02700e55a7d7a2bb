"""The design card's top-level `wsgi.py`: the app gunicorn serves from a source checkout.

DESIGN.md's layout puts `wsgi.py` (`app = create_app()` for gunicorn) at the top of the repository;
calc/wsgi.py stays for the installed wheel, which has no top-level module. Both must be one app.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from tests.test_hardening import Gunicorn

REPO = Path(__file__).resolve().parent.parent


def _top_level_wsgi():
    spec = importlib.util.spec_from_file_location("wsgi", REPO / "wsgi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_top_level_wsgi_exposes_the_package_app():
    import calc.wsgi

    module = _top_level_wsgi()
    assert module.app is calc.wsgi.app  # one app, built once, whichever name gunicorn is given
    assert module.app.test_client().get("/healthz").status_code == 200


def test_gunicorn_settings_name_the_top_level_app_in_a_checkout():
    import calc.serving

    assert calc.serving.wsgi_app == "wsgi:app"
    assert Path(calc.serving.pythonpath) == REPO  # found from any working directory


def test_gunicorn_settings_name_the_package_app_where_there_is_no_checkout(tmp_path):
    # An installed wheel: calc/ in site-packages, no wsgi.py or pyproject.toml beside it.
    site = tmp_path / "site"
    (site / "calc").mkdir(parents=True)
    (site / "calc" / "__init__.py").write_text("")
    (site / "calc" / "serving.py").write_text((REPO / "calc" / "serving.py").read_text("utf-8"), "utf-8")
    (site / "calc" / "reload.py").write_text("")
    probe = "import calc.serving as s; print(s.wsgi_app, getattr(s, 'pythonpath', None))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(site)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["calc.wsgi:app", "None"]


def test_gunicorn_with_the_settings_alone_serves_the_top_level_app_from_elsewhere(tmp_path):
    """`gunicorn -c python:calc.serving`, no app named, started outside the checkout."""
    server = Gunicorn(tmp_path, REPO / "schedules")
    server.log_file = server.log_path.open("wb")
    server.proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:calc.serving"], cwd=tmp_path,
                                   env=server.env, stdout=server.log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        server.wait_for(lambda: server.status("/healthz") == 200, "gunicorn to answer /healthz")
        status, _, body = server.request("GET", "/v1/meta")
        assert status == 200 and b"schedules_digest" in body
    finally:
        server.stop()
