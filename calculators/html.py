"""HTML helpers shared by the result and form renderers.

Every string goes through ``esc``: labels and other text a user typed must show as text and never
run. ``site_root`` is the relative path from the page to the site root (for example "../../"), so
links work when the site is served from a sub-path.
"""

from __future__ import annotations

import re
from html import escape


def esc(value) -> str:
    return escape(str(value), quote=True)


def field_id(calculator: str, name: str) -> str:
    """The HTML id of a field's input, shared by the form macros and the error summary."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
    return f"{calculator}-{slug}" if slug else f"{calculator}-form"


def cite_links(cites: list[dict], site_root: str) -> str:
    if not cites:
        return ""
    links = ", ".join(f'<a href="{esc(site_root + c["href"])}">{esc(c["label"])}</a>' for c in cites)
    return f' <span class="sv-cites">({links})</span>'


def source_link(source: dict) -> str:
    return f'<a href="{esc(source["url"])}">{esc(source["title"])}</a>'


def scrolling(table: str, label: str) -> str:
    """A wide table in a region that scrolls sideways on a narrow screen, and can be reached by keyboard."""
    return f'<div class="sv-table-scroll" role="region" aria-label="{esc(label)}" tabindex="0">{table}</div>'
