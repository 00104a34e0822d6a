"""Bid evaluation: score and normalise social value across bids, flag offers to check, and keep the
panel's moderation record (the evaluate step of the cycle).

``compute`` does the sums and checks; this module gives the calculator its CSV rows and its batch:
the whole CSV file is one evaluation, with one bid a row.
"""

from __future__ import annotations

from ..benchmarks import refusal
from ..calculator import Calculator
from ..files import WHOLE_FILE, Files
from . import figures
from .compute import compute, rules
from .fields import FIELDS, TOP_COLUMNS
from .result_html import render
from .settings import EVALUATION_SETTINGS

BID_COLUMNS = ("rank", "name", "score", "panel_scores", "offer", "offer_from", "price", "per_pound",
               "qualitative_marks", "quantitative_marks", "marks", "flags", "flag_messages", "notes")
# The batch: each row is a bid. Result cells that share a name with an input column are renamed.
RESULT_COLUMNS = ("rank", "offer_used", "offer_from", "per_pound", "qualitative_marks", "quantitative_marks",
                  "marks", "flags", "flag_messages", "ranking_sensitive")


def _bid_cells(bid: dict) -> dict:
    panel = bid.get("panel_scores")
    return {**bid, "panel_scores": ", ".join(str(score) for score in panel) if panel else "",
            "offer_used": bid["offer"],
            "flags": "; ".join(flag["code"] for flag in bid["flags"]),
            "flag_messages": " | ".join(flag["message"] for flag in bid["flags"])}


def csv_rows(result: dict) -> list[list]:
    """One row per bid with its marks and flags, then the rules used and the ranking check."""
    rows = [list(BID_COLUMNS)]
    for bid in result["bids"]:
        cells = _bid_cells(bid)
        rows.append([cells[column] for column in BID_COLUMNS])
    rows.append([])
    inputs = result.get("inputs", {})
    rows.extend([key, inputs.get(key)] for key in TOP_COLUMNS)
    for key in ("qualitative_weighting", "quantitative_weighting", "highest_offer", "ranking_sensitive",
                "sensitivity"):
        rows.append([key, result[key]])
    rows.append(["ranking", "; ".join(result["ranking"])])
    return rows


class Evaluation(Calculator):
    name = "evaluation"
    title = "Bid evaluation"
    fields = FIELDS
    example = {
        "weighting": 10, "qualitative_share": 50, "score_max": 5, "method": "relative", "basis": "value",
        "bids": [
            {"name": "A", "score": 3, "panel_scores": [3, 3, 4], "offer": 120000, "price": 1000000},
            {"name": "B", "score": 4, "panel_scores": [4, 2, 4], "offer": 90000, "price": 950000},
            {"name": "C", "score": 2, "panel_scores": [2, 2, 3], "offer": 45000, "price": 900000},
        ],
    }
    result_columns = RESULT_COLUMNS
    files = Files(WHOLE_FILE, "bids", TOP_COLUMNS)  # the whole file is one evaluation, a bid a row
    settings = EVALUATION_SETTINGS
    figure_functions = figures.FIGURES

    benchmarks = "reads"  # the realism check (``realism.py``)

    def compute(self, values: dict, settings=None, benchmarks=None) -> dict:
        return compute(values, settings, benchmarks)

    def rules(self, values: dict) -> list[dict]:
        return rules(values)

    def refuse_file(self, columns: set[str]) -> str | None:
        """A benchmarks file opened as bids: it has its own box, and is never read as bids."""
        return refusal(columns, "a bids file")

    def render(self, result: dict, site_root: str) -> str:
        return render(result, site_root)

    def csv_rows(self, result: dict) -> list[list]:
        return csv_rows(result)

    def batch_item_cells(self, result: dict, index: int) -> dict:
        cells = {**_bid_cells(result["bids"][index]), "ranking_sensitive": result["ranking_sensitive"]}
        return {column: cells[column] for column in RESULT_COLUMNS}


CALCULATOR = Evaluation()
