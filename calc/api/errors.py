"""One place that turns every failure into the API.md error body; never a 500 for caller input.

Every error body is built here, by `error_body` (the HTTP answers and the batch's failed slots
alike), so a batch slot carries what the single endpoint would have sent.
"""
from __future__ import annotations

import re

import flask_smorest
from flask import current_app, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge
from werkzeug.exceptions import UnsupportedMediaType as _UnsupportedMediaType

from ..errors import DomainError, InvalidInput, NotFound
from .fields import REASONS as ALL_REASONS, ErrorOut  # noqa: F401 - the enum, for callers
from .messages import explain

REASONS = {404: "not_found", 413: "too_large", 405: "method_not_allowed", 400: "bad_request",
           415: "unsupported_media_type", 422: "invalid_input"}
STATUS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Request Entity Too Large",
          415: "Unsupported Media Type", 422: "Unprocessable Entity", 503: "Service Unavailable"}
INPUT_MESSAGE = "输入有误"  # the batch slot's words for an item the schema refuses (since v1)
# The top-level `message` of every error body is Chinese (API.md, version 1.1): an HTTP error the
# adapter did not word itself gets these words for its status (any other status, the last line's).
MESSAGES = {400: "请求体不是合法的 JSON", 404: "资源不存在", 405: "不支持该请求方法", 413: "请求体或批量条数超过上限",
            415: "请求体应为 JSON（Content-Type: application/json）", 422: INPUT_MESSAGE,
            500: "服务器内部错误", 503: "服务暂不可用，请稍后再试"}
OTHER_MESSAGE = "请求未能完成（HTTP {code}）"
# A domain refusal whose own words are not Chinese (a calendar built without its texts) is preceded
# by these, for its reason.
REFUSALS = {"calendar_gap": "所需年份的国务院节假日安排尚未收录", "not_found": "资源不存在"}
REFUSED = "请求无法办理"
SHOWN = 3  # fields the top-level message of an input error names; `details` lists them all
_CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(text) -> bool:
    return isinstance(text, str) and _CJK.search(text) is not None


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


def details(errors: dict) -> list[dict]:
    """[{field, code, message}] of field -> messages (nested as marshmallow nests them), each
    message in Chinese from the message table; fields as `pauses[0].end`."""
    out: list[dict] = []
    _walk(errors, "", out)
    return out


def _walk(node, path: str, out: list):
    if isinstance(node, dict):
        for key, value in node.items():
            index = key if isinstance(key, int) else int(key) if isinstance(key, str) and key.isdecimal() else None
            sub = f"{path}[{index}]" if index is not None and path else f"{path}.{key}" if path else str(key)
            _walk(value, sub, out)
    elif isinstance(node, (list, tuple)):
        for message in node:
            if isinstance(message, (dict, list, tuple)):
                _walk(message, path, out)
            else:
                code, text = explain(str(message) if not isinstance(message, str) else message)
                out.append({"field": path or "_schema", "code": code, "message": text})
    else:
        code, text = explain(str(node))
        out.append({"field": path or "_schema", "code": code, "message": text})


def error_body(code: int, status: str | None = None, *, reason: str | None = None, message: str | None = None,
               errors: dict | None = None, details: list | None = None, **extra) -> dict:
    """The error body of API.md, in one order for every error: `code`, `status`, `reason`, `message`,
    `errors` (field -> messages), `details` ([{field, code, message}] of an input error), then
    `extra` (the `year` of a calendar gap...). None values are left out."""
    payload = {"code": code, "status": status or STATUS.get(code, "Error")}
    for key, value in (("reason", reason), ("message", message), ("errors", errors), ("details", details)):
        if value is not None:
            payload[key] = value
    payload.update({k: v for k, v in extra.items() if v is not None})
    return payload


MAX_FIELDS = 10  # fields named in one error body; the rest are counted, not listed


def summary(listed: list[dict]) -> str:
    """The top-level message of an input error, in Chinese: the first SHOWN fields and what is wrong
    with each, e.g. "输入有误：start：日期格式应为 YYYY-MM-DD，且须为真实存在的日期。"."""
    parts = [f"{'请求体' if d['field'] == '_schema' else d['field']}：{d['message'].rstrip('。')}"
             for d in listed[:SHOWN]]
    head = f"{INPUT_MESSAGE}（共 {len(listed)} 处，详见 details）" if len(listed) > SHOWN else INPUT_MESSAGE
    return f"{head}：{'；'.join(parts)}。" if parts else f"{INPUT_MESSAGE}。"


def input_error(messages, message: str | None = None, status: str | None = None) -> dict:
    """422 `invalid_input` for what the schema refused (`messages` as marshmallow gives them); its
    `message` is `message` (the batch slot's words), or else says the fields in Chinese (summary).

    At most MAX_FIELDS fields are named, the rest counted: 10,000 batch items of 38 unknown keys
    each would otherwise hold 760,000 messages at once (157 MB in one worker, issue 18)."""
    errors = flatten(messages)
    more = len(errors) - MAX_FIELDS
    if more > 0:
        errors = dict(list(errors.items())[:MAX_FIELDS])
    listed = details(errors)
    if message is None:
        message = summary(listed)
    if more > 0:
        note = f"另有 {more} 处字段错误未列出"
        errors.setdefault("_schema", []).append(note)
        listed.append({"field": "_schema", "code": "too_many", "message": note})
    return error_body(422, status, reason="invalid_input", message=message, errors=errors, details=listed)


def domain_body(exc: DomainError) -> dict:
    """404 or 422 for what the domain refused, with its `reason`, and `year` etc. from its details."""
    code = 404 if isinstance(exc, NotFound) else 422
    errors = {exc.field: [exc.message]} if exc.field else None
    coded = [{"field": exc.field, "code": "out_of_range", "message": exc.message}] \
        if exc.field and isinstance(exc, InvalidInput) else None
    message = exc.message if chinese(exc.message) else f"{REFUSALS.get(exc.reason, REFUSED)}（{exc.message}）"
    return error_body(code, reason=exc.reason, message=message, errors=errors, details=coded,
                      **{k: v for k, v in exc.details.items() if isinstance(v, (int, str))})


def respond(payload: dict, headers=()):
    response = jsonify(payload)
    response.status_code = payload["code"]
    for name, value in headers:
        response.headers[name] = value
    return response


def body(code: int, status: str, **extra):
    """An error response (kept for callers outside this module)."""
    return respond(error_body(code, status, **extra))


def domain_error(exc: DomainError):
    return respond(domain_body(exc))


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
    # the adapter's own words (errors.BadJson..., or flask-smorest's abort(413, message=...)), when Chinese
    said = getattr(exc, "message", None) or data.get("message")
    said = said if chinese(said) else None
    if code == 422 and messages is not None:
        payload = input_error(messages, said, exc.name)
    else:
        message = said or MESSAGES.get(code) or OTHER_MESSAGE.format(code=code)
        payload = error_body(code, exc.name, reason=reason, message=message, errors=errors)
    headers = [(name, value) for name, value in exc.get_headers()  # Allow on a 405 (RFC 9110), Retry-After...
               if name.lower() not in ("content-type", "content-length")]
    return respond(payload, headers)


def _wants_page() -> bool:
    """A person's browser (Accept prefers text/html) on an address outside the API gets a page; API
    clients (Accept: application/json, */*, or nothing) and every /v1/ address keep the JSON body."""
    if request.path.startswith("/v1/"):
        return False
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def register(app):
    app.register_error_handler(DomainError, domain_error)
    app.register_error_handler(HTTPException, http_error)
