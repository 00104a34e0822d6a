"""The charts' phone layout (issue 28): the same text alternative as the wide chart, escaped text, valid
SVG from a damaged result, and one bar under another in a 288-unit width, so 12-unit text shows at 12 px."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from calculators import api, registry
from calculators.monitoring import chart as monitoring_chart
from calculators.svg import PHONE_WIDTH
from calculators.valuation import chart as valuation_chart

CHARTS = {"valuation": valuation_chart, "monitoring": monitoring_chart}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", CHARTS)
def test_the_phone_layout_says_what_the_wide_chart_says(name):
    result = api.run(name, registry.get(name).example)
    wide, phone = (ET.fromstring(draw(result)) for draw in (CHARTS[name].svg, CHARTS[name].phone_svg))
    assert phone.find(f"{SVG}desc").text == wide.find(f"{SVG}desc").text
    assert phone.find(f"{SVG}title").text == wide.find(f"{SVG}title").text
    assert phone.get("viewBox").split()[2] == str(PHONE_WIDTH)
    assert all(float(text.get("font-size")) >= 12 for text in phone.iter(f"{SVG}text"))
    ids = {wide.find(f"{SVG}title").get("id"), phone.find(f"{SVG}title").get("id")}
    assert len(ids) == 2  # both are on the page: their ids differ
    # Every bar and the figure after it fit the width.
    for bar in phone.iter(f"{SVG}rect"):
        assert 0 <= float(bar.get("x")) and float(bar.get("x")) + float(bar.get("width")) <= PHONE_WIDTH


def test_a_label_typed_into_a_line_is_text_and_cut_to_one_line():
    long_label = "<script>alert(1)</script> " + "long label " * 4
    inputs = {"contract_months": 12, "months_elapsed": 6, "commitments": [
        {"measure": "local-employment", "quantity": 2, "years": 1, "label": long_label, "delivered": 1}]}
    svg = monitoring_chart.phone_svg(api.run("monitoring", inputs))
    ET.fromstring(svg)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    labels = re.findall(r'class="sv-chart__label"[^>]*>([^<]*)<', svg)
    assert all(len(label) <= 42 for label in labels) and any(label.endswith("…") for label in labels)


@pytest.mark.parametrize("name", CHARTS)
def test_a_damaged_result_still_draws(name):
    damaged = {"totals": {"gross": "x", "net": None}, "by_priority": [{"priority": "<b>", "present_value": -5}],
               "lines": [{"title": "<b>", "due_to_date": "x", "delivered": None, "status": "odd"}],
               "by_status": [{"status": "odd", "label": "Odd", "lines": [0]}]}
    svg = CHARTS[name].phone_svg(damaged)
    ET.fromstring(svg)
    assert "NaN" not in svg and "<b>" not in svg
