"""What past contracts of a similar value committed for the suggested measures, from a benchmarks file
(``calculators.benchmarks``), so that a commissioner can ask for what is realistic.

"A similar value" is the band of contract value in policy.toml's [benchmarks] (this Toolkit's proposal)
that the contract's value is in. The suggested measures are the catalogue's measures for the suggested
Corporate Plan priorities. For each that the file has for the band, the result gives the range past
contracts committed (lower to upper quartile, per £1m a year) and what that range is for this
contract: the quantity per £1m × the contract's value in £m, over the whole contract and a year.
"""

from __future__ import annotations

from fractions import Fraction

from ..benchmarks import MILLION, band_words, default_benchmarks, shown
from ..measures import catalogue


def past_delivery(value, months: int, priorities: list[str], benchmarks, settings=None) -> dict | None:
    """The result's ``past_delivery``, or None with no benchmarks file."""
    if benchmarks is None:
        return None
    settings = settings or default_benchmarks()
    band = settings.band_of(value)
    years = Fraction(months, 12)
    rows = []
    for item in catalogue():
        row = benchmarks.row(item.id, value) if item.priority in priorities else None
        if row is None or row["committed_lower_quartile"] is None:
            continue
        low, high = Fraction(row["committed_lower_quartile"]), Fraction(row["committed_upper_quartile"])
        scale = Fraction(value) / MILLION
        rows.append({"measure": item.id, "title": item.title, "unit": item.unit, "priority": item.priority,
                     "contracts": row["committed_contracts"], "lower_quartile": row["committed_lower_quartile"],
                     "median": row["committed_median"], "upper_quartile": row["committed_upper_quartile"],
                     "contract_low": shown(low * scale), "contract_high": shown(high * scale),
                     "a_year_low": shown(low * scale / years), "a_year_high": shown(high * scale / years),
                     "delivered_median": row["delivered_median"]})
    period = benchmarks.period
    return {"value_from": band[0], "value_to": band[1], "similar_value": band_words(*band),
            "period_from": period[0], "period_to": period[1], "measures": rows, "status": settings.status}
