"""Issue 30 on the command line: the report writes the benchmarks file (--benchmarks OUT.csv or .json);
the bid evaluation and the proportionality calculator read it (--benchmarks FILE); every bad option or
file is a JSON error with exit code 2."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import commitments
from calculators.report.example import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=ROOT)


def portfolio_csv() -> str:
    """The report's worked example three times over, under other references, quantities 1, 2 and 3 times."""
    rows = []
    for number, scale in enumerate(("1", "2", "3")):
        for one in copy.deepcopy(EXAMPLE["reports"]):
            for line in one.pop("commitments"):
                for key in ("quantity", "delivered", "verified"):
                    if key in line:
                        line[key] = str(Decimal(str(line[key])) * Decimal(scale))
                rows.append({**one, "contract_reference": f"{one['contract_reference']}-{number}", **line})
    return commitments.write_csv(rows, commitments.DELIVERY_REPORT_COLUMNS)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("benchmarks")
    (folder / "reports.csv").write_text(portfolio_csv(), encoding="utf-8")
    done = cli("report", "--open", str(folder / "reports.csv"), "--benchmarks", str(folder / "benchmarks.csv"),
               "--output", str(folder / "report.json"))
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


def test_the_report_writes_the_benchmarks_file_as_csv_and_json(written):
    text = (written / "benchmarks.csv").read_text(encoding="utf-8")
    assert text.lstrip("\ufeff").splitlines()[0].startswith("measure,unit,value_from,value_to,contracts,committed_contracts")
    assert "WE-0" not in text and "Example" not in text
    result = json.loads((written / "report.json").read_text(encoding="utf-8"))
    done = cli("report", "--open", str(written / "reports.csv"), "--benchmarks", str(written / "b.json"))
    assert done.returncode == 0, done.stdout
    assert json.loads((written / "b.json").read_text(encoding="utf-8")) == result["benchmarks"]


def test_the_report_writes_the_benchmarks_file_as_xlsx_which_the_evaluation_reads(written, tmp_path):
    pytest.importorskip("openpyxl")
    done = cli("report", "--open", str(written / "reports.csv"), "--benchmarks", str(tmp_path / "b.xlsx"))
    assert done.returncode == 0, done.stdout + done.stderr
    from calculators.benchmark_file import read_benchmarks
    csv_rows = read_benchmarks((written / "benchmarks.csv").read_text(encoding="utf-8")).rows
    assert read_benchmarks((tmp_path / "b.xlsx").read_bytes(), "b.xlsx").rows == csv_rows
    (tmp_path / "p.json").write_text(json.dumps({"contract_value": 2000000, "category": "services",
                                                 "duration_months": 36, "procurement_date": "2026-03-01"}))
    done = cli("proportionality", "--input", str(tmp_path / "p.json"), "--benchmarks", str(tmp_path / "b.xlsx"))
    assert done.returncode == 0, done.stdout
    assert json.loads(done.stdout)["past_delivery"]["measures"]


def test_the_evaluation_flags_realism_in_its_json(written, tmp_path):
    bids = {"weighting": 10, "bids": [
        {"name": "A", "score": 3, "price": 1000000, "lines": [{"measure": "apprenticeships", "quantity": 4, "years": 3}]},
        {"name": "B", "score": 4, "offer": 9000}]}
    (tmp_path / "bids.json").write_text(json.dumps(bids), encoding="utf-8")
    done = cli("evaluation", "--input", str(tmp_path / "bids.json"), "--benchmarks", str(written / "benchmarks.csv"))
    assert done.returncode == 0, done.stdout
    result = json.loads(done.stdout)
    flags = [flag for flag in result["bids"][0]["flags"] if flag["code"] == "realism"]
    assert len(flags) == 1 and "realism" in flags[0]["message"].lower()
    assert "this bid offers 12 per £1m a year" in flags[0]["message"]
    plain = json.loads(cli("evaluation", "--input", str(tmp_path / "bids.json")).stdout)
    assert [bid["marks"] for bid in plain["bids"]] == [bid["marks"] for bid in result["bids"]]

    # The result's inputs carry the benchmarks file: the saved result, opened again, gives the same flag.
    (tmp_path / "result.json").write_text(done.stdout, encoding="utf-8")
    assert result["inputs"]["benchmarks"]["name"] == "benchmarks.csv"
    again = cli("evaluation", "--open", str(tmp_path / "result.json"))
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads(again.stdout)["bids"][0]["flags"] == result["bids"][0]["flags"]
    (tmp_path / "inputs.json").write_text(json.dumps(result["inputs"]), encoding="utf-8")
    assert json.loads(cli("evaluation", "--input", str(tmp_path / "inputs.json")).stdout)["bids"] == result["bids"]


def test_proportionality_shows_past_contracts_of_a_similar_value(written, tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({"contract_value": 2000000, "category": "services",
                                                 "duration_months": 36, "procurement_date": "2026-03-01"}))
    done = cli("proportionality", "--input", str(tmp_path / "p.json"), "--benchmarks", str(written / "benchmarks.csv"))
    assert done.returncode == 0, done.stdout
    past = json.loads(done.stdout)["past_delivery"]
    assert past["value_from"] == 1000000 and any(row["measure"] == "apprenticeships" for row in past["measures"])


def refused(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return json.loads(done.stdout)["errors"]


def test_bad_options_and_files_are_json_errors(written, tmp_path):
    bids = ROOT / "docs" / "toolkit" / "templates" / "report-worked-example.csv"
    errors = refused(cli("valuation", "--input", "-", "--benchmarks", str(written / "benchmarks.csv")))
    assert errors[0]["field"] == "--benchmarks" and "only applies to" in errors[0]["message"]
    errors = refused(cli("report", "--open", str(written / "reports.csv"), "--benchmarks", str(tmp_path / "b.txt")))
    assert ".csv, .json or .xlsx" in errors[0]["message"] and not (tmp_path / "b.txt").exists()
    errors = refused(cli("report", "--csv", str(written / "reports.csv"), "--benchmarks", str(tmp_path / "b.csv")))
    assert "--open" in errors[0]["message"]
    errors = refused(cli("proportionality", "--input", "-", "--benchmarks", str(bids)))
    assert "is not a benchmarks file" in errors[0]["message"] and errors[0]["field"] == "--benchmarks"
    errors = refused(cli("evaluation", "--input", "-", "--benchmarks", str(tmp_path / "missing.csv")))
    assert "Could not read" in errors[0]["message"]
    lines = (written / "benchmarks.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "bad.csv").write_text(lines[0] + "\n" + lines[1].replace("apprenticeships", "moonbeams", 1) + "\n")
    errors = refused(cli("evaluation", "--input", "-", "--benchmarks", str(tmp_path / "bad.csv")))
    assert "bad.csv, row 2, column 'measure': 'moonbeams' is not a measure in the catalogue" in errors[0]["message"]
