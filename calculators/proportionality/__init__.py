"""Proportionality: how much social value to ask of a contract (the plan step of the cycle).

Its band, weighting range and recommended figure, outcomes, priorities, requirements and reasons
come from ``compute``; the policy settings it reads can be replaced with an edited copy.
"""

from __future__ import annotations

from ..calculator import Calculator
from . import figures
from .compute import compute
from .fields import FIELDS
from .result_html import render
from .settings import POLICY

RESULT_COLUMNS = (
    "band", "above_threshold", "threshold", "weighting_min", "weighting_max", "weighting_recommended",
    "outcomes_min", "outcomes_max", "priorities", "reporting",
)


def _cites(cites) -> str:
    return "; ".join(c["label"] for c in cites)


def csv_rows(result: dict) -> list[list]:
    rows = [["item", "value", "policy"]]
    for key, value in result["inputs"].items():
        rows.append([key, value, ""])
    for key in ("band", "band_label", "above_threshold", "threshold", "threshold_in_force_from", "regime",
                "weighting_min", "weighting_max", "weighting_recommended", "outcomes_min", "outcomes_max",
                "evaluation", "reporting"):
        rows.append([key, result.get(key), ""])
    rows.append(["priorities", "; ".join(result["priorities"]), ""])
    rows.extend(["requirement", r["text"], _cites(r["cites"])] for r in result["requirements"])
    rows.extend(["reason", r["text"], _cites(r["cites"])] for r in result["reasons"])
    rows.append(["threshold_source", result["threshold_source"]["title"], result["threshold_source"]["url"]])
    return rows


class Proportionality(Calculator):
    name = "proportionality"
    title = "Proportionality"
    fields = FIELDS
    example = {"contract_value": 250000, "category": "services", "duration_months": 36,
               "procurement_date": "2026-03-01", "labour_intensive": True, "local_supply_chain": True}
    result_columns = RESULT_COLUMNS
    settings = POLICY
    figure_functions = figures.FIGURES

    benchmarks = "reads"  # what past contracts of a similar value committed (``past_delivery.py``)

    def compute(self, values: dict, settings=None, benchmarks=None, explain: bool = True) -> dict:
        return compute(values, settings, benchmarks, explain)

    def batch_options(self, row: int) -> dict:
        return {"explain": False}  # the batch writes no reasons (``compute``)

    def render(self, result: dict, site_root: str) -> str:
        return render(result, site_root)

    def csv_rows(self, result: dict) -> list[list]:
        return csv_rows(result)


CALCULATOR = Proportionality()
