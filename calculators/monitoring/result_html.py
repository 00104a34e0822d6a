"""The monitoring result as an accessible HTML fragment: the contract, its provider and the quarter;
the commitments grouped by status, reds first, each group with what to do, claimed and verified side
by side; the totals; the Procurement Act's duties; the chart; the method."""

from __future__ import annotations

import datetime as dt

from ..exact import format_quantity
from ..html import cite_links, esc, scrolling, show_all, source_link, table_body
from ..money import format_money, format_percent, long_date
from . import chart
from .compute import LABELS
from ..commitments import PROVIDER_TYPES


def _money(value) -> str:
    return "not valued" if value is None else esc(format_money(value))


def _progress(value) -> str:
    return "nothing due yet" if value is None else esc(format_percent(value))


def _quantity(value) -> str:
    return "" if value is None else esc(format_quantity(value))


def _day(value) -> str:
    """A date of the result (written as YYYY-MM-DD in its JSON) as people read it: 30 September 2026."""
    try:
        return long_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _period(contract: dict) -> str:
    start, end = contract.get("quarter_start"), contract.get("quarter_end")
    if start and end:
        return f"{_day(start)} to {_day(end)}"
    return f"from {_day(start)}" if start else f"to {_day(end)}" if end else ""


def _contract(result: dict) -> str:
    """The contract, its provider and the quarter this report covers: whatever of them was given."""
    contract = result.get("contract") or {}
    name = ": ".join(str(contract[key]) for key in ("contract_reference", "contract_title") if contract.get(key))
    provider = str(contract.get("provider") or "")
    kind = dict(PROVIDER_TYPES).get(contract.get("provider_type"), "")
    if kind:
        provider = f"{provider} ({kind})" if provider else kind
    rows = [(label, value) for label, value in (("Contract", name), ("Provider", provider),
                                                ("Quarter", _period(contract))) if value]
    if not rows:
        return ""
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in rows)
    return f'<dl class="sv-summary sv-monitoring-contract" aria-label="The contract and the quarter">{items}</dl>'


def _verified_money(line: dict) -> str:
    """A line's value verified: blank when nothing is verified yet."""
    if line.get("verified") is None:
        return ""
    return _money(line.get("value_verified"))


def _commitment_cell(index: int, line: dict) -> str:
    parts = [f'{esc(index + 1)}. {esc(line["ref"] + ": ") if line.get("ref") else ""}{esc(line["title"])}']
    if line.get("label"):
        parts.append(f'<span class="sv-line-label">{esc(line["label"])}</span>')
    parts.append(f'<span class="sv-note">Unit: {esc(line["unit"])}</span>' if line.get("unit") else "")
    if line.get("evidence"):
        parts.append(f'<span class="sv-note sv-evidence">Evidence: {esc(line["evidence"])}</span>')
    if line.get("no_value_reason"):
        parts.append(f'<span class="sv-note">Why there is no £ value: {esc(line["no_value_reason"])}</span>')
    if line.get("due"):
        parts.append(f'<span class="sv-note">Due by {esc(line["due"])}</span>')
    if line.get("evidence_reference"):
        parts.append(f'<span class="sv-note">Evidence sent: {esc(line["evidence_reference"])}</span>')
    if line.get("comments"):
        parts.append(f'<span class="sv-note sv-evidence">Comments: {esc(line["comments"])}</span>')
    return "<br>".join(part for part in parts if part)


def _group(group: dict, lines: list[dict], site_root: str) -> str:
    count = len(group["lines"])
    heading = f'{esc(group["label"])}: {count} commitment{"" if count == 1 else "s"}'
    rows = [
        f'<tr><th scope="row">{_commitment_cell(index, lines[index])}</th>'
        f'<td class="sv-num">{esc(format_quantity(lines[index]["due_to_date"]))}</td>'
        f'<td class="sv-num">{esc(format_quantity(lines[index]["delivered"]))}</td>'
        f'<td class="sv-num">{_quantity(lines[index].get("verified"))}</td>'
        f'<td class="sv-num">{_progress(lines[index]["progress"])}</td>'
        f'<td class="sv-num">{"" if lines[index]["forecast_total"] is None else esc(format_quantity(lines[index]["forecast_total"]))}</td>'
        f'<td class="sv-num">{esc(format_quantity(lines[index]["committed_total"]))}</td>'
        f'<td class="sv-num">{_money(lines[index]["value_due_to_date"])}</td>'
        f'<td class="sv-num">{_money(lines[index]["value_delivered"])}</td>'
        f'<td class="sv-num">{_verified_money(lines[index])}</td>'
        f'<td class="sv-num">{_money(lines[index]["shortfall"])}</td></tr>'
        for index in group["lines"]
    ]
    more = f'monitoring-more-{group["status"]}'
    remedy = group["remedy"]
    table = scrolling(
        f'<table class="sv-table sv-monitoring-lines sv-monitoring-lines--{esc(group["status"])}">'
        f'<caption>Commitments with the status {esc(group["label"].lower())}. Quantities are in each '
        f'commitment\'s unit; the forecast and committed figures are for its whole term. Delivered is what '
        f'the provider claims; verified is what the contract manager has checked against the evidence.</caption>'
        '<thead><tr><th scope="col">Commitment</th><th scope="col" class="sv-num">Due to date</th>'
        '<th scope="col" class="sv-num">Delivered (claimed)</th><th scope="col" class="sv-num">Verified</th>'
        '<th scope="col" class="sv-num">Progress</th><th scope="col" class="sv-num">Forecast</th>'
        '<th scope="col" class="sv-num">Committed</th><th scope="col" class="sv-num">Value due</th>'
        '<th scope="col" class="sv-num">Value delivered</th><th scope="col" class="sv-num">Value verified</th>'
        '<th scope="col" class="sv-num">Shortfall</th></tr></thead>'
        + table_body(rows, more) + '</table>', f'{group["label"]} commitments') + show_all(count, "commitments", more)
    return (f'<section class="sv-status-group sv-status-group--{esc(group["status"])}">'
            f'<h3>{heading}</h3>'
            f'<p class="sv-remedy"><strong>What to do:</strong> {esc(remedy["text"])}{cite_links(remedy["cites"], site_root)}</p>'
            f'{table}</section>')


def _headline(result: dict) -> str:
    totals = result["totals"]
    inputs = result.get("inputs", {})
    when = f'by month {esc(inputs.get("months_elapsed"))} of {esc(inputs.get("contract_months"))}'
    status = f'Overall status: <strong>{esc(LABELS.get(totals["status"], "none"))}</strong>.'
    if totals["progress"] is None:
        return f'<p class="sv-headline">{status} Nothing is due {when}.</p>'
    if totals.get("progress_basis") == "mean":
        text = (f'{status} No commitment that is due has a £ value, so the overall progress is the average of each '
                f'commitment\'s progress, each counted up to 100%: <strong>{esc(format_percent(totals["progress"]))}'
                f'</strong> {when}.')
    else:
        text = (f'{status} The provider has delivered <strong>{esc(format_money(totals["value_delivered_within_due"]))}'
                f'</strong> of the {esc(format_money(totals["value_due_to_date"]))} of social value due {when}: '
                f'<strong>{esc(format_percent(totals["progress"]))}</strong>, weighted by value.')
    if totals["counts"]["red"] and totals["status"] == "amber" and totals["progress"] >= result["thresholds"]["green"]:
        text += ' A commitment is red, so the overall status is no better than amber.'
    beyond = totals.get("value_beyond_due") or 0
    extra = (f'<p class="sv-over-delivery">{esc(format_money(beyond))} delivered beyond what was due. It is not '
             'counted in the progress, so it cannot hide a shortfall on another commitment.</p>' if beyond > 0 else "")
    return f'<p class="sv-headline">{text}</p>{extra}'


def _counts(result: dict) -> str:
    counts = result["totals"]["counts"]
    items = "".join(f'<dt>{esc(label)}</dt><dd>{esc(counts[key])}</dd>' for key, label in LABELS.items())
    return f'<dl class="sv-summary sv-monitoring-counts" aria-label="Commitments by status">{items}</dl>'


def _totals(result: dict) -> str:
    totals = result["totals"]
    basis = {"value": "Progress, weighted by value",
             "mean": "Progress, the average of each commitment's"}.get(totals.get("progress_basis"), "Progress")
    rows = (("Value of the whole commitments", format_money(totals["value_committed"])),
            ("Value due to date", format_money(totals["value_due_to_date"])),
            ("Value delivered to date", format_money(totals["value_delivered"])),
            ("Value verified to date", format_money(totals.get("value_verified") or 0)),
            ("Of which towards what was due", format_money(totals["value_delivered_within_due"])),
            ("Of which beyond what was due", format_money(totals["value_beyond_due"])),
            ("Shortfall", format_money(totals["shortfall"])),
            (basis, "none: nothing is due yet" if totals["progress"] is None else format_percent(totals["progress"])))
    items = "".join(f'<dt>{esc(name)}</dt><dd>{esc(value)}</dd>' for name, value in rows)
    return f'<h3>Totals</h3><dl class="sv-summary sv-monitoring-totals">{items}</dl>'


def _duties(result: dict) -> str:
    duties = result.get("duties")
    if not duties:
        return ""
    items = "".join(f'<li>{esc(duty["text"])} Source: {source_link(duty["source"])}.</li>' for duty in duties["duties"])
    return (f'<h3>Procurement Act 2023</h3><p>{esc(duties["intro"])}</p>'
            f'<ul class="sv-duties">{items}</ul>')


def _method(result: dict) -> str:
    thresholds = result["thresholds"]
    green, amber = format_percent(thresholds["green"]), format_percent(thresholds["amber"])
    price_year = result.get("inputs", {}).get("price_year")
    return (
        '<h3>How this is worked out</h3>'
        '<p>For each commitment, what is due to date is the quantity a year × the years so far (months elapsed ÷ 12, '
        'but no more than its years). Targets are pro rata. Progress is delivered ÷ due to date, as a percentage '
        'rounded to one decimal place. The forecast for the whole commitment goes on at the rate delivered so far: '
        'delivered ÷ months running × 12 × years.</p>'
        f'<p>The status is green at {esc(green)} or more, amber at {esc(amber)} or more, and red below that. '
        'Nothing is due at month 0. These thresholds are this Toolkit\'s proposal: the draft Policy sets none, and '
        'we found no council that publishes any.</p>'
        '<p>Value uses the valuation calculator\'s proxy and adjustments: the net value of one unit is proxy × '
        '(1 − deadweight) × (1 − attribution) × (1 − displacement). Value delivered is not discounted, because it '
        'has already happened, and drop-off is not applied. The shortfall is the value due less the value '
        'delivered, and never less than £0. Overall progress is the value delivered towards what was due, over the '
        'value due: each commitment counts up to its value due and no further, so delivering more than was due on '
        'one commitment never makes up for a shortfall on another. Value delivered beyond what was due is shown '
        'apart. A commitment whose measure has no £ value still gets its progress and status. If no commitment '
        'that is due has a £ value, the overall progress is the average of each commitment\'s progress, each counted '
        'up to 100%. A red commitment, valued or not, keeps the overall status from green.</p>'
        f'<p>Each sourced proxy is indexed to {esc(price_year)} prices with HM Treasury\'s GDP deflators, as in the '
        f'valuation calculator; your own proxies are taken as {esc(price_year)} prices. Figures are kept exact until they are '
        'shown. Then money is rounded to the penny and progress to one decimal place, with an exact half rounded '
        'up. Quantities are shown to two decimal places, or to two significant figures if they would otherwise '
        'read 0.</p>'
    )


def render(result: dict, site_root: str) -> str:
    lines = result["lines"]
    groups = "".join(_group(group, lines, site_root) for group in result["by_status"])
    warnings = ""
    if result.get("warnings"):
        items = "".join(f'<li>{esc(w["message"])}</li>' for w in result["warnings"])
        warnings = f'<h3>Check before you rely on this</h3><ul class="sv-warnings">{items}</ul>'
    figure = (
        f'<figure class="sv-chart">{chart.svg(result)}{chart.phone_svg(result)}'
        '<figcaption>Due to date and delivered for each commitment, reds first. Each commitment has its own scale, '
        'in its own unit. The same numbers are in the tables.</figcaption></figure>'
    )
    return (
        '<div class="sv-result sv-result--monitoring">'
        + _contract(result) + _headline(result) + _counts(result) + _duties(result) + groups + _totals(result) + figure + warnings
        + _method(result) + '</div>'
    )
