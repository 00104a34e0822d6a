"""The render layer: a calculator's result HTML, its form (see ``forms``) and the error summary.

Each function takes the calculator itself, which its caller holds already."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from . import glossary_terms
from .html import esc, field_id, scrolling
from .money import format_money, format_percent, long_date
from .words import first_upper

ITEM = re.compile(r"([A-Za-z_]+)\[(\d+)\]\.")


def summary_message(calculator, error: dict) -> str:
    """The message as the error summary shows it: problems on an item of a list name their item
    ("Outcome line 3: ..."), so the same problem on two lines reads differently out of context."""
    item = ITEM.match(error["field"])
    if not item:
        return error["message"]
    return f"{first_upper(calculator.item_noun(item.group(1)))} {int(item.group(2)) + 1}: {error['message']}"


def error_summary(calculator, errors: list[dict]) -> str:
    """The GOV.UK error summary: a titled list of links to the fields with problems."""
    name = calculator.name
    items = "".join(
        f'<li><a href="#{esc(field_id(name, e["field"]))}">{esc(summary_message(calculator, e))}</a></li>'
        for e in errors
    )
    return (
        f'<div class="sv-error-summary" tabindex="-1" aria-labelledby="{name}-error-title">'
        f'<h2 class="sv-error-summary__title" id="{name}-error-title">There is a problem</h2>'
        f'<ul class="sv-error-summary__list">{items}</ul></div>'
    )


def field_warnings(calculator, warnings: list[dict]) -> str:
    """Inputs that were accepted but look like slips (0.5 for 50%), listed above the result. The page
    also shows each one beside its field."""
    if not warnings:
        return ""
    items = "".join(f'<li><a href="#{esc(field_id(calculator.name, w["field"]))}">{esc(summary_message(calculator, w))}'
                    f'</a></li>' for w in warnings)
    return (f'<div class="sv-field-warnings"><h3>Check these inputs</h3>'
            f'<ul class="sv-warnings">{items}</ul></div>')


def _shown(spec, value) -> str:
    """An input as a person reads it: £250,000, 10%, Services, Yes; "" for a blank."""
    if value is None or value == "" or value == []:
        return ""
    if spec.kind == "money":
        return format_money(Decimal(str(value)), pence_shown=Decimal(str(value)) % 1 != 0)
    if spec.kind == "percent":
        return format_percent(Decimal(str(value)))
    if spec.kind == "choice":
        return dict(spec.options).get(value, str(value))
    if spec.kind == "boolean":
        return "Yes" if value else ""
    if spec.kind == "lines":
        return f"{len(value)} {spec.items_noun(len(value))}"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return f"{value} {spec.unit}" if spec.unit else str(value)


def _items_table(spec, items: list) -> str:
    """A list input (outcome lines, bids) as one compact table: only the columns anyone filled in."""
    shown = [[_shown(item, line.get(item.name)) for item in spec.item_fields] for line in items]
    columns = [index for index in range(len(spec.item_fields)) if any(cells[index] for cells in shown)]
    head = "".join(f'<th scope="col">{esc(spec.item_fields[index].label)}</th>' for index in columns)
    rows = "".join("<tr>" + "".join(f"<td>{esc(cells[index])}</td>" for index in columns) + "</tr>" for cells in shown)
    return scrolling(f'<table class="sv-table sv-print-inputs"><caption>{esc(spec.label)}</caption>'
                     f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", f"Your inputs: {spec.label}")


def print_summary(calculator, data: dict) -> str:
    """What a printed calculation adds after its result: the inputs in brief (not the form's boxes), the
    date it was printed and a link that opens it again, with its QR code, then any lists of items.
    The page fills in the date, the whole address and its code when it prints; the link itself is the
    result's permalink, which leaves blanks out."""
    inputs = data.get("inputs", {})
    specs = calculator.fields
    facts = "".join(f"<dt>{esc(spec.label)}</dt><dd>{esc(_shown(spec, inputs.get(spec.name)))}</dd>"
                    for spec in specs if spec.kind != "lines" and _shown(spec, inputs.get(spec.name)))
    tables = "".join(_items_table(spec, inputs[spec.name]) for spec in specs
                     if spec.kind == "lines" and inputs.get(spec.name))
    link = esc(data.get("permalink", ""))
    # The page draws the link's QR code first, floated right, when it prints (browser/print-record.mjs):
    # beside the facts and the link, where a short list leaves room, so a record of 4 lines stays on 2 A4
    # pages (with the link first, fully beside the code, it takes a third).
    return (f'<section class="sv-print-only sv-print-summary" aria-label="Inputs, for print">'
            f'<div class="sv-print-qr" data-print-qr></div><h3>Your inputs</h3><dl class="sv-summary">{facts}</dl>'
            f'<p>Printed on <span data-print-date>{long_date(dt.date.today())}</span>. To open this calculation '
            f'again, go to <a data-print-link href="{link}">{link}</a></p>{tables}</section>')


def result(calculator, data: dict, site_root: str = "") -> str:
    return (field_warnings(calculator, data.get("field_warnings", ()))
            + glossary_terms.mark(calculator.render(data, site_root)) + print_summary(calculator, data))
