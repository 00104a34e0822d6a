"""The proportionality result as an accessible HTML fragment."""

from __future__ import annotations

from ..html import cite_links, esc, scrolling, source_link
from ..money import format_money, format_number
from .categories import in_sentence



def render(result: dict, site_root: str) -> str:
    band = esc(result["band"])
    threshold = format_money(result["threshold"], pence_shown=False)
    position = "above" if result["above_threshold"] else "below"
    category = in_sentence(result["threshold_category"])
    outcomes = _range(result["outcomes_min"], result["outcomes_max"])
    priorities = ", ".join(esc(p) for p in result["priorities"])
    requirements = "".join(f"<li>{esc(r['text'])}{cite_links(r['cites'], site_root)}</li>" for r in result["requirements"])
    reasons = "".join(f"<li>{esc(r['text'])}{cite_links(r['cites'], site_root)}</li>" for r in result["reasons"])
    edge = result.get("band_edge", result["threshold"])
    same_bands = ("" if edge == result["threshold"] else
                  " Bands go by value alone, the same for every kind of contract, so that the same spend asks for "
                  f"the same social value. The band edge is the goods and services threshold, "
                  f"{format_money(edge, pence_shown=False)}.")
    return (
        '<div class="sv-result sv-result--proportionality">'
        f'<p class="sv-headline">Band <strong>{band}</strong> ({esc(result["band_label"])}): '
        f'a social value weighting of <strong>{result["weighting_recommended"]}%</strong> '
        f'(range {result["weighting_min"]}% to {result["weighting_max"]}%) and '
        f'<strong>{outcomes}</strong> outcomes.</p>'
        '<dl class="sv-summary">'
        f'<dt>Band</dt><dd>{band}: {esc(result["band_label"])}.{esc(same_bands)}</dd>'
        f'<dt>Threshold</dt><dd>{position.capitalize()} the {threshold} threshold for {category} contracts '
        f'(in force from {esc(result["threshold_in_force_from"])}). This threshold decides which procurement '
        'rules apply. It does not change the band.</dd>'
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
        + _past_delivery(result.get("past_delivery"))
        + '</div>'
    )


def _past_delivery(past: dict | None) -> str:
    """What past contracts of a similar value committed for the suggested measures, as ranges."""
    if past is None:
        return ""
    intro = (f'<h3>What past contracts of a similar value committed</h3><p>From the benchmarks file: '
             f'{esc(past["similar_value"])}, the band this contract is in. This Toolkit proposes these bands of '
             'similar value. Each range runs from the lower quartile to the upper quartile of past contracts: half of '
             'them committed an amount in it. Use it to ask for what is realistic, and ask bidders how they will '
             'deliver more.</p>')
    if not past["measures"]:
        return intro + ('<p>The file has no measure for the suggested priorities from enough contracts of a similar '
                        'value.</p>')
    rows = "".join(
        f'<tr><th scope="row">{esc(row["title"])}<br><span class="sv-note">{esc(row["unit"])}</span></th>'
        f'<td class="sv-num">{esc(row["contracts"])}</td>'
        f'<td class="sv-num">{esc(_range(row["lower_quartile"], row["upper_quartile"]))}</td>'
        f'<td class="sv-num">{esc(_range(row["a_year_low"], row["a_year_high"]))}</td>'
        f'<td class="sv-num">{esc(_range(row["contract_low"], row["contract_high"]))}</td>'
        f'<td class="sv-num">{esc("not known" if row["delivered_median"] is None else format_number(row["delivered_median"]) + "%")}</td></tr>'
        for row in past["measures"])
    return intro + scrolling(
        '<table class="sv-table sv-past-delivery"><caption>Quantity committed by past contracts of a similar value, '
        'for the suggested priorities</caption><thead><tr><th scope="col">Measure and unit</th>'
        '<th scope="col" class="sv-num">Past contracts</th><th scope="col" class="sv-num">Per £1m a year</th>'
        '<th scope="col" class="sv-num">For this contract, a year</th>'
        '<th scope="col" class="sv-num">For this contract, in all</th>'
        '<th scope="col" class="sv-num">Delivered of what was due (median)</th></tr></thead>'
        f'<tbody>{rows}</tbody></table>', "Quantity committed by past contracts")


def _range(low, high) -> str:
    return format_number(low) if low == high else f"{format_number(low)} to {format_number(high)}"
