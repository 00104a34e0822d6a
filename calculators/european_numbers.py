"""Numbers in a CSV file that a spreadsheet set to a European language saved.

Such a file has ';' between its columns, and its numbers may have '.' between groups of three
digits and ',' for the decimal point: "250.000" is 250,000 and "1,5" is 1.5. Read the UK way, they
would be 250 and 15, with nothing to show it. So in a ';' file a number cell written either way is
refused, naming the cell, rather than read as a different number. Text cells are left alone.
"""

from __future__ import annotations

import re

NUMBER_KINDS = ("money", "number", "integer", "percent", "integers")
GROUPED_BY_DOTS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]*)?")  # 250.000, 1.500,50
DECIMAL_COMMA = re.compile(r"[0-9],[0-9]")  # 1,5; and 1,500, which could be either
SEPARATOR = ";"


def number_columns(calculator) -> dict[str, str]:
    """The columns a calculator's file reads as numbers, with their kind: its own number fields
    and those of the list it takes one item a row, by key and by label (a column may be named either way)."""
    columns = {}
    for spec in calculator.fields:
        for field in spec.item_fields if spec.kind == "lines" else (spec,):
            if field.kind in NUMBER_KINDS:
                columns[field.name] = columns[field.label] = field.kind
    return columns


def problem(cell: str, kind: str) -> str | None:
    """Why a number cell of a ';' file cannot be read for certain, or None. A list of whole numbers
    (panel scores) uses commas between its numbers, so only its dots are in doubt."""
    text = cell.strip().lstrip("+-£").rstrip("%").strip()
    if not (GROUPED_BY_DOTS.fullmatch(text) or (kind != "integers" and DECIMAL_COMMA.search(text))):
        return None
    shown = cell.strip()[:40]
    return (f'"{shown}" is not clear: this file has ";" between its columns, as spreadsheets set to many European '
            f'languages save it, and they may write "." between thousands and "," for the decimal point. Write '
            f'the number like 250000 or 1250.50, or save the file with UK settings')
