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

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import lru_cache

from .. import discounting, prices
from . import far_proxies
from ..cleantext import name_key
from ..inputs import InvalidInput
from ..measures import ADJUSTMENTS, CUSTOM, Measure, catalogue, measure, overlaps
from ..money import MAX_FIGURE, format_money, format_number, pence
from ..settings import PRIORITIES

PRECISION = 40
HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)
CUSTOM_PRIORITY = "Custom"  # where custom lines without a priority are counted
SWING = Decimal(10)  # sensitivity: deadweight and drop-off each moved by 10 percentage points
ROUNDING_NOTE = ("Each figure is rounded to the penny on its own. Totals are worked out before rounding, so a "
                 "total can differ by a penny or so from the sum of the rounded lines.")


def _context() -> Context:
    return Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)


def kept(deadweight: Decimal, attribution: Decimal, displacement: Decimal) -> Decimal:
    """The share of an outcome left after deadweight, attribution and displacement (percent numbers)."""
    return (ONE - deadweight / HUNDRED) * (ONE - attribution / HUNDRED) * (ONE - displacement / HUNDRED)


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
            found.append((two, f"Possible double counting: {named[one][1]} and {named[two][1]} can count the same "
                               f"people or units. {pair['reason']} Count each one under one line only."))
    return found


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=256)
def _catalogue_proxy(measure_id: str, price_year: int) -> dict:
    """A catalogue proxy indexed to ``price_year`` prices, with its original figures kept. Indexed
    figures are rounded to the penny before use, so a reader can redo the sums from the table.

    Kept once per measure and year (a thousand lines share a handful), so callers copy before changing it."""
    p = measure(measure_id).proxy
    moved = {key: prices.index(getattr(p, key), p.price_year, price_year) for key in ("central", "low", "high")}
    return {
        "value": pence(moved["central"].amount), "low": pence(moved["low"].amount), "high": pence(moved["high"].amount),
        "price_year": price_year, "deflator_year": moved["central"].used_to,
        "original": {"value": p.central, "low": p.low, "high": p.high, "price_year": p.price_year},
        "per": p.per, "counts": p.counts, "schedule": p.schedule,
        "source": {key: p.source[key] for key in ("id", "title", "publisher", "url", "licence")},
        "supplied_by_user": False,
    }


def line_rules(index: int, raw: dict, list_name: str = "lines") -> list[dict]:
    """The rules between a line's inputs: a catalogue measure is counted under its own priority, and
    a custom measure needs a proxy value. ``raw`` may be partly checked (see ``Calculator.rules``).
    Errors are named after the item of ``list_name`` (the monitoring calculator's "commitments")."""
    measure_id = raw.get("measure")
    if measure_id is None:
        return []
    path = f"{list_name}[{index}]"
    if measure_id == CUSTOM:
        if raw.get("proxy") is None:
            return [{"field": f"{path}.proxy",
                     "message": "Enter a proxy value for this line: a custom measure has no sourced value"}]
        return []
    item, user_priority = measure(measure_id), raw.get("priority")
    if user_priority and user_priority != item.priority:
        return [{"field": f"{path}.priority",
                 "message": f"Leave the priority blank for this measure: the catalogue counts it under "
                            f"{item.priority}. Choose Custom measure to count a value under another priority"}]
    return []


def lines_rules(lines, list_name: str = "lines") -> list[dict]:
    """``line_rules`` for each line of a list input (None or [] when it failed its own check)."""
    return [error for index, line in enumerate(lines if isinstance(lines, list) else [])
            for error in line_rules(index, line, list_name)]


def resolve_line(raw: dict, price_year: int) -> dict:
    """The measure, adjustments and proxy (indexed to ``price_year``) a validated line uses, once it
    keeps ``line_rules``. Shared with every calculator that values a line."""
    measure_id = raw["measure"]
    item: Measure | None = None if measure_id == CUSTOM else measure(measure_id)
    priority = (raw.get("priority") or CUSTOM_PRIORITY) if item is None else item.priority
    rates, defaults_used = {}, []
    for name in ADJUSTMENTS:
        given = raw.get(name)
        if given is None:
            rates[name] = getattr(item, name) if item else ZERO
            defaults_used.append(name)
        else:
            rates[name] = given
    user_proxy = raw.get("proxy")
    if user_proxy is not None:
        proxy = {"value": user_proxy, "low": user_proxy, "high": user_proxy, "price_year": price_year,
                 "deflator_year": None, "original": None,
                 "per": raw.get("unit") or (item.unit if item else "unit"), "counts": "outcome",
                 "schedule": item.proxy.schedule if item and item.proxy else discounting.STANDARD,
                 "source": None, "supplied_by_user": True}
    elif item is None or item.proxy is None:
        proxy = None  # a measure counted only (a custom line always has its proxy)
    else:
        proxy = dict(_catalogue_proxy(item.id, price_year))
    return {
        "measure": measure_id,
        "title": item.title if item else "Custom measure",
        "label": raw.get("label") or "",
        "unit": raw.get("unit") or (item.unit if item else ""),
        "priority": priority,
        "quantity": raw["quantity"],
        "years": raw["years"],
        **rates,
        "defaults_used": defaults_used,
        "proxy": proxy,
        "_item": item,
    }


def unit_net(line: dict) -> Decimal | None:
    """The net value of one unit in the first year: the indexed proxy less deadweight, attribution
    and displacement. None for a measure that is counted, not valued."""
    if line["proxy"] is None:
        return None
    return line["proxy"]["value"] * kept(line["deadweight"], line["attribution"], line["displacement"])


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


class YearSums:
    """``year_sums`` for each schedule, length and drop-off a valuation meets, each worked out once:
    a thousand lines share a handful. ``flat_rate`` replaces the schedules (see ``discounting.factors``)."""

    def __init__(self, flat_rate: Decimal | None):
        self.flat_rate = flat_rate
        self.factors: dict[tuple, tuple[Decimal, ...]] = {}
        self.sums: dict[tuple, tuple[Decimal, Decimal]] = {}

    def __call__(self, schedule: str, years: int, drop_off: Decimal) -> tuple[Decimal, Decimal]:
        key = (schedule, years, drop_off)
        if key not in self.sums:
            if (schedule, years) not in self.factors:
                self.factors[schedule, years] = discounting.factors(years, schedule, self.flat_rate)
            self.sums[key] = year_sums(years, drop_off, self.factors[schedule, years])
        return self.sums[key]


def value(values: dict, row: int | None = None) -> dict:
    """The valuation result for validated inputs; raises InvalidInput for lines that cannot be valued.
    ``row``: the CSV row being valued on its own, so that warnings name it."""
    price_year: int = values["price_year"]
    flat_rate: Decimal | None = values.get("discount_rate")
    contract: Decimal | None = values.get("contract_value")
    errors = lines_rules(values["lines"])
    if errors:
        raise InvalidInput(errors)
    lines = [resolve_line(raw, price_year) for raw in values["lines"]]

    with localcontext(_context()):
        totals = {"gross": ZERO, "net": ZERO, "present_value": ZERO}
        low = high = ZERO
        swings = {"proxy": [ZERO, ZERO], "deadweight": [ZERO, ZERO], "drop_off": [ZERO, ZERO]}
        by_priority = {p: ZERO for p in PRIORITIES}
        out_lines, counted_only = [], []
        sums = YearSums(flat_rate)
        for index, line in enumerate(lines):
            proxy = line["proxy"]
            schedule = proxy["schedule"] if proxy else discounting.STANDARD
            if proxy is None:
                gross = net = present = ZERO
                counted_only.append({"line": index, "measure": line["measure"], "title": line["title"],
                                     "label": line["label"], "quantity": line["quantity"], "unit": line["unit"],
                                     "years": line["years"]})
            else:
                # Sensitivity moves deadweight and drop-off by SWING points each way, within 0 to 100%:
                # kept shares and present sums (per unit, per £1 of proxy) at each setting, central first.
                quantity, deadweight, drop_off = line["quantity"], line["deadweight"], line["drop_off"]
                keeps = [quantity * kept(_clip(deadweight + shift), line["attribution"], line["displacement"])
                         for shift in (ZERO, SWING, -SWING)]
                presents = [sums(schedule, line["years"], _clip(drop_off + shift))[1] for shift in (ZERO, SWING, -SWING)]
                net_sum = sums(schedule, line["years"], drop_off)[0]
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
            out_lines.append({**shown, "schedule": schedule, "delivery": delivery_text(line),
                              "gross": pence(gross), "net": pence(net), "present_value": pence(present),
                              "valued": proxy is not None})
        per_pound = pence(totals["present_value"] / contract) if contract is not None else None
        _check_size(out_lines, max(totals["gross"], high), per_pound)
        central = totals["present_value"]
        drivers = sorted(({"assumption": name, "low": pence(central + down), "high": pence(central + up)}
                          for name, (down, up) in swings.items()), key=lambda d: d["low"] - d["high"])
        result = {
            "lines": out_lines,
            "totals": {key: pence(amount) for key, amount in totals.items()},
            "per_pound": per_pound,
            "by_priority": [{"priority": p, "present_value": pence(amount)} for p, amount in by_priority.items()],
            "sensitivity": {"low": pence(low), "central": pence(central), "high": pence(high), "drivers": drivers,
                            "largest": drivers[0]["assumption"] if central and drivers[0]["low"] != drivers[0]["high"]
                            else None},
            "discounting": "flat" if flat_rate is not None else "schedule",
            "deflator_year": prices.effective_year(price_year),
            "counted_only": counted_only,
            "warnings": _warnings(lines, out_lines, central, contract, price_year, row),
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


def price_year_warnings(lines: list[dict], price_year: int) -> list[dict]:
    """A warning when resolved lines use catalogue proxies and the price year is after the last
    outturn year of the deflators (shared with every calculator that values lines)."""
    last = prices.last_outturn_year()
    if price_year > last and any(line["proxy"] and not line["proxy"]["supplied_by_user"] for line in lines):
        return [{
            "code": "price_year_after_outturn", "line": None,
            "message": f"The catalogue's proxy values are indexed to {last} prices, not {price_year}: HM Treasury's "
                       f"GDP deflators have no outturn after {last}, and this Toolkit adds no forecast.",
        }]
    return []


def _warnings(lines: list[dict], out_lines: list[dict], present: Decimal, contract, price_year: int,
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
                "message": f"{_upper(_name(index, out_lines[index], row))} has a deadweight of 0%: it assumes none "
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
                "message": f"{_upper(_name(index, out_lines[index], row))}: count only what goes beyond delivering "
                           f"the contract itself. Work the contract already requires is core delivery, not social value.",
            })
    warnings.extend(price_year_warnings(lines, price_year))
    warnings.extend(far_proxies.warnings(lines, [_name(i, out_lines[i], row) for i in range(len(lines))], price_year))
    first_of: dict[str, int] = {}
    titles = {name_key(item.title): item for item in catalogue()}
    for index, line in enumerate(lines):
        name = _name(index, out_lines[index], row)
        if line["measure"] == CUSTOM:
            if all(line[key] == 0 for key in ADJUSTMENTS):
                warnings.append({
                    "code": "no_adjustments", "line": index,
                    "message": f"{_upper(name)} has no deadweight, attribution, displacement or drop-off. That "
                               f"claims all of the outcome for this contract: give each adjustment with your evidence.",
                })
            match = titles.get(name_key(line["label"])) or next(
                (item for item in catalogue() if item.id == name_key(line["label"])), None)
            if match:
                warnings.append({
                    "code": "custom_matches_catalogue", "line": index,
                    "message": f"{_upper(name)} is labelled like the catalogue measure '{match.title}'. Use that "
                               f"measure, with its sourced value and defaults, or label this line for what it "
                               f"really counts.",
                })
            continue
        if line["measure"] in first_of:
            warnings.append({
                "code": "same_measure_twice", "line": index,
                "message": f"{_upper(name)} uses the same measure as {_name(first_of[line['measure']], out_lines[first_of[line['measure']]], row)}. "
                           f"Check the two lines do not count the same people or units twice.",
            })
        first_of.setdefault(line["measure"], index)
        if line["proxy"] and line["proxy"]["counts"] == "input":
            warnings.append({
                "code": "input_cost", "line": index,
                "message": f"{_upper(name)} is valued at the cost of an input (time given), not at an outcome it "
                           f"achieves. Say so when you report it, and value the outcomes it leads to where you can.",
            })
    return warnings

