"""Results as CSV text, for the "Download CSV" button and the command line.

Each calculator gives its rows (``Calculator.csv_rows``); this module only writes them.
"""

from __future__ import annotations

import csv
import io

from .csvtext import BOM, cell


def to_csv(calculator, result: dict) -> str:
    """The result's CSV, for people: it starts with a byte-order mark, so Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    for row in calculator.csv_rows(result):
        writer.writerow([cell(v) for v in row])
    return out.getvalue()
