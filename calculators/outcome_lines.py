"""Outcome lines, as every calculator that values them reads them: a measure from the catalogue or a
custom line with its own proxy, a quantity a year, years and the adjustments. The rules between a
line's inputs, the measure, adjustments and proxy a line uses (a catalogue proxy indexed to the
price year), and one unit's net value. The valuation, the evaluation (through the valuation) and
the monitoring all use these, so a line is read the same way everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from . import discounting, prices
from .arithmetic import HUNDRED, ONE, ZERO
from .measures import ADJUSTMENTS, CUSTOM, Measure, measure
from .money import format_number, pence

CUSTOM_PRIORITY = "Custom"  # where custom lines without a priority are counted
# A line's quantity a year, for a measure not counted in pounds. The field takes up to the contract
# value's bound, so that local spend in pounds fits; ``line_rules`` holds every other unit to this.
MAX_QUANTITY = Decimal("1000000")


def kept(deadweight: Decimal, attribution: Decimal, displacement: Decimal) -> Decimal:
    """The share of an outcome left after deadweight, attribution and displacement (percent numbers)."""
    return (ONE - deadweight / HUNDRED) * (ONE - attribution / HUNDRED) * (ONE - displacement / HUNDRED)


@lru_cache(maxsize=256)
def _catalogue_proxy(measure_id: str, price_year: int) -> dict:
    """A catalogue proxy indexed to ``price_year`` prices, with its original figures kept. Indexed
    figures are rounded to the penny before use, so a reader can redo the sums from the table.

    Kept once per measure and year (a thousand lines share a handful), so callers copy before changing it."""
    p = measure(measure_id).proxy
    moved = {key: prices.index(getattr(p, key), p.price_year, price_year) for key in ("central", "low", "high")}
    return {
        "value": pence(moved["central"].amount), "low": pence(moved["low"].amount), "high": pence(moved["high"].amount),
        "central_from": None if p.wage is None else "wellbeing", "pay": None,
        "price_year": price_year, "deflator_year": moved["central"].used_to,
        "original": {"value": p.central, "low": p.low, "high": p.high, "price_year": p.price_year},
        "per": p.per, "counts": p.counts, "schedule": p.schedule,
        "source": {key: p.source[key] for key in ("id", "title", "publisher", "url", "licence")},
        "supplied_by_user": False,
    }


def counted_in_pounds(raw: dict, item: Measure | None) -> bool:
    """Whether a line's unit is money (local spend: "£1 of contract spend ..."), which takes the
    contract value's bound; every other unit keeps MAX_QUANTITY a year."""
    return (raw.get("unit") or (item.unit if item else "")).lstrip().startswith("£")


def _quantity_bound(raw: dict, item: Measure | None, path: str) -> dict | None:
    quantity = raw.get("quantity")
    if quantity is None or quantity <= MAX_QUANTITY or counted_in_pounds(raw, item):
        return None
    return {"field": f"{path}.quantity",
            "message": f"Quantity per year must be between 0 and {format_number(MAX_QUANTITY)} for this measure: only "
                       f"a measure counted in pounds can be more"}


def _pay_rule(raw: dict, item: Measure | None, path: str) -> dict | None:
    """The post's pay is for a measure whose value has a pay part (a job for someone out of work)."""
    if raw.get("annual_pay") is None:
        return None
    if item is None or item.proxy is None or item.proxy.wage is None:
        return {"field": f"{path}.annual_pay", "message": "Leave the full-time pay blank for this measure: its value "
                                                          "counts no pay"}
    if raw.get("proxy") is not None:
        return {"field": f"{path}.annual_pay", "message": "Give either the post's full-time pay or your own proxy "
                                                          "value, not both"}
    return None


def line_rules(index: int, raw: dict, list_name: str = "lines") -> list[dict]:
    """The rules between a line's inputs: a catalogue measure is counted under its own priority, and
    a custom measure needs a proxy value. ``raw`` may be partly checked (see ``Calculator.rules``).
    Errors are named after the item of ``list_name`` (the monitoring calculator's "commitments")."""
    measure_id = raw.get("measure")
    if measure_id is None:
        return []
    path = f"{list_name}[{index}]"
    if pay_error := _pay_rule(raw, None if measure_id == CUSTOM else measure(measure_id), path):
        return [pay_error]
    if measure_id == CUSTOM:
        if quantity_error := _quantity_bound(raw, None, path):
            return [quantity_error]
        if raw.get("proxy") is None:
            return [{"field": f"{path}.proxy",
                     "message": "Enter a proxy value for this line: a custom measure has no sourced value"}]
        return []
    item, user_priority = measure(measure_id), raw.get("priority")
    if raw.get("objectives"):
        shown = ", ".join(str(number) for number in item.objectives)
        return [{"field": f"{path}.objectives",
                 "message": f"Leave the Policy objectives blank for this measure: the catalogue links it to "
                            f"objectives {shown}. Choose Custom measure to name objectives of your own"}]
    if quantity_error := _quantity_bound(raw, item, path):
        return [quantity_error]
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
        proxy = {"value": user_proxy, "low": user_proxy, "high": user_proxy, "central_from": None, "pay": None,
                 "price_year": price_year,
                 "deflator_year": None, "original": None,
                 "per": raw.get("unit") or (item.unit if item else "unit"), "counts": "outcome",
                 "schedule": item.proxy.schedule if item and item.proxy else discounting.STANDARD,
                 "source": None, "supplied_by_user": True}
    elif item is None or item.proxy is None:
        proxy = None  # a measure counted only (a custom line always has its proxy)
    else:
        proxy = dict(_catalogue_proxy(item.id, price_year))
        if proxy["central_from"] and raw.get("annual_pay") is not None:
            # The wellbeing gain (the low value) plus the post's own pay, never above MeasureUp's figure.
            pay = raw["annual_pay"]
            proxy.update(value=min(proxy["low"] + pay, proxy["high"]), central_from="pay", pay=pay)
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


def price_year_warnings(lines: list[dict], price_year: int) -> list[dict]:
    """A warning when resolved lines use catalogue proxies and the price year is after the last
    outturn year of the deflators (shared with every calculator that values lines)."""
    last = prices.last_outturn_year()
    if price_year > last and any(line["proxy"] and not line["proxy"]["supplied_by_user"] for line in lines):
        return [{
            "code": "price_year_after_outturn", "line": None,
            "message": f"Values are in {last} prices, the latest year HM Treasury has published, not {price_year} "
                       f"prices. This Toolkit does not forecast later years.",
        }]
    return []
