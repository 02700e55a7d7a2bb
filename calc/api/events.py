"""HTTP adapter for events (placeholder until its issue lands)."""
from flask_smorest import Blueprint

blp = Blueprint("events", __name__, url_prefix="/v1/events")
