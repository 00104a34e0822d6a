"""Reading a file of inputs, from disk or read in the browser (never uploaded): a CSV file, or the
same table as a JSON list of objects or an .xlsx workbook (``spreadsheets``), one item of the
calculator's list input a row (see ``files.Files``). Several files, where a calculator opens several, are read one after another.
"""

from __future__ import annotations

import re

from . import column_names, file_kinds, spreadsheets
from .cleantext import shown
from .csvtext import decode
from .csvtext import rows as csv_rows
from .european_numbers import number_columns
from .files import ITEM
from .invalid_input import InvalidInput
from .jsontext import loads
from .words import join_words

MAX_FILE_CHARACTERS = 2_000_000  # a file read in the browser: a bids file is a few kilobytes
ONE_FILE = "This calculator opens one file at a time. Choose one file"
NO_FILE = "Choose a file to open"
JSON_SHAPE = ("A JSON file must be a list of objects, one a row, like [{\"measure\": \"apprenticeships\", "
              "\"quantity\": 2, \"years\": 3}], or a result saved with 'Download JSON'")


def item_columns(calculator) -> tuple[str, ...]:
    """The item inputs a row may give. A list inside an item (a bid's outcome lines) cannot be a
    column, so it is left out."""
    if calculator.files.columns:
        return calculator.files.columns
    list_spec = calculator.list_spec
    return tuple(spec.name for spec in list_spec.item_fields if spec.kind != "lines")


def content(name: str, data: bytes, field: str = "") -> str | bytes:
    """A file's bytes as ``table`` reads them: a workbook's bytes as they are (by its content, or
    its name), anything else as CSV or JSON text."""
    return data if spreadsheets.is_workbook(data, name) else decode(data, field)


def table(text: str | bytes, numbers: dict[str, str] | None = None,
          name: str = "") -> tuple[list[str], list[tuple[int, dict]]]:
    """A CSV file's columns and its numbered rows, or a JSON list of objects, or an .xlsx
    workbook's bytes (``spreadsheets``; other bytes are read as UTF-8 text), as the same table. ``numbers``: the columns read as
    numbers, by kind (see ``csvtext.rows``)."""
    if isinstance(text, bytes):
        text = content(name, text)
        if isinstance(text, bytes):
            return spreadsheets.table(text, name)
    if text.lstrip("\ufeff \t\r\n")[:1] == "[":
        return _json_table(text)
    header, records = csv_rows(text, numbers=numbers)
    return header, list(records)


def _json_table(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """A JSON list of objects as a table: each object a row (numbered from 1), its names the columns.
    A value must be a single value, as a spreadsheet cell is."""
    data = loads(text)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InvalidInput([{"field": "", "message": "A JSON file must be a list of objects, one a row, like "
                                                     "[{\"measure\": \"apprenticeships\", \"quantity\": 2, \"years\": 3}]"}])
    columns: list[str] = []
    records = []
    for number, item in enumerate(data, start=1):
        for key, value in item.items():
            if isinstance(value, (dict, list)):
                column = shown(str(key))[:40]
                raise InvalidInput([{"field": "", "message": f"Row {number}, column '{column}': give one value, "
                                                             f"not a list or an object"}])
            if key not in columns:
                columns.append(key)
        records.append((number, {key: None if value is None else str(value) if not isinstance(value, str) else value
                                 for key, value in item.items()}))
    return columns, records


def inputs_from_rows(calculator, rows: list[dict]) -> tuple[dict, list[dict]]:
    """One calculation's inputs from rows that are each one item of its list input.

    A top-level input (the weighting) may be given in any row, or in all of them, as long as every
    row that gives it agrees. Returns the inputs and the file's own problems, as field errors.
    """
    declared = calculator.files
    item_names = set(item_columns(calculator))
    labels = {spec.name: spec.sentence_label for spec in calculator.fields}
    inputs, errors = {}, []
    for top in declared.top_columns:
        given = []
        for row in rows:
            value = row.get(top)
            text = "" if value is None else str(value).strip()
            if text and text not in given:
                given.append(text)
        if len(given) > 1:
            shown = join_words([f"'{value[:20]}'" for value in given[:4]])
            errors.append({"field": top, "message": f"Every row that gives {labels[top]} must give the same one: "
                                                    f"this file has {shown}"})
        elif given:
            inputs[top] = given[0]
    inputs[declared.list_name] = [{key: value for key, value in row.items()
                                   if key in item_names and value is not None and str(value).strip()} for row in rows]
    return inputs, errors


def _opened_json_object(calculator, text: str) -> tuple[dict | None, list[dict]]:
    """A JSON object: this calculator's own result ("Download JSON"), whose inputs open to the same
    result, or a problem that says what it is and which file to open instead."""
    try:
        data = loads(text)
    except InvalidInput as invalid:
        return None, [{**e, "field": ""} for e in invalid.errors]
    written_by = file_kinds.result_json(data)
    if written_by == calculator.name:
        return data["inputs"], []
    if written_by:
        return None, [{"field": "", "message": file_kinds.refusal(calculator, written_by, "JSON")}]
    return None, [{"field": "", "message": JSON_SHAPE}]


def _one_table(calculator, text, name: str = "") -> tuple[list[str], list[tuple[int, dict]], list[dict], dict | None]:
    """A file's columns and rows, or its own problems as field errors; or, for this calculator's own
    result JSON, its inputs. ``text`` is CSV or JSON text, or a workbook's bytes."""
    needs_header = f"The file needs a header row with columns named {join_words(list(item_columns(calculator)))}"
    if not isinstance(text, (str, bytes)) or (isinstance(text, str) and len(text) > MAX_FILE_CHARACTERS):
        return [], [], [{"field": "", "message": "The file is too large to be a CSV file of this calculator's inputs"}], None
    if not text.strip():
        return [], [], [{"field": "", "message": needs_header}], None
    if isinstance(text, str) and text.lstrip("\ufeff \t\r\n")[:1] == "{":
        inputs, errors = _opened_json_object(calculator, text)
        return [], [], errors, inputs
    try:
        columns, records = table(text, number_columns(calculator), name)
    except InvalidInput as invalid:
        return [], [], [{**e, "field": ""} for e in invalid.errors], None
    if written_by := file_kinds.result_csv(columns):
        return [], [], [{"field": "", "message": file_kinds.refusal(calculator, written_by, "CSV")}], None
    if refused := calculator.refuse_file({str(column).strip().lower() for column in columns}):
        return [], [], [{"field": "", "message": refused}], None
    try:
        given, _ = column_names.match(calculator, columns)
    except InvalidInput as invalid:
        return [], [], invalid.errors, None
    if not any(key in item_columns(calculator) for key in given.values()):
        return [], [], [{"field": "", "message": needs_header}], None
    return columns, records, [], None


def read_files(calculator, files: list[tuple[str, str | bytes]]) -> tuple[dict, list[dict], dict]:
    """Files' names and text (or a workbook's bytes) as one calculation's inputs (see ``read_file``).
    A calculator that opens one file refuses two; a problem with one of several files names it.
    Columns are matched by key or label (``column_names``). About the files: each item's row number
    ("rows") and file name ("files"), the inputs the columns give ("columns"), each one's name in the
    file ("names") and the columns with values that this calculator does not use ("unused")."""
    about = {"rows": [], "files": [], "unused": [], "columns": [], "names": {}}
    if not files:
        return {}, [{"field": "", "message": NO_FILE}], about
    if len(files) > 1 and not calculator.files.several:
        return {}, [{"field": "", "message": ONE_FILE}], about
    records, problems = [], []
    for file_name, text in files:
        columns, rows, errors, whole = _one_table(calculator, text, file_name)
        if whole is not None and len(files) == 1:
            return whole, [], {**about, "whole": True}
        if whole is not None:
            errors = [{"field": "", "message": "A result file ('Download JSON') opens on its own: open it without "
                                               "other files"}]
        named = f"{shown(str(file_name))[:60]}: " if file_name and (len(files) > 1 or calculator.files.several) else ""
        problems += [{**error, "message": named + error["message"]} for error in errors]
        if errors:
            continue
        given, unknown = column_names.match(calculator, columns)
        records += [(file_name, number, column_names.renamed(row, given)) for number, row in rows]
        for column, key in given.items():
            if key not in about["columns"]:
                about["columns"].append(key)
                about["names"][key] = column
        about["unused"] += [column for column in unknown if column not in about["unused"]
                            and any(str(row.get(column) or "").strip() for _, row in rows)]
    if problems:
        return {}, problems, {**about, "unused": [], "columns": [], "names": {}}
    if not calculator.files.columns:  # rows that are the list's items one for one: messages name their rows
        about["rows"] = [number for _, number, _ in records]
        about["files"] = [file_name for file_name, _, _ in records] if len(files) > 1 else []
    inputs, errors = calculator.inputs_from_files(records, inputs_from_rows)
    return inputs, errors, about


def own_result(calculator, files: list[tuple[str, str]]) -> dict:
    """For a calculator whose rows are calculations (no file box): the inputs of its own result
    file ("Download JSON"), which opens again to the same result. Raises InvalidInput otherwise."""
    refused = (f"The {calculator.title.lower()} calculator opens only its own result file ('Download JSON'). Use "
               f"--csv to run one calculation a row")
    if len(files) == 1 and isinstance(files[0][1], str) and files[0][1].lstrip("\ufeff \t\r\n")[:1] == "{":
        inputs, errors = _opened_json_object(calculator, files[0][1])
        if inputs is not None:
            return inputs
        if any(error["message"] != JSON_SHAPE for error in errors):
            raise InvalidInput(errors)
    raise InvalidInput([{"field": "--open", "message": refused}])


def too_many_rows(calculator, inputs: dict) -> list[dict]:
    """A file opened in the form fills one list, so it may have no more rows than the form takes items.
    Checked before anything is computed or laid out: a 50,000-row file gets this message at once."""
    spec = calculator.list_spec
    count = len(inputs.get(spec.name) or ())
    if count <= spec.max_items:
        return []
    message = (f"This file has {count:,} rows, one for each {spec.sentence_label}, but the form takes up to "
               f"{spec.max_items:,} {spec.plural}. Open a file of {spec.max_items:,} rows or fewer")
    if calculator.files.rows == ITEM:
        message += ", or value every row of this file on the command line with --csv"
    return [{"field": "", "message": message}]


def read_file(calculator, text: str) -> tuple[dict, list[dict], dict]:
    """A file's text as one calculation's inputs: the columns are named like the item's inputs, plus
    any of the allowed top-level inputs. Returns the inputs, the file's own problems as field errors,
    and about the file (see ``read_files``)."""
    return read_files(calculator, [("", text)])


def with_row(error: dict, list_name: str, about: dict) -> dict:
    """An item's error with the row and column of the file it came from."""
    found = re.match(rf"^{re.escape(list_name)}\[(\d+)\]\.(\w+)$", error["field"])
    rows = about["rows"]
    if not found or int(found.group(1)) >= len(rows):
        return error
    index, column = int(found.group(1)), found.group(2)
    row, the_file = rows[index], about["files"][index] if about["files"] else "the file"
    where = (f"row {row}, column '{shown(about['names'].get(column, column))[:40]}' of {the_file}"
             if column in about["columns"]
             else f"row {row} of {the_file}, which has no '{column}' column")
    return {**error, "message": f"{error['message']} ({where})"}
