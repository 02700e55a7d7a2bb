"""GET /healthz, GET /v1/meta: is it up, and which data is it answering from."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from .. import __version__, etags
from ..answers.meta import HealthOut, MetaOut, meta_json
from ..app_state import EXTENSION
from . import errors
from .fields import ErrorOut
from .shapes import schema
from .state import current

blp = Blueprint("meta", __name__, description="服务状态")





@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, schema(HealthOut))
    def get(self):
        """Liveness."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, schema(HealthOut))
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
    @blp.response(200, schema(MetaOut))
    @blp.alt_response(304, description="未变化（If-None-Match 与 ETag 相同）")
    def get(self):
        """Version, the schedules digest in use, the calendar coverage, a digest per year, and the layers
        (bundled, then each county overlay) with their digests and what each adds or overrides."""
        s = current()
        # the schedules and the code's version fix the answer
        return etags.conditional(etags.tag(s.digest, __version__), lambda: meta_json(s, s.calendar, __version__))
