"""Issue 25, finding 7: the Council's own quarterly delivery report template opens in the
monitoring calculator with every column used, and its printed record names the contract, the
provider and the period, and keeps the provider's comments."""

from __future__ import annotations

import json
from pathlib import Path

from calculators import api, commitments

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "docs" / "toolkit" / "templates" / "quarterly-delivery-report.csv"


def opened() -> dict:
    return json.loads(api.open_import("monitoring", TEMPLATE.read_text(encoding="utf-8")))


def test_finding_7_the_template_opens_with_every_column_used():
    reply = opened()
    assert reply["ok"], reply["errors"]
    assert "does not use" not in reply["message"]


def test_finding_7_the_printed_record_names_the_contract_provider_and_period_and_keeps_comments():
    reply = opened()
    contract = reply["result"]["contract"]
    assert contract["contract_reference"] == "SSC-2026-014" and contract["provider"] == "Example Care Ltd"
    assert (contract["quarter_start"], contract["quarter_end"]) == ("2026-07-01", "2026-09-30")
    html = reply["html"]
    for shown in ("SSC-2026-014", "Example Care Ltd", "1 July 2026", "30 September 2026", "PAY-2026-Q2",
                  "One more post is re-advertised with the local jobs club."):
        assert shown in html, shown
    first = reply["result"]["lines"][0]
    assert first["evidence_reference"] == "PAY-2026-Q2" and first["comments"].startswith("Three full-time")


def test_the_template_is_the_delivery_report_format_and_the_download_writes_it_back():
    header = TEMPLATE.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header == list(commitments.DELIVERY_REPORT_COLUMNS)
    reply = opened()
    written = reply["downloads"]["delivery-report"]
    assert written.lstrip("\ufeff").splitlines()[0].split(",") == header
    again = json.loads(api.open_import("monitoring", written))
    assert again["ok"] and again["result"]["contract"] == reply["result"]["contract"]
    assert again["result"]["lines"] == reply["result"]["lines"]


def test_the_template_is_the_monitoring_pages_worked_example_written_as_a_delivery_report():
    from calculators.monitoring import EXAMPLE, REPORT_TOP

    rows = commitments.rows_from_inputs(EXAMPLE, "commitments", REPORT_TOP)
    assert TEMPLATE.read_text(encoding="utf-8") == commitments.write_csv(rows, commitments.DELIVERY_REPORT_COLUMNS)
