"""The contract monitoring calculator in Chromium: keyboard only equals the command line, a commitments
file or delivery report opened in the page equals the command line on that file, a valuation's
commitments download opens here, bad files are named by row and column, and axe finds nothing."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from calculators.permalink import encode as permalink

from accessibility import axe_problems
from calculator_page import (cli as run_cli, focused_id, opened, ready, result_of, tab_to, tab_until, try_example,
                             type_into, wait_for_result)

from calculators.monitoring.example import EXAMPLE

PAGE = "calculators/monitoring/"
TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "toolkit" / "templates"
IMG = '<img src=x onerror="window.__ran = true">'


def cli(inputs: dict) -> dict:
    return run_cli("monitoring", inputs)


def cli_csv(name: str, path: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "calculators", name, "--csv", str(path)], capture_output=True,
                          text=True, check=True)
    return list(csv.DictReader(io.StringIO(done.stdout)))


def line_count(page) -> int:
    return page.locator("[data-calculator] [data-line]").count()


def test_keyboard_only_flow_equals_the_command_line(server, visit):
    v = visit()
    v.page.goto(server + PAGE)
    ready(v.page)
    try_example(v.page)  # the form starts empty: this test starts from the example
    assert line_count(v.page) == 5
    type_into(v.page, "monitoring-months-elapsed", "9")
    type_into(v.page, "monitoring-contract-value", "6,000,000")
    type_into(v.page, "monitoring-commitments-2-delivered", "1.2")
    type_into(v.page, "monitoring-commitments-3-delivered", "30")
    # Remove the fifth commitment: focus moves to the one before it.
    tab_until(v.page, "[data-line]:nth-child(5) [data-action='remove-line']")
    v.page.keyboard.press("Enter")
    assert line_count(v.page) == 4 and focused_id(v.page) == "monitoring-commitments-3-ref"
    assert v.page.inner_text("[data-engine-status]") == "Commitment removed."
    # Add a custom commitment.
    tab_until(v.page, "[data-action='add-line']")
    v.page.keyboard.press("Enter")
    assert line_count(v.page) == 5 and focused_id(v.page) == "monitoring-commitments-4-ref"
    assert v.page.inner_text("[data-engine-status]") == "Commitment 5 added."
    v.page.keyboard.type("KPI 9")
    tab_to(v.page, "monitoring-commitments-4-measure")  # a new commitment asks for its measure
    v.page.keyboard.type("Custom")
    type_into(v.page, "monitoring-commitments-4-quantity", "10")
    type_into(v.page, "monitoring-commitments-4-years", "2")
    type_into(v.page, "monitoring-commitments-4-delivered", "3")
    type_into(v.page, "monitoring-commitments-4-label", IMG)
    type_into(v.page, "monitoring-commitments-4-proxy", "250")
    tab_to(v.page, "monitoring-commitments-4-quantity")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.inputs.commitments.length === 5 && r.inputs.months_elapsed === 9 && "
                            "r.inputs.commitments[4].proxy === 250 && r.inputs.commitments[4].ref === 'KPI 9'")
    shown = result_of(v.page)
    kept = [dict(item) for item in EXAMPLE["commitments"][:4]]
    kept[2]["delivered"], kept[3]["delivered"] = 1.2, 30
    expected = cli({**EXAMPLE, "months_elapsed": 9, "contract_value": 6000000,
                    "commitments": kept + [{"ref": "KPI 9", "measure": "custom", "quantity": 10, "years": 2,
                                            "delivered": 3, "label": IMG, "proxy": 250}]})
    assert shown == expected
    # By hand: 10 a year at month 9 is 7.5 due; 3 delivered is 40%, red. £250 a unit: £1,875 due, £750 delivered.
    custom = shown["lines"][4]
    assert (custom["due_to_date"], custom["progress"], custom["status"]) == (7.5, 40, "red")
    assert (custom["value_due_to_date"], custom["value_delivered"], custom["shortfall"]) == (1875, 750, 1125)
    # At month 9: SV1 1.6 of 3 and SV2 0.75 of 1.5 are red, SV3 1.2 of 1.5 (80%) amber, SV4 30 of 30 green.
    assert [line["status"] for line in shown["lines"]] == ["red", "red", "amber", "green", "red"]
    # Reds first, the markup typed into a label shown as text, and the Procurement Act's duties (over £5m).
    region = v.page.locator("[data-calculator-result]")
    headings = region.locator("h3").all_inner_texts()
    assert headings.index("Red: 3 commitments") < headings.index("Amber: 1 commitment") < \
        headings.index("Green: 1 commitment")
    assert IMG in region.inner_text() and region.locator("img").count() == 0
    assert v.page.evaluate("window.__ran === undefined")
    assert "section 52" in region.inner_text()
    assert v.page.url.endswith(shown["permalink"])
    assert not v.errors and not v.foreign_requests()


def test_opening_a_delivery_report_equals_the_command_line_on_that_file(server, visit):
    report = TEMPLATES / "quarterly-delivery-report.csv"
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "monitoring-months-elapsed", "3")
    wait_for_result(v.page, "r.inputs.months_elapsed === 3")
    v.page.set_input_files("#monitoring-import", str(report))  # the file's own months_elapsed wins
    wait_for_result(v.page, "r.inputs.months_elapsed === 6 && r.inputs.commitments[0].delivered === 1.6")
    shown = result_of(v.page)
    status = v.page.inner_text("[data-engine-status]")
    assert status.startswith("Opened a file with 5 commitments.")
    # Issue 25, finding 7: every column of the Council's template is used, and the record names the
    # contract, the provider and the quarter, and keeps the provider's comments.
    assert "does not use" not in status
    region = v.page.inner_text("[data-calculator-result]")
    for kept in ("SSC-2026-014: Home support services", "Example Care Ltd", "1 July 2026 to 30 September 2026",
                 "Evidence sent: PAY-2026-Q2", "One more post is re-advertised with the local jobs club."):
        assert kept in region, kept
    # The command line on the same file: each row's figures and the totals row.
    rows = cli_csv("monitoring", report)
    for row, line in zip(rows, shown["lines"]):
        assert (row["status"], float(row["progress"]), float(row["due_to_date"])) == \
               (line["status"], line["progress"], line["due_to_date"])
        assert (float(row["value_delivered"]) if row["value_delivered"] else None) == line["value_delivered"]
    assert rows[-1]["line"] == "total" and float(rows[-1]["progress"]) == shown["totals"]["progress"]
    # ... and the JSON command line on the inputs the page filled in.
    assert shown == cli(shown["inputs"])
    assert v.page.input_value("#monitoring-commitments-3-label") == "Befriending with a local charity"
    assert v.page.input_value("#monitoring-contract-months") == "36"
    assert not axe_problems(Axe(), v.page)
    assert not v.errors and not v.foreign_requests()


def test_a_valuation_download_opens_in_monitoring(server, visit, tmp_path):
    valuation = opened(visit, server + "calculators/valuation/")
    with valuation.page.expect_download() as download:
        valuation.page.click("[data-action='download-file'][data-file='commitments']")
    assert download.value.suggested_filename == "commitments.csv"
    saved = tmp_path / "commitments.csv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").splitlines()[0].startswith(
        "\ufeffref,measure,title,label,unit,priority,objectives,quantity")
    v = opened(visit, server + PAGE)
    v.page.set_input_files("#monitoring-import", str(saved))
    # Nothing is delivered yet, and a commitments file has no contract dates: the form has the
    # commitments and asks for each delivered figure, the contract length and the months elapsed.
    v.page.wait_for_function("() => document.querySelectorAll('.sv-error-summary a').length === 6")
    assert line_count(v.page) == 4
    assert v.page.input_value("#monitoring-commitments-3-measure") == "carbon-avoided"
    summary = v.page.inner_text(".sv-error-summary")
    assert "Commitment 1: Enter the quantity delivered to date (row 2 of the file, which has no 'delivered' column)" \
        in summary
    assert v.page.inner_text("[data-engine-status]").startswith("Opened a file with 4 commitments.")
    type_into(v.page, "monitoring-contract-months", "36")
    type_into(v.page, "monitoring-months-elapsed", "6")
    for index, delivered in enumerate(("2", "1", "300", "20")):
        type_into(v.page, f"monitoring-commitments-{index}-delivered", delivered)
    wait_for_result(v.page, "r.inputs.commitments.length === 4 && r.inputs.commitments[3].delivered === 20")
    shown = result_of(v.page)
    assert shown == cli(shown["inputs"])
    assert [line["measure"] for line in shown["lines"]] == ["local-employment", "apprenticeships",
                                                            "volunteering-hours", "carbon-avoided"]
    assert not v.errors


def test_a_commitments_file_opens_in_valuation_and_equals_the_command_line(server, visit):
    table = TEMPLATES / "commitments-kpi-table.csv"
    v = opened(visit, server + "calculators/valuation/")
    v.page.set_input_files("#valuation-import", str(table))
    wait_for_result(v.page, "r.inputs.lines.length === 5 && r.inputs.lines[4].measure === 'spend-local-sme'")
    shown = result_of(v.page)
    status = v.page.inner_text("[data-engine-status]")
    # The valuation reads every column of the commitments file now (issue 25, finding 5).
    assert status.startswith("Opened a file with 5 lines.") and "does not use" not in status
    rows = cli_csv("valuation", table)  # one line a row: each line's value is its own
    for row, line in zip(rows, shown["lines"]):
        assert float(row["present_value"]) == line["present_value"] and float(row["gross"]) == line["gross"]
    assert shown == run_cli("valuation", shown["inputs"])
    assert not v.errors


def test_a_bad_value_in_a_file_is_named_by_row_and_column_beside_its_box(server, visit, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("contract_months,months_elapsed,measure,quantity,years,delivered\n"
                   "36,6,ltu-into-work,lots,3,1\n36,6,work-placements,2,3,-1\n", encoding="utf-8")
    v = opened(visit, server + PAGE)
    v.page.set_input_files("#monitoring-import", str(bad))
    v.page.wait_for_function("() => document.querySelectorAll('.sv-error-summary a').length === 2")
    summary = v.page.inner_text(".sv-error-summary")
    assert "Commitment 1: Quantity per year must be a number" in summary and "(row 2, column 'quantity' of the file)" \
        in summary
    assert "Commitment 2: Delivered to date cannot be negative (row 3, column 'delivered' of the file)" in summary
    assert v.page.evaluate("document.activeElement.classList.contains('sv-error-summary')")
    assert v.page.is_visible("#monitoring-commitments-0-quantity-error")
    assert v.page.get_attribute("#monitoring-commitments-0-quantity", "aria-invalid") == "true"
    assert line_count(v.page) == 2 and v.page.input_value("#monitoring-commitments-0-quantity") == "lots"
    assert not axe_problems(Axe(), v.page)
    # Fixed in the form, it recovers.
    type_into(v.page, "monitoring-commitments-0-quantity", "4")
    type_into(v.page, "monitoring-commitments-1-delivered", "1")
    wait_for_result(v.page, "r.inputs.commitments[1].delivered === 1 && r.inputs.commitments[0].quantity === 4")
    assert v.page.locator(".sv-error-summary").count() == 0


def test_a_file_that_is_not_one_contract_fills_nothing(server, visit, tmp_path):
    bad = tmp_path / "two-contracts.csv"
    bad.write_text("contract_months,months_elapsed,measure,quantity,years,delivered\n"
                   "36,6,ltu-into-work,4,3,1\n36,9,work-placements,2,3,1\n", encoding="utf-8")
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    v.page.set_input_files("#monitoring-import", str(bad))
    v.page.wait_for_selector(".sv-error-summary")
    assert "'6' and '9'" in v.page.inner_text(".sv-error-summary")
    assert line_count(v.page) == 5 and v.page.input_value("#monitoring-months-elapsed") == "6"


def test_field_errors_permalink_chart_downloads_and_print(server, visit, tmp_path):
    inputs = {"contract_months": 24, "months_elapsed": 12, "price_year": 2026, "commitments": [
        {"measure": "apprenticeships", "quantity": 2, "years": 2, "delivered": 1, "ref": "<b>A</b>"},
        {"measure": "training-hours", "quantity": 100, "years": 1, "delivered": 100}]}
    expected = cli(inputs)
    v = opened(visit, server + PAGE + permalink(inputs))
    wait_for_result(v.page, "r.inputs.commitments.length === 2 && r.inputs.contract_months === 24")
    assert result_of(v.page) == expected
    assert v.page.input_value("#monitoring-commitments-0-ref") == "<b>A</b>"
    svg = v.page.locator("[data-calculator-result] svg").first
    assert svg.get_attribute("role") == "img"
    desc = v.page.inner_html("[data-calculator-result] svg desc")
    assert "due to date 2" in desc and "progress 50%" in desc and "&lt;b&gt;A&lt;/b&gt;" in desc
    # A delivery report download opens here again, to the same result.
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-file'][data-file='delivery-report']")
    assert download.value.suggested_filename == "delivery-report.csv"
    saved = tmp_path / "report.csv"
    download.value.save_as(saved)
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-csv']")
    assert "Shortfall (£)" in open(download.value.path(), encoding="utf-8-sig").read().splitlines()[0]
    again = opened(visit, server + PAGE)
    again.page.set_input_files("#monitoring-import", str(saved))
    wait_for_result(again.page, "r.inputs.commitments.length === 2 && r.inputs.contract_months === 24")
    assert result_of(again.page)["lines"] == expected["lines"]
    # Field errors: months elapsed beyond the contract, beside the field and in the summary.
    type_into(again.page, "monitoring-months-elapsed", "30")
    again.page.keyboard.press("Enter")
    again.page.wait_for_selector(".sv-error-summary")
    assert "Months elapsed must be no more than the contract length, 24 months" in \
        again.page.inner_text("#monitoring-months-elapsed-error")
    # In print, the file input and the buttons go; the result stays.
    again.page.emulate_media(media="print")
    for selector in ("#monitoring-import", "[data-action='add-line']", ".sv-actions"):
        assert not again.page.locator(selector).first.is_visible(), selector
    assert not v.errors and not again.errors


def test_finding_8_opening_a_file_keeps_the_contract_typed_before(server, visit, tmp_path):
    """Issue 25, finding 8: a file fills only the boxes it gives, and the result counts the others."""
    commitments_only = tmp_path / "commitments.csv"
    commitments_only.write_text("measure,quantity,years,Delivered to date\nwork-placements,2,3,1\n", encoding="utf-8")
    v = opened(visit, server + PAGE)
    try_example(v.page)
    type_into(v.page, "monitoring-contract-months", "40")
    type_into(v.page, "monitoring-months-elapsed", "7")
    type_into(v.page, "monitoring-contract-value", "2,500,000")
    wait_for_result(v.page, "r.inputs.contract_months === 40 && r.inputs.months_elapsed === 7"
                            " && r.inputs.contract_value === 2500000")
    v.page.set_input_files("#monitoring-import", str(commitments_only))
    wait_for_result(v.page, "r.inputs.commitments.length === 1 && r.inputs.contract_months === 40"
                            " && r.inputs.months_elapsed === 7 && r.inputs.contract_value === 2500000")
    assert [v.page.input_value(f"#monitoring-{box}") for box in ("contract-months", "months-elapsed",
                                                                  "contract-value")] == ["40", "7", "2,500,000"]
    assert result_of(v.page)["inputs"]["commitments"][0]["delivered"] == 1  # a column headed by its label
    assert v.page.input_value("#monitoring-commitments-0-measure") == "work-placements"
    assert not v.errors


def test_a_valuation_result_csv_is_refused_with_which_file_to_open(server, visit, tmp_path):
    """Issue 25, finding 3: the valuation's "Download CSV" never becomes commitments."""
    valuation = opened(visit, server + "calculators/valuation/")
    with valuation.page.expect_download() as download:
        valuation.page.click("[data-action='download-csv']")
    saved = tmp_path / "valuation.csv"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # finding 9: Excel reads it as UTF-8
    v = opened(visit, server + PAGE)
    v.page.set_input_files("#monitoring-import", str(saved))
    v.page.wait_for_selector(".sv-error-summary")
    summary = v.page.inner_text(".sv-error-summary")
    assert "This is the outcome valuation calculator's result file ('Download CSV')" in summary
    assert "'Download commitments (CSV)'" in summary
    assert line_count(v.page) == 1  # it filled nothing


def test_a_file_opened_just_after_typing_is_not_dropped(server, visit, tmp_path):
    """Issue 25, finding 8: the computation a keystroke has pending would be newer than the file and drop
    it; the file's request carries what was typed instead."""
    commitments_only = tmp_path / "commitments.csv"
    commitments_only.write_text("measure,quantity,years,delivered\nwork-placements,2,3,1\n", encoding="utf-8")
    v = opened(visit, server + PAGE)
    type_into(v.page, "monitoring-contract-months", "36")
    type_into(v.page, "monitoring-months-elapsed", "6")
    v.page.set_input_files("#monitoring-import", str(commitments_only))  # within the typing pause
    wait_for_result(v.page, "r.inputs.commitments.length === 1 && r.inputs.contract_months === 36"
                            " && r.inputs.months_elapsed === 6")
    assert v.page.input_value("#monitoring-commitments-0-measure") == "work-placements"
    assert v.page.inner_text("[data-engine-status]").startswith("Opened a file with 1 commitment.")
    assert not v.errors
