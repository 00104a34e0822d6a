"""The report's result HTML and charts (issue 26), from a result made by hand in the shape the issue
fixes: the headline in one sentence, "verified" only where verified figures were given, the printed
order (period and contracts, headline and charts, objectives and priorities, contracts), stacked tables
with £ figures, charts with text alternatives and phone layouts, and text typed into a report shown as
text. The figures here are made up for the test; none is shown on the site."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest

from calculators.report import chart
from calculators.report.result_html import render
from calculators.svg import PHONE_WIDTH

SVG = "{http://www.w3.org/2000/svg}"
FIGURES = {"lines": 4, "value_due_to_date": 1000, "value_delivered": 800, "value_verified": 600, "progress": 80,
           "status": "amber"}
RESULT = {
    "period_end": "2026-12-31", "price_year": 2026,
    "totals": {"contracts": 2, "contract_value": 6250000, "lines": 5, "value_committed": 9000,
               "value_due_to_date": 3000, "value_delivered": 2400.5, "value_verified": 1800, "shortfall": 700,
               "progress": 76.7, "status": "amber", "counts": {"red": 1, "amber": 1, "green": 3, "not_due": 0}},
    "by_priority": [{"priority": name, **FIGURES} for name in ("Safe", "Clean", "Healthy", "Prosperous", "Excellent")],
    "by_objective": [{"objective": number, **FIGURES} for number in range(1, 11)],
    "by_measure": [{"measure": "apprenticeships", "title": "Apprenticeships", "unit": "apprenticeship-year",
                    "committed": 6, "due_to_date": 3, "delivered": 2.5, "verified": 2, "value_delivered": 30000},
                   {"measure": "custom", "label": "Gardening club", "unit": "session", "committed": 40,
                    "due_to_date": 20, "delivered": 22, "verified": None, "value_delivered": None}],
    "contracts": [
        {"contract_reference": "C-1", "contract_title": "Home support", "provider": "Care Co", "provider_type": "sme",
         "quarter_end": "2026-12-31", "months_elapsed": 9, "contract_months": 36, "contract_value": 6000000,
         "value_due_to_date": 2000, "value_delivered": 1500.5, "value_verified": 1200, "shortfall": 500,
         "progress": 75, "status": "amber", "counts": {"red": 1, "amber": 0, "green": 2, "not_due": 0},
         "stale": False, "rating": "Approaching target",
         "duties": {"intro": "This contract is worth more than £5,000,000.", "duties": [
             {"text": "Publish at least 3 KPIs.", "source": {"title": "Procurement Act 2023, section 52",
                                                            "url": "https://www.legislation.gov.uk/ukpga/2023/54/section/52"}}]}},
        {"contract_reference": "C-2", "contract_title": "<b>Parks</b>", "provider": "Green VCSE",
         "provider_type": "vcse", "quarter_end": "2026-09-30", "months_elapsed": 6, "contract_months": 24,
         "contract_value": 250000, "value_due_to_date": 1000, "value_delivered": 900, "value_verified": 600,
         "shortfall": 200, "progress": 90, "status": "green", "counts": {"green": 1}, "stale": True},
    ],
    "trend": [{"quarter_end": "2026-03-31", "value_due_to_date": 500, "value_delivered": 450},
              {"quarter_end": "2026-06-30", "value_due_to_date": 1200, "value_delivered": 1000},
              {"quarter_end": "2026-09-30", "value_due_to_date": 2100, "value_delivered": 1700},
              {"quarter_end": "2026-12-31", "value_due_to_date": 3000, "value_delivered": 2400.5}],
    "sme_vcse": [{"provider_type": "sme", "contracts": 1, "contract_value": 6000000},
                 {"provider_type": "vcse", "contracts": 1, "contract_value": 250000},
                 {"provider_type": "not_given", "contracts": 0, "contract_value": 0}],
    "warnings": [{"message": "C-2 has no report for the quarter to 31 December 2026."}],
}


def without_verified(result: dict) -> dict:
    changed = copy.deepcopy(result)
    for row in [changed["totals"], *changed["by_priority"], *changed["by_objective"], *changed["contracts"]]:
        row["value_verified"] = None
    for row in changed["by_measure"]:
        row["verified"] = None
    return changed


def words(html: str) -> str:
    html = re.sub(r"<(svg|title|desc)\b.*?</\1>|</?(?:strong|a|span)\b[^>]*>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_headline_is_one_sentence_with_delivered_and_verified():
    html = render(RESULT, "../../")
    headline = words(re.search(r'<p class="sv-headline">.*?</p>', html).group(0))
    assert headline == ("Across 2 contracts, providers report £2,400.50 of social value delivered towards the £3,000.00 "
                        "due by 31 December 2026: 76.7%, overall status amber, and £1,800.00 of the value delivered is "
                        "verified.")


def test_verified_is_said_only_where_verified_figures_were_given():
    html = render(without_verified(RESULT), "../../")
    headline = words(re.search(r'<p class="sv-headline">.*?</p>', html).group(0))
    assert "verified" not in headline and headline.startswith("Across 2 contracts, providers report £2,400.50")
    assert "None of these reports gives a verified figure" in html
    # Every verified cell says "not given", never a delivered figure in its place.
    cells = re.findall(r'data-label="Verified">([^<]*)<', html)
    assert cells and set(cells) == {"not given"}
    assert "verified" not in chart.priority_description(without_verified(RESULT)).split(".")[0]
    assert "No verified figures were given." in chart.priority_description(without_verified(RESULT))


def test_the_report_is_in_the_printed_order():
    html = render(RESULT, "../../")
    order = ["sv-report-cover", "sv-headline", "sv-report-priorities\"", "sv-report-trend\"",
             "sv-report-objectives", "sv-report-priorities ", "sv-report-contracts", "sv-report-by-measure",
             "sv-report-policy"]
    positions = [html.index(marker) for marker in ("sv-report-cover", "sv-headline", 'id="sv-report-priorities-title"',
                                                   'id="sv-report-trend-title"', "sv-table sv-report-objectives",
                                                   "sv-table sv-report-priorities", "sv-table sv-report-contracts",
                                                   "sv-table sv-report-measures", "sv-report-policy")]
    assert positions == sorted(positions), order
    cover = words(re.search(r'<dl class="sv-summary sv-report-cover">.*?</ul>', html, re.S).group(0))
    assert "Period to 31 December 2026" in cover and "Contracts covered 2, worth £6,250,000 in all" in cover
    assert "C-1: Home support, Care Co" in cover


def test_the_objectives_say_they_do_not_add_up_and_link_to_the_policy():
    html = render(RESULT, "../../")
    assert "add up to more than the totals" in html
    assert html.count('href="../../policy/aims-and-objectives/#objective-') == 10
    assert "Objective 8</a>: Create employment, skills and training opportunities for local people" in html


def test_the_print_cites_the_policy_sections_on_evaluating_and_reviewing():
    html = render(RESULT, "../../")
    policy = re.search(r'<section class="sv-report-section sv-report-policy">.*?</section>', html, re.S).group(0)
    assert 'href="../../policy/implementing/#evaluating-our-approach"' in policy
    assert 'href="../../policy/implementing/#reviewing-our-social-value-policy"' in policy


@pytest.mark.parametrize("kind", ["objectives", "priorities", "contracts", "measures", "trend", "holders"])
def test_tables_with_pounds_are_stacked(kind):
    html = render(RESULT, "../../")
    table = re.search(rf'<table class="sv-table sv-report-{kind}">.*?</table>', html, re.S).group(0)
    body = table.split("</thead>", 1)[1]
    for row in re.findall(r"<tr>.*?</tr>", body, re.S):
        assert row.startswith('<tr><th scope="row">')
        assert all("data-label=" in cell for cell in re.findall(r"<td\b[^>]*>", row))
    assert 'role="region"' in html.split(table)[0][-200:]


def test_large_contracts_show_their_rating_and_the_acts_duties_once():
    html = render(RESULT, "../../")
    assert "Procurement Act rating: <strong>Approaching target</strong>" in html
    assert html.count("Publish at least 3 KPIs.") == 1
    assert "Out of date" in html  # C-2's report is stale


def test_text_typed_into_a_report_is_text():
    html = render(RESULT, "../../")
    assert "<b>Parks</b>" not in html and "&lt;b&gt;Parks&lt;/b&gt;" in html
    ET.fromstring(chart.priority_svg(RESULT))


CHARTS = [(chart.priority_svg, chart.priority_phone_svg), (chart.trend_svg, chart.trend_phone_svg)]


@pytest.mark.parametrize("wide_chart, phone_chart", CHARTS)
def test_each_chart_has_a_text_alternative_and_a_phone_layout(wide_chart, phone_chart):
    wide, phone = ET.fromstring(wide_chart(RESULT)), ET.fromstring(phone_chart(RESULT))
    for svg in (wide, phone):
        assert svg.get("role") == "img" and svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
        assert all(float(text.get("font-size")) >= 12 for text in svg.iter(f"{SVG}text"))
    assert phone.find(f"{SVG}desc").text == wide.find(f"{SVG}desc").text
    assert phone.get("viewBox").split()[2] == str(PHONE_WIDTH)
    for bar in phone.iter(f"{SVG}rect"):
        assert 0 <= float(bar.get("x")) and float(bar.get("x")) + float(bar.get("width")) <= PHONE_WIDTH


def test_the_text_alternatives_state_every_figure():
    assert ("Safe: due to date £1,000.00, delivered £800.00, verified £600.00."
            in chart.priority_description(RESULT))
    assert ("To 31 December 2026: due to date £3,000.00, delivered £2,400.50."
            in chart.trend_description(RESULT))


def test_all_four_chart_ids_differ():
    html = render(RESULT, "../../")
    ids = re.findall(r'<title id="([^"]+)"', html)
    assert len(ids) == 4 and len(set(ids)) == 4


@pytest.mark.parametrize("draw", [draw for pair in CHARTS for draw in pair])
def test_a_damaged_result_still_draws(draw):
    damaged = {"totals": {"value_verified": "x"}, "by_priority": [{"priority": "<b>", "value_due_to_date": "x",
                                                                   "value_delivered": -5}],
               "trend": [{"quarter_end": "not a date", "value_due_to_date": None}]}
    svg = draw(damaged)
    ET.fromstring(svg)
    assert "NaN" not in svg and "<b>" not in svg


# The calculator's own worked example, through the core: six contracts over four quarters.
def example_html() -> tuple[dict, str]:
    from calculators import api, registry

    result = api.run("report", registry.get("report").example)
    return result, render(result, "../../")


def test_the_worked_example_says_verified_only_for_contracts_that_gave_it():
    result, html = example_html()
    rows = dict(re.findall(r'<tr><th scope="row">(WE-\d\d):.*?data-label="Verified">([^<]*)<', html))
    unverified = {row["contract_reference"] for row in result["contracts"]} - chart.verified_contracts(result)
    assert unverified and all(rows[reference] == "not given" for reference in unverified)
    assert all(rows[reference].startswith("£") for reference in chart.verified_contracts(result))


def test_the_worked_example_rates_only_contracts_under_the_procurement_act():
    result, html = example_html()
    large = [row["contract_reference"] for row in result["contracts"] if row.get("duties")]
    rated = re.findall(r'<tr><th scope="row">(WE-\d\d):(?:(?!</tr>).)*Procurement Act rating', html, re.S)
    assert large and rated == large


def test_the_worked_example_headline_is_the_results_figures():
    from calculators.money import format_money, format_percent

    result, html = example_html()
    totals = result["totals"]
    headline = words(re.search(r'<p class="sv-headline">.*?</p>', html).group(0))
    assert headline.startswith(f"Across {totals['contracts']} contracts, providers report "
                               f"{format_money(totals['value_delivered_within_due'])} of social value delivered")
    assert f"{format_percent(totals['progress'])}, overall status {totals['status']}" in headline
    for draw in (chart.priority_svg, chart.priority_phone_svg, chart.trend_svg, chart.trend_phone_svg):
        svg = ET.fromstring(draw(result))
        assert all(float(text.get("font-size")) >= 12 for text in svg.iter(f"{SVG}text"))
