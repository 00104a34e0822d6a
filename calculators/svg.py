"""Helpers the core's SVG charts share: escaped text, short coordinates and the amounts a bar shows."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape

# Characters XML 1.0 does not allow at all (control characters other than tab and line breaks).
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value) -> str:
    """SVG text: escaped for element content and attribute values alike, without the control
    characters XML forbids (a label pasted from elsewhere can carry one)."""
    return escape(NOT_XML.sub("", str(value)), quote=True)


def coordinate(number: float) -> str:
    """A coordinate with at most two decimals, no exponent."""
    shown = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown


def amount(value) -> Decimal:
    """A figure from a result as the length of a bar: 0 for anything missing, negative or not a
    finite number (a chart must draw even from a damaged result)."""
    try:
        figure = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return Decimal(0)
    return figure if figure.is_finite() and figure > 0 else Decimal(0)
