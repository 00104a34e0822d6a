"""The social value report as an accessible HTML fragment, in the order it prints for the cross-sector
group: the period and the contracts covered, the headline in one sentence and the charts; then the
tables by Policy objective and Corporate Plan priority; then each contract, with the date; then each
measure, who holds the contracts, the checks, the Policy sections it serves and the method.

"Delivered" is what providers report; "verified" is said only of figures the report gives as verified,
and where none were given every verified cell says so. Tables with £ figures are stacked
(``html.stacked``), so a phone shows each row's label with its figures."""

from __future__ import annotations

from ..citations import cite
from ..data_files import policy_refs
from ..exact import format_quantity
from ..html import cite_links, esc, scrolling, stacked
from ..money import format_percent
from ..monitoring.compute import LABELS
from . import chart
from .cells import (NOT_GIVEN, PROVIDER_TYPES, contract_value, count, money, period, progress, progress_cell, status,
                    verified)
from .chart import has_verified, shown_date
from .contracts_html import contract_name, contracts_section


def _cover(result: dict) -> str:
    """The first lines of the printed report: the period, the contracts covered, their value and commitments."""
    totals = result["totals"]
    contracts = result.get("contracts", [])
    valued = [row for row in contracts if row.get("contract_value") is not None]
    worth = (f', worth {contract_value(totals.get("contract_value"))} in all'
             + ("" if len(valued) == len(contracts) else f' for the {count(len(valued), "contract")} that give a value')
             if valued or not contracts else "")
    facts = [("Period", f"to {esc(period(result))}"),
             ("Contracts covered", f'{esc(totals.get("contracts", len(contracts)))}{worth}'),
             ("Commitments", esc(totals.get("lines", 0)))]
    if result.get("price_year") or result.get("inputs", {}).get("price_year"):
        facts.append(("Prices", f'{esc(result.get("price_year") or result["inputs"]["price_year"])} prices'))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    covered = "".join(f'<li>{contract_name(row)}{esc(", " + row["provider"]) if row.get("provider") else ""}</li>'
                      for row in contracts)
    return (f'<dl class="sv-summary sv-report-cover">{items}</dl>'
            f'<ul class="sv-report-covered" aria-label="Contracts covered">{covered}</ul>')


def headline(result: dict) -> str:
    """One sentence: value delivered against value due by the period's end, and verified only where given."""
    totals = result["totals"]
    contracts = totals.get("contracts", len(result.get("contracts", [])))
    across = f'Across {count(contracts, "contract")}'
    when = esc(period(result))
    if totals.get("progress") is None:
        return f'<p class="sv-headline">{across}, nothing was due by {when}.</p>'
    delivered = totals.get("value_delivered_within_due", totals.get("value_delivered"))
    if totals.get("progress_basis") == "mean":
        text = (f'{across}, no commitment that was due by {when} has a £ value; on average, providers report '
                f'<strong>{esc(format_percent(totals["progress"]))}</strong> of what was due delivered, overall status '
                f'<strong>{status(totals.get("status")).lower()}</strong>')
    else:
        text = (f'{across}, providers report <strong>{money(delivered)}</strong> of social value delivered towards '
                f'the {money(totals.get("value_due_to_date"))} due by {when}: '
                f'<strong>{esc(format_percent(totals["progress"]))}</strong>, overall status '
                f'<strong>{status(totals.get("status")).lower()}</strong>')
    if has_verified(result) and totals.get("value_verified") is not None:
        text += f', and <strong>{money(totals["value_verified"])}</strong> of the value delivered is verified'
    beyond = totals.get("value_beyond_due") or 0
    extra = (f'<p class="sv-over-delivery">{money(beyond)} was delivered beyond what was due. It is not counted in '
             'the progress, so it cannot hide a shortfall on another commitment.</p>' if beyond > 0 else "")
    return f'<p class="sv-headline">{text}.</p>{extra}'


def _not_verified_note(result: dict) -> str:
    if has_verified(result):
        return ('<p class="sv-note">Delivered figures are what providers report. Verified figures are those the '
                'reports mark as checked against evidence.</p>')
    return ('<p class="sv-note">Delivered figures are what providers report. None of these reports gives a verified '
            'figure, so nothing here is described as verified.</p>')


def _counts(result: dict) -> str:
    counts = result["totals"].get("counts") or {}
    items = "".join(f'<dt>{esc(label)}</dt><dd>{esc(counts.get(key, 0))}</dd>' for key, label in LABELS.items())
    return f'<dl class="sv-summary sv-report-counts" aria-label="Commitments by status">{items}</dl>'


def _charts(result: dict) -> str:
    and_verified = " and verified" if has_verified(result) else ""
    return (f'<figure class="sv-chart sv-report-chart">{chart.priority_svg(result)}{chart.priority_phone_svg(result)}'
            f'<figcaption>Value due to date, delivered{and_verified} for each Corporate Plan priority. The same numbers '
            'are in the table of priorities.</figcaption></figure>'
            f'<figure class="sv-chart sv-report-chart">{chart.trend_svg(result)}{chart.trend_phone_svg(result)}'
            '<figcaption>Value due to date and delivered across all the contracts at the end of each quarter. The '
            'same numbers are in the table of quarters.</figcaption></figure>')


FIGURE_HEADS = ('<th scope="col" class="sv-num">Commitments</th><th scope="col" class="sv-num">Value due</th>'
                '<th scope="col" class="sv-num">Delivered</th><th scope="col" class="sv-num">Verified</th>'
                '<th scope="col" class="sv-num">Progress</th><th scope="col">Status</th>')


def _figure_cells(row: dict, given: bool) -> str:
    if not row.get("lines"):
        return ('<td class="sv-num">0</td>' + '<td class="sv-num">£0.00</td>' * 2
                + f'<td class="sv-num">{"£0.00" if given else NOT_GIVEN}</td><td class="sv-num">no commitments</td>'
                '<td>none</td>')
    return (f'<td class="sv-num">{esc(row.get("lines", 0))}</td><td class="sv-num">{money(row.get("value_due_to_date"))}</td>'
            f'<td class="sv-num">{money(row.get("value_delivered"))}</td><td class="sv-num">{verified(row, given)}</td>'
            f'<td class="sv-num">{progress_cell(row)}</td><td>{status(row.get("status"))}</td>')


def _grouped_table(kind: str, caption: str, head: str, rows: list[tuple[str, dict]], given: bool) -> str:
    body = "".join(f'<tr><th scope="row">{name}</th>{_figure_cells(row, given)}</tr>' for name, row in rows)
    return scrolling(stacked(
        f'<table class="sv-table sv-report-{kind}"><caption>{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">{esc(head)}</th>{FIGURE_HEADS}</tr></thead><tbody>{body}</tbody></table>'),
        caption)


def _objective_name(row: dict, site_root: str) -> str:
    """"Objective 8: Create employment, skills and training ..." linked to the Policy's text."""
    number = str(row.get("objective", "")).removeprefix("objective-")
    try:
        ref = cite(f"objective-{number}")
    except KeyError:
        return esc(row.get("objective", ""))
    summary = policy_refs()[ref["id"]].get("summary", "")
    return f'<a href="{esc(site_root + ref["href"])}">{esc(ref["label"])}</a>: {esc(summary)}'


def _objectives_and_priorities(result: dict, site_root: str) -> str:
    given = has_verified(result)
    objectives = [(_objective_name(row, site_root), row) for row in result.get("by_objective", [])]
    priorities = [(esc(row.get("priority", "")), row) for row in result.get("by_priority", [])]
    return (
        '<section class="sv-report-section sv-report-objectives">'
        '<h3>By Policy objective</h3>'
        '<p>A commitment that serves more than one objective counts in full under each of them. So these rows '
        'add up to more than the totals: do not add them together.</p>'
        + _grouped_table("objectives", "Value due, delivered and verified, by Policy objective", "Objective", objectives, given)
        + '<h3>By Corporate Plan priority</h3>'
        '<p>Each commitment counts under its measure\'s one priority, so these rows add up to the totals.</p>'
        + _grouped_table("priorities", "Value due, delivered and verified, by Corporate Plan priority", "Priority",
                         priorities, given)
        + '</section>')


def _measure_name(row: dict) -> str:
    name = esc(row.get("title") or row.get("label") or row.get("measure", ""))
    if row.get("label") and row.get("title") and row["label"] != row["title"]:
        name += f'<br><span class="sv-line-label">{esc(row["label"])}</span>'
    if row.get("unit"):
        name += f'<br><span class="sv-note">Unit: {esc(row["unit"])}</span>'
    return name


def _quantity(row: dict, *keys: str) -> str:
    for key in keys:
        if row.get(key) is not None:
            return esc(format_quantity(row[key]))
    return NOT_GIVEN


def _measures(result: dict) -> str:
    given = has_verified(result)
    rows = "".join(
        f'<tr><th scope="row">{_measure_name(row)}</th>'
        f'<td class="sv-num">{_quantity(row, "committed", "committed_total", "quantity_committed")}</td>'
        f'<td class="sv-num">{_quantity(row, "due_to_date", "quantity_due_to_date")}</td>'
        f'<td class="sv-num">{_quantity(row, "delivered", "quantity_delivered")}</td>'
        f'<td class="sv-num">{_quantity(row, "verified", "quantity_verified") if given else NOT_GIVEN}</td>'
        f'<td class="sv-num">{"not valued" if row.get("value_delivered") is None else money(row["value_delivered"])}</td>'
        '</tr>' for row in result.get("by_measure", []))
    table = scrolling(stacked(
        '<table class="sv-table sv-report-measures"><caption>Each measure, in its own unit</caption>'
        '<thead><tr><th scope="col">Measure</th><th scope="col" class="sv-num">Committed</th>'
        '<th scope="col" class="sv-num">Due to date</th><th scope="col" class="sv-num">Delivered</th>'
        '<th scope="col" class="sv-num">Verified</th><th scope="col" class="sv-num">Value delivered</th></tr></thead>'
        f'<tbody>{rows}</tbody></table>'), "Each measure")
    return (f'<section class="sv-report-section sv-report-by-measure"><h3>By measure</h3>'
            '<p>Quantities are in each measure\'s own unit, for the whole of each commitment (committed) and up to each '
            'contract\'s latest report (due, delivered and verified). Your own measures are listed by their label and '
            f'unit.</p>{table}</section>')


def _trend(result: dict) -> str:
    rows = "".join(f'<tr><th scope="row">{esc(shown_date(row.get("quarter_end")))}</th>'
                   f'<td class="sv-num">{money(row.get("value_due_to_date"))}</td>'
                   f'<td class="sv-num">{money(row.get("value_delivered"))}</td></tr>'
                   for row in result.get("trend", []))
    return scrolling(stacked(
        '<table class="sv-table sv-report-trend"><caption>Across the contracts, at the end of each quarter</caption>'
        '<thead><tr><th scope="col">Quarter ending</th><th scope="col" class="sv-num">Value due to date</th>'
        f'<th scope="col" class="sv-num">Value delivered</th></tr></thead><tbody>{rows}</tbody></table>'),
        "Quarter by quarter")


def _holder_rows(sme_vcse) -> list[tuple[str, dict]]:
    """Who holds the contracts, as (name, {contracts, contract_value}) rows, from a list or a mapping."""
    if isinstance(sme_vcse, dict):
        return [(PROVIDER_TYPES.get(key, key), value) for key, value in sme_vcse.items() if isinstance(value, dict)]
    return [(PROVIDER_TYPES.get(row.get("provider_type"), row.get("provider_type") or NOT_GIVEN), row)
            for row in sme_vcse or [] if isinstance(row, dict)]


def _holders(result: dict) -> str:
    rows = _holder_rows(result.get("sme_vcse"))
    if not rows:
        return ""
    body = "".join(f'<tr><th scope="row">{esc(name)}</th><td class="sv-num">{esc(row.get("contracts", 0))}</td>'
                   f'<td class="sv-num">{contract_value(row.get("contract_value", row.get("value")))}</td></tr>'
                   for name, row in rows)
    return ('<h3>Who holds the contracts</h3>'
            '<p>Objective 6 of the Policy targets opportunities at voluntary and community groups and social '
            'enterprises. "Not given" counts the contracts whose report does not say.</p>'
            + scrolling(stacked(
                '<table class="sv-table sv-report-holders"><caption>Contracts held by SMEs and VCSEs</caption>'
                '<thead><tr><th scope="col">Provider</th><th scope="col" class="sv-num">Contracts</th>'
                f'<th scope="col" class="sv-num">Contract value</th></tr></thead><tbody>{body}</tbody></table>'),
                "Contracts held by SMEs and VCSEs"))


def _totals(result: dict) -> str:
    totals = result["totals"]
    rows = (("Value of the whole commitments", money(totals.get("value_committed"))),
            ("Value due to date", money(totals.get("value_due_to_date"))),
            ("Value delivered, as providers report", money(totals.get("value_delivered"))),
            ("Value verified", verified(totals, has_verified(result))),
            ("Shortfall", money(totals.get("shortfall"))),
            ("Progress", progress(totals.get("progress"))))
    items = "".join(f"<dt>{esc(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<h3>Totals</h3><dl class="sv-summary sv-report-totals">{items}</dl>'


def _warnings(result: dict) -> str:
    note = f'<p class="sv-note">{esc(result["permalink_note"])}</p>' if result.get("permalink_note") else ""
    if not result.get("warnings"):
        return note
    items = "".join(f'<li>{esc(warning.get("message", warning))}</li>' for warning in result["warnings"])
    return f'<h3>Check before you rely on this</h3><ul class="sv-warnings">{items}</ul>{note}'


def _policy(site_root: str) -> str:
    """The Policy's sections this report serves, cited on screen and in print."""
    return ('<section class="sv-report-section sv-report-policy"><h3>Why the Council reports this</h3>'
            '<p>The draft Policy says the Council will evaluate the Policy\'s impact on its aims and objectives'
            f'{cite_links([cite("evaluating-our-approach")], site_root)}. It will report from time to time on the '
            'Policy\'s objectives and how it is applied to a cross-sector group'
            f'{cite_links([cite("reviewing-our-social-value-policy")], site_root)}. This report is for that group.</p>'
            '</section>')


def _method(result: dict) -> str:
    return ('<section class="sv-report-section sv-report-method"><h3>How this is worked out</h3>'
            '<p>Each contract\'s latest delivery report is checked as the contract monitoring calculator checks it: what '
            'is due to date is pro rata, progress is the value delivered towards what was due over the value due, and '
            'a red commitment keeps a contract from green. The totals add up every contract\'s figures. Delivered '
            'figures are what providers report. A verified figure is one the report gives as checked against '
            'evidence. The trend adds up each contract\'s report for each quarter.</p>'
            '<p>Money is rounded to the penny and progress to one decimal place, with an exact half rounded up.</p>'
            '</section>')


def render(result: dict, site_root: str) -> str:
    return (
        '<div class="sv-result sv-result--report">'
        '<section class="sv-report-section sv-report-summary">'
        + _cover(result) + headline(result) + _not_verified_note(result) + _counts(result) + _charts(result)
        + '</section>'
        + _objectives_and_priorities(result, site_root)
        + contracts_section(result)
        + '<section class="sv-report-section sv-report-more">' + _totals(result) + '<h3>Quarter by quarter</h3>'
        + _trend(result) + '</section>'
        + _measures(result) + _holders(result) + _warnings(result) + _policy(site_root) + _method(result)
        + '</div>')
