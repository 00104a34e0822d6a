"""A minimal HTML of the report's result: the headline and the totals table. The report page's own
result HTML (tables by priority, objective, measure and contract, the trend and the charts) replaces
this file."""

from __future__ import annotations

from ..html import esc, scrolling
from ..money import format_money, format_percent
from ..monitoring.compute import LABELS


def render(result: dict, site_root: str) -> str:
    totals = result["totals"]
    progress = "nothing due yet" if totals["progress"] is None else format_percent(totals["progress"])
    headline = (f'<p class="sv-headline">{esc(totals["contracts"])} contracts: '
                f'<strong>{esc(format_money(totals["value_delivered_within_due"]))}</strong> delivered towards the '
                f'{esc(format_money(totals["value_due_to_date"]))} of social value due, {esc(progress)}. Overall status: '
                f'<strong>{esc(LABELS.get(totals["status"], ""))}</strong>.</p>')
    rows = (("Contracts", totals["contracts"]), ("Commitments", totals["lines"]),
            ("Contract value", format_money(totals["contract_value"])),
            ("Value committed", format_money(totals["value_committed"])),
            ("Value due to date", format_money(totals["value_due_to_date"])),
            ("Value delivered", format_money(totals["value_delivered"])),
            ("Value verified", format_money(totals["value_verified"])),
            ("Delivered beyond what was due (not counted in progress)", format_money(totals["value_beyond_due"])),
            ("Shortfall", format_money(totals["shortfall"])), ("Progress", progress))
    body = "".join(f'<tr><th scope="row">{esc(name)}</th><td class="sv-num">{esc(value)}</td></tr>'
                   for name, value in rows)
    table = scrolling(f'<table class="sv-table sv-report-totals"><caption>Totals, in {esc(result["price_year"])} '
                      f'prices</caption><tbody>{body}</tbody></table>', "Totals")
    warnings = "".join(f'<li>{esc(warning["message"])}</li>' for warning in result.get("warnings", ()))
    return (f'<div class="sv-result sv-result--report">{headline}{table}'
            + (f'<h3>Check before you rely on this</h3><ul class="sv-warnings">{warnings}</ul>' if warnings else "")
            + '</div>')
