"""The settings file is checked when loaded, and a council's edited copy changes the results."""

import copy
import tomllib

import pytest

from calculators import api
from calculators.data_files import DATA, SettingsError, policy_refs
from calculators.proportionality.settings import build_policy, build_thresholds, load_policy


@pytest.fixture
def raw():
    with open(DATA / "policy.toml", "rb") as handle:
        return tomllib.load(handle)


def problems(raw) -> str:
    with pytest.raises(SettingsError) as caught:
        build_policy(raw, policy_refs())
    return " | ".join(caught.value.problems)


def test_the_shipped_settings_are_valid():
    policy = load_policy()
    assert [band.id for band in policy.bands] == ["A", "B", "C", "D", "E"]
    assert len(policy.factors) == 5


def test_bands_must_be_contiguous(raw):
    raw["bands"][1]["from"] = 40000
    assert "bands must be contiguous: band A ends at 30000 but band B starts at 40000" in problems(raw)


def test_min_must_not_exceed_max(raw):
    raw["bands"][2]["weighting"] = [15, 10]
    assert "band C weighting: the minimum (15) must not be more than the maximum (10)" in problems(raw)
    raw = copy.deepcopy(raw)
    raw["bands"][2]["weighting"] = [10, 15]
    raw["bands"][3]["outcomes"] = [5, 3]
    assert "band D outcomes: the minimum (5) must not be more than the maximum (3)" in problems(raw)


def test_first_band_starts_at_zero_and_last_is_open(raw):
    raw["bands"][0]["from"] = 1
    raw["bands"][-1]["to"] = 10**9
    text = problems(raw)
    assert "the first band (A) must start from 0" in text
    assert "the last band (E) must have no 'to'" in text


def test_bad_values_and_citations_are_reported(raw):
    raw["bands"][0]["weighting"] = "lots"
    raw["bands"][0]["requirements"][0]["cites"] = ["objective-99"]
    raw["recommendation"]["long_contract_months"] = 0
    text = problems(raw)
    assert "band A weighting must be a pair of whole numbers between 0 and 100" in text
    assert "cites 'objective-99'" in text
    assert "long_contract_months" in text


def test_thresholds_are_checked():
    with pytest.raises(SettingsError) as caught:
        build_thresholds({"periods": [{"from": "2024", "goods": -1}]})
    assert caught.value.problems


def test_settings_copy_changes_results(tmp_path, raw):
    # The council widens band C to 10-17% and lowers the long-contract test to 24 months.
    raw["bands"][2]["weighting"] = [10, 17]
    raw["recommendation"]["long_contract_months"] = 24
    path = tmp_path / "policy.toml"
    path.write_text(_to_toml(raw), encoding="utf-8")
    edited = load_policy(path)
    inputs = {"contract_value": 150000, "category": "services", "duration_months": 24,
              "procurement_date": "2026-03-01", "labour_intensive": True}
    before = api.run("proportionality", inputs)
    after = api.run("proportionality", inputs, settings=edited)
    # Before: 10 + 5 * 1/5 = 11. After: k = 2, 10 + 7 * 2/5 = 12.8, rounded half-up to 13.
    assert before["weighting_recommended"] == 11
    assert (after["weighting_max"], after["weighting_recommended"]) == (17, 13)


def _to_toml(raw) -> str:
    """Just enough TOML writing for the settings file's shapes (tomllib only reads)."""
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(value(i) for i in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k} = {value(i)}" for k, i in v.items()) + "}"
        raise TypeError(v)

    lines = []
    for key, table in raw.items():
        if isinstance(table, list):
            for item in table:
                lines.append(f"[[{key}]]")
                lines.extend(f"{k} = {value(v)}" for k, v in item.items())
        else:
            lines.append(f"[{key}]")
            lines.extend(f"{k} = {value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
