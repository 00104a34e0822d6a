"""The report calculator's inputs: the price year and the date the report runs to, and the delivery
reports, each one contract's report for one quarter.

A report is the monitoring calculator's inputs (the contract, the quarter, the months elapsed, the
price year and the commitments), with the monitoring calculator's own field specs, so a bound or a
label is written once and each report is read exactly as monitoring reads it. A commitment may also
name the Policy objectives a custom line serves, and the row of the file it came from.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from ..commitments import OBJECTIVES
from ..field import Field
from ..monitoring.fields import (COMMITMENT, CONTRACT, CONTRACT_MONTHS, CONTRACT_VALUE, MONTHS_ELAPSED, QUARTER,
                                 _price_year)
from ..valuation.fields import MAX_VALUATION_LINES

MAX_REPORTS = 5000  # 500 contracts for 10 quarters
MAX_FILES = 500  # files chosen at once: a contract a file, for a large portfolio

OBJECTIVES_FIELD = OBJECTIVES  # a custom line's objectives, as the commitments file gives them
ROW = Field(
    "row", "Row", "integer",
    hint="Optional: the row of the file this commitment came from, so that a message can name it.",
    required=False, default=None, minimum=Decimal(1), maximum=Decimal(10_000_000), width=8, noun="the row",
)
FILE = Field(
    "file", "File", "text",
    hint="Optional: the name of the file this report came from, so that a message can name it.",
    required=False, default="", max_length=200, width=30, noun="the file name",
)

_contract = {spec.name: spec for spec in CONTRACT}
REPORT = (
    dataclasses.replace(_contract["contract_reference"], required=True,
                        hint="The Council's reference for the contract: it tells contracts apart."),
    _contract["contract_title"], _contract["provider"], _contract["provider_type"], CONTRACT_VALUE, CONTRACT_MONTHS,
    QUARTER[0],
    dataclasses.replace(QUARTER[1], required=True, hint="The last day of the quarter this report covers, as "
                                                        "YYYY-MM-DD."),
    MONTHS_ELAPSED,
    dataclasses.replace(_price_year(), required=False, default=None, minimum=Decimal(1900),
                        hint="The year whose prices this report's own proxy values are in. Leave it blank for the "
                             "report's price year."),
    FILE,
    Field("commitments", "Commitments", "lines", item_fields=COMMITMENT + (OBJECTIVES_FIELD, ROW), min_items=1,
          max_items=MAX_VALUATION_LINES, plural="commitments", noun="commitment"),
)

FIELDS = (
    _price_year(),
    Field(
        "period_end", "Report up to", "date",
        hint="Optional: the last day the report covers, as YYYY-MM-DD. Leave it blank for the latest quarter end "
             "in the reports.",
        required=False, default=None, width=10,
        earliest=QUARTER[1].earliest, latest=QUARTER[1].latest,
    ),
    Field(
        "reports", "Delivery reports", "lines",
        item_fields=REPORT, min_items=1, max_items=MAX_REPORTS,
        plural="delivery reports", noun="delivery report", add="Add a delivery report", remove="Remove report",
    ),
)
