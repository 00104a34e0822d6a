"""Benchmarks from past delivery: what past contracts committed and delivered for each catalogue
measure, from the Policy report, for the next panel (the bid evaluation's realism check) and the next
commissioner (the proportionality calculator). The file names no contract or provider.

For each catalogue measure that at least ``min_contracts`` contracts reported (policy.toml's
[benchmarks], this Toolkit's proposal), over all contracts and within each band of similar value:

- the quantity committed per £1m of contract value a year: a contract's whole commitment to the
  measure a year (its quantity × years, over the contract's length in years) for each £1m of its
  contract value a year (its value over the same years). The years cancel: it is the whole
  commitment per £1m of the whole contract value, so a bid, which gives no contract length, is
  compared on the same footing (its lines' quantity × years per £1m of its price). A contract with
  no contract value is left out of this figure;
- delivered as a share of what was due at the contract's latest report: what was delivered, up to
  what was due on each commitment (over-delivery on one never offsets a shortfall on another, as in
  monitoring), over what was due. A contract with nothing due yet is left out of this figure.

Each figure says how many contracts it rests on, and is left blank when fewer than ``min_contracts``
do. Quartiles are ``statistics.quantiles(..., n=4, method="inclusive")``: the report holds every
contract the Council reported in the period, a whole population rather than a sample of a larger
one, and the inclusive method never reaches beyond the lowest and highest contract (the exclusive
method, for a sample, does, with few contracts). The median is the middle quartile.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from . import commitments, jsontext
from .data_files import DataFile, SettingsError
from .exact import half_up
from .invalid_input import InvalidInput
from .money import format_money

QUARTILE_METHOD = "inclusive"
MILLION = 1_000_000
COLUMNS = ("measure", "unit", "value_from", "value_to", "contracts",
           "committed_contracts", "committed_lower_quartile", "committed_median", "committed_upper_quartile",
           "delivered_contracts", "delivered_lower_quartile", "delivered_median", "period_from", "period_to")
FIGURES = ("committed_lower_quartile", "committed_median", "committed_upper_quartile",
           "delivered_lower_quartile", "delivered_median")  # numbers, or blank when too few contracts give them


@dataclass(frozen=True)
class BenchmarkSettings:
    min_contracts: int
    realism_factor: Decimal
    value_from: tuple[Decimal, ...]  # the bands of similar value: each from its figure to the next
    status: str

    def band_of(self, value) -> tuple[Decimal, Decimal | None]:
        """The band of similar value a contract value is in: (from, to), to None for the last."""
        lower = max(edge for edge in self.value_from if edge <= value)
        later = [edge for edge in self.value_from if edge > lower]
        return lower, (min(later) if later else None)


def build_benchmarks(raw: dict, path="policy.toml") -> BenchmarkSettings:
    """Check policy.toml's [benchmarks] table; raise SettingsError listing every problem."""
    table = raw.get("benchmarks")
    if not isinstance(table, dict):
        raise SettingsError(path, ["there must be a [benchmarks] table with min_contracts and realism_factor"])
    problems = []
    least = table.get("min_contracts")
    if isinstance(least, bool) or not isinstance(least, int) or least < 2:
        problems.append("benchmarks.min_contracts must be a whole number of contracts, 2 or more (quartiles need 2)")
    factor = table.get("realism_factor")
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not factor >= 1:
        problems.append("benchmarks.realism_factor must be a number, 1 or more, like 2")
    edges = table.get("similar_value_from")
    if (not isinstance(edges, list) or not edges or edges[0] != 0
            or not all(isinstance(edge, int) and not isinstance(edge, bool) for edge in edges)
            or edges != sorted(set(edges))):
        problems.append("benchmarks.similar_value_from must be whole pounds from 0, each above the last, "
                        "like [0, 1000000, 5000000]")
    status = table.get("status")
    if not isinstance(status, str) or not status.strip():
        problems.append("benchmarks.status must say whose figures these are")
    if problems:
        raise SettingsError(path, problems)
    return BenchmarkSettings(min_contracts=least, realism_factor=Decimal(str(factor)),
                             value_from=tuple(Decimal(edge) for edge in edges), status=status)


BENCHMARK_SETTINGS = DataFile("policy.toml", build_benchmarks)
default_benchmarks = BENCHMARK_SETTINGS.default


@dataclass(frozen=True)
class ContractMeasure:
    """One contract's commitments to one catalogue measure, at its latest report."""
    contract_value: Decimal | None
    committed: Decimal  # the whole commitment: quantity × years, over its lines
    due: Decimal  # due to date
    delivered_within_due: Decimal  # delivered, up to what was due on each line


def per_million(committed, value) -> Fraction:
    """The quantity committed per £1m of contract value a year (see above: the years cancel)."""
    return Fraction(committed) * MILLION / Fraction(value)


def quartiles(figures: list[Fraction]) -> tuple[Fraction, Fraction, Fraction]:
    """Lower quartile, median and upper quartile (``QUARTILE_METHOD``), exactly, of two figures or more."""
    lower, median, upper = statistics.quantiles(sorted(figures, key=_in_order), n=4, method=QUARTILE_METHOD)
    return lower, median, upper


def _in_order(figure: Fraction) -> tuple:
    """A sort key in the same order as the figures themselves, compared mostly as whole numbers (the
    floor of a millionth), which is much quicker than comparing Fractions: a report sorts thousands."""
    return figure.numerator * MILLION // figure.denominator, figure


def shown(figure: Fraction) -> Decimal:
    """A figure as written: half up to 2 places, or to 2 significant figures for one that would read 0."""
    rounded = half_up(figure, 2)
    if rounded or not figure:
        return rounded
    places = 2
    while not half_up(figure, places):
        places += 1
    return half_up(figure, places + 1)


def _row(measure_id: str, unit: str, band: tuple, found: list[ContractMeasure], least: int) -> dict:
    committed = [per_million(item.committed, item.contract_value) for item in found if item.contract_value]
    delivered = [Fraction(item.delivered_within_due) / Fraction(item.due) * 100 for item in found if item.due > 0]
    row = {"measure": measure_id, "unit": unit, "value_from": band[0], "value_to": band[1], "contracts": len(found),
           "committed_contracts": len(committed), "delivered_contracts": len(delivered),
           **{figure: None for figure in FIGURES}}
    if len(committed) >= least:
        low, middle, high = quartiles(committed)
        row.update(committed_lower_quartile=shown(low), committed_median=shown(middle),
                   committed_upper_quartile=shown(high))
    if len(delivered) >= least:
        low, middle, _ = quartiles(delivered)
        row.update(delivered_lower_quartile=half_up(low, 1), delivered_median=half_up(middle, 1))
    return {column: row.get(column) for column in COLUMNS}


def benchmark_rows(contracts: list[dict[str, ContractMeasure]], units: dict[str, str], period: tuple,
                   settings: BenchmarkSettings | None = None) -> list[dict]:
    """The benchmarks file's rows: for each catalogue measure (``contracts``: each contract's measures,
    by id; ``units``: each measure's unit), one over all contracts (no value band), then one for each
    band of similar value, each only when at least ``min_contracts`` contracts give the measure.
    ``period``: the first and last day the report covers."""
    settings = settings or default_benchmarks()
    least = settings.min_contracts
    rows = []
    for measure_id in sorted({key for contract in contracts for key in contract}):
        found = [contract[measure_id] for contract in contracts if measure_id in contract]
        bands = [(None, None)] + [settings.band_of(edge) for edge in settings.value_from]
        for band in bands:
            within = found if band[0] is None else [
                item for item in found if item.contract_value is not None
                and item.contract_value >= band[0] and (band[1] is None or item.contract_value < band[1])]
            if len(within) >= least:
                rows.append({**_row(measure_id, units[measure_id], band, within, least),
                             "period_from": period[0], "period_to": period[1]})
    return rows


def band_words(value_from, value_to) -> str:
    """A band of contract value in words: "£1,000,000 up to £5,000,000", "£5,000,000 or more", "all"."""
    if value_from is None:
        return "contracts of any value"
    if value_to is None:
        return f"contracts worth {format_money(value_from, pence_shown=False)} or more"
    if not value_from:
        return f"contracts worth less than {format_money(value_to, pence_shown=False)}"
    return (f"contracts worth {format_money(value_from, pence_shown=False)} up to "
            f"{format_money(value_to, pence_shown=False)}")


WRITES = (".csv", ".json")


def file_text(rows: list[dict], path: str, field: str = "--benchmarks") -> str:
    """The benchmarks file for JSON-ready ``rows``, as CSV or JSON by the file's name."""
    kind = "." + str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
    if kind == ".json":
        return jsontext.dumps([{column: row.get(column) for column in COLUMNS} for row in rows], indent=2) + "\n"
    if kind == ".csv":
        return commitments.write_csv(rows, COLUMNS)
    raise InvalidInput([{"field": field, "message": "Name the benchmarks file with .csv, .json or .xlsx at the end, "
                                                    "like benchmarks.csv"}])


IN_ITS_OWN_BOX = ("This file is a benchmarks file, not {what}. Open it in the box for a benchmarks file from the "
                  "social value report")


def refusal(columns: set[str], what: str) -> str | None:
    """Why a file opened where another kind belongs (the bids) is refused, when it is a benchmarks file: its
    columns (lower case) are the benchmarks' own. None for any other file, which is read as usual."""
    return IN_ITS_OWN_BOX.format(what=what) if {"measure", "committed_upper_quartile"} <= columns else None
