"""ETag and 304 for GET answers that depend only on the schedules (and the request's own values),
written once for every front end served by Flask.

Two tags exist, both kept as the API has always sent them (clients store them): the schedules
digest itself (`cached`, /v1/penalties and /v1/timelines, through werkzeug's conditional
response), and a hash of the digest with the request's values (`tag`, the other GET answers).
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from flask import Response, jsonify, request
from werkzeug.wrappers import Response as AnyResponse

from .app_state import current


def hashed(*parts: Any) -> str:
    """The value of a strong ETag for an answer fixed by `parts` (the schedules digest among them)."""
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:20]


def tag(*parts: Any) -> str:
    """`hashed(*parts)` as the ETag header carries it, quoted."""
    return f'"{hashed(*parts)}"'


def not_modified(etag: str) -> Response | None:
    """The 304 for a client that already has `etag`, else None."""
    if etag.strip('"') in request.if_none_match or request.if_none_match.star_tag:
        r = Response(status=304)
        r.headers["ETag"] = etag
        return r
    return None


def conditional(etag: str, build: Callable[[], Any]) -> Response:
    """304 if the client has `etag`; else `build()` (a Response, or a payload sent as JSON), built
    only then. Either way with the ETag."""
    r = not_modified(etag)
    if r is None:
        r = build()
        if not isinstance(r, AnyResponse):
            r = jsonify(r)
        r.headers["ETag"] = etag
    return r


def cached(payload, etag: str | None = None) -> Response:
    """werkzeug's conditional response: ETag `etag` (unquoted; by default the schedules digest),
    304 on a match. `payload`: a Response, or a payload sent as JSON."""
    response = payload if isinstance(payload, AnyResponse) else jsonify(payload)
    response.set_etag(current().digest if etag is None else etag)
    return response.make_conditional(request)
