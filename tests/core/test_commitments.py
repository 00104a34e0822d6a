"""The commitments file: one format in CSV and JSON, read and written by the core, with problems
named by row and column; rows gathered into one calculation; files opened into a form."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api, commitments, measures, registry
from calculators.inputs import InvalidInput
from calculators.rows import gather, place
from calculators.valuation.fields import VALUATION_LINE

VALUATION = registry.get("valuation")
MONITORING = registry.get("monitoring")
HEADER = ",".join(commitments.COLUMNS)


def problems(text: str, calculator=MONITORING) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        commitments.read(text, calculator)
    assert all(error["field"] == "file" for error in caught.value.errors)
    return [error["message"] for error in caught.value.errors]


def test_the_columns_are_a_valuation_line_with_the_kpi_columns():
    line_names = {spec.name for spec in VALUATION_LINE}
    assert set(commitments.COLUMNS) == line_names | {"ref", "evidence", "due", "price_year"}
    assert commitments.COLUMNS[0] == "ref" and set(commitments.REQUIRED_COLUMNS) <= set(commitments.COLUMNS)
    monitoring_line = next(spec for spec in MONITORING.fields if spec.name == "commitments").item_fields
    assert {spec.name for spec in monitoring_line} == set(commitments.COLUMNS) - {"price_year"} | {"delivered"}


def test_read_a_commitments_file():
    text = ("\ufeffRef, Measure ,quantity,years,deadweight,proxy,price_year,evidence,due,label,Notes\n"
            "SV1,Apprenticeships on the contract,\"1,000\",3,10%,,2024,Payroll,2029-03-31,,first\n"
            ",,,,,,,,,,\n"
            "SV2,custom,2,1,,£250,2024,,,,\n")
    opened = commitments.read(text, VALUATION)
    first, second = opened["items"]
    assert first["measure"] == "apprenticeships" and first["quantity"] == 1000 and first["deadweight"] == 10
    assert first["label"] == "" and first["drop_off"] == ""  # every item field, blank when not given
    assert second == {**{spec.name: "" for spec in VALUATION_LINE}, "measure": "custom", "quantity": 2, "years": 1,
                      "proxy": 250}
    assert opened["top"] == {"price_year": 2024}
    # Columns the valuation does not use are named, if they hold anything.
    assert opened["ignored"] == ["ref", "evidence", "due", "notes"]
    assert opened["message"].startswith("Opened a file with 2 lines.")
    assert opened["message"].endswith("This calculator does not use the columns ref, evidence, due and notes.")
    blank_kpis = commitments.read("measure,quantity,years,ref,evidence\nlocal-employment,1,1,,\n", VALUATION)
    assert blank_kpis["ignored"] == [] and "does not use" not in blank_kpis["message"]
    kept = commitments.read(text, MONITORING)
    assert kept["items"][0]["ref"] == "SV1" and kept["items"][0]["due"] == "2029-03-31"
    assert kept["items"][0]["delivered"] == "" and kept["ignored"] == ["notes"]


def test_json_is_the_same_format():
    rows = [{"ref": "SV1", "measure": "apprenticeships", "quantity": 2, "years": 3, "price_year": 2026},
            {"measure": "custom", "quantity": 1.5, "years": 1, "proxy": 99.5, "label": "Café ☕", "price_year": 2026}]
    from_json = commitments.read(json.dumps(rows), MONITORING)
    from_csv = commitments.read(commitments.write_csv(rows), MONITORING)
    assert from_json == from_csv
    assert json.loads(commitments.write_json(rows)) == rows


@pytest.mark.parametrize("text, message", [
    ("", "The file is empty"),
    ("\n\n", "The file is empty"),
    ("measure,quantity\nlocal-employment,2\n", "The file has no 'years' column"),
    ("ref,label\nA,B\n", "The file has no 'measure', 'quantity' and 'years' column"),
    (HEADER + "\n", "The file has no commitments"),
    ("measure,quantity,years,quantity\na,1,1,1\n", "The column 'quantity' appears twice in the header"),
    ("measure,quantity,years\nlocal-employment,1,1,extra\n", "Row 1 has more cells than the header has column names"),
    ("{not json", "The file is not valid JSON"),
    ('{"measure": "x"}', "A JSON commitments file must be a list of objects"),
    ('[{"measure": "x", "quantity": [1], "years": 1}]', "Row 1, column 'quantity': give a single value"),
    ('[{"measure": "local-employment", "quantity": NaN, "years": 1}]', "The file is not valid JSON"),
])
def test_file_problems_are_explained(text, message):
    assert any(found.startswith(message) for found in problems(text)), problems(text)


def test_value_problems_name_their_row_and_column():
    text = ("measure,quantity,years,delivered,months_elapsed,due\n"
            "local-employment,lots,3,1,6,\n"
            "no-such-measure,2,0,-1,6,31/03/2029\n"
            "work-placements,2,3,1,9,\n")
    found = problems(text)
    assert found == [
        "Row 3, column 'months_elapsed': 9 is not the same as 6 in row 1. Every row of the file is about one "
        "contract, so give the same months_elapsed on every row, or leave it blank",
        "Row 1, column 'quantity': Quantity per year must be a number, like 10",
        "Row 2, column 'measure': Select a measure from the catalogue, or Custom measure",
        "Row 2, column 'years': Years cannot be 0 years",
        "Row 2, column 'delivered': Delivered to date cannot be negative",
        "Row 2, column 'due': Due date must be a date in the format YYYY-MM-DD, like 2026-03-01",
    ]


def test_many_problems_are_cut_short():
    text = "measure,quantity,years\n" + "x,1,1\n" * 30
    found = problems(text)
    assert len(found) == commitments.MAX_PROBLEMS_SHOWN + 1
    assert found[-1] == "There are 20 more problems in the file. Fix these first, then open it again"


def test_size_limits():
    assert problems("measure,quantity,years\n" + "local-employment,1,1\n" * 1001) == [
        "The file has 1,001 commitments. You can open up to 1,000"]
    assert problems("x" * (commitments.MAX_CHARACTERS + 1))[0].startswith("The file is too large")
    assert problems(None)[0] == "The file could not be read as text"


def test_write_csv_quotes_and_leaves_blanks():
    text = commitments.write_csv([{"measure": "custom", "label": 'Café, "big"', "quantity": 1, "years": 2,
                                   "proxy": None, "priority": True}])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(commitments.COLUMNS)
    row = dict(zip(rows[0], rows[1]))
    assert row["label"] == 'Café, "big"' and row["proxy"] == "" and row["priority"] == "true"


text_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(lambda t: " ".join(t.split()))
line_values = st.fixed_dictionaries({
    "measure": st.sampled_from([m.id for m in measures.catalogue()] + ["custom"]),
    "quantity": st.decimals(min_value=0, max_value=1_000_000, places=3).map(lambda d: str(d.normalize())),
    "years": st.integers(1, 50),
}, optional={"label": text_cell, "ref": text_cell, "evidence": text_cell,
             "deadweight": st.integers(0, 100), "proxy": st.integers(0, 10_000_000),
             "due": st.dates().map(lambda d: d.isoformat()).filter(lambda d: "2000" <= d <= "2099-12-31")})


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(line_values, min_size=1, max_size=5), price_year=st.integers(2000, 2100))
def test_write_then_read_gives_the_same_commitments(lines, price_year):
    rows = [{**line, "price_year": price_year} for line in lines]
    for text in (commitments.write_csv(rows), commitments.write_json(rows)):
        opened = commitments.read(text, MONITORING)
        assert opened["top"] == {"price_year": price_year}
        for line, item in zip(lines, opened["items"]):
            for key, value in line.items():
                expected = value if key != "quantity" else json.loads(value) if "." not in value else float(value)
                assert item[key] == ("" if value == "" else expected), (key, value, item[key])


def test_the_valuation_download_opens_in_monitoring_before_anything_is_delivered():
    reply = api.respond("valuation", VALUATION.example)
    report = reply["downloads"]["commitments"]
    assert report.splitlines()[0] == HEADER
    opened = json.loads(api.open_file("monitoring", report, json.dumps({"contract_months": "36",
                                                                         "months_elapsed": "6"})))
    # The commitments are in the form; each asks for what was delivered.
    assert opened["form"]["commitments[3].measure"] == "carbon-avoided"
    assert opened["form"]["contract_months"] == "36" and opened["form"]["price_year"] == 2026
    assert not opened["ok"]
    assert {e["field"] for e in opened["errors"]} == {f"commitments[{i}].delivered" for i in range(4)}
    assert opened["message"].startswith("Opened a file with 4 commitments.")


def test_opening_a_file_replaces_the_lines_and_keeps_the_rest_of_the_form():
    form = {"contract_months": "24", "months_elapsed": "12", "contract_value": "", "price_year": "2026",
            **{f"commitments[{i}].measure": "custom" for i in range(5)}}
    text = "measure,quantity,years,delivered\nwork-placements,2,1,1\n"
    reply = json.loads(api.open_file("monitoring", text, json.dumps(form)))
    assert reply["ok"], reply.get("errors")
    assert len(reply["result"]["lines"]) == 1 and reply["result"]["inputs"]["contract_months"] == 24
    assert "commitments[1].measure" not in reply["form"]
    assert reply["form"]["commitments[0].label"] == ""  # every field, so the form's old values go
    assert reply["result"] == api.run("monitoring", {"contract_months": 24, "months_elapsed": 12, "price_year": 2026,
                                                      "commitments": [{"measure": "work-placements", "quantity": 2,
                                                                       "years": 1, "delivered": 1}]})


def test_a_file_with_problems_fills_nothing():
    reply = json.loads(api.open_file("valuation", "measure,quantity,years\nx,1,1\n", "{}"))
    assert not reply["ok"] and reply["form"] == {}
    assert reply["errors"] == [{"field": "file", "message": "Row 1, column 'measure': Select a measure from the "
                                                            "catalogue, or Custom measure"}]
    assert 'href="#valuation-file"' in reply["html"]
    assert "Row 1, column" in reply["html"]


def test_a_calculator_without_files_says_so_and_never_crashes():
    reply = json.loads(api.open_file("proportionality", "measure,quantity,years\n", "{}"))
    assert not reply["ok"] and "Something went wrong opening this file" in reply["errors"][0]["message"]
    assert not json.loads(api.open_file("nope", "", "{}"))["ok"]


def test_only_some_calculators_open_files_and_offer_downloads():
    assert VALUATION.file_input and MONITORING.file_input and not registry.get("proportionality").file_input
    assert [key for key, *_ in VALUATION.downloads] == ["commitments"]
    assert [key for key, *_ in MONITORING.downloads] == ["delivery-report"]
    assert api.respond("proportionality", registry.get("proportionality").example)["downloads"] == {}


# --- rows: a table as one calculation ----------------------------------------------------------

def test_gather_rows_into_one_calculation():
    rows = [{"measure": "a", "quantity": "1", "months_elapsed": "6", "note": "x"},
            {"measure": "", "quantity": " "},
            {"measure": "b", "months_elapsed": "6"},
            {"measure": "c", "months_elapsed": "7", "contract_months": "36"}]
    inputs, problems_found, places = gather(rows, "commitments", {"measure", "quantity"},
                                            ("months_elapsed", "contract_months"))
    assert inputs == {"months_elapsed": "6", "contract_months": "36",
                      "commitments": [{"measure": "a", "quantity": "1"}, {"measure": "b"}, {"measure": "c"}]}
    assert places == {"items": [1, 3, 4], "months_elapsed": 1, "contract_months": 4}
    assert [(p["row"], p["column"]) for p in problems_found] == [(4, "months_elapsed")]
    assert place("commitments[1].quantity", "commitments", places) == (3, "quantity")
    assert place("commitments[9].quantity", "commitments", places) == (None, "quantity")
    assert place("months_elapsed", "commitments", places) == (1, "months_elapsed")
    assert place("price_year", "commitments", places) == (None, "price_year")
