"""One place that turns every failure into the API.md error body; never a 500 for caller input."""
from __future__ import annotations

import flask_smorest
from flask import current_app, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.exceptions import UnsupportedMediaType as _UnsupportedMediaType

from ..errors import DomainError, NotFound
from .fields import ErrorOut

REASONS = {404: "not_found", 413: "too_large", 405: "method_not_allowed", 400: "bad_request",
           415: "unsupported_media_type"}


class _Said:
    """An HTTP error raised by the adapter itself, with its `reason` and Chinese `message`."""

    reason: str

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadJson(_Said, BadRequest):
    reason = "bad_json"


class TooLarge(_Said, RequestEntityTooLarge):
    reason = "too_large"


class UnsupportedMediaType(_Said, _UnsupportedMediaType):
    reason = "unsupported_media_type"


class Api(flask_smorest.Api):
    """Documents the error body this module really sends (with `reason`) as every operation's
    default response, so /openapi.json and the wire agree."""

    ERROR_SCHEMA = ErrorOut


def flatten(messages) -> dict:
    """flask-smorest nests errors by location ({"json": {...}}); callers want field -> messages."""
    if not isinstance(messages, dict):
        return {"_schema": messages}
    out = {}
    for location, value in messages.items():
        if isinstance(value, dict) and location in ("json", "query", "path", "form", "headers", "files"):
            out.update(value)
        else:
            out[location] = value
    return out


def body(code: int, status: str, **extra):
    payload = {"code": code, "status": status}
    payload.update({k: v for k, v in extra.items() if v is not None})
    response = jsonify(payload)
    response.status_code = code
    return response


def domain_error(exc: DomainError):
    code = 404 if isinstance(exc, NotFound) else 422
    status = "Not Found" if code == 404 else "Unprocessable Entity"
    errors = {exc.field: [exc.message]} if exc.field else None
    return body(code, status, reason=exc.reason, message=exc.message, errors=errors,
                **{k: v for k, v in exc.details.items() if isinstance(v, (int, str))})


def http_error(exc: HTTPException):
    code = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages", data.get("errors"))
    errors = flatten(messages) if messages is not None else None
    if code == 404 and _wants_page():
        page = current_app.config.get("PAGE_NOT_FOUND")  # set by calc.web.register when the pages are served
        if page is not None:
            return page()
    reason = getattr(exc, "reason", None) or REASONS.get(code)
    message = getattr(exc, "message", None) or {
        413: "请求体或批量条数超过上限", 404: "资源不存在", 405: "不支持该请求方法", 400: "请求体不是合法的 JSON",
        415: "请求体应为 JSON（Content-Type: application/json）"}.get(code, exc.description)
    response = body(code, exc.name, errors=errors, reason=reason, message=message)
    for name, value in exc.get_headers():  # Allow on a 405 (RFC 9110), Retry-After...
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def _wants_page() -> bool:
    """A person's browser (Accept prefers text/html) on an address outside the API gets a page; API
    clients (Accept: application/json, */*, or nothing) and every /v1/ address keep the JSON body."""
    if request.path.startswith("/v1/"):
        return False
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def register(app):
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(HTTPException, http_error)
