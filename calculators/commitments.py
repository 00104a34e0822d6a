"""The commitments file: one format, in CSV and JSON, from a provider's valuation to the contract
manager's monitoring.

A row is one commitment. It is a valuation line (a measure from the catalogue, or a custom line
with its own label, unit and proxy; the quantity a year; the years; the adjustments) with optional
KPI columns: a reference, the evidence expected and a due date. ``price_year`` is the year whose
prices your own proxies are in; it is the same on every row, as are the contract's own columns
(``CONTRACT_COLUMNS``, all optional here). The JSON form is a list of objects with the same names. A
delivery report is the same file with the quarter it covers (``PERIOD_COLUMNS``) and, on each row,
what was delivered, what the contract manager verified, the evidence's reference and comments
(``DELIVERY_COLUMNS``).

Reading is the whole-file reading every calculator with a list input shares (``file_reading``:
CSV or JSON, read in the browser and never uploaded, problems named by row and column); this
module names the format's columns and writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .csvtext import cell
from .field import Field

# The columns of a commitments file, in the order they are written.
COLUMNS = ("ref", "measure", "label", "unit", "priority", "quantity", "years", "deadweight", "attribution",
           "displacement", "drop_off", "proxy", "annual_pay", "price_year", "evidence", "due")
# A contract's columns, repeated on every row: optional in a commitments file, and in a delivery report
# too, except the contract's length.
CONTRACT_COLUMNS = ("contract_reference", "contract_title", "provider", "provider_type", "contract_value",
                    "contract_months")
# A delivery report adds the quarter it covers and, on each row, what was delivered.
PERIOD_COLUMNS = ("quarter_start", "quarter_end", "months_elapsed")
DELIVERY_COLUMNS = ("delivered", "verified", "evidence_reference", "comments")
REPORT_COLUMNS = CONTRACT_COLUMNS + PERIOD_COLUMNS + DELIVERY_COLUMNS
# A delivery report's columns, in the order they are written: the contract and quarter, then the commitment.
DELIVERY_REPORT_COLUMNS = CONTRACT_COLUMNS + PERIOD_COLUMNS + COLUMNS + DELIVERY_COLUMNS

KPI_FIELDS = (
    Field(
        "ref", "Reference", "text",
        hint="Optional: the commitment's reference in the contract, for example KPI 3.",
        required=False, default="", max_length=40, width=10, noun="a reference",
    ),
    Field(
        "evidence", "Evidence expected", "text",
        hint="Optional: what the provider will keep to show delivery, for example a payroll extract.",
        required=False, default="", max_length=200, width=30, noun="the evidence expected",
    ),
    Field(
        "due", "Due date", "date",
        hint="Optional: the date the whole commitment is due, as YYYY-MM-DD.",
        required=False, default=None, width=10,
        earliest=dt.date(2000, 1, 1), latest=dt.date(2099, 12, 31),
    ),
)


def rows_from_inputs(inputs: dict, list_name: str, top_names=("price_year",)) -> list[dict]:
    """The rows of a file for a calculation's clean inputs: each item, with the top-level inputs
    named in ``top_names`` repeated on every row."""
    top = {name: inputs.get(name) for name in top_names}
    return [{**item, **top} for item in inputs.get(list_name, [])]


def write_csv(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as CSV text with these columns; a blank cell for a value not given, and text a
    spreadsheet would run as a formula made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return out.getvalue()


def write_json(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as the JSON form: a list of objects, without the values not given."""
    return json.dumps([{column: row[column] for column in columns if _given(row.get(column))} for row in rows],
                      indent=2, ensure_ascii=False) + "\n"



def _given(value) -> bool:
    return value is not None and str(value).strip() != ""
