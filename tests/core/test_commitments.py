"""The commitments file: one format in CSV and JSON, written by the core and read by the whole-file
reading every calculator with a list input shares (file_reading.read_file); opened in the browser into a
form, with problems named by row and column."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api, commitments, file_reading, measures, registry
from calculators.valuation.fields import VALUATION_LINE

VALUATION = registry.get("valuation")
MONITORING = registry.get("monitoring")
HEADER = ",".join(commitments.COLUMNS)


def opened(name: str, text: str) -> dict:
    return json.loads(api.open_import(name, text))


def test_the_columns_are_a_valuation_line_with_the_kpi_columns():
    line_names = {spec.name for spec in VALUATION_LINE}
    assert set(commitments.LINE_COLUMNS) == line_names | {"ref", "title", "objectives", "evidence", "due", "price_year"}
    assert commitments.COLUMNS == commitments.LINE_COLUMNS + commitments.CONTRACT_COLUMNS
    assert commitments.COLUMNS[0] == "ref"
    # The valuation form gives every column, so a provider's file is complete (issue 25, finding 5).
    valuation_line = {spec.name for spec in VALUATION.list_spec.item_fields}
    assert valuation_line == set(commitments.LINE_COLUMNS) - {"title", "price_year"}
    assert set(commitments.CONTRACT_COLUMNS) | {"price_year"} <= set(VALUATION.files.top_columns)
    monitoring_line = next(spec for spec in MONITORING.fields if spec.name == "commitments").item_fields
    assert {spec.name for spec in monitoring_line} == set(commitments.LINE_COLUMNS) - {"price_year", "title",
                                                                                       "objectives"} | set(commitments.DELIVERY_COLUMNS)
    # Every line column is an input of the monitoring calculator, so a commitments file opens there whole.
    assert set(commitments.LINE_COLUMNS) - {"title", "objectives"} | set(commitments.REPORT_COLUMNS) <= \
        {spec.name for spec in monitoring_line} | set(MONITORING.files.top_columns)


def test_read_a_commitments_file():
    text = ("\ufeffref,measure,quantity,years,deadweight,proxy,price_year,evidence,due,label,notes\n"
            "SV1,Apprenticeships on the contract,\"1,000\",3,10%,,2024,Payroll,2029-03-31,,first\n"
            ",,,,,,,,,,\n"
            "SV2,custom,2,1,,£250,2024,,,,\n")
    inputs, errors, about = file_reading.read_file(registry.get("valuation"), text)
    assert errors == []
    assert inputs["price_year"] == "2024"
    first, second = inputs["lines"]
    assert first == {"measure": "Apprenticeships on the contract", "quantity": "1,000", "years": "3",
                     "deadweight": "10%", "ref": "SV1", "evidence": "Payroll", "due": "2029-03-31"}
    assert second["proxy"] == "£250"
    # Rows are numbered as the spreadsheet shows them: the header is row 1, and a blank row counts.
    assert about["rows"] == [2, 4]
    # Columns the valuation does not use are named, if they hold anything.
    assert about["unused"] == ["notes"]
    kept = file_reading.read_file(registry.get("monitoring"), text)[0]
    assert kept["commitments"][0]["ref"] == "SV1" and kept["commitments"][0]["due"] == "2029-03-31"


def test_json_is_the_same_format():
    rows = [{"ref": "SV1", "measure": "apprenticeships", "quantity": 2, "years": 3, "price_year": 2026},
            {"measure": "custom", "quantity": 1.5, "years": 1, "proxy": 99.5, "label": "Café ☕", "price_year": 2026}]
    from_json = file_reading.read_file(registry.get("monitoring"), commitments.write_json(rows))
    from_csv = file_reading.read_file(registry.get("monitoring"), commitments.write_csv(rows))
    assert from_json[0] == from_csv[0] and from_json[1] == from_csv[1] == []
    assert json.loads(commitments.write_json(rows)) == rows


@pytest.mark.parametrize("text, message", [
    ("", "The file needs a header row with columns named"),
    ("colour,size\nred,big\n", "The file needs a header row with columns named"),
    ("measure,quantity,years,quantity\na,1,1,1\n", "The header names the column 'quantity' twice"),
    ("[1, 2]", "A JSON file must be a list of objects"),
    ('[{"measure": "x", "quantity": [1], "years": 1}]', "Row 1, column 'quantity': give one value"),
    ('[{"measure": "local-employment", "quantity": NaN, "years": 1}]', "The input is not valid JSON"),
    ('[{"measure": "a", "measure": "b", "quantity": 1, "years": 1}]', "The input names 'measure' twice"),
])
def test_file_problems_are_explained_and_fill_nothing(text, message):
    reply = opened("monitoring", text)
    assert not reply["ok"] and reply["form"] == {}
    assert any(e["message"].startswith(message) for e in reply["errors"]), reply["errors"]


def test_a_value_problem_names_its_row_and_column_and_the_form_is_filled():
    text = ("measure,quantity,years,delivered,months_elapsed,contract_months\n"
            "ltu-into-work,lots,3,1,6,36\n"
            "\n"
            "work-placements,2,0,-1,6,36\n")
    reply = opened("monitoring", text)
    assert not reply["ok"]
    assert {(e["field"], e["message"]) for e in reply["errors"]} == {
        ("commitments[0].quantity", 'Quantity per year must be a number, like 10 or 2.5, not "lots" (row 2, column '
                                    "'quantity' of the file)"),
        ("commitments[1].years", "Years cannot be 0 years (row 4, column 'years' of the file)"),
        ("commitments[1].delivered", "Delivered to date cannot be negative (row 4, column 'delivered' of the file)"),
    }
    assert "Commitment 2: Years cannot be 0 years (row 4, column" in reply["html"]
    # The form is filled, so the problems can be fixed there.
    assert reply["form"]["commitments[0].quantity"] == "lots" and reply["form"]["contract_months"] == "36"
    assert reply["message"].startswith("Opened a file with 2 commitments.")
    missing = opened("monitoring", "measure,quantity,contract_months,months_elapsed\nwork-placements,2,36,6\n")
    assert {"field": "commitments[0].years", "message": "Enter the number of years (row 2 of the file, which has no "
                                                        "'years' column)"} in missing["errors"]


def test_a_top_level_value_must_agree_on_every_row():
    reply = opened("monitoring", "measure,quantity,years,delivered,months_elapsed\n"
                                 "work-placements,2,3,1,6\nwork-placements,2,3,1,9\n")
    assert not reply["ok"] and reply["form"] == {}
    assert reply["errors"][0]["field"] == "months_elapsed"
    assert "'6' and '9'" in reply["errors"][0]["message"]


def test_write_csv_quotes_leaves_blanks_and_makes_formulas_safe():
    text = commitments.write_csv([{"measure": "custom", "label": 'Café, "big"', "quantity": 1, "years": 2,
                                   "proxy": None, "priority": True, "ref": "=HYPERLINK(\"x\")"}])
    assert text.startswith("\ufeff")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == list(commitments.COLUMNS)
    row = dict(zip(rows[0], rows[1]))
    assert row["label"] == 'Café, "big"' and row["proxy"] == "" and row["priority"] == "true"
    assert row["ref"] == "'=HYPERLINK(\"x\")"


def _plain_cell(text: str) -> str:
    """Tidy spaces as the reader does, and drop leading formula characters, which the writer
    guards with a quote. Mapping rather than filtering, so that Hypothesis discards no input."""
    text = " ".join(text.split())
    while text.startswith(("=", "+", "-", "@")):
        text = " ".join(text[1:].split())
    return text


text_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(_plain_cell)
line_values = st.fixed_dictionaries({
    "measure": st.sampled_from([m.id for m in measures.catalogue()] + ["custom"]),
    "quantity": st.decimals(min_value=0, max_value=1_000_000, places=3).map(lambda d: str(d.normalize())),
    "years": st.integers(1, 50),
}, optional={"label": text_cell, "ref": text_cell, "evidence": text_cell,
             "deadweight": st.integers(0, 100), "proxy": st.integers(0, 10_000_000),
             "due": st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(date.isoformat)})


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(line_values, min_size=1, max_size=5), price_year=st.integers(2000, 2100))
def test_write_then_read_gives_the_same_commitments(lines, price_year):
    rows = [{**line, "price_year": price_year} for line in lines]
    for text in (commitments.write_csv(rows), commitments.write_json(rows)):
        inputs, errors, _ = file_reading.read_file(registry.get("monitoring"), text)
        assert errors == [] and inputs["price_year"] == str(price_year)
        for line, item in zip(lines, inputs["commitments"]):
            given_values = {key: str(value) for key, value in line.items() if str(value).strip()}
            assert {key: str(value) for key, value in item.items()} == given_values


def test_the_valuation_download_opens_in_monitoring_before_anything_is_delivered():
    reply = api.respond("valuation", VALUATION.example)
    report = reply["downloads"]["commitments"]
    assert report.splitlines()[0] == "\ufeff" + ",".join(commitments.VALUATION_COLUMNS)
    opened_reply = opened("monitoring", report)
    # The commitments are in the form; each asks for what was delivered, and the contract's length.
    form = opened_reply["form"]
    assert form["commitments[3].measure"] == "carbon-avoided" and form["price_year"] == "2026"
    assert not opened_reply["ok"]
    fields = {e["field"] for e in opened_reply["errors"]}
    assert {f"commitments[{i}].delivered" for i in range(4)} <= fields
    assert {"contract_months", "months_elapsed"} <= fields
    assert opened_reply["message"].startswith("Opened a file with 4 commitments.")


def test_opening_a_file_replaces_every_box_of_its_lines_and_no_other():
    reply = opened("monitoring", "measure,quantity,years,delivered,contract_months,months_elapsed\n"
                                 "work-placements,2,1,1,24,12\n")
    assert reply["ok"], reply.get("errors")
    assert len(reply["result"]["lines"]) == 1 and reply["result"]["inputs"]["contract_months"] == 24
    # A box the file does not give keeps what was typed in it (issue 25, finding 8).
    assert reply["form"]["commitments[0].label"] == "" and "contract_value" not in reply["form"]
    assert "commitments[1].measure" not in reply["form"]
    assert reply["result"] == api.run("monitoring", {"contract_months": 24, "months_elapsed": 12, "commitments": [
        {"measure": "work-placements", "quantity": 2, "years": 1, "delivered": 1}]})


def test_only_some_calculators_open_files_and_offer_downloads():
    assert VALUATION.files.in_form and MONITORING.files.in_form and not registry.get("proportionality").files.in_form
    assert [key for key, *_ in VALUATION.downloads] == ["commitments"]
    assert [key for key, *_ in MONITORING.downloads] == ["delivery-report"]
    assert api.respond("proportionality", registry.get("proportionality").example)["downloads"] == {}
    reply = opened("proportionality", "contract_value\n1\n")
    assert not reply["ok"] and reply["errors"][0]["message"] == "This calculator does not import files"
