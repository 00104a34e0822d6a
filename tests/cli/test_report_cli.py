"""The report calculator on the command line: --open with several files, --csv of one file, JSON in,
bad input as JSON errors with exit code 2; and the worked example's file is the core's example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from calculators import api
from calculators.report.example import EXAMPLE, example_csv

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "toolkit" / "templates"
WORKED = TEMPLATES / "report-worked-example.csv"


def cli(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", "report", *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin)


def test_the_worked_example_file_is_what_the_core_example_writes():
    assert WORKED.read_text(encoding="utf-8") == example_csv()


def test_open_the_worked_example_equals_the_json_example():
    done = cli("--open", str(WORKED))
    assert done.returncode == 0, done.stderr
    opened, direct = json.loads(done.stdout), api.run("report", EXAMPLE)
    for key in ("totals", "by_priority", "by_objective", "by_measure", "trend", "sme_vcse"):
        assert opened[key] == direct[key], key


def test_open_several_files_at_once():
    done = cli("--open", str(WORKED), str(TEMPLATES / "quarterly-delivery-report.csv"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["totals"]["contracts"] == 7
    stale = [c["contract_reference"] for c in result["contracts"] if c["stale"]]
    assert stale == ["SSC-2026-014", "WE-06"]  # the template's quarter ends in September 2026


def test_bad_input_is_json_with_exit_code_2(tmp_path):
    done = cli(stdin='{"reports": []}')
    assert done.returncode == 2
    assert json.loads(done.stdout) == {"errors": [{"field": "reports", "message": "Add at least 1 delivery report"}]}
    bids = tmp_path / "bids.csv"
    bids.write_text("name,score,offer,price\nAcme,4,100000,900000\n", encoding="utf-8")
    done = cli("--open", str(bids))
    assert done.returncode == 2 and "bids file" in done.stdout and "Traceback" not in done.stderr
