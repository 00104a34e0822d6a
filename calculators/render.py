"""Result dicts -> accessible HTML fragments.

Every string goes through ``esc``: labels and other text a user typed must show as text and never
run. ``site_root`` is the relative path from the page to the site root (for example "../../"), so
links work when the site is served from a sub-path.
"""

from __future__ import annotations

import re
from html import escape

from .money import format_money, format_number

CATEGORY_LABELS = {"goods": "goods", "services": "services", "works": "works", "light_touch": "light touch"}


def esc(value) -> str:
    return escape(str(value), quote=True)


def field_id(calculator: str, name: str) -> str:
    """The HTML id of a field's input, shared by the form macros and the error summary."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
    return f"{calculator}-{slug}" if slug else f"{calculator}-form"


def error_summary(calculator: str, errors: list[dict]) -> str:
    """The GOV.UK error summary: a titled list of links to the fields with problems."""
    items = "".join(
        f'<li><a href="#{esc(field_id(calculator, e["field"]))}">{esc(e["message"])}</a></li>' for e in errors
    )
    return (
        f'<div class="sv-error-summary" tabindex="-1" aria-labelledby="{calculator}-error-title">'
        f'<h2 class="sv-error-summary__title" id="{calculator}-error-title">There is a problem</h2>'
        f'<ul class="sv-error-summary__list">{items}</ul></div>'
    )


def cite_links(cites: list[dict], site_root: str) -> str:
    if not cites:
        return ""
    links = ", ".join(f'<a href="{esc(site_root + c["href"])}">{esc(c["label"])}</a>' for c in cites)
    return f' <span class="sv-cites">({links})</span>'


def source_link(source: dict) -> str:
    return f'<a href="{esc(source["url"])}">{esc(source["title"])}</a>'


def proportionality(result: dict, site_root: str) -> str:
    band = esc(result["band"])
    threshold = format_money(result["threshold"], pence_shown=False)
    position = "above" if result["above_threshold"] else "below"
    category = CATEGORY_LABELS[result["threshold_category"]]
    outcomes = _range(result["outcomes_min"], result["outcomes_max"])
    priorities = ", ".join(esc(p) for p in result["priorities"])
    requirements = "".join(f"<li>{esc(r['text'])}{cite_links(r['cites'], site_root)}</li>" for r in result["requirements"])
    reasons = "".join(f"<li>{esc(r['text'])}{cite_links(r['cites'], site_root)}</li>" for r in result["reasons"])
    return (
        '<div class="sv-result sv-result--proportionality">'
        f'<p class="sv-headline">Band <strong>{band}</strong> ({esc(result["band_label"])}): '
        f'a social value weighting of <strong>{result["weighting_recommended"]}%</strong> '
        f'(range {result["weighting_min"]}% to {result["weighting_max"]}%) and '
        f'<strong>{outcomes}</strong> outcomes.</p>'
        '<dl class="sv-summary">'
        f'<dt>Band</dt><dd>{band}: {esc(result["band_label"])}</dd>'
        f'<dt>Threshold</dt><dd>{position.capitalize()} the {threshold} threshold for {category} contracts '
        f'(in force from {esc(result["threshold_in_force_from"])})</dd>'
        f'<dt>Weighting range</dt><dd>{result["weighting_min"]}% to {result["weighting_max"]}%</dd>'
        f'<dt>Recommended weighting</dt><dd>{result["weighting_recommended"]}%</dd>'
        f'<dt>Outcomes to ask for</dt><dd>{outcomes}</dd>'
        f'<dt>Corporate Plan priorities</dt><dd>{priorities}</dd>'
        f'<dt>How to evaluate</dt><dd>{esc(result["evaluation"])}</dd>'
        f'<dt>How often to report</dt><dd>{esc(result["reporting"])}</dd>'
        + (f'<dt>Procurement law</dt><dd>{esc(result["regime"])}</dd>' if result.get("regime") else "")
        + '</dl>'
        f'<h3>What to require</h3><ul class="sv-requirements">{requirements}</ul>'
        f'<h3>Why</h3><ol class="sv-reasons">{reasons}</ol>'
        f'<p class="sv-source">Threshold source: {source_link(result["threshold_source"])}.</p>'
        '</div>'
    )


def _range(low, high) -> str:
    return format_number(low) if low == high else f"{format_number(low)} to {format_number(high)}"


RENDERERS = {
    "proportionality": proportionality,
}


def register(name: str, renderer) -> None:
    RENDERERS[name] = renderer


def result(calculator: str, data: dict, site_root: str = "") -> str:
    return RENDERERS[calculator](data, site_root)
