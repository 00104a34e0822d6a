"""Property tests: any valid input gives a valid result; bands never go down as value goes up;
any JSON in any field gives a result or field errors, never an exception."""

import datetime as dt
import json
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from calculators import api
from calculators.proportionality.fields import FIELDS as PROPORTIONALITY
from calculators.invalid_input import InvalidInput

CATEGORIES = st.sampled_from(["goods", "services", "works", "light_touch"])
DATES = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2099, 12, 31))
VALUES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000000"), places=2)
BANDS = "ABCDE"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(value=VALUES, category=CATEGORIES, day=DATES, months=st.integers(1, 600),
       flags=st.lists(st.booleans(), min_size=4, max_size=4))
def test_any_valid_input_gives_a_valid_result(value, category, day, months, flags):
    names = ("labour_intensive", "local_supply_chain", "environmental_impact", "community_facing")
    result = api.run("proportionality", {
        "contract_value": str(value), "category": category, "duration_months": months,
        "procurement_date": day.isoformat(), **dict(zip(names, flags))})
    assert result["weighting_min"] <= result["weighting_recommended"] <= result["weighting_max"]
    assert result["outcomes_min"] <= result["outcomes_max"]
    assert result["band"] in BANDS
    assert result["above_threshold"] == (value >= Decimal(str(result["threshold"])))
    json.dumps(result, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(a=VALUES, b=VALUES, category=CATEGORIES, day=DATES)
def test_band_never_goes_down_as_value_goes_up(a, b, category, day):
    low, high = sorted((a, b))
    common = {"category": category, "duration_months": 12, "procurement_date": day.isoformat()}
    band_low = api.run("proportionality", {**common, "contract_value": str(low)})["band"]
    band_high = api.run("proportionality", {**common, "contract_value": str(high)})["band"]
    assert BANDS.index(band_low) <= BANDS.index(band_high)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in PROPORTIONALITY] + ["other"]), json_values, max_size=9))
def test_any_json_gives_a_result_or_field_errors(inputs):
    try:
        result = api.run("proportionality", inputs)
    except InvalidInput as invalid:
        assert invalid.errors
        for error in invalid.errors:
            assert set(error) == {"field", "message"} and error["message"]
    else:
        json.dumps(result, allow_nan=False)


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_json_document_never_raises_from_respond(document):
    reply = api.respond("proportionality", document)
    assert isinstance(reply["ok"], bool)
