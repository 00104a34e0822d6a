"""The .xlsx templates (calculators/workbook_templates.py, made at build time): the CSV templates'
columns and rows, with drop-down lists, number checks, a frozen header row, an Instructions sheet
and a Measures sheet from the catalogue (issue 25)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from calculators import file_reading, spreadsheets, workbook_templates  # noqa: E402
from calculators.measures import CUSTOM, catalogue  # noqa: E402

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "toolkit" / "templates"


@pytest.fixture(scope="module", params=workbook_templates.TEMPLATES, ids=lambda template: template[0])
def template(request):
    name, csv_name, calculator, key = request.param
    text = (TEMPLATES / csv_name).read_text(encoding="utf-8-sig")
    data = workbook_templates.workbook(text, calculator, key)
    return {"key": key, "text": text, "data": data, "book": openpyxl.load_workbook(io.BytesIO(data))}


def test_a_template_has_its_csv_templates_columns_and_rows(template):
    assert spreadsheets.table(template["data"], "template.xlsx") == file_reading.table(template["text"])
    sheet_names = template["book"].sheetnames
    assert sheet_names == [spreadsheets.SHEETS[template["key"]], "Instructions", "Measures"]
    rows = template["book"][sheet_names[0]]
    assert rows.freeze_panes == "A2" and rows["A1"].font.bold


def checks_of(sheet) -> dict:
    """Each column's check, by its header."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for check in sheet.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            found[headers[cells.coord.split(":")[0].rstrip("0123456789")]] = check
    return found


def test_drop_down_lists_for_the_measure_and_the_priority_and_number_checks(template):
    sheet = template["book"][spreadsheets.SHEETS[template["key"]]]
    checks = checks_of(sheet)
    measure = checks["measure"]
    assert measure.type == "list" and measure.formula1.startswith("Measures!$A$2:$A$")
    assert checks["priority"].type == "list" and checks["priority"].formula1 == '"Safe,Clean,Healthy,Prosperous,Excellent"'
    quantity, deadweight = checks["quantity"], checks["deadweight"]
    assert quantity.type == "decimal" and quantity.showErrorMessage
    assert (deadweight.type, deadweight.operator, deadweight.formula1, deadweight.formula2) == ("decimal", "between", "0", "100")
    assert checks["years"].type in ("whole", "decimal") and measure.prompt  # the field's hint as the prompt
    assert str(measure.sqref).endswith(f"{workbook_templates.ROWS_CHECKED + 1}")


def test_the_measures_sheet_lists_the_catalogue_and_custom(template):
    sheet = template["book"]["Measures"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "title", "unit", "priority") and "price year" in rows[0] and "source" in rows[0]
    assert [row[0] for row in rows[1:]] == [measure.id for measure in catalogue()] + [CUSTOM]
    first = catalogue()[0]
    assert rows[1][1:4] == (first.title, first.unit, first.priority)


def test_the_instructions_sheet_explains_every_column(template):
    sheet = template["book"]["Instructions"]
    explained = [row[0] for row in sheet.iter_rows(min_row=7, values_only=True)]
    assert explained == list(file_reading.table(template["text"])[0])
