"""Bid evaluation: the guidance's worked example, each rule and flag with figures worked by hand,
properties, errors, the CSV batch and import, rendering and exports."""

from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from calculators import api, batch, export, file_reading, registry, render
from calculators.evaluation import Evaluation, figures
from calculators.evaluation import settings as policy
from calculators.evaluation.compute import FLAG_CODES, ordinal, ranks
from calculators.exact import half_up
from calculators.invalid_input import InvalidInput
from calculators.measures import overlaps
from calculators.data_files import SettingsError, read_toml, DATA

GUIDANCE = figures.GUIDANCE_EXAMPLE


def run(bids, **top):
    return api.run("evaluation", {"weighting": 10, **top, "bids": bids})


def errors_of(inputs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        api.run("evaluation", inputs)
    return caught.value.errors


def D(value) -> Decimal:
    return Decimal(str(value))


def by_name(result) -> dict:
    return {bid["name"]: bid for bid in result["bids"]}


def codes(bid) -> list[str]:
    return [flag["code"] for flag in bid["flags"]]


# --- the guidance's worked example (issue 13) ---------------------------------------------------

def test_the_guidance_example():
    result = api.run("evaluation", GUIDANCE)
    bids = by_name(result)
    # W_qual = 10 × 50 ÷ 100 = 5, W_quant = 5. A: 3 ÷ 5 × 5 + 120,000 ÷ 120,000 × 5 = 3 + 5 = 8.
    # B: 4 + 90,000 ÷ 120,000 × 5 = 4 + 3.75 = 7.75. C: 2 + 45,000 ÷ 120,000 × 5 = 2 + 1.875 = 3.875 -> 3.88.
    assert [(b["name"], b["score"], b["offer"], b["marks"]) for b in result["bids"]] == [
        ("A", 3, 120000, 8), ("B", 4, 90000, 7.75), ("C", 2, 45000, 3.88)]
    assert (bids["C"]["qualitative_marks"], bids["C"]["quantitative_marks"]) == (2, 1.88)
    assert (result["qualitative_weighting"], result["quantitative_weighting"]) == (5, 5)
    assert [b["rank"] for b in result["bids"]] == [1, 2, 3]
    assert result["ranking"] == ["A", "B", "C"]
    assert result["highest_offer"] == 120000
    assert all(b["offer_from"] == "offer" and b["flags"] == [] for b in result["bids"])
    # A at £90,000: A 3 + 5 = 8, B 4 + 5 = 9, C 2 + 2.5 = 4.5, so B would win.
    assert result["ranking_sensitive"] is True
    assert result["sensitivity"].startswith(
        "If the highest offer, £120,000 from A, were 25% lower (£90,000), the ranking would change: "
        "B would rank 1st instead of 2nd and A would rank 2nd instead of 1st.")


def test_the_guidance_table_comes_from_the_core():
    assert figures.evaluation_table(run=api.run) == "\n".join([
        "| Bidder | Method statement score (0 to 5) | Method statement marks | Quantified offer | Quantified marks "
        "| Social value marks (out of 10) |",
        "|---|---|---|---|---|---|",
        "| A | 3 | 3 ÷ 5 × 5 = 3.00 | £120,000 | 120,000 ÷ 120,000 × 5 = 5.00 | 8.00 |",
        "| B | 4 | 4 ÷ 5 × 5 = 4.00 | £90,000 | 90,000 ÷ 120,000 × 5 = 3.75 | 7.75 |",
        "| C | 2 | 2 ÷ 5 × 5 = 2.00 | £45,000 | 45,000 ÷ 120,000 × 5 = 1.88 | 3.88 |",
    ])
    assert figures.evaluation_highest(run=api.run) == "£120,000"
    assert figures.evaluation_sensitivity(run=api.run) == api.run("evaluation", GUIDANCE)["sensitivity"]
    assert api.run("evaluation", figures.evaluation_example())["bids"][2]["marks"] == 3.88


def test_the_page_example_is_valid_and_shows_a_flag():
    result = api.run("evaluation", Evaluation.example)
    assert [b["marks"] for b in result["bids"]] == [8, 7.75, 3.88]
    assert codes(result["bids"][1]) == ["panel_spread"]


# --- rules ---------------------------------------------------------------------------------------

def test_split_and_scale():
    result = run([{"name": "P", "score": 7, "offer": 50000}, {"name": "Q", "score": 10, "offer": 200000}],
                 weighting=20, qualitative_share=30, score_max=10)
    p, q = result["bids"]
    # W_qual = 20 × 30% = 6, W_quant = 14. P: 7 ÷ 10 × 6 = 4.2; 50,000 ÷ 200,000 × 14 = 3.5; 7.7.
    assert (p["qualitative_marks"], p["quantitative_marks"], p["marks"], p["rank"]) == (4.2, 3.5, 7.7, 2)
    assert (q["qualitative_marks"], q["quantitative_marks"], q["marks"], q["rank"]) == (6, 14, 20, 1)
    assert (result["qualitative_weighting"], result["quantitative_weighting"]) == (6, 14)


def test_defaults():
    result = run([{"name": "A", "score": 5, "offer": 1}, {"name": "B", "score": 0, "offer": 0}])
    assert {k: result["inputs"][k] for k in ("qualitative_share", "score_max", "method", "basis", "target")} == {
        "qualitative_share": 50, "score_max": 5, "method": "relative", "basis": "value", "target": None}
    assert [b["marks"] for b in result["bids"]] == [10, 0]


def test_target_method_caps_at_full_marks():
    result = run([{"name": "A", "score": 5, "offer": 150000}, {"name": "B", "score": 0, "offer": 50000},
                  {"name": "C", "score": 1, "offer": 0}], method="target", target=100000)
    # A: 5 + min(1.5, 1) × 5 = 10; B: 0 + 0.5 × 5 = 2.5; C: 1 + 0 = 1.
    assert [b["marks"] for b in result["bids"]] == [10, 2.5, 1]
    assert [b["quantitative_marks"] for b in result["bids"]] == [5, 2.5, 0]
    # £112,500 is still above the target, so A keeps full marks.
    assert result["ranking_sensitive"] is False
    assert result["sensitivity"] == ("If the highest offer, £150,000 from A, were 25% lower (£112,500), "
                                     "the ranking would stay the same.")


def test_per_pound_compares_offer_divided_by_price():
    result = run([{"name": "A", "score": 3, "offer": 100000, "price": 1000000},
                  {"name": "B", "score": 3, "offer": 60000, "price": 300000}], basis="per_pound")
    a, b = result["bids"]
    # A: £0.10 for every £1, B: £0.20. B gets 5; A 0.1 ÷ 0.2 × 5 = 2.5.
    assert (a["per_pound"], b["per_pound"]) == (0.1, 0.2)
    assert (a["quantitative_marks"], b["quantitative_marks"]) == (2.5, 5)
    assert (a["marks"], b["marks"]) == (5.5, 8)
    assert result["highest_offer"] == 0.2
    # B's offer is 20% of its price: more than the 16% check.
    assert codes(b) == ["offer_high_share"] and codes(a) == []
    assert b["flags"][0]["message"].startswith("The offer is 20% of the bid price, more than the 16%")


def test_per_pound_against_a_target():
    result = run([{"name": "A", "score": 3, "offer": 100000, "price": 1000000},
                  {"name": "B", "score": 3, "offer": 60000, "price": 300000}],
                 basis="per_pound", method="target", target=0.15)
    # A: min(0.1 ÷ 0.15, 1) × 5 = 3.333… -> 3.33; marks 6.333… -> 6.33. B: capped at 5; marks 8.
    assert [b["quantitative_marks"] for b in result["bids"]] == [3.33, 5]
    assert [b["marks"] for b in result["bids"]] == [6.33, 8]


def test_every_offer_zero_gives_no_quantified_marks():
    result = run([{"name": "A", "score": 2, "offer": 0}, {"name": "B", "score": 4, "offer": 0}])
    assert [b["quantitative_marks"] for b in result["bids"]] == [0, 0]
    assert [b["rank"] for b in result["bids"]] == [2, 1]
    assert result["ranking_sensitive"] is False
    assert result["sensitivity"].startswith("No bid made a quantified offer above £0")
    assert all(b["flags"] == [] for b in result["bids"])


def test_tied_bids_share_a_rank():
    result = run([{"name": "A", "score": 3, "offer": 100}, {"name": "B", "score": 4, "offer": 80},
                  {"name": "C", "score": 1, "offer": 100}])
    # A: 3 + 5 = 8; B: 4 + 80 ÷ 100 × 5 = 8; C: 1 + 5 = 6.
    assert [(b["marks"], b["rank"]) for b in result["bids"]] == [(8, 1), (8, 1), (6, 3)]
    # A's £100 at £75: the top is C's £100, so A 3 + 3.75 = 6.75 and B stays 8.
    assert result["ranking_sensitive"] is True
    assert "A would rank 2nd instead of 1st" in result["sensitivity"] and "B would" not in result["sensitivity"]


def test_rank_uses_unrounded_marks():
    result = run([{"name": "X", "score": 0, "offer": 300000}, {"name": "Y", "score": 0, "offer": 154999},
                  {"name": "Z", "score": 0, "offer": 155001}])
    # Y: 154,999 ÷ 300,000 × 5 = 2.58331…; Z: 2.58335. Z ranks above Y, so they are shown with the
    # places that tell them apart (issue 27, finding 9): 2.5833 and 2.5834, not 2.58 both.
    x, y, z = result["bids"]
    assert (y["marks"], z["marks"]) == (2.5833, 2.5834)
    assert (x["rank"], z["rank"], y["rank"]) == (1, 2, 3)


def test_marks_are_rounded_half_up():
    result = run([{"name": "A", "score": 0, "offer": 1000}, {"name": "B", "score": 0, "offer": 373}])
    # 373 ÷ 1,000 × 5 = 1.865: half up gives 1.87 (half to even would give 1.86).
    assert result["bids"][1]["quantitative_marks"] == 1.87 and result["bids"][1]["marks"] == 1.87


def test_helpers():
    from fractions import Fraction

    assert half_up(Fraction(3875, 1000)) == Decimal("3.88")
    assert half_up(Fraction(1, 3)) == Decimal("0.33") and half_up(Fraction(2, 3)) == Decimal("0.67")
    assert half_up(Fraction(125, 1000), 1) == Decimal("0.1") and half_up(Fraction(15, 100), 1) == Decimal("0.2")
    assert ranks([Fraction(8), Fraction(8), Fraction(6), Fraction(9)]) == [2, 2, 4, 1]
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


# --- flags -----------------------------------------------------------------------------------

@pytest.mark.parametrize("offer, flagged, shown", [
    (16000, False, None), ("16000.01", True, "just over 16%"), (25000, True, "25%"), ("16100", True, "16.1%")])
def test_flag_offer_high_share(offer, flagged, shown):
    result = run([{"name": "A", "score": 3, "offer": offer, "price": 100000},
                  {"name": "B", "score": 3, "offer": 15000, "price": 100000}])
    a = result["bids"][0]
    assert ("offer_high_share" in codes(a)) is flagged
    if flagged:
        assert a["flags"][0]["message"].startswith(f"The offer is {shown} of the bid price")


def test_no_share_flag_without_a_price():
    result = run([{"name": "A", "score": 3, "offer": 10 ** 9}, {"name": "B", "score": 3, "offer": 10 ** 9}])
    assert all("offer_high_share" not in codes(b) for b in result["bids"])


def test_flag_outlier_against_the_median_of_the_other_bids():
    result = run([{"name": "A", "score": 1, "offer": 300}, {"name": "B", "score": 1, "offer": 100},
                  {"name": "C", "score": 1, "offer": 140}])
    # A: the others' median is (100 + 140) ÷ 2 = 120; 300 > 240. B: median 220. C: median 200.
    assert [codes(b) for b in result["bids"]] == [["outlier"], [], []]
    assert "(£120)" in result["bids"][0]["flags"][0]["message"]
    exactly_twice = run([{"name": "A", "score": 1, "offer": 240}, {"name": "B", "score": 1, "offer": 100},
                         {"name": "C", "score": 1, "offer": 140}])
    assert codes(exactly_twice["bids"][0]) == []


def test_outlier_median_of_an_odd_number_of_others():
    result = run([{"name": n, "score": 1, "offer": o} for n, o in
                  (("A", 1000), ("B", 100), ("C", 200), ("D", 300), ("E", 400))])
    # A's others: 100, 200, 300, 400: median 250, and 1,000 > 500. E's others: 1000, 100, 200, 300: median 250; 400 < 500.
    assert [codes(b) for b in result["bids"]] == [["outlier"], [], [], [], []]
    assert "(£250)" in result["bids"][0]["flags"][0]["message"]


def test_outlier_when_every_other_offer_is_zero():
    result = run([{"name": "A", "score": 1, "offer": 1}, {"name": "B", "score": 1, "offer": 0}])
    assert codes(result["bids"][0]) == ["outlier"] and codes(result["bids"][1]) == []


@pytest.mark.parametrize("panel, flagged", [([3, 5], True), ([1, 3, 2], True), ([3, 4], False), ([4], False),
                                            (None, False), ("2, 4", True), ([0, 5, 5], True)])
def test_flag_panel_spread(panel, flagged):
    bid = {"name": "A", "score": 3, "offer": 1, "panel_scores": panel}
    result = run([bid, {"name": "B", "score": 3, "offer": 1}])
    assert ("panel_spread" in codes(result["bids"][0])) is flagged
    if flagged:
        low, high = (min(panel), max(panel)) if isinstance(panel, list) else (2, 4)
        assert result["bids"][0]["flags"][0]["message"] == (
            f"Panel members' scores range from {low} to {high}. Discuss this bid before you agree its score.")


def test_lines_are_valued_at_present_value_with_the_valuation_warnings():
    lines = [{"measure": "local-employment", "quantity": 2, "years": 3},
             {"measure": "ltu-into-work", "quantity": 1, "years": 3}]
    result = run([{"name": "A", "score": 3, "lines": lines}, {"name": "B", "score": 3, "offer": 100000}])
    valuation = api.run("valuation", {"lines": lines})
    a = result["bids"][0]
    assert a["offer"] == valuation["totals"]["present_value"] and a["offer_from"] == "lines"
    assert a["valuation"] == {"present_value": valuation["totals"]["present_value"],
                              "low": valuation["sensitivity"]["low"], "high": valuation["sensitivity"]["high"],
                              "lines": 2, "counted_only": 1}
    # Local employment and long-term unemployed jobs overlap; local employment risks counting core delivery.
    assert "double_counting" in codes(a) and "core_delivery" in codes(a)
    carried = {w["message"] for w in valuation["warnings"] if w["code"] in ("double_counting", "core_delivery")}
    assert carried <= {flag["message"] for flag in a["flags"]}
    # The price-year note is the same for every bid, so it is not carried.
    assert "price_year_after_outturn" in [w["code"] for w in valuation["warnings"]]
    assert "price_year_after_outturn" not in codes(a)
    assert result["bids"][1]["valuation"] is None


def test_flag_unvalued_lines_and_zero_deadweight():
    lines = [{"measure": "work-placements", "quantity": 4, "years": 1},
             {"measure": "ltu-into-work", "quantity": 1, "years": 1, "deadweight": 0}]
    result = run([{"name": "A", "score": 3, "lines": lines}, {"name": "B", "score": 3, "offer": 100000}])
    a = result["bids"][0]
    assert "unvalued_lines" in codes(a) and "zero_deadweight" in codes(a)
    message = next(f["message"] for f in a["flags"] if f["code"] == "unvalued_lines")
    assert message.startswith("1 of this bid's 2 outcome lines is counted but not valued")
    assert a["valuation"]["counted_only"] == 1


def test_every_declared_overlap_is_flagged_in_a_bid():
    for pair in overlaps():
        lines = [{"measure": m, "quantity": 1, "years": 1} for m in pair["measures"]]
        result = run([{"name": "A", "score": 1, "lines": lines}, {"name": "B", "score": 1, "offer": 1}])
        assert "double_counting" in codes(result["bids"][0]), pair


def test_flag_codes_are_the_documented_ones():
    lines = [{"measure": "local-employment", "quantity": 2, "years": 1, "deadweight": 0},
             {"measure": "ltu-into-work", "quantity": 1, "years": 1, "deadweight": 0},
             {"measure": "ltu-into-work", "quantity": 1, "years": 1},
             {"measure": "volunteering-hours", "quantity": 10, "years": 1},
             {"measure": "custom", "quantity": 1, "years": 1, "proxy": 5, "label": "Apprenticeships on the contract"},
             {"measure": "work-placements", "quantity": 1, "years": 1},
             {"measure": "regular-volunteers", "quantity": 1, "years": 1, "proxy": 100}]
    result = run([{"name": "A", "score": 3, "lines": lines, "price": 1000, "panel_scores": [1, 5]},
                  {"name": "B", "score": 3, "offer": 1}, {"name": "C", "score": 3, "offer": 2}])
    assert set(codes(result["bids"][0])) == set(FLAG_CODES)
    assert result["flag_count"] == len(result["bids"][0]["flags"])


# --- properties ------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=10_000_000, places=2)
price = st.decimals(min_value=1, max_value=100_000_000, places=2)


@st.composite
def evaluations(draw):
    score_max = draw(st.integers(1, 10))
    basis = draw(st.sampled_from(["value", "per_pound"]))
    method = draw(st.sampled_from(["relative", "target"]))
    count = draw(st.integers(2, 6))
    bids = []
    for index in range(count):
        bid = {"name": f"Bid {index + 1}", "score": draw(st.integers(0, score_max)), "offer": str(draw(money))}
        if basis == "per_pound" or draw(st.booleans()):
            bid["price"] = str(draw(price))
        if draw(st.booleans()):
            bid["panel_scores"] = draw(st.lists(st.integers(0, score_max), max_size=5))
        bids.append(bid)
    inputs = {"weighting": str(draw(st.decimals(min_value=0, max_value=100, places=2))),
              "qualitative_share": str(draw(st.decimals(min_value=0, max_value=100, places=2))),
              "score_max": score_max, "method": method, "basis": basis, "bids": bids}
    if method == "target":
        inputs["target"] = str(draw(st.decimals(min_value="0.01", max_value=10_000_000, places=2)))
    return inputs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=evaluations())
def test_marks_never_exceed_the_weighting(inputs):
    result = api.run("evaluation", inputs)
    json.dumps(result, allow_nan=False)
    weighting = D(inputs["weighting"])
    for bid in result["bids"]:
        assert 0 <= D(bid["marks"]) <= weighting
        assert 0 <= D(bid["qualitative_marks"]) <= D(result["qualitative_weighting"])
        assert 0 <= D(bid["quantitative_marks"]) <= D(result["quantitative_weighting"])
        assert abs(D(bid["qualitative_marks"]) + D(bid["quantitative_marks"]) - D(bid["marks"])) <= Decimal("0.01")
        assert set(codes(bid)) <= set(FLAG_CODES)
    # Ranks agree with the marks, and rank 1 exists.
    for one in result["bids"]:
        for other in result["bids"]:
            if one["rank"] < other["rank"]:
                assert D(one["marks"]) >= D(other["marks"])
    assert min(bid["rank"] for bid in result["bids"]) == 1
    assert sorted(result["ranking"]) == sorted(bid["name"] for bid in result["bids"])
    assert isinstance(result["ranking_sensitive"], bool) and result["sensitivity"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=evaluations(), data=st.data())
def test_raising_a_bids_offer_never_lowers_its_marks(inputs, data):
    index = data.draw(st.integers(0, len(inputs["bids"]) - 1))
    raise_by = data.draw(money)
    first = api.run("evaluation", inputs)
    before = first["bids"][index]
    bids = [dict(bid) for bid in inputs["bids"]]
    bids[index]["offer"] = str(D(bids[index]["offer"]) + raise_by)
    second = api.run("evaluation", {**inputs, "bids": bids})
    after = second["bids"][index]
    # Marks are shown with as many places as tell the bids apart (issue 27), so the two results may
    # round at different places: allow half a unit of the coarser one.
    slack = Decimal(5) / 10 ** (min(first["shown_places"]["marks"], second["shown_places"]["marks"]) + 1)
    assert D(after["marks"]) >= D(before["marks"]) - slack
    assert D(after["quantitative_marks"]) >= D(before["quantitative_marks"]) - slack


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=evaluations(), data=st.data())
def test_the_order_bids_are_entered_in_changes_nothing(inputs, data):
    shuffled = data.draw(st.permutations(inputs["bids"]))
    one = by_name(api.run("evaluation", inputs))
    two = by_name(api.run("evaluation", {**inputs, "bids": list(shuffled)}))
    for name, bid in one.items():
        other = two[name]
        assert (bid["marks"], bid["rank"], codes(bid)) == (other["marks"], other["rank"], codes(other))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
TOP_FIELDS = ["weighting", "qualitative_share", "score_max", "method", "target", "basis", "bids", "unknown"]
BID_FIELDS = ["name", "score", "panel_scores", "offer", "price", "notes", "lines", "unknown"]


def _never_crashes(inputs):
    try:
        result = api.run("evaluation", inputs)
    except InvalidInput as invalid:
        assert invalid.errors and all(set(e) == {"field", "message"} for e in invalid.errors)
    else:
        json.dumps(result, allow_nan=False)
    reply = api.respond("evaluation", inputs)
    assert "Something went wrong" not in json.dumps(reply["errors"] if not reply["ok"] else [])


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(TOP_FIELDS), raw=json_values)
def test_any_json_in_any_top_field_gives_a_result_or_errors(name, raw):
    _never_crashes({**GUIDANCE, name: raw})


@settings(max_examples=150, deadline=None)
@given(index=st.integers(0, 2), name=st.sampled_from(BID_FIELDS), raw=json_values)
def test_any_json_in_any_bid_field_gives_a_result_or_errors(index, name, raw):
    bids = [dict(bid) for bid in GUIDANCE["bids"]]
    bids[index][name] = raw
    if name == "lines":
        bids[index].pop("offer")
    _never_crashes({**GUIDANCE, "bids": bids})


@settings(max_examples=60, deadline=None)
@given(raw=json_values)
def test_any_json_as_the_whole_input_or_a_bid(raw):
    _never_crashes(raw)
    _never_crashes({"weighting": 10, "bids": [raw, raw]})
    _never_crashes({"weighting": 10, "bids": raw})


# --- errors ------------------------------------------------------------------------------------------

TWO = [{"name": "A", "score": 3, "offer": 100}, {"name": "B", "score": 2, "offer": 50}]


@pytest.mark.parametrize("inputs, field, message", [
    ({"bids": TWO}, "weighting", "Enter the social value weighting"),
    ({"weighting": 120, "bids": TWO}, "weighting", "Social value weighting must be between 0% and 100%"),
    ({"weighting": -1, "bids": TWO}, "weighting", "Social value weighting cannot be negative"),
    ({"weighting": 10, "qualitative_share": 101, "bids": TWO}, "qualitative_share",
     "Share for the method statement must be between 0% and 100%"),
    ({"weighting": 10, "score_max": 0, "bids": TWO}, "score_max", "Top of the scoring scale cannot be 0"),
    ({"weighting": 10, "score_max": 4.5, "bids": TWO}, "score_max", "Top of the scoring scale must be a whole number"),
    ({"weighting": 10, "method": "best", "bids": TWO}, "method", "Select how to mark quantified offers from the list: "
     "against the highest offer or against a target"),
    ({"weighting": 10, "method": "target", "bids": TWO}, "target",
     "Enter the target offer: marking against a target needs one"),
    ({"weighting": 10, "method": "target", "target": 0, "bids": TWO}, "target", "Target offer must be more than 0"),
    ({"weighting": 10, "basis": "per_pound", "bids": TWO}, "bids[0].price",
     "Enter the bid price: comparing offers for every £1 needs it"),
    ({"weighting": 10}, "bids", "Add at least 2 bids"),
    ({"weighting": 10, "bids": TWO[:1]}, "bids", "Add at least 2 bids"),
    ({"weighting": 10, "bids": [dict(TWO[0], name=f"B{i}") for i in range(51)]}, "bids", "You can add up to 50 bids"),
    ({"weighting": 10, "bids": "A, B"}, "bids", "Bids must be a list"),
    ({"weighting": 10, "bids": [{"score": 3, "offer": 1}, TWO[1]]}, "bids[0].name", "Enter the bidder's name"),
    ({"weighting": 10, "bids": [dict(TWO[0], score=2.5), TWO[1]]}, "bids[0].score", "Agreed score must be a whole number"),
    ({"weighting": 10, "bids": [dict(TWO[0], score=-1), TWO[1]]}, "bids[0].score", "Agreed score cannot be negative"),
    ({"weighting": 10, "bids": [TWO[0], dict(TWO[1], score=6)]}, "bids[1].score",
     "Agreed score must be between 0 and 5, the top of the scale"),
    ({"weighting": 10, "score_max": 10, "bids": [dict(TWO[0], score=11), TWO[1]]}, "bids[0].score",
     "Agreed score must be between 0 and 10, the top of the scale"),
    ({"weighting": 10, "bids": [dict(TWO[0], offer=-5), TWO[1]]}, "bids[0].offer", "Quantified offer cannot be negative"),
    ({"weighting": 10, "bids": [dict(TWO[0], offer="lots"), TWO[1]]}, "bids[0].offer",
     "Quantified offer must be a number, like 250,000 or 1,250.50, not \"lots\""),
    ({"weighting": 10, "bids": [{"name": "A", "score": 3}, TWO[1]]}, "bids[0].offer",
     "Enter the quantified offer in pounds, or 0 if the bid offers nothing you can count"),
    ({"weighting": 10, "bids": [dict(TWO[0], lines=[{"measure": "apprenticeships", "quantity": 1, "years": 1}]), TWO[1]]},
     "bids[0].offer", "Give either a quantified offer or outcome lines for this bid, not both"),
    ({"weighting": 10, "bids": [dict(TWO[0], price=0), TWO[1]]}, "bids[0].price", "Bid price must be more than £0"),
    ({"weighting": 10, "bids": [TWO[0], dict(TWO[1], name="a")]}, "bids[1].name",
     "Each bid needs its own name: bid 1 is called this too"),
    ({"weighting": 10, "bids": [dict(TWO[0], panel_scores=[3, 6]), TWO[1]]}, "bids[0].panel_scores",
     "Panel members' scores must each be between 0 and 5, the top of the scale"),
    ({"weighting": 10, "bids": [dict(TWO[0], panel_scores="3, four"), TWO[1]]}, "bids[0].panel_scores",
     "Panel members' scores must be whole numbers separated by commas, like 3, 4, 2"),
    ({"weighting": 10, "bids": [dict(TWO[0], panel_scores=[3, 2.5]), TWO[1]]}, "bids[0].panel_scores",
     "Panel members' scores must be whole numbers separated by commas, like 3, 4, 2"),
    ({"weighting": 10, "bids": [dict(TWO[0], panel_scores=[3, -1]), TWO[1]]}, "bids[0].panel_scores",
     "Panel members' scores must each be between 0 and 100"),
    ({"weighting": 10, "bids": [dict(TWO[0], colour="red"), TWO[1]]}, "bids[0].colour",
     "'colour' is not an input of this calculator"),
    ({"weighting": 10, "bids": [TWO[0], {"name": "B", "score": 1, "lines": []}]}, "bids[1].lines",
     "Add at least 1 outcome line"),
    ({"weighting": 10, "bids": [TWO[0], {"name": "B", "score": 1, "lines": [{"measure": "custom", "quantity": 1,
                                                                                 "years": 1}]}]},
     "bids[1].lines[0].proxy", "Enter a proxy value for this line: a custom measure has no sourced value"),
    ({"weighting": 10, "bids": [TWO[0], {"name": "B", "score": 1, "lines": [{"measure": "apprenticeships",
                                                                                 "quantity": "x", "years": 1}]}]},
     "bids[1].lines[0].quantity", "Quantity per year must be a number, like 10 or 2.5, not \"x\""),
])
def test_each_error_is_named_and_explained(inputs, field, message):
    errors = errors_of(inputs)
    assert {"field": field, "message": message} in errors, errors


def test_every_problem_between_inputs_is_reported_at_once():
    errors = errors_of({"weighting": 10, "method": "target", "basis": "per_pound",
                        "bids": [{"name": "A", "score": 9}, {"name": "a", "score": 1, "offer": 1}]})
    assert {e["field"] for e in errors} == {"target", "bids[0].score", "bids[0].offer", "bids[0].price",
                                            "bids[1].price", "bids[1].name"}


def test_fifty_bids_is_the_limit():
    result = run([{"name": f"Bid {i}", "score": 0, "offer": i * 100} for i in range(50)])
    assert len(result["bids"]) == 50 and result["bids"][-1]["rank"] == 1


def test_the_error_summary_names_the_bid():
    reply = api.respond("evaluation", {"weighting": 10, "bids": [dict(TWO[0], score=9), dict(TWO[1], score=9)]})
    assert not reply["ok"]
    assert "Bid 1: Agreed score must be between 0 and 5" in reply["html"]
    assert "Bid 2: Agreed score must be between 0 and 5" in reply["html"]
    assert 'href="#evaluation-bids-1-score"' in reply["html"]


# --- settings ----------------------------------------------------------------------------------------

def test_the_share_check_and_its_source_come_from_policy_toml():
    checks = api.run("evaluation", GUIDANCE)["checks"]
    raw = read_toml(DATA / "policy.toml")["evaluation"]
    assert checks["offer_high_share"] == raw["offer_high_share"] == 16
    assert checks["offer_typical_range"] == raw["offer_typical_range"] == [3, 16]
    assert checks["source"]["url"].startswith("https://") and checks["source"]["title"] and checks["source"]["published"]
    assert figures.offer_high_share() == "16%"
    assert figures.offer_typical_range().startswith("3% to 16% of the contract value ([Social Value Exchange: ")


@pytest.mark.parametrize("change, problem", [
    ({"offer_high_share": 0}, "offer_high_share must be a percent above 0"),
    ({"offer_high_share": "16"}, "offer_high_share must be a percent above 0"),
    ({"offer_typical_range": [16, 3]}, "offer_typical_range must be two percents"),
    ({"offer_high_share_source": {"title": "x", "url": "http://x"}}, "needs a title, an https URL"),
])
def test_a_bad_evaluation_section_is_reported(change, problem):
    raw = {"evaluation": {**read_toml(DATA / "policy.toml")["evaluation"], **change}}
    with pytest.raises(SettingsError) as caught:
        policy.build(raw)
    assert any(problem in message for message in caught.value.problems)
    with pytest.raises(SettingsError):
        policy.build({})


def test_an_edited_copy_changes_the_check(tmp_path):
    text = (DATA / "policy.toml").read_text(encoding="utf-8").replace("offer_high_share = 16", "offer_high_share = 5")
    copy = tmp_path / "policy.toml"
    copy.write_text(text, encoding="utf-8")
    options = Evaluation().options_from_settings(str(copy))
    bids = [{"name": "A", "score": 3, "offer": 6000, "price": 100000}, {"name": "B", "score": 3, "offer": 5000,
                                                                          "price": 100000}]
    assert codes(api.run("evaluation", {"weighting": 10, "bids": bids}, **options)["bids"][0]) == ["offer_high_share"]
    assert codes(api.run("evaluation", {"weighting": 10, "bids": bids})["bids"][0]) == []


# --- the CSV batch and import: the whole file is one evaluation, one bid a row -------------------------

BIDS_CSV = ("\ufeffname , score,offer,price,panel_scores,weighting,ref\n"
            "A,3,\"120,000\",1000000,3; 3; 4,10,x1\n"
            "B,4,90000,950000,4 2 4,,x2\n"
            "C,2,45000,900000,,10,x3\n")


def test_a_csv_file_becomes_one_evaluations_inputs():
    inputs, errors = file_reading.read_file(registry.get("evaluation"), BIDS_CSV)[:2]
    assert errors == []
    assert inputs == {"weighting": "10", "bids": [
        {"name": "A", "score": "3", "offer": "120,000", "price": "1000000", "panel_scores": "3; 3; 4"},
        {"name": "B", "score": "4", "offer": "90000", "price": "950000", "panel_scores": "4 2 4"},
        {"name": "C", "score": "2", "offer": "45000", "price": "900000"}]}
    result = api.run("evaluation", inputs)
    assert [b["marks"] for b in result["bids"]] == [8, 7.75, 3.88]
    assert result["bids"][0]["panel_scores"] == [3, 3, 4]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_any_line_ending_imports(ending):
    inputs, errors, _ = file_reading.read_file(registry.get("evaluation"), ending.join(
        ["name,score,offer,weighting", "A,3,1,10", "B,2,1,10", ""]))
    assert errors == [] and [bid["name"] for bid in inputs["bids"]] == ["A", "B"]


@pytest.mark.parametrize("text, message", [
    ("name,score,offer,weighting\nA,3,1,10\nB,3,1,12\n",
     "Every row that gives the social value weighting must give the same one: this file has '10' and '12'"),
    ("colour,size\nred,2\n", "The file needs a header row with columns named name, score, panel_scores, offer, "
                             "price, measure, quantity, years and notes"),
    ("", "The file needs a header row with columns named name, score, panel_scores, offer, price, measure, "
            "quantity, years and notes"),
    ("x" * (file_reading.MAX_FILE_CHARACTERS + 1), "The file is too large to be a CSV file of this calculator's inputs"),
])
def test_a_csv_file_with_problems(text, message):
    inputs, errors = file_reading.read_file(registry.get("evaluation"), text)[:2]
    assert message in [e["message"] for e in errors]


def test_the_batch_writes_each_bids_marks_beside_its_row():
    target = io.StringIO()
    summary = batch.runner("evaluation")("evaluation", io.StringIO(BIDS_CSV.lstrip("\ufeff")), target)
    assert summary == {"rows": 3, "errors": 0, "unknown_columns": ["ref"]}
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert [(r["ref"], r["rank"], r["marks"], r["offer_used"], r["errors"]) for r in rows] == [
        ("x1", "1", "8", "120000", ""), ("x2", "2", "7.75", "90000", ""), ("x3", "3", "3.88", "45000", "")]
    assert rows[1]["flags"] == "panel_spread" and rows[0]["ranking_sensitive"] == "true"
    assert set(registry.get("evaluation").result_columns) <= set(rows[0])


def test_the_batch_names_the_row_of_each_problem():
    target = io.StringIO()
    source = io.StringIO("name,score,offer,weighting\nA,7,120000,10\nB,4,,\nC,1,5,\n")
    summary = batch.run_one_csv("evaluation", source, target)
    assert summary == {"rows": 3, "errors": 2}
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert rows[0]["errors"] == "Row 2: score: Agreed score must be between 0 and 5, the top of the scale"
    assert rows[1]["errors"] == ("Row 3: offer: Enter the quantified offer in pounds, or 0 if the bid offers "
                                 "nothing you can count")
    assert rows[2]["errors"] == "Not worked out: fix the errors in the other rows first" and rows[2]["marks"] == ""


def test_a_problem_with_the_whole_file_is_on_every_row():
    target = io.StringIO()
    summary = batch.run_one_csv("evaluation", io.StringIO("name,score,offer\nA,3,1\nB,3,1\n"), target)
    assert summary == {"rows": 2, "errors": 2, "messages": ["weighting: Enter the social value weighting"]}
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert all(r["errors"] == "Row {}: weighting: Enter the social value weighting".format(i + 2)
               for i, r in enumerate(rows))
    empty = batch.run_one_csv("evaluation", io.StringIO("name,score,offer,weighting\n"), io.StringIO())
    assert empty == {"rows": 0, "errors": 1, "messages": ["weighting: Enter the social value weighting",
                                                          "bids: Add at least 2 bids"]}


def test_batch_runner_picks_the_shape_from_the_calculator():
    assert batch.runner("evaluation") is batch.run_one_csv
    assert batch.runner("valuation") is batch.run_lines_csv
    assert batch.runner("proportionality") is batch.run_csv


def test_open_import_fills_the_form_and_computes():
    reply = json.loads(api.open_import("evaluation", BIDS_CSV))
    assert reply["ok"] and [b["marks"] for b in reply["result"]["bids"]] == [8, 7.75, 3.88]
    form = reply["form"]
    assert form["bids[0].offer"] == "120,000" and form["bids[1].panel_scores"] == "4 2 4"
    # Every box of each bid is named; a box the file does not give keeps what is in it, and the page sends
    # it with the file to be counted (issue 25, finding 8).
    assert form["bids[2].panel_scores"] == "" and form["bids[0].notes"] == "" and "qualitative_share" not in form
    assert "bids[0].lines" not in form
    bad = json.loads(api.open_import("evaluation", "name,score,offer,weighting\nA,9,1,10\nB,3,1,10\n"))
    assert not bad["ok"] and bad["errors"][0]["field"] == "bids[0].score" and bad["form"]["bids[0].score"] == "9"
    broken = json.loads(api.open_import("evaluation", "colour\nred\n"))
    assert not broken["ok"] and broken["form"] == {} and "There is a problem" in broken["html"]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=300) | st.lists(st.lists(st.sampled_from(
    ["name", "score", "offer", "weighting", "3", "-1", "x", "", "1e9", "£5", '"a,b"', "\x00"]), max_size=5),
    max_size=6).map(lambda rows: "\n".join(",".join(row) for row in rows)))
def test_any_text_imported_gives_a_result_or_errors(text):
    reply = json.loads(api.open_import("evaluation", text))
    assert reply["ok"] or reply["errors"]
    assert "Something went wrong" not in json.dumps(reply.get("errors", []))
    try:
        summary = batch.run_one_csv("evaluation", io.StringIO(text), io.StringIO())
    except InvalidInput as unreadable:  # a file with no header row at all: a plain message
        assert unreadable.errors[0]["message"]
    else:
        assert summary["rows"] >= 0 and summary["errors"] >= 0


def test_only_a_calculator_that_takes_files_imports_them():
    reply = json.loads(api.open_import("proportionality", "contract_value,category\n250000,goods\n"))
    assert not reply["ok"] and reply["errors"][0]["message"] == "This calculator does not import files"
    assert not json.loads(api.open_import("nonsense", ""))["ok"]


# --- permalinks, rendering and exports ---------------------------------------------------------------

def test_permalink_round_trip_keeps_panel_scores_in_one_box():
    result = run([{"name": "A", "score": 3, "offer": 100, "panel_scores": [3, 4, 2]},
                  {"name": "B", "score": 4, "offer": 50}])
    again = json.loads(api.open_permalink("evaluation", result["permalink"]))
    assert again["ok"] and again["result"]["bids"] == result["bids"]
    form = again["form"]
    assert form["bids[0].panel_scores"] == "3, 4, 2"
    flat = {key: ("" if value is None else value) for key, value in form.items()}
    reply = json.loads(api.respond_form("evaluation", json.dumps(flat)))
    assert reply["ok"] and reply["result"]["bids"] == result["bids"]


def test_a_result_with_outcome_lines_has_a_link_the_page_refuses_naming_the_bid():
    # Issue 31, finding 7: the form cannot show a bid's lines, so the page does not take them in.
    result = run([{"name": "A", "score": 3, "offer": 100},
                  {"name": "B", "score": 4, "lines": [{"measure": "apprenticeships", "quantity": 2, "years": 3}]}])
    again = json.loads(api.open_permalink("evaluation", result["permalink"]))
    assert not again["ok"] and again["form"] == {}
    assert again["errors"][1]["message"].startswith("Bid 2 in this link has outcome lines")


def test_flatten_makes_a_list_of_plain_values_one_box():
    assert api.flatten({"a": [1, 2], "b": [{"c": 1}], "d": []}) == {"a": "1, 2", "b[0].c": 1}
    assert api.unflatten(api.flatten({"bids": [{"panel_scores": [3, 4]}]})) == {"bids": [{"panel_scores": "3, 4"}]}


ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


@pytest.mark.parametrize("attack", ATTACKS)
def test_user_text_is_escaped(attack):
    result = run([{"name": attack, "score": 3, "offer": 100, "notes": attack},
                  {"name": attack[:20] + "2", "score": 3, "offer": 50}])
    html = render.result(registry.get("evaluation"), result)
    assert attack not in html and "<script" not in html and "<img" not in html and "<svg onload" not in html
    assert "&lt;" in html
    assert attack not in figures.evaluation_table({"weighting": 10, "bids": [{"name": attack, "score": 1, "offer": 1},
                                                                            {"name": "B", "score": 1, "offer": 1}]},
                                                  run=api.run)


def test_render_has_marks_ranks_flags_and_the_moderation_record():
    result = api.run("evaluation", {**Evaluation.example, "bids": [
        dict(Evaluation.example["bids"][0], notes="Clear plan; weak on evidence"), *Evaluation.example["bids"][1:]]})
    html = render.result(registry.get("evaluation"), result)
    assert "<caption>" in html and "Bid and flags" in html and "<h2" not in html
    assert "Panel scores differ" in html  # the flag beside bid B
    assert "<strong>A</strong> ranks first on social value" in html and "8.00" in html and "3.88" in html
    assert "Moderation record" in html and "Reasons for the agreed score" in html and 'class="sv-record-reasons"' in html
    assert "Clear plan; weak on evidence" in html and "3, 3, 4" in html
    assert "How sure is the ranking?" in html and "sv-callout--warning" in html
    assert "common practice" in html and 'href="https://journal.socialvalueexchange.org/' in html
    tied = run([{"name": "A", "score": 3, "offer": 100}, {"name": "B", "score": 4, "offer": 80}])
    assert "<strong>A and B</strong> share first place" in render.result(registry.get("evaluation"), tied)


def test_csv_export_has_a_row_per_bid_and_the_rules():
    result = api.run("evaluation", Evaluation.example)
    rows = list(csv.reader(io.StringIO(export.to_csv(registry.get("evaluation"), result).lstrip("\ufeff"))))
    header = rows[0]
    assert header[:3] == ["Rank", "Bidder name", "Agreed score"] and "Social value marks" in header
    assert [row[header.index("Social value marks")] for row in rows[1:4]] == ["8", "7.75", "3.88"]
    assert rows[2][header.index("Flags")] == "panel_spread"
    assert rows[2][header.index("Panel members' scores")] == "4, 2, 4"
    assert ["Social value weighting", "10"] in rows and ["Ranking sensitive to the offers", "true"] in rows
    assert ["Ranking", "A; B; C"] in rows


def test_the_form_has_a_list_of_bids_and_an_import_box():
    from calculators import forms

    html = forms.calculator("evaluation", Evaluation.example, "../../", {"pyodide": "p/", "stdlib": "p/s.zip", "wheel": "w.whl",
                                                                        "worker": "k.mjs", "service_worker": "s.js",
                                                                        "bytes": 1})
    assert 'data-lines="bids"' in html and 'data-min-items="2"' in html
    assert 'data-min-message="You need at least 2 bids."' in html and 'data-noun="Bid"' in html
    # The form starts empty, with the two bids it needs; the worked example rides along for its button.
    assert 'name="bids[1].panel_scores" value=""' in html and 'name="bids[2].' not in html
    example = json.loads(html_module.unescape(re.search(r'data-example="([^"]*)"', html).group(1)))
    assert example["bids[1].panel_scores"] == "4, 2, 4"
    assert 'name="bids[0].lines' not in html  # a bid's outcome lines have no boxes
    assert 'type="file" id="evaluation-import"' in html and "data-import" in html
    assert html.index("evaluation-import") < html.index("<form")
    # A panel's reasons are sentences: a box of several lines, labelled, read with its hint.
    assert re.search(r'<label class="sv-label" for="evaluation-bids-0-notes">Reasons for the score</label>.*?'
                     r'<textarea class="sv-input sv-textarea" id="evaluation-bids-0-notes" name="bids\[0\]\.notes" '
                     r'rows="3" aria-describedby="evaluation-bids-0-notes-hint"', html)


def test_reasons_written_over_several_lines_keep_their_lines():
    notes = "  Strengths:\r\n- strong   partners\r- local jobs\n\n\n\nWeakness:\t vague dates  \n"
    bids = [{**Evaluation.example["bids"][0], "notes": notes}, *Evaluation.example["bids"][1:]]
    result = api.run("evaluation", {**Evaluation.example, "bids": bids})
    # Spaces are tidied within each line; paragraphs keep one blank line between them.
    kept = "Strengths:\n- strong partners\n- local jobs\n\nWeakness: vague dates"
    assert result["bids"][0]["notes"] == kept
    # The moderation record's box keeps the lines (white-space: pre-wrap), and the CSV quotes the cell.
    assert f'<div class="sv-record-reasons">{kept}</div>' in render.result(registry.get("evaluation"), result)
    rows = list(csv.reader(io.StringIO(export.to_csv(registry.get("evaluation"), result).lstrip("\ufeff"))))
    assert rows[1][rows[0].index("Reasons for the score")] == kept
    # A bidder's name is one line: its line breaks are spaces.
    named = api.run("evaluation", {**Evaluation.example, "bids": [{**bids[0], "name": "A\nLtd"}, *bids[1:]]})
    assert named["bids"][0]["name"] == "A Ltd"
