"""Crafted permalinks: anyone can write one, so opening one is bounded and never raises.

These are the links of issue 16. Each is opened through ``api.open_permalink``, the worker's entry
point, and the page gets JSON (never NaN, Infinity or a traceback) that says the link is damaged and
fills nothing into the form.
"""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings, strategies as st

from calculators import api, permalink, registry


def link(text: str) -> str:
    """A permalink holding any text, valid JSON or not."""
    return permalink.PREFIX + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def strict_json(text: str):
    """Parse as the page's JSON.parse does: NaN and Infinity are not JSON."""
    def refuse(name):
        raise AssertionError(f"{name} reached the page")
    return json.loads(text, parse_constant=refuse)


def opened(name: str, fragment: str) -> dict:
    return strict_json(api.open_permalink(name, fragment, "../../"))


def assert_damaged(reply: dict):
    assert reply["ok"] is False
    assert reply["errors"][0]["message"].startswith("This link is damaged")
    assert "This link is damaged" in reply["html"]
    assert reply["form"] == {}
    assert "Traceback" not in json.dumps(reply)


def test_the_frozen_tab_link_fills_nothing():
    # calculators/valuation/#inputs=eyJsaW5lc1s5OTk5OTk5OV0iOjF9 froze the tab laying out lines.
    fragment = "#inputs=eyJsaW5lc1s5OTk5OTk5OV0iOjF9"
    assert permalink.decode(fragment) == {"lines[99999999]": 1}
    assert_damaged(opened("valuation", fragment))


def test_twenty_thousand_lines_fill_nothing():
    reply = opened("valuation", permalink.encode({"lines": [0] * 20000}))
    assert_damaged(reply)
    assert any("up to 1,000" in error["message"] for error in reply["errors"])


def test_an_invalid_link_names_its_problems_after_saying_it_is_damaged():
    reply = opened("proportionality", permalink.encode({"contract_value": "lots", "category": "goods",
                                                        "duration_months": 12}))
    assert_damaged(reply)
    assert [e["field"] for e in reply["errors"]] == ["", "contract_value"]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_nan_and_infinity_are_damaged(literal):
    fragment = link('{"contract_value": %s, "category": "goods", "duration_months": 12}' % literal)
    with pytest.raises(ValueError, match="damaged"):
        permalink.decode(fragment)
    assert_damaged(opened("proportionality", fragment))


def test_nan_is_never_written_into_a_link():
    for value in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            permalink.encode({"contract_value": value})


@pytest.mark.parametrize("text", ["[" * 3000, "[" * 3000 + "]" * 3000, '{"a":' * 3000 + "1" + "}" * 3000,
                                  "[" * (permalink.MAX_DEPTH + 1) + "]" * (permalink.MAX_DEPTH + 1)])
def test_deep_nesting_is_damaged_not_a_traceback(text):
    with pytest.raises(ValueError, match="damaged"):
        permalink.decode(link(text))
    assert_damaged(opened("valuation", link(text)))


def test_brackets_inside_text_are_not_nesting():
    label = '[[[[[[[[[[[[{{{{{{{{{{ \\" ]]]'
    inputs = {"lines": [{"measure": "custom", "quantity": 1, "years": 1, "proxy": 5, "label": label}]}
    assert permalink.decode(permalink.encode(inputs)) == inputs
    reply = opened("valuation", permalink.encode(inputs))
    assert reply["ok"] and reply["form"]["lines[0].label"] == label


def test_a_link_longer_than_any_calculation_is_damaged_before_decoding():
    fragment = permalink.PREFIX + "A" * (permalink.MAX_LENGTH + 1)
    with pytest.raises(ValueError, match="damaged"):
        permalink.decode(fragment)
    assert_damaged(opened("valuation", fragment))


def test_the_longest_valid_link_opens():
    # 1,000 lines (the most a valuation takes) with every text field full of 4-byte characters and
    # numbers with long decimals: the largest link the site can make stays within the limits (and
    # its figures within the £1 trillion a result may show).
    line = {"measure": "custom", "quantity": 999.123456789012, "years": 50, "deadweight": 99.123456789,
            "attribution": 99.123456789, "displacement": 99.123456789, "drop_off": 99.123456789,
            "proxy": 9999.99, "label": "😀" * 80, "unit": "😀" * 40, "priority": "Healthy"}
    inputs = {"price_year": 2026, "discount_rate": 19.123456789, "contract_value": 99999999999.99,
              "lines": [line] * 1000}
    result = api.run("valuation", inputs)
    assert len(result["permalink"]) < permalink.MAX_LENGTH
    reply = opened("valuation", result["permalink"])
    assert reply["ok"], reply["errors"][:3]
    assert reply["form"]["lines[999].label"] == "😀" * 80


def test_a_valid_link_fills_the_form():
    result = api.run("proportionality", {"contract_value": 75000, "category": "goods", "duration_months": 24})
    reply = opened("proportionality", result["permalink"])
    assert reply["ok"] and reply["form"]["contract_value"] == 75000 and reply["form"]["category"] == "goods"


def test_anything_that_breaks_while_opening_a_link_says_it_is_damaged(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "respond", broken)
    result = api.run("proportionality", {"contract_value": 75000, "category": "goods", "duration_months": 24})
    assert_damaged(opened("proportionality", result["permalink"]))


def test_a_reply_with_nan_becomes_an_error_not_bad_json(monkeypatch):
    monkeypatch.setattr(api, "respond", lambda *args: {"ok": True, "result": {"total": float("nan")}})
    reply = strict_json(api.respond_form("proportionality", "{}"))
    assert reply["ok"] is False and "went wrong" in reply["errors"][0]["message"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(registry.names()), st.one_of(st.text(), json_values.map(lambda v: link(json.dumps(v)))))
def test_any_link_gives_json_and_fills_the_form_only_when_valid(name, fragment):
    reply = opened(name, fragment)
    if reply["ok"]:
        assert reply["result"]["calculator"] == name and reply["form"]
    else:
        assert reply["form"] == {} and reply["errors"][0]["message"].startswith("This link is damaged")
