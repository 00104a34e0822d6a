"""Prices in one year: the GDP deflators (calculators/data/deflators.toml) and prices.index."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from calculators import prices
from calculators.data_files import DATA, SettingsError, read_toml

D = Decimal


@pytest.fixture(scope="module")
def raw():
    return read_toml(DATA / "deflators.toml")


def test_the_series_is_hm_treasurys_december_2025_release_with_2024_as_100():
    deflators = prices.default_deflators()
    assert deflators.base_year == 2024 and deflators.index[2024] == 100
    assert (deflators.first_year, deflators.last_year) == (1990, 2024)
    assert prices.last_outturn_year() == 2024 and prices.first_year() == 1990
    # The figures the issue quotes from the release.
    assert (deflators.index[2015], deflators.index[2019], deflators.index[2023]) == (
        D("75.1536"), D("81.1085"), D("96.2507"))
    assert deflators.meta["vintage"] == "December 2025 Quarterly National Accounts"
    assert deflators.source["url"].startswith("https://www.gov.uk/")
    assert "Open Government Licence" in deflators.source["licence"]
    assert deflators.copy["licence"] == "MIT" and "greenbook" in deflators.copy["url"]


def test_wellby_from_2019_to_2024_prices():
    result = prices.index(13000, 2019, 2024)
    # 13,000 × 100 / 81.1085 = 16,027.913…
    assert abs(result.amount - D(13000) * 100 / D("81.1085")) < D("1e-20")
    assert round(result.amount, 2) == D("16027.91")
    assert not result.capped and (result.used_from, result.used_to) == (2019, 2024)


def test_carbon_from_2022_to_2023_prices():
    # £277.22 × 96.2507 / 90.5005 = 294.833… (central carbon value, 2022 prices, moved to 2023 prices)
    result = prices.index(D("277.22"), 2022, 2023)
    assert round(result.amount, 2) == D("294.83")
    assert result.factor == D("96.2507") / D("90.5005")


def test_moving_back_in_time_lowers_a_figure():
    # £42,000 in 2023 prices is 42,000 × 81.1085 / 96.2507 = 3,406,557 / 96.2507 = 35,392.54… in 2019 prices
    assert round(prices.index(42000, 2023, 2019).amount, 2) == D("35392.54")


def test_the_same_year_changes_nothing():
    result = prices.index(D("19.00"), 2023, 2023)
    assert result.amount == D("19.00") and result.factor == 1


def test_a_year_after_the_last_outturn_uses_the_last_outturn_year_and_says_so():
    result = prices.index(13000, 2019, 2026)
    assert result.capped and (result.to_year, result.used_to) == (2026, 2024)
    assert result.amount == prices.index(13000, 2019, 2024).amount
    assert prices.effective_year(2031) == 2024 and prices.effective_year(2010) == 2010
    # A source in a year after the last outturn is treated the same way.
    later = prices.index(100, 2025, 2024)
    assert later.capped and later.used_from == 2024 and later.amount == 100


def test_a_year_before_the_series_is_a_plain_error():
    with pytest.raises(prices.PriceYearError) as caught:
        prices.index(100, 1989, 2024)
    assert str(caught.value) == ("There is no GDP deflator for 1989: the series starts in 1990. "
                                 "Use a price year from 1990 on")
    with pytest.raises(prices.PriceYearError):
        prices.index(100, 2024, 1900)


@pytest.mark.parametrize("year", [2024.0, "2024", True, None])
def test_a_price_year_must_be_a_whole_year(year):
    with pytest.raises(prices.PriceYearError, match="whole year"):
        prices.index(100, year, 2024)


@pytest.mark.parametrize("amount", [1.5, "100", None, True])
def test_amounts_are_decimals_or_ints(amount):
    with pytest.raises(TypeError):
        prices.index(amount, 2020, 2024)


def test_an_infinite_amount_is_refused():
    with pytest.raises(ValueError):
        prices.index(D("Infinity"), 2020, 2024)


years = st.integers(min_value=1990, max_value=2030)


@given(st.integers(min_value=0, max_value=10**9), years, years, years)
def test_indexing_through_a_middle_year_is_the_same_as_going_direct(pounds, a, b, c):
    amount = D(pounds)
    direct = prices.index(amount, a, c).amount
    via = prices.index(prices.index(amount, a, b).amount, b, c).amount
    assert abs(direct - via) <= abs(direct) * D("1e-20") + D("1e-20")


@given(years, years)
def test_there_and_back_returns_the_figure(a, b):
    there = prices.index(D(1000), a, b).amount
    assert abs(prices.index(there, b, a).amount - 1000) < D("1e-20")


# --- the checks report every problem -----------------------------------------------------------

def _problems(raw) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        prices.build_deflators(raw)
    return caught.value.problems


def test_the_real_file_builds(raw):
    assert prices.build_deflators(copy.deepcopy(raw)).last_year == 2024


@pytest.mark.parametrize("change, expected", [
    (lambda r: r["index"].pop("2010"), "missing 2010"),
    (lambda r: r["index"].update({"2024": 99.0}), "the base year 2024 must have the index 100"),
    (lambda r: r["index"].update({"2019": 0}), "the index for 2019 must be a number above 0"),
    (lambda r: r["index"].update({"2019": "81"}), "the index for 2019 must be a number above 0"),
    (lambda r: r["index"].update({"year": 1.0}), "'year' is not a year"),
    (lambda r: r.update(index={}), "there must be an [index] table"),
    (lambda r: r["meta"].pop("base_year"), "needs a 'base_year'"),
    (lambda r: r["meta"].pop("vintage"), "needs a 'vintage' text"),
    (lambda r: r["source"].pop("licence"), "[source] needs a 'licence' text"),
    (lambda r: r["source"].update(url="http://www.gov.uk/"), "the url must start with https://"),
    (lambda r: r["copy"].update(licence_url="ftp://example.org/"), "the licence url must start with https://"),
    (lambda r: r.pop("copy"), "[copy] must be a table"),
])
def test_each_kind_of_problem_is_reported(raw, change, expected):
    broken = copy.deepcopy(raw)
    change(broken)
    problems = _problems(broken)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_listed_at_once(raw):
    broken = copy.deepcopy(raw)
    broken["index"].pop("2000")
    broken["source"]["url"] = "http://example.org/"
    broken["meta"].pop("vintage")
    assert len(_problems(broken)) >= 3


def test_load_deflators_reads_another_copy(tmp_path):
    text = (DATA / "deflators.toml").read_text(encoding="utf-8").replace("2024 = 100", "2024 = 101")
    path = tmp_path / "deflators.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        prices.load_deflators(path)
    assert str(path) in str(caught.value)
