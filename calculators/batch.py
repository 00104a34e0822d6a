"""CSV batches: one calculation per row, for a forward plan of contracts or a list of outcomes.

A bad row gets its row number and messages in the ``errors`` column; the other rows still run.
Columns the calculator does not know (a contract reference, a name) are kept as they are.
"""

from __future__ import annotations

import csv

from . import api, export
from .fields import SPECS
from .inputs import InvalidInput

# The result columns written for each calculator, after the input columns.
RESULT_COLUMNS = {
    "proportionality": (
        "band", "above_threshold", "threshold", "weighting_min", "weighting_max", "weighting_recommended",
        "outcomes_min", "outcomes_max", "priorities", "reporting",
    ),
    # valuation: one outcome line per row (see run_lines_csv); named apart from the input columns.
    "valuation": (
        "title", "priority_used", "unit_used", "deadweight_used", "attribution_used", "displacement_used",
        "drop_off_used", "proxy_used", "proxy_low", "proxy_high", "proxy_price_year", "proxy_source", "valued",
        "gross", "net", "present_value", "present_value_low", "present_value_high", "warnings",
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


# Calculators whose CSV rows are the items of a list input: each row is one item ("lines"), run
# alone, with these top-level inputs allowed as extra columns.
LINE_CALCULATORS = {"valuation": ("lines", ("price_year", "discount_rate"))}


# The valuation's line cells (export.valuation_line) that the batch names apart from its input columns.
USED_NAMES = {"priority": "priority_used", "unit": "unit_used", "deadweight": "deadweight_used",
              "attribution": "attribution_used", "displacement": "displacement_used",
              "drop_off": "drop_off_used", "proxy": "proxy_used"}


def _line_cells(result: dict) -> dict:
    """The valuation result columns for a one-line run."""
    cells = {USED_NAMES.get(key, key): value for key, value in export.valuation_line(0, result["lines"][0]).items()}
    cells.update(present_value_low=result["sensitivity"]["low"], present_value_high=result["sensitivity"]["high"],
                 warnings=[w["message"] for w in result["warnings"]])
    return {column: cells[column] for column in RESULT_COLUMNS["valuation"]}


def run_lines_csv(name: str, source, target, **options) -> dict:
    """Like ``run_csv``, but each row is one item of the calculator's list input (one outcome line).

    Columns are named like the item's keys (measure, quantity, years, ...) plus the allowed
    top-level inputs (price_year, discount_rate). Every row is valued on its own, so warnings that
    compare lines (possible double counting) cannot appear; value the lines together for those.
    """
    list_name, top_names = LINE_CALCULATORS[name]
    list_spec = next(spec for spec in SPECS[name] if spec.name == list_name)
    item_names = {spec.name for spec in list_spec.item_fields}
    reader = csv.DictReader(source)
    columns = list(reader.fieldnames or [])
    extra = [c for c in RESULT_COLUMNS[name] if c not in columns]
    writer = csv.DictWriter(target, fieldnames=columns + extra + ["errors"], extrasaction="ignore")
    writer.writeheader()
    prefix = f"{list_name}[0]."
    rows = errors = 0
    for number, row in enumerate(reader, start=1):
        rows += 1
        present = {key: value for key, value in row.items() if key is not None and value not in (None, "")}
        inputs = {key: value for key, value in present.items() if key in top_names}
        inputs[list_name] = [{key: value for key, value in present.items() if key in item_names}]
        out = {key: ("" if value is None else value) for key, value in row.items() if key is not None}
        try:
            result = api.run(name, inputs, **options)
        except InvalidInput as invalid:
            errors += 1
            messages = "; ".join(
                f"{(e['field'][len(prefix):] if e['field'].startswith(prefix) else e['field']) or 'row'}: "
                f"{e['message']}" for e in invalid.errors)
            out["errors"] = f"Row {number}: {messages}"
        else:
            out.update({column: _cell(value) for column, value in _line_cells(result).items()})
            out["errors"] = ""
        writer.writerow(out)
    return {"rows": rows, "errors": errors}


def runner(name: str):
    """The batch function for a calculator: one line per row, or one calculation per row."""
    return run_lines_csv if name in LINE_CALCULATORS else run_csv
