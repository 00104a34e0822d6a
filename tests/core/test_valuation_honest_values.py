"""Issue 27, valuation: a £0 headline says what was counted and why, every driver is named, spend
over £1m a year can be entered, and the price-year note is in plain words.

Written through the public door (``api.run``) and the rendered result; the command line's half is in
tests/cli/test_issue_27_on_the_command_line.py (no processes under Pyodide)."""

from __future__ import annotations

import re
from html import escape

import pytest

from calculators import api, registry, render
from calculators.invalid_input import InvalidInput


def run(lines, **top):
    return api.run("valuation", {"price_year": 2026, "lines": lines, **top})


def errors_of(lines, **top) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        run(lines, **top)
    return caught.value.errors


# --- finding 6: a £0 headline says what was counted and why ------------------------------------------

COUNTED_ONLY = [{"measure": "local-employment", "quantity": 10, "years": 4},
                {"measure": "spend-local-sme", "quantity": 10000, "years": 4}]


def test_a_valuation_of_counted_lines_only_says_what_was_counted_in_its_headline():
    result = run(COUNTED_ONLY)
    html = render.result(registry.get("valuation"), result, "../../")
    headline = html[:html.index("</p>")]
    assert "Present value of the social value: <strong>£0.00" not in headline
    assert "counted, not valued in pounds, because no open value fits" in headline
    assert "Local people employed on the contract: 40 in all" in headline
    assert "£40,000 of contract spend with a local SME" in re.sub(r"<[^>]+>", "", headline)  # SME has its tooltip
    assert 'href="../../toolkit/build-your-own-proxy/"' in headline


def test_each_counted_line_gives_its_measures_reason_for_having_no_value():
    result = run(COUNTED_ONLY)
    reasons = [item["reason"] for item in result["counted_only"]]
    assert reasons[0].startswith("No open value fits an ordinary local hire.")
    assert all(reasons)
    html = render.result(registry.get("valuation"), result)
    listed = html[html.index('<ul class="sv-counted-only">'):]
    assert all(escape(reason) in listed for reason in reasons)


def test_a_monitored_commitment_without_a_value_gives_its_measures_reason():
    result = api.run("monitoring", {"contract_months": 12, "months_elapsed": 6, "commitments": [
        {"measure": "work-placements", "quantity": 2, "years": 1, "delivered": 1}]})
    reason = result["lines"][0]["no_value_reason"]
    assert reason.startswith("No open source")
    assert escape(reason) in render.result(registry.get("monitoring"), result)


def test_a_valuation_with_some_counted_lines_keeps_its_value_and_says_what_adds_nothing():
    result = run([{"measure": "apprenticeships", "quantity": 1, "years": 1}, COUNTED_ONLY[0]])
    html = render.result(registry.get("valuation"), result)
    headline = html[:html.index("</p>")]
    assert "Present value of the social value: <strong>£" in headline
    assert "1 of the 2 lines is counted, not valued in pounds" in headline


def test_an_evaluation_says_an_offer_counted_only_is_scored_on_its_written_answer():
    result = api.run("evaluation", {"weighting": 10, "bids": [
        {"name": "A", "score": 3, "lines": COUNTED_ONLY},
        {"name": "B", "score": 3, "offer": 1000}]})
    flag = next(flag for flag in result["bids"][0]["flags"] if flag["code"] == "unvalued_lines")
    assert "scored on its written answer, not in pounds" in flag["message"]


# --- finding 7: a driver is named even when the central value is £0 -----------------------------------

def test_the_largest_driver_is_named_when_deadweight_is_100_percent():
    result = run([{"measure": "apprenticeships", "quantity": 1, "years": 5, "deadweight": 100}])
    deadweight = next(d for d in result["sensitivity"]["drivers"] if d["assumption"] == "deadweight")
    assert (result["sensitivity"]["central"], deadweight["low"], deadweight["high"]) == (0, 0, 4442.43)
    assert result["sensitivity"]["largest"] == "deadweight"
    assert "most sensitive to <strong>deadweight" in render.result(registry.get("valuation"), result)


def test_no_driver_is_named_when_nothing_moves_the_value():
    result = run(COUNTED_ONLY)
    assert result["sensitivity"]["largest"] is None


# --- finding 8: each unit has its own bound ------------------------------------------------------

def test_local_spend_over_1_million_a_year_can_be_entered():
    result = run([{"measure": "spend-local-sme", "quantity": 2_500_000, "years": 1}])
    assert result["lines"][0]["quantity"] == 2_500_000


def test_a_measure_counted_in_pounds_takes_the_contract_values_bound():
    errors = errors_of([{"measure": "spend-local-vcse", "quantity": "100000000001", "years": 1}])
    assert errors == [{"field": "lines[0].quantity",
                       "message": "Quantity per year must be between 0 and 100,000,000,000"}]


def test_other_measures_keep_the_bound_of_1_million_a_year():
    errors = errors_of([{"measure": "local-employment", "quantity": 2_000_000, "years": 1}])
    assert errors == [{"field": "lines[0].quantity",
                       "message": "Quantity per year must be between 0 and 1,000,000 for this measure: only a "
                                  "measure counted in pounds can be more"}]


# --- finding 12: the price-year note in plain words ------------------------------------------------

PLAIN = ("Values are in 2024 prices, the latest year HM Treasury has published, not 2026 prices. This Toolkit "
         "does not forecast later years.")


@pytest.mark.parametrize("calculator, inputs", [
    ("valuation", {"price_year": 2026, "lines": [{"measure": "apprenticeships", "quantity": 1, "years": 1}]}),
    ("monitoring", {"price_year": 2026, "contract_months": 12, "months_elapsed": 6, "commitments": [
        {"measure": "apprenticeships", "quantity": 1, "years": 1, "delivered": 1}]}),
])
def test_the_price_year_note_says_it_plainly(calculator, inputs):
    result = api.run(calculator, inputs)
    note = next(w for w in result["warnings"] if w["code"] == "price_year_after_outturn")
    assert PLAIN in note["message"]
    html = render.result(registry.get(calculator), result)
    assert "outturn" not in html
    assert "deflators have no" not in html
