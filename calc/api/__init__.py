"""The HTTP adapter: parse with marshmallow, call the domain, map its errors. No legal knowledge here."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, render_template_string, send_from_directory

# First: marshmallow's messages carry their codes and Chinese from the moment a schema is declared
# (calc/api/messages.py installs them on import); the blueprints take flask-smorest's argument
# parser when their modules are imported, and importing calc.api.body installs the one that reads
# JSON bodies (calc/api/body.py).
from . import messages  # isort: skip  # noqa: F401
from . import body  # isort: skip
from .. import __version__, schedules, web
from ..app_state import EXTENSION, Holder
from . import (calendar, deadlines, errors, events, inspections, meta, metrics, openapi, penalties,
               responsibilities, security, timelines, traffic)

# Registered in this order (the order of the OpenAPI document's tags).
BLUEPRINTS = (meta, metrics, calendar, deadlines, penalties, timelines, events, inspections, responsibilities, traffic)
STATIC = Path(__file__).resolve().parent / "static"

DEFAULTS = {
    "API_TITLE": openapi.TITLE,  # ASCII: client generators make a package name of it
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": openapi.SPEC_OPTIONS,  # servers, and security: [] (open by design, openapi.ACCESS)
    "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,  # 10,000 batch items with everything but 100 pauses: 5.1-6.4 MB (body.py)
    "BATCH_LIMIT": 10_000,
    "JSON_SORT_KEYS": False,
}


def create_app(config: dict | None = None, loaded: schedules.Schedules | None = None) -> Flask:
    """Build the app on the bundled schedules (or `SCHEDULES_DIR`); a bad schedule stops it here."""
    app = security.App(__name__, static_folder=None)
    app.config.update(DEFAULTS)
    for key in ("MAX_CONTENT_LENGTH", "BATCH_LIMIT"):
        if f"CALC_{key}" in os.environ:
            app.config[key] = _positive(f"CALC_{key}", os.environ[f"CALC_{key}"])
    app.config.update(config or {})
    app.debug = app.config.get("DEBUG", False)  # honoured only together with TESTING
    security.refuse_debug_server(app)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions[EXTENSION] = Holder(loaded or schedules.load(app.config.get("SCHEDULES_DIR")))
    _behind_proxies(app)
    api = openapi.Api(app, spec_kwargs={"info": {"description": openapi.DESCRIPTION + openapi.ACCESS}})
    errors.register(app)
    security.register(app)
    metrics.register(app)
    for module in BLUEPRINTS:
        api.register_blueprint(module.blp)
    _docs(app)
    web.register(app)  # a page module that does not import has stopped start-up already
    return app


def _behind_proxies(app: Flask):
    """Behind a configured number of proxies (CALC_PROXIES: the ingress, an nginx), take the
    client's scheme, host and address from their X-Forwarded-* headers, so links (webcal://, a
    print's address) name what the client used. Never trusted by default: a client could forge them."""
    count = app.config.get("PROXIES")
    if count is None and "CALC_PROXIES" in os.environ:
        raw = os.environ["CALC_PROXIES"]
        count = 0 if raw.strip() == "0" else _positive("CALC_PROXIES", raw)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count,
                                x_prefix=count)


def _positive(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(f"{name} 应为正整数，实为 {value!r}")
    return number


def _docs(app: Flask):
    """Swagger UI from the swagger-ui-bundle package: the bureau network reaches no CDN."""
    import swagger_ui_bundle

    page = (STATIC / "docs.html").read_text("utf-8")

    @app.get("/docs")
    def docs():
        return render_template_string(page, version=__version__)

    @app.get("/docs/assets/<path:name>")
    def docs_assets(name):
        if name == "docs-init.js":
            return send_from_directory(STATIC, name)
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, name)
