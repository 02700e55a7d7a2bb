"""Road traffic (道路交通, DESIGN.md §8): the catalogue of acts with the national range, Hebei's
amount and the points of each (`load`, `Traffic`), their assessment (`assess`), speeding and
overloading by the numbers (`measured`), search (`catalogue`), and the points cycle (`points`).

Pure: dates and schedules in, frozen answers out; the HTTP adapter is calc/api/traffic.py and the
JSON of the answers calc/answers/traffic.py.
"""
from .load import KEYS, LAYERED, load
from .model import Traffic

__all__ = ["KEYS", "LAYERED", "Traffic", "load"]
