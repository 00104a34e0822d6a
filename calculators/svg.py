"""Helpers the core's SVG charts share: escaped text and short coordinates."""

from __future__ import annotations

import re
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
