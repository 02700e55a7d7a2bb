"""HTTP adapter for inspections (placeholder until its issue lands)."""
from flask_smorest import Blueprint

blp = Blueprint("inspections", __name__, url_prefix="/v1/inspections")
