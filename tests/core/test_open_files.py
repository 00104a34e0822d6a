"""api.open_files, the worker's entry point for files read in the browser: the JSON text of a list
of {"name", "text"} in, the same reply as a file opened alone out."""

from __future__ import annotations

import json

import pytest

from calculators import api, file_reading, registry
from calculators.files import CALCULATION, ITEM, WHOLE_FILE, Files

BIDS = "name,score,offer,weighting\nA,3,120000,10\nB,4,90000,10\n"
MORE_BIDS = "name,score,offer\nC,2,45000\n"


def opened(name: str, files: list[dict]) -> dict:
    return json.loads(api.open_files(name, json.dumps(files)))


def test_one_file_gives_the_same_reply_as_open_import():
    reply = opened("evaluation", [{"name": "bids.csv", "text": BIDS}])
    assert reply == json.loads(api.open_import("evaluation", BIDS))
    assert reply["ok"] and [bid["name"] for bid in reply["result"]["bids"]] == ["A", "B"]
    assert reply["form"]["bids[1].name"] == "B" and reply["message"].startswith("Opened a file with 2 bids.")
    assert set(reply) == {"ok", "html", "form", "message", "result", "csv", "downloads"}


def test_a_calculator_that_opens_one_file_refuses_two():
    reply = opened("evaluation", [{"name": "a.csv", "text": BIDS}, {"name": "b.csv", "text": MORE_BIDS}])
    assert not reply["ok"] and reply["form"] == {}
    assert reply["errors"] == [{"field": "", "message": file_reading.ONE_FILE}]
    assert "There is a problem" in reply["html"]


@pytest.mark.parametrize("files_json", ["", "{}", "[1]", '[{"name": "a.csv"}]', "[" * 10_000, None])
def test_files_that_are_not_a_list_of_named_texts_get_a_message(files_json):
    reply = json.loads(api.open_files("evaluation", files_json))
    assert reply["errors"] == [{"field": "", "message": api.FILES_NOT_READ}] and reply["form"] == {}


def test_no_file_and_no_such_calculator():
    assert opened("evaluation", [])["errors"] == [{"field": "", "message": file_reading.NO_FILE}]
    assert opened("nonsense", [{"name": "a.csv", "text": BIDS}])["errors"][0]["message"].startswith(
        "There is no calculator called")
    assert opened("proportionality", [{"name": "a.csv", "text": "contract_value\n1\n"}])["errors"] == [
        {"field": "", "message": "This calculator does not import files"}]


@pytest.fixture
def several(monkeypatch):
    """The evaluation as if it opened several files at once (as the Policy report will)."""
    evaluation = registry.get("evaluation")
    monkeypatch.setattr(evaluation, "files", Files(WHOLE_FILE, "bids", evaluation.files.top_columns, several=True))
    return evaluation


def test_several_files_are_read_one_after_another(several):
    reply = opened("evaluation", [{"name": "a.csv", "text": BIDS}, {"name": "b.csv", "text": MORE_BIDS}])
    assert reply["ok"] and [bid["name"] for bid in reply["result"]["bids"]] == ["A", "B", "C"]
    assert reply["message"].startswith("Opened 2 files with 3 bids.")


def test_a_problem_in_one_of_several_files_names_that_file(several):
    broken = opened("evaluation", [{"name": "a.csv", "text": BIDS}, {"name": "b.csv", "text": "colour\nred\n"}])
    assert broken["errors"][0]["message"].startswith("b.csv: The file needs a header row")
    bad_row = opened("evaluation", [{"name": "a.csv", "text": BIDS}, {"name": "b.csv", "text": "name,score,offer\nC,9,1\n"}])
    assert any(error["message"].endswith("(row 2, column 'score' of b.csv)") for error in bad_row["errors"])


def test_a_declaration_says_what_its_rows_are():
    assert registry.get("proportionality").files.rows == CALCULATION
    assert registry.get("valuation").files.rows == ITEM and registry.get("monitoring").files.rows == WHOLE_FILE
    with pytest.raises(ValueError):
        Files(ITEM)  # items of no list
    with pytest.raises(ValueError):
        Files("rows", "lines")
