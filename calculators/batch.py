"""CSV batches: one calculation per row, for a forward plan of contracts or a list of outcomes.

A bad row gets its row number and messages in the ``errors`` column; the other rows still run.
Columns the calculator does not know (a contract reference, a name) are kept as they are.
"""

from __future__ import annotations

import csv

from . import api
from .fields import SPECS
from .inputs import InvalidInput

# The result columns written for each calculator, after the input columns.
RESULT_COLUMNS = {
    "proportionality": (
        "band", "above_threshold", "threshold", "weighting_min", "weighting_max", "weighting_recommended",
        "outcomes_min", "outcomes_max", "priorities", "reporting",
    ),
}


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def run_csv(name: str, source, target, **options) -> dict:
    """Read rows from ``source``, write rows with results to ``target``; return a summary."""
    known = {spec.name for spec in SPECS[name]}
    reader = csv.DictReader(source)
    columns = list(reader.fieldnames or [])
    extra = [c for c in RESULT_COLUMNS[name] if c not in columns]
    writer = csv.DictWriter(target, fieldnames=columns + extra + ["errors"], extrasaction="ignore")
    writer.writeheader()
    rows = errors = 0
    for number, row in enumerate(reader, start=1):
        rows += 1
        inputs = {key: value for key, value in row.items() if key in known and value not in (None, "")}
        out = {key: ("" if value is None else value) for key, value in row.items() if key is not None}
        try:
            result = api.run(name, inputs, **options)
        except InvalidInput as invalid:
            errors += 1
            messages = "; ".join(f"{e['field'] or 'row'}: {e['message']}" for e in invalid.errors)
            out["errors"] = f"Row {number}: {messages}"
        else:
            out.update({column: _cell(result.get(column)) for column in RESULT_COLUMNS[name]})
            out["errors"] = ""
        writer.writerow(out)
    return {"rows": rows, "errors": errors}
