"""Issue 27, finding 5: for the three jobs-for-people-out-of-work measures, the central value is no
longer the top of the range. MeasureUp's £42,000 (2023 prices) stays the high value; the wellbeing
gain alone, £7,000, is the low. The central value is the wellbeing gain plus the post's own
full-time pay when the user gives it, and the wellbeing gain alone when not (no sourced floor: the
hours of a full-time year could not be sourced, so the pay is the user's to give).

Written through the public door (``api.run``) and the rendered result; the command line's half is in
tests/cli/test_issue_27_on_the_command_line.py (no processes under Pyodide)."""

from __future__ import annotations

import csv
import io

import pytest

from calculators import api, registry, render
from calculators.invalid_input import InvalidInput

JOBS = ("ltu-into-work", "disability-employment", "ex-offender-employment")


def value(line: dict, **top) -> dict:
    return api.run("valuation", {"price_year": 2023, "lines": [line], **top})


@pytest.mark.parametrize("measure", JOBS)
def test_without_pay_the_central_value_is_the_wellbeing_gain_not_the_top_of_the_range(measure):
    result = value({"measure": measure, "quantity": 1, "years": 1})
    proxy = result["lines"][0]["proxy"]
    assert (proxy["low"], proxy["value"], proxy["high"]) == (7000, 7000, 42000)
    assert proxy["central_from"] == "wellbeing"
    assert proxy["pay"] is None
    html = render.result(registry.get("valuation"), result)
    assert "No pay was given for the post, so the central value is the wellbeing gain alone" in html


@pytest.mark.parametrize("measure", JOBS)
def test_the_posts_own_pay_is_added_to_the_wellbeing_gain(measure):
    result = value({"measure": measure, "quantity": 1, "years": 1, "annual_pay": 22000})
    proxy = result["lines"][0]["proxy"]
    assert (proxy["low"], proxy["value"], proxy["high"]) == (7000, 29000, 42000)
    assert (proxy["central_from"], proxy["pay"]) == ("pay", 22000)
    html = render.result(registry.get("valuation"), result)
    assert "the wellbeing gain, £7,000.00, plus the post's full-time pay you gave, £22,000.00" in html


def test_pay_above_the_average_wage_is_capped_at_the_high_value():
    proxy = value({"measure": "ltu-into-work", "quantity": 1, "years": 1, "annual_pay": 60000})["lines"][0]["proxy"]
    assert proxy["value"] == 42000


def test_the_wellbeing_gain_is_indexed_and_the_pay_is_taken_in_the_price_years_prices():
    # 2024 prices: £7,000 × 100 ÷ 96.2507 = £7,272.67; pay £25,000 as given.
    result = value({"measure": "ltu-into-work", "quantity": 1, "years": 1, "annual_pay": 25000}, price_year=2024)
    assert result["lines"][0]["proxy"]["value"] == 32272.67


def test_two_hires_on_a_300000_contract_no_longer_read_as_58_percent_of_its_value():
    # The case: 2 hires at the old central value came to 58% of a £300,000 contract.
    result = value({"measure": "ltu-into-work", "quantity": 2, "years": 1}, contract_value=300000, price_year=2026)
    assert result["per_pound"] < 0.58 / 5


def test_apprenticeships_keep_their_value_which_counts_no_pay():
    proxy = value({"measure": "apprenticeships", "quantity": 1, "years": 1})["lines"][0]["proxy"]
    assert (proxy["low"], proxy["value"], proxy["high"]) == (9400, 12200, 12200)
    assert proxy["central_from"] is None


@pytest.mark.parametrize("line", [
    {"measure": "apprenticeships", "quantity": 1, "years": 1, "annual_pay": 20000},
    {"measure": "custom", "proxy": 100, "quantity": 1, "years": 1, "annual_pay": 20000},
])
def test_pay_is_refused_for_a_measure_whose_value_counts_no_pay(line):
    with pytest.raises(InvalidInput) as caught:
        value(line)
    assert caught.value.errors == [{"field": "lines[0].annual_pay",
                                    "message": "Leave the full-time pay blank for this measure: its value counts "
                                               "no pay"}]


def test_pay_and_your_own_proxy_are_not_given_together():
    with pytest.raises(InvalidInput) as caught:
        value({"measure": "ltu-into-work", "quantity": 1, "years": 1, "annual_pay": 20000, "proxy": 30000})
    assert caught.value.errors == [{"field": "lines[0].annual_pay",
                                    "message": "Give either the post's full-time pay or your own proxy value, "
                                               "not both"}]


def test_monitoring_uses_the_pay_too():
    result = api.run("monitoring", {"contract_months": 12, "months_elapsed": 12, "price_year": 2023, "commitments": [
        {"measure": "ltu-into-work", "quantity": 1, "years": 1, "delivered": 1, "annual_pay": 22000,
         "deadweight": 0, "attribution": 0, "displacement": 0}]})
    assert result["lines"][0]["unit_net"] == 29000


def test_a_valuation_downloads_its_pay_in_the_commitments_file():
    reply = api.respond("valuation", {"price_year": 2023, "lines": [
        {"measure": "ltu-into-work", "quantity": 2, "years": 3, "annual_pay": 23500}]})
    row = next(csv.DictReader(io.StringIO(reply["downloads"]["commitments"])))
    assert row["annual_pay"] == "23500"
