"""Printed calculation records (issue 28, finding 11): a printed result's link prints with its QR code
beside it, drawn in the browser by the core once the page has loaded the "qr" extra, which it does only
when a print is asked for or about to be. zbarimg reads the printed code back to the printed link."""

from __future__ import annotations

import json

import pytest

from calculators import api, registry
from calculators.permalink import encode as permalink
from sitebuild.extra_wheels import EXTRAS_PATH

from calculator_page import ready, tab_until, try_example, wait_for_result
from conftest import Visit
from test_hosting import cached_until, runtime_cached
from test_printed_handouts import decoded

# window.print, recorded instead of opening the dialog: the code's address when the page printed.
PRINTS = """window.__printed = [];
window.print = () => { const code = document.querySelector('[data-print-qr]');
    window.__printed.push(code && code.querySelector('svg') ? code.dataset.address : ''); };"""
# A valuation of eight lines: a link of over 700 characters.
EIGHT_LINES = {"price_year": 2026, "lines": [
    {"measure": "volunteering-hours" if i % 2 else "apprenticeships", "quantity": 3 + i, "years": 1 + i % 3,
     "label": f"Commitment {i + 1}"} for i in range(8)]}


class Printing:
    """A page whose prints are recorded, at a printer's resolution, roughly: three device pixels to each
    CSS pixel; with every request it makes."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=3,
                                           service_workers="block")
        self.context.add_init_script(PRINTS)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def close(self):
        self.context.close()


def printed(page, count: int = 1) -> str:
    page.wait_for_function("(count) => window.__printed.length >= count", arg=count, timeout=30000)
    return page.evaluate("window.__printed")[count - 1]


def extras_asked(v) -> list[str]:
    return [url for url in v.requests if f"/{EXTRAS_PATH}" in url]


def check_printed_code(page, tmp_path) -> str:
    """The printed record's code, read back by zbarimg, is the printed link, and stands beside it."""
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    code = page.locator("[data-print-qr]")
    link = page.locator("[data-print-link]")
    assert code.is_visible() and link.is_visible()
    assert code.locator("svg").get_attribute("aria-hidden") == "true"
    box, paragraph = code.bounding_box(), link.locator("xpath=..").bounding_box()
    assert box["width"] >= 90, f"the code is too small to scan: {box['width']}px"
    # Beside the link, at the record's right: level with it, or with the inputs in brief just above it
    # (a short list of facts leaves room there, so the code costs the page no height).
    right = paragraph["x"] + paragraph["width"]
    assert box["x"] > paragraph["x"] + paragraph["width"] / 2 and abs(box["x"] + box["width"] - right) < 2
    assert box["y"] <= paragraph["y"] + paragraph["height"] and box["y"] + box["height"] >= paragraph["y"] - 60
    png = tmp_path / "code.png"
    code.screenshot(path=png)
    address = link.get_attribute("href")
    assert "#inputs=" in address and decoded(png) == address
    return address


@pytest.mark.browser
@pytest.mark.parametrize("name", registry.names())
def test_print_draws_the_records_qr_code_of_its_link_then_prints(browser, server, tmp_path, name):
    v = Printing(browser)
    v.page.goto(f"{server}calculators/{name}/")
    ready(v.page)
    try_example(v.page)
    assert not extras_asked(v)  # a result shown is not a print: nothing more is downloaded
    tab_until(v.page, "[data-action='print']")
    v.page.keyboard.press("Enter")
    address = printed(v.page)
    if json.loads(api.qr_code(v.page.url))["ok"]:
        assert address == v.page.url  # drawn before the page printed, for the page's own link
        assert check_printed_code(v.page, tmp_path) == address
    else:  # a link too long for any QR code (a delivery report's comments, a report's contracts) prints alone
        assert address == ""
        v.page.emulate_media(media="print")
        assert v.page.locator("[data-print-link]").is_visible()
        assert v.page.locator("[data-print-qr] svg").count() == 0
    assert len(extras_asked(v)) == 1
    v.close()


@pytest.mark.browser
def test_ctrl_p_on_a_long_link_waits_for_its_code(browser, server, tmp_path):
    v = Printing(browser)
    link = permalink(api.run("valuation", EIGHT_LINES)["inputs"])
    v.page.goto(f"{server}calculators/valuation/{link}")
    ready(v.page)
    wait_for_result(v.page, "r.lines.length === 8")
    assert len(v.page.url) > 700 and not extras_asked(v)
    v.page.keyboard.press("Control+P")
    assert printed(v.page) == v.page.url
    assert check_printed_code(v.page, tmp_path) == v.page.url
    # Printed again, the code is already there: nothing is downloaded or drawn twice.
    v.page.emulate_media(media="screen")
    v.page.keyboard.press("Control+P")
    assert printed(v.page, 2) == v.page.url and len(extras_asked(v)) == 1
    v.close()


@pytest.mark.browser
def test_a_new_result_has_no_code_of_the_old_link(browser, server, tmp_path):
    v = Printing(browser)
    v.page.goto(f"{server}calculators/proportionality/")
    ready(v.page)
    try_example(v.page)
    v.page.hover("[data-action='print']")  # about to print: the code is drawn ahead
    v.page.wait_for_selector("[data-print-qr] svg", state="attached")
    v.page.locator("#proportionality-contract-value").fill("750000")
    v.page.keyboard.press("Tab")  # leaving the box: one recalculation, before Print is selected
    wait_for_result(v.page, "r.inputs.contract_value === 750000")
    assert v.page.locator("[data-print-qr] svg").count() == 0
    v.page.locator("[data-action='print']").click()
    assert printed(v.page) == v.page.url
    assert check_printed_code(v.page, tmp_path) == v.page.url
    v.close()


@pytest.mark.browser
def test_without_its_qr_files_the_record_prints_with_its_link(browser, server):
    v = Printing(browser)
    v.page.route(f"**/{EXTRAS_PATH}**", lambda route: route.abort())
    v.page.goto(f"{server}calculators/valuation/")
    ready(v.page)
    try_example(v.page)
    v.page.locator("[data-action='print']").click()
    assert printed(v.page) == ""  # printed, without a code
    status = v.page.locator("[data-engine-status]").text_content()
    assert "could not be downloaded" in status and "The printed record shows the link only." in status
    v.page.emulate_media(media="print")
    v.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not v.page.locator("[data-print-qr]").is_visible()
    assert v.page.locator("[data-print-link]").get_attribute("href") == v.page.url
    v.close()


@pytest.mark.browser
def test_the_qr_files_once_fetched_work_offline(browser, server, tmp_path):
    v = Visit(browser, server, service_workers="allow")
    v.context.add_init_script(PRINTS)
    v.page.goto(f"{server}calculators/valuation/")
    ready(v.page)
    runtime_cached(v.page)
    try_example(v.page)
    v.page.locator("[data-action='print']").click()
    printed(v.page)
    cached_until(v.page, lambda urls: any(f"/{EXTRAS_PATH}" in url for url in urls))
    v.context.set_offline(True)
    v.page.goto("about:blank")
    v.page.goto(f"{server}calculators/valuation/")
    ready(v.page)
    try_example(v.page)
    v.page.locator("[data-action='print']").click()
    assert printed(v.page) == v.page.url
    v.close()
