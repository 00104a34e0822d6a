"""CSV batches: one calculation per row, for a forward plan of contracts or a list of outcomes.

A bad row gets its row number and messages in the ``errors`` column; the other rows still run.
Columns the calculator does not know (a contract reference, a name) are kept as they are. A
calculator whose ``batch_items`` names a list input takes one item of that list per row; if its
``batch_together`` is set, all the rows are the items of ONE calculation (a delivery report).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping

from . import api, registry
from .inputs import InvalidInput
from .rows import gather, place


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
    reader = csv.DictReader(source)
    columns = list(reader.fieldnames or [])
    extra = [c for c in calculator.result_columns if c not in columns]
    writer = csv.DictWriter(target, fieldnames=columns + extra + ["errors"], extrasaction="ignore")
    writer.writeheader()
    rows = errors = 0
    for number, row in enumerate(reader, start=1):
        rows += 1
        present = {key: value for key, value in row.items() if key is not None and value not in (None, "")}
        out = {key: ("" if value is None else value) for key, value in row.items() if key is not None}
        try:
            result = api.run(name, inputs_of(present), **options)
        except InvalidInput as invalid:
            errors += 1
            messages = "; ".join(f"{field_name(e['field']) or 'row'}: {e['message']}" for e in invalid.errors)
            out["errors"] = f"Row {number}: {messages}"
        else:
            out.update({column: _cell(value) for column, value in calculator.batch_cells(result).items()})
            out["errors"] = ""
        writer.writerow(out)
    return {"rows": rows, "errors": errors}


def run_csv(name: str, source, target, **options) -> dict:
    """Read rows from ``source``, write rows with results to ``target``; return a summary."""
    known = {spec.name for spec in registry.get(name).fields}
    return _run_rows(name, source, target, lambda present: {k: v for k, v in present.items() if k in known},
                     lambda field: field, options)


def run_lines_csv(name: str, source, target, **options) -> dict:
    """Like ``run_csv``, but each row is one item of the calculator's list input (one outcome line).

    Columns are named like the item's keys (measure, quantity, years, ...) plus the allowed
    top-level inputs (price_year, discount_rate). Every row is valued on its own, so warnings that
    compare lines (possible double counting) cannot appear; value the lines together for those.
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


def run_together_csv(name: str, source, target, **options) -> dict:
    """All the rows are ONE calculation: each row one item of the calculator's list input, with its
    allowed top-level inputs as columns, the same on every row that fills them in (see ``rows``).

    Each row gets the result cells of its item (``Calculator.batch_item_cells``) and a last row the
    totals (``Calculator.batch_total_cells``). If any row has a problem, nothing is calculated: each
    problem is reported in its row (problems with no row of their own in the first), and the summary
    counts the rows with problems.
    """
    calculator = registry.get(name)
    list_name, top_names = calculator.batch_items
    list_spec = next(spec for spec in calculator.fields if spec.name == list_name)
    item_names = {spec.name for spec in list_spec.item_fields}
    reader = csv.DictReader(source)
    columns = list(reader.fieldnames or [])
    rows = [{key: value for key, value in row.items() if key is not None} for row in reader]
    inputs, problems, places = gather(rows, list_name, item_names, top_names)
    messages: dict[int, list[str]] = {}
    result = None
    if problems:
        for problem in problems:
            messages.setdefault(problem["row"], []).append(f"{problem['column']}: {problem['message']}")
    else:
        try:
            result = api.run(name, inputs, **options)
        except InvalidInput as invalid:
            for error in invalid.errors:
                row, column = place(error["field"], list_name, places)
                messages.setdefault(row or 1, []).append(f"{column or 'row'}: {error['message']}")
    extra = [c for c in calculator.result_columns if c not in columns]
    writer = csv.DictWriter(target, fieldnames=columns + extra + ["errors"], extrasaction="ignore")
    writer.writeheader()
    items = {number: index for index, number in enumerate(places["items"])}
    failed = 0
    for number, row in enumerate(rows, start=1):
        out = {key: ("" if value is None else value) for key, value in row.items()}
        if result is not None and number in items:
            out.update({column: _cell(value) for column, value in calculator.batch_item_cells(result, items[number]).items()})
        problem = messages.pop(number, None)
        out["errors"] = f"Row {number}: {'; '.join(problem)}" if problem else ""
        failed += bool(problem)
        writer.writerow(out)
    if messages:  # a problem with no row to carry it: the file has no rows
        writer.writerow({"errors": "; ".join("; ".join(found) for found in messages.values())})
        failed += 1
    if result is not None:
        writer.writerow({**{column: _cell(value) for column, value in calculator.batch_total_cells(result).items()},
                         "errors": ""})
    return {"rows": len(rows), "errors": failed}


def runner(name: str):
    """The batch function for a calculator: one calculation per row, one item per row, or all the
    rows as one calculation."""
    calculator = registry.get(name)
    if calculator.batch_items and calculator.batch_together:
        return run_together_csv
    return run_lines_csv if calculator.batch_items else run_csv
