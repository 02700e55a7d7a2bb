"""GET /healthz, GET /v1/meta: is it up, and which data is it answering from."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from .. import __version__, etags
from ..app_state import EXTENSION
from . import errors
from .fields import ErrorOut
from .state import current

blp = Blueprint("meta", __name__, description="服务状态")


class HealthOut(Schema):
    status = fields.String(metadata={"description": "ok（存活）或 ready（就绪）"})


class LayerOut(Schema):
    name = fields.String(metadata={"description": "bundled, or the overlay directory's name"})
    kind = fields.String(metadata={"description": "bundled | base | overlay (bottom first)"})
    path = fields.String(metadata={"description": "the layer's directory name (bundled for the bundled set): "
                                                  "no filesystem path, /v1/meta is answered to anyone"})
    digest = fields.String(metadata={"description": "sha256 (16 hex) over the layer's files and names"})
    files = fields.List(fields.String())
    adds = fields.List(fields.String(), metadata={"description": "ids this layer adds, e.g. penalties/violation/<id>"})
    overrides = fields.List(fields.String(), metadata={"description": "ids of a lower layer this one replaces"})


class MetaOut(Schema):
    version = fields.String()
    schedules_digest = fields.String()
    calendar = fields.Dict()
    calendar_digests = fields.Dict(keys=fields.String(), values=fields.String())
    layers = fields.List(fields.Nested(LayerOut))


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthOut)
    def get(self):
        """Liveness."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, HealthOut)
    @blp.alt_response(503, schema=ErrorOut, description="规则数据尚未加载")
    def get(self):
        """Readiness: 200 once the schedules are loaded (and validated), 503 before; a load balancer
        sends traffic only to ready workers."""
        holder = current_app.extensions.get(EXTENSION)
        if holder is None or getattr(holder, "schedules", None) is None:
            return errors.respond(errors.error_body(503, reason="not_ready", message="规则数据尚未加载，暂不能应答"))
        return {"status": "ready"}


@blp.route("/v1/meta")
class Meta(MethodView):
    @blp.response(200, MetaOut)
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Version, the schedules digest in use, the calendar coverage, a digest per year, and the layers
        (bundled, then each county overlay) with their digests and what each adds or overrides."""
        s = current()
        # the schedules and the code's version fix the answer; dumped as @blp.response dumped it
        return etags.conditional(etags.tag(s.digest, __version__), lambda: MetaOut().dump(self.answer(s, s.calendar)))

    @staticmethod
    def answer(s, book) -> dict:
        return {
            "version": __version__,
            "schedules_digest": s.digest,
            "calendar": {"first_year": book.first_year, "last_year": book.last_year,
                         "provisional_until": book.provisional_rule.until_year},
            "calendar_digests": {str(y): d for y, d in sorted(s.calendar_digests.items())},
            "layers": [{"name": layer.name, "kind": layer.kind, "path": "bundled" if layer.kind == "bundled" else layer.path.name, "digest": layer.digest,
                        "files": list(layer.files), "adds": list(layer.adds), "overrides": list(layer.overrides)}
                       for layer in s.layers],
        }
