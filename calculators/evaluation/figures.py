"""Figures the guidance quotes about evaluating bids, worked out by the core so they are never typed
twice: the worked example's table, its ranking check and the offer checks from policy.toml."""

from __future__ import annotations

import copy

from ..benchmarks import default_benchmarks
from ..html import esc
from ..money import format_money, format_number
from ..monitoring.settings import default_monitoring
from .settings import default

# The evaluation guidance's worked example: 10 marks, split evenly, offers compared with the highest.
GUIDANCE_EXAMPLE = {
    "weighting": 10, "qualitative_share": 50, "score_max": 5, "method": "relative", "basis": "value",
    "bids": [
        {"name": "A", "score": 3, "offer": 120000},
        {"name": "B", "score": 4, "offer": 90000},
        {"name": "C", "score": 2, "offer": 45000},
    ],
}


def evaluation_example() -> dict:
    """The worked example's inputs, for a link that opens it in the calculator."""
    return copy.deepcopy(GUIDANCE_EXAMPLE)


def _evaluated(run, inputs: dict | None) -> dict:
    """The evaluation of ``inputs`` (the guidance's example if none), through ``run``: ``api.run``,
    which the build passes in."""
    return run("evaluation", GUIDANCE_EXAMPLE if inputs is None else inputs)


def _two(value) -> str:
    return f"{float(value):.2f}"


def evaluation_table(inputs: dict | None = None, *, run) -> str:
    """The worked example as a Markdown table, each step of the sums shown, from the core's result."""
    result = _evaluated(run, inputs)
    top = result["inputs"]["score_max"]
    w_qual = format_number(result["qualitative_weighting"])
    w_quant = format_number(result["quantitative_weighting"])
    highest = format_number(result["highest_offer"])
    rows = [f"| Bidder | Method statement score (0 to {top}) | Method statement marks | Quantified offer | "
            f"Quantified marks | Social value marks (out of {format_number(result['inputs']['weighting'])}) |",
            "|---|---|---|---|---|---|"]
    for bid in result["bids"]:
        name = esc(bid["name"]).replace("|", "&#124;")
        rows.append(f"| {name} | {bid['score']} | {bid['score']} ÷ {top} × {w_qual} = {_two(bid['qualitative_marks'])} | "
                    f"{format_money(bid['offer'], pence_shown=False)} | {format_number(bid['offer'])} ÷ {highest} × "
                    f"{w_quant} = {_two(bid['quantitative_marks'])} | {_two(bid['marks'])} |")
    return "\n".join(rows)


def evaluation_highest(inputs: dict | None = None, *, run) -> str:
    """The highest offer in the worked example: £120,000."""
    return format_money(_evaluated(run, inputs)["highest_offer"], pence_shown=False)


def evaluation_sensitivity(inputs: dict | None = None, *, run) -> str:
    """The core's sentence on whether the highest offer decides the ranking."""
    return _evaluated(run, inputs)["sensitivity"]


def offer_high_share() -> str:
    """The share of the bid price above which an offer is flagged: 16%."""
    return format_number(default().offer_high_share) + "%"


def offer_typical_range() -> str:
    """What suppliers commit, as the source reports it, with the source: "3% to 16% ... ([title](url))"."""
    policy = default()
    low, high = (format_number(share) for share in policy.typical_range)
    source = policy.source
    return f"{low}% to {high}% of the contract value ([{source['publisher']}: {source['title']}]({source['url']}))"


def benchmark_min_contracts() -> str:
    """How many contracts a measure's benchmark needs: 3."""
    return str(default_benchmarks().min_contracts)


def realism_factor() -> str:
    """How many times the upper quartile of past contracts a bid's quantity may be before it is flagged: 2."""
    return format_number(default_benchmarks().realism_factor)


def realism_amber() -> str:
    """Past delivery below this share of what was due is flagged: monitoring's amber threshold, 75%."""
    return format_number(default_monitoring().amber) + "%"


FIGURES = (benchmark_min_contracts, realism_factor, realism_amber, evaluation_example, evaluation_table, evaluation_highest, evaluation_sensitivity, offer_high_share, offer_typical_range)
