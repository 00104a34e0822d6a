"""The evaluation's moderation record (issue 28): the tender's name, kept like any other input, and a
line for each panel member to sign, not only the chair."""

from __future__ import annotations

import re

import pytest

from calculators import api, permalink, registry, render
from calculators.evaluation import Evaluation
from calculators.invalid_input import InvalidInput

EXAMPLE = Evaluation.example


def record(result: dict) -> str:
    """The record's HTML: from its heading to the method that follows it."""
    html = render.result(registry.get("evaluation"), result)
    return html[html.index("<h3>Moderation record</h3>"):html.index("<h3>How this is worked out</h3>")]


def test_the_tender_name_is_in_the_record_and_the_permalink():
    result = api.run("evaluation", {**EXAMPLE, "tender": "  Home support  2026 "})
    assert result["inputs"]["tender"] == "Home support 2026"
    assert permalink.decode(result["permalink"])["tender"] == "Home support 2026"
    assert re.search(r"<dt>Tender</dt><dd>Home support 2026</dd>", record(result))


def test_the_tender_name_is_shown_as_text():
    result = api.run("evaluation", {**EXAMPLE, "tender": '<img src=x onerror="alert(1)"> & Co'})
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co" in record(result)
    assert "<img" not in record(result)


def test_without_a_tender_name_the_record_leaves_a_line_to_write_it_on():
    result = api.run("evaluation", EXAMPLE)
    assert "tender" not in permalink.decode(result["permalink"])
    assert re.search(r"<dt>Tender</dt><dd class=\"sv-write-in\">\s*<span class=\"sv-visually-hidden\">"
                     r"Not given: write it here</span></dd>", record(result))


@pytest.mark.parametrize("tender", ["x" * 121, 12, ["a"]])
def test_a_tender_name_too_long_or_not_text_is_refused(tender):
    with pytest.raises(InvalidInput) as refused:
        api.run("evaluation", {**EXAMPLE, "tender": tender})
    assert [error["field"] for error in refused.value.errors] == ["tender"]


def signatures(result: dict) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)</th>', record(result).split('sv-signatures"', 1)[1])


def test_each_panel_member_has_a_line_to_sign_with_the_chair_first():
    # The example's bids each have three members' scores.
    assert signatures(api.run("evaluation", EXAMPLE)) == ["Panel chair", "Panel member 2", "Panel member 3"]
    five = {**EXAMPLE, "bids": [dict(EXAMPLE["bids"][0], panel_scores=[3, 3, 4, 3, 3]), *EXAMPLE["bids"][1:]]}
    assert signatures(api.run("evaluation", five)) == ["Panel chair"] + [f"Panel member {n}" for n in range(2, 6)]
    html = record(api.run("evaluation", EXAMPLE))
    assert "<caption>Panel members: name, signature and date</caption>" in html
    assert all(head in html for head in ('<th scope="col">Name</th>', '<th scope="col">Signature</th>',
                                         '<th scope="col">Date</th>'))


def test_with_no_members_scores_the_record_has_lines_for_a_chair_and_two_members():
    bids = [{key: value for key, value in bid.items() if key != "panel_scores"} for bid in EXAMPLE["bids"]]
    assert signatures(api.run("evaluation", {**EXAMPLE, "bids": bids})) == [
        "Panel chair", "Panel member 2", "Panel member 3"]
