"""The report's benchmarks file (``calculators.benchmarks``): each contract's commitments to each
catalogue measure at its latest report, without its reference, title or provider."""

from __future__ import annotations

from fractions import Fraction

from ..benchmarks import ContractMeasure, benchmark_rows
from ..measures import CUSTOM, measure


def contract_measures(report: dict) -> dict[str, ContractMeasure]:
    """A report's commitments by catalogue measure (custom lines are no one's benchmark): the whole
    commitment, what is due to date (pro rata, as monitoring works it out) and what was delivered up
    to what was due on each line."""
    sums: dict[str, list[Fraction]] = {}
    elapsed = report["months_elapsed"]
    for line in report["commitments"]:
        if line["measure"] == CUSTOM:
            continue
        quantity, years, delivered = Fraction(line["quantity"]), Fraction(line["years"]), Fraction(line["delivered"])
        due = quantity * min(elapsed, 12 * years) / 12
        found = sums.setdefault(line["measure"], [Fraction(0)] * 3)
        found[0] += quantity * years
        found[1] += due
        found[2] += min(delivered, due)
    value = report.get("contract_value")
    return {key: ContractMeasure(value, committed, due, within) for key, (committed, due, within) in sums.items()}


def report_benchmarks(current: list[dict], every: list[dict], period_end, settings=None) -> list[dict]:
    """The benchmarks rows from each contract's latest report (``current``); the period runs from the
    earliest quarter in any report (``every``) to the report's end."""
    contracts = [contract_measures(report) for report in current]
    units = {key: measure(key).unit for contract in contracts for key in contract}
    first = min((report.get("quarter_start") or report["quarter_end"] for report in every), default=period_end)
    return benchmark_rows(contracts, units, (first, period_end), settings)
