"""The engine never leaves a user stuck, frozen or misled (issue 16), in Chromium: crafted links keep
the page responsive and say the link is damaged; a runtime that cannot start says so and offers to
try again; a permalink on a slow link never fights the user; instant navigation keeps the window
and leaves no inputs on the next page; without JavaScript, nothing is sent anywhere."""

from __future__ import annotations

import base64
import json
import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from calculators import api
from calculators.permalink import PREFIX as LINK, encode as permalink

from conftest import PREFIX
from calculator_page import opened, ready, result_of, tab_until, try_example, type_into, wait_for_result

VALUATION = "calculators/valuation/"
PROPORTIONALITY = "calculators/proportionality/"
FAILED = "[data-engine-status][data-state='failed']"
RETRY = "[data-action='retry']"


def link_holding(text: str) -> str:
    return LINK + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def line_count(page) -> int:
    return page.locator("[data-calculator] [data-line]").count()


def responsive(page):
    """A script still runs within 2 s: the tab is not frozen (a liveness check, not a timing)."""
    page.wait_for_function("() => true", timeout=2000)


# --- crafted links ---------------------------------------------------------------------------

CRAFTED = {
    "a line at position 99,999,999": "#inputs=eyJsaW5lc1s5OTk5OTk5OV0iOjF9",
    "20,000 lines": permalink({"lines": [0] * 20000}),
    "3,000 nested lists": link_holding("[" * 3000),
    "NaN": link_holding('{"price_year": NaN, "lines": [{"measure": "apprenticeships", "quantity": 1, "years": 1}]}'),
    "Infinity": link_holding('{"contract_value": Infinity, "lines": []}'),
}


@pytest.mark.parametrize("fragment", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_link_keeps_the_page_responsive_and_says_it_is_damaged(server, visit, fragment):
    v = visit()
    v.page.goto(server + VALUATION + fragment)
    ready(v.page)
    summary = v.page.locator(".sv-error-summary")
    summary.wait_for()
    responsive(v.page)  # the link's answer has come back: this is where the tab froze
    assert "This link is damaged" in summary.inner_text()
    assert "Traceback" not in v.page.inner_text("[data-calculator]")
    assert line_count(v.page) == 1  # the empty form's one line: the link laid out nothing
    assert not v.errors


THOUSAND_LINES = [{"measure": ("apprenticeships", "volunteering-hours")[i % 2], "quantity": 1 + i % 9, "years": 3}
                  for i in range(1000)]


def quantities(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('[data-line] [name$=\".quantity\"]')].map((e) => e.value)")


# How many lines the page holds after each of its tasks, seen from a task queued behind each.
BATCHES = """window.__batches = [];
document.addEventListener("DOMContentLoaded", () => {
    const count = () => document.querySelectorAll('[data-calculator] [data-line]').length;
    const watch = () => { window.__batches.push(count()); if (count() < 1000) setTimeout(watch); };
    setTimeout(watch);
});"""


def test_a_valid_thousand_line_link_opens(server, visit):
    expected = api.run("valuation", {"lines": THOUSAND_LINES, "price_year": 2026})
    v = visit()
    v.context.add_init_script(BATCHES)
    release = slow_runtime(v)
    v.page.goto(server + VALUATION + expected["permalink"], wait_until="domcontentloaded")
    # The link's lines go into the form before the runtime has started, a batch at a time, each
    # batch its own task: the page answers in between.
    v.page.wait_for_function("() => window.__batches.at(-1) === 1000", timeout=30000)
    assert v.page.evaluate("window.__batches.length") >= 10, "the lines were laid out in one task"
    assert v.page.get_attribute("[data-engine-status]", "data-state") == "loading"
    assert quantities(v.page) == [str(line["quantity"]) for line in THOUSAND_LINES]
    # Each line is numbered by its position (names, ids, labels, hints), and no id is used twice.
    assert v.page.evaluate("""() => [...document.querySelectorAll('[data-line]')].every((line, i) =>
        line.querySelector(`[name="lines[${i}].quantity"]`).id === `valuation-lines-${i}-quantity`
        && line.querySelector(`label[for="valuation-lines-${i}-quantity"]`) !== null
        && line.querySelector(`#valuation-lines-${i}-quantity`).getAttribute('aria-describedby')
            .split(' ').every((id) => id.startsWith(`valuation-lines-${i}-`))
        && line.querySelector('[data-line-number]').textContent === String(i + 1))""")
    assert v.page.evaluate("() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);"
                           " return new Set(ids).size === ids.length; }")
    release()
    ready(v.page)
    wait_for_result(v.page, "r.lines.length === 1000")
    assert result_of(v.page) == expected
    assert v.page.url.endswith(expected["permalink"])


def test_a_line_removed_while_a_long_link_is_laid_out_goes_from_the_whole_link(server, visit):
    """A click while the link's lines still come in: the layout finishes first, so the click acts on
    the whole link, not on the first batch with the rest of the link laid out after it."""
    link = api.run("valuation", {"lines": THOUSAND_LINES, "price_year": 2026})["permalink"]
    v = visit()
    v.context.add_init_script("""new MutationObserver((changes, observer) => {
        const lines = document.querySelectorAll('[data-calculator] [data-line]');
        if (lines.length < 2) return;
        observer.disconnect();
        window.__linesWhenClicked = lines.length;
        lines[0].querySelector("[data-action='remove-line']").click();
    }).observe(document, {childList: true, subtree: true});""")
    v.page.goto(server + VALUATION + link)
    assert 1 < v.page.evaluate("window.__linesWhenClicked") < 1000  # the click came mid-layout
    assert line_count(v.page) == 999
    assert quantities(v.page) == [str(line["quantity"]) for line in THOUSAND_LINES[1:]]
    assert v.page.evaluate("""() => [...document.querySelectorAll('[data-calculator] [data-line]')].every((line, i) =>
        [...line.querySelectorAll('[data-line-number]')].every((number) => number.textContent === String(i + 1)))""")
    ready(v.page)
    wait_for_result(v.page, "r.lines.length === 999")  # the user's edit wins over the link
    assert result_of(v.page)["lines"] == api.run("valuation", {"lines": THOUSAND_LINES[1:], "price_year": 2026})["lines"]


# --- a runtime that cannot start ------------------------------------------------------------

def wasm_file(site_dir) -> bytes:
    (wasm,) = (site_dir / "assets" / "pyodide").glob("*/pyodide.asm.wasm")  # in its version's folder
    return wasm.read_bytes()


def with_csp(policy: str):
    """The site's own responses, sent with this Content Security Policy."""
    def handler(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})
    return handler


def while_open(handler):
    """The handler, for requests whose worker or page may go away first (a refused worker is torn
    down while its files are still being fetched): no one is left to answer, so that is no error."""
    def tolerant(route):
        try:
            handler(route)
        except PlaywrightError:
            pass
    return tolerant


BLOCKS = {
    "wasm 404": lambda site: ("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="Not found")),
    "wasm aborted": lambda site: ("**/pyodide.asm.wasm", lambda route: route.abort()),
    "wasm as text/plain": lambda site: ("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, content_type="text/plain", body=wasm_file(site))),
    "wasm cut short": lambda site: ("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, content_type="application/wasm", body=wasm_file(site)[:200_000])),
    "standard library 404": lambda site: ("**/python_stdlib-*.zip", lambda route: route.fulfill(status=404, body="")),
    "no wasm-unsafe-eval": lambda site: ("**/toolkit/**", with_csp("script-src 'self' 'unsafe-inline'")),
    "no workers allowed": lambda site: ("**/toolkit/**", with_csp("worker-src 'none'")),
    "offline": lambda site: ("**/assets/{engine/worker.mjs,pyodide/**,core/**}",
                             lambda route: route.abort("internetdisconnected")),
}


@pytest.mark.parametrize("block", BLOCKS.values(), ids=BLOCKS.keys())
def test_a_runtime_that_cannot_start_says_so_and_keeps_the_example(server, site_dir, visit, block):
    v = visit()
    pattern, handler = block(site_dir)
    v.context.route(pattern, while_open(handler))
    v.page.goto(server + PROPORTIONALITY)
    v.page.wait_for_selector(FAILED, timeout=20000)
    status = v.page.inner_text("[data-engine-status]")
    assert "could not start" in status and "python -m calculators proportionality" in status
    for jargon in ("exit(", "Traceback", "Failed to fetch", "undefined", "Error:", "wasm instantiation"):
        assert jargon not in status, status
    assert v.page.is_visible(RETRY)
    assert result_of(v.page)["band"] == "D"  # the worked example stays
    assert v.page.is_visible("[data-calculator-result] h3, [data-calculator-result] p")


def test_try_again_starts_the_calculator_once_its_files_come_back(server, site_dir, visit):
    v = visit()
    pattern, handler = BLOCKS["wasm 404"](site_dir)
    v.context.route(pattern, handler)
    v.page.goto(server + PROPORTIONALITY)
    v.page.wait_for_selector(FAILED, timeout=20000)
    v.context.unroute(pattern)
    v.page.click(RETRY)
    ready(v.page)
    assert not v.page.is_visible(RETRY)
    try_example(v.page)
    type_into(v.page, "proportionality-contract-value", "20000")
    wait_for_result(v.page, "r.inputs.contract_value === 20000")
    assert v.page.get_attribute("[data-engine-status]", "data-state") == "ready"


def test_after_a_failure_a_result_says_the_calculator_is_ready(server, site_dir, visit):
    v = visit()
    pattern, handler = BLOCKS["offline"](site_dir)
    v.context.route(pattern, handler)
    v.page.goto(server + PROPORTIONALITY)
    v.page.wait_for_selector(FAILED, timeout=20000)
    v.context.unroute(pattern)
    # Back online, a change to the form starts the engine again; its result updates the status.
    for box, value in (("proportionality-contract-value", "20000"), ("proportionality-duration-months", "12")):
        type_into(v.page, box, value)
    tab_until(v.page, "#proportionality-category-goods")
    v.page.keyboard.press("Space")
    wait_for_result(v.page, "r.inputs.contract_value === 20000")
    assert v.page.get_attribute("[data-engine-status]", "data-state") == "ready"
    # It says what the page shows now (issue 28, finding 1), not that it could not start.
    assert v.page.inner_text("[data-engine-status]") == "Your result is below. It updates as you change the form."
    assert not v.page.is_visible(RETRY)


def test_a_stalled_download_offers_to_try_again(server, visit):
    v = visit()
    stalled = []
    v.context.route("**/pyodide.asm.wasm", lambda route: stalled.append(route))  # never answered
    v.page.goto(server + PROPORTIONALITY)
    v.page.wait_for_selector(FAILED, timeout=30000)
    assert "taking a long time" in v.page.inner_text("[data-engine-status]")
    assert v.page.is_visible(RETRY)
    assert result_of(v.page)["band"] == "D"
    assert stalled


# --- a permalink on a slow link ---------------------------------------------------------------

def slow_runtime(v):
    """Holds the runtime's download until release() is called; the check of its headers passes."""
    held = []

    def hold(route):
        if route.request.method == "HEAD":
            route.continue_()
        else:
            held.append(route)

    v.context.route("**/pyodide.asm.wasm", hold)

    def release():
        v.page.wait_for_function("() => true")  # let the worker's request reach the route
        for route in held:
            route.continue_()
        v.context.unroute("**/pyodide.asm.wasm")
    return release


def test_the_status_says_how_much_of_the_runtime_has_arrived(server, visit):
    v = visit()
    release = slow_runtime(v)  # the standard library and the wheel arrive; the WebAssembly waits
    v.page.goto(server + PROPORTIONALITY)
    v.page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent"
                             ".startsWith('Downloading the calculator')")
    status = v.page.inner_text("[data-engine-status]")
    loaded, total = (float(n) for n in re.search(r"([\d.]+) MB of ([\d.]+) MB", status).groups())
    assert 0 < loaded < total
    assert v.page.get_attribute("[data-engine-status]", "data-state") == "loading"
    release()
    ready(v.page)
    assert "ready" in v.page.inner_text("[data-engine-status]")


LINK_INPUTS = {"price_year": 2026, "discount_rate": 3.5, "contract_value": 300000, "lines": [
    {"measure": "apprenticeships", "quantity": 3, "years": 2},
    {"measure": "training-hours", "quantity": 120, "years": 1}]}


def test_a_slow_permalink_fills_the_form_at_once_and_never_overwrites_an_edit(server, visit):
    v = visit()
    release = slow_runtime(v)
    v.page.goto(server + VALUATION + permalink(LINK_INPUTS))
    # Before the runtime is ready, the form already holds the link's values, not the example's.
    assert v.page.get_attribute("[data-engine-status]", "data-state") == "loading"
    assert line_count(v.page) == 2
    assert v.page.input_value("#valuation-lines-0-quantity") == "3"
    assert v.page.input_value("#valuation-contract-value") == "300000"
    type_into(v.page, "valuation-lines-0-quantity", "7")
    release()
    ready(v.page)
    wait_for_result(v.page, "r.inputs.lines.length === 2 && r.inputs.lines[0].quantity === 7")
    shown = result_of(v.page)
    # Form, result and address bar agree on the user's edit.
    assert v.page.input_value("#valuation-lines-0-quantity") == "7"
    assert shown["inputs"]["contract_value"] == 300000 and shown["inputs"]["lines"][1]["measure"] == "training-hours"
    assert v.page.url.endswith(shown["permalink"])
    assert shown == api.run("valuation", {**LINK_INPUTS, "lines": [{**LINK_INPUTS["lines"][0], "quantity": 7},
                                                                   LINK_INPUTS["lines"][1]]})


def test_a_slow_permalink_left_alone_shows_the_link(server, visit):
    v = visit()
    release = slow_runtime(v)
    expected = api.run("valuation", LINK_INPUTS)
    v.page.goto(server + VALUATION + permalink(LINK_INPUTS))
    assert line_count(v.page) == 2
    release()
    ready(v.page)
    wait_for_result(v.page, "r.inputs.lines.length === 2 && r.inputs.contract_value === 300000")
    assert result_of(v.page) == expected
    assert v.page.input_value("#valuation-lines-1-quantity") == "120"
    assert v.page.url.endswith(expected["permalink"])


# --- instant navigation ---------------------------------------------------------------------

def test_instant_navigation_keeps_the_window(server, visit):
    v = visit()
    v.page.goto(server + "calculators/")
    v.page.evaluate("window.__kept = 'still here'")
    v.page.locator("article a", has_text="Outcome valuation calculator").first.click()
    v.page.wait_for_url("**/calculators/valuation/")
    ready(v.page)
    assert v.page.evaluate("window.__kept") == "still here"  # no full page load
    v.page.locator("article a", has_text="catalogue").first.click()
    v.page.wait_for_url("**/toolkit/measures/")
    v.page.go_back()
    v.page.wait_for_url("**/calculators/valuation/**")
    ready(v.page)
    assert v.page.evaluate("window.__kept") == "still here"
    assert not v.errors


def test_inputs_typed_before_leaving_never_land_on_the_next_page(server, visit):
    v = opened(visit, server + VALUATION)
    v.page.evaluate("window.__kept = true")
    for _ in range(3):
        v.page.fill("#valuation-lines-0-quantity", "9")
        v.page.locator("article a", has_text="catalogue").first.click()  # before the result comes back
        v.page.wait_for_url("**/toolkit/measures/**")
        v.page.wait_for_timeout(1500)  # longer than the pause before a calculation, and the calculation
        assert "#inputs=" not in v.page.url
        assert v.page.evaluate("window.__kept") is True
        v.page.go_back()
        v.page.wait_for_url("**/calculators/valuation/**")
        ready(v.page)
    assert not v.errors


def test_an_error_summary_link_focuses_its_field_under_instant_navigation(server, visit):
    v = opened(visit, server + VALUATION)
    try_example(v.page)
    type_into(v.page, "valuation-lines-1-years", "2.5")
    v.page.keyboard.press("Enter")
    link = v.page.locator(".sv-error-summary a[href='#valuation-lines-1-years']")
    link.wait_for()
    url = v.page.url
    link.focus()
    v.page.keyboard.press("Enter")
    assert v.page.evaluate("document.activeElement.id") == "valuation-lines-1-years"
    assert v.page.url == url


def test_the_404_page_loads_its_files_from_the_site(site_dir):
    # Built with SITE_URL, the 404 page (served at any address) names its files under the site's path.
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    files = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]*)"', page)
    assert files
    for path in files:
        assert path.startswith(PREFIX), path
        assert (site_dir / path[len(PREFIX):].split("?")[0]).exists(), path


# --- without JavaScript ---------------------------------------------------------------------

JS_CONTROLS = ("[data-action='example']", "[data-action='add-line']", "[data-action='remove-line']", "[data-action='copy-link']",
               "[data-action='download-csv']", "[data-action='download-json']", "[data-action='print']",
               ".sv-calculate")


def assert_nothing_sent_on_enter(page, requests: list[str]):
    url = page.url
    page.click("#valuation-lines-0-quantity")
    page.keyboard.type("Confidential plans")
    before = len(requests)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1000)  # time for a submission to leave, if the form made one
    assert requests[before:] == []
    assert page.url == url
    assert all("Confidential" not in r for r in requests)


def assert_the_page_says_it_needs_javascript(page):
    status = page.inner_text("[data-engine-status]")
    assert "needs JavaScript" in status and "python -m calculators valuation" in status
    for control in JS_CONTROLS:
        assert not page.locator(control).first.is_visible(), control
    assert result_of(page)["totals"]  # the worked example is there


def test_without_javascript_enter_sends_nothing(browser, server):
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + VALUATION)
        assert_the_page_says_it_needs_javascript(page)
        assert_nothing_sent_on_enter(page, requests)
    finally:
        context.close()


def test_when_the_engine_script_fails_to_load_enter_sends_nothing(server, visit):
    v = visit()
    v.context.route("**/assets/engine/engine.mjs", lambda route: route.abort())
    v.page.goto(server + VALUATION)
    assert_the_page_says_it_needs_javascript(v.page)
    assert_nothing_sent_on_enter(v.page, v.requests)
    assert not [r for r in v.requests if "/assets/pyodide/" in r]


def test_with_the_engine_the_controls_show(server, visit):
    v = opened(visit, server + VALUATION)
    for control in JS_CONTROLS:
        assert v.page.locator(control).first.is_visible(), control
    assert "ready" in v.page.inner_text("[data-engine-status]")
    assert json.loads(v.page.get_attribute("[data-calculator-result]", "data-result"))
