"""Issue 30 in Chromium: a panel opens a bids file and a benchmarks file on the bid evaluation page and
sees the realism flag, which the printed moderation record carries with a line for the panel's note; a
benchmarks file that is not one is named beside its box; the proportionality page shows what past
contracts of a similar value committed; the report page offers the benchmarks download; the templates page
ships the worked example's benchmarks as the core writes them; a link keeps the benchmarks file and its flag;
axe finds nothing."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from calculators import commitments, file_reading, spreadsheets
from calculators.report.example import BENCHMARKS_NAME, EXAMPLE, example_benchmarks

from accessibility import axe_problems
from calculator_page import opened, result_of, try_example, wait_for_result

ROOT = Path(__file__).resolve().parents[2]
BIDS = ("weighting,name,score,offer,price,measure,quantity,years\n"
        "10,Bidder A,3,100000,1000000,apprenticeships,4,3\n"
        "10,Bidder B,4,90000,2000000,apprenticeships,1,3\n"
        "10,Bidder C,2,45000,900000,,,\n")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """The report's worked example three times over (quantities 1, 2 and 3 times), its benchmarks file
    written by the command line, and a bids file that gives each bid a measure to check."""
    folder = tmp_path_factory.mktemp("benchmarks-page")
    rows = []
    for number, scale in enumerate(("1", "2", "3")):
        for one in copy.deepcopy(EXAMPLE["reports"]):
            for line in one.pop("commitments"):
                for key in ("quantity", "delivered", "verified"):
                    if key in line:
                        line[key] = str(Decimal(str(line[key])) * Decimal(scale))
                rows.append({**one, "contract_reference": f"{one['contract_reference']}-{number}", **line})
    (folder / "reports.csv").write_text(commitments.write_csv(rows, commitments.DELIVERY_REPORT_COLUMNS))
    subprocess.run([sys.executable, "-m", "calculators", "report", "--open", str(folder / "reports.csv"),
                    "--benchmarks", str(folder / "benchmarks.csv"), "--output", str(folder / "report.json")],
                   check=True, cwd=ROOT)
    (folder / "bids.csv").write_text(BIDS, encoding="utf-8")
    return folder


def test_a_panel_opens_bids_and_benchmarks_and_sees_the_flag_in_the_moderation_record(server, visit, files):
    v = opened(visit, server + "calculators/evaluation/")
    v.page.set_input_files("#evaluation-benchmarks", str(files / "benchmarks.csv"))
    v.page.set_input_files("#evaluation-import", str(files / "bids.csv"))
    wait_for_result(v.page, "r.bids.length === 3 && r.benchmarks !== null")
    result = result_of(v.page)
    flags = [flag for flag in result["bids"][0]["flags"] if flag["code"] == "realism"]
    assert len(flags) == 1 and "this bid offers 12 per £1m a year" in flags[0]["message"]
    assert not any(flag["code"] == "realism" for bid in result["bids"][1:] for flag in bid["flags"])
    # The same as the command line with the same files.
    done = subprocess.run([sys.executable, "-m", "calculators", "evaluation", "--csv", str(files / "bids.csv"),
                           "--benchmarks", str(files / "benchmarks.csv")], capture_output=True, text=True, cwd=ROOT)
    assert "this bid offers 12 per £1m a year" in done.stdout
    region = v.page.locator("[data-calculator-result]")
    assert "Check realism" in region.locator(".sv-evaluation-bids").inner_text()
    assert not axe_problems(Axe(), v.page)
    # Choosing no benchmarks file takes the flag away; the marks never moved.
    marks = [bid["marks"] for bid in result["bids"]]
    v.page.set_input_files("#evaluation-benchmarks", [])
    wait_for_result(v.page, "r.benchmarks === null")
    assert [bid["marks"] for bid in result_of(v.page)["bids"]] == marks
    v.page.set_input_files("#evaluation-benchmarks", str(files / "benchmarks.csv"))
    wait_for_result(v.page, "r.benchmarks !== null")
    v.page.emulate_media(media="print")
    record = v.page.locator(".sv-record-bid").nth(0)
    assert record.is_visible()
    text = record.inner_text()
    assert "Check realism." in text and "this bid offers 12 per £1m a year" in text
    assert "Panel's note on this flag" in text
    assert not v.page.locator("#evaluation-benchmarks").is_visible()
    assert not v.foreign_requests()


def test_a_file_that_is_not_benchmarks_is_named_beside_its_box_and_never_read_as_bids(server, visit, files):
    v = opened(visit, server + "calculators/evaluation/")
    try_example(v.page)
    v.page.set_input_files("#evaluation-benchmarks", str(files / "bids.csv"))
    v.page.wait_for_selector("[data-field='benchmarks'].sv-field--error", timeout=30000)
    message = v.page.inner_text("#evaluation-benchmarks-error")
    assert "bids.csv is not a benchmarks file" in message
    assert v.page.get_attribute("#evaluation-benchmarks", "aria-invalid") == "true"
    assert v.page.locator("[data-calculator] [data-line]").count() == 3  # the example's bids, untouched
    assert not axe_problems(Axe(), v.page)


def test_proportionality_shows_past_contracts_of_a_similar_value(server, visit, files):
    v = opened(visit, server + "calculators/proportionality/")
    try_example(v.page)
    v.page.set_input_files("#proportionality-benchmarks", str(files / "benchmarks.csv"))
    wait_for_result(v.page, "!!r.past_delivery")
    region = v.page.locator("[data-calculator-result]")
    assert "What past contracts of a similar value committed" in region.inner_text()
    assert region.locator(".sv-past-delivery tbody tr").count() >= 1
    assert not axe_problems(Axe(), v.page)


def test_the_report_page_offers_the_benchmarks_download(server, visit):
    v = opened(visit, server + "calculators/report/")
    button = v.page.locator("[data-action='download-file'][data-file='benchmarks']")
    assert button.get_attribute("data-filename") == "report-benchmarks.csv"
    downloads = json.loads(v.page.get_attribute("[data-calculator-result]", "data-downloads"))
    assert downloads["benchmarks"].lstrip("\ufeff").startswith("measure,unit,value_from")


def test_the_templates_page_ships_the_worked_examples_benchmarks_as_the_core_writes_them(site_dir):
    shipped = site_dir / "toolkit" / "templates"
    written = example_benchmarks()
    csv_name, xlsx_name = f"{BENCHMARKS_NAME}.csv", f"{BENCHMARKS_NAME}.xlsx"
    assert (shipped / csv_name).read_text(encoding="utf-8") == written[csv_name]
    assert spreadsheets.table((shipped / xlsx_name).read_bytes(), xlsx_name) == \
        spreadsheets.table(written[xlsx_name], xlsx_name)
    # The rows are the worked example's: three measures, each from 3 of its 6 contracts, and no contract named.
    columns, rows = file_reading.table(written[csv_name])
    assert [row["measure"] for _, row in rows] == ["apprenticeships", "spend-local-sme", "volunteering-hours"]
    assert all(row["contracts"] == "3" for _, row in rows)
    assert not re.search(r"WE-0|Example ", written[csv_name])
    page = (site_dir / "toolkit" / "templates" / "index.html").read_text(encoding="utf-8")
    assert f'href="{csv_name}"' in page and f'href="{xlsx_name}"' in page
    assert "It is a worked example, not real contracts" in page


def test_a_link_keeps_the_benchmarks_file_and_its_flag(server, visit, site_dir, tmp_path):
    """The templates page's Excel benchmarks file, read in the page, then a link to the result."""
    shipped = site_dir / "toolkit" / "templates" / f"{BENCHMARKS_NAME}.xlsx"
    v = opened(visit, server + "calculators/evaluation/")
    v.page.set_input_files("#evaluation-benchmarks", str(shipped))
    (tmp_path / "bids.csv").write_text(BIDS, encoding="utf-8")
    v.page.set_input_files("#evaluation-import", str(tmp_path / "bids.csv"))
    wait_for_result(v.page, "r.bids.length === 3 && r.benchmarks !== null")
    flags = [flag["message"] for flag in result_of(v.page)["bids"][0]["flags"] if flag["code"] == "realism"]
    assert len(flags) == 1 and "Past contracts committed 1.24 to 1.88 per £1m a year" in flags[0]
    link = v.page.evaluate("location.href")
    assert "#inputs=" in link
    # The link, opened afresh: no file is chosen in the box, yet the flag is there, and the box says whose file it is.
    again = opened(visit, link)
    wait_for_result(again.page, "r.bids.length === 3 && r.benchmarks !== null")
    assert [flag["message"] for flag in result_of(again.page)["bids"][0]["flags"] if flag["code"] == "realism"] == flags
    summary = again.page.locator("[data-benchmarks-summary]")
    assert summary.is_visible() and summary.inner_text().startswith(f"{BENCHMARKS_NAME}.xlsx is open")
    # A change to a box recomputes with the same file; the printed record carries the flag.
    again.page.fill("#evaluation-bids-1-score", "3")
    wait_for_result(again.page, "r.bids[1].score == 3 && r.benchmarks !== null")
    assert "Check realism" in again.page.locator(".sv-evaluation-bids").inner_text()
    again.page.emulate_media(media="print")
    record = again.page.locator(".sv-record-bid").nth(0).inner_text()
    assert "this bid offers 12 per £1m a year" in record and "Panel's note on this flag" in record
    again.page.emulate_media(media="screen")
    assert not axe_problems(Axe(), again.page)
    assert not again.foreign_requests()
