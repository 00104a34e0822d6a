"""The hostile corpus of issue 31, through the doors a user reaches: ``api.respond`` (what the command
line and the build run), the form's values (``api.respond_form``), permalinks
(``api.open_permalink``) and files read in the browser (``api.open_import``).

Each case is refused with its field named and a plain message, never read as a different value
and never "Something went wrong". No subprocess, so the same cases run under Pyodide; the command
line's own cases are in tests/cli/test_hostile_cli.py, the large ones in ``make bench``."""

from __future__ import annotations

import base64
import html
import json

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api

CONTRACT = {"contract_value": 250000, "category": "services", "duration_months": 36,
            "procurement_date": "2026-03-01"}
LINE = {"measure": "apprenticeships", "quantity": 2, "years": 3}
BIDS = [{"name": "Acme Ltd", "score": 3, "offer": 1000}, {"name": "Beta Ltd", "score": 4, "offer": 2000}]
VALUATION_HEADER = "measure,quantity,years,proxy,label\n"


def link(inputs) -> str:
    text = inputs if isinstance(inputs, str) else json.dumps(inputs)
    return "#inputs=" + base64.urlsafe_b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


def respond(name: str, inputs) -> dict:
    return api.respond(name, inputs)


def form(name: str, flat: dict) -> dict:
    return json.loads(api.respond_form(name, json.dumps(flat)))


def permalink(name: str, inputs) -> dict:
    return json.loads(api.open_permalink(name, link(inputs)))


def file(name: str, text: str) -> dict:
    return json.loads(api.open_import(name, text))


DOORS = {"respond": respond, "form": form, "permalink": permalink, "import": file}

# (finding, door, calculator, what is sent, the field named, words the message must hold)
UNCLOSED_QUOTE = VALUATION_HEADER + 'apprenticeships,2,3,,"Site A\n' + "apprenticeships,2,3,,Site B\n" * 4
REFUSED = [
    # 4: a file saved with ";" between columns, as European spreadsheets save it, where "." may
    # separate thousands and "," be the decimal point: the cell is named, never read as another number
    (4, "import", "valuation", "measure;quantity;years;proxy\ncustom;1.500;3;2.000\n", "",
     ["Row 2, column 'quantity'", '"1.500"', "like 250000 or 1250.50"]),
    (4, "import", "valuation", "measure;quantity;years;proxy\ncustom;2;3;12,5\n", "",
     ["Row 2, column 'proxy'", '"12,5"']),
    (4, "import", "evaluation", "name;score;offer;weighting\nA;3;1.000;10\nB;4;2000;10\n", "",
     ["Row 2, column 'offer'", '"1.000"']),
    (4, "import", "monitoring", "measure;quantity;years;delivered\napprenticeships;2;3;1,5\n", "",
     ["Row 2, column 'delivered'", '"1,5"']),
    # 5: a quote opened and never closed is refused, naming the row where it opens
    (5, "import", "valuation", UNCLOSED_QUOTE, "", ["Row 2", "never closed"]),
    (5, "import", "evaluation", "name;score;offer;weighting\nA;3;1;10\n\nB;4;\"2;10\nC;3;1;10\n", "",
     ["Row 4", "never closed"]),
    (5, "import", "valuation", 'measure,"quantity,years\napprenticeships,2,3\n', "", ["Row 1", "never closed"]),
    # 13: control characters in text fields are refused; invisible marks do not make a name new
    (13, "respond", "valuation", {"lines": [{**LINE, "label": "Site \x1b[31m"}]}, "lines[0].label",
     ["control character", "U+001B"]),
    (13, "respond", "evaluation", {"weighting": 10, "bids": [{**BIDS[0], "name": "Acme\x00"}, BIDS[1]]},
     "bids[0].name", ["control character", "U+0000"]),
    (13, "form", "evaluation", {"weighting": "10", "bids[0].name": "A", "bids[0].score": "3", "bids[0].offer": "1",
                                "bids[0].notes": "Good\n\tplan\x9b", "bids[1].name": "B", "bids[1].score": "3",
                                "bids[1].offer": "2"}, "bids[0].notes", ["control character", "U+009B"]),
    *[(13, "respond", "evaluation", {"weighting": 10, "bids": [BIDS[0], {**BIDS[1], "name": same}]}, "bids[1].name",
       ["Each bid needs its own name"])
      for same in ("Acme\u200b Ltd", "\u200eAcme Ltd\u200f", "\u202eAcme Ltd\u202c", "Acme\u2060 Ltd\ufeff",
                   "\uff21cme  LTD")],
    # 6: digits of other scripts are not read as numbers or dates; the message repeats what was typed
    (6, "respond", "proportionality", {**CONTRACT, "contract_value": "١٢٣"}, "contract_value",
     ["digits 0 to 9", '"١٢٣"']),
    (6, "respond", "proportionality", {**CONTRACT, "contract_value": "１２３"}, "contract_value",
     ["digits 0 to 9", '"１２３"']),
    (6, "form", "valuation", {"lines[0].measure": "apprenticeships", "lines[0].quantity": "१२३",
                              "lines[0].years": "3"}, "lines[0].quantity", ["digits 0 to 9"]),
    (6, "respond", "evaluation", {"weighting": 10, "bids": [{**BIDS[0], "panel_scores": "٣, 4"}, BIDS[1]]},
     "bids[0].panel_scores", ["digits 0 to 9"]),
    (6, "respond", "proportionality", {**CONTRACT, "procurement_date": "２０２６-03-01"},
     "procurement_date", ["digits 0 to 9", "like 2026-03-01", '"２０２６-03-01"']),
    (6, "import", "valuation", VALUATION_HEADER + "apprenticeships,٢,3,,\n", "lines[0].quantity",
     ["digits 0 to 9", "row 2, column 'quantity'"]),
    # 8: a lone surrogate in any string or key, named by its path
    (8, "respond", "proportionality", {**CONTRACT, "contract_value": "\ud800"}, "contract_value",
     ["broken character", "U+D800"]),
    (8, "respond", "valuation", {"lines": [{**LINE, "label": "Site \udfff"}]}, "lines[0].label", ["U+DFFF"]),
    (8, "respond", "proportionality", {**CONTRACT, "\ud800": 1}, "\ufffd", ["name of this input"]),
    (8, "form", "evaluation", {"weighting": "10", "bids[0].name": "A\ud800", "bids[0].score": "3",
                               "bids[0].offer": "1", "bids[1].name": "B", "bids[1].score": "3",
                               "bids[1].offer": "2"}, "bids[0].name", ["broken character"]),
    (8, "permalink", "valuation", '{"lines": [{"measure": "apprenticeships", "quantity": 2, "years": 3, '
                                  '"unit": "\\ud800"}]}', "lines[0].unit", ["broken character"]),
    (8, "import", "evaluation", '[{"name": "A\\udc00", "score": 3, "offer": 1}, {"name": "B", "score": 3, '
                                '"offer": 2}]', "bids[0].name", ["broken character", "row 1, column 'name'"]),
]


@pytest.mark.parametrize("finding, door, name, sent, field, words", REFUSED,
                         ids=[f"{case[0]}-{case[1]}-{index}" for index, case in enumerate(REFUSED)])
def test_hostile_input_is_refused_naming_its_field(finding, door, name, sent, field, words):
    reply = DOORS[door](name, sent)
    assert reply["ok"] is False
    messages = {error["field"]: error["message"] for error in reply["errors"]}
    assert field in messages, reply["errors"]
    for word in words:
        assert word in messages[field], messages[field]
    assert all(api.SOMETHING_WRONG != message for message in messages.values())
    json.dumps(reply["errors"], ensure_ascii=False).encode("utf-8")  # every message can be printed as UTF-8


# --- 10: JSON depth is measured in memory proportional to the text -----------------------------

def test_a_long_string_in_a_link_costs_memory_in_proportion_to_its_length():
    """A pattern that backtracks kept about 120 bytes a character (1.17 GB for a 9.9 MB input);
    ``make bench`` measures that large case on the command line."""
    import tracemalloc

    label = "x" * 1_000_000
    fragment = link({"lines": [{**LINE, "label": label}]})
    tracemalloc.start()
    try:
        reply = json.loads(api.open_permalink("valuation", fragment))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "lines[0].label" in {error["field"] for error in reply["errors"]}
    assert peak < 25 * len(label), f"{peak / len(label):.0f} bytes a character"


@pytest.mark.parametrize("label", ['[[[[[[[[[[[[[[[[[[[[[[[[[[', '\\"[[[[[[[[[[[[[[[[[[[[[[[[[', 'end \\\\',
                                   '\\\\\\"{{{{{{{{{{{{{{{{{{{{{{{{'])
def test_brackets_and_escaped_quotes_inside_strings_do_not_count_as_depth(label):
    text = '{"lines": [{"measure": "apprenticeships", "quantity": 2, "years": 3, "label": "' + label + '"}]}'
    reply = json.loads(api.open_permalink("valuation", link(text)))
    assert reply["ok"] is True, reply["errors"]


@pytest.mark.parametrize("text", ['{"a": "x\\\\", "b": ' + "[" * 30 + "]" * 30 + "}",
                                  '{"a": "\\"[", "b": ' + "{\"c\": " * 30 + "1" + "}" * 30 + "}"])
def test_nesting_after_a_string_that_ends_in_a_backslash_still_counts(text):
    json.loads(text)  # valid JSON, only too deep
    reply = json.loads(api.open_permalink("valuation", link(text)))
    assert reply["ok"] is False and "could not be read" in reply["errors"][0]["message"]


TRICKY_TEXT = st.text(alphabet='\\"[]{}x', max_size=8)
NESTED = st.recursive(TRICKY_TEXT, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(TRICKY_TEXT, inner, max_size=2),
                      max_leaves=30)


def depth(value) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@settings(max_examples=150)
@given(NESTED)
def test_a_link_is_refused_as_too_deep_exactly_when_it_nests_too_deep(value):
    """Strings full of backslashes, quotes and brackets never change the depth measured."""
    reply = json.loads(api.open_permalink("valuation", link({"lines": [value]})))
    unreadable = "could not be read" in reply["errors"][0]["message"] if not reply["ok"] else False
    assert unreadable == (2 + depth(value) > 10)


# --- 12: every flag the evaluation can raise has a label ---------------------------------------

EVERY_FLAG = {"weighting": 10, "bids": [
    {"name": "A", "score": 3, "panel_scores": "1, 4", "offer": 200000, "price": 1000000},
    {"name": "B", "score": 3, "offer": 1000},
    {"name": "C", "score": 3, "lines": [
        {"measure": "local-employment", "quantity": 1, "years": 1, "deadweight": 0},
        {"measure": "ltu-into-work", "quantity": 1, "years": 1},
        {"measure": "ltu-into-work", "quantity": 1, "years": 1},
        {"measure": "training-hours", "quantity": 10, "years": 1},
        {"measure": "custom", "quantity": 1, "years": 1, "proxy": 100, "label": "Apprenticeships on the contract"},
        {"measure": "apprenticeships", "quantity": 1, "years": 1, "proxy": 1000000},
    ]},
]}


def test_every_flag_the_evaluation_can_raise_is_shown_by_its_label():
    from calculators.evaluation.compute import FLAG_CODES  # the codes the core can raise

    reply = api.respond("evaluation", EVERY_FLAG)
    assert reply["ok"], reply["errors"]
    raised = {flag["code"] for bid in reply["result"]["bids"] for flag in bid["flags"]}
    assert raised == set(FLAG_CODES)
    flag_lists = reply["html"].split('class="sv-flags">')[1:]
    shown = " ".join(part.split("</ul>")[0] for part in flag_lists)
    for code in FLAG_CODES:
        assert code not in shown, f"{code} is shown as a raw code"
    assert shown.count("<li>") == sum(len(bid["flags"]) for bid in reply["result"]["bids"])


@pytest.mark.parametrize("label", ["Apprenticeships on\u200b the contract", "\u2067apprenticeships\u2069"])
def test_a_custom_line_named_like_a_catalogue_measure_is_found_through_invisible_marks(label):
    line = {"measure": "custom", "quantity": 1, "years": 1, "proxy": 100, "deadweight": 10, "label": label}
    reply = api.respond("valuation", {"lines": [line]})
    assert "custom_matches_catalogue" in {warning["code"] for warning in reply["result"]["warnings"]}


def test_line_breaks_and_tabs_are_still_ordinary_typing():
    bids = [{**BIDS[0], "notes": "Strong plan.\r\n\r\nGood\tevidence."}, BIDS[1]]
    reply = api.respond("evaluation", {"weighting": 10, "bids": bids})
    assert reply["ok"] and reply["result"]["bids"][0]["notes"] == "Strong plan.\n\nGood evidence."


@pytest.mark.parametrize("text", [
    "measure;quantity;years;proxy;label\ncustom;2.5;3;1250.50;Site 1.500, north\n",  # text cells are text
    "measure,quantity,years,proxy\ncustom,1.500,3,\"2,000\"\n",  # a comma file is read the UK way
])
def test_a_file_whose_numbers_are_clear_is_read(text):
    reply = file("valuation", text)
    assert reply["ok"], reply["errors"]


# --- 7: a proxy far from the catalogue's own is kept, with a warning beside its field and in the result

def far_proxy_warnings(reply: dict) -> tuple[list[dict], list[dict]]:
    result = reply["result"]
    return ([w for w in result["warnings"] if w["code"] == "proxy_far_from_catalogue"],
            [w for w in result["field_warnings"] if w["field"].endswith(".proxy")])


@pytest.mark.parametrize("proxy, words", [(1000000, "about 82 times the catalogue's £12,200.00"),
                                          (1000, "less than 1/10 of the catalogue's £12,200.00")])
def test_a_proxy_far_from_the_catalogues_is_kept_with_a_warning(proxy, words):
    lines = [LINE, {**LINE, "proxy": proxy}]
    reply = api.respond("valuation", {"price_year": 2023, "lines": lines})
    in_result, beside_field = far_proxy_warnings(reply)
    assert [w["line"] for w in in_result] == [1] and words in in_result[0]["message"]
    assert beside_field == [{"field": "lines[1].proxy", "message": in_result[0]["message"]}]
    assert reply["result"]["lines"][1]["proxy"]["value"] == proxy
    assert html.escape(in_result[0]["message"]) in reply["html"]


def catalogue_ranges():
    """Each catalogue measure with a value: its own low and high values."""
    import tomllib
    from pathlib import Path

    import calculators

    data = tomllib.loads((Path(calculators.__file__).parent / "data" / "measures.toml").read_text(encoding="utf-8"))
    return [(item["id"], item["proxy"]["low"], item["proxy"]["high"]) for item in data["measures"] if "proxy" in item]


@pytest.mark.parametrize("measure, low, high", catalogue_ranges())
def test_no_value_within_the_catalogues_own_range_is_far(measure, low, high):
    """The factor in policy.toml is wider than any measure's own range, from low to high."""
    lines = [{"measure": measure, "quantity": 1, "years": 1, "proxy": figure} for figure in (low, high)]
    item = next(m for m in catalogue_ranges() if m[0] == measure)
    reply = api.respond("valuation", {"price_year": 2023, "lines": lines})
    assert reply["ok"] and far_proxy_warnings(reply) == ([], []), item


def test_a_custom_measures_proxy_is_never_far():
    line = {"measure": "custom", "quantity": 1, "years": 1, "proxy": 9000000, "deadweight": 10}
    assert far_proxy_warnings(api.respond("valuation", {"lines": [line]})) == ([], [])


def test_a_bid_with_a_far_proxy_is_flagged():
    reply = api.respond("evaluation", EVERY_FLAG)
    flags = {flag["code"]: flag["message"] for flag in reply["result"]["bids"][2]["flags"]}
    assert "times the catalogue's" in flags["proxy_far_from_catalogue"]


def test_a_monitored_commitment_with_a_far_proxy_is_warned():
    from calculators import registry

    inputs = registry.get("monitoring").example
    commitments = [{**inputs["commitments"][0], "measure": "apprenticeships", "proxy": 5000000}, *inputs["commitments"][1:]]
    reply = api.respond("monitoring", {**inputs, "commitments": commitments})
    in_result, beside_field = far_proxy_warnings(reply)
    assert [w["line"] for w in in_result] == [0] and beside_field[0]["field"] == "commitments[0].proxy"


def test_a_column_not_used_is_named_without_a_broken_character():
    text = ('[{"name": "A", "score": 3, "offer": 1, "weighting": 10, "\\ud800\\u0007": "x"}, '
            '{"name": "B", "score": 4, "offer": 2}]')
    reply = file("evaluation", text)
    assert reply["ok"] and "does not use the column: \ufffd\ufffd." in reply["message"]
