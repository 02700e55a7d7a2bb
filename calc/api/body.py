"""The one reader of JSON request bodies, in front of marshmallow: every API endpoint's body goes
through `read` (flask-smorest's argument parser calls it), so every limit holds everywhere.

Why a reader of our own: `json.loads` on 16 MB of `[{},{},...]` builds 5.3 million dicts (560 MB
in one worker) before anything can count them; 977 levels of nesting end in a RecursionError and
4,301 digits in a ValueError, both 500s. Here the raw bytes are measured first, with C-speed byte
operations and without building anything: the number literals' lengths, the count of objects and
arrays, the count of values and the depth of nesting (`check`; strings are blanked out only for a
body that seems over a limit). Only a body within every limit is parsed (orjson, which also
refuses NaN and numbers that are infinite as a double).

Limits (API.md "Additions in version 1"): a body that is not `application/json` is 415
`unsupported_media_type`; a body over MAX_CONTENT_LENGTH (with or without Content-Length) or with
more containers or values than a batch of BATCH_LIMIT items needs is 413 `too_large`; unparsable
JSON, nesting deeper than MAX_DEPTH or a number longer than MAX_NUMBER characters is 400 `bad_json`.
"""
from __future__ import annotations

import re

import flask_smorest
import orjson
from flask import current_app
from webargs import core
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

from . import errors

MAX_DEPTH = 32  # the deepest body the API documents is 5 (a batch item's pause)
MAX_NUMBER = 100  # characters of one number literal: far beyond any date, amount or fine
# A batch item that carries everything the contract allows but its 100 pauses (ref, start, amount,
# unit, direction, steps, provisional, two pauses with reasons, an extension with its basis) is
# 5 containers and 20 values; a batch may have BATCH_LIMIT of them, with room to spare:
CONTAINERS_PER_ITEM = 12
VALUES_PER_ITEM = 40
# Any other body: the largest is a compliance check's log (10,000 entries of 3 values), with room.
# Bounding values bounds the work after parsing too: every bad value is one error to build.
CONTAINERS = 12_000
VALUES = 50_000

_STRING = re.compile(rb'"[^"]*"')  # one JSON string, once its escaped quotes and backslashes are gone
_PIECE = 65536  # blanked piece by piece: re.sub keeps a list of every piece of its answer
_NUMBER_CHARS = bytes(ord("1") if chr(b) in "-+.0123456789eE" else ord(" ") for b in range(256))
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def is_json(mimetype: str) -> bool:
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def has_body(request) -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


class Parser(FlaskParser):
    """flask-smorest's argument parser, reading JSON bodies through `read`."""

    def _raw_load_json(self, req):
        return read(req)


def install() -> None:
    """Every flask-smorest blueprint parses its `json` arguments with `Parser` (the class attribute
    is where flask-smorest looks, when a view's arguments are declared: so before any blueprint
    module is imported; ours are the only blueprints in the process)."""
    if not isinstance(flask_smorest.Blueprint.ARGUMENTS_PARSER, Parser):
        flask_smorest.Blueprint.ARGUMENTS_PARSER = Parser()


def read(request):
    """The request's JSON body as Python values (webargs' `missing` when there is none), or an HTTP
    error in the API's shape."""
    # The request and the config behind their proxies, once (each look-up through a proxy costs
    # a microsecond; a single deadline made eighteen more than the bare endpoint of the bench).
    request = request._get_current_object() if hasattr(request, "_get_current_object") else request
    # the common Content-Type as sent, without parsing it (request.mimetype does: a tenth of a
    # single deadline's time); anything else is parsed and judged as before
    if request.environ.get("CONTENT_TYPE") != "application/json" and not is_json(request.mimetype):
        if has_body(request):
            raise errors.UnsupportedMediaType("请求体应为 JSON（Content-Type: application/json）")
        return core.missing
    config = current_app.config
    data = raw(request, config["MAX_CONTENT_LENGTH"])
    if not data.strip():
        return core.missing
    check(data, config["BATCH_LIMIT"] if request.path.endswith("/batch") else 0)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise errors.BadJson(f"请求体不是合法的 JSON：{exc}") from None


_UNSET = object()


def raw(request, limit=_UNSET) -> bytes:
    """The body's bytes, never more than MAX_CONTENT_LENGTH (`limit`) of them: a chunked body has
    no length to refuse up front, so it is read in pieces and refused (413) as soon as it passes
    the limit."""
    if limit is _UNSET:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
    length = request.content_length
    if length is not None:
        if limit is not None and length > limit:
            raise RequestEntityTooLarge()
        if "_cached_data" in request.__dict__ or "stream" in request.__dict__:
            return request.get_data(cache=True)
        # What get_data reads, without its wrapping stream (a tenth of a single deadline's time):
        # the length is known and within the limit, so exactly that many bytes, kept for get_data.
        data = request.environ["wsgi.input"].read(length)
        if len(data) < length and "wsgi.input_terminated" not in request.environ:
            raise ClientDisconnected()  # as Werkzeug's stream says it where the server does not
        request._cached_data = data
        return data
    stream, parts, size = request.environ["wsgi.input"], [], 0
    while True:
        part = stream.read(65536)
        if not part:
            break
        size += len(part)
        if limit is not None and size > limit:
            raise RequestEntityTooLarge()
        parts.append(part)
    return b"".join(parts)


def check(data: bytes, batch_limit: int = 0) -> None:
    """Refuse a body whose parse would be too deep, too long a number, or too big, before parsing;
    `batch_limit` is the number of batch items the body may carry (0: not a batch).

    First on the bytes as they are, strings included: that over-counts (a comma in a reason counts
    as a value), so a body within every limit there is within them (the common case, about a
    millisecond a megabyte). Only a body that seems over a limit is measured again with its strings
    blanked out (slower: tens of ms a megabyte), so that what a string says never refuses a body."""
    if len(data) <= 2 * MAX_DEPTH + 1:  # too short to break any limit: a single deadline's body
        return  # (nesting deeper than MAX_DEPTH takes 2 * MAX_DEPTH + 2 brackets; numbers, containers, values fewer still)
    caps = (CONTAINERS + CONTAINERS_PER_ITEM * batch_limit, VALUES + VALUES_PER_ITEM * batch_limit)
    if _measure(data, caps) is None:
        return
    problem = _measure(blank_strings(data), caps)
    if problem is not None:
        raise problem


def _measure(text: bytes, caps: tuple[int, int]) -> Exception | None:
    """The first limit `text` is over, as the error to raise, or None."""
    if b"1" * (MAX_NUMBER + 1) in text.translate(_NUMBER_CHARS):
        return errors.BadJson(f"请求体中的数字超过 {MAX_NUMBER} 个字符，无法读取")
    containers = text.count(b"{") + text.count(b"[")
    values = text.count(b",") + containers
    if containers > caps[0] or values > caps[1]:
        return errors.TooLarge(f"请求体的 JSON 元素过多（对象和数组 {containers} 个，值约 {values} 个）")
    brackets = text.translate(None, _NOT_BRACKET)
    for _ in range(MAX_DEPTH):  # each pass removes the innermost level: after MAX_DEPTH passes, nothing is left
        if not brackets:
            return None
        shorter = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(brackets):  # brackets that do not pair: the parser says where
            return None
        brackets = shorter
    return errors.BadJson(f"请求体的 JSON 嵌套超过 {MAX_DEPTH} 层") if brackets else None


def blank_strings(data: bytes) -> bytes:
    """`data` with every string's content removed (`"..."` becomes `""`), so that what is left is
    only structure and numbers. Escaped backslashes and quotes go first (the parser refuses a
    backslash outside a string at that very byte, so the two agree on every byte it would read);
    then each quote opens or closes a string, and the pieces are blanked one at a time, each
    knowing from the quotes before it whether it starts inside a string."""
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    out, inside = [], False
    for at in range(0, len(data), _PIECE):
        piece = data[at:at + _PIECE]
        quotes = piece.count(b'"')
        text = (b'"' if inside else b"") + piece
        if (quotes + inside) % 2:
            text += b'"'
        out.append(_STRING.sub(b'""', text))
        inside = bool((quotes + inside) % 2)
    return b"".join(out)


install()  # on import: calc/api/__init__.py imports this module before any blueprint
