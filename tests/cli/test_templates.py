"""Every CSV template runs through the command line, and the tables on the templates page show the
same values as the files you download (so the page and the files cannot contradict each other)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import api, commitments, file_reading, registry

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "toolkit" / "templates"
PAGE = ROOT / "docs" / "toolkit" / "templates.md"
# Which calculator each CSV template is for.
CALCULATOR_FOR = {"commitments-kpi-table.csv": "valuation", "quarterly-delivery-report.csv": "monitoring",
                  "report-worked-example.csv": "report"}


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=ROOT)


def rows_of(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((TEMPLATES / name).read_text(encoding="utf-8"))))


def test_every_csv_template_has_a_calculator():
    assert sorted(path.name for path in TEMPLATES.glob("*.csv")) == sorted(CALCULATOR_FOR)


@pytest.mark.parametrize("name", sorted(CALCULATOR_FOR))
def test_every_csv_template_runs_through_the_command_line(name, tmp_path):
    target = tmp_path / "out.csv"
    done = cli(CALCULATOR_FOR[name], "--csv", str(TEMPLATES / name), "--output", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows and all(row.get("errors", "") == "" for row in rows)
    assert json.loads(done.stderr.strip().splitlines()[-1])["errors"] == 0


def test_the_commitments_template_is_exactly_the_commitments_format():
    text = (TEMPLATES / "commitments-kpi-table.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(commitments.COLUMNS)
    for calculator in ("valuation", "monitoring"):
        inputs, errors, about = file_reading.read_file(registry.get(calculator), text)
        assert errors == [] and len(inputs[registry.get(calculator).files.list_name]) == 5
        assert inputs["price_year"] == "2026"
    # Every column is the format's: the monitoring names only the contract's details it does not read yet
    # (the delivery report's branch adds them to its inputs).
    assert set(file_reading.read_file(registry.get("monitoring"), text)[2]["unused"]) <= set(commitments.CONTRACT_COLUMNS)
    assert file_reading.read_file(registry.get("valuation"), text)[2]["unused"] == []
    # Work placements: 2 a year for 3 years, so 6 in all (the old template said 6 a year).
    placements = next(row for row in rows_of("commitments-kpi-table.csv") if row["measure"] == "work-placements")
    assert (placements["quantity"], placements["years"]) == ("2", "3")


def test_the_delivery_report_is_the_commitments_format_with_what_was_delivered():
    header = rows_of("quarterly-delivery-report.csv")[0].keys()
    # The contract's columns and the written-only title are the delivery report's own branch's to add.
    shared = [column for column in commitments.LINE_COLUMNS if column not in ("title", "objectives")]
    assert set(shared) | set(commitments.REPORT_COLUMNS) <= set(header)
    # No typed targets or statuses: the calculator works them out, so they cannot disagree.
    assert not {"target_this_quarter", "target_to_date", "status"} & set(header)
    commitments_rows = rows_of("commitments-kpi-table.csv")
    for report, commitment in zip(rows_of("quarterly-delivery-report.csv"), commitments_rows, strict=True):
        assert all(report[column] == commitment[column] for column in shared)


def test_the_delivery_report_gives_the_monitoring_pages_worked_example(tmp_path):
    target = tmp_path / "out.csv"
    done = cli("monitoring", "--csv", str(TEMPLATES / "quarterly-delivery-report.csv"), "--output", str(target))
    summary = json.loads(done.stderr.strip().splitlines()[-1])
    assert done.returncode == 0 and (summary["rows"], summary["errors"]) == (5, 0)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    example = api.run("monitoring", registry.get("monitoring").example)
    for row, line in zip(rows, example["lines"]):
        assert (row["status"], float(row["progress"])) == (line["status"], line["progress"])
        assert float(row["due_to_date"]) == line["due_to_date"]
    total = rows[-1]
    assert total["line"] == "total" and total["status"] == example["totals"]["status"]
    assert float(total["value_delivered"]) == example["totals"]["value_delivered"]
    # The same file opened in the browser gives the same result.
    opened = json.loads(api.open_import("monitoring", (TEMPLATES / "quarterly-delivery-report.csv").read_text(
        encoding="utf-8")))
    assert opened["ok"] and opened["result"]["lines"] == example["lines"]
    assert opened["result"]["totals"] == example["totals"]


def markdown_table(section: str) -> list[dict]:
    """The first table under a heading of templates.md, as rows of named cells."""
    text = PAGE.read_text(encoding="utf-8").split(f"{{ #{section} }}", 1)[1]
    lines = [line for line in text.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


@pytest.mark.parametrize("section, name", [("commitments-and-kpi-table", "commitments-kpi-table.csv"),
                                           ("quarterly-delivery-report", "quarterly-delivery-report.csv")])
def test_the_page_shows_the_same_values_as_the_download(section, name):
    shown, rows = markdown_table(section), rows_of(name)
    assert len(shown) == len(rows) >= 3
    for table_row, row in zip(shown, rows):
        for column, value in table_row.items():
            assert column in row, column
            assert value == re.sub(r"\s+", " ", row[column]), (column, value, row[column])
