"""The .xlsx templates on the templates page, made at build time from the catalogue and the CSV
templates: the commitments and KPI table, and the quarterly delivery report.

Each has the CSV template's columns and rows, on the sheet its calculator's download uses
(``spreadsheets.SHEETS``), with what a spreadsheet adds: drop-down lists for each choice (the
measure, the priority, and any other the fields offer), number checks on quantities, percentages
and money, each field's hint as the cell's prompt, a frozen header row, an Instructions sheet (every
column, from the field it fills) and a Measures sheet (the catalogue, with units, values, price
years and sources). openpyxl is imported only inside its functions.
"""

from __future__ import annotations

from . import column_names, file_reading, registry, spreadsheets
from .measures import CUSTOM, catalogue

# The templates: file name, the CSV template it is made from, its calculator and that calculator's download.
TEMPLATES = (
    ("commitments-kpi-table.xlsx", "commitments-kpi-table.csv", "valuation", "commitments"),
    ("quarterly-delivery-report.xlsx", "quarterly-delivery-report.csv", "monitoring", "delivery-report"),
    # The report's worked example: six contracts' delivery reports over four quarters, for trainers.
    ("report-worked-example.xlsx", "report-worked-example.csv", "report", "delivery-report"),
)
ROWS_CHECKED = 1000  # the rows the lists and checks cover: as many as a form takes items
NUMBER_KINDS = {"number": "decimal", "money": "decimal", "percent": "decimal", "integer": "whole"}
MEASURES_SHEET = "Measures"
MEASURE_COLUMNS = ("id", "title", "unit", "priority", "central value (£)", "low value (£)", "high value (£)",
                   "price year", "source", "source's publisher")


def workbook(csv_text: str, calculator_name: str, key: str) -> bytes:
    """A template workbook for a CSV template's text: the same columns and rows (numbers as numbers,
    dates as dates), on the sheet its calculator's download uses, with lists, checks, instructions and
    the catalogue."""
    import io

    calculator = registry.get(calculator_name)
    columns, records = file_reading.table(csv_text)
    fields = _fields_by_column(calculator)
    rows = [{column: _typed(fields.get(column), value) for column, value in row.items()} for _, row in records]
    book = spreadsheets.new_workbook(rows, columns, spreadsheets.SHEETS[key])
    measures_range = _measures_sheet(book)
    _checks(book.active, columns, fields, measures_range)
    _instructions(book, columns, fields, spreadsheets.SHEETS[key])
    book.move_sheet("Instructions", offset=-(len(book.sheetnames) - 2))  # after the rows' sheet
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(spec, value):
    """A CSV template's cell as a spreadsheet holds it: a number for a number field."""
    if spec is None or spec.kind not in NUMBER_KINDS or not value:
        return value
    number = float(value)
    return int(number) if number.is_integer() else number


def _fields_by_column(calculator) -> dict:
    """The field each column fills, as a file's columns are read (``column_names``)."""
    found = {}
    for spec in column_names.specs(calculator):
        found.setdefault(spec.name, spec)
    return found


def _measures_sheet(book) -> str:
    """The catalogue on its own sheet; returns the range of its ids (and custom), for the measure's list."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(MEASURES_SHEET)
    sheet.append(list(MEASURE_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for measure in catalogue():
        proxy = measure.proxy
        values = ([float(proxy.central), float(proxy.low), float(proxy.high), proxy.price_year,
                   proxy.source.get("title", ""), proxy.source.get("publisher", "")] if proxy
                  else ["", "", "", "", measure.no_proxy_reason, ""])
        sheet.append([measure.id, measure.title, measure.unit, measure.priority, *values])
    sheet.append([CUSTOM, "Custom measure: your own, with its label, unit, priority and proxy (£ a unit)"])
    for letter, width in zip("ABCDEFGHIJ", (34, 50, 28, 12, 16, 14, 14, 10, 60, 30)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return f"{MEASURES_SHEET}!$A$2:$A${sheet.max_row}"


def _checks(sheet, columns, fields: dict, measures_range: str) -> None:
    """A drop-down list for each choice and a number check for each number, with the field's hint."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(columns, start=1):
        spec = fields.get(column)
        if spec is None:
            continue
        cells = f"{get_column_letter(index)}2:{get_column_letter(index)}{ROWS_CHECKED + 1}"
        check = None
        if spec.kind == "choice" and column == "measure":
            check = DataValidation(type="list", formula1=measures_range, allow_blank=True)
            check.error = "Choose a measure's id from the list: the Measures sheet gives each one's title and unit"
        elif spec.kind == "choice":
            values = ",".join(value for value, _ in spec.options)
            if len(values) > 250 or '"' in values:
                continue
            check = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
            check.error = f"Choose {spec.sentence_label} from the list"
        elif spec.kind in NUMBER_KINDS:
            check = _number_check(spec)
        if check is None:
            continue
        check.errorTitle = spec.label[:32]
        check.showErrorMessage = True
        if spec.hint:
            check.prompt, check.promptTitle, check.showInputMessage = spec.hint[:255], spec.label[:32], True
        check.add(cells)
        sheet.add_data_validation(check)


def _number_check(spec):
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = NUMBER_KINDS[spec.kind]
    low, high = spec.minimum, spec.maximum
    if low is not None and high is not None:
        check = DataValidation(type=kind, operator="between", formula1=str(low), formula2=str(high), allow_blank=True)
        check.error = f"{spec.label} must be a number {spec.between()}"
    elif low is not None:
        check = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=str(low), allow_blank=True)
        check.error = f"{spec.label} must be a number, {spec.show(low)} or more"
    else:
        check = DataValidation(type=kind, operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True)
        check.error = f"{spec.label} must be a number"
    check.error = check.error[:255]
    return check


def _instructions(book, columns, fields: dict, rows_sheet: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet("Instructions")
    lines = [
        ("How to fill in this template",),
        (f"Give one commitment a row on the '{rows_sheet}' sheet, under the header row. Keep the header row as "
         f"it is. Delete the example rows first.",),
        ("Pick a measure's id from the drop-down list. The Measures sheet lists the catalogue, with each "
         "measure's unit, value, price year and source. Use custom for a measure of your own.",),
        ("Leave a cell blank to use the catalogue's default. Open the file in the Toolkit's calculator, or "
         "run it with python -m calculators on the command line.",),
        (),
        ("Column", "What it is", "What to give"),
    ]
    for column in columns:
        spec = fields.get(column)
        lines.append((column, spec.label if spec else "", spec.hint if spec else "Kept as it is: the calculator "
                                                                                  "does not use it"))
    for line in lines:
        sheet.append(list(line))
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[6]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABC", (22, 30, 90)):
        sheet.column_dimensions[letter].width = width
