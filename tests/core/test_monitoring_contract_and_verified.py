"""Issue 25: the delivery report's contract, quarter, verified quantity, evidence reference and
comments, read and kept by the monitoring calculator (its fields, result, record and download)."""

from __future__ import annotations

import json

import pytest

from calculators import api, commitments, registry, render
from calculators.invalid_input import InvalidInput

MONITORING = registry.get("monitoring")
CONTRACT = {"contract_reference": "C-7", "contract_title": "Street cleaning", "provider": "Tidy & Co",
            "provider_type": "vcse", "contract_value": 900000, "contract_months": 24,
            "quarter_start": "2026-04-01", "quarter_end": "2026-06-30", "months_elapsed": 3, "price_year": 2026}


def line(**given) -> dict:
    return {"measure": "custom", "quantity": 12, "years": 2, "proxy": 100, "delivered": 3, **given}


def run(*lines, **top) -> dict:
    return api.run("monitoring", {**CONTRACT, "commitments": list(lines), **top})


def errors_of(**inputs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        api.run("monitoring", {**CONTRACT, "commitments": [line()], **inputs})
    return caught.value.errors


def test_the_result_names_the_contract_and_the_quarter():
    result = run(line())
    assert result["contract"] == {"contract_reference": "C-7", "contract_title": "Street cleaning",
                                  "provider": "Tidy & Co", "provider_type": "vcse",
                                  "quarter_start": "2026-04-01", "quarter_end": "2026-06-30"}


def test_a_contract_given_nothing_about_itself_still_has_a_contract_object():
    result = api.run("monitoring", {"contract_months": 12, "months_elapsed": 3, "commitments": [line()]})
    assert result["contract"] == {"contract_reference": "", "contract_title": "", "provider": "",
                                  "provider_type": None, "quarter_start": None, "quarter_end": None}


def test_each_line_carries_verified_its_value_the_evidence_reference_and_comments():
    result = run(line(verified=2, evidence_reference="PAY-Q1", comments="Two checked\nagainst payroll"), line())
    checked, unchecked = result["lines"]
    # unit_net = £100 (a custom proxy, no adjustments): verified 2 is worth £200; delivered 3, £300.
    assert (checked["verified"], checked["value_verified"], checked["value_delivered"]) == (2, 200, 300)
    assert (checked["evidence_reference"], checked["comments"]) == ("PAY-Q1", "Two checked\nagainst payroll")
    assert (unchecked["verified"], unchecked["value_verified"], unchecked["comments"]) == (None, None, "")
    # Progress is on what was claimed; the total verified counts what was verified.
    assert result["totals"]["value_delivered"] == 600 and result["totals"]["value_verified"] == 200


def test_a_line_with_no_value_keeps_its_verified_quantity():
    result = run(line(measure="work-placements", proxy=None, delivered=2, verified=1))
    assert (result["lines"][0]["verified"], result["lines"][0]["value_verified"]) == (1, None)
    assert result["totals"]["value_verified"] == 0


def test_verified_more_than_delivered_is_an_error_on_that_line():
    errors = errors_of(commitments=[line(), line(delivered=3, verified=4)])
    assert errors == [{"field": "commitments[1].verified",
                       "message": "Verified to date must be no more than delivered to date, 3"}]


def test_verified_equal_to_delivered_is_fine():
    assert run(line(delivered=3, verified=3))["lines"][0]["value_verified"] == 300


def test_a_quarter_that_ends_before_it_starts_is_an_error():
    errors = errors_of(quarter_start="2026-07-01", quarter_end="2026-06-30")
    assert errors == [{"field": "quarter_end", "message": "Quarter end must be on or after the quarter start, "
                                                          "1 July 2026"}]


@pytest.mark.parametrize("inputs, field, message", [
    ({"provider_type": "charity"}, "provider_type", "Select the type of provider from the list"),
    ({"quarter_start": "2026-13-01"}, "quarter_start", "Quarter start must be a real date"),
    ({"quarter_end": "next week"}, "quarter_end", "Quarter end must be a date"),
    ({"contract_reference": "x" * 61}, "contract_reference", "Contract reference must be 60 characters or fewer"),
    ({"commitments": [line(verified=-1)]}, "commitments[0].verified", "Verified to date cannot be negative"),
    ({"commitments": [line(verified="some")]}, "commitments[0].verified", "Verified to date must be a number"),
    ({"commitments": [line(comments="x" * 1001)]}, "commitments[0].comments", "Comments must be 1000 characters or fewer"),
])
def test_each_bad_value_gets_its_own_message(inputs, field, message):
    errors = errors_of(**inputs)
    assert any(e["field"] == field and e["message"].startswith(message) for e in errors), errors


def test_the_provider_type_is_read_by_its_label_too():
    assert run(line(), provider_type="Large organisation")["contract"]["provider_type"] == "large"


REPORT = (
    "contract_reference,contract_title,provider,provider_type,contract_value,contract_months,quarter_start,"
    "quarter_end,months_elapsed,ref,measure,quantity,years,proxy,price_year,delivered,verified,evidence_reference,"
    "comments\n"
    "C-7,Street cleaning,Tidy & Co,vcse,900000,24,2026-04-01,2026-06-30,3,K1,custom,12,2,100,2026,3,2,PAY-Q1,Late start\n"
    "C-7,Street cleaning,Tidy & Co,vcse,900000,24,2026-04-01,2026-06-30,3,K2,custom,4,2,50,2026,1,,,\n")


def test_a_delivery_report_opens_with_every_column_used_and_is_written_back_the_same():
    reply = json.loads(api.open_import("monitoring", REPORT))
    assert reply["ok"], reply["errors"]
    assert "does not use" not in reply["message"]
    assert reply["result"]["contract"]["provider"] == "Tidy & Co"
    assert reply["form"]["quarter_end"] == "2026-06-30" and reply["form"]["commitments[0].comments"] == "Late start"
    written = reply["downloads"]["delivery-report"]
    assert written.splitlines()[0] == "\ufeff" + ",".join(commitments.DELIVERY_REPORT_COLUMNS)
    again = json.loads(api.open_import("monitoring", written))
    assert again["ok"] and again["result"]["lines"] == reply["result"]["lines"]
    assert again["result"]["contract"] == reply["result"]["contract"]


def test_the_contract_must_be_the_same_on_every_row():
    reply = json.loads(api.open_import("monitoring", REPORT.replace("Tidy & Co,vcse,900000,24,2026-04-01,2026-06-30,3,K2",
                                                                    "Other Ltd,vcse,900000,24,2026-04-01,2026-06-30,3,K2")))
    assert not reply["ok"]
    assert reply["errors"][0]["field"] == "provider" and "must give the same one" in reply["errors"][0]["message"]


def test_the_record_names_the_contract_provider_and_period_and_shows_claimed_and_verified():
    result = run(line(verified=2, evidence_reference="PAY-Q1", comments="Late <b>start</b>"))
    html = render.result(MONITORING, result)
    assert "<dt>Contract</dt><dd>C-7: Street cleaning</dd>" in html
    assert "<dt>Provider</dt><dd>Tidy &amp; Co (Voluntary, community or social enterprise (" in html
    assert "1 April 2026 to 30 June 2026" in html
    assert "Delivered (claimed)" in html and ">Verified<" in html and "Value verified" in html
    assert "Evidence sent: PAY-Q1" in html and "Late &lt;b&gt;start&lt;/b&gt;" in html and "<b>" not in html
    # The inputs printed with the record name the contract too.
    assert "<dt>Provider</dt><dd>Tidy &amp; Co</dd>" in html


def test_the_csv_download_has_the_new_columns():
    from calculators import export
    result = run(line(verified=2, comments="ok"))
    header = export.to_csv(MONITORING, result).lstrip("\ufeff").splitlines()[0].split(",")
    words = export.words(MONITORING)
    assert {words[key] for key in ("verified", "value_verified", "evidence_reference", "comments")} <= set(header)
