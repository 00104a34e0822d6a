"""The proportionality calculator in Chromium: keyboard only, equal to the command line, permalinks,
errors and recovery, instant navigation, and the fallback without WebAssembly."""

from __future__ import annotations

import json

from calculator_page import (cli as run_cli, opened, ready, result_of, tab_to, try_example, type_into,
                             wait_for_result)

PAGE = "calculators/proportionality/"


def cli(inputs: dict) -> dict:
    return run_cli("proportionality", inputs)


def test_keyboard_only_flow_equals_the_command_line(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "proportionality-contract-value", "1,250,000")
    # The radios: Tab lands on the checked one; arrow keys move and select.
    tab_to(v.page, "proportionality-category-services")
    v.page.keyboard.press("ArrowRight")  # works
    type_into(v.page, "proportionality-duration-months", "48")
    type_into(v.page, "proportionality-procurement-date", "2025-12-31")
    tab_to(v.page, "proportionality-environmental-impact")
    v.page.keyboard.press("Space")
    tab_to(v.page, "proportionality-labour-intensive")  # wraps round: on in the example, so turn it off
    v.page.keyboard.press("Space")
    v.page.keyboard.press("Enter")
    wait_for_result(v.page, "r.inputs.category === 'works' && r.inputs.contract_value === 1250000 && "
                            "r.inputs.labour_intensive === false && r.inputs.environmental_impact === true")
    shown = result_of(v.page)
    expected = cli({"contract_value": 1250000, "category": "works", "duration_months": 48,
                    "procurement_date": "2025-12-31", "labour_intensive": False, "local_supply_chain": True,
                    "environmental_impact": True, "community_facing": False})
    assert shown == expected
    # Bands are by value for every category: £1.25m is band D, though below the works threshold.
    assert shown["threshold"] == 5372609 and shown["band"] == "D" and shown["above_threshold"] is False
    assert v.page.url.endswith(shown["permalink"])
    assert not v.errors and not v.foreign_requests()


def test_permalink_round_trip(server, visit):
    inputs = {"contract_value": 75000, "category": "goods", "duration_months": 24,
              "procurement_date": "2026-01-01", "labour_intensive": False, "local_supply_chain": True,
              "environmental_impact": False, "community_facing": True}
    expected = cli(inputs)
    v = opened(visit, server + PAGE + expected["permalink"])
    wait_for_result(v.page, "r.inputs.contract_value === 75000")
    assert result_of(v.page) == expected
    assert v.page.input_value("#proportionality-contract-value") == "75000"
    assert v.page.is_checked("#proportionality-category-goods")
    assert v.page.is_checked("#proportionality-community-facing")
    assert not v.page.is_checked("#proportionality-labour-intensive")
    # The reasons are an ordinary numbered list: the moderation record's box for writing reasons in
    # (a class of the same name once drew a frame round it) is the evaluation's alone.
    style = v.page.eval_on_selector("[data-calculator-result] h3 + ol", "(list) => { const s = getComputedStyle(list);"
                                    " return [s.borderTopStyle, s.whiteSpace]; }")
    assert style == ["none", "normal"]


def test_damaged_permalink_says_so(server, visit):
    v = opened(visit, server + PAGE + "#inputs=%%%")
    summary = v.page.locator(".sv-error-summary")
    summary.wait_for()
    assert "damaged" in summary.inner_text()


def test_invalid_input_shows_summary_and_inline_errors_then_recovers(server, visit):
    v = opened(visit, server + PAGE)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "proportionality-contract-value", "lots")
    type_into(v.page, "proportionality-duration-months", "0")
    v.page.keyboard.press("Enter")
    summary = v.page.locator(".sv-error-summary")
    summary.wait_for()
    assert v.page.evaluate("document.activeElement.classList.contains('sv-error-summary')")
    assert "There is a problem" in summary.inner_text()
    links = summary.locator("a")
    assert links.count() == 2
    assert links.nth(0).get_attribute("href") == "#proportionality-contract-value"
    inline = v.page.locator("#proportionality-contract-value-error")
    assert inline.is_visible() and "must be a number" in inline.inner_text()
    assert v.page.get_attribute("#proportionality-contract-value", "aria-invalid") == "true"
    assert "proportionality-contract-value-error" in v.page.get_attribute("#proportionality-contract-value", "aria-describedby")
    assert result_of(v.page) == {}
    # Following a summary link moves focus to the field.
    links.nth(0).focus()
    v.page.keyboard.press("Enter")
    assert v.page.evaluate("document.activeElement.id") == "proportionality-contract-value"
    # Fix both fields: the errors go and a result comes back.
    type_into(v.page, "proportionality-contract-value", "50000")
    type_into(v.page, "proportionality-duration-months", "12")
    wait_for_result(v.page, "r.inputs.contract_value === 50000 && r.inputs.duration_months === 12")
    assert v.page.locator(".sv-error-summary").count() == 0
    assert not inline.is_visible()
    assert v.page.get_attribute("#proportionality-contract-value", "aria-invalid") is None
    assert result_of(v.page)["band"] == "B"


def test_markup_typed_into_a_field_is_shown_as_text(server, visit):
    v = opened(visit, server + PAGE)
    v.page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError("a script ran")))
    type_into(v.page, "proportionality-contract-value", "<img src=x onerror=alert(1)>")
    v.page.keyboard.press("Enter")
    v.page.locator(".sv-error-summary").wait_for()
    assert v.page.locator(".sv-error-summary img").count() == 0


def test_instant_navigation_starts_the_calculator(server, visit):
    v = visit()
    v.page.goto(server + "calculators/")
    # Material's instant navigation makes links absolute, so find them by their text.
    v.page.locator("article a", has_text="Proportionality calculator").first.click()
    v.page.wait_for_url("**/calculators/proportionality/")
    ready(v.page)
    try_example(v.page)  # the form starts empty: this test starts from the example
    type_into(v.page, "proportionality-contract-value", "20000")
    wait_for_result(v.page, "r.inputs.contract_value === 20000")
    assert result_of(v.page)["band"] == "A"
    # Away and back again: the engine is kept, and the page works at once.
    v.page.locator("[data-calculator-result] a", has_text="Objective 3").first.click()
    v.page.wait_for_url("**/policy/aims-and-objectives/**")
    v.page.go_back()
    ready(v.page)
    assert not v.errors


def test_without_webassembly_the_example_stays_and_the_page_says_so(server, visit):
    v = visit()
    v.context.add_init_script("delete window.WebAssembly")
    v.page.goto(server + PAGE)
    v.page.wait_for_selector("[data-engine-status][data-state='failed']")
    status = v.page.inner_text("[data-engine-status]")
    assert "could not start" in status and "python -m calculators proportionality" in status
    assert result_of(v.page)["band"] == "D"
    assert not [r for r in v.requests if "/assets/pyodide/" in r]


def test_downloads(server, visit):
    v = opened(visit, server + PAGE)
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-csv']")
    assert download.value.suggested_filename == "proportionality.csv"
    with v.page.expect_download() as download:
        v.page.click("[data-action='download-json']")
    path = download.value.path()
    assert json.loads(open(path, encoding="utf-8").read()) == result_of(v.page)
