"""Valuation at Green Book standard: indexed prices, the declining discount schedule, the health
rate for wellbeing values, a flat rate as an override, sensitivity with a real spread, and the
over-claiming warnings. Figures are worked out by hand in each test."""

from __future__ import annotations

from decimal import Decimal

from calculators import api


def run(lines, **top):
    return api.run("valuation", {"lines": lines, **top})


def codes(result) -> list[str]:
    return [w["code"] for w in result["warnings"]]


CUSTOM = {"measure": "custom", "quantity": 1, "proxy": 1000, "deadweight": 0, "attribution": 0,
          "displacement": 0, "drop_off": 0}


def test_a_fifty_year_line_follows_the_declining_schedule():
    # Σ d_t for t = 0..49, with d_t = 1/1.035^t up to year 30 and 1/(1.035^30 × 1.03^(t−30)) after:
    #   Σ_{t=0..30} 1.035^−t = 19.7794…; 1.035^−30 × Σ_{k=1..19} 1.03^−k = 4.7159…; total 24.4953…
    #   × £1,000 = £24,495.31. A flat 3.5% would give £24,276.56: the schedule is worth £218.74 more.
    result = run([{**CUSTOM, "years": 50, "label": "Fifty years"}], price_year=2024)
    assert result["discounting"] == "schedule" and result["lines"][0]["schedule"] == "standard"
    assert result["totals"]["present_value"] == 24495.31
    flat = run([{**CUSTOM, "years": 50}], price_year=2024, discount_rate=3.5)
    assert flat["discounting"] == "flat" and flat["totals"]["present_value"] == 24276.56


def test_wellbeing_values_use_the_health_rate():
    # WELLBY: £13,000 (2019 prices) -> 2019 prices unchanged. Deadweight 25%, attribution 25% by default.
    #   net_0 = 1 × 13,000 × 0.75 × 0.75 = 7,312.50 a year for 3 years, discounted at 1.5%:
    #   PV = 7,312.50 × (1 + 1/1.015 + 1/1.015²) = 7,312.50 × 2.955883… = 21,614.90
    result = run([{"measure": "wellbeing-improvement", "quantity": 1, "years": 3}], price_year=2019)
    line = result["lines"][0]
    assert line["schedule"] == "health" and line["proxy"]["schedule"] == "health"
    assert line["net"] == 21937.5 and line["present_value"] == 21614.9
    # A flat rate overrides every schedule, health included: 7,312.50 × (1 + 1/1.035 + 1/1.035²) = 21,204.01
    flat = run([{"measure": "wellbeing-improvement", "quantity": 1, "years": 3}], price_year=2019, discount_rate=3.5)
    assert flat["lines"][0]["present_value"] == 21204.01


def test_indexation_moves_a_proxy_between_price_years():
    # Carbon: £277.22 in 2022 prices; 2022 is 90.5005 and 2015 is 75.1536 (2024 = 100).
    #   2015 prices: 277.22 × 75.1536 / 90.5005 = 230.2106… -> £230.21 per tCO2e
    result = run([{"measure": "carbon-avoided", "quantity": 1, "years": 1}], price_year=2015)
    proxy = result["lines"][0]["proxy"]
    assert proxy["value"] == 230.21 and proxy["original"]["value"] == 277.22 and proxy["original"]["price_year"] == 2022


def test_sensitivity_always_has_a_spread():
    # A custom line has no proxy range, but deadweight and drop-off still move by 10 points:
    #   low: deadweight 10% -> 1 × 1,000 × 0.9 = £900; high: deadweight clipped at 0% -> £1,000.
    result = run([{**CUSTOM, "years": 1}])
    sensitivity = result["sensitivity"]
    assert (sensitivity["low"], sensitivity["central"], sensitivity["high"]) == (900, 1000, 1000)
    assert sensitivity["largest"] == "deadweight"


def test_a_custom_line_with_no_adjustments_is_flagged():
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 100}])
    warning = next(w for w in result["warnings"] if w["code"] == "no_adjustments")
    assert warning["line"] == 0 and "has no deadweight, attribution, displacement or drop-off" in warning["message"]
    adjusted = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 100, "deadweight": 10}])
    assert "no_adjustments" not in codes(adjusted)


def test_the_same_measure_twice_is_flagged():
    result = run([{"measure": "carbon-avoided", "quantity": 1, "years": 1},
                  {"measure": "carbon-avoided", "quantity": 2, "years": 1, "label": "Site B"}])
    warning = next(w for w in result["warnings"] if w["code"] == "same_measure_twice")
    assert warning["line"] == 1
    assert warning["message"].startswith("Line 2 (Site B) uses the same measure as line 1")


def test_a_custom_line_named_like_a_catalogue_measure_is_flagged():
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 100, "deadweight": 10,
                   "label": "Apprenticeships on the contract"}])
    title = next(line for line in api.run("valuation", {"lines": [{"measure": "apprenticeships", "quantity": 1,
                                                                    "years": 1}]})["lines"])["title"]
    assert title == "Apprenticeships on the contract"
    assert "custom_matches_catalogue" in codes(result)


def test_input_costs_are_labelled():
    result = run([{"measure": "volunteering-hours", "quantity": 100, "years": 1}])
    assert result["lines"][0]["proxy"]["counts"] == "input"
    assert "input_cost" in codes(result)
    html = api.respond("valuation", {"lines": [{"measure": "volunteering-hours", "quantity": 100, "years": 1}]})["html"]
    assert "the cost of an input (time given), not the value of an outcome" in html


def test_years_in_plain_words():
    result = run([{**CUSTOM, "years": 3, "drop_off": 10}, {**CUSTOM, "years": 1}, {**CUSTOM, "years": 2}])
    # Year 3 keeps 0.9² = 81% of year 1.
    assert result["lines"][0]["delivery"] == ("Delivered each year for 3 years. With 10% drop-off, each year counts "
                                              "10% less than the year before, so year 3 counts 81% of year 1.")
    assert result["lines"][1]["delivery"] == "Delivered for 1 year."
    assert result["lines"][2]["delivery"] == "Delivered each year for 2 years, at the same level every year (no drop-off)."


def test_new_overlap_pairs():
    pairs = [{"measure": "apprenticeships", "quantity": 1, "years": 1}, {"measure": "ltu-into-work", "quantity": 1, "years": 1}]
    assert "double_counting" in codes(run(pairs))
    pairs = [{"measure": "disability-employment", "quantity": 1, "years": 1},
             {"measure": "ex-offender-employment", "quantity": 1, "years": 1}]
    assert "double_counting" in codes(run(pairs))


def test_a_line_the_catalogue_cannot_value_still_counts_with_a_reason():
    result = run([{"measure": "work-placements", "quantity": 2, "years": 1}])
    assert result["lines"][0]["valued"] is False and result["counted_only"][0]["measure"] == "work-placements"
    assert Decimal(str(result["totals"]["present_value"])) == 0
