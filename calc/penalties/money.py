"""Money as a decision writes it: yuan, to the fen (分)."""
from __future__ import annotations

from decimal import Decimal

FEN = Decimal("0.01")


def yuan(amount: Decimal) -> str:
    """1000 -> "1000", 12.5 -> "12.50": how a fine is written in a decision."""
    q = Decimal(amount).quantize(FEN)
    return str(q.quantize(Decimal(1))) if q == q.to_integral_value() else str(q)
