"""Figures the guidance quotes about valuation, from the measures catalogue and the field specs,
so they are never typed twice: the catalogue page, its sources and overlaps, the discount rate."""

from __future__ import annotations

import os

from ..measures import catalogue, measure, overlaps, sources
from ..money import format_money, format_number
from ..settings import PRIORITIES
from .fields import FIELDS


def _proxy_text(proxy) -> str:
    central = format_money(proxy.central)
    if proxy.low == proxy.central == proxy.high:
        return f"{central} per {proxy.per}"
    return f"{central} per {proxy.per} (range {format_money(proxy.low)} to {format_money(proxy.high)})"


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
            value = "No open source gives a value. The calculator counts it, but gives it no £ value unless you " \
                    "enter a proxy with your own evidence."
            if item.proxy:
                source = item.proxy.source
                value = (f"{_proxy_text(item.proxy)}, in {item.proxy.price_year} prices. Source: "
                         f"[{source['title']}]({source['url']}) ({source['publisher']}, {source['published']}; "
                         f"licence: {source['licence']}). {item.proxy.derivation}")
            out.append(f"### {item.title} {{ #{item.id} }}\n")
            out.append(f"{item.description}\n")
            rows = [
                ("Measure id", f"`{item.id}`"),
                ("Unit (per year)", item.unit),
                ("Policy objectives", objectives),
                ("Proxy value", value),
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


def discount_rate() -> str:
    rate = next(f.default for f in FIELDS if f.name == "discount_rate")
    return format_number(rate) + "%"


FIGURES = (measures_catalogue, source_link, overlaps_table, discount_rate)
