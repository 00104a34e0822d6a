"""Phones, print and first-time users (issue 14), in Chromium against the built site: no page wider
than a 320 or 390 px screen, forms that start empty, a worked example labelled as one until a real
result replaces it, the valuation's assumptions behind a disclosure that shows their defaults, and
calculators that print their result first, then the inputs in brief, the date and a link."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from calculator_page import opened, ready, result_of, tab_until, try_example, type_into
from calculators import api, registry
from conftest import html_pages

CALCULATORS = registry.names()
WIDTHS = (320, 390)


def too_wide(page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def phone(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_a_phone(browser, server, site_dir, width):
    context = phone(browser, width)
    page = context.new_page()
    wide = []
    for path in html_pages(site_dir):
        page.goto(server + path, wait_until="load")
        if too_wide(page) > 0:
            wide.append(f"{path}: {too_wide(page)}px too wide")
    context.close()
    assert not wide, wide


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CALCULATORS)
def test_calculators_fit_a_phone_after_a_result(browser, server, name, width):
    context = phone(browser, width)
    page = context.new_page()
    page.goto(f"{server}calculators/{name}/")
    ready(page)
    try_example(page)
    for details in page.locator("[data-calculator] details").all():
        details.evaluate("d => d.open = true")  # the assumptions too, opened
    assert too_wide(page) <= 0
    context.close()


@pytest.mark.parametrize("name", CALCULATORS)
def test_forms_start_empty_and_the_example_is_labelled_until_a_real_result(server, visit, name):
    v = opened(visit, f"{server}calculators/{name}/")
    page = v.page
    boxes = page.evaluate("""() => [...document.querySelector('[data-calculator] form').elements]
        .filter(e => e.name).map(e => ({name: e.name, type: e.type,
          value: (e.type === 'checkbox' || e.type === 'radio') ? e.checked : e.value}))""")
    filled = [box for box in boxes if box["value"] not in ("", False)]
    assert not filled, filled
    assert page.inner_text("[data-result-title]") == "Worked example"
    assert page.locator(".sv-example-note").is_visible()
    assert "worked example, not your result" in page.inner_text(".sv-example-note")
    # Typing into one box of an empty form is not a mistake in the others: no errors yet, and the
    # example keeps its label.
    first_box = page.locator("[data-calculator] form input.sv-input").first
    type_into(page, first_box.get_attribute("id"), "12")
    page.wait_for_timeout(800)
    assert page.inner_text("[data-error-summary]") == ""
    assert page.inner_text("[data-result-title]") == "Worked example"
    # The example is one button away, and fills the form with what the page's example shows.
    try_example(page)
    assert page.inner_text("[data-result-title]") == "Result"
    assert page.locator(".sv-example-note").count() == 0
    example = registry.get(name).example
    assert result_of(page)["inputs"] == api.run(name, example)["inputs"]


def test_calculate_on_an_empty_form_shows_what_is_missing(server, visit):
    v = opened(visit, server + "calculators/proportionality/")
    tab_until(v.page, ".sv-calculate")
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".sv-error-summary")
    assert v.page.evaluate("document.activeElement.classList.contains('sv-error-summary')")
    # The example is gone: the result region says what to do, under the heading Result.
    assert v.page.inner_text("[data-result-title]") == "Result" and result_of(v.page) == {}
    assert "Fix the problems" in v.page.inner_text("[data-calculator-result]")


def test_the_valuation_assumptions_are_behind_a_disclosure_that_shows_their_defaults(server, visit):
    v = opened(visit, server + "calculators/valuation/")
    page = v.page
    details = page.locator("[data-line] details.sv-disclosure").first
    assert details.locator("summary").inner_text() == "Adjust the assumptions"
    assert not details.evaluate("d => d.open")
    # The basics come first: measure, quantity per year, years.
    names = page.evaluate("""() => [...document.querySelector('[data-line]').querySelectorAll('[name]')]
        .map(e => e.name.split('.').pop())""")
    assert names[:3] == ["measure", "quantity", "years"]
    # Choosing a measure shows its defaults and their reasons before any calculation.
    tab_until(page, "#valuation-lines-0-measure")
    page.select_option("#valuation-lines-0-measure", "apprenticeships")
    text = details.locator("[data-description]").text_content()  # in the closed disclosure, not rendered yet
    assert "Deadweight: 25%" in text and "Proxy value: £12,200" in text and "SROI filter scale" in text
    # The picker is readable on a phone.
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sv-select')).fontSize)") >= 16
    axe = Axe()
    assert axe_problems(axe, page) == []
    tab_until(page, "[data-line] details.sv-disclosure > summary")
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert axe_problems(axe, page) == []


def test_a_problem_inside_the_closed_disclosure_opens_it(server, visit):
    v = opened(visit, server + "calculators/valuation/")
    page = v.page
    try_example(page)
    page.evaluate("""() => { const box = document.getElementById('valuation-lines-1-deadweight');
        box.value = '150'; box.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.wait_for_selector(".sv-error-summary")
    assert page.evaluate("document.getElementById('valuation-lines-1-deadweight').closest('details').open")
    assert page.locator("#valuation-lines-1-deadweight-error").is_visible()


@pytest.mark.parametrize("name", CALCULATORS)
def test_print_gives_the_result_first_then_the_inputs_the_date_and_a_link(server, visit, name):
    v = opened(visit, f"{server}calculators/{name}/")
    page = v.page
    try_example(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.locator("[data-calculator] form").is_visible()
    summary = page.locator(".sv-print-summary")
    assert summary.is_visible()
    result_top = page.evaluate("document.querySelector('[data-calculator-result]').getBoundingClientRect().top")
    assert result_top < summary.bounding_box()["y"]
    text = summary.inner_text()
    assert re.search(r"Printed on \d{1,2} [A-Z][a-z]+ \d{4}\.", text)
    link = summary.locator("[data-print-link]")
    assert link.is_visible() and link.get_attribute("href") == page.url
    assert "#inputs=" in link.inner_text() and "Your inputs" in text


def test_a_valuation_of_four_lines_prints_on_two_a4_pages(server, visit):
    v = opened(visit, server + "calculators/valuation/")
    try_example(v.page)
    assert len(result_of(v.page)["lines"]) == 4
    v.page.emulate_media(media="print")
    v.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = v.page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, f"{pages} pages"


def test_a_line_filled_from_a_link_describes_its_own_measure_when_opened(server, visit):
    inputs = {"lines": [{"measure": "apprenticeships", "quantity": 1, "years": 1},
                        {"measure": "carbon-avoided", "quantity": 5, "years": 2}]}
    v = opened(visit, server + "calculators/valuation/" + api.run("valuation", inputs)["permalink"])
    tab_until(v.page, "[data-line]:nth-child(2) details.sv-disclosure > summary")
    v.page.keyboard.press("Enter")
    assert v.page.locator("[data-line]:nth-child(2) details.sv-disclosure").first.evaluate("d => d.open")
    # Described before it opened: no waiting for the text.
    text = v.page.locator("[data-line]:nth-child(2) [data-description]").inner_text()
    assert "Greenhouse gas emissions avoided assumes" in text and "Deadweight:" in text
