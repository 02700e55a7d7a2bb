"""HTTP adapter for responsibilities (placeholder until its issue lands)."""
from flask_smorest import Blueprint

blp = Blueprint("responsibilities", __name__, url_prefix="/v1/responsibilities")
