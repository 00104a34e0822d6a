"""Excel workbooks (.xlsx): read as exactly the table a CSV file gives (``file_reading.table``), and
written from the same rows the CSV writers write.

A workbook is read from its first sheet, or, when it has several sheets with something in them,
from the sheet named like a template (``SHEETS``). Excel's own numbers and dates are read as
numbers and dates: a number as the digits a spreadsheet shows (to 15 significant digits), a cell
formatted as a percentage as "25%", a date as YYYY-MM-DD. A formula's saved value is read; a
formula with no saved value, an error value (#DIV/0!) and merged cells in the table are refused,
naming the sheet and cell. So are files that are not .xlsx (an old .xls, an .ods, a picture), a
workbook locked with a password, a damaged one, and one whose parts unpack to more than
``MAX_UNPACKED_BYTES`` (a zip bomb). Its XML is read with defusedxml (no entities, so no XML bomb).

openpyxl (pure Python) is imported only inside the functions that read or write a workbook, so the
rest of the core runs with the standard library alone. In the browser its wheels are loaded only
when someone opens or asks for an .xlsx (browser/CONTRACT.md).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import Decimal

from .cleantext import shown
from .csvtext import checked_header, plain_cell
from .invalid_input import InvalidInput
from .words import join_words

# The sheet each file's rows are on, by the key of the download (and template) that writes it.
SHEETS = {"commitments": "Commitments", "delivery-report": "Delivery report"}
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls, or an .xlsx locked with a password
MAX_UNPACKED_BYTES = 100_000_000  # a 50,000-row workbook unpacks to about 40 MB
MAX_PARTS = 10_000
OTHER_KINDS = ((b"\x89PNG", "a PNG picture"), (b"\xff\xd8\xff", "a JPEG picture"), (b"%PDF", "a PDF document"),
               (b"GIF8", "a GIF picture"))
SAVE_AGAIN = "Open it in your spreadsheet program and save it again as an Excel workbook (.xlsx) or CSV"
DATE_FORMAT = "yyyy-mm-dd"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UNSAVED = "unsaved formula"  # a formula cell with no saved value (openpyxl reads it as empty)


def is_workbook(data: bytes, name: str = "") -> bool:
    """True for a file to read here rather than as CSV text: a zip or an old Office file, or a file
    named like a workbook (which this module then names for what it is)."""
    return data.startswith((ZIP, OLE)) or str(name).lower().endswith(EXTENSIONS)


def _fail(field: str, message: str):
    raise InvalidInput([{"field": field, "message": message}])


def _named(name: str) -> str:
    """The file's name (without its folder) as a message shows it."""
    return shown(str(name).replace("\\", "/").rsplit("/", 1)[-1])[:60] or "The file"


def _check_kind(data: bytes, name: str, field: str) -> None:
    """Refuses a file that is not an .xlsx workbook, saying what it is and what to do."""
    file = _named(name)
    if data.startswith(OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            _fail(field, f"{file} is locked with a password, so it cannot be read. Open it in your spreadsheet "
                         f"program, remove the password (in Excel: File > Info > Protect Workbook > Encrypt with "
                         f"Password) and save it again")
        _fail(field, f"{file} is an old Excel workbook (.xls, Excel 97-2003), which this Toolkit does not read. "
                     f"{SAVE_AGAIN}")
    if not data.startswith(ZIP):
        kind = next((what for start, what in OTHER_KINDS if data.startswith(start)), "")
        if kind:
            _fail(field, f"{file} is not a spreadsheet: it is {kind}. Choose the .xlsx or CSV file of your rows")
        if _text_like(data[:4000]):
            _fail(field, f"{file} is named like a workbook but holds text. If it is a CSV file, rename it to end "
                         f"in .csv, and open it again")
        _fail(field, f"{file} is not an Excel workbook (.xlsx), or it is damaged. {SAVE_AGAIN}")
    if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
        _fail(field, f"{file} is an OpenDocument spreadsheet (.ods), which this Toolkit does not read. "
                     f"{SAVE_AGAIN} (in LibreOffice: File > Save As, then choose Excel 2007-365)")


def _text_like(head: bytes) -> bool:
    """True when a file's first bytes are UTF-8 text (a CSV file, say), up to the last whole line."""
    if b"\x00" in head:
        return False
    try:
        (head[: head.rfind(b"\n")] if b"\n" in head else head).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_parts(data: bytes, name: str, field: str, limit: int) -> None:
    """A zip bomb's guard: the parts' unpacked sizes, as the zip declares them, add up to no more
    than ``limit`` (Python's zipfile never unpacks a part beyond its declared size)."""
    file = _named(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        _fail(field, f"{file} is damaged: it could not be unpacked. {SAVE_AGAIN}")
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > limit:
        _fail(field, f"{file} unpacks to more than {limit // 1_000_000:,} MB, far more than a workbook of rows needs, "
                     f"so it was not opened. {SAVE_AGAIN}, or split it into smaller files")
    if not any(part.filename.startswith("xl/") for part in parts):
        _fail(field, f"{file} is a zip file, not an Excel workbook (.xlsx). {SAVE_AGAIN}")


def _openpyxl(field: str):
    """openpyxl, once it is known to read XML through defusedxml."""
    try:
        import defusedxml  # noqa: F401 - openpyxl uses it when it can be imported
        import openpyxl
    except ImportError:
        _fail(field, "Excel workbooks are read with the openpyxl and defusedxml packages, which could not be loaded. "
                     "In the browser, check your internet connection and open the file again; on the command line, "
                     "install them (pip install openpyxl defusedxml). Or save the file as CSV")
    if not openpyxl.DEFUSEDXML:
        _fail(field, "Excel workbooks are read only with defusedxml, which openpyxl is not using. Save the file "
                     "as CSV instead")
    return openpyxl


def table(data: bytes, name: str = "", field: str = "",
          limit: int = MAX_UNPACKED_BYTES) -> tuple[list[str], list[tuple[int, dict]]]:
    """An .xlsx workbook's columns and numbered rows, as ``file_reading.table`` gives a CSV file's:
    the header is the first row with anything in it, rows are numbered as the sheet shows them,
    blank rows are skipped and every value is text ("" for an empty cell, as a CSV row has). Raises
    InvalidInput naming the file, and the sheet, row and column where there is one; nothing is
    half-read. ``limit``: the most its parts may unpack to, in bytes."""
    if not isinstance(data, (bytes, bytearray)):
        _fail(field, f"{_named(name)} could not be read")
    data = bytes(data)
    _check_kind(data, name, field)
    _check_parts(data, name, field, limit)
    openpyxl = _openpyxl(field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it drops (extensions, slicers)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
            try:
                sheet = _chosen_sheet(workbook, name, field)
                rows, merged = _cells(workbook, sheet)
            finally:
                workbook.close()
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 - a damaged part can fail anywhere inside openpyxl
        _fail(field, f"{_named(name)} is damaged: part of it could not be read. {SAVE_AGAIN}")
    return _as_table(rows, merged, f"Sheet '{shown(sheet.title)[:40]}' of {_named(name)}", field)


def _normal(title: str) -> str:
    return "".join(ch for ch in str(title).lower() if ch.isalnum())


def _chosen_sheet(workbook, name: str, field: str):
    """The sheet named like a template, or else the one sheet with anything in it."""
    sheets = [sheet for sheet in workbook.worksheets if hasattr(sheet, "_worksheet_path")]  # not chart sheets
    templates = {_normal(title) for title in SHEETS.values()}
    for sheet in sheets:
        if _normal(sheet.title) in templates:
            return sheet
    filled = [sheet for sheet in sheets if _has_content(workbook, sheet)]
    if len(filled) == 1 or (not filled and sheets):
        return (filled or sheets)[0]
    if not sheets:
        _fail(field, f"{_named(name)} has no sheet of rows. {SAVE_AGAIN}")
    titles = join_words([f"'{shown(sheet.title)[:30]}'" for sheet in filled[:6]])
    wanted = join_words([f"'{title}'" for title in SHEETS.values()], "or")
    _fail(field, f"{_named(name)} has {len(filled)} sheets with something in them ({titles}), and none is named "
                 f"like a template ({wanted}), so it is not clear which holds the rows. Rename the sheet that "
                 f"holds them {wanted}, or delete the other sheets, and open it again")


def _parser_class():
    """openpyxl's sheet parser, telling a formula with no saved value from an empty cell."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Cells(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["data_type"] = _UNSAVED
            return cell

    return Cells


def _parser(workbook, sheet, source):
    return _parser_class()(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                           date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)


def _has_content(workbook, sheet) -> bool:
    with workbook._archive.open(sheet._worksheet_path) as source:
        return any(cell["value"] is not None or cell["data_type"] == _UNSAVED
                   for _, cells in _parser(workbook, sheet, source).parse() for cell in cells)


def _cells(workbook, sheet) -> tuple[list[tuple[int, list[dict]]], list[str]]:
    """Every row of the sheet (its number and cells) and its merged ranges, read to the end."""
    with workbook._archive.open(sheet._worksheet_path) as source:
        parser = _parser(workbook, sheet, source)
        rows = [(number, cells) for number, cells in parser.parse() if cells]
    merged = [str(cell.ref) for cell in parser.merged_cells.mergeCell] if parser.merged_cells else []
    percent = _percent_styles(workbook)
    for _, cells in rows:
        for cell in cells:
            cell["percent"] = cell["style_id"] in percent
    return rows, merged


def _percent_styles(workbook) -> set[int]:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    styles = set()
    for index, style in enumerate(workbook._cell_styles):
        number = style.numFmtId
        text = (BUILTIN_FORMATS.get(number, "") if number < BUILTIN_FORMATS_MAX_SIZE
                else workbook._number_formats[number - BUILTIN_FORMATS_MAX_SIZE])
        if "%" in str(text):
            styles.add(index)
    return styles


def _as_table(rows, merged, where: str, field: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (the first row with anything in it) and the numbered rows after it."""
    filled = [(number, cells) for number, cells in rows if any(_given(cell) for cell in cells)]
    if not filled:
        _fail(field, f"{where} is empty: its first row must name the columns")
    header_number, header_cells = filled[0]
    width = max(cell["column"] for cell in header_cells)
    by_column = {cell["column"]: cell for cell in header_cells}
    texts = [_text(by_column.get(column), where, "", field) or "" for column in range(1, width + 1)]
    try:
        header = checked_header(texts, field)
    except InvalidInput as invalid:
        _fail(field, f"{where}: {invalid.errors[0]['message']}")
    _check_merged(merged, header_number, width, where, field)
    records = []
    for number, cells in filled[1:]:
        values = {column: "" for column in header if column}
        for cell in cells:
            column = cell["column"]
            if column <= width and header[column - 1]:
                values[header[column - 1]] = _text(cell, where, header[column - 1], field)
        if any(value.strip() for value in values.values()):
            records.append((number, values))
    return header, records


def _given(cell) -> bool:
    value = cell["value"]
    return cell["data_type"] == _UNSAVED or (value is not None and (not isinstance(value, str) or value.strip()))


def _check_merged(merged: list[str], header_row: int, width: int, where: str, field: str) -> None:
    from openpyxl.utils import range_boundaries

    for ref in merged:
        low_column, _, _, high_row = range_boundaries(ref)
        if high_row >= header_row and low_column <= width:
            _fail(field, f"{where}: cells {ref} are merged, so only the first of them holds a value. Unmerge them "
                         f"(in Excel: Home > Merge & Center > Unmerge Cells), give each row its own value, and "
                         f"open the file again")


def _text(cell, where: str, column: str, field: str) -> str:
    """A cell's value as the text a CSV file would hold."""
    if cell is None:
        return ""
    value, kind = cell["value"], cell["data_type"]
    if kind in (_UNSAVED, "e"):
        from openpyxl.utils import get_column_letter

        named = f", column '{shown(column)[:40]}'" if column else ""
        place = f"{where}, cell {get_column_letter(cell['column'])}{cell['row']} (row {cell['row']}{named})"
        if kind == "e":
            _fail(field, f"{place} holds the error {shown(str(value))[:20]}. Correct the formula or type the value")
        _fail(field, f"{place} holds a formula with no saved value, so there is nothing to read. Open the file in "
                     f"your spreadsheet program and save it (which saves each formula's value), or type the value")
    if value is None:
        return ""
    if isinstance(value, (bool, str)):
        return plain_cell(value)
    if isinstance(value, (int, float)):
        return _number(value, cell.get("percent", False))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _number(value, percent: bool) -> str:
    """A number as a spreadsheet shows it: 15 significant digits, never in exponent form; a cell
    formatted as a percentage as "25%"."""
    exact = Decimal(f"{value:.15g}")
    if percent:
        exact = (exact * 100).normalize()
    text = format(exact.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


def write(rows: list[dict], columns, sheet: str = "Sheet1") -> bytes:
    """Rows as an .xlsx workbook of one sheet: a header row (bold and frozen), then a row each, with
    numbers as numbers, dates as dates and everything else as text (never a formula)."""
    workbook = new_workbook(rows, columns, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def new_workbook(rows: list[dict], columns, sheet: str = "Sheet1"):
    """The openpyxl workbook ``write`` saves, for a template to add its lists and checks to."""
    openpyxl = _openpyxl("")
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(columns))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(rows, start=2):
        for column, name in enumerate(columns, start=1):
            _put(worksheet.cell(row=index, column=column), row.get(name))
    for column, name in enumerate(columns, start=1):
        widest = max([len(str(name))] + [len(str(row.get(name) or "")) for row in rows[:200]])
        worksheet.column_dimensions[_letter(column)].width = min(60, max(10, widest + 2))
    worksheet.freeze_panes = "A2"
    return workbook


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _put(cell, value) -> None:
    """One value in a cell: a number, a date, or text that a spreadsheet never runs as a formula."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, (dt.date, dt.datetime)):
        cell.value, cell.number_format = value, DATE_FORMAT
        return
    text = plain_cell(value)
    if text is None or text == "":
        return
    text = shown(str(text))
    if ISO_DATE.fullmatch(text):
        try:
            cell.value, cell.number_format = dt.date.fromisoformat(text), DATE_FORMAT
            return
        except ValueError:
            pass
    cell.value = text
    cell.data_type = "s"  # openpyxl would write text starting with "=" as a formula
