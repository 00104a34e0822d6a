"""Outcome valuation: the £ value of the social value outcomes a contract offers or delivers.

For each line, with the adjustments as fractions (25% is 0.25) and d_t the discount factor:

    net_0 = quantity × proxy × (1 − deadweight) × (1 − attribution) × (1 − displacement)
    net_t = net_0 × (1 − drop_off)^t                       for t = 0 .. years − 1
    present value = Σ net_t × d_t                           (year 0 is not discounted: d_0 = 1)
    gross = quantity × proxy × years;  net = Σ net_t

A catalogue proxy is first indexed from its own price year to the calculation's price year with
HM Treasury's GDP deflators (``prices``); a price year after the last outturn year uses that year.
d_t follows the Green Book's declining schedule (``discounting``): the standard rate, or the health
rate for wellbeing- and health-based values. A discount rate given as input replaces the schedule
with one flat rate, for sensitivity.

Arithmetic is in Decimal at 40 significant digits; money is rounded half-up to pence only on
output, and totals are rounded from the unrounded line values (so a total can differ by a penny
from the sum of the rounded lines).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .. import discounting, prices
from ..arithmetic import HUNDRED, ONE, ZERO, exact
from ..corporate_plan import PRIORITIES
from ..invalid_input import InvalidInput
from ..money import MAX_FIGURE, format_money, format_number, pence
from ..outcome_lines import kept, lines_rules, resolve_line
from .warnings import warnings

SWING = Decimal(10)  # sensitivity: deadweight and drop-off each moved by 10 percentage points
ROUNDING_NOTE = ("Each figure is rounded to the penny on its own. Totals are worked out before rounding, so a "
                 "total can differ by a penny or so from the sum of the rounded lines.")


def year_sums(years: int, drop_off: Decimal, discount: tuple[Decimal, ...]) -> tuple[Decimal, Decimal]:
    """(Σ r^t, Σ r^t × d_t) for t = 0 .. years − 1, with r = 1 − drop_off (a percent number) and d_t
    from ``discount`` (see ``discounting.factors``): a line's net and present value are its quantity ×
    kept share × proxy times these.

    Powers are built by repeated multiplication, so a drop-off of 100% gives 0 from year 1 on
    (Decimal refuses 0 ** 0).
    """
    remain = ONE - drop_off / HUNDRED
    level, net, present = ONE, ZERO, ZERO
    for year in range(years):
        net += level
        present += level * discount[year]
        level *= remain
    return net, present


def delivery_text(line: dict) -> str:
    """A line's years in plain words: how long it is delivered and what drop-off does to it."""
    years = line["years"]
    text = (f"Delivered each year for {years} years" if years > 1 else "Delivered for 1 year")
    if years == 1:
        return text + "."
    drop = line["drop_off"]
    if drop == 0:
        return text + ", at the same level every year (no drop-off)."
    last = (ONE - drop / HUNDRED) ** (years - 1) * HUNDRED
    return (text + f". With {format_number(drop)}% drop-off, each year counts {format_number(drop)}% less than the "
            f"year before, so year {years} counts {format_number(last.quantize(Decimal('0.1')))}% of year 1.")


def _clip(value: Decimal) -> Decimal:
    return min(max(value, ZERO), HUNDRED)


@lru_cache(maxsize=4096)
def _factors(schedule: str, years: int, flat_rate: Decimal | None) -> tuple[Decimal, ...]:
    with exact():
        return discounting.factors(years, schedule, flat_rate)


@lru_cache(maxsize=4096)
def _sums(schedule: str, years: int, drop_off: Decimal, flat_rate: Decimal | None) -> tuple[Decimal, Decimal]:
    """``year_sums`` for a schedule, length and drop-off (``flat_rate`` replaces the schedules: see
    ``discounting.factors``), each worked out once: a thousand lines, or a batch's 100,000 rows, share
    a handful. Pure, and bounded, so the cache never grows with the file."""
    with exact():
        return year_sums(years, drop_off, _factors(schedule, years, flat_rate))


def compute(values: dict, row: int | None = None, explain: bool = True) -> dict:
    """The valuation result for validated inputs; raises InvalidInput for lines that cannot be valued.
    ``row``: the CSV row being valued on its own, so that warnings name it. With ``explain`` false,
    what only the page shows is left empty (each line's delivery in words, the present value by
    priority, the sensitivity's drivers and largest) and every other figure is the same: a CSV batch
    writes none of them."""
    price_year: int = values["price_year"]
    flat_rate: Decimal | None = values.get("discount_rate")
    contract: Decimal | None = values.get("contract_value")
    errors = lines_rules(values["lines"])
    if errors:
        raise InvalidInput(errors)
    lines = [resolve_line(raw, price_year) for raw in values["lines"]]

    with exact():
        totals = {"gross": ZERO, "net": ZERO, "present_value": ZERO}
        low = high = ZERO
        swings = {"proxy": [ZERO, ZERO], "deadweight": [ZERO, ZERO], "drop_off": [ZERO, ZERO]}
        by_priority = {p: ZERO for p in PRIORITIES}
        out_lines, counted_only = [], []
        for index, line in enumerate(lines):
            proxy = line["proxy"]
            schedule = proxy["schedule"] if proxy else discounting.STANDARD
            if proxy is None:
                gross = net = present = ZERO
                counted_only.append({"line": index, "measure": line["measure"], "title": line["title"],
                                     "label": line["label"], "quantity": line["quantity"], "unit": line["unit"],
                                     "years": line["years"], "reason": line["_item"].no_proxy_reason})
            else:
                # Sensitivity moves deadweight and drop-off by SWING points each way, within 0 to 100%:
                # kept shares and present sums (per unit, per £1 of proxy) at each setting, central first.
                quantity, deadweight, drop_off = line["quantity"], line["deadweight"], line["drop_off"]
                keeps = [quantity * kept(_clip(deadweight + shift), line["attribution"], line["displacement"])
                         for shift in (ZERO, SWING, -SWING)]
                presents = [_sums(schedule, line["years"], _clip(drop_off + shift), flat_rate)[1]
                            for shift in (ZERO, SWING, -SWING)]
                net_sum = _sums(schedule, line["years"], drop_off, flat_rate)[0]
                central_1 = keeps[0] * presents[0]  # present value per £1 of proxy
                gross = quantity * line["years"] * proxy["value"]
                net, present = keeps[0] * net_sum * proxy["value"], central_1 * proxy["value"]
                low += keeps[1] * presents[1] * proxy["low"]  # pessimistic: more deadweight and drop-off
                high += keeps[2] * presents[2] * proxy["high"]
                for name, (down, up) in (
                        ("proxy", (central_1 * proxy["low"], central_1 * proxy["high"])),
                        ("deadweight", (keeps[1] * presents[0] * proxy["value"], keeps[2] * presents[0] * proxy["value"])),
                        ("drop_off", (keeps[0] * presents[1] * proxy["value"], keeps[0] * presents[2] * proxy["value"]))):
                    swings[name][0] += down - present
                    swings[name][1] += up - present
            totals["gross"] += gross
            totals["net"] += net
            totals["present_value"] += present
            by_priority[line["priority"]] = by_priority.get(line["priority"], ZERO) + present
            shown = {key: item for key, item in line.items() if key != "_item"}
            out_lines.append({**shown, "schedule": schedule, "delivery": delivery_text(line) if explain else "",
                              "gross": pence(gross), "net": pence(net), "present_value": pence(present),
                              "valued": proxy is not None})
        per_pound = pence(totals["present_value"] / contract) if contract is not None else None
        _check_size(out_lines, max(totals["gross"], high), per_pound)
        central = totals["present_value"]
        drivers = sorted(({"assumption": name, "low": pence(central + down), "high": pence(central + up)}
                          for name, (down, up) in swings.items()), key=lambda d: d["low"] - d["high"]) if explain else []
        result = {
            "lines": out_lines,
            "totals": {key: pence(amount) for key, amount in totals.items()},
            "per_pound": per_pound,
            "by_priority": [{"priority": p, "present_value": pence(amount)} for p, amount in by_priority.items()]
            if explain else [],
            "sensitivity": {"low": pence(low), "central": pence(central), "high": pence(high), "drivers": drivers,
                            "largest": drivers[0]["assumption"] if drivers and drivers[0]["low"] != drivers[0]["high"]
                            else None},
            "discounting": "flat" if flat_rate is not None else "schedule",
            "deflator_year": prices.effective_year(price_year),
            "counted_only": counted_only,
            "warnings": warnings(lines, out_lines, central, contract, price_year, row),
        }
    return result


def _check_size(out_lines: list[dict], largest: Decimal, per_pound: Decimal | None) -> None:
    """Refuse results with a figure of £1 trillion or more (see money.MAX_FIGURE): no real contract
    has one, so it is a typing slip, and beyond it a JSON number could lose pennies."""
    limit = format_money(MAX_FIGURE, pence_shown=False)
    errors = [{"field": f"lines[{index}].quantity",
               "message": f"This line is worth {format_money(line['gross'])} before adjustments, more than this "
                          f"calculator can show ({limit}). Check its quantity, years and proxy value"}
              for index, line in enumerate(out_lines) if line["gross"] >= MAX_FIGURE]
    if not errors and largest >= MAX_FIGURE:
        errors.append({"field": "lines", "message": f"Together the lines are worth {limit} or more, more than this "
                                                    f"calculator can show. Check the quantities and proxy values"})
    if per_pound is not None and per_pound >= MAX_FIGURE:
        errors.append({"field": "contract_value",
                       "message": f"The contract value is too small for this much social value: it gives {limit} "
                                  f"or more for every £1. Check the contract value"})
    if errors:
        raise InvalidInput(errors)


