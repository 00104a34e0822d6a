"""Results as CSV text, for the "Download CSV" button and the command line.

Each calculator gives its rows (``Calculator.csv_rows``), keyed by the result's names; this module
writes them for people: each column, and each summary row's first cell, in words ("Present value
(£)", not ``present_value``). An input is named by its label on the form.
"""

from __future__ import annotations

import csv
import io

from .corporate_plan import PRIORITIES
from .csvtext import BOM, cell

# What each result figure is, in words: one table for every calculator, since a name means the same
# thing wherever it is used. tests/core/test_issue_25_files.py checks that every name is here.
WORDS = {
    # the valuation's lines and the monitoring's commitments
    "line": "Line", "measure": "Measure", "title": "Measure title", "defaults_used": "Defaults used",
    "proxy_low": "Proxy value, low (£)", "proxy_high": "Proxy value, high (£)",
    "proxy_price_year": "Proxy price year", "proxy_per": "Proxy value per",
    "proxy_supplied_by_user": "Your own proxy value", "proxy_source": "Proxy value's source",
    "proxy_source_url": "Proxy value's source address", "valued": "Has a value",
    "gross": "Gross value (£)", "net": "Net value (£)", "present_value": "Present value (£)",
    "total": "Total", "per_pound": "Social value for every £1 (£)",
    "present_value_low": "Present value, low (£)", "present_value_central": "Present value, central (£)",
    "present_value_high": "Present value, high (£)", "warning": "Warning", "note": "Note",
    **{f"present_value_{priority}": f"Present value, {priority} (£)" for priority in (*PRIORITIES, "Custom")},
    # the monitoring's
    "committed_total": "Committed in all", "due_to_date": "Due to date", "progress": "Progress (%)",
    "status": "Status", "forecast_total": "Forecast in all", "unit_net": "Net value of one unit (£)",
    "value_committed": "Value committed (£)", "value_due_to_date": "Value due to date (£)",
    "value_delivered": "Value delivered (£)", "shortfall": "Shortfall (£)",
    "value_delivered_within_due": "Value delivered within what was due (£)",
    "value_beyond_due": "Value delivered beyond what was due (£)", "progress_basis": "Progress measured by",
    "count_red": "Commitments red", "count_amber": "Commitments amber", "count_green": "Commitments green",
    "count_not_due": "Commitments not yet due", "remedy": "Remedy", "thresholds": "Status thresholds",
    "duty": "Duty",
    # the report's
    "contracts": "Contracts", "lines": "Commitments", "value_verified": "Value verified (£)", "red": "Red",
    "amber": "Amber", "green": "Green", "not_due": "Not yet due", "stale": "Report out of date",
    "rating": "Suggested KPI rating",
    # the evaluation's
    "rank": "Rank", "offer_from": "Offer taken from", "qualitative_marks": "Marks for the method statement",
    "quantitative_marks": "Marks for the quantified offer", "marks": "Social value marks", "flags": "Flags",
    "flag_messages": "What to check", "qualitative_weighting": "Weighting for the method statement (%)",
    "quantitative_weighting": "Weighting for the quantified offer (%)", "highest_offer": "Highest offer",
    "ranking_sensitive": "Ranking sensitive to the offers", "sensitivity": "Sensitivity", "ranking": "Ranking",
    # the proportionality's
    "item": "Item", "value": "Value", "policy": "Policy reference", "band": "Band", "band_label": "Band name",
    "above_threshold": "Above the procurement threshold", "threshold": "Procurement threshold (£)",
    "threshold_in_force_from": "Threshold in force from", "regime": "Procurement rules",
    "weighting_min": "Lowest weighting (%)", "weighting_max": "Highest weighting (%)",
    "weighting_recommended": "Recommended weighting (%)", "outcomes_min": "Fewest outcomes",
    "outcomes_max": "Most outcomes", "evaluation": "Evaluation", "reporting": "Reporting",
    "priorities": "Corporate Plan priorities", "requirement": "Requirement", "reason": "Reason",
    "threshold_source": "Threshold's source",
}


def words(calculator) -> dict[str, str]:
    """Each name a calculator's result CSV uses, in words: its inputs by their labels, then WORDS."""
    named = {}
    for spec in calculator.fields:
        for field in spec.item_fields if spec.kind == "lines" else (spec,):
            named.setdefault(field.name, field.label)
    return {**WORDS, **named}


def to_csv(calculator, result: dict) -> str:
    """The result's CSV, for people: it starts with a byte-order mark, so Excel reads it as UTF-8,
    and its header row and the first cell of each summary row are in words."""
    rows = calculator.csv_rows(result)
    named = words(calculator)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    for index, row in enumerate(rows):
        shown = [named.get(v, v) if isinstance(v, str) and (index == 0 or position == 0) else v
                 for position, v in enumerate(row)]
        writer.writerow([cell(v) for v in shown])
    return out.getvalue()
