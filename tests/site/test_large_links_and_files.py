"""Issue 31, findings 1, 2, 3 and 7 in Chromium: large links and files never freeze the page, a file
too long for its form is refused at once, and whatever a link sets is seen in the form.

The page's longest task is measured (PerformanceObserver 'longtask') from the moment the link or
file is opened until its answer shows. The bounds are looser than the issue's goal of 200 ms for a
file: these tests share two cores with others (a load average near 10 when this was written), where
the same 1,000-row file measured 250 to 760 ms from one run to the next. `make bench` reports the
figure on a quiet machine (valuation_1000_row_file_longest_task_ms).
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from calculators.permalink import encode as permalink

from accessibility import axe_problems
from calculator_page import ready, result_of, wait_for_result

LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver((list) => { for (const task of list.getEntries()) window.__longTasks.push(task.duration); })
    .observe({type: "longtask", buffered: true});
// The most lines the page adds to a list at once: a batch, or all of them.
window.__mostLinesAtOnce = 0;
new MutationObserver((records) => { for (const record of records) {
    const lines = [...record.addedNodes].filter((node) => node.matches && node.matches("[data-line]")).length;
    window.__mostLinesAtOnce = Math.max(window.__mostLinesAtOnce, lines); } })
    .observe(document, {childList: true, subtree: true});"""
# A task is reported once it ends: give the last one time to arrive.
LONGEST = "new Promise((done) => setTimeout(() => done(Math.max(0, ...window.__longTasks)), 500))"
LINE = {"measure": "apprenticeships", "quantity": 2, "years": 3}
# Before the fix: a 4,000-line bids link froze the page for 25 s and 1,000 file rows for 2.4 s (issue 31).
LINK_BOUND_MS = 1000
FILE_BOUND_MS = 1500


def measured(visit, url: str):
    """A visit that records every long task of the page, once its engine is ready."""
    v = visit()
    v.page.add_init_script(LONG_TASKS)
    v.page.goto(url)
    ready(v.page)
    return v


def longest_task(page) -> float:
    return page.evaluate(LONGEST)


def choose_file(page, tmp_path, name: str, text: str):
    """Choose a file in the form's file box, with the long tasks counted from now."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.evaluate("window.__longTasks = []")
    page.set_input_files("[data-import]", str(path))


def line_count(page) -> int:
    return page.locator("[data-lines] > [data-line]").count()


def test_a_bids_link_with_4000_outcome_lines_is_refused_without_freezing_the_page(server, visit):
    bids = [{"name": f"Bidder {n}", "score": 3, "lines": [LINE] * 80} for n in range(50)]
    link = permalink({"weighting": 10, "bids": bids})
    assert len(link) > 200_000
    v = measured(visit, server + "calculators/evaluation/" + link)
    v.page.wait_for_selector(".sv-error-summary")
    assert "Bids 1, 2, 3, 4, 5, 6, 7, 8, 9 and 10 and more in this link have outcome lines" \
        in v.page.inner_text(".sv-error-summary")
    assert line_count(v.page) == 50 and v.page.locator("input[type=hidden]").count() == 0
    longest = longest_task(v.page)
    print(f"bids link of 4,000 lines: longest task {longest:.0f} ms")
    assert longest < LINK_BOUND_MS
    assert not v.errors


def test_a_file_longer_than_the_form_is_refused_at_once_and_lays_out_nothing(server, visit, tmp_path):
    v = measured(visit, server + "calculators/valuation/")
    for rows in (2000, 50_000):
        choose_file(v.page, tmp_path, f"lines-{rows}.csv", "measure,quantity,years\n" + "apprenticeships,1,1\n" * rows)
        v.page.wait_for_function("(rows) => (document.querySelector('.sv-error-summary') || {}).textContent"
                                 "?.includes(`This file has ${rows.toLocaleString('en-GB')} rows`)", arg=rows)
        assert "the form takes up to 1,000 lines" in v.page.inner_text(".sv-error-summary")
        assert line_count(v.page) == 1 and v.page.input_value("#valuation-lines-0-measure") == ""
        assert v.page.inner_text("[data-engine-status]").startswith("The file was not opened.")
        assert v.page.get_attribute("[data-engine-status]", "data-state") == "error"
        longest = longest_task(v.page)
        print(f"{rows:,}-row file refused: longest task {longest:.0f} ms")
        assert longest < FILE_BOUND_MS
    assert not v.errors


def test_a_1000_row_file_is_laid_out_in_batches(server, visit, tmp_path):
    v = measured(visit, server + "calculators/valuation/")
    rows = "".join(f"{'volunteering-hours' if i % 2 else 'apprenticeships'},{1 + i % 9},3\n" for i in range(1000))
    choose_file(v.page, tmp_path, "lines-1000.csv", "measure,quantity,years\n" + rows)
    wait_for_result(v.page, "r.lines.length === 1000")
    assert line_count(v.page) == 1000
    assert v.page.evaluate("window.__mostLinesAtOnce") <= 50  # laid out in batches, not 999 at once
    assert v.page.input_value("#valuation-lines-999-quantity") == "1"
    assert v.page.inner_text("[data-engine-status]").startswith("Opened a file with 1,000 lines.")
    longest = longest_task(v.page)
    print(f"1,000-row file: longest task {longest:.0f} ms")
    assert longest < FILE_BOUND_MS
    assert not v.errors


def test_a_far_proxy_set_by_a_link_is_shown_with_its_warning(server, visit):
    # Issue 31, finding 7: a proxy 79 times the catalogue's, inside the closed "Adjust the assumptions".
    link = permalink({"lines": [{**LINE, "proxy": 1_000_000}]})
    v = measured(visit, server + "calculators/valuation/" + link)
    wait_for_result(v.page, "r.lines.length === 1")
    assert result_of(v.page)["field_warnings"]
    warning = v.page.locator("[data-field='lines[0].proxy'] .sv-warning-message")
    warning.wait_for(state="visible")
    assert v.page.is_visible("#valuation-lines-0-proxy")
    assert v.page.input_value("#valuation-lines-0-proxy") in ("1000000", "1,000,000", "£1,000,000")
    assert "catalogue" in warning.inner_text()
    described = v.page.get_attribute("#valuation-lines-0-proxy", "aria-describedby")
    assert warning.get_attribute("id") in described.split()
    assert axe_problems(Axe(), v.page) == []
    assert not v.errors


def test_a_long_result_shows_100_rows_a_table_and_a_button_shows_them_all(server, visit):
    # Issue 29: a result of over 200 lines lays out the first 100 rows of each long table; the rest are in
    # the page, hidden, shown by a keyboard-usable button (which says so), and printed.
    link = permalink({"lines": [{**LINE, "quantity": 1 + i % 9} for i in range(201)]})
    v = measured(visit, server + "calculators/valuation/" + link)
    wait_for_result(v.page, "r.lines.length === 201")
    hidden = "(id) => document.getElementById(id).hidden"
    display = "(id) => getComputedStyle(document.getElementById(id)).display"
    for more in ("valuation-more-lines", "valuation-more-basis"):
        assert v.page.evaluate(hidden, more) and v.page.evaluate(display, more) == "none"
        assert v.page.locator(f"#{more} > tr").count() == 101
    assert v.page.locator(".sv-valuation-lines tbody:not([hidden]) > tr").count() == 100
    v.page.emulate_media(media="print")
    assert v.page.evaluate(display, "valuation-more-lines") == "table-row-group"  # every line prints
    assert v.page.evaluate("getComputedStyle(document.querySelector('.sv-show-all')).display") == "none"
    v.page.emulate_media(media="screen")
    v.page.focus("[aria-controls='valuation-more-lines']")
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("() => !document.getElementById('valuation-more-lines').hidden")
    assert v.page.locator("[aria-controls='valuation-more-lines']").count() == 0
    assert v.page.evaluate(hidden, "valuation-more-basis"), "each table has its own button"
    assert v.page.evaluate("document.activeElement.contains(document.getElementById('valuation-more-lines'))")
    assert v.page.inner_text("[data-engine-status]") == "Showing all 201 lines."
    assert axe_problems(Axe(), v.page) == []
    assert not v.errors
