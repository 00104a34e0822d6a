"""Helpers shared by the calculator page tests: wait for the engine, read the result region, move and
type with the keyboard only, and ask the command line for the same calculation."""

from __future__ import annotations

import json
import subprocess
import sys

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def ready(page):
    """Wait for the engine; if it never gets ready, fail with what the page says instead."""
    try:
        page.wait_for_selector("[data-engine-status][data-state='ready']", timeout=60000)
    except PlaywrightTimeout as error:  # say what the person would have seen
        status = page.locator("[data-engine-status]").first
        state, said = status.get_attribute("data-state"), status.text_content()
        raise AssertionError(f"the engine is not ready after 60 s: state {state!r}, saying {said!r}") from error


def opened(visit, url: str):
    """A fresh visit to a calculator page, once its engine is ready."""
    v = visit()
    v.page.goto(url)
    ready(v.page)
    return v


def result_of(page) -> dict:
    text = page.get_attribute("[data-calculator-result]", "data-result")
    return json.loads(text) if text else {}


def wait_for_result(page, check: str):
    """Wait until the result JSON, as ``r``, makes the JavaScript expression ``check`` true."""
    # Written into the function, not eval'd in the page: the site's policy forbids eval.
    page.wait_for_function(
        "() => { const t = document.querySelector('[data-calculator-result]').dataset.result;"
        f" if (!t) return false; const r = JSON.parse(t); return ({check}); }}", timeout=30000)


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, limit: int = 400):
    tab_until(page, "#" + element_id, limit)


def tab_until(page, selector: str, limit: int = 400):
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def try_example(page):
    """Select "Try the worked example" with the keyboard (on a form that holds values, confirm
    "Replace with the example", which then has focus), and wait for its result to replace the label."""
    tab_until(page, "[data-action='example']")
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement?.textContent === 'Replace with the example'"):
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.showing === 'result'", timeout=30000)


def open_disclosure(page, element_id: str):
    """If the field is inside a closed disclosure ("Adjust the assumptions"), open it with the keyboard."""
    if page.evaluate("id => { const d = document.getElementById(id).closest('details'); return !!d && !d.open; }",
                     element_id):
        tab_until(page, f"details:has(#{element_id}) > summary")
        page.keyboard.press("Enter")


def type_into(page, element_id: str, text: str):
    open_disclosure(page, element_id)
    tab_to(page, element_id)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


def cli(name: str, inputs: dict) -> dict:
    done = subprocess.run([sys.executable, "-m", "calculators", name], input=json.dumps(inputs),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)
