"""CSV files as officers really have them: read safely, whatever the spreadsheet saved.

Accepts a byte-order mark, detects UTF-16 (and says so), detects ';' and tab separators, skips
blank rows and rows of commas, refuses a header that names a column twice, and numbers rows as
the spreadsheet shows them (the header is row 1; blank lines count). Problems are InvalidInput
errors on the given field (``--csv`` on the command line), never a traceback.
"""

from __future__ import annotations

import csv
import re

from . import european_numbers
from .cleantext import shown
from .invalid_input import InvalidInput

# Excel on Windows opens a CSV file without one, on a double-click, in its legacy code page
# ("£" shows as "Â£"), so CSV written for people starts with it; every reader here accepts it.
BOM = "\ufeff"
MAX_FIELD = 131_072  # csv's own limit for one cell, kept: no real cell is this long
SEPARATORS = {";": "';'", "\t": "a tab"}


def _fail(field: str, message: str):
    raise InvalidInput([{"field": field, "message": message}])


def decode(data: bytes, field: str = "--csv") -> str:
    """The text of a CSV file's bytes (UTF-8, with or without a byte-order mark)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > 2:
        _fail(field, "This file is saved as UTF-16 (Excel's 'Unicode text'). Save it as 'CSV UTF-8' and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(field, "This file is not UTF-8 text. Save it as 'CSV UTF-8' and try again")


def separator(text: str) -> str:
    """The separator the header line uses: ',' unless it has no comma but ';' or tabs."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    if "," in header:
        return ","
    found = [sep for sep in SEPARATORS if sep in header]  # a spreadsheet saved in a European locale
    return max(found, key=header.count) if found else ","


def checked_header(cells, field: str = "--csv") -> list[str]:
    """A header row's column names, stripped; refused when it names nothing, or a column twice."""
    if not cells or not any(cell.strip() for cell in cells):
        _fail(field, "The file has no header row: the first row must name the columns")
    header = [cell.strip() for cell in cells]
    seen = set()
    for name in header:
        if name and name in seen:
            _fail(field, f"The header names the column '{shown(name)[:40]}' twice. Keep one of them")
        seen.add(name)
    return header


# A line with its ending (\n, \r\n or \r), as io.StringIO(text, newline="") gives them to the CSV reader.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str):
    """The lines of ``text`` one by one, without io.StringIO's copy of the whole text (4 bytes a
    character: 14 MB for a 100,000-row batch)."""
    return (line.group() for line in LINE.finditer(text))


def rows(text: str, field: str = "--csv", numbers: dict[str, str] | None = None):
    """(header, iterator of (row number, {column: value})) for CSV text. Blank rows are skipped;
    cells past the header's columns are dropped; a missing cell is None. ``numbers``: the columns
    read as numbers, by kind, whose cells in a ';' file must be clear (see european_numbers)."""
    text = text.lstrip("\ufeff")
    european = numbers if separator(text) == european_numbers.SEPARATOR else {}
    # strict: a quote never closed is an error, not a cell that swallows every row after it
    reader = csv.reader(_lines(text), delimiter=separator(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as problem:
        _fail(field, f"Row 1 could not be read as CSV: {_why(problem)}")
    header = checked_header(header, field)

    def records():
        line = reader.line_num  # the spreadsheet's row number is the line a record starts on
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as problem:
                _fail(field, f"Row {line + 1} could not be read as CSV: {_why(problem)}")
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # a blank row, or a row of separators only
            for name, cell in zip(header, cells) if european else ():
                if name in european and (unclear := european_numbers.problem(cell, european[name])):
                    _fail(field, f"Row {start}, column '{shown(name)[:40]}': {unclear}")
            # unguarded() only for a cell that starts with an apostrophe: a large file has a million cells
            yield start, {name: (None if i >= len(cells) else unguarded(cells[i]) if cells[i][:1] == "'" else cells[i])
                          for i, name in enumerate(header) if name}

    return header, records()


def _why(problem: csv.Error) -> str:
    """Why a row could not be read, in words a spreadsheet user knows."""
    text = str(problem)
    if "field larger" in text:
        return f"a cell is longer than {MAX_FIELD:,} characters"
    if "unexpected end of data" in text:
        return ('a quote (") opens a cell in this row and is never closed, so every row after it would be read '
                'as part of that cell. Close the quote, or delete it')
    if "expected after" in text:
        return 'a cell has more text after its closing quote ("). Put the whole cell in quotes, or delete the quotes'
    return text[:120]


# Characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain signed number (-5, +3.2, -1e5): the only text starting like a formula that stays as it is.
PLAIN_NUMBER = re.compile(r"[+-](?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Any character ``safe_cell`` might change after a cell's start: every C0 and C1 control (a carriage
# return and more) and half a UTF-16 pair. A cell with none, that starts like no formula, is kept as it is.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def safe_cell(value):
    """A cell a spreadsheet will show as text: control characters replaced, and one that starts like
    a formula gets a leading apostrophe. Plain numbers (-5, +3.2) stay numbers; "-inf", "\t5" and the like do not. A line
    break inside a cell is written as one "\n", so the writer quotes it (it leaves a lone "\r" bare,
    which a spreadsheet reads as the end of a row)."""
    if not isinstance(value, str):
        return value
    if not UNSAFE.search(value) and not value.startswith(FORMULA_START):
        return value  # most cells: nothing to replace (one search, not four passes: a batch has millions)
    value = shown(value)  # a control character would reach a terminal that prints the file
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


def unguarded(text: str) -> str:
    """A cell as it was before ``safe_cell`` guarded it: "'=Care workers" is read as "=Care workers",
    so that a file this Toolkit wrote opens again to the same inputs."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def cell(value):
    """One CSV cell: true/false for booleans, blank for None, the items of a list joined with "; ",
    and text that a spreadsheet would run as a formula made safe (see ``safe_cell``)."""
    if type(value) is int or type(value) is float:
        return value  # most cells of a batch: nothing to change
    value = plain_cell(value)
    return "" if value is None else safe_cell(value)


def plain_cell(value):
    """A value as a spreadsheet cell holds it, before any escaping: true/false for booleans, the
    items of a list joined with "; ", and None (a blank cell) as it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value
