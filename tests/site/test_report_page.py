"""The social value report page in Chromium (issue 26): three delivery report files opened at once give
the command line's answer (`python -m calculators report --open A B C`), axe finds nothing, the page
fits 320 and 390 px phones with each row's label beside its £ figures and chart text of 12 px or more,
and it prints as the report for the cross-sector group: the period, the contracts, the headline and the
charts on the first page; the objectives and priorities next; then the contracts, with the date, and the
Policy's sections on evaluating and reviewing cited."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from calculator_page import cli as run_cli
from calculator_page import opened, ready, result_of, wait_for_result
from test_layout_on_every_screen import CHART_TEXT, UNSEEN_FIGURES

PAGE = "calculators/report/"
EXAMPLE_CSV = Path(__file__).resolve().parents[2] / "docs" / "toolkit" / "templates" / "report-worked-example.csv"
# A4 less print.css's page margins (12 mm top and bottom, 14 mm each side), in CSS pixels (96 to the inch).
A4_WIDTH, A4_HEIGHT = round((210 - 28) / 25.4 * 96), round((297 - 24) / 25.4 * 96)


def three_files(folder: Path) -> list[str]:
    """The worked example split into three files of two contracts each, as three providers might send them."""
    rows = list(csv.reader(EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()))  # the template starts with a byte-order mark
    head, body = rows[0], rows[1:]
    column = head.index("contract_reference")
    names = []
    for name, references in (("a.csv", ("WE-01", "WE-02")), ("b.csv", ("WE-03", "WE-04")), ("c.csv", ("WE-05", "WE-06"))):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(head)
            writer.writerows(row for row in body if row[column] in references)
        names.append(name)
    return names


def cli_open(folder: Path, names: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "calculators", "report", "--open", *names], cwd=folder,
                          capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    return json.loads(done.stdout)


def open_example_file(page):
    """The worked example, as a trainer opens it: the templates page's CSV, chosen in the file box."""
    page.set_input_files("#report-import", str(EXAMPLE_CSV))
    # The worked example shown before it has 22 reports too: wait for the status line to tell of the file.
    page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent.startsWith('Opened a file')")
    wait_for_result(page, "r.inputs.reports.length === 22")


def test_three_files_at_once_give_the_command_lines_answer(server, visit, tmp_path):
    names = three_files(tmp_path)
    v = opened(visit, server + PAGE)
    v.page.set_input_files("#report-import", [str(tmp_path / name) for name in names])
    wait_for_result(v.page, "r.inputs.reports.length === 22")
    v.page.wait_for_function("() => document.querySelector('[data-engine-status]').textContent.startsWith('Opened')")
    shown = result_of(v.page)
    assert shown == cli_open(tmp_path, names)
    assert shown == run_cli("report", shown["inputs"])  # and the JSON command line on the inputs the page holds
    assert v.page.inner_text("[data-engine-status]").startswith("Opened 3 files")
    region = v.page.locator("[data-calculator-result]")
    headline = region.locator(".sv-headline").inner_text()
    assert headline.startswith("Across 6 contracts, providers report")
    assert len(re.findall(r"[.!?](?:\s|$)", headline)) == 1  # one sentence
    # WE-05's provider claims delivery and nothing is verified: its verified figure is "not given".
    we05 = region.locator(".sv-report-contracts tbody tr", has_text="WE-05")
    assert we05.locator("td[data-label='Verified']").inner_text() == "not given"
    assert region.locator("figure.sv-report-chart").count() == 2
    assert axe_problems(Axe(), v.page) == []
    assert not v.errors and not v.foreign_requests()


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_the_report_reads_on_every_screen(server, screen, width):
    page = screen(width)
    page.goto(server + PAGE)
    ready(page)
    open_example_file(page)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator("[data-calculator-result] td:has-text('£')").count() >= 20
    assert page.evaluate(UNSEEN_FIGURES) == []
    charts = page.evaluate(CHART_TEXT)
    assert len(charts) == 2, charts  # the priorities and the trend, each in one layout at a time
    for chart in charts:
        assert chart["labelled"] and chart["smallest"] >= 12, chart
        assert chart["outside"] == [] and chart["right"] <= width, chart
    assert axe_problems(Axe(), page) == []


def test_the_report_prints_for_the_cross_sector_group(server, visit):
    v = opened(visit, server + PAGE)
    page = v.page
    page.set_viewport_size({"width": A4_WIDTH, "height": A4_HEIGHT})
    open_example_file(page)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    region = page.locator("[data-calculator-result]")
    # The charts print (the wide layout), unlike the other calculators'.
    assert region.locator(".sv-report-chart .sv-chart__svg:not(.sv-chart__svg--phone)").nth(1).is_visible()
    assert not region.locator(".sv-chart__svg--phone").first.is_visible()

    def top(selector: str) -> float:
        return page.evaluate(f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top")

    order = [".sv-report-cover", ".sv-headline", "#sv-report-priorities-title", ".sv-report-chart + .sv-report-chart",
             "section.sv-report-objectives", "table.sv-report-priorities", "section.sv-report-by-contract",
             ".sv-report-policy", ".sv-print-summary"]
    tops = [top(selector) for selector in order[:2]] + [top(".sv-report-chart")] + [top(s) for s in order[3:]]
    assert tops == sorted(tops), dict(zip(order, tops))
    # The first page: from the page's title to the end of the charts fits one A4 page; the objectives start
    # the next, and the contracts the one after.
    first_page = page.evaluate("""() => document.querySelector('.sv-report-summary').getBoundingClientRect().bottom
        - document.querySelector('.md-content__inner h1').getBoundingClientRect().top""")
    assert first_page <= A4_HEIGHT, f"the first page is {first_page}px, more than A4's {A4_HEIGHT}px"
    breaks = page.evaluate("""() => ['.sv-report-objectives', '.sv-report-by-contract'].map(
        s => getComputedStyle(document.querySelector('section' + s)).breakBefore)""")
    assert breaks == ["page", "page"]
    cover = region.locator(".sv-report-cover").inner_text()
    assert "31 March 2027" in cover and "6" in cover
    assert region.locator(".sv-report-covered li").count() == 6
    # The Policy's sections on evaluating and reviewing, cited in print; the date and the link to open it again.
    policy = region.locator(".sv-report-policy")
    assert policy.is_visible()
    hrefs = policy.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(href.endswith("#evaluating-our-approach") for href in hrefs)
    assert any(href.endswith("#reviewing-our-social-value-policy") for href in hrefs)
    summary = page.locator(".sv-print-summary")
    assert summary.is_visible() and "Printed on" in summary.inner_text()
    assert summary.locator("[data-print-link]").get_attribute("href") == page.url
    # Each commitment's inputs stay in the delivery reports: the record does not reprint them.
    assert not summary.locator(".sv-table-scroll").first.is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 3 <= pages <= 8, f"{pages} pages"
    assert not v.errors
