"""The JSON of the service's state: GET /healthz, /readyz and GET /v1/meta (which data it answers from)."""
from typing import Annotated, Any, TypedDict

from .doc import Doc


class HealthOut(TypedDict):
    status: Annotated[str, Doc("ok（存活）或 ready（就绪）")]


class LayerOut(TypedDict):
    name: Annotated[str, Doc("bundled, or the overlay directory's name")]
    kind: Annotated[str, Doc("bundled | base | overlay (bottom first)")]
    path: Annotated[str, Doc(
        "the layer's directory name (bundled for the bundled set): no filesystem path, /v1/meta is answered to anyone")]
    digest: Annotated[str, Doc("sha256 (16 hex) over the layer's files and names")]
    files: list[str]
    adds: Annotated[list[str], Doc("ids this layer adds, e.g. penalties/violation/<id>")]
    overrides: Annotated[list[str], Doc("ids of a lower layer this one replaces")]


class MetaOut(TypedDict):
    version: str
    schedules_digest: str
    calendar: dict[str, Any]
    calendar_digests: dict[str, str]
    layers: list[LayerOut]


def meta_json(s, book, version: str) -> MetaOut:
    """The code's version, the schedules' digest, the calendar's coverage and each layer's digest."""
    return {
        "version": version,
        "schedules_digest": s.digest,
        "calendar": {"first_year": book.first_year, "last_year": book.last_year,
                     "provisional_until": book.provisional_rule.until_year},
        "calendar_digests": {str(y): d for y, d in sorted(s.calendar_digests.items())},
        "layers": [{"name": layer.name, "kind": layer.kind,
                    "path": "bundled" if layer.kind == "bundled" else layer.path.name, "digest": layer.digest,
                    "files": list(layer.files), "adds": list(layer.adds), "overrides": list(layer.overrides)}
                   for layer in s.layers],
    }
