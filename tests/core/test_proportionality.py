"""Proportionality: bands, thresholds, weightings, reasons and every error message.

Each case can carry its permalink, so a reader can open the same case in a browser at
/calculators/proportionality/ followed by the permalink.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest

from calculators import api, permalink
from calculators.invalid_input import InvalidInput

THRESHOLDS_2025 = {"goods": 214904, "services": 214904, "works": 5372609, "light_touch": 663540}
THRESHOLDS_2026 = {"goods": 207720, "services": 207720, "works": 5193000, "light_touch": 663540}


def run(**inputs):
    base = {"category": "services", "duration_months": 12, "procurement_date": "2026-03-01"}
    return api.run("proportionality", {**base, **inputs})


def errors_of(inputs) -> dict:
    with pytest.raises(InvalidInput) as caught:
        api.run("proportionality", inputs)
    return {e["field"]: e["message"] for e in caught.value.errors}


# --- bands: every boundary, one penny either side ------------------------------------------------

@pytest.mark.parametrize("value, band", [
    ("0.01", "A"), ("29999.99", "A"), ("30000", "B"), ("30000.01", "B"),
    ("99999.99", "B"), ("100000", "C"), ("100000.01", "C"),
    ("207719.99", "C"), ("207720", "D"), ("207720.01", "D"),
    ("4999999.99", "D"), ("5000000", "E"), ("5000000.01", "E"), ("100000000000", "E"),
])
def test_band_boundaries_services_2026(value, band):
    assert run(contract_value=value)["band"] == band


@pytest.mark.parametrize("value, band", [
    ("214903.99", "C"), ("214904", "D"),
])
def test_band_boundary_at_the_2025_threshold(value, band):
    assert run(contract_value=value, procurement_date="2025-06-01")["band"] == band


# Bands by value, the same for every category (issue 11): A below £30,000; B to below £100,000;
# C to below the goods and services threshold (£207,720 from 1 January 2026); D to below £5,000,000;
# E from £5,000,000. Each edge is tested a penny either side, for every category.
EDGES = [("29999.99", "A"), ("30000", "B"), ("30000.01", "B"), ("99999.99", "B"), ("100000", "C"), ("100000.01", "C"),
         ("207719.99", "C"), ("207720", "D"), ("207720.01", "D"), ("4999999.99", "D"), ("5000000", "E"),
         ("5000000.01", "E")]


@pytest.mark.parametrize("category", ["goods", "services", "works", "light_touch"])
@pytest.mark.parametrize("value, band", EDGES)
def test_bands_by_value_are_the_same_for_every_category(category, value, band):
    assert run(contract_value=value, category=category)["band"] == band


def test_threshold_is_still_per_category_and_explained_apart_from_the_band():
    works = run(contract_value="2400000", category="works")
    assert works["band"] == "D" and works["above_threshold"] is False and works["threshold"] == 5193000
    reason = next(r["text"] for r in works["reasons"] if r["rule"] == "threshold")
    assert reason.startswith("A £2,400,000 works contract is in band D. Separately, it is below the works threshold "
                             "of £5,193,000 on 1 March 2026")
    assert run(contract_value="5192999.99", category="works")["above_threshold"] is False
    assert run(contract_value="5193000", category="works")["above_threshold"] is True
    light = run(contract_value="300000", category="light_touch")
    assert light["band"] == "D" and light["above_threshold"] is False and light["threshold"] == 663540
    assert run(contract_value="663540", category="light_touch")["above_threshold"] is True
    # A £4.9m works contract with every factor is in band D, not band C.
    busy = run(contract_value="4900000", category="works", labour_intensive=True, local_supply_chain=True,
               environmental_impact=True, community_facing=True, duration_months=36)
    assert busy["band"] == "D" and busy["weighting_recommended"] == busy["weighting_max"]


def test_band_edges_follow_the_goods_and_services_threshold_in_force():
    # In 2025 the goods and services threshold was £214,904, so £210,000 was still band C.
    assert run(contract_value="210000", category="works", procurement_date="2025-06-01")["band"] == "C"
    assert run(contract_value="210000", category="works", procurement_date="2026-01-01")["band"] == "D"


# --- thresholds by category and date -------------------------------------------------------------

@pytest.mark.parametrize("category", sorted(THRESHOLDS_2026))
def test_thresholds_change_on_1_january_2026(category):
    before = run(contract_value=1000, category=category, procurement_date="2025-12-31")
    after = run(contract_value=1000, category=category, procurement_date="2026-01-01")
    assert before["threshold"] == THRESHOLDS_2025[category]
    assert after["threshold"] == THRESHOLDS_2026[category]
    assert before["threshold_in_force_from"] == "2025-02-24"
    assert after["threshold_in_force_from"] == "2026-01-01"
    for result in (before, after):
        assert result["threshold_source"]["url"].startswith("https://")


@pytest.mark.parametrize("category", sorted(THRESHOLDS_2025))
def test_the_same_figures_cite_the_law_in_force_on_the_day(category):
    """The 2024 figures carried over into the Procurement Act 2023 unchanged. A procurement under the
    Public Contracts Regulations 2015 cites SI 2023/1117, which set them there; one under the Act cites
    the Act's Schedule 1, as amended by SI 2025/163."""
    old = run(contract_value=1000, category=category, procurement_date="2024-06-01")
    new = run(contract_value=1000, category=category, procurement_date="2025-06-01")
    assert old["threshold"] == new["threshold"] == THRESHOLDS_2025[category]
    assert old["regime"] == "Public Contracts Regulations 2015" and new["regime"] == "Procurement Act 2023"
    assert (old["threshold_in_force_from"], new["threshold_in_force_from"]) == ("2024-01-01", "2025-02-24")
    old_title, new_title = old["threshold_source"]["title"], new["threshold_source"]["title"]
    assert "SI 2023/1117" in old_title and "Public Contracts Regulations 2015" in old_title
    assert "SI 2025/163" not in old_title
    assert "SI 2025/163" in new_title and "Procurement Act 2023, Schedule 1" in new_title
    assert "SI 2023/1117" not in new_title
    assert old["threshold_source"]["url"] == "https://www.legislation.gov.uk/uksi/2023/1117/made"
    assert new["threshold_source"]["url"] == "https://www.legislation.gov.uk/uksi/2025/163/made"
    reason = next(r["text"] for r in new["reasons"] if r["rule"] == "threshold")
    assert "in force from 24 February 2025" in reason and "SI 2025/163" in reason


@pytest.mark.parametrize("category", sorted(THRESHOLDS_2026))
def test_above_threshold_is_at_or_above_the_figure(category):
    figure = THRESHOLDS_2026[category]
    assert run(contract_value=figure, category=category)["above_threshold"] is True
    assert run(contract_value=str(Decimal(figure) - Decimal("0.01")), category=category)["above_threshold"] is False


def test_regime_changes_on_24_february_2025():
    assert run(contract_value=1000, procurement_date="2025-02-23")["regime"] == "Public Contracts Regulations 2015"
    assert run(contract_value=1000, procurement_date="2025-02-24")["regime"] == "Procurement Act 2023"


def test_procurement_date_defaults_to_today():
    result = api.run("proportionality", {"contract_value": 1000, "category": "goods", "duration_months": 1})
    assert result["inputs"]["procurement_date"] == dt.date.today().isoformat()


# --- recommended weighting -------------------------------------------------------------------------

FLAGS = ("labour_intensive", "local_supply_chain", "environmental_impact", "community_facing")


@pytest.mark.parametrize("k, expected", [(0, 10), (1, 12), (2, 14), (3, 16), (4, 18), (5, 20)])
def test_recommended_weighting_band_d(k, expected):
    flags = {flag: True for flag in FLAGS[: min(k, 4)]}
    months = 36 if k == 5 else 35
    result = run(contract_value=1000000, duration_months=months, **flags)
    assert (result["weighting_min"], result["weighting_max"]) == (10, 20)
    assert result["weighting_recommended"] == expected


def test_recommended_weighting_rounds_half_up():
    # Band C: 10 + (15 - 10) * 1 / 5 = 11 exactly; band B: 5 + 5 * 1 / 5 = 6; band A with k=1:
    # 0 + 5 * 1 / 5 = 1; k=3 in band A: 0 + 5 * 3 / 5 = 3. Band E with k=1: 15 + 5/5 = 16.
    # Half-up shows with a settings copy whose range is odd: see test_settings_copy_changes_results.
    assert run(contract_value=150000, labour_intensive=True)["weighting_recommended"] == 11
    assert run(contract_value=20000, labour_intensive=True, community_facing=True,
               environmental_impact=True)["weighting_recommended"] == 3


def test_long_contract_counts_from_36_months():
    assert run(contract_value=150000, duration_months=35)["weighting_recommended"] == 10
    assert run(contract_value=150000, duration_months=36)["weighting_recommended"] == 11


def test_outcomes_priorities_and_reasons():
    result = run(contract_value=250000, labour_intensive=True, environmental_impact=True, community_facing=True)
    assert (result["outcomes_min"], result["outcomes_max"]) == (3, 5)
    assert result["priorities"] == ["Safe", "Clean", "Healthy", "Prosperous", "Excellent"]
    rules = [reason["rule"] for reason in result["reasons"]]
    assert rules[:4] == ["band", "threshold", "regime", "weighting"]
    assert "factor:labour_intensive" in rules and "outcomes" in rules
    band_reason = result["reasons"][0]
    assert "Band D" in band_reason["text"] and band_reason["cites"][0]["href"] == "policy/aims-and-objectives/#objective-3"
    assert result["evaluation"] and result["reporting"] and result["requirements"]


def test_default_priority_is_prosperous():
    assert run(contract_value=5000)["priorities"] == ["Prosperous"]


def test_result_is_plain_json_and_carries_its_permalink():
    result = run(contract_value=250000)
    text = json.dumps(result, allow_nan=False)
    assert json.loads(text) == result
    assert permalink.decode(result["permalink"]) == result["inputs"]
    assert api.run("proportionality", permalink.decode(result["permalink"])) == result


def test_permalink_decodes_without_padding_and_rejects_damage():
    link = permalink.encode({"contract_value": 1})
    assert "=" not in link[len("#inputs="):]
    assert permalink.decode(link) == {"contract_value": 1}
    with pytest.raises(ValueError, match="damaged"):
        permalink.decode("#inputs=%%%not-base64")


# --- every error message ---------------------------------------------------------------------------

GOOD = {"contract_value": 250000, "category": "goods", "duration_months": 36, "procurement_date": "2026-03-01"}


@pytest.mark.parametrize("field, value, message", [
    ("contract_value", "", "Enter the estimated contract value"),
    ("contract_value", None, "Enter the estimated contract value"),
    ("contract_value", "abc", 'Estimated contract value must be a number, like 250,000 or 1,250.50, not "abc"'),
    ("contract_value", True, "Estimated contract value must be a number, like 250,000 or 1,250.50"),
    ("contract_value", "NaN", 'Estimated contract value must be a number, like 250,000 or 1,250.50, not "NaN"'),
    ("contract_value", [1], "Estimated contract value must be a number, like 250,000 or 1,250.50"),
    ("contract_value", -5, "Estimated contract value cannot be negative"),
    ("contract_value", 0, "Estimated contract value must be more than £0"),
    ("contract_value", "1e12", "Estimated contract value must be £100,000,000,000 or less"),
    ("contract_value", "9" * 59, "Estimated contract value must be £100,000,000,000 or less"),
    ("category", "", "Select the contract type"),
    ("category", "cheese", "Select the contract type from the list: goods, services, works or light touch"),
    ("category", 3, "Select the contract type from the list: goods, services, works or light touch"),
    ("duration_months", "", "Enter the contract length in months"),
    ("duration_months", "twelve", 'Contract length must be a number, like 10, not "twelve"'),
    ("duration_months", 1.5, "Contract length must be a whole number of months"),
    ("duration_months", -1, "Contract length cannot be negative"),
    ("duration_months", 0, "Contract length cannot be 0 months"),
    ("duration_months", 601, "Contract length must be between 1 and 600 months"),
    ("procurement_date", "2026-02-30", "Procurement date must be a real date, like 2026-03-01 or 01/03/2026"),
    ("procurement_date", "30/02/2026", "Procurement date must be a real date, like 2026-03-01 or 01/03/2026"),
    ("procurement_date", "1/3/26", "Procurement date must be a date, like 2026-03-01 or 01/03/2026"),
    ("procurement_date", "2026/03/01", "Procurement date must be a date, like 2026-03-01 or 01/03/2026"),
    ("procurement_date", 20260301, "Procurement date must be a date, like 2026-03-01 or 01/03/2026"),
    ("procurement_date", "2023-12-31",
     "Procurement date must be on or after 1 January 2024, the earliest date this calculator has thresholds for"),
    ("procurement_date", "2100-01-01", "Procurement date must be on or before 31 December 2099"),
    ("labour_intensive", "maybe", "Labour intensive must be yes or no (true or false)"),
    ("community_facing", 2, "Community facing must be yes or no (true or false)"),
    ("colour", "blue", "'colour' is not an input of this calculator"),
])
def test_error_messages(field, value, message):
    assert errors_of({**GOOD, field: value})[field] == message


def test_all_errors_are_reported_at_once():
    errors = errors_of({"contract_value": "x", "category": "y", "duration_months": "z"})
    assert set(errors) == {"contract_value", "category", "duration_months"}


def test_inputs_must_be_an_object():
    assert errors_of([1, 2]) == {"": "The inputs must be a JSON object of named values"}


def test_friendly_number_formats_are_accepted():
    result = api.run("proportionality", {**GOOD, "contract_value": "£250,000.00", "labour_intensive": "yes"})
    assert result["inputs"]["contract_value"] == 250000 and result["inputs"]["labour_intensive"] is True


def test_unknown_calculator():
    with pytest.raises(InvalidInput):
        api.run("nonsense", {})


def test_respond_gives_html_or_an_error_summary():
    good = api.respond("proportionality", GOOD, "../../")
    assert good["ok"] and 'href="../../policy/aims-and-objectives/#objective-3"' in good["html"]
    # For people: a byte-order mark for Excel, and words, not keys (issue 25).
    assert good["csv"].startswith("\ufeffItem,Value,Policy reference\nEstimated contract value,250000,")
    assert "above_threshold" not in good["csv"] and "input:" not in good["csv"]
    bad = api.respond("proportionality", {**GOOD, "contract_value": "<b>x</b>"})
    assert not bad["ok"] and "There is a problem" in bad["html"]
    assert 'href="#proportionality-contract-value"' in bad["html"]


def test_form_round_trip_through_flat_names():
    flat = {"contract_value": "250000", "category": "goods", "duration_months": "36",
            "procurement_date": "2026-03-01", "labour_intensive": True}
    reply = json.loads(api.respond_form("proportionality", json.dumps(flat)))
    assert reply["ok"] and reply["result"]["band"] == "D"
    opened = json.loads(api.open_permalink("proportionality", reply["result"]["permalink"]))
    assert opened["ok"] and opened["form"]["contract_value"] == 250000
    damaged = json.loads(api.open_permalink("proportionality", "#inputs=!!!"))
    assert not damaged["ok"] and "damaged" in damaged["errors"][0]["message"]


def test_unflatten_and_flatten_are_inverse():
    nested = {"a": 1, "lines": [{"x": "1", "y": "2"}, {"x": "3"}]}
    assert api.unflatten(api.flatten(nested)) == nested
    assert api.unflatten({"lines[2].x": "b", "lines[0].x": "a"}) == {"lines": [{"x": "a"}, {"x": "b"}]}
