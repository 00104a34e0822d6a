"""Issue 29, big results in the page: a result table of more than 200 rows shows its first 100, with a
button that shows the rest; every row is in the HTML (and printed: print.css). The glossary's tooltips
still go on each term's first use only, found by a search from one use to the next."""

from __future__ import annotations

import re

from calculators import api
from calculators.glossary_terms import mark
from calculators.html import LONG_TABLE, SHOWN_ROWS


def valuation_html(count: int) -> str:
    lines = [{"measure": "volunteering-hours", "quantity": 1 + i % 9, "years": 3} for i in range(count)]
    reply = api.respond("valuation", {"price_year": 2026, "lines": lines}, exports=False)
    assert reply["ok"], reply.get("errors")
    return reply["html"]


def test_a_long_tables_rows_after_the_first_hundred_are_hidden_behind_a_button():
    html = valuation_html(1000)
    for table, more in (("sv-valuation-lines", "valuation-more-lines"), ("sv-valuation-basis", "valuation-more-basis")):
        body = re.search(rf'<table class="sv-table {table}">.*?</table>', html, re.S).group(0)
        shown, hidden = re.findall(r"<tbody[^>]*>(.*?)</tbody>", body, re.S)
        assert shown.count("<tr>") == SHOWN_ROWS and hidden.count("<tr>") == 1000 - SHOWN_ROWS
        assert f'<tbody id="{more}" data-more-rows hidden>' in body
        assert (f'<button type="button" class="md-button" data-action="show-rows" aria-controls="{more}">'
                f'Show all 1,000 lines</button>') in html
    assert '<th scope="row">1000. ' in html, "every line is in the page"
    assert "The table shows the first 100 of 1,000 lines." in html


def test_a_table_of_up_to_200_rows_shows_them_all():
    html = valuation_html(LONG_TABLE)
    assert "data-more-rows" not in html and "show-rows" not in html
    assert html.count('<tbody>') >= 2


def test_each_term_is_marked_once_where_it_is_first_used_in_text():
    fragment = ('<p title="WELLBY">x</p><a href="#">WELLBY</a><p>SROI filter scale, then SROI filter scale, '
                'then SROI</p><svg><title>drop-off</title></svg><p>Drop-off and WELLBY and WELLBY</p>')
    marked = mark(fragment)
    assert marked.count("<abbr") == 4
    assert '<p title="WELLBY">x</p><a href="#">WELLBY</a>' in marked
    assert re.search(r'<p><abbr title="[^"]+">SROI filter scale</abbr>, then SROI filter scale, then '
                     r'<abbr title="[^"]+">SROI</abbr></p>', marked)
    assert "<title>drop-off</title>" in marked
    assert re.search(r'<abbr title="[^"]+">Drop-off</abbr> and <abbr title="[^"]+">WELLBY</abbr> and WELLBY', marked)
