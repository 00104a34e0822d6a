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


def id_prefix(value) -> str:
    """The start of a chart's ids (its title and description): letters, digits, - and _ only."""
    return "".join(ch for ch in str(value) if ch.isalnum() or ch in "-_") or "sv-chart"


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


# The phone layout: as wide as a 320 px phone's text column, so its 12-unit text shows at 12 px or more.
PHONE_WIDTH = 288
PHONE_TEXT = 12
CHARACTER = 7  # a generous width of a figure's character at 12 px, to leave room after the bars
PHONE_LABEL = 42  # characters of a label that fit on one line at 12 px


def phone_chart(prefix: str, title: str, description: str, rows: list[dict]) -> str:
    """A chart for a phone, one item under another: ``{"heading": text}``, ``{"label": text}`` (cut to one
    line; the description has it whole) or ``{"bar": (start, end), "value": text, "opacity": "0.8"}`` with
    start and end as fractions of the longest bar. Hidden by the stylesheet on wider screens."""
    longest_value = max((len(row["value"]) for row in rows if "bar" in row), default=0)
    track = max(PHONE_WIDTH - CHARACTER * longest_value - 6, PHONE_WIDTH / 2)
    parts, y = [], 0
    for row in rows:
        if "heading" in row:
            y += 24 if y else 16
            parts.append(f'<text class="sv-chart__heading" x="0" y="{y}" font-size="14" font-weight="bold" '
                         f'fill="currentColor">{text(row["heading"])}</text>')
        elif "label" in row:
            label = row["label"] if len(row["label"]) <= PHONE_LABEL else row["label"][:PHONE_LABEL - 1] + "…"
            y += 20
            parts.append(f'<text class="sv-chart__label" x="0" y="{y}" font-size="{PHONE_TEXT}" '
                         f'fill="currentColor">{text(label)}</text>')
        else:
            start, end = (min(max(float(share), 0.0), 1.0) for share in row["bar"])
            x, length = track * start, max(track * (end - start), 0.0)
            parts.append(f'<rect class="sv-chart__bar" x="{coordinate(x)}" y="{y + 5}" width="{coordinate(length)}" '
                         f'height="14" fill="currentColor" fill-opacity="{row.get("opacity", "0.8")}" '
                         f'stroke="currentColor" stroke-width="1"/>')
            parts.append(f'<text class="sv-chart__value" x="{coordinate(x + length + 4)}" y="{y + 16}" '
                         f'font-size="{PHONE_TEXT}" fill="currentColor">{text(row["value"])}</text>')
            y += 20
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart__svg sv-chart__svg--phone" role="img" '
            f'viewBox="0 0 {PHONE_WIDTH} {y + 8}" aria-labelledby="{prefix}-title {prefix}-desc">'
            f'<title id="{prefix}-title">{text(title)}</title><desc id="{prefix}-desc">{text(description)}</desc>'
            + "".join(parts) + "</svg>")
