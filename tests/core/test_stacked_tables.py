"""Result tables that a narrow screen shows as one card a row (issue 28): each cell carries its column's
heading in ``data-label``, which the stylesheet prints beside the figure."""

from __future__ import annotations

import re

from calculators import api, render
from calculators.html import stacked


def labels(html: str, table_class: str) -> list[list[str | None]]:
    """Each row's cells' data-label (None for a cell without one), in the named table."""
    table = re.search(rf'<table class="[^"]*\b{table_class}\b.*?</table>', html, re.S).group(0)
    body = table.split("</thead>", 1)[1]
    return [[re.search(r'data-label="([^"]*)"', cell).group(1) if "data-label" in cell else None
             for cell in re.findall(r"<t[hd]\b[^>]*>", row)] for row in re.findall(r"<tr>.*?</tr>", body, re.S)]


def test_each_cell_is_labelled_with_its_column_heading():
    table = ('<table class="sv-table"><caption>C</caption><thead><tr><th scope="col">Line</th>'
             '<th scope="col" class="sv-num">Gross <span class="sv-note">(£)</span></th><th scope="col">Net &amp; more</th>'
             '</tr></thead><tbody><tr><th scope="row">1</th><td class="sv-num">£1</td><td>£2</td></tr>'
             '<tr><th scope="row">2</th><td colspan="2">Counted, not valued</td></tr></tbody>'
             '<tfoot><tr><th scope="row" colspan="2">Total</th><td>£2</td></tr></tfoot></table>')
    html = stacked(table)
    assert labels(html, "sv-table") == [[None, "Gross (£)", "Net &amp; more"],
                                        [None, "Gross (£), Net &amp; more"],
                                        [None, "Net &amp; more"]]


def test_the_valuation_and_evaluation_tables_with_pounds_are_stacked():
    valuation = render.result(api.registry.get("valuation"), api.run("valuation", api.registry.get("valuation").example))
    lines = labels(valuation, "sv-valuation-lines")
    assert [None, "Quantity a year", "Unit", "Years", "Gross", "Net", "Present value"] in lines
    assert [None, "Quantity a year", "Unit", "Years", "Gross, Net, Present value"] in lines  # counted, not valued
    assert lines[-1] == [None, "Gross", "Net", "Present value"]  # the total
    assert labels(valuation, "sv-valuation-basis")[0][-2:] == ["Proxy value and source", "Years"]
    evaluation = render.result(api.registry.get("evaluation"), api.run("evaluation", api.registry.get("evaluation").example))
    assert labels(evaluation, "sv-evaluation-bids")[0] == [
        "Rank", None, "Score (0 to 5)", "Method statement marks (of 5)", "Quantified offer",
        "Quantified marks (of 5)", "Social value marks (of 10)"]
