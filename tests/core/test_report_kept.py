"""The report's delivery reports are kept by the page (``Files.kept``): its form has no boxes for them, and
``respond_form`` takes them beside the form's values (browser/CONTRACT.md, ``compute``'s ``kept``)."""

from __future__ import annotations

import json

import pytest

from calculators import api, forms, permalink, registry
from calculators.report import EXAMPLE


def compute(form: dict, kept) -> dict:
    return json.loads(api.respond_form("report", json.dumps(form), "", "", kept))


def test_the_form_and_the_kept_reports_give_what_run_gives():
    expected = api.run("report", {**EXAMPLE, "price_year": 2025, "period_end": "2026-12-31"})
    reply = compute({"price_year": "2025", "period_end": "2026-12-31"}, json.dumps({"reports": EXAMPLE["reports"]}))
    assert reply["ok"] and reply["result"] == expected
    assert reply["kept_summary"] == "6 contracts, 22 delivery reports open."
    # What the page keeps from a reply (its result's inputs) gives the same again.
    again = compute({"price_year": "2025", "period_end": "2026-12-31"},
                    json.dumps({"reports": reply["result"]["inputs"]["reports"]}))
    assert again["result"] == expected


def test_the_page_reply_gives_the_kept_reports_as_text_that_computes_the_same_again():
    """The page reads only the reply's head (browser/reply-text.mjs): its ``kept`` is the text it sends back."""
    form = json.dumps({"price_year": "2025", "period_end": "2026-12-31"})
    text = api.respond_form("report", form, "", "", json.dumps({"reports": EXAMPLE["reports"]}), page=True)
    head_text, result_text, _ = text.split("\n", 2)
    head, result = json.loads(head_text), json.loads(result_text)
    assert json.loads(head["kept"]) == {"reports": result["inputs"]["reports"]}
    assert head["kept_summary"] == "6 contracts, 22 delivery reports open."
    again = api.respond_form("report", form, "", "", head["kept"], page=True)
    assert json.loads(again.split("\n", 2)[1]) == result
    assert "kept" not in json.loads(api.respond_form("valuation", json.dumps({}), page=True).split("\n", 1)[0])


def test_the_form_cannot_set_a_report_beside_the_kept_ones():
    form = {"price_year": "2026", "reports[0].contract_reference": "X-1"}
    reply = compute(form, json.dumps({"reports": EXAMPLE["reports"]}))
    assert reply["result"] == api.run("report", EXAMPLE)


@pytest.mark.parametrize("kept", ["{", "[]", "null", '"reports"', '{"reports": 5}', '{"reports": [], "x": 1}',
                                  '{"lines": []}', "[" * 100_000, 7])
def test_a_bad_kept_payload_is_a_clear_error(kept):
    reply = compute({"price_year": "2026"}, kept)
    assert not reply["ok"]
    assert reply["errors"] == [{"field": "", "message": api.KEPT_NOT_READ.format(items="delivery reports")}]


@pytest.mark.parametrize("reports", [[1], [{}], [{"contract_reference": "X", "commitments": "no"}]])
def test_bad_kept_reports_are_refused_like_any_input(reports):
    reply = compute({"price_year": "2026"}, json.dumps({"reports": reports}))
    assert not reply["ok"] and reply["errors"] and all(error["field"].startswith("reports") for error in reply["errors"])


def test_nothing_open_says_the_reports_are_needed():
    reply = compute({"price_year": "2026"}, "")
    assert reply["errors"][0]["field"] == "reports"


def test_a_link_fills_only_the_boxes_the_form_has():
    link = api.run("report", EXAMPLE)["permalink"]
    reply = json.loads(api.open_permalink("report", link))
    assert reply["ok"] and reply["form"] == {"price_year": 2026, "period_end": ""}
    assert reply["result"]["inputs"] == api.run("report", EXAMPLE)["inputs"]


def test_the_page_has_no_boxes_for_the_reports_and_keeps_the_example():
    html = forms.calculator("report", EXAMPLE, "../../", {"pyodide": "p/", "stdlib": "p/s.zip", "wheel": "w.whl", "worker": "w.mjs",
                                                         "bytes": 1})
    assert 'name="reports[' not in html and "data-line-template" not in html
    assert 'data-kept="reports"' in html and "data-kept-summary" in html
    assert api.form_values("report", EXAMPLE) == {"price_year": 2026, "period_end": ""}
    assert permalink.compact(api.run("report", EXAMPLE)["inputs"])["reports"]


def test_the_other_calculators_send_no_kept_list_and_ignore_one():
    form = api.form_values("valuation", registry.get("valuation").example)
    assert json.loads(api.respond_form("valuation", json.dumps(form), "", "", '{"reports": 5}')) == json.loads(
        api.respond_form("valuation", json.dumps(form)))
