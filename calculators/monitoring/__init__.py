"""Contract monitoring: commitments against delivery to date (the manage-and-report step).

``compute`` rates each commitment and values what was delivered (and what was verified) with the
valuation calculator's proxies; this module gives the calculator its CSV rows, its batch (a quarterly
delivery report, all its rows one calculation), its files, its download (the same delivery report,
written back) and its worked example.
"""

from __future__ import annotations

from .. import commitments
from ..calculator import Calculator
from ..files import WHOLE_FILE, Files
from . import figures
from .example import EXAMPLE
from .compute import compute, rules
from .fields import FIELDS
from .result_html import render
from .settings import MONITORING_SETTINGS

LINE_COLUMNS = (
    "line", "ref", "measure", "title", "label", "unit", "quantity", "years", "committed_total", "due_to_date",
    "delivered", "verified", "progress", "status", "forecast_total", "valued", "unit_net", "value_committed",
    "value_due_to_date", "value_delivered", "value_verified", "shortfall", "evidence", "due", "evidence_reference",
    "comments",
)
TOTAL_COLUMNS = ("value_committed", "value_due_to_date", "value_delivered", "value_verified", "shortfall", "progress",
                 "status")
# The batch: the result cells written after each row of a delivery report, then a totals row.
RESULT_COLUMNS = (
    "line", "title", "committed_total", "due_to_date", "progress", "status", "forecast_total", "unit_net",
    "value_committed", "value_due_to_date", "value_delivered", "value_verified", "shortfall",
)
# A delivery report's columns that are the same on every row: the contract, the quarter, the price year.
REPORT_TOP = commitments.CONTRACT_COLUMNS + commitments.PERIOD_COLUMNS + ("price_year",)


def csv_rows(result: dict) -> list[list]:
    """One row per commitment with every figure, a totals row, then the counts, remedies, duties,
    inputs and warnings."""
    rows = [list(LINE_COLUMNS)]
    for index, line in enumerate(result["lines"]):
        rows.append([index + 1 if column == "line" else line.get(column) for column in LINE_COLUMNS])
    totals = result["totals"]
    rows.append([("total" if column == "line" else totals.get(column) if column in TOTAL_COLUMNS else None)
                 for column in LINE_COLUMNS])
    rows.append([])
    inputs = result.get("inputs", {})
    rows.extend([key, inputs.get(key)] for key in REPORT_TOP)
    rows.extend([key, totals.get(key)] for key in ("value_delivered_within_due", "value_beyond_due", "progress_basis"))
    rows.extend([f"count_{status}", count] for status, count in totals["counts"].items())
    for group in result["by_status"]:
        rows.append(["remedy", group["status"], group["remedy"]["text"],
                     "; ".join(cite["label"] for cite in group["remedy"]["cites"])])
    rows.append(["thresholds", f"green {result['thresholds']['green']}", f"amber {result['thresholds']['amber']}",
                 result["thresholds"]["status"]])
    if result.get("duties"):
        for duty in result["duties"]["duties"]:
            rows.append(["duty", duty["text"], duty["source"]["title"], duty["source"]["url"]])
    for warning in result["warnings"]:
        line = "" if warning["line"] is None else warning["line"] + 1
        rows.append(["warning", warning["message"], warning["code"], line])
    return rows


class Monitoring(Calculator):
    name = "monitoring"
    title = "Contract monitoring"
    fields = FIELDS
    example = EXAMPLE
    result_columns = RESULT_COLUMNS
    # A delivery report: the whole file is one contract, a commitment a row.
    files = Files(WHOLE_FILE, "commitments", REPORT_TOP,
                  label="Open a commitments file or a delivery report",
                  hint="A CSV, Excel (.xlsx) or JSON file, in the format of the commitments template or the quarterly "
                       "delivery report. Your browser reads it here: it is not uploaded. Its commitments replace the "
                       "ones below.",
                  written_only=commitments.WRITTEN_ONLY)
    settings = MONITORING_SETTINGS
    downloads = (("delivery-report", "Download delivery report (CSV)", "delivery-report.csv"),)
    figure_functions = figures.FIGURES

    def compute(self, values: dict, settings=None) -> dict:
        return compute(values, settings)

    def rules(self, values: dict) -> list[dict]:
        return rules(values)

    def render(self, result: dict, site_root: str) -> str:
        return render(result, site_root)

    def csv_rows(self, result: dict) -> list[list]:
        return csv_rows(result)

    def batch_item_cells(self, result: dict, index: int) -> dict:
        line = result["lines"][index]
        return {column: index + 1 if column == "line" else line.get(column) for column in RESULT_COLUMNS}

    def batch_total_cells(self, result: dict) -> dict:
        totals = result["totals"]
        return {"line": "total", **{column: totals.get(column) for column in TOTAL_COLUMNS}}

    def download_tables(self, result: dict) -> dict:
        """The commitments with what was delivered, as a delivery report that opens here again."""
        rows = commitments.rows_from_result(result, "commitments", REPORT_TOP)
        return {"delivery-report": (rows, commitments.DELIVERY_REPORT_COLUMNS)}


CALCULATOR = Monitoring()
