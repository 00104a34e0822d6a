"""Contract monitoring: worked examples, each rule, properties, errors, settings, rendering, exports
and the delivery report batch (all its rows one calculation)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from calculators import api, batch, export, measures, registry, render
from calculators.invalid_input import InvalidInput
from calculators.money import format_number, format_percent
from calculators.monitoring import chart
from calculators.monitoring.settings import build_monitoring, load_monitoring
from calculators.data_files import DATA, SettingsError, policy_refs, read_toml

EXAMPLE = registry.get("monitoring").example
IDS = [m.id for m in measures.catalogue()]


def run(commitments, **top):
    return api.run("monitoring", {"contract_months": 36, "months_elapsed": 12, "price_year": 2026,
                                  "commitments": commitments, **top})


def errors_of(inputs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        api.run("monitoring", inputs)
    return caught.value.errors


def D(value) -> Decimal:
    return Decimal(str(value))


def line(**given) -> dict:
    return {"measure": "custom", "quantity": 12, "years": 1, "proxy": 100, "delivered": 12, **given}


# --- the worked example (the quarterly delivery report template) ------------------------------

def test_the_worked_example_by_hand():
    result = api.run("monitoring", EXAMPLE)
    jobs, apprentices, placements, befriending, spend = result["lines"]
    # Month 6 of 36: half a year is due of each 3-year commitment.
    # SV1 jobs for people out of work for a year or more: 4 a year, due 4 × 6/12 = 2, delivered 1.6: 80%, amber.
    #   no pay is given for the posts, so the central value is the wellbeing gain alone (issue 27, finding 5):
    #   £7,000 (2023 prices) indexed to 2024, the last outturn year: 7,000 × 100 ÷ 96.2507 = £7,272.67
    #   unit_net = 7,272.67 × (1 − 0.25) × (1 − 0.25) × (1 − 0.25) = 3,068.1577 -> £3,068.16
    #   value due 2 × = 6,136.32; delivered 1.6 × = 4,909.05; shortfall 0.4 × = 1,227.26
    #   forecast 1.6 ÷ 6 × 36 = 9.6 of the 12 committed
    assert (jobs["committed_total"], jobs["due_to_date"], jobs["progress"], jobs["status"],
            jobs["forecast_total"]) == (12, 2, 80, "amber", 9.6)
    assert jobs["proxy"]["value"] == 7272.67 and jobs["proxy"]["original"]["value"] == 7000
    assert jobs["proxy"]["central_from"] == "wellbeing"
    assert (jobs["unit_net"], jobs["value_due_to_date"], jobs["value_delivered"], jobs["shortfall"]) == \
        (3068.16, 6136.32, 4909.05, 1227.26)
    # SV2 apprentices: due 1, delivered 0.75: 75.0% is amber (the boundary).
    #   proxy £12,200 indexed: 12,200 × 100 ÷ 96.2507 = £12,675.23; unit_net × 0.75 × 0.75 = 7,129.8169 -> £7,129.82
    #   delivered 0.75 × 7,129.8169 = 5,347.3627 -> £5,347.36; shortfall 1,782.4542 -> £1,782.45
    assert (apprentices["progress"], apprentices["status"], apprentices["unit_net"]) == (75, "amber", 7129.82)
    assert (apprentices["value_delivered"], apprentices["shortfall"]) == (5347.36, 1782.45)
    # SV3 placements: 2 a year (6 in all), 1 due, 1 delivered: green. No sourced value: not valued.
    assert (placements["committed_total"], placements["due_to_date"], placements["progress"],
            placements["status"]) == (6, 1, 100, "green")
    assert placements["valued"] is False and placements["unit_net"] is None and placements["shortfall"] is None
    # SV4 befriending: 20 due, 12 delivered: 60%, red. SV5 spend: 11,400 of 10,000: 114%, green.
    assert (befriending["progress"], befriending["status"]) == (60, "red")
    assert (spend["progress"], spend["status"], spend["forecast_total"]) == (114, "green", 68400)
    # Totals over the valued lines: due 6,136.3153 + 7,129.8169 = 13,266.1322;
    #   delivered 4,909.0523 + 5,347.3627 = 10,256.4149; progress 77.31…% -> 77.3%, amber
    assert result["totals"] == {
        "value_committed": 79596.79, "value_due_to_date": 13266.13, "value_delivered": 10256.41,
        "value_verified": 0,  # the provider's report: the contract manager has verified nothing yet
        "value_delivered_within_due": 10256.41, "value_beyond_due": 0,
        "shortfall": 3009.72, "progress": 77.3, "progress_basis": "value", "status": "amber",
        "counts": {"red": 1, "amber": 2, "green": 2, "not_due": 0}}
    assert [(group["status"], group["lines"]) for group in result["by_status"]] == [
        ("red", [3]), ("amber", [0, 1]), ("green", [2, 4])]
    assert result["duties"] is None  # £2.4m is not more than £5m
    # 2026 is after the deflators' last outturn year: the valuation's own warning says so.
    assert [w["code"] for w in result["warnings"]] == ["price_year_after_outturn"]


# --- each rule ---------------------------------------------------------------------------------

def test_targets_are_pro_rata_and_stop_at_the_commitments_years():
    result = run([line(quantity=6, years=3, delivered=4), line(quantity=5, years=1, delivered=5)],
                 contract_months=36, months_elapsed=30)
    three_years, one_year = result["lines"]
    assert three_years["due_to_date"] == 15  # 6 × 30/12
    assert one_year["due_to_date"] == 5  # 5 × min(2.5, 1)
    # The forecast runs at the rate so far while a commitment runs, and is what was delivered once it is over.
    assert three_years["forecast_total"] == 4.8  # 4 ÷ 30 × 36
    assert one_year["forecast_total"] == 5


def test_forecast_follows_the_issue_formula_while_a_commitment_runs():
    result = run([line(quantity=10, years=3, delivered=7)], months_elapsed=9)
    # 7 ÷ 9 × 3 × 12 = 28; due 10 × 9/12 = 7.5; progress 7 ÷ 7.5 = 93.33…% -> 93.3%
    assert result["lines"][0]["forecast_total"] == 28
    assert result["lines"][0]["due_to_date"] == 7.5
    assert result["lines"][0]["progress"] == 93.3


def test_month_0_has_nothing_due_and_no_forecast():
    result = run([line(delivered=0), line(measure="work-placements", proxy=None, delivered=2)], months_elapsed=0)
    for item in result["lines"]:
        assert item["due_to_date"] == 0 and item["progress"] is None and item["status"] == "not_due"
        assert item["forecast_total"] is None
    assert result["totals"]["progress"] is None and result["totals"]["status"] == "not_due"
    assert result["totals"]["counts"] == {"red": 0, "amber": 0, "green": 0, "not_due": 2}
    assert [group["status"] for group in result["by_status"]] == ["not_due"]


@pytest.mark.parametrize("delivered, progress, status", [
    ("11.4", 95, "green"),      # 95.0%: green starts here
    ("11.394", 95, "green"),    # 94.95% rounds half up to 95.0%
    ("11.3928", 94.9, "amber"), # 94.94% -> 94.9%
    ("9", 75, "amber"),
    ("8.994", 75, "amber"),     # 74.95% -> 75.0%
    ("8.9928", 74.9, "red"),    # 74.94% -> 74.9%
    ("0", 0, "red"),
    ("24", 200, "green"),
])
def test_status_thresholds_on_the_rounded_progress(delivered, progress, status):
    # 12 a year for 1 year, at month 12: 12 due.
    result = run([line(delivered=delivered)])
    assert result["lines"][0]["progress"] == progress
    assert result["lines"][0]["status"] == status


def test_shortfall_is_never_negative():
    result = run([line(delivered=20), line(delivered=6)])
    assert result["lines"][0]["shortfall"] == 0  # over-delivery: no shortfall, and it offsets nothing
    assert result["lines"][1]["shortfall"] == 600  # (12 − 6) × £100
    assert result["totals"]["shortfall"] == 600


def test_unit_net_uses_the_valuation_proxy_defaults_and_adjustments():
    result = run([{"measure": "apprenticeships", "quantity": 1, "years": 1, "delivered": 1},
                  {"measure": "apprenticeships", "quantity": 1, "years": 1, "delivered": 1, "deadweight": 0,
                   "attribution": 10, "displacement": 20, "drop_off": 90}], price_year=2023)
    default, own = result["lines"]
    assert default["unit_net"] == 6862.5  # £12,200 (2023 prices) × 0.75 × 0.75 × 1
    assert default["defaults_used"] == ["deadweight", "attribution", "displacement", "drop_off"]
    assert own["unit_net"] == 8784  # 12,200 × 1 × 0.9 × 0.8; drop-off is not used
    assert own["proxy"]["source"]["url"].startswith("https://")


def test_a_line_without_a_value_still_gets_its_progress_and_status():
    result = run([{"measure": "work-placements", "quantity": 100, "years": 2, "delivered": 50}])
    item = result["lines"][0]
    assert (item["progress"], item["status"]) == (50, "red")
    assert item["valued"] is False
    assert all(item[key] is None for key in ("unit_net", "value_committed", "value_due_to_date", "value_delivered",
                                             "shortfall"))
    # Nothing valued is due: the overall progress is the line's own, counted up to 100% (issue 27, finding 3).
    assert result["totals"]["progress"] == 50 and result["totals"]["status"] == "red"
    assert result["totals"]["progress_basis"] == "mean"
    assert result["totals"]["value_due_to_date"] == 0
    assert "average of each commitment's progress" in render.result(registry.get("monitoring"), result)


def test_overall_progress_is_weighted_by_value():
    # £100 a unit: 12 due, 6 delivered (50%); £300 a unit: 12 due, 12 delivered (100%).
    # (6 × 100 + 12 × 300) ÷ (12 × 100 + 12 × 300) = 4,200 ÷ 4,800 = 87.5%
    result = run([line(delivered=6), line(proxy=300, delivered=12), line(measure="work-placements", proxy=None,
                                                                          delivered=0, quantity=5)])
    assert result["totals"]["progress"] == 87.5 and result["totals"]["status"] == "amber"


def test_early_delivery_on_a_line_with_nothing_due_is_counted_but_not_weighted():
    result = run([line(delivered=6), line(quantity=0, delivered=5)])
    assert result["lines"][1]["status"] == "not_due"
    assert result["totals"]["value_delivered"] == 1100
    assert result["totals"]["progress"] == 50


def test_procurement_act_duties_over_5_million_only():
    assert run([line()], contract_value=5_000_000)["duties"] is None
    assert run([line()])["duties"] is None
    duties = run([line()], contract_value="5000000.01")["duties"]
    assert duties["intro"].startswith("This contract is worth more than £5,000,000.")
    assert "24 February 2025" in duties["intro"]
    urls = [duty["source"]["url"] for duty in duties["duties"]]
    assert urls == ["https://www.legislation.gov.uk/ukpga/2023/54/section/52",
                    "https://www.legislation.gov.uk/ukpga/2023/54/section/71"]
    assert "at least 3 key performance indicators" in duties["duties"][0]["text"]
    assert "at least once in every 12 months" in duties["duties"][1]["text"]


def test_remedies_for_each_status_cite_the_policy():
    result = run([line(delivered=0), line(delivered=10), line(delivered=12)])
    remedies = {group["status"]: group["remedy"] for group in result["by_status"]}
    assert list(remedies) == ["red", "amber", "green"]
    assert "recovery plan" in remedies["amber"]["text"] and "escalate" not in remedies["amber"]["text"]
    assert "recovery plan" in remedies["red"]["text"] and "escalate" in remedies["red"]["text"]
    for remedy in remedies.values():
        assert {cite["href"].split("#")[0] for cite in remedy["cites"]} == {"policy/implementing/"}
    assert {c["id"] for c in remedies["red"]["cites"]} == {"implementing-the-policy", "evaluating-our-approach"}


def test_thresholds_are_labelled_as_this_toolkits_proposal():
    result = run([line()])
    assert result["thresholds"]["green"] == 95 and result["thresholds"]["amber"] == 75
    assert "Proposal of this Toolkit" in result["thresholds"]["status"]
    html = render.result(registry.get("monitoring"), result)
    assert "this Toolkit's proposal" in html


def test_warnings():
    result = run([line(years=4, delivered=5), line(quantity=1, years=1, delivered=3)], contract_months=36)
    found = [(w["code"], w["line"]) for w in result["warnings"]]
    assert ("longer_than_contract", 0) in found
    assert ("more_than_committed", 1) in found
    assert "runs for 4 years, longer than the 36-month contract" in result["warnings"][0]["message"]


# --- errors ------------------------------------------------------------------------------------

GOOD = {"contract_months": 36, "months_elapsed": 6, "commitments": [line()]}


@pytest.mark.parametrize("inputs, field, message", [
    ({**GOOD, "months_elapsed": 37}, "months_elapsed",
     "Months elapsed must be no more than the contract length, 36 months"),
    ({**GOOD, "months_elapsed": -1}, "months_elapsed", "Months elapsed cannot be negative"),
    ({**GOOD, "months_elapsed": 2.5}, "months_elapsed", "Months elapsed must be a whole number of months"),
    ({**GOOD, "months_elapsed": ""}, "months_elapsed", "Enter the months elapsed"),
    ({**GOOD, "contract_months": 0}, "contract_months", "Contract length cannot be 0"),
    ({**GOOD, "contract_months": 601}, "contract_months", "Contract length must be between 1 and 600 months"),
    ({**GOOD, "contract_value": 0}, "contract_value", "Contract value must be more than £0"),
    ({**GOOD, "commitments": []}, "commitments", "Add at least 1 commitment"),
    ({**GOOD, "commitments": [line(delivered=-1)]}, "commitments[0].delivered", "Delivered to date cannot be negative"),
    ({**GOOD, "commitments": [line(delivered="")]}, "commitments[0].delivered", "Enter the quantity delivered to date"),
    ({**GOOD, "commitments": [line(delivered="lots")]}, "commitments[0].delivered",
     "Delivered to date must be a number, like 10"),
    ({**GOOD, "commitments": [line(delivered=50_000_001)]}, "commitments[0].delivered",
     "Delivered to date must be between 0 and 50,000,000"),
    ({**GOOD, "commitments": [line(proxy=None)]}, "commitments[0].proxy",
     "Enter a proxy value for this line: a custom measure has no sourced value"),
    ({**GOOD, "commitments": [line(measure="apprenticeships", proxy=None, priority="Clean")]},
     "commitments[0].priority", "Leave the priority blank for this measure"),
    ({**GOOD, "commitments": [line(due="31/13/2029")]}, "commitments[0].due", "Due date must be a real date"),
    ({**GOOD, "commitments": [line(ref="x" * 41)]}, "commitments[0].ref", "Reference must be 40 characters or fewer"),
    ({**GOOD, "commitments": [line(target=4)]}, "commitments[0].target", "'target' is not an input"),
])
def test_bad_input_gets_field_errors(inputs, field, message):
    errors = errors_of(inputs)
    assert any(e["field"] == field and e["message"].startswith(message) for e in errors), errors


def test_every_problem_is_reported_at_once_with_the_commitment_named():
    inputs = {**GOOD, "months_elapsed": 40, "commitments": [line(delivered=-1), line(proxy=None)]}
    reply = api.respond("monitoring", inputs)
    assert not reply["ok"]
    # The rules between inputs (months elapsed within the contract, a custom line's proxy) are
    # checked with each field's own checks, and listed in the order of the form.
    assert [e["field"] for e in reply["errors"]] == ["months_elapsed", "commitments[0].delivered",
                                                     "commitments[1].proxy"]
    assert "Commitment 2: Enter a proxy value" in reply["html"]
    assert 'href="#monitoring-commitments-1-proxy"' in reply["html"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
TOP_FIELDS = ["contract_months", "months_elapsed", "contract_value", "price_year", "commitments", "unknown"]
LINE_FIELDS = ["ref", "measure", "quantity", "years", "delivered", "proxy", "deadweight", "label", "due", "evidence",
               "unknown"]


def _never_crashes(inputs):
    try:
        result = api.run("monitoring", inputs)
    except InvalidInput as invalid:
        assert invalid.errors and all(set(e) == {"field", "message"} for e in invalid.errors)
    else:
        json.dumps(result, allow_nan=False)
        ET.fromstring(chart.svg(result))
    reply = api.respond("monitoring", inputs)
    assert "Something went wrong" not in json.dumps(reply["errors"] if not reply["ok"] else [])


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(TOP_FIELDS), raw=json_values)
def test_any_json_in_any_top_field_gives_a_result_or_errors(name, raw):
    _never_crashes({**GOOD, name: raw})


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(LINE_FIELDS), raw=json_values)
def test_any_json_in_any_commitment_field_gives_a_result_or_errors(name, raw):
    _never_crashes({**GOOD, "commitments": [line(), {**line(), name: raw}]})


@pytest.mark.parametrize("quantity", ["1e-30", "0.000001"])
def test_a_tiny_commitment_does_not_break_the_arithmetic(quantity):
    result = run([line(quantity=quantity, delivered=50_000_000)], months_elapsed=1)
    json.dumps(result, allow_nan=False)
    assert result["lines"][0]["status"] in ("green", "not_due")


# --- properties --------------------------------------------------------------------------------

percent = st.decimals(min_value=0, max_value=100, places=1)
commitment = st.fixed_dictionaries({
    "measure": st.sampled_from(IDS + ["custom"]),
    "quantity": st.decimals(min_value=0, max_value=100_000, places=2),
    "years": st.integers(1, 10),
    "delivered": st.decimals(min_value=0, max_value=1_000_000, places=2),
}, optional={"deadweight": percent, "attribution": percent, "displacement": percent,
             "proxy": st.decimals(min_value=0, max_value=100_000, places=2)})


def _fix(item: dict) -> dict:
    item = dict(item)
    if item["measure"] == "custom" and "proxy" not in item:
        item["proxy"] = Decimal(100)
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in item.items()}


@st.composite
def contracts(draw):
    months = draw(st.integers(1, 120))
    return {"contract_months": months, "months_elapsed": draw(st.integers(0, months)),
            "contract_value": draw(st.none() | st.integers(1, 10_000_000)),
            "commitments": [_fix(item) for item in draw(st.lists(commitment, min_size=1, max_size=6))]}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=contracts())
def test_valid_inputs_give_consistent_results(inputs):
    result = api.run("monitoring", inputs)
    json.dumps(result, allow_nan=False)
    thresholds = result["thresholds"]
    for item in result["lines"]:
        assert 0 <= item["due_to_date"] <= item["committed_total"] + 0.005
        if item["progress"] is None:
            assert item["status"] == "not_due" and D(item["due_to_date"]) * 100 <= item["committed_total"] * 100
        else:
            expected = ("green" if item["progress"] >= thresholds["green"] else
                        "amber" if item["progress"] >= thresholds["amber"] else "red")
            assert item["status"] == expected
        if item["valued"]:
            assert 0 <= item["shortfall"] <= item["value_due_to_date"]
            assert item["shortfall"] == 0 or item["value_delivered"] < item["value_due_to_date"]
        assert (item["forecast_total"] is None) == (inputs["months_elapsed"] == 0)
    totals = result["totals"]
    assert sum(totals["counts"].values()) == len(result["lines"])
    assert [group["status"] for group in result["by_status"]] == [
        s for s in ("red", "amber", "green", "not_due") if totals["counts"][s]]
    assert sorted(i for group in result["by_status"] for i in group["lines"]) == list(range(len(result["lines"])))
    valued = [item for item in result["lines"] if item["valued"]]
    for key in ("value_committed", "value_due_to_date", "value_delivered", "shortfall"):
        assert abs(D(totals[key]) - sum(D(item[key]) for item in valued)) <= Decimal("0.01") * (len(valued) + 1)
    weighted = [item["progress"] for item in valued if item["progress"] is not None and item["value_due_to_date"]]
    if totals["progress"] is not None and weighted:
        # A weighted mean of each line's progress, counted up to 100%, lies between the smallest and largest
        # of them (each rounded to 0.1).
        assert min(min(weighted), 100) - 0.1 <= totals["progress"] <= min(max(weighted), 100) + 0.1


@settings(max_examples=60, deadline=None)
@given(inputs=contracts(), more=st.decimals(min_value=0, max_value=1000, places=2), index=st.integers(0, 5))
def test_delivering_more_never_lowers_progress_or_raises_the_shortfall(inputs, more, index):
    index %= len(inputs["commitments"])
    before = api.run("monitoring", inputs)
    raised = [dict(item) for item in inputs["commitments"]]
    raised[index]["delivered"] = str(D(raised[index]["delivered"]) + more)
    after = api.run("monitoring", {**inputs, "commitments": raised})
    rank = {"red": 0, "amber": 1, "green": 2, "not_due": 3}
    old, new = before["lines"][index], after["lines"][index]
    assert new["status"] == old["status"] or rank[new["status"]] > rank[old["status"]]
    if old["progress"] is not None:
        assert new["progress"] >= old["progress"]
    if old["valued"]:
        assert new["shortfall"] <= old["shortfall"]
    assert after["totals"]["shortfall"] <= before["totals"]["shortfall"]
    if before["totals"]["progress"] is not None:
        assert after["totals"]["progress"] >= before["totals"]["progress"]


@settings(max_examples=60, deadline=None)
@given(inputs=contracts(), later=st.integers(0, 120))
def test_more_months_never_lowers_what_is_due(inputs, later):
    later = max(inputs["months_elapsed"], min(later, inputs["contract_months"]))
    now = api.run("monitoring", inputs)["lines"]
    then = api.run("monitoring", {**inputs, "months_elapsed": later})["lines"]
    for a, b in zip(now, then):
        assert b["due_to_date"] >= a["due_to_date"]


@settings(max_examples=60, deadline=None)
@given(item=commitment, price_year=st.integers(2000, 2100))
def test_unit_net_equals_the_valuation_of_one_unit_for_one_year(item, price_year):
    """The monitoring calculator values a unit exactly as the valuation calculator does."""
    fixed = _fix(item)
    valuation_line = {key: value for key, value in fixed.items() if key != "delivered"}
    valued = api.run("valuation", {"price_year": price_year, "lines": [{**valuation_line, "quantity": 1, "years": 1}]})
    monitored = api.run("monitoring", {"contract_months": 12, "months_elapsed": 12, "price_year": price_year,
                                       "commitments": [{**fixed, "quantity": 1, "years": 1}]})
    got = monitored["lines"][0]
    if valued["lines"][0]["valued"]:
        assert got["value_committed"] == valued["lines"][0]["net"]
    else:
        assert got["unit_net"] is None


# --- settings ----------------------------------------------------------------------------------

def _settings(**changes):
    raw = read_toml(DATA / "policy.toml")
    raw["monitoring"] = {**raw["monitoring"], **changes}
    return raw


def test_settings_load_and_are_checked():
    loaded = load_monitoring()
    assert (loaded.green, loaded.amber, loaded.act_more_than) == (95, 75, 5_000_000)
    with pytest.raises(SettingsError) as raised:
        build_monitoring(_settings(green=70, amber=80, remedies={"red": {"text": "x", "cites": ["nowhere"]}}),
                         policy_refs())
    problems = raised.value.problems
    assert any("must not be more than monitoring.green" in p for p in problems)
    assert any("monitoring.remedies.amber needs a 'text'" in p for p in problems)
    assert any("cites 'nowhere'" in p for p in problems)
    with pytest.raises(SettingsError):
        build_monitoring({"bands": []}, policy_refs())
    with pytest.raises(SettingsError) as raised:
        build_monitoring(_settings(green=0, procurement_act={"more_than": -1, "duties": [{"text": "x"}]}), policy_refs())
    assert any("percentage above 0" in p for p in raised.value.problems)
    assert any("needs a source" in p for p in raised.value.problems)


def test_edited_thresholds_change_the_status(tmp_path):
    text = (DATA / "policy.toml").read_text(encoding="utf-8").replace("green = 95 ", "green = 80 ")
    edited = tmp_path / "policy.toml"
    edited.write_text(text, encoding="utf-8")
    options = registry.get("monitoring").options_from_settings(str(edited))
    result = api.run("monitoring", EXAMPLE, **options)
    assert result["lines"][0]["status"] == "green"  # 80% is green now
    assert result["thresholds"]["green"] == 80


# --- rendering, chart, exports and files -------------------------------------------------------

ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


@pytest.mark.parametrize("attack", ATTACKS)
def test_user_text_is_escaped(attack):
    result = run([line(label=attack, ref=attack[:40], evidence=attack, unit=attack[:40], delivered=3),
                  {"measure": "work-placements", "quantity": 1, "years": 1, "delivered": 1, "label": attack}])
    html = render.result(registry.get("monitoring"), result)
    svg = chart.svg(result)
    for text in (html, svg):
        assert attack not in text
        assert "<script" not in text and "<img" not in text and "<svg onload" not in text
    assert "&lt;" in html


def test_the_evidence_expected_keeps_its_lines():
    result = run([line(evidence="Payroll extract\r\n  with start dates\n\n\nSigned by HR", delivered=3)])
    kept = "Payroll extract\nwith start dates\n\nSigned by HR"
    assert result["lines"][0]["evidence"] == kept
    # The page shows the lines (white-space: pre-line on .sv-evidence).
    assert f'<span class="sv-note sv-evidence">Evidence: {kept}</span>' in render.result(registry.get("monitoring"), result)


def test_result_is_grouped_by_status_reds_first():
    result = run([line(delivered=12, label="Green one"), line(delivered=0, label="Red one"),
                  line(delivered=10, label="Amber one")])
    html = render.result(registry.get("monitoring"), result)
    positions = [html.index(f"<h3>{name}: 1 commitment</h3>") for name in ("Red", "Amber", "Green")]
    assert positions == sorted(positions)
    assert html.index("Red one") < html.index("Amber one") < html.index("Green one")
    assert "What to do:" in html and 'href="policy/implementing/#implementing-the-policy"' in html
    assert "<caption>" in html and '<th scope="col">' in html and "<h2" not in html
    assert "not discounted" in html


def test_duties_are_shown_with_their_sources():
    html = render.result(registry.get("monitoring"), run([line()], contract_value=6_000_000))
    assert "Procurement Act 2023" in html
    assert 'href="https://www.legislation.gov.uk/ukpga/2023/54/section/52"' in html
    assert 'href="https://www.legislation.gov.uk/ukpga/2023/54/section/71"' in html


def test_chart_is_accessible_and_states_every_number():
    result = api.run("monitoring", EXAMPLE)
    svg = chart.svg(result)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title, desc = root.find(f"{ns}title"), root.find(f"{ns}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    text = desc.text
    # Reds first, as in the result.
    assert text.index("4. SV4") < text.index("1. SV1") < text.index("3. SV3")
    for item in result["lines"]:
        assert f"due to date {format_number(item['due_to_date'])}" in text
        assert f"delivered {format_number(item['delivered'])}, progress {format_percent(item['progress'])}" in text
    assert "delivered 11,400" in text and "delivered 0.75" in text and "amber" in text
    assert "href" not in svg and "font-family" not in svg and "NaN" not in svg and "currentColor" in svg


def test_chart_survives_a_damaged_result():
    svg = chart.svg({"lines": [{"title": "<b>", "due_to_date": "x", "delivered": None, "status": "odd"}],
                     "by_status": [{"status": "odd", "label": "<i>", "lines": [0]}]})
    ET.fromstring(svg)
    assert "<b>" not in svg and "<i>" not in svg


def test_csv_export_has_a_row_per_commitment_and_totals():
    result = api.run("monitoring", EXAMPLE)
    rows = list(csv.reader(io.StringIO(export.to_csv(registry.get("monitoring"), result).lstrip("\ufeff"))))
    header = rows[0]
    assert header[:3] == ["Line", "Reference", "Measure"] and "Status" in header and "Shortfall (£)" in header
    assert rows[1][header.index("Status")] == "amber" and rows[4][header.index("Status")] == "red"
    assert rows[6][0] == "Total" and rows[6][header.index("Progress (%)")] == "77.3"
    assert ["Months elapsed", "6"] in rows and ["Commitments red", "1"] in rows
    assert any(row[:2] == ["Remedy", "red"] for row in rows)


def test_respond_offers_a_delivery_report_that_opens_again():
    reply = api.respond("monitoring", EXAMPLE)
    report = reply["downloads"]["delivery-report"]
    assert report.splitlines()[0].startswith("\ufeffcontract_reference,contract_title,provider,provider_type,"
                                             "contract_value,contract_months,quarter_start,quarter_end,months_elapsed,"
                                             "ref,measure,title,label,unit,priority,objectives,quantity,years")
    assert report.splitlines()[0].endswith("delivered,verified,evidence_reference,comments")
    again = json.loads(api.open_import("monitoring", report))
    assert again["ok"], again["errors"]
    assert again["result"]["lines"] == reply["result"]["lines"]
    assert again["result"]["totals"] == reply["result"]["totals"]
    assert again["result"]["contract"] == reply["result"]["contract"]


# --- the delivery report batch: all its rows are one calculation -------------------------------

REPORT = ("contract_reference,contract_months,months_elapsed,ref,measure,quantity,years,delivered,comments\n"
          "C1,36,6,SV1,ltu-into-work,4,3,1.6,ok\n"
          ",,,,,,,,\n"
          "C1,36,,SV2,work-placements,2,3,1,\n")


def test_a_delivery_report_runs_as_one_calculation():
    assert batch.runner("monitoring") is batch.run_one_csv
    target = io.StringIO()
    summary = batch.runner("monitoring")("monitoring", io.StringIO(REPORT), target, )
    assert summary == {"rows": 2, "errors": 0}  # the contract and comments columns are a delivery report's own
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert [row["contract_reference"] for row in rows] == ["C1", "C1", ""]
    assert rows[0]["line"] == "1" and rows[0]["status"] == "amber" and rows[0]["comments"] == "ok"
    assert rows[1]["line"] == "2" and rows[1]["status"] == "green"
    # A last row of totals: only the jobs are valued (2 due, 1.6 delivered: 80%).
    assert rows[2]["line"] == "total" and rows[2]["progress"] == "80" and rows[2]["status"] == "amber"


def test_delivery_report_problems_are_named_in_their_rows():
    report = ("contract_months,months_elapsed,measure,quantity,years,delivered\n"
              "36,6,ltu-into-work,4,3,-2\n"
              "36,9,work-placements,2,3,1\n")
    target = io.StringIO()
    summary = batch.run_one_csv("monitoring", io.StringIO(report), target)
    assert summary["errors"] == 2 and "months_elapsed" in summary["messages"][0]
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert all(row["errors"].startswith(f"Row {number}: months_elapsed: Every row") for number, row in
               zip((2, 3), rows))
    assert rows[0]["status"] == "" and len(rows) == 2  # nothing is worked out, and there is no totals row
    fixed = report.replace(",9,", ",6,")
    target = io.StringIO()
    assert batch.run_one_csv("monitoring", io.StringIO(fixed), target) == {"rows": 2, "errors": 1}
    rows = list(csv.DictReader(io.StringIO(target.getvalue())))
    assert rows[0]["errors"] == "Row 2: delivered: Delivered to date cannot be negative"
    assert rows[1]["errors"] == "Not worked out: fix the errors in the other rows first"


def test_a_delivery_report_without_rows_or_contract_columns_says_so():
    summary = batch.run_one_csv("monitoring", io.StringIO("measure,quantity,years,delivered\n"), io.StringIO())
    assert summary["rows"] == 0 and summary["errors"] == 1
    assert "commitments: Add at least 1 commitment" in summary["messages"]
    target = io.StringIO()
    batch.run_one_csv("monitoring", io.StringIO("measure,quantity,years,delivered\nwork-placements,1,1,1\n"), target)
    errors = list(csv.DictReader(io.StringIO(target.getvalue())))[0]["errors"]
    assert "contract_months: Enter the contract length in months" in errors
    assert "months_elapsed: Enter the months elapsed" in errors
