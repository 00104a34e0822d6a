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


# A result table of more rows than LONG_TABLE shows its first SHOWN_ROWS, and a button that shows the
# rest: the page laid out a 1,000-row table in 0.5 to 2 s, in one task. Every row is in the page (the
# rest in a hidden tbody, browser/long-tables.mjs), and print.css prints them all.
LONG_TABLE = 200
SHOWN_ROWS = 100


def table_body(rows: list[str], more_id: str) -> str:
    """A table's rows as its tbody; a long table's, as two: the first rows, then the rest hidden."""
    if len(rows) <= LONG_TABLE:
        return f"<tbody>{''.join(rows)}</tbody>"
    return (f"<tbody>{''.join(rows[:SHOWN_ROWS])}</tbody>"
            f'<tbody id="{esc(more_id)}" data-more-rows hidden>{"".join(rows[SHOWN_ROWS:])}</tbody>')


def show_all(count: int, plural: str, more_id: str) -> str:
    """After a long table (``table_body``): what it shows, and the button that shows every row."""
    if count <= LONG_TABLE:
        return ""
    return (f'<p class="sv-show-all">The table shows the first {SHOWN_ROWS} of {count:,} {esc(plural)}. '
            f'<button type="button" class="md-button" data-action="show-rows" aria-controls="{esc(more_id)}">'
            f'Show all {count:,} {esc(plural)}</button></p>')


HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
# After the headings: the start of each row (only a plain <tr> is labelled) and each cell's opening tag.
ROW_OR_CELL = re.compile(r"<tr(>|\s[^>]*>)|<(t[hd])\b([^>]*)>")
SPAN = re.compile(r'colspan="(\d+)"')


def _words(markup: str) -> str:
    """A heading's words without its tags (entities stay escaped, ready for an attribute)."""
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def stacked(table: str) -> str:
    """A table that a narrow screen shows as one card a row (toolkit.css finds it by its labels): each
    data cell gets its column's heading in ``data-label``, for the stylesheet to show beside it; a cell
    across several columns names them all. Only for tables this core writes, with one row of headings.
    One pass over the opening tags: a cell's text is never read."""
    head = HEAD.search(table)
    headings = []
    for _, attributes, content in CELL.findall(head.group(1)):
        span = SPAN.search(attributes)
        headings += [_words(content)] * int(span.group(1) if span else 1)
    column = None  # the next cell's column; None in a row that is not labelled

    def label(tag: re.Match) -> str:
        nonlocal column
        if tag.group(1) is not None:
            column = 0 if tag.group(1) == ">" else None
            return tag.group(0)
        if column is None:
            return tag.group(0)
        kind, attributes = tag.group(2), tag.group(3)
        span = SPAN.search(attributes) if "colspan" in attributes else None
        span = int(span.group(1)) if span else 1
        if kind == "td":
            label = ", ".join(headings[column:column + span])
            attributes += f' data-label="{label}"'  # the headings' words are escaped already
        column += span
        return f"<{kind}{attributes}>"

    return table[:head.end()] + ROW_OR_CELL.sub(label, table[head.end():])
