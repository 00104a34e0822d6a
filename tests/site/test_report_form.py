"""The report's form in Chromium: the delivery reports (each with its commitments, a list inside a list's
item) have no boxes; the page keeps them from the worked example, a link or files (``Files.kept``), so
changing the price year or "report up to" recomputes with them, and a result's link opens it again."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from calculator_page import opened, result_of, try_example, type_into, wait_for_result
from test_report_page import PAGE, three_files

from calculators import api
from calculators.report import EXAMPLE


def contracts(result: dict) -> set[str]:
    return {report["contract_reference"] for report in result["inputs"]["reports"]}


def summary(page) -> str:
    return page.inner_text("[data-kept-summary]")


def test_the_worked_example_keeps_its_reports_through_a_change_and_its_link(server, visit):
    v = opened(visit, server + PAGE)
    page = v.page
    # The form has boxes only for what a person sets: no box for a report or a commitment.
    names = page.evaluate("() => [...document.querySelector('[data-calculator] form').elements].map(e => e.name)"
                          ".filter(Boolean)")
    assert names == ["price_year", "period_end"]
    try_example(page)
    assert page.inner_text("[data-error-summary]") == ""
    assert result_of(page) == api.run("report", EXAMPLE)
    assert len(contracts(result_of(page))) == 6 and summary(page) == "6 contracts, 22 delivery reports open."
    axe = Axe()
    assert axe_problems(axe, page) == []
    type_into(page, "report-price-year", "2025")
    wait_for_result(page, "r.inputs.price_year == 2025 && r.inputs.reports.length === 22")
    type_into(page, "report-period-end", "2026-12-31")
    wait_for_result(page, "r.inputs.period_end === '2026-12-31' && r.inputs.reports.length === 22")
    shown = result_of(page)
    assert page.inner_text("[data-error-summary]") == "" and len(contracts(shown)) == 6
    assert shown == api.run("report", shown["inputs"])
    assert axe_problems(axe, page) == []
    # The result's link, opened in a fresh page, shows the same result; a change there keeps its reports too.
    again = opened(visit, page.url)
    wait_for_result(again.page, "r.inputs.period_end === '2026-12-31'")
    assert result_of(again.page) == shown
    assert again.page.input_value("#report-price-year") == "2025"
    assert summary(again.page) == "6 contracts, 22 delivery reports open."
    type_into(again.page, "report-price-year", "2026")
    wait_for_result(again.page, "r.inputs.price_year == 2026 && r.inputs.reports.length === 22")
    assert axe_problems(axe, again.page) == []
    assert not v.errors and not again.errors


def test_opened_files_stay_open_when_the_price_year_changes(server, visit, tmp_path):
    names = three_files(tmp_path)
    v = opened(visit, server + PAGE)
    page = v.page
    page.set_input_files("#report-import", [str(tmp_path / name) for name in names])
    # The worked example shown before has 22 reports too: wait for the status line to tell of the files.
    page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent.startsWith('Opened 3')")
    wait_for_result(page, "r.inputs.reports.length === 22 && r.inputs.reports[0].file === 'a.csv'")
    assert summary(page) == "6 contracts, 22 delivery reports, from a.csv, b.csv and c.csv open."
    opened_result = result_of(page)
    type_into(page, "report-price-year", "2025")
    wait_for_result(page, "r.inputs.price_year == 2025")
    shown = result_of(page)
    assert page.inner_text("[data-error-summary]") == ""
    assert contracts(shown) == contracts(opened_result) == {f"WE-0{n}" for n in range(1, 7)}
    assert [r["file"] for r in shown["inputs"]["reports"]] == [r["file"] for r in opened_result["inputs"]["reports"]]
    assert axe_problems(Axe(), page) == []
    assert not v.errors
