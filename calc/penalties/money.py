"""Money as a decision writes it: yuan, to the fen (分)."""
from __future__ import annotations

from decimal import Decimal

FEN = Decimal("0.01")
# The most a fine may be that the service computes a surcharge for (the API's Range(0.01, 1e10)):
# a bound of the service, not of the law, checked once, in the domain (calc.penalties.late_fee).
MOST_YUAN = Decimal(10) ** 10


def yuan(amount: Decimal) -> str:
    """1000 -> "1000", 12.5 -> "12.50": how a fine is written in a decision."""
    q = Decimal(amount).quantize(FEN)
    return str(q.quantize(Decimal(1))) if q == q.to_integral_value() else str(q)
