"""Issue 27, monitoring: exact halves round up, over-delivery never hides a shortfall, lines without
a £ value still count towards the overall status, and small quantities never read as 0.

Written through the public door (``api.run``) and the rendered result only."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculators import api, registry, render
from calculators.invalid_input import InvalidInput


def run(commitments, **top):
    return api.run("monitoring", {"contract_months": 12, "months_elapsed": 12, "price_year": 2026,
                                  "commitments": commitments, **top})


def custom(**given) -> dict:
    return {"measure": "custom", "label": "x", "proxy": 10, "quantity": 4, "years": 1, "delivered": 0, **given}


def apprentices(**given) -> dict:
    return {"measure": "apprenticeships", "quantity": 1, "years": 1, "delivered": 0, **given}


# --- finding 1: exact halves round half up ---------------------------------------------------------

def test_exactly_94_95_percent_rounds_up_to_95_and_green():
    result = run([custom(delivered="0.633")], months_elapsed=2)  # 0.633 ÷ (4 × 2/12) = 94.95% exactly
    line = result["lines"][0]
    assert (line["progress"], line["status"]) == (95, "green")
    assert result["totals"]["progress"] == 95 and result["totals"]["status"] == "green"


def test_exactly_74_95_percent_rounds_up_to_75_and_amber():
    result = run([custom(quantity=3, delivered="0.37475")], months_elapsed=2)  # 0.37475 ÷ 0.5 = 74.95%
    assert (result["lines"][0]["progress"], result["lines"][0]["status"]) == (75, "amber")


def test_a_value_due_of_exactly_half_a_penny_rounds_up():
    result = run([custom(proxy="1.62", quantity=1)], months_elapsed=7)  # 1.62 × 7/12 = £0.945 exactly
    assert result["lines"][0]["value_due_to_date"] == 0.95
    assert result["lines"][0]["shortfall"] == 0.95
    assert result["totals"]["value_due_to_date"] == 0.95


# --- finding 2: over-delivery never hides a shortfall -------------------------------------------------

def test_over_delivery_on_one_line_does_not_hide_a_shortfall_on_another():
    result = run([apprentices(delivered=3), apprentices(delivered=0)])
    over, short = result["lines"]
    assert short["status"] == "red" and short["shortfall"] == 7129.82
    totals = result["totals"]
    # Each line counts up to its value due: (1 + 0) ÷ 2 = 50%, not (3 + 0) ÷ 2 = 150%.
    assert totals["progress"] == 50 and totals["status"] == "red"
    assert totals["shortfall"] == 7129.82
    assert totals["value_delivered_within_due"] == 7129.82
    assert totals["value_beyond_due"] == 14259.63  # 2 × 7,129.8169…, rounded once
    assert totals["value_delivered"] == 21389.45  # everything delivered, as before
    html = render.result(registry.get("monitoring"), result)
    assert "£14,259.63 delivered beyond what was due" in html
    assert "150%" not in html


# --- finding 3: lines without a £ value count towards the overall status ------------------------------

def test_a_red_line_without_a_value_keeps_the_overall_status_from_green():
    result = run([apprentices(delivered=1), {"measure": "work-placements", "quantity": 10, "years": 1,
                                             "delivered": 1}])
    assert result["lines"][1]["status"] == "red" and result["lines"][1]["valued"] is False
    assert result["totals"]["progress"] == 100  # the only valued line is on target
    assert result["totals"]["status"] == "amber"


def test_with_no_valued_line_the_overall_progress_is_the_mean_of_each_lines_capped_progress():
    result = run([{"measure": "work-placements", "quantity": 10, "years": 1, "delivered": 5},
                  {"measure": "work-placements", "quantity": 10, "years": 1, "delivered": 30}])
    # 50% and 300%, capped at 100%: (50 + 100) ÷ 2 = 75%
    assert [line["progress"] for line in result["lines"]] == [50, 300]
    assert result["totals"]["progress"] == 75
    assert result["totals"]["status"] == "amber"
    assert result["totals"]["value_due_to_date"] == 0
    assert "Red" in render.result(registry.get("monitoring"), result)


def test_a_single_red_line_without_a_value_gives_a_red_overall_status():
    result = run([{"measure": "work-placements", "quantity": 100, "years": 2, "delivered": 20}])
    assert result["totals"]["status"] == "red" and result["totals"]["progress"] == 20
    assert "no overall status" not in render.result(registry.get("monitoring"), result)


# --- finding 4: small quantities never read as 0 -----------------------------------------------------

def test_a_small_quantity_due_never_reads_as_zero():
    result = run([apprentices(quantity="0.05")], months_elapsed=1)
    line = result["lines"][0]
    assert line["status"] == "red" and line["value_due_to_date"] == 29.71
    assert line["due_to_date"] == 0.0042  # 0.05 ÷ 12 = 0.004166…, shown to two significant figures
    html = render.result(registry.get("monitoring"), result)
    cells = re.findall(r'<td class="sv-num">([^<]*)</td>', html)
    assert "0.0042" in cells and "0" not in cells[:1]
    chart = html[html.index("<svg"):html.index("</svg>")]
    assert "due to date 0.0042" in chart and "due to date 0," not in chart


def test_a_small_delivered_quantity_never_reads_as_zero():
    result = run([apprentices(quantity="0.0001", delivered="0.00001")])
    html = render.result(registry.get("monitoring"), result)
    assert "0.00001" in html


# --- finding 8 (the valuation's): spend over £1m a year can be monitored too -----------------------

def test_local_spend_over_the_old_bound_can_be_delivered_and_other_units_keep_theirs():
    result = run([{"measure": "spend-local-sme", "quantity": 3_000_000, "years": 30, "delivered": 75_000_000}],
                 contract_months=360, months_elapsed=300)
    assert result["lines"][0]["progress"] == 100
    with pytest.raises(InvalidInput) as caught:
        run([apprentices(quantity=2_000_000, delivered=60_000_000)])
    assert caught.value.errors == [
        {"field": "commitments[0].quantity", "message": "Quantity per year must be between 0 and 1,000,000 for "
                                                        "this measure: only a measure counted in pounds can be more"},
        {"field": "commitments[0].delivered", "message": "Delivered to date must be between 0 and 50,000,000 for "
                                                          "this measure: only a measure counted in pounds can be more"}]


# --- two readings to keep ----------------------------------------------------------------------------

def test_after_a_commitments_years_are_over_the_forecast_is_what_was_delivered():
    result = run([custom(quantity=10, years=1, delivered=7)], contract_months=36, months_elapsed=30)
    assert result["lines"][0]["forecast_total"] == 7


def test_the_procurement_act_duties_apply_only_above_5_million():
    at = run([custom()], contract_value=5_000_000)
    above = run([custom()], contract_value="5000000.01")
    assert at["duties"] is None
    assert "more than £5,000,000" in above["duties"]["intro"]


# --- properties ----------------------------------------------------------------------------------

commitment = st.fixed_dictionaries({
    "measure": st.sampled_from(["custom", "apprenticeships", "work-placements", "spend-local-sme"]),
    "quantity": st.decimals(min_value=0, max_value=1000, places=3),
    "years": st.integers(1, 5),
    "delivered": st.decimals(min_value=0, max_value=10_000, places=3),
    "proxy": st.none() | st.decimals(min_value=0, max_value=10_000, places=2),
})


def _fix(item: dict) -> dict:
    fixed = {key: str(value) if isinstance(value, Decimal) else value for key, value in item.items()
             if value is not None}
    if item["measure"] == "custom" and item["proxy"] is None:
        fixed["proxy"] = "100"
    return fixed


@st.composite
def contracts(draw):
    months = draw(st.integers(1, 60))
    return {"contract_months": months, "months_elapsed": draw(st.integers(0, months)), "price_year": 2024,
            "commitments": [_fix(item) for item in draw(st.lists(commitment, min_size=1, max_size=5))]}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=contracts())
def test_overall_progress_is_never_above_100_percent_because_of_over_delivery(inputs):
    result = api.run("monitoring", inputs)
    json.dumps(result, allow_nan=False)
    if result["totals"]["progress"] is not None:
        assert result["totals"]["progress"] <= 100


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=contracts())
def test_the_overall_status_is_never_green_while_a_line_is_red(inputs):
    result = api.run("monitoring", inputs)
    if any(line["status"] == "red" for line in result["lines"]):
        assert result["totals"]["status"] in ("red", "amber")


@settings(max_examples=60, deadline=None)
@given(tenths=st.integers(0, 999), months=st.integers(1, 12), quantity=st.integers(1, 40))
def test_progress_exactly_on_a_half_rounds_up(tenths, months, quantity):
    # 12 × quantity a year, so that due is quantity × months; delivered makes progress exactly
    # tenths/10 + 0.05 percent.
    target = (Decimal(tenths) + Decimal("0.5")) / 10
    delivered = target / 100 * quantity * months
    result = run([custom(quantity=12 * quantity, delivered=str(delivered))], months_elapsed=months)
    assert Decimal(str(result["lines"][0]["progress"])) == (Decimal(tenths) + 1) / 10


@settings(max_examples=60, deadline=None)
@given(whole_pence=st.integers(0, 100_000), months=st.sampled_from([1, 2, 3, 6]))
def test_money_exactly_on_half_a_penny_rounds_up(whole_pence, months):
    # A proxy in pence, P, with P × months ÷ 12 = whole_pence + ½ exactly: P × months = 12 × whole_pence + 6.
    proxy_pence = (12 * whole_pence + 6) // months
    result = run([custom(proxy=str(Decimal(proxy_pence) / 100), quantity=1)], months_elapsed=months)
    assert Decimal(str(result["lines"][0]["value_due_to_date"])) == Decimal(whole_pence + 1) / 100
