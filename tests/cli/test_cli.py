"""The command line: JSON in and out, CSV batches with bad rows, and exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"contract_value": 250000, "category": "goods", "duration_months": 36, "procurement_date": "2026-03-01"}


def cli(*args, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


def test_json_on_stdin():
    done = cli("proportionality", stdin=json.dumps(GOOD))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["band"] == "D" and result["threshold"] == 207720 and result["above_threshold"] is True


def test_json_from_a_file(tmp_path):
    path = tmp_path / "contract.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    done = cli("proportionality", "--input", str(path))
    assert done.returncode == 0 and json.loads(done.stdout)["band"] == "D"


def test_invalid_input_prints_errors_and_exits_2():
    done = cli("proportionality", stdin=json.dumps({**GOOD, "contract_value": -1, "category": "food"}))
    assert done.returncode == 2
    errors = json.loads(done.stdout)["errors"]
    assert {e["field"] for e in errors} == {"contract_value", "category"}
    assert "Traceback" not in done.stdout + done.stderr


def test_malformed_json_and_nan_exit_2():
    for text in ("{not json", '{"contract_value": NaN}', "", "[" * 100000):
        done = cli("proportionality", stdin=text)
        assert done.returncode == 2, text[:20]
        assert json.loads(done.stdout)["errors"]
        assert "Traceback" not in done.stderr


def test_missing_input_file_exits_2(tmp_path):
    done = cli("proportionality", "--input", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and json.loads(done.stdout)["errors"][0]["field"] == "--input"


def test_unknown_calculator_is_a_usage_error():
    assert cli("nonsense").returncode == 2


def test_csv_batch_with_bad_rows(tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "reference,contract_value,category,duration_months,procurement_date,labour_intensive\n"
        "P1,250000,goods,36,2026-03-01,yes\n"
        "P2,lots,goods,36,2026-03-01,no\n"
        "P3,\"£5,500,000\",works,60,2025-06-01,\n"
        "P4,20000,cheese,0,2026-03-01,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    done = cli("proportionality", "--csv", str(plan), "--output", str(out))
    assert done.returncode == 2  # some rows had errors; the others still ran
    # The reference is no input: it is kept in each row, and named in the summary.
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"rows": 4, "errors": 2,
                                                                "unknown_columns": ["reference"]}
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["reference"] for r in rows] == ["P1", "P2", "P3", "P4"]
    assert rows[0]["band"] == "D" and rows[0]["weighting_recommended"] == "14" and rows[0]["errors"] == ""
    assert rows[1]["errors"].startswith("Row 3: contract_value: Estimated contract value must be a number")
    assert rows[2]["band"] == "E" and rows[2]["threshold"] == "5372609" and rows[2]["above_threshold"] == "true"
    assert "Row 5:" in rows[3]["errors"] and "category" in rows[3]["errors"] and "duration_months" in rows[3]["errors"]


def test_csv_batch_all_good_exits_0():
    text = "contract_value,category,duration_months\n10000,services,12\n"
    done = cli("proportionality", "--csv", "-", stdin=text)
    assert done.returncode == 0
    assert list(csv.DictReader(io.StringIO(done.stdout)))[0]["band"] == "A"


def test_settings_copy_on_the_command_line(tmp_path):
    broken = tmp_path / "policy.toml"
    broken.write_text("[[bands]]\nid = 'A'\nfrom = 5\n", encoding="utf-8")
    done = cli("proportionality", "--settings", str(broken), stdin=json.dumps(GOOD))
    assert done.returncode == 2
    messages = [e["message"] for e in json.loads(done.stdout)["errors"]]
    assert any("must start from 0" in m for m in messages)


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "socialvalue"
    done = subprocess.run([str(script), "proportionality"], input=json.dumps(GOOD), capture_output=True, text=True)
    assert done.returncode == 0 and json.loads(done.stdout)["band"] == "D"


VALUATION = {"price_year": 2026, "discount_rate": 3.5, "contract_value": 1000000, "lines": [
    {"measure": "local-employment", "quantity": 5, "years": 3},
    {"measure": "apprenticeships", "quantity": 2, "years": 3},
    {"measure": "volunteering-hours", "quantity": 600, "years": 3},
    {"measure": "carbon-avoided", "quantity": 40, "years": 3}]}


def test_valuation_json_on_stdin_equals_the_core():
    from calculators import api

    done = cli("valuation", stdin=json.dumps(VALUATION))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == api.run("valuation", VALUATION)
    assert set(result) >= {"lines", "totals", "per_pound", "by_priority", "sensitivity", "counted_only", "warnings"}
    assert len(result["lines"]) == 4
    totals = result["totals"]
    assert totals["present_value"] <= totals["net"] <= totals["gross"]


def test_valuation_line_errors_exit_2_with_named_fields():
    bad = {**VALUATION, "lines": [{"measure": "no-such-measure", "quantity": 1, "years": 1},
                                  {"measure": "apprenticeships", "quantity": 2, "years": 51, "deadweight": "lots"}]}
    done = cli("valuation", stdin=json.dumps(bad))
    assert done.returncode == 2
    fields = {e["field"] for e in json.loads(done.stdout)["errors"]}
    assert fields == {"lines[0].measure", "lines[1].years", "lines[1].deadweight"}
    assert "Traceback" not in done.stdout + done.stderr


def test_valuation_csv_of_lines(tmp_path):
    source = tmp_path / "lines.csv"
    source.write_text("ref,measure,quantity,years,proxy\nA,apprenticeships,2,3,\nB,custom,4,2,\nC,custom,4,2,250\n",
                      encoding="utf-8")
    target = tmp_path / "out.csv"
    done = cli("valuation", "--csv", str(source), "--output", str(target))
    assert done.returncode == 2  # one row has a problem: it is reported in its row, and the rest are valued
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [row["ref"] for row in rows] == ["A", "B", "C"]
    assert rows[0]["errors"] == "" and float(rows[0]["present_value"]) > 0
    assert rows[1]["errors"].startswith("Row 3: proxy:")
    assert rows[2]["errors"] == "" and float(rows[2]["gross"]) == 2000


EVALUATION = {"weighting": 10, "bids": [{"name": "A", "score": 3, "offer": 120000},
                                        {"name": "B", "score": 4, "offer": 90000},
                                        {"name": "C", "score": 2, "offer": 45000}]}


def test_evaluation_json_on_stdin_equals_the_core():
    from calculators import api

    done = cli("evaluation", stdin=json.dumps(EVALUATION))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == api.run("evaluation", EVALUATION)
    assert [(b["name"], b["marks"], b["rank"]) for b in result["bids"]] == [("A", 8, 1), ("B", 7.75, 2), ("C", 3.88, 3)]
    assert result["ranking_sensitive"] is True


def test_evaluation_field_errors_exit_2():
    bad = {"weighting": 10, "method": "target", "bids": [{"name": "A", "score": 6, "offer": -1},
                                                         {"name": "B", "score": 1}]}
    done = cli("evaluation", stdin=json.dumps(bad))
    assert done.returncode == 2
    # The field's own error and the rules between fields come at once, in the order of the form; the
    # negative offer is not also called missing.
    assert [e["field"] for e in json.loads(done.stdout)["errors"]] == \
        ["target", "bids[0].score", "bids[0].offer", "bids[1].offer"]
    assert json.loads(done.stdout)["errors"][2]["message"].startswith("Quantified offer")
    assert cli("evaluation", stdin=json.dumps({"weighting": 10, "bids": [EVALUATION["bids"][0]]})).returncode == 2
    assert "Traceback" not in done.stdout + done.stderr


def test_evaluation_csv_is_one_evaluation_with_a_bid_a_row(tmp_path):
    source = tmp_path / "bids.csv"
    source.write_text("ref,name,score,offer,price,panel_scores,weighting\n"
                      "1,A,3,120000,1000000,3; 3; 4,10\n2,B,4,90000,950000,4; 2; 4,10\n3,C,2,45000,900000,,10\n",
                      encoding="utf-8")
    target = tmp_path / "marks.csv"
    done = cli("evaluation", "--csv", str(source), "--output", str(target))
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stderr) == {"rows": 3, "errors": 0, "unknown_columns": ["ref"]}
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(r["ref"], r["marks"], r["rank"], r["flags"]) for r in rows] == [
        ("1", "8", "1", ""), ("2", "7.75", "2", "panel_spread"), ("3", "3.88", "3", "")]


def test_evaluation_csv_with_a_bad_row_exits_2(tmp_path):
    source = tmp_path / "bids.csv"
    source.write_text("name,score,offer,weighting\nA,3,120000,10\nB,9,90000,10\n", encoding="utf-8")
    target = tmp_path / "marks.csv"
    done = cli("evaluation", "--csv", str(source), "--output", str(target))
    assert done.returncode == 2
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[1]["errors"] == "Row 3: score: Agreed score must be between 0 and 5, the top of the scale"
    assert rows[0]["errors"] == "Not worked out: fix the errors in the other rows first"


def test_evaluation_settings_copy_on_the_command_line(tmp_path):
    copy = tmp_path / "policy.toml"
    copy.write_text((ROOT / "calculators/data/policy.toml").read_text(encoding="utf-8")
                    .replace("offer_high_share = 16", "offer_high_share = 10"), encoding="utf-8")
    bids = {"weighting": 10, "bids": [{"name": "A", "score": 3, "offer": 12, "price": 100},
                                      {"name": "B", "score": 3, "offer": 11, "price": 100}]}
    flagged = json.loads(cli("evaluation", "--settings", str(copy), stdin=json.dumps(bids)).stdout)
    assert [b["flags"][0]["code"] for b in flagged["bids"]] == ["offer_high_share"] * 2
    assert all(b["flags"] == [] for b in json.loads(cli("evaluation", stdin=json.dumps(bids)).stdout)["bids"])
    broken = tmp_path / "broken.toml"
    broken.write_text("[evaluation]\noffer_high_share = 0\n", encoding="utf-8")
    done = cli("evaluation", "--settings", str(broken), stdin=json.dumps(bids))
    assert done.returncode == 2 and json.loads(done.stdout)["errors"][0]["field"] == "--settings"


MONITORING = {"contract_months": 36, "months_elapsed": 6, "contract_value": 6000000, "commitments": [
    {"ref": "SV1", "measure": "ltu-into-work", "quantity": 4, "years": 3, "delivered": 1.6},
    {"ref": "SV2", "measure": "vulnerable-residents-support", "quantity": 40, "years": 3, "delivered": 12}]}


def test_monitoring_json_on_stdin_equals_the_core():
    from calculators import api

    done = cli("monitoring", stdin=json.dumps(MONITORING))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result == api.run("monitoring", MONITORING)
    assert [line["status"] for line in result["lines"]] == ["amber", "red"]
    assert result["totals"]["progress"] == 80 and result["duties"]["duties"][0]["source"]["url"].endswith("/section/52")


def test_monitoring_errors_exit_2_with_named_fields():
    bad = {**MONITORING, "months_elapsed": 40, "commitments": [{**MONITORING["commitments"][0], "delivered": -1}]}
    done = cli("monitoring", stdin=json.dumps(bad))
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"] == [
        {"field": "months_elapsed", "message": "Months elapsed must be no more than the contract length, 36 months"},
        {"field": "commitments[0].delivered", "message": "Delivered to date cannot be negative"}]
    assert "Traceback" not in done.stdout + done.stderr


def test_monitoring_delivery_report_is_one_calculation(tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("contract_months,months_elapsed,ref,measure,quantity,years,delivered\n"
                      "36,6,SV1,ltu-into-work,4,3,1.6\n36,6,SV2,vulnerable-residents-support,40,3,12\n",
                      encoding="utf-8")
    done = cli("monitoring", "--csv", str(report))
    assert done.returncode == 0 and json.loads(done.stderr) == {"rows": 2, "errors": 0}
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(row["ref"], row["status"]) for row in rows] == [("SV1", "amber"), ("SV2", "red"), ("", "amber")]
    assert rows[-1]["line"] == "total"
    report.write_text("contract_months,months_elapsed,measure,quantity,years,delivered\n36,6,ltu-into-work,4,3,\n",
                      encoding="utf-8")
    done = cli("monitoring", "--csv", str(report))
    assert done.returncode == 2
    assert list(csv.DictReader(io.StringIO(done.stdout)))[0]["errors"] == \
        "Row 2: delivered: Enter the quantity delivered to date"


def test_monitoring_settings_copy_on_the_command_line(tmp_path):
    from calculators.data_files import DATA

    edited = tmp_path / "policy.toml"
    edited.write_text((DATA / "policy.toml").read_text(encoding="utf-8").replace("amber = 75 ", "amber = 50 "),
                      encoding="utf-8")
    done = cli("monitoring", "--settings", str(edited), stdin=json.dumps(MONITORING))
    assert done.returncode == 0, done.stdout
    assert [line["status"] for line in json.loads(done.stdout)["lines"]] == ["amber", "amber"]
    edited.write_text((DATA / "policy.toml").read_text(encoding="utf-8").replace("amber = 75 ", "amber = 99 "),
                      encoding="utf-8")
    done = cli("monitoring", "--settings", str(edited), stdin=json.dumps(MONITORING))
    assert done.returncode == 2
    assert "must not be more than monitoring.green" in json.loads(done.stdout)["errors"][0]["message"]


BIDS = "name,score,offer,weighting\nA,3,120000,10\nB,4,90000,10\n"


def test_open_runs_one_calculation_from_a_file_as_the_page_opens_it(tmp_path):
    bids = tmp_path / "bids.csv"
    bids.write_text(BIDS, encoding="utf-8")
    done = cli("evaluation", "--open", str(bids))
    assert done.returncode == 0, done.stdout
    result = json.loads(done.stdout)
    assert result["calculator"] == "evaluation" and [bid["name"] for bid in result["bids"]] == ["A", "B"]
    assert result["inputs"]["weighting"] == 10 and result["ranking"] == ["A", "B"]


def test_open_names_the_row_and_column_of_a_bad_value(tmp_path):
    bids = tmp_path / "bids.csv"
    bids.write_text("name,score,offer,weighting\nA,9,1,10\nB,3,1,10\n", encoding="utf-8")
    done = cli("evaluation", "--open", str(bids))
    assert done.returncode == 2
    messages = [error["message"] for error in json.loads(done.stdout)["errors"]]
    assert any(message.endswith("(row 2, column 'score' of the file)") for message in messages), messages


def test_open_takes_one_file_unless_the_calculator_opens_several(tmp_path):
    (tmp_path / "a.csv").write_text(BIDS, encoding="utf-8")
    (tmp_path / "b.csv").write_text(BIDS, encoding="utf-8")
    done = cli("evaluation", "--open", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert done.returncode == 2
    assert json.loads(done.stdout)["errors"] == [
        {"field": "", "message": "This calculator opens one file at a time. Choose one file"}]
    refused = cli("proportionality", "--open", str(tmp_path / "a.csv"))
    assert refused.returncode == 2 and json.loads(refused.stdout)["errors"][0]["message"].startswith(
        "The proportionality calculator opens only its own result file ('Download JSON'). Use --csv")
