"""Reading a benchmarks file (``benchmarks.py``: the Policy report writes it) for the bid evaluation's
realism check and the proportionality calculator: CSV, JSON or an .xlsx workbook (as the report page
downloads it), from disk or read in the browser (never uploaded). A file that is not one (a bids file,
a delivery report) is refused by its columns, so it can never be read as bids; each bad cell is named
by its file, row and column.

A result's inputs carry the benchmarks file it used (``carried``: its name and rows, as compact CSV
text), so that its link and its saved JSON give the same flags when opened again (``from_inputs``).
"""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from .benchmarks import COLUMNS
from .cleantext import shown
from .file_reading import MAX_FILE_CHARACTERS, content, table
from .invalid_input import InvalidInput
from .jsontext import loads
from .measures import CUSTOM, catalogue

FIELD = "benchmarks"
NEEDED = ("measure", "contracts", "committed_contracts", "committed_upper_quartile", "delivered_contracts",
          "delivered_median")
NOT_BENCHMARKS = ("{name}is not a benchmarks file: it has no {missing} column. A benchmarks file comes from the "
                  "Policy report (Download benchmarks on the report page, or --benchmarks on the command line)")
NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Benchmarks:
    """A benchmarks file's rows, each with its figures as Decimals (None when blank)."""
    rows: tuple[dict, ...]
    name: str = ""

    def row(self, measure_id: str, value=None) -> dict | None:
        """The row over contracts of any value (``value`` None), or of the band a contract value is in."""
        for row in self.rows:
            if row["measure"] != measure_id:
                continue
            if value is None and row["value_from"] is None:
                return row
            if value is not None and row["value_from"] is not None and row["value_from"] <= value and (
                    row["value_to"] is None or value < row["value_to"]):
                return row
        return None

    @property
    def period(self) -> tuple:
        return (min((row["period_from"] for row in self.rows if row["period_from"]), default=None),
                max((row["period_to"] for row in self.rows if row["period_to"]), default=None))


def _problem(where: str, message: str) -> dict:
    return {"field": FIELD, "message": f"{where}: {message}"}


def _cell(raw, column: str, where: str, problems: list[dict]):
    text = "" if raw is None else str(raw).strip()
    if column in ("measure", "unit"):
        return text
    if not text:
        if column in ("measure", "contracts", "committed_contracts", "delivered_contracts"):
            problems.append(_problem(where, "this cell is blank; open the benchmarks file the report wrote"))
        return None
    if column in ("period_from", "period_to"):
        try:
            if DATE.match(text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        problems.append(_problem(where, f"'{shown(text)[:20]}' is not a date like 2027-03-31"))
        return None
    if not NUMBER.match(text):
        problems.append(_problem(where, f"'{shown(text)[:20]}' is not a number like 2.5"))
        return None
    number = Decimal(text.replace(",", ""))
    if column.endswith("contracts") and number != number.to_integral_value():
        problems.append(_problem(where, f"'{shown(text)[:20]}' is not a whole number of contracts"))
        return None
    if column.startswith("delivered_") and not column.endswith("contracts") and number > 100:
        problems.append(_problem(where, f"{shown(text)[:20]} is more than 100%"))
        return None
    return int(number) if column.endswith("contracts") else number


def read_benchmarks(text: str | bytes, file_name: str = "") -> Benchmarks:
    """A benchmarks file's text (or a workbook's bytes) as its rows; raises InvalidInput naming the file,
    row and column of every problem (up to 50)."""
    file_name = str(file_name).replace("\\", "/").rsplit("/", 1)[-1]  # a path's folders say nothing useful
    name = shown(file_name)[:60] if file_name else "The benchmarks file"
    if not isinstance(text, (str, bytes)) or len(text) > MAX_FILE_CHARACTERS:
        raise InvalidInput([{"field": FIELD, "message": f"{name} is too large to be a benchmarks file"}])
    try:
        text = content(file_name, text, FIELD) if isinstance(text, bytes) else text
        columns, records = table(text, name=file_name) if text.strip() else ([], [])
    except InvalidInput as invalid:
        raise InvalidInput([{"field": FIELD, "message": f"{name}: {error['message']}"} for error in invalid.errors])
    lowered = [str(column).strip().lower() for column in columns]
    missing = [column for column in NEEDED if column not in lowered]
    if missing:
        raise InvalidInput([{"field": FIELD, "message": NOT_BENCHMARKS.format(
            name=f"{name} " if file_name else "This file ", missing=f"'{missing[0]}'")}])
    known, problems, rows, seen = {item.id for item in catalogue()}, [], [], set()
    for number, record in records:
        cells = {str(key).strip().lower(): value for key, value in record.items()}
        row = {}
        for column in COLUMNS:
            where = f"{name}, row {number}, column '{column}'"
            row[column] = _cell(cells.get(column), column, where, problems)
        if row["measure"] and (row["measure"] == CUSTOM or row["measure"] not in known):
            problems.append(_problem(f"{name}, row {number}, column 'measure'",
                                     f"'{shown(row['measure'])[:40]}' is not a measure in the catalogue"))
        key = (row["measure"], row["value_from"])
        if key in seen:
            problems.append(_problem(f"{name}, row {number}", "this measure and value band is given twice"))
        seen.add(key)
        rows.append(row)
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise InvalidInput(problems[:MAX_PROBLEMS])
    return Benchmarks(tuple(rows), str(file_name))


NOT_READ = "The benchmarks file could not be read. Choose it again"


def _named(data) -> Benchmarks:
    """A benchmarks file given as ``{"name", "text"}``, or a workbook as ``{"name", "base64"}`` (its bytes,
    as the page reads them); raises InvalidInput."""
    if isinstance(data, dict) and isinstance(data.get("base64"), str) and len(data["base64"]) <= MAX_FILE_CHARACTERS:
        try:
            return read_benchmarks(base64.b64decode(data["base64"], validate=True), str(data.get("name") or ""))
        except (binascii.Error, ValueError):
            pass
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InvalidInput([{"field": FIELD, "message": NOT_READ}])
    return read_benchmarks(data["text"], str(data.get("name") or ""))


def from_browser(benchmarks_json: str) -> Benchmarks | None:
    """The benchmarks file the page sends with a request (``{"name", "text"}`` as JSON text, read in the
    browser and never uploaded), or None when no file is chosen; raises InvalidInput."""
    if not benchmarks_json:
        return None
    try:
        data = loads(benchmarks_json) if isinstance(benchmarks_json, str) else None
    except (InvalidInput, ValueError, RecursionError):
        data = None
    return _named(data)


def _cell_text(value) -> str:
    """A cell as ``read_benchmarks`` reads it back: a number in plain digits, never 1E-7."""
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def carried(benchmarks: Benchmarks) -> dict:
    """What a result's inputs hold of the benchmarks file it used: its name and its rows as CSV text, the
    fewest characters a link can carry that read back to the same rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell_text(row[column]) for column in COLUMNS] for row in benchmarks.rows)
    return {"name": benchmarks.name, "text": out.getvalue()}


def carried_summary(given: dict) -> str:
    """What the benchmarks box says when its file came with a link or a saved result, not chosen in it."""
    name = shown(str(given.get("name") or ""))[:60] or "A benchmarks file"
    return f"{name} is open: the link or saved result you opened holds it. Choose a file here to use another one."


def from_inputs(inputs) -> Benchmarks | None:
    """The benchmarks file a link or a saved result carries in its inputs (``carried``), or None when it
    carries none; raises InvalidInput, naming the benchmarks' field."""
    given = inputs.get(FIELD) if isinstance(inputs, dict) else None
    return None if given in (None, "", {}) else _named(given)
