"""Exact figures: keep fractions until the one rounding on output, so a figure that is exactly on a
half (94.95%, £0.945) rounds up. Decimal division at a fixed precision is not exact (2 ÷ 12 is
not), and an inexact step can move a half to just below it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .money import format_number


def half_up(value: Fraction, places: int = 2) -> Decimal:
    """An exact figure rounded half up (away from zero on a half): 3.875 -> 3.88, -3.875 -> -3.88.

    In whole numbers, for speed (a report adds up tens of thousands of lines): with value = n ÷ d,
    floor(|n| ÷ d × 10^places + 1/2) = (2|n| × 10^places + d) // 2d, exactly."""
    return ratio_half_up(*value.as_integer_ratio(), places)


def ratio_half_up(numerator: int, denominator: int, places: int = 2) -> Decimal:
    """``half_up`` of numerator ÷ denominator (denominator above 0), with no Fraction made: the
    monitoring of a large portfolio rounds hundreds of thousands of figures."""
    scaled = (2 * abs(numerator) * 10 ** places + denominator) // (2 * denominator)
    return Decimal(scaled if numerator >= 0 else -scaled).scaleb(-places)


def shown_quantity(value: Decimal) -> Decimal:
    """A quantity as shown: half up to two decimal places, or, for a figure that would then read 0
    but is not, to two significant figures (0.004166… -> 0.0042), so no amount due reads as nothing."""
    rounded = half_up(value, 2)
    if rounded or not value:
        return rounded
    return half_up(value, 1 - value.adjusted())


def format_quantity(value) -> str:
    """A quantity in words for a table: 1,234.5, or for a small one that would read 0, its two
    significant figures (0.00001)."""
    amount = Decimal(str(value))
    text = format_number(amount)
    if not amount or text.strip("0.,"):
        return text
    return f"{shown_quantity(amount).normalize():f}"


def distinguishing_places(values, minimum: int = 2, most: int = 12) -> int:
    """The fewest decimal places, at least ``minimum``, at which no two different exact values round
    to the same figure, so that figures that score or rank differently read differently."""
    distinct = sorted(set(values))
    for places in range(minimum, most + 1):
        if len({half_up(value, places) for value in distinct}) == len(distinct):
            return places
    return most
