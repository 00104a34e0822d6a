"""The valuation's warnings: what a result says to check (possible double counting, a deadweight
of 0%, core delivery, a custom line labelled like a catalogue measure, and so on)."""

from __future__ import annotations

from decimal import Decimal

from .. import far_proxies
from ..cleantext import name_key
from ..measures import ADJUSTMENTS, CUSTOM, by_title, catalogue, overlaps
from ..money import format_money, pence
from ..outcome_lines import price_year_warnings
from ..words import first_upper


def _name(index: int, line: dict, row: int | None = None) -> str:
    """How a warning names a line to a person: "line 3 (Apprenticeships on the contract)", or in a
    CSV batch, where each row is one line, "row 5 (...)"."""
    shown = line["label"] or line["title"]
    return f"row {row} ({shown})" if row else f"line {index + 1} ({shown})"


def double_counting(named: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """Warnings for measures that can count the same people or units: ``named`` is each line's
    (measure id, name); returns (position of the later line, message) for each overlapping pair."""
    first: dict[str, int] = {}
    for position, (measure_id, _) in enumerate(named):
        first.setdefault(measure_id, position)
    found = []
    for pair in overlaps():
        a, b = pair["measures"]
        if a in first and b in first:
            one, two = sorted((first[a], first[b]))
            found.append((two, _overlap(named[one][1], named[two][1], pair)))
    return found


def double_counting_with(first_names: dict[str, str], newest: str) -> list[str]:
    """The same warnings for a batch, one row at a time: ``first_names`` is the name of the first row
    of each measure so far, by measure id, ending with ``newest``'s; returns the messages about it."""
    found = []
    for pair in overlaps():
        a, b = pair["measures"]
        other = b if a == newest else a if b == newest else None
        if other is not None and other in first_names and other != newest:
            found.append(_overlap(first_names[other], first_names[newest], pair))
    return found


def _overlap(one: str, two: str, pair: dict) -> str:
    return (f"Possible double counting: {one} and {two} can count the same people or units. {pair['reason']} "
            f"Count each one under one line only.")


def warnings(lines: list[dict], out_lines: list[dict], present: Decimal, contract, price_year: int,
              row: int | None) -> list[dict]:
    warnings = []
    if contract is not None and present > contract:
        warnings.append({
            "code": "above_contract_value", "line": None,
            "message": f"The present value, {format_money(pence(present))}, is more than the contract value, "
                       f"{format_money(contract)}. Check this is realistic: social value is rarely larger than "
                       f"the contract, so look again at the quantities, proxies and adjustments.",
        })
    named = [(line["measure"], _name(index, out_lines[index], row)) for index, line in enumerate(lines)]
    for later, message in double_counting(named):
        warnings.append({"code": "double_counting", "line": later, "message": message})
    for index, line in enumerate(lines):
        item = line["_item"]
        if item is not None and item.employment and line["deadweight"] == 0:
            warnings.append({
                "code": "zero_deadweight", "line": index,
                "message": f"{first_upper(_name(index, out_lines[index], row))} has a deadweight of 0%: it assumes none "
                           f"of these jobs would have been filled anyway. Use 0% only with evidence of each "
                           f"person's previous employment status.",
            })
    reported = set()
    for index, line in enumerate(lines):
        item = line["_item"]
        if item is not None and item.core_delivery_risk and item.id not in reported:
            reported.add(item.id)
            warnings.append({
                "code": "core_delivery", "line": index,
                "message": f"{first_upper(_name(index, out_lines[index], row))}: count only what goes beyond delivering "
                           f"the contract itself. Work the contract already requires is core delivery, not social value.",
            })
    warnings.extend(price_year_warnings(lines, price_year))
    warnings.extend(far_proxies.warnings(lines, [_name(i, out_lines[i], row) for i in range(len(lines))], price_year))
    first_of: dict[str, int] = {}
    for index, line in enumerate(lines):
        name = _name(index, out_lines[index], row)
        if line["measure"] == CUSTOM:
            if all(line[key] == 0 for key in ADJUSTMENTS):
                warnings.append({
                    "code": "no_adjustments", "line": index,
                    "message": f"{first_upper(name)} has no deadweight, attribution, displacement or drop-off. That "
                               f"claims all of the outcome for this contract: give each adjustment with your evidence.",
                })
            key = name_key(line["label"])
            match = by_title().get(key) or next((item for item in catalogue() if item.id == key), None)
            if match:
                warnings.append({
                    "code": "custom_matches_catalogue", "line": index,
                    "message": f"{first_upper(name)} is labelled like the catalogue measure '{match.title}'. Use that "
                               f"measure, with its sourced value and defaults, or label this line for what it "
                               f"really counts.",
                })
            continue
        if line["measure"] in first_of:
            warnings.append({
                "code": "same_measure_twice", "line": index,
                "message": f"{first_upper(name)} uses the same measure as {_name(first_of[line['measure']], out_lines[first_of[line['measure']]], row)}. "
                           f"Check the two lines do not count the same people or units twice.",
            })
        first_of.setdefault(line["measure"], index)
        if line["proxy"] and line["proxy"]["counts"] == "input":
            warnings.append({
                "code": "input_cost", "line": index,
                "message": f"{first_upper(name)} is valued at the cost of an input (time given), not at an outcome it "
                           f"achieves. Say so when you report it, and value the outcomes it leads to where you can.",
            })
    return warnings
