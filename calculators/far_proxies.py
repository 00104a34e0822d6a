"""A proxy value given for a catalogue measure far from the catalogue's own: kept, with a warning
beside its field and in the result, since it is more often a slip (a nought too many, a figure for
another unit) than a new source. Shared by every calculator that values outcome lines (valuation,
and through it evaluation; monitoring). How far is far is this Toolkit's choice, in policy.toml."""

from __future__ import annotations

from decimal import Decimal

from .data_files import DataFile, SettingsError
from .money import format_money, format_number, pence
from .prices import index
from .words import first_upper

CODE = "proxy_far_from_catalogue"


def build_factor(raw: dict, path="policy.toml") -> Decimal:
    """policy.toml's [valuation] proxy_far_factor, checked."""
    section = raw.get("valuation")
    value = section.get("proxy_far_factor") if isinstance(section, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 < value <= 1000:
        raise SettingsError(path, ["valuation.proxy_far_factor must be a number above 1 and up to 1000, like 10"])
    return Decimal(str(value))


FAR_FACTOR = DataFile("policy.toml", build_factor)
factor = FAR_FACTOR.default


def warnings(lines: list[dict], names: list[str], price_year: int, list_name: str = "lines") -> list[dict]:
    """A warning for each resolved line (see ``outcome_lines.resolve_line``) whose own proxy is more
    than ``factor()`` times its catalogue measure's value in ``price_year`` prices, or less than that
    value divided by it. ``names``: how each line is named to a person."""
    far, found = factor(), []
    for position, line in enumerate(lines):
        item, proxy = line["_item"], line["proxy"]
        if item is None or item.proxy is None or proxy is None or not proxy["supplied_by_user"]:
            continue
        own, catalogue = proxy["value"], pence(index(item.proxy.central, item.proxy.price_year, price_year).amount)
        if catalogue <= 0 or own / far <= catalogue <= own * far:
            continue
        how = (f"about {format_number((own / catalogue).quantize(Decimal(1)))} times" if own > catalogue
               else f"less than 1/{format_number(far)} of")
        found.append({
            "code": CODE, "line": position, "field": f"{list_name}[{position}].proxy",
            "message": f"{first_upper(names[position])} has a proxy value of {format_money(own)}, "
                       f"{how} the catalogue's {format_money(catalogue)} for this measure in {price_year} prices. "
                       f"Check it: a value this far from the catalogue's is more often a slip than a new source. "
                       f"If it is right, keep the evidence for it.",
        })
    return found
