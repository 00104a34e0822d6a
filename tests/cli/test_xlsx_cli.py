"""The command line opens .xlsx workbooks wherever it opens CSV: ``--open`` and ``--csv`` (issue 25)."""

from __future__ import annotations

import base64
import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from calculators import api, spreadsheets  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "toolkit" / "templates"


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=ROOT)


def as_xlsx(csv_path: Path, target: Path, sheet: str) -> Path:
    """A CSV template as a workbook, numbers as numbers."""
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    typed = [{key: _typed(value) for key, value in row.items()} for row in rows]
    target.write_bytes(spreadsheets.write(typed, list(rows[0]), sheet))
    return target


def _typed(value: str):
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def test_open_takes_an_xlsx_and_gives_the_csv_files_result(tmp_path):
    book = as_xlsx(TEMPLATES / "commitments-kpi-table.csv", tmp_path / "commitments.xlsx", "Commitments")
    from_xlsx = cli("valuation", "--open", str(book))
    from_csv = cli("valuation", "--open", str(TEMPLATES / "commitments-kpi-table.csv"))
    assert from_xlsx.returncode == 0, from_xlsx.stdout
    assert json.loads(from_xlsx.stdout) == json.loads(from_csv.stdout)


def test_csv_takes_an_xlsx_and_writes_the_same_rows_as_for_the_csv(tmp_path):
    book = as_xlsx(TEMPLATES / "quarterly-delivery-report.csv", tmp_path / "report.xlsx", "Delivery report")
    done = cli("monitoring", "--csv", str(book), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stdout + done.stderr
    same = cli("monitoring", "--csv", str(TEMPLATES / "quarterly-delivery-report.csv"), "--output", str(tmp_path / "csv.csv"))
    assert same.returncode == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig") == (tmp_path / "csv.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("option", ["--open", "--csv"])
def test_a_bad_workbook_is_json_with_exit_code_2_naming_the_file(tmp_path, option):
    picture = tmp_path / "plan.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    done = cli("valuation", option, str(picture))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (error,) = json.loads(done.stdout)["errors"]
    assert error["message"].startswith("plan.xlsx is not a spreadsheet: it is a PNG picture")
    old = tmp_path / "plan.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    done = cli("valuation", option, str(old))
    assert done.returncode == 2 and "old Excel workbook (.xls" in done.stdout


def fifty_thousand_rows(path: Path) -> Path:
    """A workbook of 50,000 outcome lines, written as Excel writes one (shared strings), quickly."""
    shared = ["measure", "quantity", "years", "apprenticeships", "volunteering-hours"]
    rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>']
    rows += [f'<row r="{n}"><c r="A{n}" t="s"><v>{3 + n % 2}</v></c><c r="B{n}"><v>{1 + n % 9}</v></c>'
             f'<c r="C{n}"><v>3</v></c></row>' for n in range(2, 50_002)]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                            '<sheet name="Lines" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">' + "".join(f"<si><t>{s}</t></si>" for s in shared) + "</sst>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>' + "".join(rows) + "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_fifty_thousand_rows_are_refused_by_the_form_with_the_count_and_nothing_filled(tmp_path):
    book = fifty_thousand_rows(tmp_path / "lines.xlsx")
    reply = json.loads(api.open_files("valuation", json.dumps([{"name": "lines.xlsx",
                                                                   "base64": base64.b64encode(book.read_bytes()).decode()}])))
    assert not reply["ok"] and reply["form"] == {}
    assert reply["errors"][0]["message"].startswith("This file has 50,000 rows, one for each outcome line")
    assert reply["errors"][0]["message"].endswith("or value every row of this file on the command line with --csv")
