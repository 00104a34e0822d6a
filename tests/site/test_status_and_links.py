"""Issue 28, findings 1-3, 5 and 6, in Chromium against the built site: the status line always says
what the page shows now (a result, problems, a file opened or refused), "Try the worked example"
asks before it replaces what was typed, and a permalink's result is brought into view with focus on
its heading."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from calculator_page import opened, ready, tab_until, try_example, type_into, wait_for_result
from calculators import registry
from calculators.permalink import encode as permalink

STATUS = "[data-engine-status]"
RESULT_SHOWN = "Your result is below. It updates as you change the form."


def link_to_example(name: str) -> str:
    return permalink(registry.get(name).example)


@pytest.mark.parametrize("name", registry.names())
def test_a_result_from_a_link_is_described_and_its_heading_takes_focus_on_a_phone(browser, server, name):
    """Findings 1 and 6: after a valid result the line no longer says "Fill in the form…"; at 390 px
    the result's heading is focused and on screen, not 4 screens down."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="block")
    page = context.new_page()
    page.goto(f"{server}calculators/{name}/{link_to_example(name)}")
    ready(page)
    page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.showing === 'result'"
                           " && document.activeElement.matches('[data-result-title]')", timeout=30000)
    assert page.inner_text(STATUS) == RESULT_SHOWN
    assert page.inner_text("[data-result-title]") == "Result"
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = page.evaluate("document.querySelector('[data-result-title]').getBoundingClientRect().top")
    assert header <= top < 800, f"the result heading is at {top}px, the header ends at {header}px"
    assert not axe_problems(Axe(), page)
    context.close()


def test_a_result_typed_in_is_described(server, visit):
    """Finding 1 on a form filled in by hand: once the result shows, the line says so."""
    v = opened(visit, server + "calculators/proportionality/")
    assert "Fill in the form" in v.page.inner_text(STATUS)
    v.page.click("[data-action='example']")
    wait_for_result(v.page, "true")
    type_into(v.page, "proportionality-contract-value", "2,500,000")
    wait_for_result(v.page, "r.inputs.contract_value === 2500000")
    v.page.wait_for_function(f"() => document.querySelector('{STATUS}').textContent === {RESULT_SHOWN!r}")
    assert not v.errors


def test_monitoring_says_no_more_that_there_is_no_result_once_one_shows(server, visit):
    """Finding 2: "There is no result to share yet" goes once a result shows."""
    v = opened(visit, server + "calculators/monitoring/")
    tab_until(v.page, ".sv-calculate")
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".sv-error-summary")
    tab_until(v.page, "[data-action='copy-link']")
    v.page.keyboard.press("Enter")
    assert v.page.inner_text(STATUS).startswith("There is no result to share yet")
    try_example(v.page)
    wait_for_result(v.page, "r.inputs.commitments.length === 5")
    v.page.wait_for_function(f"() => !document.querySelector('{STATUS}').textContent.includes('no result')")
    assert v.page.get_attribute(STATUS, "data-state") == "ready"
    assert v.page.inner_text(STATUS).startswith("The form now holds the worked example")
    assert not v.errors


def test_a_refused_file_is_said_to_be_refused(server, visit, tmp_path):
    """Finding 3: after a refused file the line does not still name the file opened before it."""
    good = tmp_path / "commitments.csv"
    good.write_text("contract_months,months_elapsed,measure,quantity,years,delivered\n"
                    + "36,6,ltu-into-work,4,3,1\n" * 20, encoding="utf-8")
    bad = tmp_path / "refused.csv"
    bad.write_text("measure,measure\nltu-into-work,ltu-into-work\n", encoding="utf-8")
    v = opened(visit, server + "calculators/monitoring/")
    v.page.set_input_files("#monitoring-import", str(good))
    v.page.wait_for_function(f"() => document.querySelector('{STATUS}').textContent.startsWith("
                             "'Opened a file with 20 commitments')")
    v.page.set_input_files("#monitoring-import", str(bad))
    v.page.wait_for_selector(".sv-error-summary")
    said = v.page.inner_text(STATUS)
    assert "Opened" not in said and said.startswith("The file was not opened.")
    assert not axe_problems(Axe(), v.page)
    assert not v.errors


def test_the_worked_example_asks_before_it_replaces_typed_reasons(server, visit):
    """Finding 5: on evaluation, "Keep what I typed" (and Escape) leave a panel's reasons as typed;
    "Replace with the example" replaces them. All with the keyboard."""
    v = opened(visit, server + "calculators/evaluation/")
    reasons = "Strong local partners, but the dates are vague."
    type_into(v.page, "evaluation-bids-0-notes", reasons)
    tab_until(v.page, "[data-action='example']")
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".sv-confirm")
    assert "This replaces everything you typed" in v.page.inner_text(".sv-confirm")
    assert v.page.evaluate("document.activeElement.textContent") == "Replace with the example"
    assert not axe_problems(Axe(), v.page)
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.textContent") == "Keep what I typed"
    v.page.keyboard.press("Enter")
    assert v.page.locator(".sv-confirm").count() == 0
    assert v.page.evaluate("document.activeElement.dataset.action") == "example"
    assert v.page.input_value("#evaluation-bids-0-notes") == reasons
    v.page.keyboard.press("Enter")  # asked again: Escape keeps them too
    v.page.wait_for_selector(".sv-confirm")
    v.page.keyboard.press("Escape")
    assert v.page.locator(".sv-confirm").count() == 0 and v.page.input_value("#evaluation-bids-0-notes") == reasons
    v.page.keyboard.press("Enter")
    v.page.wait_for_selector(".sv-confirm")
    v.page.keyboard.press("Enter")  # Replace with the example
    wait_for_result(v.page, "r.inputs.bids.length === 3")
    assert v.page.input_value("#evaluation-bids-0-notes") != reasons
    assert v.page.locator(".sv-confirm").count() == 0
    assert v.page.evaluate("document.activeElement.dataset.action") == "example", "focus goes back to the button"
    # The example again, unchanged, has nothing to lose: no question.
    v.page.click("[data-action='example']")
    assert v.page.locator(".sv-confirm").count() == 0
    assert not v.errors
