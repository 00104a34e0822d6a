"""Issue 25: one commitments file from a provider's bid to the panel to the contract manager. Each
finding is a test, named after it; then the column names, UK dates and result files it asks for."""

from __future__ import annotations

import csv
import io
import json

import pytest

from calculators import api, batch, commitments, export, registry
from calculators.invalid_input import InvalidInput

VALUATION, EVALUATION, MONITORING = (registry.get(name) for name in ("valuation", "evaluation", "monitoring"))


def opened(name: str, text: str, form: dict | None = None) -> dict:
    return json.loads(api.open_files(name, json.dumps([{"name": "file", "text": text}]), "",
                                     json.dumps(form or {})))


def messages(reply: dict) -> list[str]:
    return [error["message"] for error in reply["errors"]]


def test_finding_1_the_evaluations_download_csv_is_not_opened_as_15_bids():
    reply = api.respond("evaluation", EVALUATION.example)
    again = opened("evaluation", reply["csv"])
    assert not again["ok"] and again["form"] == {}
    assert messages(again) == [
        "This is the bid evaluation calculator's result file ('Download CSV'), not a bids file: it holds the "
        "figures worked out, not what was typed. To open bids here, use a file with one bid a row, or 'Download "
        "JSON' in the bid evaluation calculator"]
    # Its JSON opens again, weighting and all, to the same result.
    json_again = opened("evaluation", json.dumps(reply["result"]))
    assert json_again["ok"] and json_again["result"] == reply["result"]
    assert json_again["form"]["weighting"] == 10 and json_again["message"].startswith("Opened a file with 3 bids.")


def test_finding_2_the_valuations_download_json_opens_again_in_the_valuation():
    reply = api.respond("valuation", VALUATION.example)
    again = opened("valuation", json.dumps(reply["result"], indent=2))
    assert again["ok"], again["errors"]
    assert again["result"] == reply["result"]
    assert again["form"]["lines[3].measure"] == "carbon-avoided" and again["form"]["discount_rate"] == 3.5


def test_finding_2_a_json_object_that_is_no_result_gets_a_json_message():
    refused = opened("valuation", '{"measure": "apprenticeships"}')
    assert messages(refused) == ["A JSON file must be a list of objects, one a row, like [{\"measure\": "
                                 "\"apprenticeships\", \"quantity\": 2, \"years\": 3}], or a result saved with "
                                 "'Download JSON'"]
    assert "header row" not in messages(refused)[0]


@pytest.mark.parametrize("name", ["valuation", "monitoring"])
def test_finding_3_the_valuations_result_csv_never_becomes_commitments(name):
    result_csv = api.respond("valuation", VALUATION.example)["csv"]
    refused = opened(name, result_csv)
    assert not refused["ok"] and refused["form"] == {}
    message = messages(refused)[0]
    assert message.startswith("This is the outcome valuation calculator's result file ('Download CSV'), not a "
                              "commitments file")
    assert "To open commitments here, use 'Download commitments (CSV)'" in message
    assert message.endswith("outcome valuation calculator") or "in the outcome valuation calculator, or" in message


def test_finding_3_a_result_file_is_refused_by_the_command_line_too(tmp_path):
    result_csv = api.respond("valuation", VALUATION.example)["csv"]
    with pytest.raises(InvalidInput) as refused:
        batch.open_files("monitoring", [("valuation.csv", result_csv)])
    assert "result file" in refused.value.errors[0]["message"]
    with pytest.raises(InvalidInput) as batch_refused:
        batch.run_lines_csv("valuation", io.StringIO(result_csv.lstrip("\ufeff")), io.StringIO())
    assert batch_refused.value.errors[0]["field"] == "--csv"


def test_finding_5_the_commitments_download_has_titles_kpis_and_the_contract():
    inputs = {"price_year": 2026, "contract_value": "2,400,000", "contract_months": "36",
              "contract_reference": "SSC-2026-014", "contract_title": "Home support", "provider": "Example Care Ltd",
              "provider_type": "SME",
              "lines": [{"measure": "ltu-into-work", "quantity": 4, "years": 3, "ref": "SV1", "label": "Care workers",
                         "evidence": "Payroll extract", "due": "31/03/2029"},
                        {"measure": "custom", "quantity": 2, "years": 1, "proxy": 100, "unit": "event",
                         "objectives": "5; 8"}]}
    reply = api.respond("valuation", inputs)
    assert reply["ok"], reply.get("errors")
    rows = list(csv.DictReader(io.StringIO(reply["downloads"]["commitments"].lstrip("\ufeff"))))
    first, second = rows
    assert (first["measure"], first["title"]) == ("ltu-into-work", "Long-term unemployed people moved into work")
    assert (first["ref"], first["label"], first["evidence"], first["due"]) == \
        ("SV1", "Care workers", "Payroll extract", "2029-03-31")  # downloads keep ISO dates
    assert second["objectives"] == "5; 8"
    for row in rows:
        assert (row["contract_reference"], row["contract_title"], row["provider"], row["provider_type"],
                row["contract_value"], row["contract_months"]) == \
            ("SSC-2026-014", "Home support", "Example Care Ltd", "sme", "2400000", "36")
    # The valuation form has a box for each of them, behind the line's disclosure.
    names = {spec.name: spec for spec in VALUATION.list_spec.item_fields}
    assert {"ref", "evidence", "due", "objectives"} <= set(names)
    assert names["ref"].disclosure == names["due"].disclosure == commitments.KPI


def test_finding_5_objectives_are_for_a_custom_line():
    reply = api.respond("valuation", {"lines": [{"measure": "apprenticeships", "quantity": 1, "years": 1,
                                                 "objectives": "5"}]})
    assert reply["errors"][0]["field"] == "lines[0].objectives"
    assert reply["errors"][0]["message"].startswith("Leave the Policy objectives blank for this measure")
    bad = api.respond("valuation", {"lines": [{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1,
                                               "objectives": "5, 11"}]})
    assert bad["errors"][0]["message"] == "Policy objectives must each be between 1 and 10"


def test_finding_6_a_column_headed_delivered_to_date_is_read():
    reply = opened("monitoring", "Measure,Quantity per year,Years,Delivered to date,Contract length,MONTHS_ELAPSED\n"
                                 "work-placements,2,1,1,24,12\n")
    assert reply["ok"], reply.get("errors")
    assert reply["result"]["inputs"]["commitments"][0]["delivered"] == 1
    assert reply["form"]["commitments[0].delivered"] == "1" and "does not use" not in reply["message"]


def test_finding_6_a_problem_names_the_column_as_the_file_heads_it():
    reply = opened("monitoring", "measure,quantity,years,Delivered to date,contract_months,months_elapsed\n"
                                 "work-placements,2,1,-1,24,12\n")
    assert "(row 2, column 'Delivered to date' of the file)" in messages(reply)[0]


def test_finding_8_opening_a_file_keeps_the_contract_typed_before():
    typed = {"contract_months": "36", "months_elapsed": "6", "contract_value": "£2,400,000", "price_year": "",
             "commitments[0].measure": "apprenticeships"}
    reply = opened("monitoring", "measure,quantity,years,delivered\nwork-placements,2,3,1\n", typed)
    assert reply["ok"], reply.get("errors")
    # The form keeps its boxes (the file names none of them), and the result counts them.
    assert not {"contract_months", "months_elapsed", "contract_value"} & set(reply["form"])
    assert reply["result"]["inputs"]["contract_months"] == 36 and reply["result"]["inputs"]["months_elapsed"] == 6
    # A box the file gives wins over what was typed.
    given = opened("monitoring", "measure,quantity,years,delivered,months_elapsed\nwork-placements,2,3,1,9\n", typed)
    assert given["form"]["months_elapsed"] == "9" and given["result"]["inputs"]["months_elapsed"] == 9


@pytest.mark.parametrize("name", sorted(registry.names()))
def test_finding_9_every_csv_download_starts_with_a_byte_order_mark(name):
    reply = api.respond(name, registry.get(name).example)
    assert reply["csv"].startswith("\ufeff")
    assert all(text.startswith("\ufeff") for text in reply["downloads"].values())


def test_finding_9_a_batch_written_to_a_file_starts_with_a_byte_order_mark(tmp_path):
    from calculators.__main__ import main

    source, target = tmp_path / "lines.csv", tmp_path / "out.csv"
    source.write_text("measure,quantity,years\napprenticeships,2,3\n", encoding="utf-8")
    assert main(["valuation", "--csv", str(source), "--output", str(target)]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_finding_10_a_uk_date_in_a_monitoring_batch():
    report = ("measure,quantity,years,delivered,due,contract_months,months_elapsed\n"
              "work-placements,2,3,1,31/03/2029,36,6\n")
    target = io.StringIO()
    summary = batch.run_one_csv("monitoring", io.StringIO(report), target)
    assert summary == {"rows": 1, "errors": 0}
    assert "Due date must be" not in target.getvalue()


@pytest.mark.parametrize("typed, meant", [("01/03/2026", "2026-03-01"), ("1/3/2026", "2026-03-01"),
                                          ("03/04/2026", "2026-04-03"), ("2026-03-01", "2026-03-01")])
def test_finding_10_forms_take_uk_dates_and_keep_iso_dates(typed, meant):
    inputs = {"contract_value": 250000, "category": "goods", "duration_months": 36, "procurement_date": typed}
    result = api.run("proportionality", inputs)
    assert result["inputs"]["procurement_date"] == meant  # permalinks and downloads keep ISO dates
    assert json.loads(json.dumps(result))["inputs"]["procurement_date"] == meant


def test_a_batchs_deadweight_column_is_read_not_left_at_the_default():
    target = io.StringIO()
    summary = batch.run_lines_csv("valuation", io.StringIO("Measure,Quantity,Years,Deadweight\n"
                                                           "apprenticeships,2,3,50\n"), target)
    assert summary == {"rows": 1, "errors": 0}
    row = next(csv.DictReader(io.StringIO(target.getvalue())))
    assert row["deadweight_used"] == "50"


def test_misnamed_evaluation_columns_are_named_not_dropped():
    bids = ("name,score,offer,weighting,marking_method,Target Offer\n"
            "A,3,100,10,target,200\nB,4,50,10,target,200\n")
    summary = batch.run_one_csv("evaluation", io.StringIO(bids), io.StringIO())
    # 'Target Offer' is the target; 'marking_method' names nothing, so it is listed wherever the
    # file is opened: the marking against the highest offer never comes without a word.
    assert summary["unknown_columns"] == ["marking_method"]
    reply = opened("evaluation", bids)
    assert "does not use the column: marking_method" in reply["message"]
    assert reply["form"]["target"] == "200"
    assert batch.open_files("evaluation", [("bids.csv", bids)])["unknown_columns"] == ["marking_method"]
    named = opened("evaluation", bids.replace("marking_method", "How to mark quantified offers"))
    assert named["result"]["inputs"]["method"] == "target" and "does not use" not in named["message"]


def test_a_column_named_by_case_spaces_or_underscores_is_the_known_one():
    text = "MEASURE, Quantity ,years,drop off,Drop_Off\napprenticeships,2,3,10,10\n"
    reply = opened("valuation", text)
    assert messages(reply) == ["The columns 'drop off' and 'Drop_Off' both give the drop-off. Keep one of them"]
    reply = opened("valuation", "MEASURE, Quantity ,years,DROP_OFF,notes\napprenticeships,2,3,10,x\n")
    assert reply["ok"] and reply["result"]["lines"][0]["drop_off"] == 10
    assert reply["message"].endswith("This calculator does not use the column: notes.")


def test_open_on_the_command_line_lists_unknown_columns():
    result = batch.open_files("valuation", [("a.csv", "measure,quantity,years,notes\napprenticeships,2,3,x\n")])
    assert result["unknown_columns"] == ["notes"]


def test_the_result_csv_says_what_each_column_is_in_words():
    for name in registry.names():
        text = api.respond(name, registry.get(name).example)["csv"].lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text)))
        words = set(export.words(registry.get(name)).values())
        assert set(rows[0]) <= words, set(rows[0]) - words  # every column, a new one too, has its words
        summary = rows[rows.index([]) + 1:] if [] in rows else rows[1:]
        assert {row[0] for row in summary if row} <= words, {row[0] for row in summary if row} - words
        assert "input:" not in text and "above_threshold" not in text and "present_value" not in text


def test_a_result_file_sets_only_what_the_form_shows():
    example = EVALUATION.example
    lines = [{"measure": "apprenticeships", "quantity": 1, "years": 1}]
    result = api.run("evaluation", {**example, "bids": [{**example["bids"][0], "offer": None, "lines": lines},
                                                        *example["bids"][1:]]})
    refused = opened("evaluation", json.dumps(result))
    assert not refused["ok"] and refused["form"] == {}
    assert messages(refused)[0].startswith("Bid 1 in this file has outcome lines, which this page cannot show.")
    # The command line shows no form, so it opens it.
    assert batch.open_files("evaluation", [("result.json", json.dumps(result))]) == result


def test_a_result_file_opens_on_its_own():
    result = api.run("evaluation", EVALUATION.example)
    several = registry.get("evaluation").files.several
    reply = json.loads(api.open_files("evaluation", json.dumps([{"name": "a.json", "text": json.dumps(result)}] * 2)))
    assert not reply["ok"]
    assert messages(reply)[0] in ("This calculator opens one file at a time. Choose one file",
                                  "a.json: A result file ('Download JSON') opens on its own: open it without other "
                                  "files") or several
