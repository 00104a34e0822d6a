"""CSV batches: one calculation per row, for a forward plan of contracts or a list of outcomes.

A bad row gets its row number (as the spreadsheet shows it) and messages in the ``errors``
column; the other rows still run. Columns the calculator does not know (a contract reference, a
name) are kept as they are. A calculator whose ``batch_items`` names a list input takes one item
of that list per row, and may add warnings that compare the rows (``batch_row_warnings``).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping

from . import api, csvtext, registry
from .inputs import InvalidInput


class _ResultColumns(Mapping):
    """Each calculator's batch result columns, by name (read from the registry)."""

    def __getitem__(self, name):
        return registry.CALCULATORS[name].result_columns

    def __iter__(self):
        return iter(registry.CALCULATORS)

    def __len__(self):
        return len(registry.CALCULATORS)


RESULT_COLUMNS = _ResultColumns()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _run_rows(name: str, source, target, inputs_of, field_name, options) -> dict:
    """The loop both batch shapes share: read, run each row, write inputs, results or errors."""
    calculator = registry.get(name)
    header, records = csvtext.rows(source.read())
    extra = [c for c in calculator.result_columns if c not in header]
    columns = [c for c in header if c] + extra + ["errors"]
    done = []  # (row number, cells, inputs, result or None)
    for number, row in records:
        present = {key: value for key, value in row.items() if value not in (None, "")}
        out = {key: ("" if value is None else value) for key, value in row.items()}
        inputs = inputs_of(present)
        try:
            result = api.run(name, inputs, **options, **calculator.batch_options(number))
        except InvalidInput as invalid:
            messages = "; ".join(f"{field_name(e['field']) or 'row'}: {e['message']}" for e in invalid.errors)
            out["errors"] = f"Row {number}: {messages}"
            result = None
        else:
            out.update({column: _cell(value) for column, value in calculator.batch_cells(result).items()})
            out["errors"] = ""
        done.append((number, out, inputs, result))
    by_number = {number: out for number, out, _, _ in done}
    for number, notes in calculator.batch_row_warnings([row for row in done if row[3]]).items():
        out = by_number[number]
        out["warnings"] = "; ".join(item for item in (out.get("warnings"), *notes) if item)
    writer = csv.DictWriter(target, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for _, out, _, _ in done:
        writer.writerow({key: csvtext.safe_cell(value) for key, value in out.items()})
    return {"rows": len(done), "errors": sum(result is None for *_, result in done)}


def run_csv(name: str, source, target, **options) -> dict:
    """Read rows from ``source``, write rows with results to ``target``; return a summary."""
    known = {spec.name for spec in registry.get(name).fields}
    return _run_rows(name, source, target, lambda present: {k: v for k, v in present.items() if k in known},
                     lambda field: field, options)


def run_lines_csv(name: str, source, target, **options) -> dict:
    """Like ``run_csv``, but each row is one item of the calculator's list input (one outcome line).

    Columns are named like the item's keys (measure, quantity, years, ...) plus the allowed
    top-level inputs (price_year, discount_rate, contract_value). Each row is valued on its own;
    the calculator then compares the rows (possible double counting) with ``batch_row_warnings``.
    """
    calculator = registry.get(name)
    list_name, top_names = calculator.batch_items
    list_spec = next(spec for spec in calculator.fields if spec.name == list_name)
    item_names = {spec.name for spec in list_spec.item_fields}
    prefix = f"{list_name}[0]."

    def inputs_of(present: dict) -> dict:
        inputs = {key: value for key, value in present.items() if key in top_names}
        inputs[list_name] = [{key: value for key, value in present.items() if key in item_names}]
        return inputs

    return _run_rows(name, source, target, inputs_of,
                     lambda field: field[len(prefix):] if field.startswith(prefix) else field, options)


def runner(name: str):
    """The batch function for a calculator: one item per row, or one calculation per row."""
    return run_lines_csv if registry.get(name).batch_items else run_csv
