"""Issue 31, findings 1, 2 and 7: a link or a file sets only what the form can show and lay out.

A bid's outcome lines have no place on the evaluation form, so a link that gives them is refused (it
once froze the tab keeping them in hidden inputs, and ranked a bid on lines nobody could see). A file
with more rows than the form takes items is refused at once, and fills nothing.
"""

from __future__ import annotations

import json

import pytest

from calculators import api, permalink

LINE = {"measure": "apprenticeships", "quantity": 2, "years": 3}
RULES = {"weighting": 10}


def opened_link(name: str, inputs: dict) -> dict:
    return json.loads(api.open_permalink(name, permalink.encode(inputs), "../../"))


def opened_file(name: str, text: str) -> dict:
    return json.loads(api.open_files(name, json.dumps([{"name": "big.csv", "text": text}]), "../../"))


def test_a_link_giving_a_bid_outcome_lines_is_refused_naming_the_bid():
    reply = opened_link("evaluation", {**RULES, "bids": [{"name": "A", "score": 3, "offer": 5},
                                                         {"name": "B", "score": 2, "lines": [LINE] * 86}]})
    assert reply["ok"] is False and reply["form"] == {}
    assert reply["errors"][0]["message"] == permalink.NOT_VALID
    assert reply["errors"][1]["message"].startswith("Bid 2 in this link has outcome lines, which this page cannot show")
    assert "Bid 2 in this link has outcome lines" in reply["html"]


def test_the_largest_bids_link_is_refused_without_valuing_its_lines():
    bids = [{"name": f"B{n}", "score": 2, "lines": [LINE] * 560} for n in range(50)]  # 28,000 lines
    fragment = permalink.encode({**RULES, "bids": bids})
    assert len(fragment) < permalink.MAX_LENGTH
    reply = json.loads(api.open_permalink("evaluation", fragment, ""))
    assert reply["form"] == {}
    assert reply["errors"][1]["message"].startswith("Bids 1, 2, 3, 4, 5, 6, 7, 8, 9 and 10 and more in this link have")


def test_a_bids_link_without_lines_still_opens():
    reply = opened_link("evaluation", {**RULES, "bids": [{"name": "A", "score": 3, "offer": 5},
                                                         {"name": "B", "score": 2, "offer": 0}]})
    assert reply["ok"] is True and reply["form"]["bids[1].name"] == "B"


@pytest.mark.parametrize("name, header, row, most, noun", [
    ("valuation", "measure,quantity,years", "apprenticeships,1,1", 1000, "lines"),
    ("monitoring", "measure,quantity,delivered", "apprenticeships,1,1", 1000, "commitments"),
    ("evaluation", "name,score,offer", "A,1,1", 50, "bids"),
])
@pytest.mark.parametrize("extra", [1, 49_000])
def test_a_file_with_more_rows_than_the_form_takes_is_refused_and_fills_nothing(name, header, row, most, noun, extra):
    count = most + extra
    reply = opened_file(name, header + "\n" + (row + "\n") * count)
    assert reply["ok"] is False and reply["form"] == {} and "message" not in reply
    [error] = reply["errors"]
    assert error["message"].startswith(f"This file has {count:,} rows")
    assert f"the form takes up to {most:,} {noun}. Open a file of {most:,} rows or fewer" in error["message"]
    assert ("--csv" in error["message"]) == (name == "valuation")


def test_a_file_of_as_many_rows_as_the_form_takes_opens():
    reply = opened_file("valuation", "measure,quantity,years\n" + "apprenticeships,1,1\n" * 1000)
    assert reply["ok"] is True and reply["form"]["lines[999].measure"] == "apprenticeships"
