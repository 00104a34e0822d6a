"""The bid evaluation calculator's inputs: the tender's scoring rules and the bids.

The form is rendered from these specs at build time, and the core validates against the same
specs. Rules that compare two inputs (a score above the top of the scale, a target the method
needs) are checked in ``compute``, which names the field it is about.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from ..field import MAX_CONTRACT_VALUE, Field
from ..measures import CUSTOM
from ..valuation.fields import MAX_VALUATION_LINES, VALUATION_LINE

MIN_BIDS = 2
MAX_BIDS = 50
MAX_SCALE = 100  # the top of the largest scale anyone uses (0 to 100)

# The realism check (``realism.py``): a bid's offer for one catalogue measure, on the form and in a bids
# file. A bid given as outcome lines (JSON, the command line) is checked on each of its lines' measures.
_LINE = {spec.name: spec for spec in VALUATION_LINE}
REALISM_FIELDS = (
    dataclasses.replace(
        _LINE["measure"], label="Measure to check for realism", required=False, default=None, describe=None,
        options=tuple(option for option in _LINE["measure"].options if option[0] != CUSTOM),
        hint="Optional, with a benchmarks file: a catalogue measure the bid offers. The realism check compares "
             "the bid's quantity with what past contracts committed and delivered. It never changes a score.",
        invalid="Select a measure from the catalogue", noun="the measure to check"),
    dataclasses.replace(_LINE["quantity"], label="Quantity a year of that measure", required=False, default=None,
                        hint="How many units of the measure the bid offers each year, for example 4.",
                        noun="the quantity a year of that measure"),
    dataclasses.replace(_LINE["years"], label="Years of that measure", required=False, default=None,
                        hint="How many years the bid offers it, from 1 to 50.", noun="the years of that measure"),
)

BID = (
    Field(
        "name", "Bidder name", "text",
        hint="A name or reference, as it will appear in the panel's record.",
        max_length=80, width=30, noun="the bidder's name",
    ),
    Field(
        "score", "Agreed score", "integer",
        hint="The panel's agreed score for the method statement: a whole number from 0 to the top of the scale.",
        minimum=Decimal(0), maximum=Decimal(MAX_SCALE), width=5, noun="the agreed score",
    ),
    Field(
        "panel_scores", "Panel members' scores", "integers",
        hint="Optional: each member's own score before moderation, separated by commas, like 3, 4, 2. "
             "Used only to show where members disagree.",
        required=False, default=None, minimum=Decimal(0), maximum=Decimal(MAX_SCALE), width=14,
        noun="the panel members' scores",
    ),
    Field(
        "offer", "Quantified offer", "money",
        hint="The value of the bid's social value offer, in pounds. Enter 0 if it offers nothing you can count.",
        required=False, default=None, minimum=Decimal(0), maximum=MAX_CONTRACT_VALUE, width=14,
        noun="the quantified offer",
    ),
    Field(
        "price", "Bid price", "money",
        hint="Optional: the bid's price for the whole contract. Used to check the offer against it, and "
             "needed to compare offers for every £1.",
        required=False, default=None, minimum=Decimal(0), exclusive_minimum=True, maximum=MAX_CONTRACT_VALUE,
        width=14, noun="the bid price",
    ),
    *REALISM_FIELDS,
    Field(
        "notes", "Reasons for the score", "text",
        hint="Optional: why the panel agreed this score. It is printed in the moderation record.",
        required=False, default="", max_length=1000, width=30, noun="the reasons",
    ),
    # Not on the form: a bid's outcome lines, valued by the valuation calculator (JSON and permalinks).
    Field(
        "lines", "Outcome lines", "lines",
        required=False, default=None, item_fields=VALUATION_LINE, min_items=1, max_items=MAX_VALUATION_LINES,
        plural="lines", noun="outcome line",
    ),
)

FIELDS = (
    Field(
        "tender", "Name of the tender", "text",
        hint="Optional: as it will appear at the top of the panel's moderation record.",
        required=False, default="", max_length=120, width=30, noun="the name of the tender",
    ),
    Field(
        "weighting", "Social value weighting", "percent",
        hint="The share of all the tender's marks given to social value, for example 10.",
        minimum=Decimal(0), maximum=Decimal(100), width=5, noun="the social value weighting",
    ),
    Field(
        "qualitative_share", "Share for the method statement", "percent",
        hint="The part of the social value weighting given to the method statement. The rest goes to the "
             "quantified offer. Leave it blank for an even split (50%).",
        required=False, default=Decimal(50), minimum=Decimal(0), maximum=Decimal(100), width=5,
        noun="the share for the method statement",
    ),
    Field(
        "score_max", "Top of the scoring scale", "integer",
        hint="The highest score a method statement can get. Leave it blank for a 0 to 5 scale.",
        required=False, default=5, minimum=Decimal(1), maximum=Decimal(MAX_SCALE), width=5,
        noun="the top of the scoring scale",
    ),
    Field(
        "method", "How to mark quantified offers", "choice",
        hint="Leave it blank to compare each offer with the highest offer.",
        required=False, default="relative",
        options=(("relative", "Against the highest offer"), ("target", "Against a target")),
        noun="how to mark quantified offers",
    ),
    Field(
        "target", "Target offer", "number",
        hint="Only when you mark against a target: the offer that earns full marks. In pounds, or in pounds for "
             "every £1 of the bid price if you compare offers for every £1.",
        required=False, default=None, minimum=Decimal(0), exclusive_minimum=True, maximum=MAX_CONTRACT_VALUE,
        width=14, noun="the target offer",
    ),
    Field(
        "basis", "What to compare", "choice",
        hint="Leave it blank to compare the offers in pounds.",
        required=False, default="value",
        options=(("value", "The offer in pounds"), ("per_pound", "The offer for every £1 of the bid price")),
        noun="what to compare",
    ),
    Field(
        "bids", "Bids", "lines",
        item_fields=BID, min_items=MIN_BIDS, max_items=MAX_BIDS,
        plural="bids", noun="bid", add="Add a bid", remove="Remove bid",
    ),
)

# The CSV batch and the page's import: one bid a row, with these top-level columns allowed.
TOP_COLUMNS = ("tender", "weighting", "qualitative_share", "score_max", "method", "target", "basis")
