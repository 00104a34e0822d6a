"""Outcome valuation: the £ value of the social value outcomes a contract offers or delivers.

For each line, with the adjustments as fractions (25% is 0.25) and r the discount rate:

    net_0 = quantity × proxy × (1 − deadweight) × (1 − attribution) × (1 − displacement)
    net_t = net_0 × (1 − drop_off)^t                       for t = 0 .. years − 1
    present value = Σ net_t ÷ (1 + r)^t                     (year 0 is not discounted)
    gross = quantity × proxy × years;  net = Σ net_t

Arithmetic is in Decimal at 40 significant digits; money is rounded half-up to pence only on
output, and totals are rounded from the unrounded line values (so a total can differ by a penny
from the sum of the rounded lines). Catalogue proxies are used in their own price year: there is no
sourced price index, so nothing is indexed, and a warning says so.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

from ..inputs import InvalidInput, join_words
from ..measures import ADJUSTMENTS, CUSTOM, Measure, measure, overlaps
from ..money import format_money, pence
from ..settings import PRIORITIES

PRECISION = 40
HUNDRED = Decimal(100)
ONE = Decimal(1)
ZERO = Decimal(0)
CUSTOM_PRIORITY = "Custom"  # where custom lines without a priority are counted


def _context() -> Context:
    return Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)


def keep_share(rates: dict) -> Decimal:
    """(1 − deadweight) × (1 − attribution) × (1 − displacement): the share of an outcome that is the
    contract's own. ``rates`` are percent numbers."""
    keep = ONE
    for name in ("deadweight", "attribution", "displacement"):
        keep *= ONE - rates[name] / HUNDRED
    return keep


def line_factors(quantity: Decimal, years: int, rates: dict, discount_rate: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """(gross, net, present value) for £1 of proxy, unrounded. ``rates`` are percent numbers.

    Powers are built by repeated multiplication, so a drop-off of 100% gives 0 from year 1 on
    (Decimal refuses 0 ** 0).
    """
    level = quantity * keep_share(rates)  # net_0 per £1 of proxy
    remain = ONE - rates["drop_off"] / HUNDRED
    growth = ONE + discount_rate / HUNDRED
    factor = ONE  # (1 + r)^t
    net = present = ZERO
    for _ in range(years):
        net += level
        present += level / factor
        level *= remain
        factor *= growth
    return quantity * years, net, present


def _name(index: int, line: dict) -> str:
    """How a warning names a line to a person: "line 3 (Apprenticeships on the contract)"."""
    shown = line["label"] or line["title"]
    return f"line {index + 1} ({shown})"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def resolve_line(index: int, raw: dict, price_year: int, errors: list[dict], list_name: str = "lines") -> dict:
    """The measure, adjustments and proxy a line uses; adds errors for lines that cannot be valued.

    The one place a line's proxy and adjustments are worked out: the valuation and the monitoring
    calculators both call it (with their own list's name, for the errors), so a proxy is used in the
    same way in both. ``proxy`` is None for a measure with no sourced value and no proxy of yours.
    """
    measure_id = raw["measure"]
    item: Measure | None = None if measure_id == CUSTOM else measure(measure_id)
    path = f"{list_name}[{index}]"
    user_priority = raw.get("priority")
    if item is None:
        priority = user_priority or CUSTOM_PRIORITY
    else:
        priority = item.priority
        if user_priority and user_priority != item.priority:
            errors.append({
                "field": f"{path}.priority",
                "message": f"Leave the priority blank for this measure: the catalogue counts it under "
                           f"{item.priority}. Choose Custom measure to count a value under another priority",
            })
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
                 "per": raw.get("unit") or (item.unit if item else "unit"), "source": None,
                 "supplied_by_user": True}
    elif item is None:
        errors.append({"field": f"{path}.proxy",
                       "message": "Enter a proxy value for this line: a custom measure has no sourced value"})
        proxy = None
    elif item.proxy is None:
        proxy = None  # counted only
    else:
        p = item.proxy
        proxy = {"value": p.central, "low": p.low, "high": p.high, "price_year": p.price_year, "per": p.per,
                 "source": {key: p.source[key] for key in ("id", "title", "publisher", "url", "licence")},
                 "supplied_by_user": False}
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
    """The net £ value of one unit of a resolved line: proxy × (1 − deadweight) × (1 − attribution) ×
    (1 − displacement), unrounded, before drop-off and discounting. None when the line has no proxy."""
    proxy = line["proxy"]
    return None if proxy is None else proxy["value"] * keep_share(line)


def value(values: dict) -> dict:
    """The valuation result for validated inputs; raises InvalidInput for lines that cannot be valued."""
    price_year: int = values["price_year"]
    rate: Decimal = values["discount_rate"]
    contract: Decimal | None = values.get("contract_value")
    errors: list[dict] = []
    lines = [resolve_line(index, raw, price_year, errors) for index, raw in enumerate(values["lines"])]
    if errors:
        raise InvalidInput(errors)

    with localcontext(_context()):
        totals = {"gross": ZERO, "net": ZERO, "present_value": ZERO}
        low = high = ZERO
        by_priority = {p: ZERO for p in PRIORITIES}
        out_lines, counted_only = [], []
        for index, line in enumerate(lines):
            proxy = line["proxy"]
            gross_1, net_1, present_1 = line_factors(line["quantity"], line["years"], line, rate)
            if proxy is None:
                gross = net = present = ZERO
                counted_only.append({"line": index, "measure": line["measure"], "title": line["title"],
                                     "label": line["label"], "quantity": line["quantity"], "unit": line["unit"],
                                     "years": line["years"]})
            else:
                gross, net, present = gross_1 * proxy["value"], net_1 * proxy["value"], present_1 * proxy["value"]
                low += present_1 * proxy["low"]
                high += present_1 * proxy["high"]
            totals["gross"] += gross
            totals["net"] += net
            totals["present_value"] += present
            by_priority[line["priority"]] = by_priority.get(line["priority"], ZERO) + present
            shown = {key: item for key, item in line.items() if key != "_item"}
            out_lines.append({**shown, "gross": pence(gross), "net": pence(net), "present_value": pence(present),
                              "valued": proxy is not None})
        per_pound = pence(totals["present_value"] / contract) if contract is not None else None
        result = {
            "lines": out_lines,
            "totals": {key: pence(amount) for key, amount in totals.items()},
            "per_pound": per_pound,
            "by_priority": [{"priority": p, "present_value": pence(amount)} for p, amount in by_priority.items()],
            "sensitivity": {"low": pence(low), "central": pence(totals["present_value"]), "high": pence(high)},
            "counted_only": counted_only,
            "warnings": _warnings(lines, out_lines, totals["present_value"], contract, price_year),
        }
    return result


def _warnings(lines: list[dict], out_lines: list[dict], present: Decimal, contract, price_year: int) -> list[dict]:
    warnings = []
    if contract is not None and present > contract:
        warnings.append({
            "code": "above_contract_value", "line": None,
            "message": f"The present value, {format_money(pence(present))}, is more than the contract value, "
                       f"{format_money(contract)}. Check this is realistic: social value is rarely larger than "
                       f"the contract, so look again at the quantities, proxies and adjustments.",
        })
    first: dict[str, int] = {}
    for index, line in enumerate(lines):
        first.setdefault(line["measure"], index)
    for pair in overlaps():
        a, b = pair["measures"]
        if a in first and b in first:
            one, two = sorted((first[a], first[b]))
            warnings.append({
                "code": "double_counting", "line": two,
                "message": f"Possible double counting: {_name(one, out_lines[one])} and {_name(two, out_lines[two])} "
                           f"can count the same people or units. {pair['reason']} Count each one under one line only.",
            })
    for index, line in enumerate(lines):
        item = line["_item"]
        if item is not None and item.employment and line["deadweight"] == 0:
            warnings.append({
                "code": "zero_deadweight", "line": index,
                "message": f"{_upper(_name(index, out_lines[index]))} has a deadweight of 0%: it assumes none "
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
                "message": f"{_upper(_name(index, out_lines[index]))}: count only what goes beyond delivering "
                           f"the contract itself. Work the contract already requires is core delivery, not social value.",
            })
    warnings.extend(price_year_warnings(lines, price_year, lambda index: _name(index, out_lines[index])))
    return warnings


def price_year_warnings(lines: list[dict], price_year: int, name, plural: str = "lines") -> list[dict]:
    """One warning for every catalogue proxy not in the chosen price year, not one a line.

    ``lines`` are resolved lines; ``name(index)`` says how a message names one ("line 3 (...)") and
    ``plural`` how it names several ("lines 1 and 3").
    """
    stale = {}
    for index, line in enumerate(lines):
        proxy = line["proxy"]
        if proxy is not None and not proxy["supplied_by_user"] and proxy["price_year"] != price_year:
            stale[index] = proxy["price_year"]
    if len(stale) == 1:
        (index, year), = stale.items()
        return [{
            "code": "price_year_not_indexed", "line": index,
            "message": f"The proxy for {name(index)} is in {year} prices; it has not been "
                       f"indexed to {price_year}, because this Toolkit has no sourced price index. Enter your own "
                       f"proxy in {price_year} prices to change this.",
        }]
    if stale:
        numbers = [str(index + 1) for index in stale]
        years = [str(year) for year in sorted(set(stale.values()))]
        return [{
            "code": "price_year_not_indexed", "line": min(stale),
            "message": f"The proxies for {plural} {join_words(numbers)} are in {join_words(years, 'or')} prices; they have not "
                       f"been indexed to {price_year}, because this Toolkit has no sourced price index. Enter your "
                       f"own proxies in {price_year} prices to change this.",
        }]
    return []
