"""HTTP adapter for timelines (placeholder until its issue lands)."""
from flask_smorest import Blueprint

blp = Blueprint("timelines", __name__, url_prefix="/v1/timelines")
