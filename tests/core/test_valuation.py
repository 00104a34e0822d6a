"""Outcome valuation: worked examples, properties, warnings, errors, rendering and exports."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculators import api, batch, export, measures, registry, render
from calculators.valuation import chart
from calculators.invalid_input import InvalidInput

IDS = [m.id for m in measures.catalogue()]
VALUED_IDS = [m.id for m in measures.catalogue() if m.proxy]
PRIORITY_ORDER = ["Safe", "Clean", "Healthy", "Prosperous", "Excellent"]


def run(lines, **top):
    return api.run("valuation", {"lines": lines, **top})


def errors_of(inputs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        api.run("valuation", inputs)
    return caught.value.errors


def D(value) -> Decimal:
    return Decimal(str(value))


def codes(result) -> list[str]:
    return [w["code"] for w in result["warnings"]]


# --- worked examples ---------------------------------------------------------------------------

def test_several_lines_with_drop_off_and_discounting():
    result = run([
        {"measure": "custom", "quantity": 10, "years": 3, "proxy": 1000, "label": "Mentoring",
         "deadweight": 20, "attribution": 10, "displacement": 0, "drop_off": 10},
        {"measure": "apprenticeships", "quantity": 2, "years": 2, "drop_off": 50},
    ], price_year=2023, discount_rate=10)
    first, second = result["lines"]
    # Line 1 (custom, proxy £1,000): net_0 = 10 × 1000 × 0.8 × 0.9 × 1 = 7,200
    #   net_1 = 7,200 × 0.9 = 6,480; net_2 = 6,480 × 0.9 = 5,832; net = 19,512
    #   PV = 7,200 + 6,480 / 1.1 + 5,832 / 1.21 = 7,200 + 5,890.9090… + 4,819.8347… = 17,910.7438… -> £17,910.74
    #   gross = 10 × 1000 × 3 = 30,000
    assert (first["gross"], first["net"], first["present_value"]) == (30000, 19512, 17910.74)
    assert first["proxy"]["supplied_by_user"] is True and first["proxy"]["price_year"] == 2023
    # Line 2 (apprenticeships: £12,200 net of the wage, range £9,400 to £12,200; deadweight 25,
    #   attribution 25, displacement 0 by default):
    #   net_0 = 2 × 12,200 × 0.75 × 0.75 = 13,725; net_1 = 13,725 × 0.5 = 6,862.50; net = 20,587.50
    #   PV = 13,725 + 6,862.50 / 1.1 = 13,725 + 6,238.6363… = 19,963.6363… -> £19,963.64
    #   gross = 2 × 12,200 × 2 = 48,800
    assert (second["gross"], second["net"], second["present_value"]) == (48800, 20587.5, 19963.64)
    assert (second["deadweight"], second["attribution"], second["displacement"], second["drop_off"]) == (25, 25, 0, 50)
    assert second["defaults_used"] == ["deadweight", "attribution", "displacement"]
    # Totals come from the unrounded lines: 17,910.7438… + 19,963.6363… = 37,874.3801… -> £37,874.38
    assert result["totals"] == {"gross": 78800, "net": 40099.5, "present_value": 37874.38}
    # Low: each proxy at its low end, deadweight and drop-off each 10 points higher.
    #   Line 1 (dw 30, drop-off 20): 6,300 + 5,040 / 1.1 + 4,032 / 1.21 = 14,214.0495…
    #   Line 2 (£9,400, dw 35, drop-off 60): 2 × 9,400 × 0.65 × 0.75 = 9,165; + 3,666 / 1.1 = 12,497.7272…
    #   low = 26,711.7768… -> £26,711.78
    # High: each proxy at its high end, deadweight and drop-off each 10 points lower.
    #   Line 1 (dw 10, drop-off 0): 8,100 × (1 + 1 / 1.1 + 1 / 1.21) = 22,157.8512…
    #   Line 2 (£12,200, dw 15, drop-off 40): 15,555 + 9,333 / 1.1 = 24,039.5454…
    #   high = 46,197.3966… -> £46,197.40
    sensitivity = result["sensitivity"]
    assert (sensitivity["low"], sensitivity["central"], sensitivity["high"]) == (26711.78, 37874.38, 46197.4)
    # Alone, deadweight ±10 moves the total from 31,973.72 to 42,775.04 (a 10,801 swing): more than
    # drop-off ±10 (about 5,947) or the proxy range (4,581.82, the apprenticeship's £9,400).
    assert sensitivity["largest"] == "deadweight"
    assert [d["assumption"] for d in sensitivity["drivers"]] == ["deadweight", "drop_off", "proxy"]
    assert sensitivity["drivers"][2] == {"assumption": "proxy", "low": 33292.56, "high": 37874.38}
    assert result["by_priority"] == [
        {"priority": "Safe", "present_value": 0}, {"priority": "Clean", "present_value": 0},
        {"priority": "Healthy", "present_value": 0}, {"priority": "Prosperous", "present_value": 19963.64},
        {"priority": "Excellent", "present_value": 0}, {"priority": "Custom", "present_value": 17910.74},
    ]
    assert result["per_pound"] is None
    assert result["counted_only"] == []


def test_proxy_range_gives_low_and_high_present_values():
    result = run([{"measure": "carbon-avoided", "quantity": 100, "years": 2}], price_year=2022)
    # Carbon: central £277.22 (low £138.61, high £415.83), deadweight 25% by default, r = 3.5%.
    #   net_0 = 100 × 277.22 × 0.75 = 20,791.50; PV = 20,791.50 + 20,791.50 / 1.035
    #       = 20,791.50 + 20,088.4057… = 40,879.9057… -> £40,879.91
    #   low: £138.61 with deadweight 35% and drop-off 10%: net_0 = 100 × 138.61 × 0.65 = 9,009.65,
    #       net_1 = 8,108.685; PV = 9,009.65 + 8,108.685 / 1.035 = 16,844.1282… -> £16,844.13
    #   high: £415.83 with deadweight 15% and drop-off 0%: net_0 = 35,345.55;
    #       PV = 35,345.55 + 35,345.55 / 1.035 = 69,495.8398… -> £69,495.84
    assert result["totals"] == {"gross": 55444, "net": 41583, "present_value": 40879.91}
    sensitivity = result["sensitivity"]
    assert (sensitivity["low"], sensitivity["central"], sensitivity["high"]) == (16844.13, 40879.91, 69495.84)
    assert result["by_priority"][1] == {"priority": "Clean", "present_value": 40879.91}
    line = result["lines"][0]
    assert line["proxy"]["value"] == 277.22 and line["proxy"]["price_year"] == 2022
    assert line["proxy"]["source"]["url"].startswith("https://")
    assert line["proxy"]["supplied_by_user"] is False


def test_discount_rate_zero_makes_present_value_equal_net():
    result = run([{"measure": "custom", "quantity": 3, "years": 4, "proxy": 250, "drop_off": 20}],
                 discount_rate=0)
    # net_0 = 3 × 250 = 750; then 600, 480, 384: net = 2,214 and, undiscounted, PV = 2,214
    assert result["totals"]["net"] == 2214
    assert result["totals"]["present_value"] == 2214


def test_one_year_makes_present_value_equal_net_0():
    result = run([{"measure": "ltu-into-work", "quantity": 5, "years": 1, "annual_pay": 35000}], discount_rate=20,
                 price_year=2023)
    # proxy £7,000 wellbeing + £35,000 pay = £42,000
    # net_0 = 5 × 42,000 × (1 − 0.25) × (1 − 0.25) × (1 − 0.25) = 88,593.75; year 0 is not discounted
    assert result["lines"][0]["present_value"] == 88593.75
    assert result["totals"] == {"gross": 210000, "net": 88593.75, "present_value": 88593.75}


def test_default_discount_rate_is_green_book_3_5():
    result = run([{"measure": "custom", "quantity": 1, "years": 2, "proxy": 1035}])
    # Blank: the Green Book schedule, 3.5% a year up to year 30. PV = 1,035 + 1,035 / 1.035 = 2,035
    assert result["inputs"]["discount_rate"] is None and result["discounting"] == "schedule"
    assert result["totals"]["present_value"] == 2035


def test_per_pound():
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1000}], contract_value=3000)
    # 1,000 ÷ 3,000 = 0.3333… -> £0.33
    assert result["per_pound"] == 0.33


def test_full_drop_off_leaves_only_year_0():
    result = run([{"measure": "custom", "quantity": 1, "years": 5, "proxy": 100, "drop_off": 100}])
    assert result["totals"] == {"gross": 500, "net": 100, "present_value": 100}


def test_rounding_is_half_up_to_pence():
    result = run([{"measure": "custom", "quantity": "0.5", "years": 1, "proxy": "0.01"}])
    # 0.5 × £0.01 = £0.005 -> £0.01 (half up)
    assert result["totals"]["present_value"] == 0.01


def test_measure_can_be_chosen_by_title_and_numbers_typed_with_commas():
    result = run([{"measure": "Local people employed on the contract", "quantity": "1,000", "years": "2",
                   "deadweight": "50%", "proxy": "£1,000"}])
    line = result["lines"][0]
    assert line["measure"] == "local-employment"
    assert line["gross"] == 2_000_000


def test_counted_only_lines():
    result = run([{"measure": "careers-engagement", "quantity": 120, "years": 2, "label": "Site induction plus"},
                  {"measure": "custom", "quantity": 1, "years": 1, "proxy": 10}])
    line = result["lines"][0]
    assert line["valued"] is False and line["proxy"] is None
    assert (line["gross"], line["net"], line["present_value"]) == (0, 0, 0)
    assert result["counted_only"] == [{"line": 0, "measure": "careers-engagement", "title": line["title"],
                                       "label": "Site induction plus", "quantity": 120,
                                       "unit": "student hour of engagement", "years": 2,
                                       "reason": measures.measure("careers-engagement").no_proxy_reason}]
    assert result["totals"]["present_value"] == 10
    # In the table of values a counted line says so: £0.00 would read as worth nothing.
    rows = render.result(registry.get("valuation"), result).split('<table class="sv-table sv-valuation-lines">')[1].split("<tr>")
    counted, valued = (next(row for row in rows if row.startswith(f'<th scope="row">{n}. ')) for n in (1, 2))
    assert '<td colspan="3" class="sv-note" data-label="Gross, Net, Present value">Counted, not valued</td>' in counted and "£" not in counted
    assert valued.count("£10.00") == 3
    # The list of counted lines reads as a sentence, whatever the unit: "120 a year for 2 years. Unit: ..."
    assert "(Site induction plus): 120 a year for 2 years. Unit: student hour of engagement. " \
        in render.result(registry.get("valuation"), result)


def test_a_user_proxy_values_a_measure_without_a_sourced_value():
    result = run([{"measure": "training-hours", "quantity": 10, "years": 1, "proxy": 20}])
    line = result["lines"][0]
    # 10 × £20 × (1 − 0.25) × (1 − 0.25) = £112.50
    assert line["valued"] is True and line["present_value"] == 112.5
    assert result["counted_only"] == []


def test_custom_priority():
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 5, "priority": "healthy"}])
    assert result["lines"][0]["priority"] == "Healthy"
    assert [row["priority"] for row in result["by_priority"]] == PRIORITY_ORDER
    assert result["by_priority"][2]["present_value"] == 5


def test_output_keys():
    result = run([{"measure": "carbon-avoided", "quantity": 1, "years": 1}], contract_value=1000)
    assert list(result) == ["calculator", "inputs", "lines", "totals", "per_pound", "by_priority", "sensitivity",
                            "discounting", "deflator_year", "counted_only", "warnings", "field_warnings", "permalink"]
    assert list(result["lines"][0]) == [
        "measure", "title", "label", "unit", "priority", "quantity", "years", "deadweight", "attribution",
        "displacement", "drop_off", "defaults_used", "proxy", "schedule", "delivery", "gross", "net",
        "present_value", "valued"]
    assert list(result["lines"][0]["proxy"]) == ["value", "low", "high", "central_from", "pay", "price_year",
                                                 "deflator_year", "original",
                                                 "per", "counts", "schedule", "source", "supplied_by_user"]
    assert list(result["sensitivity"]) == ["low", "central", "high", "drivers", "largest"]
    assert set(result["lines"][0]["proxy"]["source"]) >= {"title", "url", "licence"}
    assert all(set(w) == {"code", "line", "message"} for w in result["warnings"])


def test_a_thousand_lines_of_fifty_years():
    lines = [{"measure": VALUED_IDS[i % len(VALUED_IDS)], "quantity": 10, "years": 50, "drop_off": 1,
              "label": f"Line {i}"} for i in range(1000)]
    result = run(lines, contract_value=1)
    assert len(result["lines"]) == 1000
    json.dumps(result, allow_nan=False)
    assert result["totals"]["present_value"] <= result["totals"]["net"] <= result["totals"]["gross"]
    html = render.result(registry.get("valuation"), result)
    assert html.count("<tr>") >= 1000
    ET.fromstring(chart.svg(result))


# --- properties --------------------------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=2)
# Bounded so that every figure stays below the £1 trillion a result may show (tested below):
# 6 lines × 50 years × 10,000 a year × £100,000 is £300bn.
line_strategy = st.fixed_dictionaries({
    "measure": st.sampled_from(IDS + ["custom"]),
    "quantity": st.decimals(min_value=0, max_value=10_000, places=3),
    "years": st.integers(1, 50),
}, optional={
    "deadweight": percent, "attribution": percent, "displacement": percent, "drop_off": percent,
    "proxy": st.decimals(min_value=0, max_value=100_000, places=2),
})


def _fix(line: dict) -> dict:
    """A custom line needs a proxy; Decimals go in as text, as from a form."""
    line = dict(line)
    if line["measure"] == "custom" and "proxy" not in line:
        line["proxy"] = Decimal(100)
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in line.items()}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(line_strategy, min_size=1, max_size=6), rate=st.decimals(min_value=0, max_value=20, places=2),
       contract=st.none() | st.decimals(min_value=1, max_value=100_000_000_000, places=2))
def test_valid_inputs_give_ordered_finite_results(lines, rate, contract):
    top = {"discount_rate": str(rate)}
    if contract is not None:
        top["contract_value"] = str(contract)
    result = run([_fix(line) for line in lines], **top)
    json.dumps(result, allow_nan=False)
    totals = result["totals"]
    assert 0 <= totals["present_value"] <= totals["net"] <= totals["gross"]
    for line in result["lines"]:
        assert 0 <= line["present_value"] <= line["net"] <= line["gross"]
    sensitivity = result["sensitivity"]
    assert sensitivity["low"] <= sensitivity["central"] == totals["present_value"] <= sensitivity["high"]
    assert [row["priority"] for row in result["by_priority"]][:5] == PRIORITY_ORDER
    assert abs(D(sum(D(row["present_value"]) for row in result["by_priority"])) - D(totals["present_value"])) \
        <= Decimal("0.01") * len(result["by_priority"])
    if contract is None:
        assert result["per_pound"] is None


@settings(max_examples=60, deadline=None)
@given(measure=st.sampled_from(VALUED_IDS), quantity=st.decimals(min_value=0, max_value=1_000, places=2),
       years=st.integers(1, 50), deadweight=percent, drop_off=percent, price_year=st.integers(2015, 2030),
       flat=st.none() | st.decimals(min_value=0, max_value=20, places=1))
def test_each_sensitivity_figure_is_the_valuation_with_its_assumption_moved(measure, quantity, years, deadweight,
                                                                             drop_off, price_year, flat):
    """The sensitivity reuses sums across lines; here each figure is worked out again by a whole run
    with the moved inputs: deadweight and drop-off 10 points up or down (within 0 to 100%), and the
    proxy's low or high value given as the line's own proxy."""
    top = {"price_year": price_year, **({} if flat is None else {"discount_rate": str(flat)})}
    line = {"measure": measure, "quantity": str(quantity), "years": years}

    def present(deadweight=deadweight, drop_off=drop_off, **more) -> float:
        moved = {**line, "deadweight": str(deadweight), "drop_off": str(drop_off), **more}
        return run([moved], **top)["totals"]["present_value"]

    result = run([{**line, "deadweight": str(deadweight), "drop_off": str(drop_off)}], **top)
    proxy = result["lines"][0]["proxy"]
    up, down = (lambda rate: min(rate + 10, 100)), (lambda rate: max(rate - 10, 0))
    drivers = {d["assumption"]: (d["low"], d["high"]) for d in result["sensitivity"]["drivers"]}
    assert drivers["deadweight"] == (present(deadweight=up(deadweight)), present(deadweight=down(deadweight)))
    assert drivers["drop_off"] == (present(drop_off=up(drop_off)), present(drop_off=down(drop_off)))
    assert drivers["proxy"] == (present(proxy=str(proxy["low"])), present(proxy=str(proxy["high"])))
    sensitivity = result["sensitivity"]
    assert sensitivity["low"] == present(up(deadweight), up(drop_off), proxy=str(proxy["low"]))
    assert sensitivity["high"] == present(down(deadweight), down(drop_off), proxy=str(proxy["high"]))


@settings(max_examples=80, deadline=None)
@given(line=line_strategy, name=st.sampled_from(["deadweight", "attribution", "displacement", "drop_off"]),
       a=percent, b=percent, rate=st.decimals(min_value=0, max_value=20, places=1))
def test_each_adjustment_never_increases_value(line, name, a, b, rate):
    low, high = sorted((a, b))
    less = run([_fix({**line, name: low})], discount_rate=str(rate))["totals"]
    more = run([_fix({**line, name: high})], discount_rate=str(rate))["totals"]
    assert more["present_value"] <= less["present_value"]
    assert more["net"] <= less["net"]
    assert more["gross"] == less["gross"]


@settings(max_examples=60, deadline=None)
@given(line=line_strategy, low=st.decimals(min_value=0, max_value=10, places=1),
       high=st.decimals(min_value=0, max_value=10, places=1))
def test_a_higher_discount_rate_never_increases_present_value(line, low, high):
    low, high = sorted((low, high))
    at_low = run([_fix(line)], discount_rate=str(low))["totals"]
    at_high = run([_fix(line)], discount_rate=str(high))["totals"]
    assert at_high["present_value"] <= at_low["present_value"]
    assert at_high["net"] == at_low["net"]


@settings(max_examples=80, deadline=None)
@given(line=line_strategy, factor=st.integers(2, 20))
def test_value_scales_linearly_with_quantity(line, factor):
    line = {**line, "quantity": min(line["quantity"], Decimal(1_000_000) / factor)}
    line["quantity"] = line["quantity"].quantize(Decimal("0.001"), rounding="ROUND_DOWN")
    once = run([_fix(line)])["totals"]
    scaled = run([_fix({**line, "quantity": line["quantity"] * factor})])["totals"]
    for key in ("gross", "net", "present_value"):
        # each is rounded to pence on its own, so allow half a penny of rounding per copy
        assert abs(D(scaled[key]) - factor * D(once[key])) <= Decimal("0.005") * (factor + 1)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(line_strategy, min_size=1, max_size=5))
def test_zero_quantity_gives_zero(lines):
    result = run([_fix({**line, "quantity": 0}) for line in lines])
    assert result["totals"] == {"gross": 0, "net": 0, "present_value": 0}
    sensitivity = result["sensitivity"]
    assert (sensitivity["low"], sensitivity["central"], sensitivity["high"], sensitivity["largest"]) == (0, 0, 0, None)
    assert all(row["present_value"] == 0 for row in result["by_priority"])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
TOP_FIELDS = ["price_year", "discount_rate", "contract_value", "lines", "unknown"]
LINE_FIELDS = ["measure", "quantity", "years", "deadweight", "attribution", "displacement", "drop_off", "proxy",
               "label", "unit", "priority", "unknown"]
BASE = {"price_year": 2026, "contract_value": 500000,
        "lines": [{"measure": "local-employment", "quantity": 2, "years": 3},
                  {"measure": "custom", "quantity": 1, "years": 1, "proxy": 10}]}


def _never_crashes(inputs):
    try:
        result = api.run("valuation", inputs)
    except InvalidInput as invalid:
        assert invalid.errors and all(set(e) == {"field", "message"} for e in invalid.errors)
    else:
        json.dumps(result, allow_nan=False)
    reply = api.respond("valuation", inputs)
    assert "Something went wrong" not in json.dumps(reply["errors"] if not reply["ok"] else [])


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(TOP_FIELDS), raw=json_values)
def test_any_json_in_any_top_field_gives_a_result_or_errors(name, raw):
    _never_crashes({**BASE, name: raw})


@settings(max_examples=100, deadline=None)
@given(index=st.integers(0, 1), name=st.sampled_from(LINE_FIELDS), raw=json_values)
def test_any_json_in_any_line_field_gives_a_result_or_errors(index, name, raw):
    lines = [dict(line) for line in BASE["lines"]]
    lines[index][name] = raw
    _never_crashes({**BASE, "lines": lines})


@settings(max_examples=60, deadline=None)
@given(raw=json_values)
def test_any_json_as_the_whole_input_or_a_line(raw):
    _never_crashes(raw)
    _never_crashes({"lines": [raw]})
    _never_crashes({"lines": raw})


# --- warnings ----------------------------------------------------------------------------------

def test_warning_present_value_above_contract_value():
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 2000}], contract_value=1000)
    warning = next(w for w in result["warnings"] if w["code"] == "above_contract_value")
    assert warning["line"] is None
    assert "£2,000.00" in warning["message"] and "£1,000.00" in warning["message"]
    assert "realistic" in warning["message"]
    equal = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1000}], contract_value=1000)
    assert "above_contract_value" not in codes(equal)
    assert "above_contract_value" not in codes(run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1}]))


def test_warning_double_counting_for_each_declared_overlap():
    for pair in measures.overlaps():
        a, b = pair["measures"]
        result = run([{"measure": a, "quantity": 1, "years": 1, "proxy": 1},
                      {"measure": "custom", "quantity": 1, "years": 1, "proxy": 1},
                      {"measure": b, "quantity": 1, "years": 1, "proxy": 1}])
        found = [w for w in result["warnings"] if w["code"] == "double_counting"]
        assert len(found) == 1, (a, b)
        assert found[0]["line"] == 2
        assert pair["reason"] in found[0]["message"] and "line 1" in found[0]["message"]


def test_no_double_counting_warning_for_unrelated_measures():
    result = run([{"measure": "local-employment", "quantity": 1, "years": 1},
                  {"measure": "carbon-avoided", "quantity": 1, "years": 1}])
    assert "double_counting" not in codes(result)


def test_warning_zero_deadweight_on_employment_measures_only():
    result = run([{"measure": "ltu-into-work", "quantity": 1, "years": 1, "deadweight": 0}])
    warning = next(w for w in result["warnings"] if w["code"] == "zero_deadweight")
    assert warning["line"] == 0 and "Line 1" in warning["message"]
    assert "zero_deadweight" not in codes(run([{"measure": "ltu-into-work", "quantity": 1, "years": 1}]))
    # volunteering-hours has a 0% default but is not an employment measure
    assert "zero_deadweight" not in codes(run([{"measure": "volunteering-hours", "quantity": 1, "years": 1}]))
    assert "zero_deadweight" not in codes(run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1}]))


def test_warning_core_delivery_once_per_measure():
    result = run([{"measure": "local-employment", "quantity": 1, "years": 1},
                  {"measure": "local-employment", "quantity": 2, "years": 1, "label": "Phase 2"},
                  {"measure": "apprenticeships", "quantity": 1, "years": 1}])
    found = [w for w in result["warnings"] if w["code"] == "core_delivery"]
    assert [w["line"] for w in found] == [0]
    assert "core delivery" in found[0]["message"]
    assert "core_delivery" not in codes(run([{"measure": "apprenticeships", "quantity": 1, "years": 1}]))


def test_catalogue_proxies_are_indexed_to_the_price_year():
    # HM Treasury GDP deflators (December 2025), 2024 = 100: 2019 is 81.1085, 2023 is 96.2507.
    # WELLBY £13,000 in 2019 prices -> 2023 prices: 13,000 × 96.2507 / 81.1085 = 15,426.9786… (£15,426.98)
    result = run([{"measure": "wellbeing-improvement", "quantity": 1, "years": 1}], price_year=2023)
    proxy = result["lines"][0]["proxy"]
    assert proxy["original"] == {"value": 13000, "low": 10000, "high": 16000, "price_year": 2019}
    assert proxy["price_year"] == 2023 and proxy["value"] == 15426.98
    assert (proxy["low"], proxy["high"]) == (11866.91, 18987.05)  # 10,000 and 16,000 × 1.18669…
    assert "price_year_after_outturn" not in codes(result)
    assert result["lines"][0]["gross"] == 15426.98


def test_a_price_year_after_the_last_outturn_uses_the_last_outturn_with_one_warning():
    # 2026 has no outturn: 2024 prices are used. ltu-into-work: £7,000 (2023) × 100 / 96.2507 = 7,272.67…,
    # and its high value £42,000 × 100 / 96.2507 = 43,636.046…
    result = run([{"measure": "ltu-into-work", "quantity": 1, "years": 1},
                  {"measure": "careers-engagement", "quantity": 1, "years": 1},
                  {"measure": "apprenticeships", "quantity": 1, "years": 1},
                  {"measure": "carbon-avoided", "quantity": 1, "years": 1}], price_year=2026)
    assert result["deflator_year"] == 2024
    assert result["lines"][0]["gross"] == 7272.67
    assert result["lines"][0]["proxy"]["high"] == 43636.05
    warnings = [w for w in result["warnings"] if w["code"] == "price_year_after_outturn"]
    assert len(warnings) == 1 and warnings[0]["line"] is None
    assert warnings[0]["message"].startswith("Values are in 2024 prices, the latest year HM Treasury has published, not 2026")
    # Your own proxy is taken as given, in the price year's prices: no warning.
    own = run([{"measure": "ltu-into-work", "quantity": 1, "years": 1, "proxy": 40000}], price_year=2026)
    assert own["lines"][0]["gross"] == 40000 and "price_year_after_outturn" not in codes(own)


def test_warning_codes_are_the_documented_ones():
    result = run([{"measure": "local-employment", "quantity": 100, "years": 5, "deadweight": 0},
                  {"measure": "ltu-into-work", "quantity": 1, "years": 1}], contract_value=1, price_year=2026)
    assert set(codes(result)) == {"above_contract_value", "double_counting", "zero_deadweight", "core_delivery",
                                  "price_year_after_outturn"}


# --- errors ------------------------------------------------------------------------------------

GOOD_LINE = {"measure": "local-employment", "quantity": 1, "years": 1}


@pytest.mark.parametrize("name, raw, message", [
    ("measure", "", "Select a measure"),
    ("measure", None, "Select a measure"),
    ("measure", "no-such-measure", "Select a measure from the catalogue, or Custom measure"),
    ("measure", 7, "Select a measure from the catalogue, or Custom measure"),
    ("quantity", "", "Enter the quantity per year"),
    ("quantity", "lots", "Quantity per year must be a number, like 10"),
    ("quantity", "1" * 80, "Quantity per year must be a number, like 10"),
    ("quantity", True, "Quantity per year must be a number, like 10"),
    ("quantity", -1, "Quantity per year cannot be negative"),
    ("quantity", 1_000_001, "Quantity per year must be between 0 and 1,000,000"),
    ("quantity", "1e400", "Quantity per year must be between 0 and 100,000,000,000"),
    ("quantity", "2000000", "Quantity per year must be between 0 and 1,000,000 for this measure: only a measure counted in pounds can be more"),
    ("years", "", "Enter the number of years"),
    ("years", "two", "Years must be a number, like 10"),
    ("years", 2.5, "Years must be a whole number of years"),
    ("years", -3, "Years cannot be negative"),
    ("years", 0, "Years cannot be 0"),
    ("years", 51, "Years must be between 1 and 50 years"),
    ("deadweight", "some", 'Deadweight must be a number, like 25 or 25%, not "some"'),
    ("deadweight", -5, "Deadweight cannot be negative"),
    ("deadweight", 101, "Deadweight must be between 0% and 100%"),
    ("attribution", 100.5, "Attribution must be between 0% and 100%"),
    ("attribution", -0.1, "Attribution cannot be negative"),
    ("displacement", "1e9", "Displacement must be between 0% and 100%"),
    ("displacement", [], "Displacement must be a number, like 25 or 25%"),
    ("drop_off", 200, "Drop-off must be between 0% and 100%"),
    ("drop_off", "x", 'Drop-off must be a number, like 25 or 25%, not "x"'),
    ("proxy", "free", 'Proxy value must be a number, like 250,000 or 1,250.50, not "free"'),
    ("proxy", -1, "Proxy value cannot be negative"),
    ("proxy", 10_000_000.01, "Proxy value must be £10,000,000 or less"),
    ("label", "x" * 81, "Label must be 80 characters or fewer"),
    ("label", 12, "Label must be text"),
    ("unit", "y" * 41, "Unit must be 40 characters or fewer"),
    ("unit", {"a": 1}, "Unit must be text"),
    ("priority", "Wealthy", "Select a Corporate Plan priority from the list: safe, clean, healthy, prosperous or excellent"),
    ("priority", "Clean", "Leave the priority blank for this measure: the catalogue counts it under Prosperous"),
    ("colour", "blue", "'colour' is not an input of this calculator"),
])
def test_each_line_error_is_named_and_explained(name, raw, message):
    lines = [dict(GOOD_LINE), {**GOOD_LINE, name: raw}]
    errors = errors_of({"lines": lines})
    assert {"field": f"lines[1].{name}", "message": message} in errors or \
        any(e["field"] == f"lines[1].{name}" and e["message"].startswith(message) for e in errors), errors
    assert all(e["field"].startswith("lines[1]") for e in errors)


def test_custom_lines_need_a_proxy():
    errors = errors_of({"lines": [GOOD_LINE, {"measure": "custom", "quantity": 1, "years": 1}]})
    assert errors == [{"field": "lines[1].proxy",
                       "message": "Enter a proxy value for this line: a custom measure has no sourced value"}]


def test_every_bad_line_is_reported_at_once():
    errors = errors_of({"lines": [{"measure": "custom", "quantity": 1, "years": 1},
                                  {"measure": "custom", "quantity": 1, "years": 1, "proxy": 5},
                                  {"measure": "carbon-avoided", "quantity": 1, "years": 1, "priority": "Safe"}]})
    assert [e["field"] for e in errors] == ["lines[0].proxy", "lines[2].priority"]


@pytest.mark.parametrize("inputs, field, message", [
    ({}, "lines", "Add at least 1 outcome line"),
    ({"lines": []}, "lines", "Add at least 1 outcome line"),
    ({"lines": "many"}, "lines", "Outcome lines must be a list"),
    ({"lines": [GOOD_LINE] * 1001}, "lines", "You can add up to 1,000 lines"),
    ({"lines": ["a line"]}, "lines[0]", "The inputs must be a JSON object of named values"),
    ({"lines": [GOOD_LINE], "discount_rate": 21}, "discount_rate", "Discount rate must be between 0% and 20%"),
    ({"lines": [GOOD_LINE], "discount_rate": -1}, "discount_rate", "Discount rate cannot be negative"),
    ({"lines": [GOOD_LINE], "price_year": 2026.5}, "price_year", "Price year must be a whole number"),
    ({"lines": [GOOD_LINE], "price_year": 1999}, "price_year", "Price year must be between"),
    ({"lines": [GOOD_LINE], "contract_value": 0}, "contract_value", "Contract value must be more than £0"),
    # Found by hypothesis under Pyodide: a positive amount under a penny made social value per £1 too
    # large to round.
    ({"lines": [GOOD_LINE], "contract_value": 1.2606489354808234e-250}, "contract_value",
     "Contract value must be at least £0.01"),
    ({"lines": [GOOD_LINE], "contract_value": "1e12"}, "contract_value",
     "Contract value must be £100,000,000,000 or less"),
    ("lines", "", "The inputs must be a JSON object of named values"),
])
def test_top_level_errors(inputs, field, message):
    errors = errors_of(inputs)
    assert any(e["field"] == field and e["message"].startswith(message) for e in errors), errors


def test_optional_inputs_have_defaults():
    result = run([GOOD_LINE])
    inputs = result["inputs"]
    assert inputs["discount_rate"] is None and inputs["contract_value"] is None
    assert 2000 <= inputs["price_year"] <= 2100
    assert inputs["lines"][0]["deadweight"] is None  # so the measure's default applies
    assert result["lines"][0]["deadweight"] == 50


def test_a_thousand_lines_is_the_limit():
    assert len(run([GOOD_LINE] * 1000)["lines"]) == 1000


# --- rendering, chart and exports --------------------------------------------------------------

ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


@pytest.mark.parametrize("attack", ATTACKS)
def test_user_text_is_escaped(attack):
    result = run([{"measure": "custom", "quantity": 1, "years": 1, "proxy": 10, "label": attack, "unit": attack[:40]},
                  {"measure": "training-hours", "quantity": 1, "years": 1, "label": attack},
                  {"measure": "local-employment", "quantity": 1, "years": 1, "label": attack}], contract_value=1)
    html = render.result(registry.get("valuation"), result)
    svg = chart.svg(result)
    for text in (html, svg):
        assert attack not in text
        assert "<script" not in text and "<img" not in text and "<svg onload" not in text
    assert "&lt;" in html
    reply = api.respond("valuation", {"lines": [{"measure": "custom", "quantity": 1, "years": 1, "proxy": 1,
                                                 "label": attack}]})
    assert reply["ok"] and attack not in reply["html"]


def test_chart_is_accessible_self_contained_svg():
    result = run([{"measure": "carbon-avoided", "quantity": 100, "years": 2}], price_year=2022)
    svg = chart.svg(result)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for amount in ("£55,444.00", "£41,583.00", "£40,879.91", "Clean £40,879.91"):
        assert amount in desc.text
    assert "href" not in svg and "url(" not in svg and "font-family" not in svg and "@import" not in svg
    assert "currentColor" in svg
    assert "NaN" not in svg and "inf" not in svg.lower()


def test_chart_with_zero_totals():
    result = run([{"measure": "training-hours", "quantity": 0, "years": 1}])
    root = ET.fromstring(chart.svg(result))
    assert "£0.00" in root.find("{http://www.w3.org/2000/svg}desc").text
    assert "NaN" not in chart.svg(result)


def test_chart_survives_a_damaged_result():
    svg = chart.svg({"totals": {"gross": "x", "net": None}, "by_priority": [{"priority": "<b>", "present_value": -5}]})
    ET.fromstring(svg)
    assert "<b>" not in svg


def test_render_has_the_parts_a_page_needs():
    result = run([{"measure": "local-employment", "quantity": 2, "years": 2},
                  {"measure": "ltu-into-work", "quantity": 1, "years": 1},
                  {"measure": "work-placements", "quantity": 4, "years": 1}], contract_value=100000)
    html = render.result(registry.get("valuation"), result)
    assert "<caption>" in html and '<th scope="col">' in html and "<tfoot>" in html
    assert '<figure class="sv-chart">' in html and "<figcaption>" in html and 'role="img"' in html
    assert "Check before you rely on this" in html and "Counted but not valued" in html
    assert "<h2" not in html and "<h3>" in html
    assert "for every £1 of the contract" in html
    assert 'href="https://measure-up.org/' in html
    assert "in 2023 prices" in html


def test_csv_export_has_a_row_per_line_and_totals():
    result = run([{"measure": "local-employment", "quantity": 2, "years": 2},
                  {"measure": "custom", "quantity": 1, "years": 1, "proxy": 10, "label": "Own"}])
    rows = list(csv.reader(io.StringIO(export.to_csv(registry.get("valuation"), result).lstrip("\ufeff"))))
    header = rows[0]
    assert header[:3] == ["Line", "Measure", "Measure title"] and "Present value (£)" in header
    assert rows[1][header.index("Measure")] == "local-employment"
    assert rows[2][header.index("Label")] == "Own"
    assert rows[3][0] == "Total"
    assert rows[3][header.index("Present value (£)")] == str(result["totals"]["present_value"])
    assert ["Social value for every £1 (£)", ""] in rows
    assert any(row[:1] == ["Warning"] for row in rows)


def test_respond_gives_html_and_csv():
    reply = api.respond("valuation", {"lines": [GOOD_LINE]})
    assert reply["ok"] and reply["csv"].startswith("\ufeffLine,Measure,")
    bad = api.respond("valuation", {"lines": [{"measure": "custom", "quantity": 1, "years": 1}]})
    assert not bad["ok"] and bad["errors"][0]["field"] == "lines[0].proxy"


def test_form_values_from_the_browser():
    flat = {"price_year": "", "discount_rate": "", "contract_value": "250,000",
            "lines[0].measure": "apprenticeships", "lines[0].quantity": "2", "lines[0].years": "3",
            "lines[0].deadweight": "", "lines[0].proxy": "", "lines[0].label": "", "lines[0].unit": "",
            "lines[0].priority": ""}
    reply = json.loads(api.respond_form("valuation", json.dumps(flat)))
    assert reply["ok"], reply.get("errors")
    assert reply["result"]["lines"][0]["deadweight"] == 25


def test_permalink_round_trip():
    result = run([{"measure": "custom", "quantity": 1, "years": 2, "proxy": 99, "label": "Café ☕"}])
    again = json.loads(api.open_permalink("valuation", result["permalink"]))
    assert again["ok"] and again["result"]["totals"] == result["totals"]


def test_batch_values_one_line_per_row():
    source = io.StringIO(
        "ref,measure,quantity,years,deadweight,proxy,price_year,discount_rate\n"
        "A,ltu-into-work,5,1,,,2023,\n"
        "B,custom,2,1,,,,\n"
        "C,carbon-avoided,100,2,,,2022,0\n")
    target = io.StringIO()
    summary = batch.runner("valuation")("valuation", source, target)
    assert summary == {"rows": 3, "errors": 1}
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    # 5 × 7,000 × 0.75 × 0.75 × 0.75 = 14,765.625 -> £14,765.63 (no pay given: the wellbeing gain alone)
    assert rows[0]["ref"] == "A" and rows[0]["present_value"] == "14765.63" and rows[0]["errors"] == ""
    assert rows[0]["deadweight_used"] == "25" and rows[0]["proxy_price_year"] == "2023"
    assert rows[1]["errors"] == "Row 3: proxy: Enter a proxy value for this line: a custom measure has no sourced value"
    # discount rate 0: PV = net = 100 × 277.22 × 0.75 × 2 = 41,583
    # low: £138.61, deadweight 35%, drop-off 10%: 100 × 138.61 × 0.65 × (1 + 0.9) = 17,118.335 -> £17,118.34
    assert rows[2]["present_value"] == "41583" and rows[2]["present_value_low"] == "17118.34"
    assert set(registry.get("valuation").result_columns) <= set(rows[0])


def test_batch_runner_keeps_run_csv_for_other_calculators():
    assert batch.runner("proportionality") is batch.run_csv


def test_the_error_summary_names_the_line_of_each_problem():
    reply = api.respond("valuation", {"lines": [dict(GOOD_LINE, deadweight=120), dict(GOOD_LINE, deadweight=120)]})
    assert not reply["ok"]
    assert [e["message"] for e in reply["errors"]] == ["Deadweight must be between 0% and 100%"] * 2
    assert "Outcome line 1: Deadweight must be between 0% and 100%" in reply["html"]
    assert "Outcome line 2: Deadweight must be between 0% and 100%" in reply["html"]
    assert 'href="#valuation-lines-1-deadweight"' in reply["html"]
