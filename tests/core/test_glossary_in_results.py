"""Issue 27, finding 13: glossary terms get the site's tooltips inside results too. The core wraps
the first use of each term in a result in <abbr title> with the glossary's meaning.

Written through the public door (``api.respond``); the built pages are checked in tests/site."""

from __future__ import annotations

import re

from calculators import api


def html_of(name: str, inputs: dict) -> str:
    reply = api.respond(name, inputs)
    assert reply["ok"], reply.get("errors")
    return reply["html"]


WELLBEING = {"price_year": 2024, "lines": [{"measure": "wellbeing-improvement", "quantity": 10, "years": 3,
                                            "drop_off": 20}]}


def test_wellby_and_drop_off_get_their_tooltip_in_a_result():
    html = html_of("valuation", WELLBEING)
    assert ('<abbr title="Wellbeing-adjusted life year">WELLBY</abbr>' in html)
    assert re.search(r'<abbr title="How much an outcome fades each year after the first year">drop-off</abbr>', html,
                     re.I)


def test_each_term_is_marked_once_and_never_inside_a_link_or_an_attribute():
    html = html_of("valuation", WELLBEING)
    assert html.count(">WELLBY</abbr>") == 1
    assert not re.search(r"<a\b[^>]*>[^<]*<abbr", html)
    assert not re.search(r'="[^"]*<abbr', html)


def test_a_monitoring_result_marks_its_terms_too():
    html = html_of("monitoring", {"contract_months": 12, "months_elapsed": 6, "commitments": [
        {"measure": "custom", "label": "x", "unit": "tCO2e", "proxy": 10, "quantity": 4, "years": 1, "delivered": 1}]})
    assert re.search(r'<abbr title="[^"]+">tCO2e</abbr>', html)
