"""The report's contracts: one row each at its latest report, and the Procurement Act 2023's duties and
suggested ratings for the contracts worth more than the Act's figure."""

from __future__ import annotations

from ..html import esc, scrolling, show_all, source_link, stacked, table_body
from ..money import format_percent
from ..monitoring.compute import LABELS
from .cells import NOT_GIVEN, PROVIDER_TYPES, contract_value, money, period, progress_cell, status, verified
from .chart import shown_date, verified_contracts

RATINGS = {"good": "Good", "approaching_target": "Approaching target", "requires_improvement": "Requires improvement",
           "inadequate": "Inadequate"}


def by_status(counts: dict | None) -> str:
    """"2 red, 1 amber, 3 green": a contract's commitments by status, the statuses it has."""
    counts = counts or {}
    return ", ".join(f'{esc(counts[key])} {esc(label.lower())}' for key, label in LABELS.items() if counts.get(key))


def contract_name(row: dict) -> str:
    reference = f'{esc(row.get("contract_reference"))}: ' if row.get("contract_reference") else ""
    return f'{reference}{esc(row.get("contract_title") or "")}'


def _contract_cell(row: dict) -> str:
    parts = [contract_name(row)]
    if row.get("provider"):
        kind = PROVIDER_TYPES.get(row.get("provider_type"), row.get("provider_type")) or "type not given"
        parts.append(f'<span class="sv-note">{esc(row["provider"])}, {esc(kind)}</span>')
    if row.get("quarter_end"):
        months = (f', month {esc(row["months_elapsed"])} of {esc(row["contract_months"])}'
                  if row.get("months_elapsed") is not None and row.get("contract_months") else "")
        parts.append(f'<span class="sv-note">Report to {esc(shown_date(row["quarter_end"]))}{months}</span>')
    return "<br>".join(parts)


def _rating(row: dict) -> str:
    """A contract's suggested rating, only where the Procurement Act's duties apply (over its figure)."""
    rating = row.get("rating")
    if not rating or not row.get("duties"):
        return ""
    return f'<br><span class="sv-note">Procurement Act rating: <strong>{esc(RATINGS.get(rating, rating))}</strong></span>'


def _status_cell(row: dict) -> str:
    text = status(row.get("status"))
    if counts := by_status(row.get("counts")):
        text += f'<br><span class="sv-note">{counts}</span>'
    if row.get("stale"):
        text += '<br><span class="sv-note"><strong>Out of date:</strong> no report for the latest quarter</span>'
    return text + _rating(row)


def contracts_section(result: dict) -> str:
    checked = verified_contracts(result)
    rows = [
        f'<tr><th scope="row">{_contract_cell(row)}</th>'
        f'<td class="sv-num">{contract_value(row.get("contract_value"))}</td>'
        f'<td class="sv-num">{money(row.get("value_due_to_date"))}</td>'
        f'<td class="sv-num">{money(row.get("value_delivered"))}</td>'
        f'<td class="sv-num">{verified(row, str(row.get("contract_reference")) in checked)}</td>'
        f'<td class="sv-num">{money(row.get("shortfall"))}</td><td class="sv-num">{progress_cell(row)}</td>'
        f'<td>{_status_cell(row)}</td></tr>'
        for row in result.get("contracts", [])]
    table = scrolling(stacked(
        '<table class="sv-table sv-report-contracts"><caption>Each contract at its latest report</caption>'
        '<thead><tr><th scope="col">Contract</th><th scope="col" class="sv-num">Contract value</th>'
        '<th scope="col" class="sv-num">Value due</th><th scope="col" class="sv-num">Delivered</th>'
        '<th scope="col" class="sv-num">Verified</th><th scope="col" class="sv-num">Shortfall</th>'
        '<th scope="col" class="sv-num">Progress</th><th scope="col">Status</th></tr></thead>'
        + table_body(rows, "report-more-contracts") + '</table>'), "Each contract")
    table += show_all(len(rows), "contracts", "report-more-contracts")
    return (f'<section class="sv-report-section sv-report-by-contract"><h3>Contracts</h3>'
            f'<p>Each contract\'s figures are from its latest delivery report, up to {esc(period(result))}.</p>'
            f'{table}{_duties(result)}</section>')


def _duties(result: dict) -> str:
    """The Procurement Act 2023's duties, once, for the contracts worth more than its figure."""
    large = [row for row in result.get("contracts", []) if row.get("duties")]
    if not large:
        return ""
    duties = large[0]["duties"]
    names = "".join(f'<li>{contract_name(row)}: {esc(RATINGS.get(row.get("rating"), row.get("rating") or NOT_GIVEN))}'
                    '</li>' for row in large)
    items = "".join(f'<li>{esc(duty["text"])} Source: {source_link(duty["source"])}.</li>'
                    for duty in duties.get("duties", []))
    # Monitoring words its duties for one contract; here they are said once for several.
    intro = duties.get("intro", "").replace("This contract is", "Each of these contracts is", 1)
    return (f'<h4>Contracts under the Procurement Act 2023</h4><p>{esc(intro)}</p>'
            f'<ul class="sv-duties">{items}</ul><p>Each of these contracts has a suggested rating:</p>'
            f'<ul class="sv-report-large">{names}</ul>{_rating_basis(result)}')


def _rating_basis(result: dict) -> str:
    """How the ratings are suggested: the thresholds (this Toolkit's proposal) and the guidance that names them."""
    thresholds = result.get("thresholds", {})
    ratings = thresholds.get("ratings") or []
    if not ratings:
        return ""
    steps = "; ".join(f'{esc(item["rating"])} at {esc(format_percent(item["at_least"]))} or more' for item in ratings[:-1])
    last = f'; otherwise {esc(ratings[-1]["rating"])}' if len(ratings) > 1 else ""
    source = thresholds.get("source")
    named = f' Source of the ratings\' names: {source_link(source)}.' if source else ""
    return (f'<p class="sv-note">The rating follows the contract\'s progress: {steps}{last}. {esc(thresholds.get("status", ""))}.'
            f'{named}</p>')
