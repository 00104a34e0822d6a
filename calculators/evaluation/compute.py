"""Bid evaluation: score and normalise social value across bids, flag offers to check, and test
whether one number decides the ranking.

With W the weighting and S the share for the method statement (percent numbers):

    W_qual = W × S ÷ 100                 W_quant = W − W_qual
    qualitative marks  = score ÷ score_max × W_qual
    quantitative marks = offer ÷ highest offer × W_quant      (relative; 0 when every offer is 0)
                       = min(offer ÷ target, 1) × W_quant     (target)
    marks = qualitative marks + quantitative marks

With the per_pound basis, "offer" above is the offer ÷ the bid price. Giving the best offer full
marks is common practice; no law or national guidance sets it.

Arithmetic is exact (fractions of the Decimal inputs), so two bids with the same marks always tie.
Ranks use the exact marks. The output rounds marks half up to 2 decimal places, or more where two
marks that differ would otherwise read the same; offers for every £1 are shown in pence the same way.
"""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

from ..cleantext import name_key
from ..exact import distinguishing_places, half_up
from ..invalid_input import InvalidInput
from ..money import format_money, format_number, to_json
from ..outcome_lines import lines_rules
from ..valuation import CALCULATOR as VALUATION
from ..words import join_words
from .realism import about, realism_flags, realism_rules
from .settings import EvaluationPolicy, default

OUTLIER_FACTOR = 2  # an offer more than twice the median of the others' is an outlier
PANEL_SPREAD = 2  # members' scores this far apart need discussion
SENSITIVITY_CUT = Fraction(3, 4)  # the top offer 25% lower
# The valuation's warnings that say something about a bid's claims; the price-year note is the
# same for every bid, so it does not help a panel tell them apart.
# The valuation's warnings a panel should see beside a bid (the price-year note is the same for all).
CARRIED_WARNINGS = ("double_counting", "core_delivery", "zero_deadweight", "same_measure_twice", "no_adjustments",
                    "custom_matches_catalogue", "input_cost", "proxy_far_from_catalogue")
# The flags raised without a benchmarks file; with one, also realism.CODE ("realism").
FLAG_CODES = ("offer_high_share", "outlier", "panel_spread", "unvalued_lines") + CARRIED_WARNINGS


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def ranks(marks: list[Fraction]) -> list[int]:
    """1 is the best; tied bids share a rank and the next rank is skipped (1, 1, 3)."""
    return [1 + sum(other > mine for other in marks) for mine in marks]


def quantitative(compared: list[Fraction], method: str, target: Fraction | None, available: Fraction) -> list[Fraction]:
    if method == "target":
        return [min(figure / target, Fraction(1)) * available for figure in compared]
    top = max(compared)
    if top == 0:
        return [Fraction(0) for _ in compared]
    return [figure / top * available for figure in compared]


def _value_bid_lines(index: int, lines: list[dict], errors: list[dict]) -> dict | None:
    """The valuation of a bid's outcome lines, at present value, with the valuation's own defaults
    (through its ``run``, as any user of it would); errors are named for the bid."""
    try:
        return VALUATION.run({"lines": to_json(lines)})
    except InvalidInput as invalid:
        errors.extend({"field": f"bids[{index}].{e['field']}", "message": e["message"]} for e in invalid.errors)
        return None


def _check(values: dict) -> list[dict]:
    """Rules that compare inputs with each other, each named for the field to change. ``values`` may
    be partly checked (see ``Calculator.rules``): a rule that needs a missing input is skipped."""
    errors = []
    top, basis = values.get("score_max"), values.get("basis")
    if values.get("method") == "target" and values.get("target") is None:
        errors.append({"field": "target", "message": "Enter the target offer: marking against a target needs one"})
    seen: dict[str, int] = {}
    for index, bid in enumerate(values.get("bids") or []):
        path = f"bids[{index}]"
        if top is not None and bid.get("score") is not None and bid["score"] > top:
            errors.append({"field": f"{path}.score",
                           "message": f"Agreed score must be between 0 and {top}, the top of the scale"})
        if top is not None and any(score > top for score in bid.get("panel_scores") or ()):
            errors.append({"field": f"{path}.panel_scores",
                           "message": f"Panel members' scores must each be between 0 and {top}, the top of the scale"})
        has_offer, has_lines = bid.get("offer") is not None, bid.get("lines") is not None
        if not has_offer and not has_lines:
            errors.append({"field": f"{path}.offer",
                           "message": "Enter the quantified offer in pounds, or 0 if the bid offers nothing you can count"})
        elif has_offer and has_lines:
            errors.append({"field": f"{path}.offer",
                           "message": "Give either a quantified offer or outcome lines for this bid, not both"})
        errors += realism_rules(bid, path)
        if basis == "per_pound" and bid.get("price") is None:
            errors.append({"field": f"{path}.price",
                           "message": "Enter the bid price: comparing offers for every £1 needs it"})
        if bid.get("name") is not None:
            key = name_key(bid["name"])
            if key in seen:
                errors.append({"field": f"{path}.name",
                               "message": f"Each bid needs its own name: bid {seen[key] + 1} is called this too"})
            seen.setdefault(key, index)
    return errors


def rules(values: dict) -> list[dict]:
    """The rules between inputs (see ``Calculator.rules``), with the rules of each bid's outcome lines."""
    return _check(values) + [error for index, bid in enumerate(values.get("bids") or [])
                             for error in lines_rules(bid.get("lines"), f"bids[{index}].lines")]


def pence(figure: Fraction, places: int) -> str:
    """An offer for every £1 as a person reads it, in pence: 41.40p."""
    return f"{half_up(figure * 100, places):,.{places}f}p"


def _money(figure: Fraction, basis: str, places: int = 2) -> str:
    """An offer as a person reads it: £90,000, or 12.00p for every £1 of the bid price."""
    if basis == "per_pound":
        return f"{pence(figure, places)} for every £1 of the bid price"
    text = format_money(half_up(figure))
    return text[:-3] if text.endswith(".00") else text


def _flags(index: int, bid: dict, offer: Fraction, compared: list[Fraction], basis: str,
           valuation: dict | None, policy: EvaluationPolicy, places: int) -> list[dict]:
    flags = []
    price = bid.get("price")
    share = policy.offer_high_share
    if price is not None and offer * 100 > Fraction(price) * Fraction(share):
        shown = half_up(offer * 100 / Fraction(price), 1)
        percent = f"{format_number(shown)}%" if shown > share else f"just over {format_number(share)}%"
        flags.append({"code": "offer_high_share",
                      "message": f"The offer is {percent} of the bid price, more than the {format_number(share)}% "
                                 f"this Toolkit uses as a check. Ask how it will be delivered and evidenced."})
    others = compared[:index] + compared[index + 1:]
    median = statistics.median(others)
    if compared[index] > OUTLIER_FACTOR * median:
        flags.append({"code": "outlier",
                      "message": f"The offer is more than twice the median of the other bids' offers "
                                 f"({_money(median, basis, places)}). The highest offer sets everyone's marks, so check "
                                 f"this one hardest."})
    panel = bid.get("panel_scores") or []
    if len(panel) > 1 and max(panel) - min(panel) >= PANEL_SPREAD:
        flags.append({"code": "panel_spread",
                      "message": f"Panel members' scores range from {min(panel)} to {max(panel)}. Discuss this "
                                 f"bid before you agree its score."})
    if valuation is not None:
        unvalued = len(valuation["counted_only"])
        if unvalued:
            lines = len(valuation["lines"])
            verb = "is" if unvalued == 1 else "are"
            scored = ("This offer is scored on its written answer, not in pounds: its quantified offer is £0."
                      if unvalued == lines else "Those lines are scored on the written answer, not in pounds.")
            flags.append({"code": "unvalued_lines",
                          "message": f"{unvalued} of this bid's {lines} outcome lines {verb} counted but not valued: "
                                     f"no open source gives a £ value, so they add nothing to the offer. {scored}"})
        flags.extend({"code": w["code"], "message": w["message"]}
                     for w in valuation["warnings"] if w["code"] in CARRIED_WARNINGS)
    return flags


def _sensitivity(names: list[str], compared: list[Fraction], qualitative: list[Fraction], marks: list[Fraction],
                 quant, basis: str, places: int) -> tuple[bool, str]:
    """Would the ranking change if the top offer were 25% lower? (Each bid holding it is tried.) The
    sentence names the offer by the figure compared: pounds, or pence for every £1 of the bid price."""
    top = max(compared)
    if top == 0:
        return False, "No bid made a quantified offer above £0, so no single offer decides the ranking."
    before = ranks(marks)
    holders = [index for index, figure in enumerate(compared) if figure == top]

    def shown(figure: Fraction) -> str:
        return pence(figure, places) if basis == "per_pound" else _money(figure, "value")

    offer = "the highest offer for every £1 of the bid price" if basis == "per_pound" else "the highest offer"
    for index in holders:
        lowered = list(compared)
        lowered[index] = top * SENSITIVITY_CUT
        after = ranks([q + n for q, n in zip(qualitative, quant(lowered))])
        if after != before:
            moves = [f"{names[i]} would rank {ordinal(after[i])} instead of {ordinal(before[i])}"
                     for i in sorted(range(len(names)), key=lambda i: (after[i], i)) if after[i] != before[i]]
            return True, (f"If {offer}, {shown(top)} from {names[index]}, were 25% lower "
                          f"({shown(top * SENSITIVITY_CUT)}), the ranking would change: {join_words(moves)}. One "
                          f"figure decides the order, so check it before you agree the marks.")
    index = holders[0]
    return False, (f"If {offer}, {shown(top)} from {names[index]}, were 25% lower ({shown(top * SENSITIVITY_CUT)}), "
                   f"the ranking would stay the same.")


def compute(values: dict, policy: EvaluationPolicy | None = None, benchmarks=None) -> dict:
    """The evaluation for validated inputs; raises InvalidInput for rules between inputs. ``benchmarks``:
    a benchmarks file (``benchmark_file.Benchmarks``) for the realism check, which adds flags only."""
    policy = policy or default()
    errors = _check(values)
    bids = values["bids"]
    valuations = [_value_bid_lines(index, bid["lines"], errors) if bid.get("lines") is not None else None
                  for index, bid in enumerate(bids)]
    if errors:
        raise InvalidInput(errors)

    weighting = Fraction(values["weighting"])
    w_qual = weighting * Fraction(values["qualitative_share"]) / 100
    w_quant = weighting - w_qual
    score_max = values["score_max"]
    method, basis = values["method"], values["basis"]
    target = Fraction(values["target"]) if method == "target" else None
    offers = [Fraction(bid["offer"]) if valuation is None else Fraction(valuation["totals"]["present_value"])
              for bid, valuation in zip(bids, valuations)]
    compared = [offer / Fraction(bid["price"]) if basis == "per_pound" else offer for bid, offer in zip(bids, offers)]

    def quant(figures: list[Fraction]) -> list[Fraction]:
        return quantitative(figures, method, target, w_quant)

    qualitative = [Fraction(bid["score"], score_max) * w_qual for bid in bids]
    quantitative_marks = quant(compared)
    marks = [q + n for q, n in zip(qualitative, quantitative_marks)]
    rank_of = ranks(marks)
    names = [bid["name"] for bid in bids]
    # Shown with enough places that figures which score or rank differently read differently.
    marks_places = max(distinguishing_places(figures) for figures in (marks, qualitative, quantitative_marks))
    per_pound = [offer / Fraction(bid["price"]) if bid.get("price") is not None else None
                 for bid, offer in zip(bids, offers)]
    pence_places = distinguishing_places([figure * 100 for figure in per_pound if figure is not None]
                                         + [figure * SENSITIVITY_CUT * 100 for figure in per_pound if figure is not None])
    sensitive, sentence = _sensitivity(names, compared, qualitative, marks, quant, basis, pence_places)

    out = []
    for index, bid in enumerate(bids):
        valuation = valuations[index]
        price = bid.get("price")
        out.append({
            "name": bid["name"],
            "rank": rank_of[index],
            "score": bid["score"],
            "panel_scores": bid.get("panel_scores"),
            "offer": half_up(offers[index]),
            "offer_from": "offer" if valuation is None else "lines",
            "price": price,
            "per_pound": half_up(per_pound[index], pence_places + 2) if price is not None else None,
            "qualitative_marks": half_up(qualitative[index], marks_places),
            "quantitative_marks": half_up(quantitative_marks[index], marks_places),
            "marks": half_up(marks[index], marks_places),
            "flags": _flags(index, bid, offers[index], compared, basis, valuation, policy, pence_places)
            + realism_flags(bid, benchmarks),
            "notes": bid.get("notes") or "",
            "valuation": None if valuation is None else {
                "present_value": valuation["totals"]["present_value"],
                "low": valuation["sensitivity"]["low"], "high": valuation["sensitivity"]["high"],
                "lines": len(valuation["lines"]), "counted_only": len(valuation["counted_only"]),
            },
        })
    top = max(compared)
    return {
        "qualitative_weighting": half_up(w_qual, marks_places),
        "quantitative_weighting": half_up(w_quant, marks_places),
        "highest_offer": half_up(top),
        "bids": out,
        "ranking": [names[i] for i in sorted(range(len(bids)), key=lambda i: (rank_of[i], i))],
        "ranking_sensitive": sensitive,
        "shown_places": {"marks": marks_places, "pence_per_pound": pence_places},
        "sensitivity": sentence,
        "flag_count": sum(len(bid["flags"]) for bid in out),
        "checks": {"offer_high_share": policy.offer_high_share, "offer_typical_range": list(policy.typical_range),
                   "source": policy.source},
        "benchmarks": about(benchmarks),
    }
