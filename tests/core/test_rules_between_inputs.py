"""Rules between inputs (a target the marking method needs, months elapsed within the contract, a
proxy for a custom measure) are checked with each field's own checks, so a form lists every
problem at once, in the order of the form; a rule that needs an input which failed its own check
is skipped, so a field never gets a second, misleading message."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api, registry
from calculators.invalid_input import InvalidInput

EVALUATION = registry.get("evaluation").example
MONITORING = registry.get("monitoring").example
VALUATION = registry.get("valuation").example


def errors_of(name: str, inputs) -> list[dict]:
    with pytest.raises(InvalidInput) as caught:
        api.run(name, inputs)
    return caught.value.errors


def fields(errors: list[dict]) -> list[str]:
    return [error["field"] for error in errors]


def bids(*changes: dict) -> list[dict]:
    return [{**bid, **change} for bid, change in zip(EVALUATION["bids"], changes)]


def test_a_missing_target_is_listed_with_a_bad_offer_in_the_order_of_the_form():
    bad_offer = {**EVALUATION, "bids": bids({}, {"offer": "lots"}, {})}
    assert errors_of("evaluation", {**bad_offer, "method": "target"}) == [
        {"field": "target", "message": "Enter the target offer: marking against a target needs one"},
        *errors_of("evaluation", bad_offer),
    ]


def test_a_score_above_the_scale_and_a_shared_name_are_listed_with_a_bad_weighting():
    inputs = {**EVALUATION, "weighting": "ten", "bids": bids({"score": 7}, {"name": "a"}, {})}
    assert fields(errors_of("evaluation", inputs)) == ["weighting", "bids[0].score", "bids[1].name"]


def test_no_rule_is_checked_against_a_scale_that_failed_its_own_check():
    inputs = {**EVALUATION, "score_max": "five", "bids": bids({"score": 7}, {}, {})}
    assert fields(errors_of("evaluation", inputs)) == ["score_max"]


def test_a_bad_target_gets_its_own_message_only():
    inputs = {**EVALUATION, "method": "target", "target": "-5"}
    errors = errors_of("evaluation", inputs)
    assert fields(errors) == ["target"] and "Enter the target offer" not in errors[0]["message"]


def test_a_bad_offer_is_not_also_called_missing_and_a_bad_price_not_also_needed():
    inputs = {**EVALUATION, "basis": "per_pound", "bids": bids({"offer": "x"}, {"price": "cheap"}, {})}
    errors = errors_of("evaluation", inputs)
    assert fields(errors) == ["bids[0].offer", "bids[1].price"]
    assert not any(error["message"].startswith("Enter") for error in errors)


def test_a_bids_custom_line_without_a_proxy_is_listed_with_another_bids_bad_score():
    line = {"measure": "custom", "quantity": 2, "years": 1}
    inputs = {**EVALUATION, "bids": bids({"score": "high"}, {"offer": None, "lines": [line]}, {})}
    assert errors_of("evaluation", inputs) == [
        *errors_of("evaluation", {**EVALUATION, "bids": bids({"score": "high"}, {}, {})}),
        {"field": "bids[1].lines[0].proxy",
         "message": "Enter a proxy value for this line: a custom measure has no sourced value"},
    ]


def test_months_elapsed_beyond_the_contract_is_listed_with_a_bad_commitment():
    commitments = [dict(MONITORING["commitments"][0], quantity="many"), *MONITORING["commitments"][1:]]
    inputs = {**MONITORING, "months_elapsed": MONITORING["contract_months"] + 1, "commitments": commitments}
    errors = errors_of("monitoring", inputs)
    assert fields(errors) == ["months_elapsed", "commitments[0].quantity"]
    assert errors[0]["message"] == (f"Months elapsed must be no more than the contract length, "
                                    f"{MONITORING['contract_months']} months")


def test_a_bad_contract_length_checks_no_months_elapsed_against_it():
    inputs = {**MONITORING, "contract_months": "three years", "months_elapsed": 40}
    assert fields(errors_of("monitoring", inputs)) == ["contract_months"]


def test_a_valuation_lists_a_custom_line_without_a_proxy_and_a_wrong_priority_with_a_bad_quantity():
    lines = [{"measure": "custom", "quantity": 1, "years": 1},
             {"measure": "local-employment", "quantity": "five", "years": 3},
             {"measure": "carbon-avoided", "quantity": 1, "years": 1, "priority": "Safe"}]
    assert fields(errors_of("valuation", {"lines": lines})) == \
        ["lines[0].proxy", "lines[1].quantity", "lines[2].priority"]


def test_a_custom_line_with_a_bad_proxy_gets_the_proxys_own_message_only():
    errors = errors_of("valuation", {"lines": [{"measure": "custom", "quantity": 1, "years": 1, "proxy": "£lots"}]})
    assert fields(errors) == ["lines[0].proxy"] and not errors[0]["message"].startswith("Enter a proxy value")


def test_a_line_with_a_bad_measure_is_checked_by_no_rule():
    errors = errors_of("valuation", {"lines": [{"measure": "nothing-real", "quantity": 1, "years": 1,
                                               "priority": "Safe"}]})
    assert fields(errors) == ["lines[0].measure"]


@pytest.mark.parametrize("name", sorted(registry.CALCULATORS))
@pytest.mark.parametrize("inputs", ["text", [], {"bids": "x", "commitments": 5, "lines": {}}, {"bids": [1, None]},
                                    {"lines": [[], "x"]}, {"commitments": [{"measure": 3}]}])
def test_malformed_inputs_reach_no_rule_that_fails(name, inputs):
    errors = errors_of(name, inputs)
    assert errors and all(isinstance(error["message"], str) for error in errors)


GARBAGE = st.sampled_from(["", "x", "-1", "1e9", "0.5", None, [], {}, 10 ** 12, "12 months", "<b>"])


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(["evaluation", "monitoring", "valuation"]), data=st.data())
def test_each_field_gets_one_message_however_the_example_is_broken(name, data):
    """Any inputs of the worked example replaced with nonsense: every problem is named once per
    message, and the calculation either refuses or gives a result, never anything else."""
    example = registry.get(name).example
    inputs = {**example}
    for key in data.draw(st.lists(st.sampled_from(sorted(example)), max_size=3)):
        inputs[key] = data.draw(GARBAGE)
    items = next(key for key in ("bids", "commitments", "lines") if key in example)
    if isinstance(inputs[items], list) and inputs[items]:
        item = dict(inputs[items][0])
        for key in data.draw(st.lists(st.sampled_from(sorted(item)), max_size=3)):
            item[key] = data.draw(GARBAGE)
        inputs[items] = [item, *inputs[items][1:]]
    try:
        api.run(name, inputs)
    except InvalidInput as invalid:
        pairs = [(error["field"], error["message"]) for error in invalid.errors]
        assert len(pairs) == len(set(pairs))
        named = [field for field in fields(invalid.errors) if field]
        assert len(named) == len(set(named))
