"""The valuation calculator's inputs: the contract's figures and its outcome lines.

The form is rendered from these specs at build time, and the core validates against the same
specs, so a bound or a label is written once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import dataclasses

from ..commitments import CONTRACT_FIELDS, KPI, KPI_FIELDS, OBJECTIVES
from ..corporate_plan import PRIORITIES
from ..field import MAX_CONTRACT_VALUE, Field
from ..measures import CUSTOM, catalogue
from ..money import format_money, format_number
from ..outcome_lines import MAX_QUANTITY
from .defaults_html import describe

MAX_PROXY = Decimal("10000000")  # £10m per unit
MAX_VALUATION_LINES = 1000


ASSUMPTIONS = "Adjust the assumptions"  # a disclosure: most people keep the measure's defaults
DETAILS = "Label, unit and priority"


def _adjustment(name: str, label: str, hint: str) -> Field:
    """A percentage that, left blank, takes the measure's default (0 for a custom measure)."""
    return Field(name, label, "percent", hint=hint, required=False, default=None,
                 minimum=Decimal(0), maximum=Decimal(100), unit="%", width=5,
                 noun=f"the {label.lower()}", disclosure=ASSUMPTIONS)


def _measure_options() -> tuple[tuple[str, str], ...]:
    return ((CUSTOM, "Custom measure"),) + tuple((m.id, m.title) for m in catalogue())


def _measure_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The picker's groups: each Corporate Plan priority with its measures. Custom stays ungrouped."""
    return tuple((priority, tuple(m.id for m in catalogue() if m.priority == priority)) for priority in PRIORITIES)


VALUATION_LINE = (
    Field(
        "measure", "Measure", "choice",
        hint="An outcome measure from the catalogue, or Custom measure to value your own with evidence.",
        options=_measure_options(),
        noun="a measure", invalid="Select a measure from the catalogue, or Custom measure",
        groups=_measure_groups(), choose="Choose a measure", describe=describe,
    ),
    Field(
        "quantity", "Quantity per year", "number",
        hint=f"How many units of the measure each year, for example 5 for 5 FTE jobs. Up to "
             f"{format_number(MAX_QUANTITY)}, or for spend in pounds up to "
             f"{format_money(MAX_CONTRACT_VALUE, pence_shown=False)}.",
        minimum=Decimal(0), maximum=MAX_CONTRACT_VALUE, width=10,
        noun="the quantity per year",
    ),
    Field(
        "years", "Years", "integer",
        hint="How many years the outcome is delivered, from 1 to 50.",
        minimum=Decimal(1), maximum=Decimal(50), unit="years", width=4,
        noun="the number of years",
    ),
    _adjustment("deadweight", "Deadweight",
                "The share that would have happened anyway. Leave it blank for the measure's default."),
    _adjustment("attribution", "Attribution",
                "The share due to other people or organisations. Leave it blank for the measure's default."),
    _adjustment("displacement", "Displacement",
                "The share that only moves an outcome from somewhere else. Leave it blank for the measure's default."),
    _adjustment("drop_off", "Drop-off",
                "How much the outcome falls each year after the first. Leave it blank for the measure's default."),
    Field(
        "proxy", "Proxy value", "money",
        hint="Pounds per unit, in the price year's prices. Leave it blank to use the catalogue's sourced value. "
             "Required for a custom measure, or to value a measure the catalogue has no value for.",
        required=False, default=None, minimum=Decimal(0), maximum=MAX_PROXY, width=12,
        noun="a proxy value", disclosure=ASSUMPTIONS,
    ),
    Field(
        "annual_pay", "Full-time pay for the post", "money",
        hint="Only for jobs for people who were out of work (long-term unemployed people, disabled people, people "
             "with convictions): the post's pay for a full-time year, in the price year's prices. It is added to "
             "the wellbeing gain. Leave it blank to count the wellbeing gain alone.",
        required=False, default=None, minimum=Decimal(0), maximum=MAX_PROXY, width=12,
        noun="the full-time pay for the post", disclosure=ASSUMPTIONS,
    ),
    Field(
        "label", "Label", "text",
        hint="Optional: your own name for this line, for example the site or cohort.",
        required=False, default="", max_length=80, width=30, noun="a label", disclosure=DETAILS,
    ),
    Field(
        "unit", "Unit", "text",
        hint="Optional: what one unit is, for example FTE job. Leave it blank for the measure's unit.",
        required=False, default="", max_length=40, width=20, noun="a unit", disclosure=DETAILS,
    ),
    Field(
        "priority", "Corporate Plan priority", "choice",
        hint="Custom measures only: the priority the value counts under. Catalogue measures keep their own.",
        required=False, default=None, options=tuple((p, p) for p in PRIORITIES),
        noun="a Corporate Plan priority", disclosure=DETAILS,
    ),
)

FIELDS = (
    Field(
        "price_year", "Price year", "integer",
        hint="The year whose prices the result is in: the catalogue's values are indexed to it, and your own "
             "proxy values should be in its prices. Leave it blank for this year.",
        required=False, default=lambda: dt.date.today().year,
        minimum=Decimal(2000), maximum=Decimal(2100), width=5,
        noun="the price year", plain=True,
    ),
    Field(
        "discount_rate", "Discount rate", "percent",
        hint="Leave it blank to use the Green Book's rates, which fall for later years and are lower for "
             "health and wellbeing values. Enter one rate to use it for every year instead, for example to test "
             "how sensitive the result is.",
        required=False, default=None, minimum=Decimal(0), maximum=Decimal(20), unit="%", width=5,
        noun="the discount rate",
    ),
    Field(
        "contract_value", "Contract value", "money",
        hint="Optional: the whole-life value in pounds, to show social value for every £1.",
        required=False, default=None, minimum=Decimal(0), exclusive_minimum=True,
        maximum=MAX_CONTRACT_VALUE, width=14, noun="the contract value",
    ),
    # The contract's details go into the commitments file, for the panel and the contract manager.
    *CONTRACT_FIELDS,
    Field(
        "lines", "Outcome lines", "lines",
        item_fields=VALUATION_LINE + (dataclasses.replace(OBJECTIVES, disclosure=DETAILS),)
        + tuple(dataclasses.replace(spec, disclosure=KPI) for spec in KPI_FIELDS), min_items=1, max_items=MAX_VALUATION_LINES,
        plural="lines", noun="outcome line", add="Add an outcome line", remove="Remove line",
    ),
)
