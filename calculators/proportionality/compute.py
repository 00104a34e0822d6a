"""Proportionality: how much social value to ask of a contract.

Pure functions over validated values: the band, the evaluation weighting range and a recommended
figure, the number of outcomes, suggested Corporate Plan priorities, how to evaluate and report,
whether the contract is above the procurement threshold, and the reasons for each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..citations import cites
from ..corporate_plan import PRIORITIES
from ..money import format_money, long_date, whole
from .categories import in_sentence
from .past_delivery import past_delivery
from .settings import BAND_EDGE, THRESHOLD, Band, Period, Policy, default_policy, thresholds



def period_on(day: dt.date, periods: tuple[Period, ...]) -> Period:
    """The threshold period in force on a day (dates before the first are rejected at input)."""
    for period in reversed(periods):
        if period.start <= day:
            return period
    raise ValueError(f"no threshold data before {periods[0].start}")


def regime_on(day: dt.date, regimes) -> dict | None:
    for regime in reversed(regimes):
        if regime["from"] <= day:
            return regime
    return None


def resolve(bound, threshold: Decimal):
    return threshold if type(bound) is str and bound == THRESHOLD else bound  # no slow Decimal == str


def band_for(value: Decimal, threshold: Decimal, policy: Policy) -> Band:
    """The last band, in order, whose lower bound the value reaches. ``threshold`` is the band
    edge: the goods and services threshold on the procurement date, the same for every category."""
    chosen = policy.bands[0]
    for band in policy.bands:
        if value >= resolve(band.lower, threshold):
            chosen = band
    return chosen


def band_bounds(band: Band, threshold: Decimal, policy: Policy) -> tuple[Decimal, Decimal | None]:
    """The values a band really covers for this threshold: [lower, upper), upper None at the top."""
    lower = resolve(band.lower, threshold)
    later = [resolve(b.lower, threshold) for b in policy.bands[policy.bands.index(band) + 1:]]
    later = [bound for bound in later if bound > lower]
    return lower, (min(later) if later else None)


def describe_range(band: Band, threshold: Decimal, policy: Policy) -> str:
    lower, upper = band_bounds(band, threshold, policy)

    def show(amount: Decimal) -> str:
        text = format_money(amount, pence_shown=False)
        return f"{text} (the goods and services threshold)" if amount == threshold else text

    if upper is None:
        return f"{show(lower)} or more"
    return f"{show(lower)} up to but not including {show(upper)}"


def compute(values: dict, policy: Policy | None = None, benchmarks=None, explain: bool = True) -> dict:
    """The proportionality result for validated inputs; with a benchmarks file (``benchmarks``), what past
    contracts of a similar value committed for the suggested measures (``past_delivery``). With
    ``explain`` false, the reasons and requirements (text for a person reading the result) are left
    empty and every figure is the same: a CSV batch writes none of them, and they are most of the work."""
    policy = policy or default_policy()
    periods, regimes = thresholds()
    value: Decimal = values["contract_value"]
    category: str = values["category"]
    day: dt.date = values["procurement_date"]
    months: int = values["duration_months"]

    period = period_on(day, periods)
    threshold = period.amounts[category]
    above = value >= threshold
    # Bands are by value alone, the same for every category: their edge is the goods and services
    # threshold. Whether the contract is above its own category's threshold is a separate question.
    edge = period.amounts[BAND_EDGE]
    band = band_for(value, edge, policy)
    regime = regime_on(day, regimes)

    applies = {factor["id"]: bool(values.get(factor["id"])) for factor in policy.factors}
    if "long_contract" in applies:
        applies["long_contract"] = months >= policy.long_contract_months
    k = sum(applies.values())
    n = len(policy.factors)
    low, high = band.weighting
    exact = Decimal(low) + Decimal(high - low) * Decimal(k) / Decimal(n)
    recommended = int(whole(exact))

    suggestions = list(policy.priorities.get("always", ()))
    for factor_id, applied in applies.items():
        if applied:
            suggestions.extend(policy.priorities.get(factor_id, ()))
    chosen = [p for p in PRIORITIES if any(s["priority"] == p for s in suggestions)]
    band_from, band_to = band_bounds(band, edge, policy)
    out_low, out_high = band.outcomes

    return {
        "band": band.id,
        "band_label": band.label,
        "band_from": band_from,
        "band_to": band_to,
        "band_edge": edge,
        "above_threshold": above,
        "threshold": threshold,
        "threshold_category": category,
        "threshold_in_force_from": period.start.isoformat(),
        "threshold_source": dict(period.source),
        "regime": regime["name"] if regime else None,
        "weighting_min": low,
        "weighting_max": high,
        "weighting_recommended": recommended,
        "factors": [{"id": f["id"], "label": f["label"], "applies": applies[f["id"]]} for f in policy.factors],
        "outcomes_min": out_low,
        "outcomes_max": out_high,
        "priorities": chosen,
        "evaluation": band.evaluation,
        "reporting": band.reporting,
        "requirements": [{"text": r["text"], "cites": cites(r.get("cites", ()))} for r in band.requirements]
        if explain else [],
        "reasons": _reasons(values, policy, period, regime, band, edge, applies, exact, recommended, chosen,
                            suggestions) if explain else [],
        **({"past_delivery": past_delivery(value, months, chosen, benchmarks)} if benchmarks is not None else {}),
    }


def _reasons(values: dict, policy: Policy, period: Period, regime, band: Band, edge: Decimal, applies: dict,
             exact: Decimal, recommended: int, chosen: list[str], suggestions: list[dict]) -> list[dict]:
    """Why: each rule that gave the result, in words, with its sources."""
    value, category, day = values["contract_value"], values["category"], values["procurement_date"]
    threshold = period.amounts[category]
    above = value >= threshold
    k, n = sum(applies.values()), len(policy.factors)
    low, high = band.weighting
    money = format_money(value)
    shown_threshold = format_money(threshold, pence_shown=False)
    category_name = in_sentence(category)
    reasons = [
        {
            "rule": "band",
            "text": f"Band {band.id} ({band.label}) applies because the estimated value, {money}, is in the range "
                    f"{describe_range(band, edge, policy)}. This Toolkit proposes the bands, so that social "
                    f"value is proportionate to the contract.",
            "cites": cites(["objective-3", "all-contracts"]),
        },
        {
            "rule": "threshold",
            "text": f"A {format_money(value, pence_shown=False)} {category_name} contract is in band {band.id}. "
                    f"Separately, it is {'at or above' if above else 'below'} the {category_name} threshold of "
                    f"{shown_threshold} on {long_date(day)} (in force from {long_date(period.start)}; source: "
                    f"{period.source['title']}), so "
                    + ("it is above the threshold, and the full procurement rules apply." if above
                       else "it is below the threshold, and the lighter rules for such contracts apply. The Policy "
                            "still asks for proportionate social value in contracts below the threshold."),
            "cites": cites(["all-contracts"]) if not above else [],
        },
    ]
    if regime:
        reasons.append({
            "rule": "regime",
            "text": f"A procurement that starts on {long_date(day)} falls under the {regime['name']}.",
            "cites": [],
        })
    applying = [f for f in policy.factors if applies[f["id"]]]
    names = ", ".join(f["label"].lower() for f in applying) or "none"
    reasons.append({
        "rule": "weighting",
        "text": f"Recommended weighting {recommended}%: band {band.id} allows {low}% to {high}%, and {k} of the "
                f"{n} factors apply ({names}). {low} + ({high} − {low}) × {k} ÷ {n} = {_plain(exact)}, "
                f"rounded to {recommended}%.",
        "cites": cites(["objective-3"]),
    })
    for factor in applying:
        reasons.append({
            "rule": f"factor:{factor['id']}",
            "text": f"{factor['label']}: {factor['text']}.",
            "cites": cites(factor.get("cites", ())),
        })
    out_low, out_high = band.outcomes
    reasons.append({
        "rule": "outcomes",
        "text": f"Ask for {_count(out_low, out_high)} outcomes: the number band {band.id} proposes, in proportion "
                f"to the contract's value.",
        "cites": cites(["objective-3"]),
    })
    for priority in chosen:
        why = [s for s in suggestions if s["priority"] == priority]
        reasons.append({
            "rule": f"priority:{priority}",
            "text": f"Suggested priority {priority}: " + "; ".join(_unique(s["text"] for s in why)) + ".",
            "cites": cites(_unique(c for s in why for c in s.get("cites", ()))),
        })
    return reasons


def _plain(number: Decimal) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text


def _count(low: int, high: int) -> str:
    return str(low) if low == high else f"{low} to {high}"


def _unique(items) -> list:
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
