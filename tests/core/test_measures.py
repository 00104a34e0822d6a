"""The measures catalogue (calculators/data/measures.toml) and its checks."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from calculators import measures
from calculators.registry import SPECS
from calculators.settings import DATA, PRIORITIES, SettingsError, read_toml


@pytest.fixture(scope="module")
def raw():
    return read_toml(DATA / "measures.toml")


def test_catalogue_loads_and_is_cached():
    assert measures.catalogue() is measures.catalogue()
    assert measures.default_catalogue() is measures.default_catalogue()


def test_at_least_twenty_measures():
    assert len(measures.catalogue()) >= 20


def test_every_measure_has_every_field(raw):
    for item in raw["measures"]:
        for key in measures.MEASURE_FIELDS:
            assert key in item, f"{item.get('id')} has no {key}"
            if key.endswith("_reason") or key in measures.TEXT_FIELDS:
                assert isinstance(item[key], str) and item[key].strip(), f"{item['id']}.{key} is empty"
        if "proxy" in item:
            for key in measures.PROXY_FIELDS:
                assert key in item["proxy"], f"{item['id']}.proxy has no {key}"


def test_ids_are_unique_slugs_and_not_custom():
    ids = [m.id for m in measures.catalogue()]
    assert len(ids) == len(set(ids))
    assert all(measures.ID.match(i) for i in ids)
    assert measures.CUSTOM not in ids


def test_every_source_has_an_https_url_and_a_licence(raw):
    for source in raw["sources"]:
        assert source["url"].startswith("https://"), source["id"]
        assert source["licence"].strip()
        assert source["title"].strip()


def test_proxy_sources_exist_and_values_are_ordered():
    sources = measures.sources()
    valued = [m for m in measures.catalogue() if m.proxy]
    assert valued, "some measures must have a sourced value"
    for item in valued:
        proxy = item.proxy
        assert proxy.source["id"] in sources
        assert proxy.source["url"].startswith("https://")
        assert Decimal(0) <= proxy.low <= proxy.central <= proxy.high
        assert 2000 <= proxy.price_year <= 2100


def test_no_non_commercial_sources(raw):
    """National TOMs and the HACT bank are CC BY-NC-ND: the catalogue must not use them."""
    for source in raw["sources"]:
        text = " ".join(str(v) for v in source.values()).lower()
        assert "hact" not in text and "social value portal" not in text and "nc-nd" not in text


def test_all_five_priorities_and_ten_objectives_are_covered():
    assert {m.priority for m in measures.catalogue()} == set(PRIORITIES)
    covered = {o for m in measures.catalogue() for o in m.objectives}
    assert covered == set(range(1, 11))


def test_defaults_are_percentages():
    for item in measures.catalogue():
        for name in measures.ADJUSTMENTS:
            assert Decimal(0) <= getattr(item, name) <= Decimal(100)


def test_every_overlap_names_two_existing_measures():
    ids = {m.id for m in measures.catalogue()}
    assert measures.overlaps()
    for pair in measures.overlaps():
        a, b = pair["measures"]
        assert a in ids and b in ids and a != b
        assert pair["reason"].strip()


def test_measure_lookup():
    assert measures.measure("carbon-avoided").priority == "Clean"
    with pytest.raises(KeyError):
        measures.measure("no-such-measure")


def test_the_form_offers_custom_and_every_measure():
    line = next(spec for spec in SPECS["valuation"] if spec.name == "lines")
    measure = next(spec for spec in line.item_fields if spec.name == "measure")
    assert measure.options[0] == ("custom", "Custom measure")
    assert [value for value, _ in measure.options[1:]] == [m.id for m in measures.catalogue()]


# --- the checks report every problem -----------------------------------------------------------

def _problems(raw) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        measures.build_catalogue(raw)
    return caught.value.problems


def _find(raw, measure_id):
    return next(m for m in raw["measures"] if m["id"] == measure_id)


def test_the_real_catalogue_builds(raw):
    built = measures.build_catalogue(copy.deepcopy(raw))
    assert len(built.measures) == len(raw["measures"])


@pytest.mark.parametrize("change, expected", [
    (lambda r: _find(r, "local-employment").update(priority="Wealthy"), "'Wealthy' is not a Corporate Plan priority"),
    (lambda r: _find(r, "local-employment").update(objectives=[0, 11]), "from 1 to 10"),
    (lambda r: _find(r, "local-employment").update(objectives=[]), "from 1 to 10"),
    (lambda r: _find(r, "local-employment").pop("evidence"), "needs a 'evidence' text"),
    (lambda r: _find(r, "local-employment").pop("deadweight"), "'deadweight' must be a percentage"),
    (lambda r: _find(r, "local-employment").update(attribution=101), "'attribution' must be a percentage"),
    (lambda r: _find(r, "local-employment").update(employment="yes"), "'employment' must be true or false"),
    (lambda r: _find(r, "local-employment").update(deadwieght=10), "'deadwieght' is not a measure field"),
    (lambda r: _find(r, "local-employment").update(id="Local Employment"), "lower-case words"),
    (lambda r: _find(r, "apprenticeships").update(id="local-employment"), "the id is used twice"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(low=500.0), "low <= central <= high"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(high=1.0), "low <= central <= high"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(central=-1.0), "must be a number of pounds"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(source="nowhere"), "'nowhere' is not one of the [[sources]]"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(price_year=1850), "'price_year' must be a year"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].pop("derivation"), "needs a 'derivation' text"),
    (lambda r: r["sources"][0].update(url="http://example.org/"), "the url must start with https://"),
    (lambda r: r["overlaps"][0].update(measures=["local-employment", "no-such-measure"]),
     "'no-such-measure' is not a measure in the catalogue"),
    (lambda r: r["overlaps"][0].update(measures=["local-employment"]), "must name two measures"),
    (lambda r: r["overlaps"][0].update(measures=["local-employment", "local-employment"]), "overlap with itself"),
    (lambda r: r.update(measures=[]), "at least one [[measures]]"),
])
def test_each_kind_of_problem_is_reported(raw, change, expected):
    broken = copy.deepcopy(raw)
    change(broken)
    problems = _problems(broken)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_listed_at_once(raw):
    broken = copy.deepcopy(raw)
    _find(broken, "local-employment")["priority"] = "Wealthy"
    _find(broken, "carbon-avoided")["proxy"]["low"] = 999.0
    broken["sources"][0]["url"] = "ftp://example.org/"
    assert len(_problems(broken)) >= 3


def test_load_catalogue_reads_another_copy(tmp_path, raw):
    text = (DATA / "measures.toml").read_text(encoding="utf-8").replace('priority = "Prosperous"', 'priority = "Rich"', 1)
    path = tmp_path / "measures.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        measures.load_catalogue(path)
    assert str(path) in str(caught.value)
    assert any("'Rich'" in p for p in caught.value.problems)
