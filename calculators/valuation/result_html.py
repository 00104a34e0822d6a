"""The valuation result as an accessible HTML fragment: tables, the chart, warnings and method."""

from __future__ import annotations

from . import chart
from ..discounting import HEALTH, STANDARD, discount_schedule
from ..html import esc, scrolling, show_all, source_link, stacked, table_body
from ..measures import default_catalogue
from ..money import format_money, format_number
from ..words import first_upper
from .compute import ROUNDING_NOTE


DRIVER_NAMES = {"proxy": "the proxy values' range", "deadweight": "deadweight (±10 points)",
                "drop_off": "drop-off (±10 points)"}
ADJUSTMENT_LABELS = (("deadweight", "deadweight"), ("attribution", "attribution"),
                     ("displacement", "displacement"), ("drop_off", "drop-off"))


def _line_name(line: dict) -> str:
    name = f'{esc(line["title"])}'
    if line.get("label"):
        name += f'<br><span class="sv-line-label">{esc(line["label"])}</span>'
    return name


def _proxy_cell(line: dict) -> str:
    proxy = line.get("proxy")
    if not proxy:
        return "No sourced value: counted, not valued"
    per = f' per {esc(proxy["per"])}' if proxy.get("per") else ""
    text = f'{esc(format_money(proxy["value"]))}{per}, in {esc(proxy["price_year"])} prices'
    if proxy.get("supplied_by_user"):
        return text + " (your value)"
    if proxy["low"] != proxy["high"]:
        text += f' (range {esc(format_money(proxy["low"]))} to {esc(format_money(proxy["high"]))})'
    original = proxy.get("original")
    if original and original["price_year"] != proxy["price_year"]:
        text += (f', indexed from {esc(format_money(original["value"]))} in {esc(original["price_year"])} prices'
                 + (f' using {esc(proxy["deflator_year"])} deflators' if proxy["deflator_year"] != proxy["price_year"]
                    else ""))
    if proxy.get("central_from") == "pay":
        text += (f'. Central value: the wellbeing gain, {esc(format_money(proxy["low"]))}, plus the post\'s full-time '
                 f'pay you gave, {esc(format_money(proxy["pay"]))}, and no more than the high value')
    elif proxy.get("central_from") == "wellbeing":
        text += ('. No pay was given for the post, so the central value is the wellbeing gain alone. Give the post\'s '
                 'full-time pay to add it; the high value counts the average UK wage')
    if proxy.get("counts") == "input":
        text += ". This is the cost of an input (time given), not the value of an outcome"
    if proxy.get("schedule") == "health":
        text += ". Discounted at the Green Book's health rate"
    return text + f'. Source: {source_link(proxy["source"])}'


def _cached_proxy_cell(line: dict, made: dict) -> str:
    """``_proxy_cell``, made once for each proxy (its text depends on nothing else)."""
    key = repr(line.get("proxy"))
    if key not in made:
        made[key] = _proxy_cell(line)
    return made[key]


def _value_cells(line: dict) -> str:
    """Gross, net and present value; a measure with no sourced value says so, not £0.00, which would
    read as worth nothing."""
    if not line["valued"]:
        return '<td colspan="3" class="sv-note">Counted, not valued</td>'
    return "".join(f'<td class="sv-num">{esc(format_money(line[key]))}</td>' for key in ("gross", "net", "present_value"))


def _adjustment_cells(line: dict) -> str:
    """One cell for each adjustment, saying when it is the measure's default."""
    defaults = set(line.get("defaults_used", ()))
    cells = []
    for key, _ in ADJUSTMENT_LABELS:
        note = '<br><span class="sv-note">default</span>' if key in defaults and line.get("measure") != "custom" else ""
        cells.append(f'<td class="sv-num">{esc(format_number(line[key]))}%{note}</td>')
    return "".join(cells)


def _counted_amount(item: dict) -> str:
    """What a counted line amounts to over its years: "£40,000 of contract spend with a local SME"
    for a unit in pounds, else "40 in all (FTE employed for a year)"."""
    total = item["quantity"] * item["years"]
    unit = item["unit"]
    if unit.startswith("£1 of "):
        return f"{format_money(total, pence_shown=False)} of {unit[len('£1 of '):]}"
    return f"{format_number(total)} in all ({unit})"


def _own_proxy_link(site_root: str) -> str:
    guide = default_catalogue().meta["own_proxy_guide"].removesuffix(".md") + "/"
    return f'<a href="{esc(site_root + guide)}">Build your own proxy</a>'


def _headline(result: dict, site_root: str) -> str:
    counted, lines = result.get("counted_only", []), result["lines"]
    if counted and len(counted) == len(lines):
        items = "; ".join(f'{esc(item["title"])}: {esc(_counted_amount(item))}' for item in counted)
        return (f'<p class="sv-headline">No £ value: everything here is counted, not valued in pounds, because no '
                f'open value fits. Counted: {items}. {_own_proxy_link(site_root)} shows how to value an outcome '
                f'with your own evidence.</p>')
    money = esc(format_money(result["totals"]["present_value"]))
    headline = f'<p class="sv-headline">Present value of the social value: <strong>{money}</strong>'
    if result.get("per_pound") is not None:
        headline += (f', or <strong>{esc(format_money(result["per_pound"]))}</strong> of social value '
                     f'for every £1 of the contract')
    headline += "."
    if counted:
        verb = "is" if len(counted) == 1 else "are"
        headline += (f' {len(counted)} of the {len(lines)} lines {verb} counted, not valued in pounds, so '
                     f'{"it adds" if len(counted) == 1 else "they add"} nothing to this figure: see below.')
    return headline + "</p>"


def render(result: dict, site_root: str) -> str:
    inputs = result.get("inputs", {})
    totals = result["totals"]
    headline = _headline(result, site_root)
    rate = inputs.get("discount_rate")
    price_year = inputs.get("price_year")
    rows = [
        f'<tr><th scope="row">{number}. {_line_name(line)}</th>'
        f'<td class="sv-num">{esc(format_number(line["quantity"]))}</td><td>{esc(line["unit"])}</td>'
        f'<td class="sv-num">{esc(line["years"])}</td>{_value_cells(line)}</tr>'
        for number, line in enumerate(result["lines"], start=1)
    ]
    count = len(rows)
    table = (scrolling(stacked(
        '<table class="sv-table sv-valuation-lines">'
        '<caption>Value of each outcome line, in pounds</caption>'
        '<thead><tr><th scope="col">Line and measure</th><th scope="col" class="sv-num">Quantity a year</th>'
        '<th scope="col">Unit</th><th scope="col" class="sv-num">Years</th><th scope="col" class="sv-num">Gross</th>'
        '<th scope="col" class="sv-num">Net</th>'
        '<th scope="col" class="sv-num">Present value</th></tr></thead>'
        + table_body(rows, "valuation-more-lines")
        + f'<tfoot><tr><th scope="row" colspan="4">Total</th>'
        f'<td class="sv-num">{esc(format_money(totals["gross"]))}</td>'
        f'<td class="sv-num">{esc(format_money(totals["net"]))}</td>'
        f'<td class="sv-num">{esc(format_money(totals["present_value"]))}</td></tr></tfoot>'
        '</table>'), "Value of each outcome line") + show_all(count, "lines", "valuation-more-lines")
             + f'<p class="sv-note">{esc(ROUNDING_NOTE)}</p>')
    proxies = {}  # lines of one measure share its proxy's text
    basis_rows = [
        f'<tr><th scope="row">{number}</th>{_adjustment_cells(line)}<td>{_cached_proxy_cell(line, proxies)}</td>'
        f'<td>{esc(line["delivery"])}</td></tr>'
        for number, line in enumerate(result["lines"], start=1)
    ]
    basis = (
        '<h3>Adjustments and proxy values</h3>' + scrolling(stacked(
            '<table class="sv-table sv-valuation-basis">'
            '<caption>The adjustments and proxy value used for each line</caption>'
            '<thead><tr><th scope="col">Line</th>'
            + "".join(f'<th scope="col" class="sv-num">{first_upper(name)}</th>' for _, name in ADJUSTMENT_LABELS)
            + '<th scope="col">Proxy value and source</th><th scope="col">Years</th></tr></thead>'
            + table_body(basis_rows, "valuation-more-basis") + '</table>'), "Adjustments and proxy values")
        + show_all(count, "lines", "valuation-more-basis"))
    sensitivity = result["sensitivity"]
    drivers = "".join(
        f'<tr><th scope="row">{esc(DRIVER_NAMES[d["assumption"]])}</th>'
        f'<td class="sv-num">{esc(format_money(d["low"]))}</td><td class="sv-num">{esc(format_money(d["high"]))}</td></tr>'
        for d in sensitivity["drivers"])
    largest = (f'<p>The result is most sensitive to <strong>{esc(DRIVER_NAMES[sensitivity["largest"]])}</strong>: '
               f'check that figure first.</p>' if sensitivity.get("largest") else "")
    sensitivity_html = (
        '<h3>How sure is this?</h3>'
        '<p>The low figure takes the low end of each sourced proxy\'s range, with deadweight and drop-off '
        'each 10 percentage points higher. The high figure takes the high end, with both 10 points lower '
        '(never below 0% or above 100%). Your own proxy values are used as they are.</p>'
        '<dl class="sv-summary sv-sensitivity">'
        f'<dt>Low</dt><dd>{esc(format_money(sensitivity["low"]))}</dd>'
        f'<dt>Central</dt><dd>{esc(format_money(sensitivity["central"]))}</dd>'
        f'<dt>High</dt><dd>{esc(format_money(sensitivity["high"]))}</dd></dl>'
        + largest + scrolling(
            '<table class="sv-table sv-valuation-drivers"><caption>Present value when one assumption moves '
            'on its own</caption><thead><tr><th scope="col">Assumption</th><th scope="col" class="sv-num">Low'
            '</th><th scope="col" class="sv-num">High</th></tr></thead>'
            f'<tbody>{drivers}</tbody></table>', "Present value when one assumption moves")
    )
    priority_rows = "".join(
        f'<tr><th scope="row">{esc(row["priority"])}</th>'
        f'<td class="sv-num">{esc(format_money(row["present_value"]))}</td></tr>'
        for row in result["by_priority"]
    )
    priorities = (
        '<h3>Value by Corporate Plan priority</h3>'
        '<table class="sv-table sv-valuation-priorities"><caption>Present value by Corporate Plan priority</caption>'
        '<thead><tr><th scope="col">Priority</th><th scope="col" class="sv-num">Present value</th></tr></thead>'
        f'<tbody>{priority_rows}</tbody></table>'
    )
    warnings = ""
    if result.get("warnings"):
        items = "".join(f'<li>{esc(w["message"])}</li>' for w in result["warnings"])
        warnings = f'<h3>Check before you rely on this</h3><ul class="sv-warnings">{items}</ul>'
    counted = ""
    if result.get("counted_only"):
        items = "".join(
            f'<li>Line {esc(item["line"] + 1)}: {esc(item["title"])}'
            + (f' ({esc(item["label"])})' if item.get("label") else "")
            + f': {esc(format_number(item["quantity"]))} a year for {esc(item["years"])} '
              f'year{"" if item["years"] == 1 else "s"}. Unit: {esc(item["unit"])}. '
              f'<span class="sv-note">Why there is no value: {esc(item.get("reason", ""))}</span></li>'
            for item in result["counted_only"]
        )
        counted = (
            '<h3>Counted but not valued</h3>'
            '<p>No open source gives a £ value for these measures, so they are counted but add nothing to the '
            f'totals. Enter a proxy value with your own evidence to value them: {_own_proxy_link(site_root)} '
            'shows how.</p>'
            f'<ul class="sv-counted-only">{items}</ul>'
        )
    year_text = f"{price_year}" if price_year is not None else "the price year"
    if rate is not None:
        discounting = (f'Present value discounts each year after the first at one flat rate, the '
                       f'{esc(format_number(rate))}% you entered, in place of the Green Book\'s rates.')
    else:
        discounting = (f'Present value discounts each year after the first at the Green Book\'s rates: '
                       f'{esc(discount_schedule(STANDARD))}. Health values use the Green Book\'s lower health rate, '
                       f'{esc(discount_schedule(HEALTH))}, and this calculator applies it to wellbeing values too.')
    method = (
        '<h3>How this is worked out</h3>'
        '<p>For each line, net value in the first year is quantity × proxy × (1 − deadweight) × '
        '(1 − attribution) × (1 − displacement). Each later year keeps (1 − drop-off) of the year before. '
        f'{discounting} Gross value is quantity × proxy × years, with no adjustments.</p>'
        f'<p>Each sourced proxy is indexed from its own price year to {esc(year_text)} prices with HM '
        f'Treasury\'s GDP deflators, and rounded to the penny. For a year with no published deflator yet, the '
        f'latest one is used and no forecast is added. Your own proxy values are taken as {esc(year_text)} '
        f'prices.</p>'
    )
    figure = (
        f'<figure class="sv-chart">{chart.svg(result)}{chart.phone_svg(result)}'
        '<figcaption>Gross value, less adjustments, to net value, less discounting, to present value; and '
        'present value by Corporate Plan priority. The same numbers are in the tables.</figcaption></figure>'
    )
    return (
        '<div class="sv-result sv-result--valuation">'
        + headline + table + figure + basis + sensitivity_html + priorities + warnings + counted + method
        + '</div>'
    )
