"""The proportionality calculator's inputs: what its form asks, and what the core accepts.

The form is rendered from these specs at build time, and the core validates against the same
specs, so a bound or a label is written once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..field import MAX_CONTRACT_VALUE, Field
from .categories import CATEGORY_LABELS
from .settings import thresholds

LATEST_DATE = dt.date(2099, 12, 31)

CATEGORY_OPTIONS = tuple(CATEGORY_LABELS.items())


def _earliest_threshold_date() -> dt.date:
    periods, _ = thresholds()
    return periods[0].start


def _flag(name: str, label: str, hint: str) -> Field:
    return Field(name, label, "boolean", hint=hint, required=False, default=False)


FIELDS = (
    Field(
        "contract_value", "Estimated contract value", "money",
        hint="The whole-life value in pounds, including VAT and any extensions. For example, 250000.",
        minimum=Decimal(0), exclusive_minimum=True, maximum=MAX_CONTRACT_VALUE, width=14,
        noun="the estimated contract value",
    ),
    Field(
        "category", "Contract type", "choice",
        hint="Light touch means the social, health, education and other services that have a higher threshold.",
        options=CATEGORY_OPTIONS, noun="the contract type",
    ),
    Field(
        "duration_months", "Contract length", "integer",
        hint="In months, including any extensions. For example, 36 for three years.",
        minimum=Decimal(1), maximum=Decimal(600), unit="months", width=5,
        noun="the contract length in months",
    ),
    Field(
        "procurement_date", "Procurement date", "date",
        hint="The date the procurement starts, for example 01/04/2026. Leave it blank for today.",
        required=False, default=dt.date.today, width=10,
        earliest=_earliest_threshold_date(), latest=LATEST_DATE,
        earliest_reason=", the earliest date this calculator has thresholds for",
    ),
    _flag("labour_intensive", "Labour intensive",
          "Much of the cost is people's work, for example care, cleaning or construction."),
    _flag("local_supply_chain", "Local supply chain",
          "Parts of the work could be subcontracted or bought from local businesses or voluntary groups."),
    _flag("environmental_impact", "Environmental impact",
          "Delivery uses energy, vehicles or materials, or creates waste."),
    _flag("community_facing", "Community facing",
          "The service works directly with residents or communities."),
)
