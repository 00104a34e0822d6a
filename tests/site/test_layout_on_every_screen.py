"""Layout that reads the same on a desktop and on 390 and 320 px phones (issue 28): the error summary
as GOV.UK draws it, result tables that keep each line's label beside its figures, charts with
readable text, and guidance tables that never split a word."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from accessibility import axe_problems
from calculator_page import ready, tab_until, try_example
from conftest import html_pages

WIDTHS = (1280, 390, 320)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_error_summary_is_drawn_as_gov_uk_draws_it(server, screen, width):
    page = screen(width)
    page.goto(server + "calculators/proportionality/")
    ready(page)
    tab_until(page, ".sv-calculate")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sv-error-summary")
    drawn = page.evaluate("""() => {
        const box = document.querySelector('.sv-error-summary'), title = box.querySelector('h2');
        const style = getComputedStyle(box), list = getComputedStyle(box.querySelector('ul'));
        const sides = ['Top', 'Right', 'Bottom', 'Left'];
        return {
            focused: document.activeElement === box,
            // Between the inside of the border and the title there is the padding and nothing more.
            band: title.getBoundingClientRect().top - box.getBoundingClientRect().top
                  - parseFloat(style.borderTopWidth) - parseFloat(style.paddingTop),
            borders: [...new Set(sides.map(s => style['border' + s + 'Width'] + ' ' + style['border' + s + 'Style']
                                               + ' ' + style['border' + s + 'Color']))],
            red: getComputedStyle(document.documentElement).getPropertyValue('--sv-error').trim(),
            outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0,
            shadow: style.boxShadow,
            titleWeight: Number(getComputedStyle(title).fontWeight),
            bullets: list.listStyleType,
        };
    }""")
    assert drawn["focused"]
    assert abs(drawn["band"]) <= 1, f"an empty band of {drawn['band']}px above the title"
    assert drawn["borders"] == ["5px solid rgb(179, 38, 30)"] and drawn["red"] == "#b3261e"
    # One red border: no focus ring or inner line drawn beside it.
    assert drawn["outline"] and drawn["shadow"] == "none"
    assert drawn["titleWeight"] >= 700 and drawn["bullets"] == "none"
    assert axe_problems(Axe(), page) == []


# Each run of letters and digits in a guidance table's cells that the browser lays out on more than
# one line. A break after a hyphen or a slash is between words, and allowed.
SPLIT_WORDS = """() => {
    const split = [];
    for (const cell of document.querySelectorAll('article table td, article table th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) split.push(word[0]);
            }
        }
    }
    return split;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_guidance_tables_never_split_a_word(server, site_dir, screen, width):
    page = screen(width)
    with_tables = [path for path in html_pages(site_dir) if not path.startswith("calculators/")
                   and "<table" in (site_dir / path / "index.html").read_text(encoding="utf-8")]
    assert "toolkit/templates/" in with_tables
    split = {}
    for path in with_tables:
        page.goto(server + path)
        if words := page.evaluate(SPLIT_WORDS):
            split[path] = words
    assert not split, split


# Each result table's rows with an amount in pounds: the row's heading and each £ figure must be on the
# screen (inside the table's scrolling region, as far as it shows without scrolling), and each figure's
# column heading must be seen with it: above it in the table, or beside it on a phone's card.
UNSEEN_FIGURES = """() => {
    const unseen = [];
    for (const table of document.querySelectorAll('[data-calculator-result] table')) {
        if (!table.checkVisibility()) continue;  // the inputs in brief, for print only
        const region = (table.closest('.sv-table-scroll') || document.documentElement).getBoundingClientRect();
        const left = Math.max(0, region.left) - 1, right = Math.min(window.innerWidth, region.right) + 1;
        const shown = element => { const r = element.getBoundingClientRect();
                                   return r.width > 0 && r.left >= left && r.right <= right; };
        const headings = [...table.querySelectorAll('thead th')];
        const headingsShown = getComputedStyle(table.tHead).position !== 'absolute';
        for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
            const name = row.querySelector('th');
            const cells = [...row.cells];
            for (const cell of cells.filter(c => c.tagName === 'TD' && c.textContent.includes('£'))) {
                const where = `${table.caption.textContent}: ${name.textContent.trim()}: ${cell.textContent.trim()}`;
                if (!shown(name) || !shown(cell)) unseen.push(where + ' is off screen');
                const column = cells.slice(0, cells.indexOf(cell)).reduce((sum, c) => sum + c.colSpan, 0);
                const beside = getComputedStyle(cell, '::before').content === JSON.stringify(cell.dataset.label || '');
                const above = headingsShown && headings[column] && shown(headings[column]);
                if (!(beside && cell.dataset.label) && !above) unseen.push(where + ' has no heading in sight');
            }
        }
    }
    return unseen;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["valuation", "evaluation"])
def test_each_line_of_a_result_shows_its_label_with_its_pounds(server, screen, name, width):
    page = screen(width)
    page.goto(f"{server}calculators/{name}/")
    ready(page)
    try_example(page)
    assert page.locator("[data-calculator-result] td:has-text('£')").count() >= 3
    assert page.evaluate(UNSEEN_FIGURES) == []
    # Still tables, each in a named region, and the page no wider than the screen.
    for region in page.locator("[data-calculator-result] .sv-table-scroll").all():
        assert region.get_attribute("role") == "region" and region.get_attribute("aria-label")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_problems(Axe(), page) == []


# The text of each chart the page shows, as rendered: its font size times the chart's scale on screen.
CHART_TEXT = """() => [...document.querySelectorAll('[data-calculator-result] .sv-chart svg')]
    .filter(svg => svg.checkVisibility())
    .map(svg => ({
        name: svg.getAttribute('aria-labelledby'),
        labelled: !!svg.querySelector('title') && !!svg.querySelector('desc') && svg.getAttribute('role') === 'img',
        right: svg.getBoundingClientRect().right,
        smallest: Math.min(...[...svg.querySelectorAll('text')].map(
            text => parseFloat(text.getAttribute('font-size')) * svg.getScreenCTM().a)),
        outside: [...svg.querySelectorAll('text')].filter(text => {
            const box = text.getBBox(), view = svg.viewBox.baseVal;
            return box.x < view.x - 0.5 || box.x + box.width > view.x + view.width + 0.5; }).map(t => t.textContent),
    }))"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["valuation", "monitoring"])
def test_chart_text_is_at_least_12_pixels(server, screen, name, width):
    page = screen(width)
    page.goto(f"{server}calculators/{name}/")
    ready(page)
    try_example(page)
    charts = page.evaluate(CHART_TEXT)
    assert len(charts) == 1, charts  # one layout shows at a time, with its text alternative
    chart = charts[0]
    assert chart["labelled"] and chart["smallest"] >= 12, chart
    assert chart["outside"] == [] and chart["right"] <= width, chart
    assert axe_problems(Axe(), page) == []
