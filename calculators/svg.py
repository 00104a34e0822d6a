"""Helpers the core's SVG charts share: escaped text and short coordinates."""

from __future__ import annotations

from html import escape


def text(value) -> str:
    """SVG text: escaped for element content and attribute values alike."""
    return escape(str(value), quote=True)


def coordinate(number: float) -> str:
    """A coordinate with at most two decimals, no exponent."""
    shown = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if shown in ("-0", "") else shown
