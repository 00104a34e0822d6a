"""The report's benchmarks file (``calculators.benchmarks``): each contract's commitments to each
catalogue measure at its latest report, without its reference, title or provider."""

from __future__ import annotations

from decimal import Context, Decimal, Inexact, localcontext
from fractions import Fraction

from ..benchmarks import ContractMeasure, benchmark_rows
from ..arithmetic import ZERO
from ..measures import CUSTOM, measure

# Inputs have at most 15 significant figures within 10^±41, so these sums fit in far fewer digits;
# an inexact step would raise (Inexact) rather than round.
NEVER_ROUNDED = Context(prec=200, traps=[Inexact])


def contract_measures(report: dict) -> dict[str, ContractMeasure]:
    """A report's commitments by catalogue measure (custom lines are no one's benchmark): the whole
    commitment, what is due to date (pro rata, as monitoring works it out) and what was delivered up
    to what was due on each line. Added up in twelfths (quantity × months), which decimals hold
    exactly (``NEVER_ROUNDED``), and divided by 12 once as fractions: 10,000 lines' sums in Fractions
    took a tenth of a large report's time."""
    sums: dict[str, list[Decimal]] = {}
    elapsed = report["months_elapsed"]
    with localcontext(NEVER_ROUNDED):
        for line in report["commitments"]:
            if line["measure"] == CUSTOM:
                continue
            quantity, years = line["quantity"], line["years"]
            due12 = quantity * min(elapsed, 12 * years)
            found = sums.setdefault(line["measure"], [ZERO, ZERO, ZERO])
            found[0] += quantity * years
            found[1] += due12
            found[2] += min(line["delivered"] * 12, due12)
    value = report.get("contract_value")
    return {key: ContractMeasure(value, Fraction(committed), Fraction(due12) / 12, Fraction(within12) / 12)
            for key, (committed, due12, within12) in sums.items()}


def report_benchmarks(current: list[dict], every: list[dict], period_end, settings=None) -> list[dict]:
    """The benchmarks rows from each contract's latest report (``current``); the period runs from the
    earliest quarter in any report (``every``) to the report's end."""
    contracts = [contract_measures(report) for report in current]
    units = {key: measure(key).unit for contract in contracts for key in contract}
    first = min((report.get("quarter_start") or report["quarter_end"] for report in every), default=period_end)
    return benchmark_rows(contracts, units, (first, period_end), settings)
