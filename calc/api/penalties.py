"""HTTP adapter for penalties (placeholder until its issue lands)."""
from flask_smorest import Blueprint

blp = Blueprint("penalties", __name__, url_prefix="/v1/penalties")
