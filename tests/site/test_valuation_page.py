"""The outcome valuation calculator in Chromium: keyboard only (lines added and removed too), equal to
the command line, markup in labels shown as text, permalinks with lines, downloads and print."""

from __future__ import annotations

import json
from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe

from calculators.permalink import encode as permalink

from accessibility import axe_problems
from calculator_page import (cli as run_cli, focused_id, opened, ready, result_of, tab_to, tab_until, try_example,
                             type_into, wait_for_result)

PAGE = "calculators/valuation/"
IMG = '<img src=x onerror="window.__ran = true">'
SCRIPT = "<script>window.__ran = true</script>"


def cli(inputs: dict) -> dict:
    return run_cli("valuation", inputs)


def line_count(page) -> int:
    return page.locator("[data-calculator] [data-line]").count()


def ids_are_unique(page) -> bool:
    return page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                         " return ids.length === new Set(ids).size; }")


def test_keyboard_only_flow_with_lines_equals_the_command_line(server, visit):
    v = visit()
    v.page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError("a script ran")))
    v.page.goto(server + PAGE)
    ready(v.page)
    try_example(v.page)  # the form starts empty: this test starts from the example
    assert line_count(v.page) == 4
    type_into(v.page, "valuation-contract-value", "500,000")
    type_into(v.page, "valuation-lines-0-quantity", "4")
    type_into(v.page, "valuation-lines-1-drop-off", "15")
    # Remove the fourth line: focus moves to the line before it.
    tab_until(v.page, "[data-line]:nth-child(4) [data-action='remove-line']")
    v.page.keyboard.press("Enter")
    assert line_count(v.page) == 3
    assert focused_id(v.page) == "valuation-lines-2-measure"
    # Add a custom line: focus moves to its first field, which has its own numbered id.
    tab_until(v.page, "[data-action='add-line']")
    v.page.keyboard.press("Enter")
    assert line_count(v.page) == 4
    assert focused_id(v.page) == "valuation-lines-3-measure"
    assert v.page.input_value("#valuation-lines-3-measure") == ""  # a new line asks for its measure
    v.page.keyboard.type("Custom")
    assert v.page.input_value("#valuation-lines-3-measure") == "custom"
    assert ids_are_unique(v.page)
    assert v.page.evaluate("document.querySelector('label[for=\"valuation-lines-3-quantity\"]') !== null")
    type_into(v.page, "valuation-lines-3-quantity", "10")
    type_into(v.page, "valuation-lines-3-years", "2")
    type_into(v.page, "valuation-lines-3-deadweight", "10")
    type_into(v.page, "valuation-lines-3-proxy", "250")
    type_into(v.page, "valuation-lines-3-label", IMG)
    type_into(v.page, "valuation-lines-3-unit", "session")
    tab_to(v.page, "valuation-lines-3-priority")
    v.page.keyboard.press("ArrowDown")  # Not set -> Safe
    v.page.keyboard.press("ArrowDown")  # Safe -> Clean
    tab_to(v.page, "valuation-lines-3-quantity")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.inputs.lines.length === 4 && r.inputs.lines[3].priority === 'Clean' && "
                            "r.inputs.contract_value === 500000 && r.inputs.lines[3].unit === 'session'")
    shown = result_of(v.page)
    expected = cli({"price_year": 2026, "discount_rate": 3.5, "contract_value": 500000, "lines": [
        {"measure": "local-employment", "quantity": 4, "years": 3},
        {"measure": "apprenticeships", "quantity": 2, "years": 3, "drop_off": 15},
        {"measure": "volunteering-hours", "quantity": 600, "years": 3},
        {"measure": "custom", "quantity": 10, "years": 2, "deadweight": 10, "proxy": 250, "label": IMG,
         "unit": "session", "priority": "Clean"}]})
    assert shown == expected
    # Hand check of the custom line: 10 x 250 x 0.9 = 2,250 in year 0, the same in year 1 discounted.
    custom = shown["lines"][3]
    assert Decimal(str(custom["gross"])) == 5000
    assert Decimal(str(custom["net"])) == 4500
    assert Decimal(str(custom["present_value"])) == Decimal("4423.91")  # 2250 + 2250 / 1.035
    # The label is shown as text, and nothing in it ran.
    region = v.page.locator("[data-calculator-result]")
    assert IMG in region.inner_text()
    assert region.locator("img").count() == 0
    assert v.page.evaluate("window.__ran === undefined")
    assert v.page.url.endswith(shown["permalink"])
    assert not v.errors and not v.foreign_requests()


def test_permalink_round_trip_with_lines_and_markup(server, visit):
    inputs = {"price_year": 2026, "discount_rate": 0, "contract_value": 250000, "lines": [
        {"measure": "carbon-avoided", "quantity": 12.5, "years": 5, "drop_off": 20},
        {"measure": "training-hours", "quantity": 300, "years": 2, "proxy": 15},
        {"measure": "custom", "quantity": 3, "years": 1, "proxy": 1000, "label": SCRIPT, "unit": "event",
         "priority": "Healthy"},
        {"measure": "spend-local-vcse", "quantity": 20000, "years": 3, "proxy": 0.25},
        {"measure": "ltu-into-work", "quantity": 2, "years": 2, "deadweight": 40}]}
    expected = cli(inputs)
    assert expected["permalink"] == permalink(expected["inputs"])
    v = opened(visit, server + PAGE + permalink(inputs))
    wait_for_result(v.page, "r.inputs.lines.length === 5 && r.inputs.contract_value === 250000")
    assert result_of(v.page) == expected
    assert line_count(v.page) == 5 and ids_are_unique(v.page)
    assert v.page.input_value("#valuation-lines-0-measure") == "carbon-avoided"
    assert v.page.input_value("#valuation-lines-0-quantity") == "12.5"
    assert v.page.input_value("#valuation-lines-2-label") == SCRIPT
    assert v.page.input_value("#valuation-lines-2-priority") == "Healthy"
    assert v.page.input_value("#valuation-lines-4-deadweight") == "40"
    assert v.page.input_value("#valuation-discount-rate") == "0"
    # Discount rate 0: present value equals net.
    assert expected["totals"]["present_value"] == expected["totals"]["net"]
    assert SCRIPT in v.page.locator("[data-calculator-result]").inner_text()
    assert v.page.evaluate("window.__ran === undefined")
    # The page's own permalink opens the same case again.
    again = opened(visit, server + PAGE + expected["permalink"])
    wait_for_result(again.page, "r.inputs.lines.length === 5")
    assert result_of(again.page) == expected


def test_a_bad_line_is_named_beside_its_field_and_recovers(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "valuation-lines-2-deadweight", "120")
    type_into(v.page, "valuation-lines-1-years", "2.5")
    v.page.keyboard.press("Enter")
    # The first field's problem may be shown alone while typing; wait for both.
    v.page.wait_for_function("() => document.querySelectorAll('.sv-error-summary a').length === 2")
    summary = v.page.locator(".sv-error-summary")
    hrefs = [summary.locator("a").nth(i).get_attribute("href") for i in range(summary.locator("a").count())]
    assert sorted(hrefs) == ["#valuation-lines-1-years", "#valuation-lines-2-deadweight"]
    assert "Outcome line 3: Deadweight must be between 0% and 100%" in summary.inner_text()
    message = v.page.locator("#valuation-lines-2-deadweight-error")
    assert message.is_visible() and "between 0% and 100%" in message.inner_text()
    assert v.page.get_attribute("#valuation-lines-2-deadweight", "aria-invalid") == "true"
    type_into(v.page, "valuation-lines-2-deadweight", "30")
    type_into(v.page, "valuation-lines-1-years", "2")
    wait_for_result(v.page, "r.inputs.lines[2].deadweight === 30 && r.inputs.lines[1].years === 2")
    assert v.page.locator(".sv-error-summary").count() == 0


def test_with_added_lines_the_page_has_no_axe_violations(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    for _ in range(2):
        v.page.click("[data-action='add-line']")
    v.page.click("[data-line]:nth-child(2) [data-action='remove-line']")
    assert line_count(v.page) == 5 and ids_are_unique(v.page)
    numbers = v.page.eval_on_selector_all("[data-lines] legend [data-line-number]", "els => els.map(e => e.textContent)")
    assert numbers == ["1", "2", "3", "4", "5"]
    names = v.page.eval_on_selector_all("[data-lines] [data-line] select[name$='.measure']", "els => els.map(e => e.name)")
    assert names == [f"lines[{i}].measure" for i in range(5)]
    assert not axe_problems(Axe(), v.page)


def test_the_last_line_cannot_be_removed(server, visit):
    v = opened(visit, server + PAGE)
    for _ in range(3):
        v.page.click("[data-line]:last-child [data-action='remove-line']")
    assert line_count(v.page) == 1
    v.page.click("[data-action='remove-line']")
    assert line_count(v.page) == 1
    assert "at least one" in v.page.inner_text("[data-engine-status]")


def test_chart_has_a_text_alternative(server, visit):
    v = opened(visit, server + PAGE)
    svg = v.page.locator("[data-calculator-result] svg").first
    assert svg.get_attribute("role") == "img"
    labelled = svg.get_attribute("aria-labelledby") or svg.get_attribute("aria-label")
    assert labelled



def test_downloads_and_print_styles(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-csv']")
    assert download.value.suggested_filename == "valuation.csv"
    text = open(download.value.path(), encoding="utf-8").read()
    assert "Apprenticeships on the contract" in text and "present_value" in text.lower().replace(" ", "_")
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-json']")
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == result_of(v.page)
    # In print, the buttons and the form's boxes go; the result stays, with the inputs in brief after it
    # (tests/site/test_phones_and_print.py checks the order). The chart's figures are in its tables.
    v.page.emulate_media(media="print")
    for selector in ("[data-action='add-line']", "[data-action='remove-line']", "[data-action='print']", ".sv-calculate",
                     "#valuation-lines-0-quantity", "[data-calculator-result] svg"):
        assert not v.page.locator(selector).first.is_visible(), selector
    assert v.page.is_visible(".sv-print-summary") and v.page.is_visible("[data-calculator-result] table")


def test_a_percentage_typed_as_a_fraction_is_questioned_beside_its_field(server, visit):
    """Issue 10: 0.5 in deadweight is kept as 0.5%, and the page asks "Did you mean 50%?" beside the
    field itself, as well as in the result; a whole percentage clears the question."""
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "valuation-lines-0-deadweight", "0.5")
    wait_for_result(v.page, "r.field_warnings.length === 1")
    warning = v.page.locator("#valuation-lines-0-deadweight-warning")
    assert warning.is_visible() and warning.inner_text() == "Deadweight is 0.5%. Did you mean 50%?"
    # The question is read with the field, as its hint is.
    described = v.page.get_attribute("#valuation-lines-0-deadweight", "aria-describedby").split()
    assert "valuation-lines-0-deadweight-warning" in described and "valuation-lines-0-deadweight-hint" in described
    assert result_of(v.page)["lines"][0]["deadweight"] == 0.5
    assert "Did you mean 50%?" in v.page.inner_text("[data-calculator-result]")
    type_into(v.page, "valuation-lines-0-deadweight", "50")
    wait_for_result(v.page, "r.field_warnings.length === 0 && r.lines[0].deadweight === 50")
    assert not warning.is_visible()
    assert v.page.get_attribute("#valuation-lines-0-deadweight", "aria-describedby") == "valuation-lines-0-deadweight-hint"
