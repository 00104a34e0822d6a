"""Issue 27, evaluation: the figures a panel reads explain the marks (findings 9 and 10).

Written through the public door (``api.run``) and the rendered result only."""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import given, settings, strategies as st

from calculators import api, registry, render


def run(bids, **top):
    return api.run("evaluation", {"weighting": 10, **top, "bids": bids})


def bid(name, offer, price=None, score=3) -> dict:
    return {"name": name, "score": score, "offer": offer, **({"price": price} if price is not None else {})}


def shown_per_pound(html: str) -> list[str]:
    return re.findall(r"([\d.,]+p) for every £1 of the price", html)


def shown_marks(html: str) -> list[str]:
    return re.findall(r"<td class=\"sv-num\"[^>]*><strong>([\d.]+)</strong></td>", html)  # cells carry data-label


# --- finding 9: figures that score or rank differently read differently -------------------------------

def test_per_pound_figures_that_score_differently_read_differently():
    result = run([bid("A", 41400, 100000), bid("B", 40600, 100000)], basis="per_pound")
    a, b = result["bids"]
    assert a["quantitative_marks"] != b["quantitative_marks"]
    assert (a["per_pound"], b["per_pound"]) == (0.414, 0.406)
    assert shown_per_pound(render.result(registry.get("evaluation"), result)) == ["41.40p", "40.60p"]


def test_tiny_per_pound_figures_that_score_differently_read_differently():
    result = run([bid("A", 4000, 1_000_000), bid("B", 1000, 1_000_000)], basis="per_pound")
    assert [b["quantitative_marks"] for b in result["bids"]] == [5, 1.25]
    assert shown_per_pound(render.result(registry.get("evaluation"), result)) == ["0.40p", "0.10p"]


def test_marks_that_rank_differently_read_differently():
    result = run([bid("A", 1_000_000), bid("B", "999999.99")])
    a, b = result["bids"]
    assert (a["rank"], b["rank"]) == (1, 2)
    assert a["marks"] != b["marks"]
    marks = shown_marks(render.result(registry.get("evaluation"), result))
    assert len(marks) == 2 and marks[0] != marks[1]
    assert marks[0] == "8.00000000" and marks[1] == "7.99999995"  # 3 + 5 × 999,999.99 ÷ 1,000,000


def test_marks_keep_two_places_when_two_places_tell_every_bid_apart():
    result = run([bid("A", 120000, score=3), bid("B", 90000, score=4), bid("C", 45000, score=2)])
    assert shown_marks(render.result(registry.get("evaluation"), result)) == ["8.00", "7.75", "3.88"]


@settings(max_examples=60, deadline=None)
@given(offers=st.lists(st.integers(0, 10_000_000), min_size=2, max_size=5),
       pence=st.lists(st.integers(0, 99), min_size=5, max_size=5))
def test_any_two_bids_that_rank_differently_show_different_marks(offers, pence):
    bids = [bid(f"B{i}", f"{offer}.{pence[i]:02d}") for i, offer in enumerate(offers)]
    result = run(bids)
    shown = shown_marks(render.result(registry.get("evaluation"), result))
    rows = result["bids"]  # the table keeps the order the bids were entered in
    for i, one in enumerate(rows):
        for j, other in enumerate(rows):
            if one["rank"] != other["rank"]:
                assert shown[i] != shown[j]


# --- finding 10: the sensitivity sentence names the figure that was compared ----------------------------

def test_the_sensitivity_sentence_names_the_offer_per_pound_when_per_pound_is_compared():
    result = run([bid("A", 2000, 10_000, score=2), bid("B", 5000, 100_000, score=4)], basis="per_pound")
    sentence = result["sensitivity"]
    assert "£2,000" not in sentence
    assert "the highest offer for every £1 of the bid price, 20.00p from A" in sentence
    assert "(15.00p)" in sentence


def test_the_sensitivity_sentence_names_the_offer_in_pounds_when_pounds_are_compared():
    result = run([bid("A", 2000, score=2), bid("B", 5000, score=4)])
    assert "the highest offer, £5,000 from B" in result["sensitivity"]
