"""The Green Book discount schedules (calculators/data/discounting.toml) and discount factors."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from calculators import discounting
from calculators.data_files import DATA, SettingsError, read_toml

D = Decimal


@pytest.fixture(scope="module")
def raw():
    return read_toml(DATA / "discounting.toml")


def close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= D("1e-24")


def test_the_first_year_is_not_discounted():
    for name in discounting.schedule_ids():
        assert discounting.factor(0, name) == 1
    assert discounting.factor(0, flat_rate=20) == 1


def test_standard_schedule_up_to_year_30_is_3_5_percent():
    # year 1: 1 / 1.035; year 30: 1 / 1.035^30
    assert close(discounting.factor(1), 1 / D("1.035"))
    assert close(discounting.factor(30), 1 / D("1.035") ** 30)


def test_a_50_year_line_on_the_standard_schedule():
    # Green Book: years 0-30 at 3.5%, years 31-75 at 3.0%. Year 50 = 1 / (1.035^30 × 1.03^20)
    #   1.035^30 = 2.806793…; 1.03^20 = 1.806111…; product = 5.069381…; factor = 0.197262…
    factor = discounting.factor(50)
    assert close(factor, 1 / (D("1.035") ** 30 * D("1.03") ** 20))
    assert round(factor, 6) == D("0.197263")
    # The last year of a 50-year line is year 49.
    factors = discounting.factors(50)
    assert len(factors) == 50 and close(factors[-1], 1 / (D("1.035") ** 30 * D("1.03") ** 19))
    # Year 31 is the first at 3.0%.
    assert close(discounting.factor(31) / discounting.factor(30), 1 / D("1.03"))


def test_years_76_to_125_are_at_2_5_percent():
    assert close(discounting.factor(80), 1 / (D("1.035") ** 30 * D("1.03") ** 45 * D("1.025") ** 5))


def test_health_schedule_is_1_5_percent_then_declining():
    # year 10: 1 / 1.015^10 = 0.861667…
    assert close(discounting.factor(10, discounting.HEALTH), 1 / D("1.015") ** 10)
    assert round(discounting.factor(10, "health"), 6) == D("0.861667")
    # year 50: 1 / (1.015^30 × 1.0129^20)
    assert close(discounting.factor(50, "health"), 1 / (D("1.015") ** 30 * D("1.0129") ** 20))
    # year 100: 1 / (1.015^30 × 1.0129^45 × 1.0107^25)
    assert close(discounting.factor(100, "health"),
                 1 / (D("1.015") ** 30 * D("1.0129") ** 45 * D("1.0107") ** 25))


def test_a_wellby_line_over_three_years_at_1_5_percent():
    # 1 WELLBY a year (£13,000) for three years: 13,000 × (1 + 1/1.015 + 1/1.015²)
    #   = 13,000 + 12,807.8817… + 12,618.6027… = 38,426.4845…
    total = sum(13000 * f for f in discounting.factors(3, "health"))
    assert round(total, 2) == D("38426.48")


def test_a_flat_rate_replaces_the_schedule():
    # A user's discount_rate of 10%: year 2 = 1 / 1.1² = 0.826446…
    assert close(discounting.factor(2, flat_rate=10), 1 / D("1.21"))
    # The same for either schedule: one flat rate for every value.
    assert discounting.factor(40, "health", flat_rate=D("3.5")) == discounting.factor(40, flat_rate=D("3.5"))
    assert close(discounting.factor(40, flat_rate=D("3.5")), 1 / D("1.035") ** 40)
    assert discounting.factor(7, flat_rate=0) == 1


def test_rates_by_year():
    standard = discounting.schedule("standard")
    assert [standard.rate(y) for y in (1, 30, 31, 75, 76, 125, 126, 300, 301, 5000)] == [
        D("3.5"), D("3.5"), D("3.0"), D("3.0"), D("2.5"), D("2.5"), D("2.0"), D("1.5"), D("1.0"), D("1.0")]
    health = discounting.schedule("health")
    assert [health.rate(y) for y in (30, 31, 76)] == [D("1.5"), D("1.29"), D("1.07")]


def test_every_schedule_names_its_sources():
    for name in ("standard", "health"):
        schedule = discounting.schedule(name)
        assert schedule.sources and schedule.label and schedule.applies_to
        for source in schedule.sources:
            assert source["url"].startswith("https://") and source["licence"] and source["licence_note"]
    health_sources = " ".join(s["title"] for s in discounting.schedule("health").sources)
    assert "paragraph 6.58" in health_sources
    assert "WELLBY" in discounting.default_discounting().meta["wellbeing"]


@pytest.mark.parametrize("call, error", [
    (lambda: discounting.factor(-1), ValueError),
    (lambda: discounting.factor(1.5), ValueError),
    (lambda: discounting.factor(True), ValueError),
    (lambda: discounting.factor(1, "catastrophic"), ValueError),
    (lambda: discounting.factor(1, flat_rate=-1), ValueError),
    (lambda: discounting.factor(1, flat_rate=101), ValueError),
    (lambda: discounting.factor(1, flat_rate=D("NaN")), ValueError),
    (lambda: discounting.factor(1, flat_rate=3.5), TypeError),
    (lambda: discounting.factors(-2), ValueError),
])
def test_bad_arguments_are_refused_in_plain_words(call, error):
    with pytest.raises(error):
        call()


@given(st.integers(min_value=0, max_value=400), st.sampled_from(["standard", "health"]))
def test_factors_fall_year_by_year_and_stay_above_zero(year, name):
    this, following = discounting.factor(year, name), discounting.factor(year + 1, name)
    assert 0 < following < this <= 1


@given(st.integers(min_value=1, max_value=200))
def test_health_values_are_discounted_less_than_standard_ones(year):
    assert discounting.factor(year, "health") > discounting.factor(year, "standard")


# --- the checks report every problem -----------------------------------------------------------

def _problems(raw) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        discounting.build_discounting(raw)
    return caught.value.problems


def _schedule(raw, name):
    return next(s for s in raw["schedules"] if s["id"] == name)


def test_the_real_file_builds(raw):
    assert set(discounting.build_discounting(copy.deepcopy(raw)).schedules) == {"standard", "health"}


@pytest.mark.parametrize("change, expected", [
    (lambda r: _schedule(r, "standard")["bands"][0].update({"from": 1}), "the first band must start at year 0"),
    (lambda r: _schedule(r, "standard")["bands"][1].update({"from": 32}), "bands must follow on year by year"),
    (lambda r: _schedule(r, "standard")["bands"][-1].update({"to": 999}), "the last band must have no 'to'"),
    (lambda r: _schedule(r, "standard")["bands"][0].update(rate=-1), "'rate' must be a percentage"),
    (lambda r: _schedule(r, "standard")["bands"][0].update(rate="3.5"), "'rate' must be a percentage"),
    (lambda r: _schedule(r, "standard")["bands"][1].update(to=20), "'to' must be a whole number of years"),
    (lambda r: _schedule(r, "health").update(sources=["nowhere"]), "cites 'nowhere'"),
    (lambda r: _schedule(r, "health").update(sources=[]), "must name its sources"),
    (lambda r: _schedule(r, "health").update(id="wellbeing"), "there must be a 'health' schedule"),
    (lambda r: _schedule(r, "health").pop("label"), "needs a 'label' text"),
    (lambda r: r["sources"][0].pop("licence_note"), "needs a 'licence_note' text"),
    (lambda r: r["sources"][0].update(url="http://example.org/"), "the url must start with https://"),
    (lambda r: r.update(schedules=[]), "at least one [[schedules]]"),
])
def test_each_kind_of_problem_is_reported(raw, change, expected):
    broken = copy.deepcopy(raw)
    change(broken)
    problems = _problems(broken)
    assert any(expected in p for p in problems), problems


def test_load_discounting_reads_another_copy(tmp_path):
    text = (DATA / "discounting.toml").read_text(encoding="utf-8").replace("rate = 3.5", "rate = 350")
    path = tmp_path / "discounting.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        discounting.load_discounting(path)
    assert str(path) in str(caught.value)
