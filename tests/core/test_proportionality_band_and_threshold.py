"""Issue 27, finding 11: a light-touch contract's band and its threshold line no longer contradict
each other. The bands go by value alone, the same for every category, and the result says so.

Written through the public door (``api.run``) and the rendered result only."""

from __future__ import annotations

from calculators import api, registry, render


def run(**inputs):
    return api.run("proportionality", {"contract_value": 300000, "category": "light_touch",
                                       "procurement_date": "2026-06-01", "duration_months": 24, **inputs})


def test_a_light_touch_contract_below_its_threshold_says_why_it_is_in_band_d():
    result = run()
    assert (result["band"], result["above_threshold"]) == ("D", False)
    assert (result["threshold"], result["band_edge"]) == (663540, 207720)
    html = render.result(registry.get("proportionality"), result)
    assert "Below the £663,540 threshold for light touch contracts" in html
    assert ("Bands go by value alone, the same for every kind of contract, so that the same spend asks for the "
            "same social value. The band edge is the goods and services threshold, £207,720.") in html
    assert "This threshold decides which procurement rules apply. It does not change the band." in html


def test_a_services_contract_needs_no_second_threshold_explained():
    result = run(category="services")
    assert result["threshold"] == result["band_edge"] == 207720
    html = render.result(registry.get("proportionality"), result)
    assert "Bands go by value alone" not in html
    assert "It does not change the band." in html
