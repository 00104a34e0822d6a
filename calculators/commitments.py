"""The commitments file: one format, in CSV and JSON, from a provider's valuation to the contract
manager's monitoring.

A row is one commitment. It is a valuation line (a measure from the catalogue, or a custom line
with its own label, unit and proxy; the quantity a year; the years; the adjustments) with optional
KPI columns: a reference, the evidence expected and a due date. ``price_year`` is the year whose
prices your own proxies are in; it is the same on every row. The JSON form is a list of objects
with the same names. A delivery report is the same file with ``delivered`` (the quantity delivered
to date) and the contract's ``contract_months`` and ``months_elapsed``.

Files are read in the browser and never uploaded: the worker hands their text to ``read``. A
problem names its row (1 is the first row under the header) and its column. Blank cells stay
blank, so a commitments file opens in the monitoring calculator before anything is delivered; the
calculator then asks for what it needs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .inputs import PARSERS, Field, InvalidInput, join_words
from .money import to_json
from .rows import gather, is_blank

# The columns of a commitments file, in the order they are written.
COLUMNS = ("ref", "measure", "label", "unit", "priority", "quantity", "years", "deadweight", "attribution",
           "displacement", "drop_off", "proxy", "price_year", "evidence", "due")
REQUIRED_COLUMNS = ("measure", "quantity", "years")
# A delivery report adds these.
REPORT_COLUMNS = ("delivered", "contract_months", "months_elapsed", "contract_value")
MAX_CHARACTERS = 5_000_000  # far more than 1,000 commitments need
MAX_PROBLEMS_SHOWN = 10
FILE_FIELD = "file"  # the name errors about a file carry: the page shows them beside its file input

KPI_FIELDS = (
    Field(
        "ref", "Reference", "text",
        hint="Optional: the commitment's reference in the contract, for example KPI 3.",
        required=False, default="", max_length=40, width=10, extra={"noun": "a reference"},
    ),
    Field(
        "evidence", "Evidence expected", "text",
        hint="Optional: what the provider will keep to show delivery, for example a payroll extract.",
        required=False, default="", max_length=200, width=30, extra={"noun": "the evidence expected"},
    ),
    Field(
        "due", "Due date", "date",
        hint="Optional: the date the whole commitment is due, as YYYY-MM-DD.",
        required=False, default=None, width=10,
        extra={"earliest": dt.date(2000, 1, 1), "latest": dt.date(2099, 12, 31)},
    ),
)


def _problem(message: str) -> dict:
    return {"field": FILE_FIELD, "message": message}


def table(text: str) -> tuple[list[str], list[dict]]:
    """The columns and rows of a CSV or JSON file's text; raises InvalidInput if it is neither.

    JSON is a list of objects. Column names are read without case or surrounding spaces.
    """
    if not isinstance(text, str):
        raise InvalidInput([_problem("The file could not be read as text")])
    if len(text) > MAX_CHARACTERS:
        raise InvalidInput([_problem(f"The file is too large: a commitments file has at most "
                                     f"{MAX_CHARACTERS:,} characters")])
    text = text.lstrip("\ufeff")
    if text.lstrip()[:1] in ("[", "{"):
        return _json_table(text)
    return _csv_table(text)


def _csv_table(text: str) -> tuple[list[str], list[dict]]:
    try:
        raw = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as problem:
        raise InvalidInput([_problem(f"The file is not a CSV file that can be read: {problem}")]) from None
    while raw and not any(cell.strip() for cell in raw[0]):
        raw.pop(0)
    if not raw:
        raise InvalidInput([_problem("The file is empty. A commitments file has a header row of column names, "
                                     "then one row for each commitment")])
    columns = [cell.strip().lower() for cell in raw[0]]
    _check_columns(columns)
    rows, problems = [], []
    for number, cells in enumerate((cells for cells in raw[1:] if cells), start=1):
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns):]):
            problems.append(_problem(f"Row {number} has more cells than the header has column names"))
        rows.append({column: cell for column, cell in zip(columns, cells) if column})
    if problems:
        raise InvalidInput(problems)
    return columns, rows


def _json_table(text: str) -> tuple[list[str], list[dict]]:
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as problem:
        raise InvalidInput([_problem(f"The file is not valid JSON: {str(problem)[:120]}")]) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InvalidInput([_problem("A JSON commitments file must be a list of objects, one for each commitment, "
                                     "like [{\"measure\": \"apprenticeships\", \"quantity\": 2, \"years\": 3}]")])
    columns, rows, problems = [], [], []
    for number, item in enumerate(data, start=1):
        row = {}
        for key, value in item.items():
            name = str(key).strip().lower()
            if isinstance(value, (dict, list)):
                problems.append(_problem(f"Row {number}, column '{name[:40]}': give a single value, not a list or an object"))
                continue
            if name not in columns:
                columns.append(name)
            row[name] = value
        rows.append(row)
    if problems:
        raise InvalidInput(problems)
    return columns, rows


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _check_columns(columns: list[str]) -> None:
    seen, problems = set(), []
    for column in columns:
        if column and column in seen:
            problems.append(_problem(f"The column '{column[:40]}' appears twice in the header"))
        seen.add(column)
    if problems:
        raise InvalidInput(problems)


def read(text: str, calculator) -> dict:
    """A commitments file (or delivery report) as values for a calculator's form.

    Returns ``{"items", "top", "ignored", "message"}``: the list input's items, each with every item
    field (blank ones as ""), the top-level inputs the file gives, the columns the calculator does
    not use, and a sentence saying what was opened. Raises InvalidInput with every problem, each
    naming its row and column.
    """
    list_name, top_names = calculator.batch_items
    list_spec = next(spec for spec in calculator.fields if spec.name == list_name)
    item_specs = {spec.name: spec for spec in list_spec.item_fields}
    top_specs = {spec.name: spec for spec in calculator.fields if spec.name in top_names}
    columns, rows = table(text)
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise InvalidInput([_problem(f"The file has no {join_words([repr(c) for c in missing])} column. A commitments "
                                     f"file needs the columns {join_words(list(REQUIRED_COLUMNS))}, named in its "
                                     f"first row")])
    inputs, conflicts, places = gather(rows, list_name, item_specs, top_specs)
    items = inputs.pop(list_name)
    if not items:
        raise InvalidInput([_problem(f"The file has no {list_spec.extra.get('plural', 'rows')}: add one row for each, "
                                     f"under the header")])
    if len(items) > list_spec.max_items:
        raise InvalidInput([_problem(f"The file has {len(items):,} {list_spec.extra.get('plural', 'rows')}. You can "
                                     f"open up to {list_spec.max_items:,}")])
    problems = [f"Row {c['row']}, column '{c['column']}': {c['message']}" for c in conflicts]
    clean_items = []
    for item, number in zip(items, places["items"]):
        clean = {}
        for name, spec in item_specs.items():
            value, message = _cell(spec, item.get(name))
            if message:
                problems.append(f"Row {number}, column '{name}': {message}")
            clean[name] = value
        clean_items.append(clean)
    top = {}
    for name, raw in inputs.items():
        value, message = _cell(top_specs[name], raw)
        if message:
            problems.append(f"Row {places[name]}, column '{name}': {message}")
        top[name] = value
    if problems:
        shown = [_problem(message) for message in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(_problem(f"There are {len(problems) - MAX_PROBLEMS_SHOWN:,} more problems in the file. "
                                  f"Fix these first, then open it again"))
        raise InvalidInput(shown)
    known = set(item_specs) | set(top_specs)
    # Columns the calculator does not use, if they say anything (a blank "evidence" column is no news).
    ignored = [column for column in columns if column and column not in known
               and any(not is_blank(row.get(column)) for row in rows)]
    count = len(clean_items)
    noun = list_spec.sentence_label if count == 1 else list_spec.extra.get("plural", "rows")
    message = f"Opened a file with {count:,} {noun}. Check the form, then change anything you need to."
    if ignored:
        message += (f" This calculator does not use the column{'' if len(ignored) == 1 else 's'} "
                    f"{join_words([c[:40] for c in ignored])}.")
    return {"items": clean_items, "top": top, "ignored": ignored, "message": message}


def _cell(spec: Field, raw) -> tuple[object, str | None]:
    """One cell as the form shows it ("" when blank), or the message for a bad value."""
    if is_blank(raw):
        return "", None
    value, message = PARSERS[spec.kind](spec, raw)
    if message:
        return "", message
    return to_json(value), None


def rows_from_inputs(inputs: dict, list_name: str, top_names=("price_year",)) -> list[dict]:
    """The rows of a file for a calculation's clean inputs: each item, with the top-level inputs
    named in ``top_names`` repeated on every row."""
    top = {name: inputs.get(name) for name in top_names}
    return [{**item, **top} for item in inputs.get(list_name, [])]


def write_csv(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as CSV text with these columns; a blank cell for a value not given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_text(row.get(column)) for column in columns])
    return out.getvalue()


def write_json(rows: list[dict], columns=COLUMNS) -> str:
    """Rows as the JSON form: a list of objects, without the values not given."""
    return json.dumps([{column: row[column] for column in columns if not is_blank(row.get(column))} for row in rows],
                      indent=2, ensure_ascii=False) + "\n"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
