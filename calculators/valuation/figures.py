"""Figures the guidance quotes about valuation, from the measures catalogue and the field specs,
so they are never typed twice: the catalogue page, its sources and overlaps, the discount rate."""

from __future__ import annotations

import os

from .. import far_proxies, prices
from ..corporate_plan import PRIORITIES
from ..discounting import STANDARD, discount_schedule, schedule
from ..field import MAX_CONTRACT_VALUE
from ..measures import catalogue, default_catalogue, measure, overlaps, sources
from ..money import format_money, format_number, pence
from ..outcome_lines import MAX_QUANTITY


def _proxy_text(proxy) -> str:
    central = format_money(proxy.central)
    if proxy.low == proxy.central == proxy.high:
        return f"{central} per {proxy.per}"
    return f"{central} per {proxy.per} (range {format_money(proxy.low)} to {format_money(proxy.high)})"


COUNTS_TEXT = {"outcome": "An outcome: a change for people or places.",
               "input": "An input: the cost of time or resources given, not the outcome they lead to. Report it "
                        "as an input."}
SCHEDULE_TEXT = {"standard": "The Green Book's standard discount rate.",
                 "health": "The Green Book's health discount rate, which this Toolkit applies to wellbeing values."}


def _indexed_text(proxy) -> str:
    """A proxy indexed to the latest outturn year's prices with the GDP deflators, to the penny."""
    year = prices.last_outturn_year()
    moved = [format_money(pence(prices.index(amount, proxy.price_year, year).amount))
             for amount in (proxy.central, proxy.low, proxy.high)]
    text = f"{moved[0]} per {proxy.per}" if proxy.low == proxy.central == proxy.high else \
        f"{moved[0]} per {proxy.per} (range {moved[1]} to {moved[2]})"
    return text + (", indexed with HM Treasury's GDP deflators" if proxy.price_year != year else "")


def measures_catalogue(page_dir: str) -> str:
    """The measures catalogue by Corporate Plan priority, from calculators/data/measures.toml."""
    policy = os.path.relpath("policy/aims-and-objectives.md", page_dir or ".")
    out = []
    for priority in PRIORITIES:
        items = [m for m in catalogue() if m.priority == priority]
        out.append(f"## {priority} {{ #priority-{priority.lower()} }}\n")
        out.append(f"{len(items)} measures support the [{priority} priority]"
                   f"({os.path.relpath('policy/principles.md', page_dir or '.')}#priority-{priority.lower()}).\n")
        for item in items:
            objectives = ", ".join(f"[Objective {n}]({policy}#objective-{n})" for n in item.objectives)
            guide = os.path.relpath(default_catalogue().meta["own_proxy_guide"], page_dir or ".")
            value = (f"No open source gives a value. {item.no_proxy_reason} The calculator counts it, but gives it "
                     f"no £ value unless you enter a proxy with your own evidence: see "
                     f"[build your own proxy]({guide}).")
            extra = []
            if item.proxy:
                source = item.proxy.source
                value = (f"{_proxy_text(item.proxy)}, in {item.proxy.price_year} prices. Source: "
                         f"[{source['title']}]({source['url']}) ({source['publisher']}, {source['published']}). "
                         f"{item.proxy.derivation}")
                extra = [
                    (f"In {prices.last_outturn_year()} prices", _indexed_text(item.proxy)),
                    ("What it values", COUNTS_TEXT[item.proxy.counts]),
                    ("When to use it", item.proxy.conditions),
                    ("Discounting", SCHEDULE_TEXT[item.proxy.schedule]),
                    ("Licence", f"[{source['licence']}]({source['licence_url']}): {source['licence_note']}"),
                ]
            out.append(f"### {item.title} {{ #{item.id} }}\n")
            out.append(f"{item.description}\n")
            rows = [
                ("Measure id", f"`{item.id}`"),
                ("Unit (per year)", item.unit),
                ("Policy objectives", objectives),
                ("Proxy value", value),
                *extra,
                ("Evidence to keep", item.evidence),
            ]
            for name in ("deadweight", "attribution", "displacement", "drop_off"):
                rows.append((f"Default {name.replace('_', '-')}",
                             f"{format_number(getattr(item, name))}%: {item.reasons[name]}"))
            if item.core_delivery_risk:
                rows.append(("Take care", "Providers often claim core contract delivery under this measure. "
                                          "Count only what goes beyond the contract's requirements."))
            out.append("| About this measure | Detail |\n|---|---|\n" + "\n".join(f"| {k} | {str(v).replace('|', '/')} |" for k, v in rows) + "\n")
    return "\n".join(out)


def source_link(source_id: str) -> str:
    """A Markdown link to one of the catalogue's sources, with its publisher."""
    source = sources()[source_id]
    return f"[{source['title']}]({source['url']}) ({source['publisher']})"


def overlaps_table() -> str:
    rows = ["| Measure | Overlaps with | Why |", "|---|---|---|"]
    for pair in overlaps():
        first, second = (measure(m) for m in pair["measures"])
        rows.append(f"| [{first.title}](#{first.id}) | [{second.title}](#{second.id}) | {pair['reason']} |")
    return "\n".join(rows)


def discount_rate(name: str = STANDARD) -> str:
    """The Green Book rate for the first 30 years: "3.5%" (or the health rate's "1.5%")."""
    return format_number(schedule(name).bands[0].rate) + "%"


def last_deflator_year() -> int:
    return prices.last_outturn_year()


def max_units_a_year() -> str:
    """The bound on a line's quantity a year for a measure not counted in pounds: "1,000,000"."""
    return format_number(MAX_QUANTITY)


def largest_contract_value() -> str:
    """The bound a measure counted in pounds takes instead: "£100,000,000,000"."""
    return format_money(MAX_CONTRACT_VALUE, pence_shown=False)


def proxy_far_factor() -> str:
    """How many times the catalogue's value a proxy of your own may be before it is warned about: "10"."""
    return format_number(far_proxies.factor())


FIGURES = (measures_catalogue, source_link, overlaps_table, discount_rate, discount_schedule, last_deflator_year,
           max_units_a_year, largest_contract_value, proxy_far_factor)
