"""Decimal arithmetic for the calculators' sums: 40 significant digits, so that money is rounded
only on output (half-up, to pence: see ``money``), and the constants the sums share."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

PRECISION = 40
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


EXACT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)  # never set itself: ``localcontext`` sets a copy


def exact():
    """A context for a calculation's sums: ``with exact(): ...``."""
    return localcontext(EXACT)
