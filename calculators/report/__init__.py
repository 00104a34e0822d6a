"""The portfolio report: many contracts' quarterly delivery reports as one picture for the Council.

Every figure for a contract is the monitoring calculator's, got by running it on the contract's latest
report (``compute``); this package reads the reports (``reading``: several files at once, each holding
one contract or many), checks them (``rules``) and gives the calculator its downloads and its worked
example (``example``: six contracts over four quarters).
"""

from __future__ import annotations

from .. import cleantext
from ..benchmarks import COLUMNS as BENCHMARK_COLUMNS
from ..calculator import Calculator
from ..files import WHOLE_FILE, Files
from ..invalid_input import InvalidInput
from ..words import join_words
from .compute import compute
from .example import EXAMPLE
from .fields import FIELDS
from .reading import file_columns, refuse, reports_from_rows
from .result_html import render
from .rules import rules, where
from .settings import REPORT_SETTINGS

CONTRACT_COLUMNS = (
    "contract_reference", "contract_title", "provider", "provider_type", "file", "quarter_end", "months_elapsed",
    "contract_months", "contract_value", "lines", "value_due_to_date", "value_delivered", "value_verified",
    "shortfall", "value_beyond_due", "progress", "status", "red", "amber", "green", "not_due", "stale", "rating",
)
MEASURE_COLUMNS = ("measure", "title", "label", "unit", "priority", "lines", "committed", "due_to_date", "delivered",
                   "verified", "value_delivered")


def contracts_csv_rows(result: dict) -> list[list]:
    rows = [list(CONTRACT_COLUMNS)]
    for contract in result["contracts"]:
        cells = {**contract, **contract["counts"]}
        rows.append([cells.get(column) for column in CONTRACT_COLUMNS])
    return rows


def measures_csv_rows(result: dict) -> list[list]:
    return [list(MEASURE_COLUMNS)] + [[row.get(column) for column in MEASURE_COLUMNS] for row in result["by_measure"]]


TOTAL_ROWS = ("contracts", "contract_value", "lines", "value_committed", "value_due_to_date", "value_delivered",
              "value_verified", "shortfall", "progress", "status")


def csv_rows(result: dict) -> list[list]:
    """The result's CSV: a row per contract, then the portfolio's totals."""
    totals = result["totals"]
    return contracts_csv_rows(result) + [[]] + [[key, totals.get(key)] for key in TOTAL_ROWS]


def benchmarks_csv_rows(result: dict) -> list[list]:
    """The benchmarks file (``calculators.benchmarks``): no contract reference, title or provider."""
    return [list(BENCHMARK_COLUMNS)] + [[row.get(column) for column in BENCHMARK_COLUMNS]
                                        for row in result["benchmarks"]]


def _table(rows: list[list]) -> tuple[list[dict], tuple[str, ...]]:
    """A download's rows and columns, written as CSV or .xlsx (``Calculator.download_tables``)."""
    return [dict(zip(rows[0], row)) for row in rows[1:]], tuple(rows[0])


class Report(Calculator):
    name = "report"
    title = "Social value report"
    fields = FIELDS
    example = EXAMPLE
    files = Files(WHOLE_FILE, "reports", ("price_year", "period_end"), several=True, columns=file_columns(), kept=True,
                  label="Open delivery reports",
                  hint="One or more CSV, Excel (.xlsx) or JSON files in the format of the quarterly delivery "
                       "report. A file may hold one contract or many, told apart by contract_reference. Your browser "
                       "reads them here: they are not uploaded.")
    settings = REPORT_SETTINGS
    downloads = (("by-contract", "Download CSV by contract", "report-by-contract.csv"),
                 ("by-measure", "Download CSV by measure", "report-by-measure.csv"),
                 ("benchmarks", "Download benchmarks", "report-benchmarks.csv"))
    benchmarks = "writes"

    def compute(self, values: dict, settings=None) -> dict:
        return compute(values, settings)

    def rules(self, values: dict) -> list[dict]:
        return rules(values)

    def validate(self, inputs, warnings: list[dict] | None = None) -> dict:
        """Each problem also names the file, row and column, or the contract and quarter, it is in."""
        try:
            return super().validate(inputs, warnings)
        except InvalidInput as invalid:
            invalid.errors = [where(error, inputs) for error in invalid.errors]
            raise

    def inputs_from_files(self, records, read_rows):
        return reports_from_rows(records, read_rows)

    def kept_summary(self, inputs: dict) -> str:
        """What the form says is open: "6 contracts, 22 delivery reports, from a.csv and b.csv"."""
        reports = inputs.get("reports") or []
        contracts = len({report.get("contract_reference") for report in reports})
        files = sorted({report["file"] for report in reports if report.get("file")})
        text = (f"{contracts:,} contract{'' if contracts == 1 else 's'}, {len(reports):,} "
                f"delivery report{'' if len(reports) == 1 else 's'}")
        if files:
            text += ", from " + join_words([cleantext.shown(name[:60]) for name in files[:5]]
                                           + ([f"{len(files) - 5:,} more files"] if len(files) > 5 else []))
        return text + " open."

    def refuse_file(self, columns: set[str]) -> str | None:
        return refuse(columns)

    def render(self, result: dict, site_root: str) -> str:
        return render(result, site_root)

    def csv_rows(self, result: dict) -> list[list]:
        return csv_rows(result)

    def download_tables(self, result: dict) -> dict:
        return {"by-contract": _table(contracts_csv_rows(result)), "by-measure": _table(measures_csv_rows(result)),
                "benchmarks": _table(benchmarks_csv_rows(result))}


CALCULATOR = Report()
