"""The monitoring calculator's inputs: the contract (its reference, title, provider, value and
length), the quarter reported on and the months elapsed, and its commitments.

A commitment is a line of the commitments file (a valuation line with the KPI columns) plus what
was delivered to date, what the contract manager verified, the evidence's reference and the
provider's comments. Its fields are the valuation calculator's own specs, so a bound or a label is
written once. The report calculator reads contracts with these same specs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from ..commitments import CONTRACT_FIELDS, KPI_FIELDS
from ..field import MAX_CONTRACT_VALUE, Field
from ..money import format_money
from ..valuation.fields import FIELDS as VALUATION_FIELDS
from ..valuation.fields import MAX_QUANTITY, MAX_VALUATION_LINES, VALUATION_LINE
from .settings import default_monitoring

# The largest quantity a year, for the longest commitment; spend in pounds takes the contract value's
# bound, like its quantity (``compute.rules`` holds other units to MAX_DELIVERED_UNITS).
MAX_DELIVERED_UNITS = MAX_QUANTITY * 50
MAX_DELIVERED = MAX_CONTRACT_VALUE

_LINE = {spec.name: spec for spec in VALUATION_LINE + KPI_FIELDS}

DELIVERED = Field(
    "delivered", "Delivered to date", "number",
    hint="The quantity delivered since the contract started, in the same unit. For example, 1.5 for 3 people "
         "employed full time for 6 months.",
    minimum=Decimal(0), maximum=MAX_DELIVERED, width=10,
    noun="the quantity delivered to date",
)

VERIFIED = Field(
    "verified", "Verified to date", "number",
    hint="Optional: the quantity delivered to date that the contract manager has checked against the evidence. "
         "No more than delivered to date.",
    required=False, default=None, minimum=Decimal(0), maximum=MAX_DELIVERED, width=10,
    noun="the quantity verified to date",
)

EVIDENCE_REFERENCE = Field(
    "evidence_reference", "Evidence reference", "text",
    hint="Optional: the reference of the evidence sent with this report, for example PAY-2026-Q2.",
    required=False, default="", max_length=80, width=16, noun="the evidence reference",
)

COMMENTS = Field(
    "comments", "Comments", "text",
    hint="Optional: the provider's comments on this commitment for the quarter.",
    required=False, default="", max_length=1000, width=40, noun="the comments",
)

COMMITMENT = (
    _LINE["ref"], _LINE["measure"], _LINE["quantity"], _LINE["years"], DELIVERED, VERIFIED, _LINE["label"],
    _LINE["unit"],
    _LINE["priority"], _LINE["deadweight"], _LINE["attribution"], _LINE["displacement"],
    dataclasses.replace(_LINE["drop_off"], hint="Not used here: value delivered is not reduced or discounted. It is "
                                                "kept so that the file values the same in the valuation calculator."),
    _LINE["proxy"], _LINE["annual_pay"], _LINE["evidence"], _LINE["due"], EVIDENCE_REFERENCE, COMMENTS,
)


def _date(name: str, label: str, hint: str) -> Field:
    return Field(name, label, "date", hint=hint, required=False, default=None, width=10,
                 earliest=dt.date(2000, 1, 1), latest=dt.date(2099, 12, 31))


# The contract's own details, as a commitments file or delivery report gives them on every row: the
# commitments file's own fields (its value and length follow, as monitoring needs them).
CONTRACT = CONTRACT_FIELDS[:4]

# The quarter a delivery report covers.
QUARTER = (
    _date("quarter_start", "Quarter start", "Optional: the first day of the quarter this report covers, for example "
                                            "2026-07-01."),
    _date("quarter_end", "Quarter end", "Optional: the last day of the quarter this report covers, for example "
                                        "2026-09-30."),
)


def _price_year() -> Field:
    return next(spec for spec in VALUATION_FIELDS if spec.name == "price_year")


CONTRACT_MONTHS = Field(
    "contract_months", "Contract length", "integer",
    hint="In months, including any extensions agreed so far. For example, 36 for three years.",
    minimum=Decimal(1), maximum=Decimal(600), unit="months", width=5,
    noun="the contract length in months",
)

MONTHS_ELAPSED = Field(
    "months_elapsed", "Months elapsed", "integer",
    hint="Whole months since the contract started, at the date of this report. For example, 6 at the end of "
         "the second quarter.",
    minimum=Decimal(0), maximum=Decimal(600), unit="months", width=5,
    noun="the months elapsed",
)

CONTRACT_VALUE = Field(
    "contract_value", "Contract value", "money",
    hint=f"Optional: the whole-life value in pounds. For a contract worth more than "
         f"{format_money(default_monitoring().act_more_than, pence_shown=False)}, the result lists the "
         f"Procurement Act's duties.",
    required=False, default=None, minimum=Decimal(0), exclusive_minimum=True,
    maximum=MAX_CONTRACT_VALUE, width=14, noun="the contract value",
)

FIELDS = (
    *CONTRACT, CONTRACT_VALUE, CONTRACT_MONTHS, *QUARTER, MONTHS_ELAPSED, _price_year(),
    Field(
        "commitments", "Commitments", "lines",
        item_fields=COMMITMENT, min_items=1, max_items=MAX_VALUATION_LINES,
        plural="commitments", noun="commitment", add="Add a commitment", remove="Remove commitment",
    ),
)
