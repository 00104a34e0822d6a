"""CSV batches on the command line: one calculation per row, for a forward plan of contracts or a
list of outcomes. A layer above ``api``: each calculation runs the calculator's ``run``, as ``api.run`` does.

A bad row gets its row number (as the spreadsheet shows it) and messages in the ``errors``
column; the other rows still run. Columns the calculator does not know (a contract reference, a
name) are kept as they are. What a row is comes from the calculator's ``files`` declaration: a
whole calculation; one item of a list input, valued on its own (and compared with
``batch_comparison``); or one item of a calculation that is the whole file (the bids of one
evaluation), whose top-level inputs may be given in any row.
"""

from __future__ import annotations

import csv
import re

from . import api, column_names, csvtext, export, file_kinds, file_reading, files, registry, spreadsheets
from .european_numbers import number_columns
from .invalid_input import InvalidInput
from .money import to_json

ITEM_FIELD = re.compile(r"^([A-Za-z_]+)\[(\d+)\]\.?(.*)$")


def _columns(calculator, header: list[str]) -> tuple[dict[str, str], list[str]]:
    """The inputs a batch's columns give (by key or label) and the columns that give none, which are
    kept as they are and listed in the summary. A result file is refused: its rows are not inputs."""
    if written_by := file_kinds.result_csv(header):
        raise InvalidInput([{"field": "--csv", "message": file_kinds.refusal(calculator, written_by, "CSV")}])
    try:
        return column_names.match(calculator, header)
    except InvalidInput as invalid:
        raise InvalidInput([{**error, "field": "--csv"} for error in invalid.errors]) from None


def _summary(rows: int, errors: int, unknown: list[str]) -> dict:
    summary = {"rows": rows, "errors": errors}
    if unknown:  # never silently dropped: a misnamed column would otherwise leave a default in its place
        summary["unknown_columns"] = unknown
    return summary


def _table(calculator, source):
    """A batch file's header and numbered rows: CSV text, or an .xlsx workbook's bytes."""
    content = source.read()
    if isinstance(content, bytes):
        return spreadsheets.table(content, getattr(source, "name", ""), "--csv")
    return csvtext.rows(content, numbers=number_columns(calculator))


def _run_rows(name: str, source, target, inputs_of, field_name, options) -> dict:
    """The loop both batch shapes share: read a row, run it, write its inputs with its results or
    errors, and keep nothing of it but what the comparisons between rows need, so memory stays the
    same however long the file.

    Each row runs ``Calculator.run``, the validation and rules ``api.run`` runs, with the
    calculator's ``batch_options``; of the result, only the cells the batch writes are made
    JSON-ready (as ``api.run`` makes the whole result), and no permalink is made: a row's file has none."""
    calculator = registry.get(name)
    header, records = _table(calculator, source)
    given, unknown = _columns(calculator, header)
    extra = [c for c in calculator.result_columns if c not in header]
    columns = [c for c in header if c] + extra + ["errors"]
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([csvtext.safe_cell(column) for column in columns])  # safe as any cell
    compare = calculator.batch_comparison()
    rows = errors = 0
    for number, row in records:
        present = column_names.renamed({key: value for key, value in row.items() if value not in (None, "")}, given)
        out = {key: ("" if value is None else csvtext.safe_cell(value)) for key, value in row.items()}
        try:
            result = calculator.run(inputs_of(present), **options, **calculator.batch_options(number))
        except InvalidInput as invalid:
            messages = "; ".join(f"{field_name(e['field']) or 'row'}: {e['message']}" for e in invalid.errors)
            out["errors"] = csvtext.safe_cell(f"Row {number}: {messages}")
            errors += 1
        else:
            # csvtext.cell makes each cell safe already (safe_cell gives the same cell again)
            out.update({column: csvtext.cell(to_json(value)) for column, value in calculator.batch_cells(result).items()})
            out["errors"] = ""
            notes = compare(number, out, result)
            if notes:
                out["warnings"] = csvtext.safe_cell("; ".join(item for item in (out.get("warnings"), *notes) if item))
        writer.writerow([out.get(column, "") for column in columns])
        rows += 1
    return _summary(rows, errors, unknown)


def run_csv(name: str, source, target, **options) -> dict:
    """Read rows from ``source``, write rows with results to ``target``; return a summary."""
    known = {spec.name for spec in registry.get(name).fields}
    return _run_rows(name, source, target, lambda present: {k: v for k, v in present.items() if k in known},
                     lambda field: field, options)


def run_lines_csv(name: str, source, target, **options) -> dict:
    """Like ``run_csv``, but each row is one item of the calculator's list input (one outcome line).

    Columns are named like the item's keys (measure, quantity, years, ...) plus the allowed
    top-level inputs (price_year, discount_rate, contract_value). Each row is valued on its own;
    the calculator compares each row with those before it (possible double counting) with
    ``batch_comparison``.
    """
    calculator = registry.get(name)
    list_name, top_names = calculator.files.list_name, calculator.files.top_columns
    item_names = set(file_reading.item_columns(calculator))
    prefix = f"{list_name}[0]."

    def inputs_of(present: dict) -> dict:
        inputs = {key: value for key, value in present.items() if key in top_names}
        inputs[list_name] = [{key: value for key, value in present.items() if key in item_names}]
        return inputs

    return _run_rows(name, source, target, inputs_of,
                     lambda field: field[len(prefix):] if field.startswith(prefix) else field, options)


def run_one_csv(name: str, source, target, **options) -> dict:
    """The whole file is one calculation, one item of its list input a row (``files.WHOLE_FILE``).

    Each output row keeps its input columns and adds its item's results, or its own errors. A
    problem with the whole file (a top-level input, too few rows) is written on every row. A
    calculator with totals (``batch_total_cells``) gets them in a last row.
    """
    calculator = registry.get(name)
    list_name = calculator.files.list_name
    columns, records = _table(calculator, source)
    given, unknown = _columns(calculator, columns)
    records = list(records)
    rows = [column_names.renamed(row, given) for _, row in records]
    inputs, file_errors = file_reading.inputs_from_rows(calculator, rows)
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
            out.update({column: csvtext.cell(value) for column, value in calculator.batch_item_cells(result, index).items()})
            out["errors"] = ""
        else:
            out["errors"] = "Not worked out: fix the errors in the other rows first"
        writer.writerow({key: csvtext.safe_cell(value) for key, value in out.items()})
    totals = calculator.batch_total_cells(result) if result is not None and not bad else {}
    if totals:
        writer.writerow({column: csvtext.cell(value) for column, value in totals.items()})
    summary = _summary(len(rows), bad if rows or not file_errors else 1, unknown)
    if file_errors:
        summary["messages"] = [f"{e['field'] or 'file'}: {e['message']}" for e in file_errors]
    return summary


def open_files(name: str, files: list[tuple[str, str]], **options) -> dict:
    """One calculation from files (their names and text), as the form opens them (``--open``).
    Raises InvalidInput with the files' own problems, or the calculation's, each item's naming the
    row and column of the file it came from."""
    calculator = registry.get(name)
    if not calculator.files.in_form:
        return api.run(name, file_reading.own_result(calculator, files), **options)
    inputs, errors, about = file_reading.read_files(calculator, files)
    if errors:
        raise InvalidInput(errors)
    try:
        result = api.run(name, inputs, **options)
        # A column that gives no input is named, never silently dropped.
        return {**result, "unknown_columns": about["unused"]} if about["unused"] else result
    except InvalidInput as invalid:
        invalid.errors = [file_reading.with_row(error, calculator.files.list_name, about) for error in invalid.errors]
        raise


def run_grouped_csv(name: str, source, target, **options) -> dict:
    """A file whose rows the calculator groups its own way (``Files.columns``: the report's delivery
    reports, a contract's quarter many rows) is one calculation, as ``--open`` reads it: the result's
    CSV is written, or the file's problems are returned."""
    try:
        result = open_files(name, [("", source.read())], **options)
    except InvalidInput as invalid:
        return {"rows": 0, "errors": len(invalid.errors),
                "messages": [f"{e['field'] or 'file'}: {e['message']}" for e in invalid.errors]}
    target.write(export.to_csv(registry.get(name), result))
    return {"rows": len(result.get("contracts", ())), "errors": 0}


def runner(name: str):
    """The batch function for a calculator, from what its files' rows are."""
    declared = registry.get(name).files
    if declared.columns:
        return run_grouped_csv
    return {files.CALCULATION: run_csv, files.ITEM: run_lines_csv, files.WHOLE_FILE: run_one_csv}[declared.rows]
