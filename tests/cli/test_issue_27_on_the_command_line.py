"""Issue 27 on the command line: the findings' rules as a user meets them with
``python -m calculators``. (Kept out of tests/core, which also runs under Pyodide, where there are
no processes.)"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys


def test_the_command_line_takes_local_spend_over_1_million():
    inputs = {"price_year": 2024, "lines": [{"measure": "spend-local-sme", "quantity": 3_000_000, "years": 2}]}
    done = subprocess.run([sys.executable, "-m", "calculators", "valuation"], input=json.dumps(inputs),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["lines"][0]["quantity"] == 3_000_000


def test_a_delivery_report_with_a_pay_column_runs_on_the_command_line(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("measure,quantity,years,annual_pay,deadweight,attribution,displacement,delivered,"
                      "contract_months,months_elapsed,price_year\n"
                      "ltu-into-work,1,1,22000,0,0,0,1,12,12,2023\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "calculators", "monitoring", "--csv", str(report)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert float(rows[0]["unit_net"]) == 29000
