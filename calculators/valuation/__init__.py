"""Outcome valuation: the £ value of the social value outcomes a contract offers or delivers.

``compute`` values the outcome lines against the measures catalogue; this module gives the
calculator its CSV rows and its batch columns (one outcome line a row).
"""

from __future__ import annotations

from .. import commitments
from ..calculator import Calculator
from ..files import ITEM, Files
from . import figures
from ..outcome_lines import lines_rules
from .compute import ROUNDING_NOTE, compute
from .fields import FIELDS
from .result_html import render
from .warnings import double_counting_with

VALUATION_COLUMNS = (
    "line", "measure", "title", "label", "priority", "quantity", "unit", "years",
    "deadweight", "attribution", "displacement", "drop_off", "defaults_used",
    "proxy", "proxy_low", "proxy_high", "proxy_price_year", "proxy_per", "proxy_supplied_by_user",
    "proxy_source", "proxy_source_url", "valued", "gross", "net", "present_value",
)


def valuation_line(index: int, line: dict) -> dict:
    """One result line as flat named cells (shared with the CSV batch)."""
    proxy = line.get("proxy") or {}
    source = proxy.get("source") or {}
    return {
        "line": index + 1, "measure": line["measure"], "title": line["title"], "label": line["label"],
        "priority": line["priority"], "quantity": line["quantity"], "unit": line["unit"], "years": line["years"],
        "deadweight": line["deadweight"], "attribution": line["attribution"],
        "displacement": line["displacement"], "drop_off": line["drop_off"],
        "defaults_used": "; ".join(line.get("defaults_used", ())),
        "proxy": proxy.get("value"), "proxy_low": proxy.get("low"), "proxy_high": proxy.get("high"),
        "proxy_price_year": proxy.get("price_year"), "proxy_per": proxy.get("per"),
        "proxy_supplied_by_user": proxy.get("supplied_by_user"),
        "proxy_source": source.get("title"), "proxy_source_url": source.get("url"),
        "valued": line["valued"], "gross": line["gross"], "net": line["net"], "present_value": line["present_value"],
    }


def csv_rows(result: dict) -> list[list]:
    """One row per line with every figure, a totals row, then the summary figures and warnings."""
    rows = [list(VALUATION_COLUMNS)]
    for index, line in enumerate(result["lines"]):
        cells = valuation_line(index, line)
        rows.append([cells[column] for column in VALUATION_COLUMNS])
    totals = {"line": "total", **result["totals"]}
    rows.append([totals.get(column) for column in VALUATION_COLUMNS])
    inputs = result.get("inputs", {})
    rows.append([])
    rows.append(["price_year", inputs.get("price_year")])
    rows.append(["discount_rate", inputs.get("discount_rate")])
    rows.append(["contract_value", inputs.get("contract_value")])
    rows.append(["per_pound", result.get("per_pound")])
    for key in ("low", "central", "high"):
        rows.append([f"present_value_{key}", result["sensitivity"][key]])
    for row in result["by_priority"]:
        rows.append([f"present_value_{row['priority']}", row["present_value"]])
    for warning in result["warnings"]:
        line = "" if warning["line"] is None else warning["line"] + 1
        rows.append(["warning", warning["message"], warning["code"], line])
    rows.append(["note", ROUNDING_NOTE])
    return rows


# The batch: one outcome line a row. Result cells that share a name with an input column are
# renamed, so the row keeps what was typed beside what was used.
RESULT_COLUMNS = (
    "title", "priority_used", "unit_used", "deadweight_used", "attribution_used", "displacement_used",
    "drop_off_used", "proxy_used", "proxy_low", "proxy_high", "proxy_price_year", "proxy_source", "valued",
    "gross", "net", "present_value", "present_value_low", "present_value_high", "per_pound", "warnings",
)
USED_NAMES = {"priority": "priority_used", "unit": "unit_used", "deadweight": "deadweight_used",
              "attribution": "attribution_used", "displacement": "displacement_used",
              "drop_off": "drop_off_used", "proxy": "proxy_used"}


class Valuation(Calculator):
    name = "valuation"
    title = "Outcome valuation"
    fields = FIELDS
    example = {"price_year": 2026, "discount_rate": 3.5, "contract_value": 1000000, "lines": [
        {"measure": "local-employment", "quantity": 5, "years": 3},
        {"measure": "apprenticeships", "quantity": 2, "years": 3},
        {"measure": "volunteering-hours", "quantity": 600, "years": 3},
        {"measure": "carbon-avoided", "quantity": 40, "years": 3}]}
    result_columns = RESULT_COLUMNS
    # A commitments file: each row one outcome line (in a batch, valued on its own).
    files = Files(ITEM, "lines", ("price_year", "discount_rate", *commitments.CONTRACT_COLUMNS),
                  label="Open a commitments file",
                  hint="A CSV, Excel (.xlsx) or JSON file of commitments, in the format of the commitments template. "
                       "Your browser reads it here: it is not uploaded. Its commitments replace the outcome lines "
                       "below.",
                  written_only=commitments.WRITTEN_ONLY)
    downloads = (("commitments", "Download commitments (CSV)", "commitments.csv"),)
    figure_functions = figures.FIGURES

    def compute(self, values: dict, row: int | None = None, explain: bool = True) -> dict:
        return compute(values, row, explain)

    def rules(self, values: dict) -> list[dict]:
        return lines_rules(values.get("lines"))

    def render(self, result: dict, site_root: str) -> str:
        return render(result, site_root)

    def csv_rows(self, result: dict) -> list[list]:
        return csv_rows(result)

    def batch_cells(self, result: dict) -> dict:
        """The result columns for a one-line run."""
        cells = {USED_NAMES.get(key, key): cell for key, cell in valuation_line(0, result["lines"][0]).items()}
        cells.update(present_value_low=result["sensitivity"]["low"], present_value_high=result["sensitivity"]["high"],
                     per_pound=result["per_pound"], warnings=[w["message"] for w in result["warnings"]])
        return {column: cells[column] for column in RESULT_COLUMNS}

    def batch_options(self, row: int) -> dict:
        return {"row": row, "explain": False}  # the batch writes none of what explain adds (``compute``)

    def batch_comparison(self):
        """Possible double counting between the rows of one contract: rows with the same ``contract``
        cell, or the whole file when there is no such column. Only the first row of each measure in
        each contract counts, so that is all it keeps."""
        firsts: dict[str, dict[str, str]] = {}  # contract -> measure -> the name of its first row

        def compare(number: int, cells: dict, result: dict) -> list[str]:
            line = result["lines"][0]
            seen = firsts.setdefault(cells.get("contract") or "", {})
            if line["measure"] in seen:
                return []
            seen[line["measure"]] = f"row {number} ({line['label'] or line['title']})"
            return double_counting_with(seen, line["measure"])

        return compare

    def download_tables(self, result: dict) -> dict:
        """The outcome lines as a commitments file, to carry on to evaluation and monitoring."""
        top = ("price_year", "discount_rate", *commitments.CONTRACT_COLUMNS)
        rows = commitments.rows_from_result(result, "lines", top)
        return {"commitments": (rows, commitments.VALUATION_COLUMNS)}


CALCULATOR = Valuation()
