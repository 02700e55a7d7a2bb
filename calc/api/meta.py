"""GET /healthz, GET /v1/meta: is it up, and which data is it answering from."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from .. import __version__
from .state import current

blp = Blueprint("meta", __name__, description="服务状态")


class HealthOut(Schema):
    status = fields.String()


class MetaOut(Schema):
    version = fields.String()
    schedules_digest = fields.String()
    calendar = fields.Dict()
    calendar_digests = fields.Dict(keys=fields.String(), values=fields.String())


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthOut)
    def get(self):
        """Liveness."""
        return {"status": "ok"}


@blp.route("/v1/meta")
class Meta(MethodView):
    @blp.response(200, MetaOut)
    def get(self):
        """Version, the schedules digest in use, the calendar coverage and a digest per year."""
        s = current()
        book = s.calendar
        return {
            "version": __version__,
            "schedules_digest": s.digest,
            "calendar": {"first_year": book.first_year, "last_year": book.last_year,
                         "provisional_until": book.provisional_rule.until_year},
            "calendar_digests": {str(y): d for y, d in sorted(s.calendar_digests.items())},
        }
