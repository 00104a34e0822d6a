"""The render layer: a calculator's result HTML, its form (see ``forms``) and the error summary."""

from __future__ import annotations

import re

from . import registry
from .html import esc, field_id

ITEM = re.compile(r"([A-Za-z_]+)\[(\d+)\]\.")


def summary_message(calculator: str, error: dict) -> str:
    """The message as the error summary shows it: problems on an item of a list name their item
    ("Outcome line 3: ..."), so the same problem on two lines reads differently out of context."""
    item = ITEM.match(error["field"])
    if not item or calculator not in registry.CALCULATORS:
        return error["message"]
    noun = registry.CALCULATORS[calculator].item_noun(item.group(1))
    return f"{noun[:1].upper()}{noun[1:]} {int(item.group(2)) + 1}: {error['message']}"


def error_summary(calculator: str, errors: list[dict]) -> str:
    """The GOV.UK error summary: a titled list of links to the fields with problems."""
    items = "".join(
        f'<li><a href="#{esc(field_id(calculator, e["field"]))}">{esc(summary_message(calculator, e))}</a></li>'
        for e in errors
    )
    return (
        f'<div class="sv-error-summary" tabindex="-1" aria-labelledby="{calculator}-error-title">'
        f'<h2 class="sv-error-summary__title" id="{calculator}-error-title">There is a problem</h2>'
        f'<ul class="sv-error-summary__list">{items}</ul></div>'
    )


def field_warnings(calculator: str, warnings: list[dict]) -> str:
    """Inputs that were accepted but look like slips (0.5 for 50%), listed above the result. The page
    also shows each one beside its field."""
    if not warnings:
        return ""
    items = "".join(f'<li><a href="#{esc(field_id(calculator, w["field"]))}">{esc(summary_message(calculator, w))}'
                    f'</a></li>' for w in warnings)
    return (f'<div class="sv-field-warnings"><h3>Check these inputs</h3>'
            f'<ul class="sv-warnings">{items}</ul></div>')


def result(calculator: str, data: dict, site_root: str = "") -> str:
    return field_warnings(calculator, data.get("field_warnings", ())) + registry.get(calculator).render(data, site_root)
