"""The measures catalogue (calculators/data/measures.toml) and its checks."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

import pytest

from calculators import discounting, measures
from calculators.registry import SPECS
from calculators.corporate_plan import PRIORITIES
from calculators.data_files import DATA, SettingsError, read_toml


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
                if key != "wage":  # only a job for someone out of work has a pay part
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
        # The warning ends "Count each one under one line only.": a reason that said so too repeated it.
        assert not re.search(r"\bcount (the person|them|each)\b", pair["reason"], re.IGNORECASE), pair["reason"]


def test_measure_lookup():
    assert measures.measure("carbon-avoided").priority == "Clean"
    with pytest.raises(KeyError):
        measures.measure("no-such-measure")


def test_the_form_offers_custom_and_every_measure():
    line = next(spec for spec in SPECS["valuation"] if spec.name == "lines")
    measure = next(spec for spec in line.item_fields if spec.name == "measure")
    assert measure.options[0] == ("custom", "Custom measure")
    assert [value for value, _ in measure.options[1:]] == [m.id for m in measures.catalogue()]


# --- honest, sourced proxies (issue 11) -----------------------------------------------------------

# Measures valued from open sources whose terms allow reuse. Issue 11 asks for 18; only these 13
# could be sourced without inventing a figure or stretching a source past its conditions.
# A second search (December 2026) found no more that could be confirmed:
# - energy-saved: the DESNZ long-run variable costs of energy (data tables 9 to 13) were not
#   reachable in the source's own text or in a faithful open copy naming its vintage (the greenbook
#   R package carries carbon values and deflators, not energy costs);
# - vulnerable-residents-support: MeasureUp's "reduced loneliness" value (8,100 a person a year,
#   "some of the time" to "hardly ever or never" lonely) states no price year on the text read, and
#   the DCMS loneliness monetisation report's 9,537 was seen only as quoted by others, also without
#   a price year;
# - waste-diverted: MeasureUp's waste values are the carbon of each material's route (a cost of
#   disposal, not the net saving of diversion) and would double count carbon-avoided;
# - work-placements, careers-engagement, co-design-engagement, social-value-awareness-sessions,
#   safeguarding-awareness-training, spend-local-sme, spend-local-vcse, living-wage-staff: no open
#   value per unit was found (MeasureUp's traineeship value is for a longer programme with training).
MIN_VALUED = 13
WORKING_NOTES = ("confirm terms", "confirm before", "check them", "check against", "check it against",
                 "before publication", "todo", "tbc", "to be confirmed", "not confirmed")


def test_enough_measures_carry_a_sourced_value():
    valued = [m for m in measures.catalogue() if m.proxy]
    assert len(valued) >= MIN_VALUED
    assert len(measures.catalogue()) == 26


def test_every_value_has_its_source_licence_note_price_year_and_conditions(raw):
    sources = {s["id"]: s for s in raw["sources"]}
    for item in raw["measures"]:
        proxy = item.get("proxy")
        if proxy is None:
            continue
        source = sources[proxy["source"]]
        for key in ("title", "publisher", "url", "published", "licence", "licence_url", "licence_note"):
            assert isinstance(source.get(key), str) and source[key].strip(), (item["id"], key)
        assert source["url"].startswith("https://") and source["licence_url"].startswith("https://")
        assert isinstance(proxy["price_year"], int) and 2000 <= proxy["price_year"] <= 2100
        assert proxy["conditions"].strip() and proxy["derivation"].strip()
        assert proxy["counts"] in measures.COUNTS
        assert proxy["schedule"] in discounting.schedule_ids()


def test_a_measure_without_a_value_says_why_and_the_guide_is_named(raw):
    assert raw["meta"]["own_proxy_guide"] == "toolkit/build-your-own-proxy.md"
    for item in measures.catalogue():
        if item.proxy is None:
            assert item.no_proxy_reason.strip(), item.id
        else:
            assert item.no_proxy_reason == "", item.id


def test_no_working_notes_in_the_catalogue():
    text = (DATA / "measures.toml").read_text(encoding="utf-8").lower()
    data_lines = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for note in WORKING_NOTES:
        assert note not in data_lines, note


def test_the_job_value_is_only_for_people_who_were_not_in_work():
    assert measures.measure("local-employment").proxy is None
    job = [m for m in measures.catalogue() if m.proxy and m.proxy.source["id"] == "measureup-having-a-job"]
    assert {m.id for m in job} == {"ltu-into-work", "disability-employment", "ex-offender-employment"}
    for item in job:
        assert "not in work before" in item.proxy.conditions
        # High counts MeasureUp's average wage (the person would otherwise earn nothing); low and central
        # are the wellbeing part, £42,000 less the £35,000 wage = £7,000, to which the post's own pay is
        # added when the user gives it (issue 27, finding 5).
        assert (item.proxy.low, item.proxy.central, item.proxy.high) == (Decimal(7000), Decimal(7000), Decimal(42000))
        assert item.proxy.wage == Decimal(35000) == item.proxy.high - item.proxy.low
        assert "£35,000" in item.proxy.derivation and "would earn nothing" in item.proxy.derivation


def test_the_apprenticeship_value_leaves_out_the_wage():
    proxy = measures.measure("apprenticeships").proxy
    # MeasureUp: £32,700 = wage £20,500 + employer gain £2,800 + wellbeing £9,400 (2023 prices)
    assert proxy.central == Decimal(32700) - Decimal(20500) == Decimal(12200)
    assert proxy.low == Decimal(9400) and proxy.high == proxy.central
    assert "£20,500" in proxy.derivation


def test_what_each_value_counts_and_how_it_is_discounted():
    by_id = {m.id: m.proxy for m in measures.catalogue() if m.proxy}
    inputs = {key for key, proxy in by_id.items() if proxy.counts == "input"}
    assert "volunteering-hours" in inputs and "regular-volunteers" not in inputs
    for key in inputs:
        assert "input" in by_id[key].conditions
    health = {key for key, proxy in by_id.items() if proxy.schedule == "health"}
    assert health == {"wellbeing-improvement", "health-wellbeing-programmes", "regular-volunteers"}
    assert by_id["carbon-avoided"].schedule == "standard"


def test_the_new_overlap_pairs_are_listed():
    pairs = {frozenset(pair["measures"]) for pair in measures.overlaps()}
    assert frozenset({"apprenticeships", "ltu-into-work"}) in pairs
    assert frozenset({"disability-employment", "ex-offender-employment"}) in pairs


def test_every_source_says_what_its_licence_allows():
    for source in measures.sources().values():
        assert source["licence_url"].startswith("https://")
        assert len(source["licence_note"].split()) >= 8, source["id"]


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
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(counts="benefit"), "'counts' must say what the value counts"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].pop("counts"), "'counts' must say what the value counts"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].update(schedule="green"), "'schedule' must name a discount schedule"),
    (lambda r: _find(r, "carbon-avoided")["proxy"].pop("conditions"), "needs a 'conditions' text"),
    (lambda r: _find(r, "carbon-avoided").update(no_proxy_reason="None found."), "a measure with a proxy has no"),
    (lambda r: _find(r, "local-employment").pop("no_proxy_reason"), "has no proxy, so it needs a 'no_proxy_reason'"),
    (lambda r: r["sources"][0].pop("licence_note"), "needs a 'licence_note' text"),
    (lambda r: r["sources"][0].update(licence_url="http://example.org/"), "the licence url must start with https://"),
    (lambda r: r["meta"].pop("own_proxy_guide"), "[meta] needs a 'own_proxy_guide' text"),
    (lambda r: r["meta"].update(own_proxy_guide="somewhere"), "must name a guidance page"),
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
