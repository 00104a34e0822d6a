"""The realism check: a bid's offer for a catalogue measure against what past contracts committed and
delivered (a benchmarks file from the Policy report, ``calculators.benchmarks``).

A bid's offer for a measure is flagged "realism" when its quantity per £1m a year (its lines' quantity ×
years for the measure, per £1m of its price: see ``benchmarks.per_million``) is more than
``realism_factor`` times past contracts' upper quartile, or when past contracts' median delivery of the
measure is below the amber threshold of the contract monitoring. A flag asks a question: it never
changes a score. It needs a bid's offer for a measure: its outcome lines (JSON or the command line), or the
measure, quantity a year and years the form and a bids file give (``fields.REALISM_FIELDS``). A bid given
only as one offer in pounds says nothing about any measure.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..benchmarks import BenchmarkSettings, band_words, default_benchmarks, per_million, shown
from ..measures import CUSTOM, measure
from ..money import format_number
from ..monitoring.settings import default_monitoring

CODE = "realism"
ADVICE = ("Check realism: ask the bidder for its delivery plan and the evidence behind it. Do not mark the bid down "
          "for ambition alone. This flag does not change the score.")


REALISM = ("measure", "quantity", "years")  # a bid's offer for one measure, on the form (fields.REALISM_FIELDS)
NAMES = {"measure": "the measure to check", "quantity": "the quantity a year of that measure",
         "years": "the years of that measure"}


def realism_rules(bid: dict, path: str) -> list[dict]:
    """A bid's measure to check needs its quantity and years, and a bid gives it or outcome lines, not both."""
    given = [name for name in REALISM if bid.get(name) is not None]
    if not given:
        return []
    if bid.get("lines") is not None:
        return [{"field": f"{path}.measure", "message": "Give either outcome lines or a measure to check for this "
                                                        "bid, not both: each line's measure is checked"}]
    return [{"field": f"{path}.{name}", "message": f"Enter {NAMES[name]}: the realism check needs the measure, "
                                                    f"its quantity a year and its years"}
            for name in REALISM if name not in given]


def _committed(bid: dict) -> dict[str, Fraction]:
    """The whole quantity a bid commits to each catalogue measure (quantity a year × years): its outcome
    lines' measures, or the one measure it gives to check."""
    found: dict[str, Fraction] = {}
    for line in bid.get("lines") or ([bid] if bid.get("measure") else ()):
        if line.get("measure") not in (None, CUSTOM):
            found[line["measure"]] = found.get(line["measure"], Fraction(0)) + \
                Fraction(line["quantity"]) * Fraction(line["years"])
    return found


def _range(row: dict) -> str:
    low, high = row["committed_lower_quartile"], row["committed_upper_quartile"]
    return format_number(low) if low == high else f"{format_number(low)} to {format_number(high)}"


def _message(title: str, unit: str, offered: Decimal | None, row: dict, high: bool, late: bool,
             factor: Decimal, amber: Decimal) -> str:
    words = [f"{title} ({unit}):"]
    if offered is not None:
        words.append(f"this bid offers {format_number(offered)} per £1m a year.")
    else:
        words.append("this bid gives no price, so its quantity per £1m a year cannot be compared.")
    past = ["Past contracts" if row["value_from"] is None else f"Past {band_words(row['value_from'], row['value_to'])}"]
    if row["committed_upper_quartile"] is not None:
        past.append(f"committed {_range(row)} per £1m a year")
    if row["delivered_median"] is not None:
        past.append(("and " if len(past) > 1 else "") + f"delivered {format_number(row['delivered_median'])}% of "
                                                          f"what was due")
    words.append(" ".join(past) + ".")
    if high:
        words.append(f"The offer is more than {format_number(factor)} times the top of that range.")
    if late:
        words.append(f"Past delivery is below the {format_number(amber)}% that contract monitoring rates amber.")
    words.append(ADVICE)
    return " ".join(words)


def realism_flags(bid: dict, benchmarks, settings: BenchmarkSettings | None = None,
                  amber: Decimal | None = None) -> list[dict]:
    """The bid's realism flags, one for each catalogue measure it offers that past delivery questions."""
    if benchmarks is None:
        return []
    settings = settings or default_benchmarks()
    amber = default_monitoring().amber if amber is None else amber
    flags = []
    for measure_id, committed in sorted(_committed(bid).items()):
        row = benchmarks.row(measure_id)
        if row is None:
            continue
        price = bid.get("price")
        offered = shown(per_million(committed, price)) if price else None
        upper = row["committed_upper_quartile"]
        high = offered is not None and upper is not None and \
            per_million(committed, price) > Fraction(upper) * Fraction(settings.realism_factor)
        late = row["delivered_median"] is not None and row["delivered_median"] < amber
        if high or late:
            item = measure(measure_id)
            flags.append({"code": CODE, "measure": measure_id, "per_million": offered,
                          "message": _message(item.title, item.unit, offered, row, high, late,
                                              settings.realism_factor, amber)})
    return flags


def about(benchmarks, settings: BenchmarkSettings | None = None) -> dict | None:
    """What the result says of the benchmarks file used: its period, measures and the rules of the check."""
    if benchmarks is None:
        return None
    settings = settings or default_benchmarks()
    period = benchmarks.period
    return {"file": benchmarks.name, "period_from": period[0], "period_to": period[1],
            "measures": len({row["measure"] for row in benchmarks.rows}),
            "realism_factor": settings.realism_factor, "amber": default_monitoring().amber,
            "status": settings.status}
