"""The report's two SVG charts: value due, delivered and verified by Corporate Plan priority, and the
portfolio's value due and delivered at the end of each quarter.

Both are groups of horizontal bars on one scale in pounds (every figure is money, so one scale is
fair), drawn as the monitoring chart draws its commitments: what is due outlined, what was delivered
filled, what was verified filled darker. Colours are ``currentColor`` with opacity, so the charts follow
dark mode and print. Each has ``<title>`` and ``<desc>`` that state every number shown, a wide layout
and a phone layout (``svg.phone_chart``) with the same text alternative. A verified bar is drawn only
where the report gave verified figures: "verified" is never said of a claim.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..money import format_money, long_date
from ..svg import amount as _amount
from ..svg import coordinate as _n
from ..svg import id_prefix as safe_prefix
from ..svg import phone_chart
from ..svg import text as _x

WIDTH = 640
PAD = 16
GROUP_WIDTH = 150  # a priority's or quarter's name, beside its first bar
LABEL_WIDTH = 80  # each bar's name: due to date, delivered, verified
VALUE_WIDTH = 100
BAR = 16
GAP = 4
GROUP_GAP = 10
PRIORITY_TITLE = "Value due, delivered and verified, by Corporate Plan priority"
TREND_TITLE = "Value due and delivered across the contracts, quarter by quarter"
# Each bar: its name, the key of its figure, its fill's opacity.
DUE = ("Due to date", "value_due_to_date", "0.2")
DELIVERED = ("Delivered", "value_delivered", "0.6")
VERIFIED = ("Verified", "value_verified", "0.9")


def _pounds(value) -> str:
    """Whole pounds on a bar; the tables have pence."""
    return format_money(_amount(value), pence_shown=False)


def shown_date(value) -> str:
    """"31 March 2026" for an ISO date; anything else as it is (a chart must draw from a damaged result)."""
    try:
        return long_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def verified_contracts(result: dict) -> set[str]:
    """The contracts whose latest report gives a verified figure for at least one commitment (0 is a figure;
    a blank is not). A result without its inputs counts the contracts whose verified value is not null."""
    reports = result.get("inputs", {}).get("reports")
    contracts = result.get("contracts", [])
    if not isinstance(reports, list):
        return {str(row.get("contract_reference")) for row in contracts if row.get("value_verified") is not None}
    latest = {(str(row.get("contract_reference")), str(row.get("quarter_end"))) for row in contracts}
    return {str(report.get("contract_reference")) for report in reports
            if (str(report.get("contract_reference")), str(report.get("quarter_end"))) in latest
            and any(line.get("verified") is not None for line in report.get("commitments") or [])}


def has_verified(result: dict) -> bool:
    """True when any contract's latest report gives verified figures: only then does the report say "verified"."""
    if not isinstance(result.get("inputs", {}).get("reports"), list) and not result.get("contracts"):
        return result.get("totals", {}).get("value_verified") is not None
    return bool(verified_contracts(result))


def priority_groups(result: dict) -> list[tuple[str, list[tuple[str, Decimal, str]]]]:
    """Each priority with its bars: (name, amount, opacity)."""
    bars = (DUE, DELIVERED, VERIFIED) if has_verified(result) else (DUE, DELIVERED)
    return [(str(row.get("priority", "")), [(name, _amount(row.get(key)), opacity) for name, key, opacity in bars])
            for row in result.get("by_priority", [])]


def trend_groups(result: dict) -> list[tuple[str, list[tuple[str, Decimal, str]]]]:
    """Each quarter's end with the portfolio's value due and delivered then."""
    return [(f"To {shown_date(row.get('quarter_end'))}",
             [(name, _amount(row.get(key)), opacity) for name, key, opacity in (DUE, DELIVERED)])
            for row in result.get("trend", [])]


def _described(groups, opening: str) -> str:
    parts = [f"{label}: " + ", ".join(f"{name.lower()} {format_money(amount)}" for name, amount, _ in bars) + "."
             for label, bars in groups]
    return " ".join([opening, *parts]) if parts else opening + " There is nothing to show."


def priority_description(result: dict) -> str:
    opening = "Value due to date, delivered" + (" and verified" if has_verified(result) else "") + \
              " for each Corporate Plan priority, on one scale in pounds."
    if not has_verified(result):
        opening += " No verified figures were given."
    return _described(priority_groups(result), opening)


def trend_description(result: dict) -> str:
    return _described(trend_groups(result), "The value due to date and the value delivered across all the "
                                            "contracts at the end of each quarter, on one scale in pounds.")


def _wide(prefix: str, title: str, description: str, groups) -> str:
    """Each group's name at the left of its first bar, each bar's name, then the bars on one scale."""
    track = WIDTH - 2 * PAD - GROUP_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    left = PAD + GROUP_WIDTH + LABEL_WIDTH
    largest = max((amount for _, bars in groups for _, amount, _ in bars), default=Decimal(0))
    scale = float(largest) if largest > 0 else 1.0
    parts = [f'<text class="sv-chart__heading" x="{PAD}" y="24" font-size="15" font-weight="bold" '
             f'fill="currentColor">{_x(title)}</text>']
    y = 40
    for label, bars in groups:
        parts.append(f'<text class="sv-chart__label" x="{PAD}" y="{y + 12}" font-size="12" font-weight="bold" '
                     f'fill="currentColor">{_x(label)}</text>')
        for row, (name, amount, opacity) in enumerate(bars):
            bar_y = y + row * (BAR + GAP)
            length = track * float(amount) / scale
            parts.append(f'<text class="sv-chart__label" x="{PAD + GROUP_WIDTH}" y="{bar_y + 12}" font-size="12" '
                         f'fill="currentColor">{_x(name)}</text>')
            parts.append(f'<rect class="sv-chart__bar" x="{left}" y="{bar_y}" width="{_n(length)}" '
                         f'height="{BAR}" fill="currentColor" fill-opacity="{opacity}" stroke="currentColor" '
                         f'stroke-width="1"/>')
            parts.append(f'<text class="sv-chart__value" x="{_n(left + length + 6)}" y="{bar_y + 12}" '
                         f'font-size="12" fill="currentColor">{_x(_pounds(amount))}</text>')
        y += len(bars) * (BAR + GAP) + GROUP_GAP
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sv-chart__svg" role="img" '
            f'viewBox="0 0 {WIDTH} {y + PAD}" aria-labelledby="{prefix}-title {prefix}-desc">'
            f'<title id="{prefix}-title">{_x(title)}</title><desc id="{prefix}-desc">{_x(description)}</desc>'
            + "".join(parts) + "</svg>")


def _phone(prefix: str, title: str, heading: str, description: str, groups) -> str:
    largest = max((amount for _, bars in groups for _, amount, _ in bars), default=Decimal(0)) or Decimal(1)
    rows = [{"heading": heading}]
    for label, bars in groups:
        rows.append({"label": label})
        rows += [{"bar": (0, amount / largest), "value": f"{_pounds(amount)} {name.lower()}", "opacity": opacity}
                 for name, amount, opacity in bars]
    return phone_chart(prefix, title, description, rows)


def priority_svg(result: dict, id_prefix: str = "sv-report-priorities") -> str:
    return _wide(safe_prefix(id_prefix), PRIORITY_TITLE, priority_description(result), priority_groups(result))


def priority_phone_svg(result: dict, id_prefix: str = "sv-report-priorities-phone") -> str:
    return _phone(safe_prefix(id_prefix), PRIORITY_TITLE, "Value by priority", priority_description(result),
                  priority_groups(result))


def trend_svg(result: dict, id_prefix: str = "sv-report-trend") -> str:
    return _wide(safe_prefix(id_prefix), TREND_TITLE, trend_description(result), trend_groups(result))


def trend_phone_svg(result: dict, id_prefix: str = "sv-report-trend-phone") -> str:
    return _phone(safe_prefix(id_prefix), TREND_TITLE, "Quarter by quarter", trend_description(result),
                  trend_groups(result))
