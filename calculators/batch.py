"""CSV batches: one calculation per row, for a forward plan of contracts or a list of outcomes.

A bad row gets its row number (as the spreadsheet shows it) and messages in the ``errors``
column; the other rows still run. Columns the calculator does not know (a contract reference, a
name) are kept as they are. A calculator whose ``batch_items`` names a list input takes one item
of that list per row: each row valued on its own (and compared with ``batch_row_warnings``), or,
when it sets ``batch_as_one``, the whole file as one calculation (the bids of one evaluation), whose
top-level inputs may be given in any row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping

from . import api, csvtext, jsontext, registry
from .european_numbers import number_columns
from .inputs import InvalidInput, join_words

MAX_FILE_CHARACTERS = 2_000_000  # a file read in the browser: a bids file is a few kilobytes
ITEM_FIELD = re.compile(r"^([A-Za-z_]+)\[(\d+)\]\.?(.*)$")


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
    header, records = csvtext.rows(source.read(), numbers=number_columns(calculator))
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
    writer.writerow({column: csvtext.safe_cell(column) for column in writer.fieldnames})  # safe as any cell
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


def _item_names(calculator) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The list input's name, the item columns a row may have and the allowed top-level columns.
    A list inside an item (a bid's outcome lines) cannot be a column, so it is left out."""
    list_name, top_names = calculator.batch_items
    list_spec = next(spec for spec in calculator.fields if spec.name == list_name)
    return list_name, tuple(spec.name for spec in list_spec.item_fields if spec.kind != "lines"), top_names


def inputs_from_rows(name: str, rows: list[dict]) -> tuple[dict, list[dict]]:
    """One calculation's inputs from rows that are each one item of its list input.

    A top-level input (the weighting) may be given in any row, or in all of them, as long as every
    row that gives it agrees. Returns the inputs and the file's own problems, as field errors.
    """
    calculator = registry.get(name)
    list_name, item_names, top_names = _item_names(calculator)
    labels = {spec.name: spec.sentence_label for spec in calculator.fields}
    inputs, errors = {}, []
    for top in top_names:
        given = []
        for row in rows:
            value = row.get(top)
            if value is not None and str(value).strip() and str(value).strip() not in given:
                given.append(str(value).strip())
        if len(given) > 1:
            shown = join_words([f"'{value[:20]}'" for value in given[:4]])
            errors.append({"field": top, "message": f"Every row that gives {labels[top]} must give the same one: "
                                                    f"this file has {shown}"})
        elif given:
            inputs[top] = given[0]
    inputs[list_name] = [{key: value for key, value in row.items()
                          if key in item_names and value is not None and str(value).strip()} for row in rows]
    return inputs, errors


def _records(text: str, name: str) -> tuple[list[str], list[tuple[int, dict]]]:
    header, records = csvtext.rows(text, numbers=number_columns(registry.get(name)))
    return header, list(records)


def _json_records(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """A JSON list of objects as a table: each object a row (numbered from 1), its names the columns.
    A value must be a single value, as a spreadsheet cell is."""
    data = jsontext.loads(text)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InvalidInput([{"field": "", "message": "A JSON file must be a list of objects, one a row, like "
                                                     "[{\"measure\": \"apprenticeships\", \"quantity\": 2, \"years\": 3}]"}])
    columns: list[str] = []
    records = []
    for number, item in enumerate(data, start=1):
        for key, value in item.items():
            if isinstance(value, (dict, list)):
                raise InvalidInput([{"field": "", "message": f"Row {number}, column '{str(key)[:40]}': give one value, "
                                                             f"not a list or an object"}])
            if key not in columns:
                columns.append(key)
        records.append((number, {key: None if value is None else str(value) if not isinstance(value, str) else value
                                 for key, value in item.items()}))
    return columns, records


def read_file(name: str, text: str) -> tuple[dict, list[dict], dict]:
    """A file's text (read in the browser, or from disk) as one calculation's inputs: a CSV file, or
    the same table as a JSON list of objects. The columns are named like the item's inputs, plus any
    of the allowed top-level inputs. Returns the inputs, the file's own problems as field errors,
    and about the file: each item's row number ("rows"), its columns ("columns") and the columns
    with values that this calculator does not use ("unused")."""
    _, item_names, top_names = _item_names(registry.get(name))
    about = {"rows": [], "unused": [], "columns": []}
    if not isinstance(text, str) or len(text) > MAX_FILE_CHARACTERS:
        return {}, [{"field": "", "message": "The file is too large to be a CSV file of this calculator's inputs"}], about
    needs_header = f"The file needs a header row with columns named {join_words(list(item_names))}"
    if not text.strip():
        return {}, [{"field": "", "message": needs_header}], about
    try:
        columns, records = _json_records(text) if text.lstrip("\ufeff \t\r\n")[:1] == "[" else _records(text, name)
    except InvalidInput as invalid:
        return {}, [{**e, "field": ""} for e in invalid.errors], about
    if not any(column in item_names for column in columns):
        return {}, [{"field": "", "message": needs_header}], about
    about["rows"] = [number for number, _ in records]
    about["columns"] = [column for column in columns if column]
    about["unused"] = [column for column in columns if column and column not in item_names
                       and column not in top_names and any(str(row.get(column) or "").strip() for _, row in records)]
    inputs, errors = inputs_from_rows(name, [row for _, row in records])
    return inputs, errors, about


def inputs_from_csv(name: str, text: str) -> tuple[dict, list[dict]]:
    """A CSV file's text as one calculation's inputs, with the file's own problems as field errors
    (``read_file`` without what it says about the file)."""
    inputs, errors, _ = read_file(name, text)
    return inputs, errors


def run_one_csv(name: str, source, target, **options) -> dict:
    """The whole file is one calculation, one item of its list input a row (``batch_as_one``).

    Each output row keeps its input columns and adds its item's results, or its own errors. A
    problem with the whole file (a top-level input, too few rows) is written on every row. A
    calculator with totals (``batch_total_cells``) gets them in a last row.
    """
    calculator = registry.get(name)
    list_name = calculator.batch_items[0]
    columns, records = _records(source.read(), name)
    rows = [row for _, row in records]
    inputs, file_errors = inputs_from_rows(name, rows)
    result, row_errors = None, {}
    if not file_errors:
        try:
            result = api.run(name, inputs, **options)
        except InvalidInput as invalid:
            for error in invalid.errors:
                item = ITEM_FIELD.match(error["field"])
                if item and item.group(1) == list_name:
                    row_errors.setdefault(int(item.group(2)), []).append(f"{item.group(3) or 'row'}: {error['message']}")
                else:
                    file_errors.append(error)
    everyone = "; ".join(f"{e['field'] or 'file'}: {e['message']}" for e in file_errors)
    extra = [c for c in calculator.result_columns if c not in columns]
    writer = csv.DictWriter(target, fieldnames=[c for c in columns if c] + extra + ["errors"], extrasaction="ignore",
                            lineterminator="\n")
    writer.writerow({column: csvtext.safe_cell(column) for column in writer.fieldnames})  # safe as any cell
    bad = 0
    for index, (number, row) in enumerate(records):
        out = {key: ("" if value is None else value) for key, value in row.items()}
        messages = [m for m in (everyone, "; ".join(row_errors.get(index, ()))) if m]
        if messages:
            bad += 1
            out["errors"] = f"Row {number}: " + "; ".join(messages)
        elif result is not None:
            out.update({column: _cell(value) for column, value in calculator.batch_item_cells(result, index).items()})
            out["errors"] = ""
        else:
            out["errors"] = "Not worked out: fix the errors in the other rows first"
        writer.writerow({key: csvtext.safe_cell(value) for key, value in out.items()})
    totals = calculator.batch_total_cells(result) if result is not None and not bad else {}
    if totals:
        writer.writerow({column: csvtext.safe_cell(_cell(value)) for column, value in totals.items()})
    summary = {"rows": len(rows), "errors": bad if rows or not file_errors else 1}
    if file_errors:
        summary["messages"] = [f"{e['field'] or 'file'}: {e['message']}" for e in file_errors]
    return summary


def runner(name: str):
    """The batch function for a calculator: one calculation per row, one item per row valued on its
    own, or the whole file as one calculation."""
    calculator = registry.get(name)
    if not calculator.batch_items:
        return run_csv
    return run_one_csv if calculator.batch_as_one else run_lines_csv
