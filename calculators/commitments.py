"""The commitments file: one format, in CSV and JSON, from a provider's valuation to the contract
manager's monitoring.

A row is one commitment. It is a valuation line (a measure from the catalogue, with its ``title``
written beside it for people and ignored on reading, or a custom line with its own label, unit,
proxy and the Policy ``objectives`` it serves; the quantity a year; the years; the adjustments) with
optional KPI columns: a reference, the evidence expected and a due date. ``price_year`` is the year
whose prices your own proxies are in, and the contract's columns (``CONTRACT_COLUMNS``: its
reference, title, provider, provider type, value and length) are optional; each is the same on every
row. The JSON form is a list of objects with the same names. A delivery report is the same file with
the quarter it covers (``PERIOD_COLUMNS``) and, on each row, what was delivered, what the contract
manager verified, the evidence's reference and comments (``DELIVERY_COLUMNS``).

Reading is the whole-file reading every calculator with a list input shares (``file_reading``:
CSV or JSON, read in the browser and never uploaded, problems named by row and column); this
module names the format's columns and writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from decimal import Decimal

from .csvtext import BOM, cell
from .field import Field
from .measures import OBJECTIVES as OBJECTIVES_RANGE

# The contract's columns, repeated on every row of a commitments file and a delivery report.
CONTRACT_COLUMNS = ("contract_reference", "contract_title", "provider", "provider_type", "contract_value",
                    "contract_months")
# The columns of a commitments file, in the order they are written.
LINE_COLUMNS = ("ref", "measure", "title", "label", "unit", "priority", "objectives", "quantity", "years",
                "deadweight", "attribution", "displacement", "drop_off", "proxy", "annual_pay", "price_year",
                "evidence", "due")
COLUMNS = LINE_COLUMNS + CONTRACT_COLUMNS
# The valuation's commitments file adds its one assumption that is not a line's, so that it opens
# there again to the same result: a single discount rate, when one was given instead of the Green Book's.
VALUATION_COLUMNS = COLUMNS + ("discount_rate",)
# Written for people (the measure's title beside its code) and ignored on reading.
WRITTEN_ONLY = ("title",)
# A delivery report adds the quarter it covers and, on each row, what was delivered and verified.
PERIOD_COLUMNS = ("quarter_start", "quarter_end", "months_elapsed")
DELIVERY_COLUMNS = ("delivered", "verified", "evidence_reference", "comments")
REPORT_COLUMNS = PERIOD_COLUMNS + DELIVERY_COLUMNS
# A delivery report's columns, in the order they are written: the contract and quarter, then the commitment.
DELIVERY_REPORT_COLUMNS = CONTRACT_COLUMNS + PERIOD_COLUMNS + LINE_COLUMNS + DELIVERY_COLUMNS

KPI = "Reference, evidence and due date"  # the disclosure these sit behind on the valuation form

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
        hint="Optional: the date the whole commitment is due, for example 31/03/2029.",
        required=False, default=None, width=10,
        earliest=dt.date(2000, 1, 1), latest=dt.date(2099, 12, 31),
    ),
)


OBJECTIVES = Field(
    "objectives", "Policy objectives", "integers",
    hint="Custom measures only: the numbers of the draft Policy's objectives this line serves, like 5, 8. "
         "Catalogue measures keep their own.",
    required=False, default=None, minimum=Decimal(min(OBJECTIVES_RANGE)), maximum=Decimal(max(OBJECTIVES_RANGE)),
    width=10, noun="the Policy objectives",
)

PROVIDER_TYPES = (("sme", "Small or medium-sized enterprise (SME)"),
                  ("vcse", "Voluntary, community or social enterprise (VCSE)"),
                  ("large", "Large organisation"))

CONTRACT_FIELDS = (
    Field("contract_reference", "Contract reference", "text",
          hint="Optional: the contract's reference, for example its number in the contracts register.",
          required=False, default="", max_length=60, width=20, noun="the contract reference"),
    Field("contract_title", "Contract title", "text",
          hint="Optional: the contract's name, for example Home support services.",
          required=False, default="", max_length=120, width=30, noun="the contract title"),
    Field("provider", "Provider", "text",
          hint="Optional: the name of the organisation that delivers the contract.",
          required=False, default="", max_length=120, width=30, noun="the provider"),
    Field("provider_type", "Type of provider", "choice",
          hint="Optional: a small or medium-sized enterprise, a voluntary, community or social enterprise, "
               "or a large organisation.",
          required=False, default=None, options=PROVIDER_TYPES, noun="the type of provider"),
    Field("contract_months", "Contract length", "integer",
          hint="Optional: in months, including any extensions agreed so far. For example, 36 for three years.",
          required=False, default=None, minimum=Decimal(1), maximum=Decimal(600), unit="months", width=5,
          noun="the contract length in months"),
)


def rows_from_inputs(inputs: dict, list_name: str, top_names=("price_year",)) -> list[dict]:
    """The rows of a file for a calculation's clean inputs: each item, with the top-level inputs
    named in ``top_names`` repeated on every row."""
    top = {name: inputs.get(name) for name in top_names}
    return [{**item, **top} for item in inputs.get(list_name, [])]


def rows_from_result(result: dict, list_name: str, top_names) -> list[dict]:
    """``rows_from_inputs`` for a result, each row with its line's measure title beside the code."""
    rows = rows_from_inputs(result["inputs"], list_name, top_names)
    return [{**row, "title": line.get("title")} for row, line in zip(rows, result["lines"])]


def write_csv(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as CSV text with these columns, for people: a byte-order mark (so Excel reads it as
    UTF-8), a blank cell for a value not given, and text a spreadsheet would run as a formula made
    safe."""
    out = io.StringIO()
    out.write(BOM)
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
