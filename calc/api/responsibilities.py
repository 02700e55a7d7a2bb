"""GET /v1/responsibilities?q=, GET /v1/responsibilities/{id}: who does what (责任清单 一、二)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from .. import etags
from ..answers.responsibilities import ItemOut, ItemsOut, items_json
from ..responsibilities import KINDS, MAX_QUERY
from .fields import ErrorOut, Strict
from .shapes import schema
from .state import current

blp = Blueprint("responsibilities", __name__, url_prefix="/v1/responsibilities",
                description="部门责任与职责边界（责任清单 一、二）")


class SearchQuery(Strict):
    q = fields.String(load_default=None, validate=validate.Length(max=MAX_QUERY),
                      metadata={"description": "中文关键词，空格分隔的多个词须同时出现；查事项、科室、职责原文、相关部门、依据"})
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))





def _cached(payload_fn, *key):
    return etags.conditional(etags.tag(current().digest, *key), payload_fn)


@blp.route("")
class Search(MethodView):
    @blp.arguments(SearchQuery(), location="query")
    @blp.response(200, schema(ItemsOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(422, schema=ErrorOut)
    def get(self, args):
        """Duties, case categories and boundary matters whose text contains the keywords."""
        q, kind = args.get("q"), args.get("kind")

        return _cached(lambda: items_json(q, current().responsibilities.search(q, kind)), "search", q, kind)


@blp.route("/<ident>")
class Detail(MethodView):
    @blp.response(200, schema(ItemOut))
    @blp.alt_response(304, description="未修改：If-None-Match 与 ETag 相同")
    @blp.alt_response(404, schema=ErrorOut)
    def get(self, ident):
        """One entry by id (duty.3.4, category.economic, boundary.pyramid-selling)."""
        item = current().responsibilities.get(ident)
        return _cached(lambda: item, "one", ident)
