"""What a measure assumes unless you change it: its default adjustments with their reasons, and its
proxy. The form shows this for each line's chosen measure, before any calculation, so that the
"Adjust the assumptions" boxes are never just empty boxes."""

from __future__ import annotations

from ..glossary_terms import mark
from ..html import esc, source_link
from ..measures import ADJUSTMENTS, CUSTOM, measure
from ..money import format_money, format_percent

LABELS = {"deadweight": "Deadweight", "attribution": "Attribution", "displacement": "Displacement",
          "drop_off": "Drop-off"}


def describe(measure_id) -> str:
    """HTML for the defaults of ``measure_id`` (blank: no measure chosen yet)."""
    if not measure_id:
        return "<p>Choose a measure to see what it assumes unless you change it.</p>"
    if measure_id == CUSTOM:
        return ("<p>A custom measure assumes nothing: each adjustment is 0% unless you enter it. Enter a proxy "
                "value with your evidence, and give the line a label, a unit and a Corporate Plan priority.</p>")
    found = measure(measure_id)
    items = "".join(f"<dt>{LABELS[name]}: {format_percent(getattr(found, name))}</dt>"
                    f"<dd>{esc(found.reasons[name])}</dd>" for name in ADJUSTMENTS)
    if found.proxy:
        proxy = found.proxy
        central = format_money(proxy.central, pence_shown=proxy.central % 1 != 0)
        pay = ("" if proxy.wage is None else
               f" This is the wellbeing gain alone. Give the post's full-time pay under Full-time pay for the post "
               f"to add it, up to {format_money(proxy.high, pence_shown=False)}, which counts the average UK wage.")
        items += (f"<dt>Proxy value: {central} per {esc(proxy.per)}, in {proxy.price_year} prices</dt>"
                  f"<dd>From {source_link(proxy.source)}. The calculator moves it to your price year.{esc(pay)}</dd>")
    else:
        items += (f"<dt>Proxy value: none</dt><dd>{esc(found.no_proxy_reason)} Enter your own proxy value to "
                  f"put a pound value on this line.</dd>")
    return mark(f"<p>What {esc(found.title)} assumes unless you change it. Leave a box blank to keep its "
                f"default.</p><dl class=\"sv-defaults\">{items}</dl>")
