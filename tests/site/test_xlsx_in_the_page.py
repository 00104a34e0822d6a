"""Excel workbooks in Chromium (issue 25): an .xlsx opens in a calculator's file box as its CSV
does, and the delivery report downloads as one. The "xlsx" extra (openpyxl) is downloaded only once
a person chooses an .xlsx or asks for one, never on the page's first visit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from calculators import api, file_reading, spreadsheets, workbook_templates
from sitebuild.extra_wheels import EXTRAS_PATH, extra_paths

from accessibility import axe_problems
from calculator_page import ready, result_of, wait_for_result

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
REPORT_CSV = ROOT / "docs" / "toolkit" / "templates" / "quarterly-delivery-report.csv"
PAGE = "calculators/monitoring/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_xlsx() -> bytes:
    return workbook_templates.workbook(REPORT_CSV.read_text(encoding="utf-8"), "monitoring", "delivery-report")


def test_an_xlsx_opens_in_the_file_box_as_its_csv_does_and_downloads_as_one(server, visit, tmp_path):
    v = visit()
    extras = []
    v.page.on("request", lambda request: extras.append(request.url) if f"/{EXTRAS_PATH}" in request.url else None)
    v.page.goto(server + PAGE)
    ready(v.page)
    v.page.wait_for_timeout(500)
    assert extras == []  # a first visit downloads no extra
    v.page.set_input_files("#monitoring-import", files=[{"name": "report.xlsx", "mimeType": XLSX,
                                                         "buffer": report_xlsx()}])
    # The worked example shows the same figures: the status says when the file's result is shown.
    v.page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent"
                             ".includes('Opened a file with 5 commitments.')", timeout=60000)
    wait_for_result(v.page, "r.inputs.months_elapsed === 6 && r.inputs.commitments[0].delivered === 1.6")
    from_csv = json.loads(api.open_files("monitoring", json.dumps([{"name": "r.csv", "text": REPORT_CSV.read_text()}])))
    assert result_of(v.page) == from_csv["result"]
    assert sorted(url.split(f"/{EXTRAS_PATH}")[1] for url in extras) == sorted(
        path.removeprefix(EXTRAS_PATH) for path in extra_paths()["xlsx"])
    # The delivery report as an .xlsx: the same rows as its CSV download.
    button = "[data-action='download-xlsx'][data-file='delivery-report']"
    assert v.page.inner_text(button) == "Download delivery report (Excel)"
    with v.page.expect_download() as download:
        v.page.click(button)
    assert download.value.suggested_filename == "delivery-report.xlsx"
    data = Path(download.value.path()).read_bytes()
    # The CSV download's text, as the page's exports message makes it for the result shown.
    csv_text = json.loads(api.export_texts("monitoring", json.dumps(result_of(v.page))))["downloads"]["delivery-report"]
    assert spreadsheets.table(data, "delivery-report.xlsx") == file_reading.table(csv_text)
    v.page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent"
                             ".includes('Excel file made: delivery-report.xlsx')")
    assert not axe_problems(Axe(), v.page)
    assert not v.errors and not v.foreign_requests()


def test_a_picture_named_xlsx_is_refused_in_words_and_fills_nothing(server, visit):
    v = visit()
    v.page.goto(server + "calculators/valuation/")
    ready(v.page)
    v.page.set_input_files("#valuation-import", files=[{"name": "lines.xlsx", "mimeType": XLSX,
                                                        "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)}])
    v.page.wait_for_selector(".sv-error-summary")
    assert "lines.xlsx is not a spreadsheet: it is a PNG picture" in v.page.inner_text(".sv-error-summary")
    assert not v.errors
