"""Figures the guidance quotes about proportionality, taken from the data files so they are never
typed twice: thresholds, bands and a worked weighting."""

from __future__ import annotations

import datetime as dt

from ..benchmarks import band_words, default_benchmarks
from ..money import format_money, format_number, long_date
from .categories import CATEGORIES, CATEGORY_LABELS
from .settings import BAND_EDGE, THRESHOLD, default_policy, thresholds

FLAGS = ("labour_intensive", "local_supply_chain", "environmental_impact", "community_facing")
# A contract in each band, for worked examples (services, 12 months, dated after the 2026 thresholds).
EXAMPLE_FOR_BAND = {
    band: {"contract_value": value, "category": "services", "duration_months": 12, "procurement_date": "2026-03-01"}
    for band, value in (("A", 20000), ("B", 60000), ("C", 150000), ("D", 1000000), ("E", 8000000))
}


def _policy_bands():
    return default_policy().bands


def _band(band_id: str):
    for band in _policy_bands():
        if band.id == band_id:
            return band
    raise KeyError(f"no band {band_id!r} in policy.toml")


def _bound_text(bound) -> str:
    """A band edge in words: "£100,000", or the goods and services threshold with today's figure."""
    if bound == THRESHOLD:
        return f"the goods and services threshold ({threshold(BAND_EDGE)} now)"
    return format_money(bound, pence_shown=False)


def threshold(category: str, on: str | None = None) -> str:
    periods, _ = thresholds()
    day = dt.date.fromisoformat(on) if on else dt.date.today()
    period = [p for p in periods if p.start <= day][-1]
    return format_money(period.amounts[category], pence_shown=False)


def threshold_table() -> str:
    periods, _ = thresholds()
    rows = [f"| In force | {' | '.join(CATEGORY_LABELS.values())} | Source |", "|---|---|---|---|---|---|"]
    for period in periods:
        when = f"{long_date(period.start)} to {long_date(period.end)}" if period.end else f"From {long_date(period.start)}"
        amounts = " | ".join(format_money(period.amounts[c], pence_shown=False) for c in CATEGORIES)
        rows.append(f"| {when} | {amounts} | [{period.source['title']}]({period.source['url']}) |")
    return "\n".join(rows)


def band_range(band_id: str) -> str:
    bands = _policy_bands()
    band = _band(band_id)
    index = bands.index(band)
    upper = bands[index + 1].lower if index + 1 < len(bands) else None
    if upper is None:
        return f"{_bound_text(band.lower)} or more"
    if band.lower == 0:
        return f"under {_bound_text(upper)}"
    return f"{_bound_text(band.lower)} up to {_bound_text(upper)}"


def band_weighting(band_id: str) -> str:
    low, high = _band(band_id).weighting
    return f"{low}% to {high}%"


def band_outcomes(band_id: str) -> str:
    low, high = _band(band_id).outcomes
    return str(low) if low == high else f"{low} to {high}"


def bands_table() -> str:
    rows = ["| Band | Contract value | Weighting | Outcomes | How to evaluate | How often to report |",
            "|---|---|---|---|---|---|"]
    for band in _policy_bands():
        rows.append(f"| {band.id}: {band.label} | {band_range(band.id)} | {band_weighting(band.id)} | "
                    f"{band_outcomes(band.id)} | {band.evaluation} | {band.reporting} |")
    return "\n".join(rows)


def weighting_example(band_id: str, factors: int, *, run) -> str:
    """The recommended-weighting formula worked through for one band, from the settings. ``run`` is
    ``api.run``, which the build passes in."""
    low, high = _band(band_id).weighting
    total = len(default_policy().factors)
    value = run("proportionality", {**EXAMPLE_FOR_BAND[band_id], **{f: True for f in FLAGS[:factors]}})
    return (f"{low} + ({high} − {low}) × {factors} ÷ {total} = "
            f"{format_number(low + (high - low) * factors / total)}, so {value['weighting_recommended']}%")


def long_contract_months() -> int:
    return default_policy().long_contract_months


def similar_value_bands() -> str:
    """The bands of similar contract value that past delivery is shown for (policy.toml's [benchmarks])."""
    settings = default_benchmarks()
    words = [band_words(*settings.band_of(edge)).removeprefix("contracts worth ") for edge in settings.value_from]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


FIGURES = (similar_value_bands, threshold, threshold_table, band_range, band_weighting, band_outcomes, bands_table, long_contract_months,
           weighting_example)
