"""Rows of a table as the inputs of ONE calculation.

Each row is one item of the calculator's list input (a commitment, an outcome line). The
calculator's other inputs may be columns too (a delivery report repeats the contract's length on
every row): they must be the same on every row that fills them in. The CSV batch of a calculator
whose rows make one calculation, and the commitments file read in the browser, both read tables
here, so a file means the same on the command line and on a page.

Rows are numbered from 1, the first row under the header. A row with nothing in it is skipped, but
still counted, so a number names the row a spreadsheet shows under the header.
"""

from __future__ import annotations

import re

ITEM_FIELD = re.compile(r"^([A-Za-z_]+)\[(\d+)\]\.?(.*)$")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def gather(rows: list[dict], list_name: str, item_names, top_names) -> tuple[dict, list[dict], dict]:
    """The inputs the rows make, the problems found, and where each input came from.

    Returns ``(inputs, problems, places)``. ``inputs[list_name]`` has one item per row that is not
    blank, with that row's item columns; each top-level column gives its input from the rows that
    fill it in. ``problems`` are ``{"row", "column", "message"}`` for a top-level value that differs
    between rows. ``places`` maps ``"items"`` to the row number of each item and each top-level
    input to the first row that gave it, so that errors can name a row (see ``place``).
    """
    items, problems = [], []
    inputs: dict = {}
    places: dict = {"items": []}
    for number, row in enumerate(rows, start=1):
        cells = {key: value for key, value in row.items() if not is_blank(value)}
        if not cells:
            continue
        items.append({key: value for key, value in cells.items() if key in item_names})
        places["items"].append(number)
        for name in top_names:
            if name not in cells:
                continue
            value = cells[name]
            if name not in inputs:
                inputs[name] = value
                places[name] = number
            elif _text(value) != _text(inputs[name]):
                problems.append({
                    "row": number, "column": name,
                    "message": f"{_text(value)} is not the same as {_text(inputs[name])} in row {places[name]}. "
                               f"Every row of the file is about one contract, so give the same {name} on every row, "
                               f"or leave it blank",
                })
    inputs[list_name] = items
    return inputs, problems, places


def _text(value) -> str:
    return " ".join(str(value).split())


def place(field: str, list_name: str, places: dict) -> tuple[int | None, str]:
    """The row and column an error's field names: ("commitments[2].delivered") -> (the item's row,
    "delivered"); a top-level input -> (the first row that gave it, or None, its name)."""
    found = ITEM_FIELD.match(field)
    if found and found.group(1) == list_name:
        index = int(found.group(2))
        rows = places.get("items", [])
        return (rows[index] if index < len(rows) else None), found.group(3)
    return places.get(field), field
