"""An SVG chart of a valuation result, made by the core so the page, the print-out and the tests agree.

Two panels in one ``<svg role="img">``: a waterfall from gross value, less the adjustments, to net
value, less discounting, to present value; and horizontal bars of present value by Corporate Plan
priority. Colours are ``currentColor`` with opacity (so the chart follows the text colour in dark
mode and in print) plus ``sv-chart__*`` classes a stylesheet may restyle. There are no fonts, links
or other references; every piece of text is escaped. ``<title>`` and ``<desc>`` give a text
alternative that states every number shown.
"""

from __future__ import annotations

from decimal import Decimal

from ..money import format_money, format_percent
from ..svg import amount as _amount
from ..svg import coordinate as _n
from ..svg import id_prefix as safe_prefix
from ..svg import phone_chart
from ..svg import text as _x

WIDTH = 640
PAD = 16
WATERFALL_TOP = 48
WATERFALL_HEIGHT = 170
LABEL_GAP = 18
ROW = 30
BAR_LABEL_WIDTH = 110
TITLE = "Social value: gross, net and present value, and present value by priority"


def _short(value: Decimal) -> str:
    """Whole pounds for labels on bars; the description has pence."""
    return format_money(value, pence_shown=False)


def steps(result: dict) -> list[dict]:
    """The waterfall's five bars: {label, start, end, kind} with start <= end."""
    totals = result.get("totals", {})
    gross = _amount(totals.get("gross"))
    net = min(_amount(totals.get("net")), gross)
    present = min(_amount(totals.get("present_value")), net)
    return [
        {"label": "Gross value", "start": Decimal(0), "end": gross, "kind": "total", "value": gross},
        {"label": "Adjustments", "start": net, "end": gross, "kind": "decrease", "value": gross - net},
        {"label": "Net value", "start": Decimal(0), "end": net, "kind": "total", "value": net},
        {"label": "Discounting", "start": present, "end": net, "kind": "decrease", "value": net - present},
        {"label": "Present value", "start": Decimal(0), "end": present, "kind": "total", "value": present},
    ]


def description(result: dict) -> str:
    """The chart's text alternative: every number it shows, in sentences."""
    bars = steps(result)
    rate = result.get("inputs", {}).get("discount_rate")
    at = f" at {format_percent(rate)} a year" if rate is not None else ""
    text = (f"Gross value {format_money(bars[0]['value'])}. Deadweight, attribution, displacement and drop-off "
            f"take off {format_money(bars[1]['value'])}, leaving a net value of {format_money(bars[2]['value'])}. "
            f"Discounting{at} takes off {format_money(bars[3]['value'])}, leaving a present value of "
            f"{format_money(bars[4]['value'])}.")
    rows = result.get("by_priority", [])
    if rows:
        parts = "; ".join(f"{row['priority']} {format_money(_amount(row['present_value']))}" for row in rows)
        text += f" Present value by Corporate Plan priority: {parts}."
    return text


def svg(result: dict, id_prefix: str = "sv-valuation-chart") -> str:
    """The chart for a valuation result, as an SVG string."""
    prefix = safe_prefix(id_prefix)
    bars = steps(result)
    rows = [(str(row.get("priority", "")), _amount(row.get("present_value"))) for row in result.get("by_priority", [])]
    top = max((bar["end"] for bar in bars), default=Decimal(0))
    scale = float(top) if top > 0 else 1.0
    parts = []

    # Panel 1: the waterfall.
    parts.append(f'<text class="sv-chart__heading" x="{PAD}" y="24" font-size="15" font-weight="bold" '
                 f'fill="currentColor">From gross value to present value</text>')
    base = WATERFALL_TOP + WATERFALL_HEIGHT
    slot = (WIDTH - 2 * PAD) / len(bars)
    bar_width = slot * 0.6
    parts.append(f'<line class="sv-chart__axis" x1="{PAD}" y1="{base}" x2="{WIDTH - PAD}" y2="{base}" '
                 f'stroke="currentColor" stroke-width="1"/>')
    for index, bar in enumerate(bars):
        x = PAD + slot * index + (slot - bar_width) / 2
        y_top = base - WATERFALL_HEIGHT * float(bar["end"]) / scale
        y_bottom = base - WATERFALL_HEIGHT * float(bar["start"]) / scale
        height = max(y_bottom - y_top, 0.0)
        opacity = "0.8" if bar["kind"] == "total" else "0.25"
        parts.append(
            f'<rect class="sv-chart__bar sv-chart__bar--{bar["kind"]}" x="{_n(x)}" y="{_n(y_top)}" '
            f'width="{_n(bar_width)}" height="{_n(height)}" fill="currentColor" fill-opacity="{opacity}" '
            f'stroke="currentColor" stroke-width="1"/>')
        sign = "−" if bar["kind"] == "decrease" else ""
        centre = x + bar_width / 2
        parts.append(f'<text class="sv-chart__value" x="{_n(centre)}" y="{_n(y_top - 6)}" font-size="12" '
                     f'text-anchor="middle" fill="currentColor">{_x(sign + _short(bar["value"]))}</text>')
        parts.append(f'<text class="sv-chart__label" x="{_n(centre)}" y="{base + LABEL_GAP}" font-size="12" '
                     f'text-anchor="middle" fill="currentColor">{_x(bar["label"])}</text>')

    # Panel 2: present value by priority.
    heading_y = base + LABEL_GAP + 40
    parts.append(f'<text class="sv-chart__heading" x="{PAD}" y="{heading_y}" font-size="15" font-weight="bold" '
                 f'fill="currentColor">Present value by Corporate Plan priority</text>')
    largest = max((amount for _, amount in rows), default=Decimal(0))
    row_scale = float(largest) if largest > 0 else 1.0
    track = WIDTH - 2 * PAD - BAR_LABEL_WIDTH - 120  # room on the right for the value
    for index, (priority, amount) in enumerate(rows):
        y = heading_y + 16 + ROW * index
        length = track * float(amount) / row_scale
        parts.append(f'<text class="sv-chart__label" x="{PAD}" y="{y + 15}" font-size="12" '
                     f'fill="currentColor">{_x(priority)}</text>')
        parts.append(f'<rect class="sv-chart__bar sv-chart__bar--priority" x="{PAD + BAR_LABEL_WIDTH}" y="{y + 3}" '
                     f'width="{_n(length)}" height="{ROW - 10}" fill="currentColor" fill-opacity="0.8"/>')
        parts.append(f'<text class="sv-chart__value" x="{_n(PAD + BAR_LABEL_WIDTH + length + 6)}" y="{y + 15}" '
                     f'font-size="12" fill="currentColor">{_x(_short(amount))}</text>')
    height = heading_y + 16 + ROW * len(rows) + PAD

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart__svg" role="img" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{_x(TITLE)}</title>'
        f'<desc id="{prefix}-desc">{_x(description(result))}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def phone_svg(result: dict, id_prefix: str = "sv-valuation-chart-phone") -> str:
    """The same chart for a phone: the waterfall as bars one under another, then the priorities."""
    bars = steps(result)
    top = max((bar["end"] for bar in bars), default=Decimal(0)) or Decimal(1)
    rows = [{"heading": "From gross value to present value"}]
    for bar in bars:
        sign = "−" if bar["kind"] == "decrease" else ""
        rows += [{"label": bar["label"]},
                 {"bar": (bar["start"] / top, bar["end"] / top), "value": sign + _short(bar["value"]),
                  "opacity": "0.8" if bar["kind"] == "total" else "0.25"}]
    priorities = [(str(row.get("priority", "")), _amount(row.get("present_value"))) for row in result.get("by_priority", [])]
    largest = max((amount for _, amount in priorities), default=Decimal(0)) or Decimal(1)
    if priorities:
        rows.append({"heading": "Present value by priority"})
    for priority, amount in priorities:
        rows += [{"label": priority}, {"bar": (0, amount / largest), "value": _short(amount)}]
    prefix = safe_prefix(id_prefix)
    return phone_chart(prefix, TITLE, description(result), rows)
