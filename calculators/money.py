"""Money and number helpers: Decimal inside, half-up rounding on output, JSON-safe values."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
WHOLE = Decimal("1")
# Every money figure a calculator shows stays below £1 trillion: then it has at most 14 significant
# digits with its pence, so a JSON number (a double) keeps every penny exactly.
MAX_FIGURE = Decimal(10) ** 12


def pence(value: Decimal) -> Decimal:
    """Round half-up to pence (the only rounding money gets, and only on output)."""
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def whole(value: Decimal) -> Decimal:
    """Round half-up to a whole number (used for weightings and percent outputs)."""
    return value.quantize(WHOLE, rounding=ROUND_HALF_UP)


PLAIN = frozenset((str, int, bool, type(None)))  # JSON values as they are


def to_json(value):
    """Turn Decimals and dates (and containers of them) into plain JSON values.

    Decimals that are whole become ints; others become floats. Values are bounded by the input
    limits, so a float keeps every penny exactly (well under 2**53 pence). Dispatches on the exact
    type, because a 1,000-line valuation has a few hundred thousand values to convert.
    """
    kind = type(value)
    if kind is dict:  # a text or a whole number, most of a large result, is kept without a call
        return {key: item if type(item) in PLAIN else to_json(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [item if type(item) in PLAIN else to_json(item) for item in value]
    if kind is Decimal:
        return int(value) if value == value.to_integral_value() else float(value)
    if kind is date:
        return value.isoformat()
    return value


def format_money(value, pence_shown: bool = True) -> str:
    """£1,234.56 (or £1,235), with a minus sign before the pound sign when negative."""
    amount = Decimal(str(value))
    rounded = pence(amount) if pence_shown else whole(amount)
    text = f"{abs(rounded):,.2f}" if pence_shown else f"{abs(rounded):,.0f}"
    return ("-£" if rounded < 0 else "£") + text


def format_number(value) -> str:
    """1,234 or 1,234.5: thousands separators, no trailing zeros."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    text = f"{amount:,.4f}".rstrip("0").rstrip(".")
    return text


def format_percent(value) -> str:
    """10% or 2.5%."""
    return format_number(value) + "%"


def long_date(day) -> str:
    """1 January 2026 (built by hand: strftime's %-d is not portable to Pyodide's libc)."""
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    return f"{day.day} {months[day.month - 1]} {day.year}"
