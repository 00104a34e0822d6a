"""Results as CSV text, for the "Download CSV" button and the command line.

Each calculator gives its rows (``Calculator.csv_rows``); this module only writes them.
"""

from __future__ import annotations

import csv
import io

from . import registry
from .csvtext import safe_cell


def cell(value) -> str:
    """One CSV cell: true/false for booleans, blank for None, and text that a spreadsheet would
    run as a formula made safe (a label typed as "=HYPERLINK(...)")."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "" if value is None else safe_cell(value)


def to_csv(name: str, result: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in registry.get(name).csv_rows(result):
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
