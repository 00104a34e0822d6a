"""An SVG chart of a monitoring result: due to date against delivered, for each commitment.

Each commitment has two bars on its own scale (its units are its own): what is due to date
(outlined) and what has been delivered (filled), with its status in words, so that colour carries
nothing alone. Commitments are in the order the result shows them: reds first. Colours are
``currentColor`` with opacity, as in the valuation chart, so the chart follows dark mode and print.
``<title>`` and ``<desc>`` give a text alternative that states every number shown.
"""

from __future__ import annotations

from ..exact import format_quantity
from ..money import format_percent
from ..svg import amount as _amount
from ..svg import coordinate as _n
from ..svg import id_prefix as safe_prefix
from ..svg import phone_chart
from ..svg import text as _x

WIDTH = 640
PAD = 16
LABEL_WIDTH = 110
VALUE_WIDTH = 150
ROW = 62
BAR = 16
MAX_LABEL = 70
TITLE = "Due to date and delivered, for each commitment"


def order(result: dict) -> list[int]:
    """The commitments' positions as the result shows them: by status, reds first."""
    return [index for group in result.get("by_status", []) for index in group.get("lines", [])]


def line_name(index: int, line: dict) -> str:
    """"3. KPI 3: Apprenticeships on the contract (Care apprentices)"."""
    name = str(line.get("title", ""))
    if line.get("label"):
        name += f" ({line['label']})"
    if line.get("ref"):
        name = f"{line['ref']}: {name}"
    return f"{index + 1}. {name}"


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def _status_text(line: dict, label: str) -> str:
    if line.get("progress") is None:
        return label
    return f"{label}, {format_percent(_amount(line['progress']))}"


def description(result: dict) -> str:
    """The chart's text alternative: every number it shows, in sentences."""
    labels = {group["status"]: group["label"] for group in result.get("by_status", [])}
    parts = []
    lines = result.get("lines", [])
    for index in order(result):
        line = lines[index]
        unit = f" {line['unit']}" if line.get("unit") else ""
        text = (f"{line_name(index, line)}: due to date {format_quantity(_amount(line.get('due_to_date')))}{unit}, "
                f"delivered {format_quantity(_amount(line.get('delivered')))}")
        if line.get("progress") is not None:
            text += f", progress {format_percent(_amount(line['progress']))}"
        parts.append(text + f", {str(labels.get(line.get('status'), line.get('status'))).lower()}.")
    return "Due to date against delivered for each commitment, each on its own scale. " + " ".join(parts)


def svg(result: dict, id_prefix: str = "sv-monitoring-chart") -> str:
    """The chart for a monitoring result, as an SVG string."""
    prefix = safe_prefix(id_prefix)
    labels = {group["status"]: group["label"] for group in result.get("by_status", [])}
    lines = result.get("lines", [])
    track = WIDTH - 2 * PAD - LABEL_WIDTH - VALUE_WIDTH
    parts = [f'<text class="sv-chart__heading" x="{PAD}" y="24" font-size="15" font-weight="bold" '
             f'fill="currentColor">Due to date and delivered, for each commitment</text>']
    y = 44
    for index in order(result):
        line = lines[index]
        due, delivered = _amount(line.get("due_to_date")), _amount(line.get("delivered"))
        top = max(due, delivered)
        scale = float(top) if top > 0 else 1.0
        parts.append(f'<text class="sv-chart__label" x="{PAD}" y="{y + 12}" font-size="12" font-weight="bold" '
                     f'fill="currentColor">{_x(_short(line_name(index, line)))}</text>')
        parts.append(f'<text class="sv-chart__status" x="{WIDTH - PAD}" y="{y + 12}" font-size="12" '
                     f'text-anchor="end" fill="currentColor">{_x(_status_text(line, labels.get(line.get("status"), "")))}</text>')
        for row, (name, amount, opacity) in enumerate((("Due to date", due, "0.2"), ("Delivered", delivered, "0.8"))):
            bar_y = y + 20 + row * (BAR + 4)
            length = track * float(amount) / scale
            parts.append(f'<text class="sv-chart__label" x="{PAD}" y="{bar_y + 12}" font-size="12" '
                         f'fill="currentColor">{name}</text>')
            parts.append(f'<rect class="sv-chart__bar" x="{PAD + LABEL_WIDTH}" y="{bar_y}" width="{_n(length)}" '
                         f'height="{BAR}" fill="currentColor" fill-opacity="{opacity}" stroke="currentColor" '
                         f'stroke-width="1"/>')
            parts.append(f'<text class="sv-chart__value" x="{_n(PAD + LABEL_WIDTH + length + 6)}" y="{bar_y + 12}" '
                         f'font-size="12" fill="currentColor">{_x(format_quantity(amount))}</text>')
        y += ROW
    height = y + PAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart__svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{prefix}-title {prefix}-desc">'
        f'<title id="{prefix}-title">{_x(TITLE)}</title>'
        f'<desc id="{prefix}-desc">{_x(description(result))}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def phone_svg(result: dict, id_prefix: str = "sv-monitoring-chart-phone") -> str:
    """The same chart for a phone: each commitment's name and status, then its two bars one under the other."""
    labels = {group["status"]: group["label"] for group in result.get("by_status", [])}
    lines = result.get("lines", [])
    rows = [{"heading": "Due to date and delivered"}]
    for index in order(result):
        line = lines[index]
        due, delivered = _amount(line.get("due_to_date")), _amount(line.get("delivered"))
        top = max(due, delivered) or 1
        rows += [{"label": line_name(index, line)}, {"label": _status_text(line, labels.get(line.get("status"), ""))},
                 {"bar": (0, due / top), "value": f"{format_quantity(due)} due", "opacity": "0.2"},
                 {"bar": (0, delivered / top), "value": f"{format_quantity(delivered)} delivered"}]
    prefix = safe_prefix(id_prefix)
    return phone_chart(prefix, TITLE, description(result), rows)
