"""Contract monitoring: each commitment's delivery to date against what is due, its status, and the
social value delivered.

For each commitment, with m the months elapsed:

    committed_total = quantity × years
    due_to_date     = quantity × min(m ÷ 12, years)                 targets are pro rata
    progress        = delivered ÷ due_to_date × 100                 null when nothing is due
    forecast_total  = delivered ÷ min(m, 12 × years) × 12 × years   null at month 0
    unit_net        = proxy × (1 − deadweight) × (1 − attribution) × (1 − displacement)
    value_due_to_date = due_to_date × unit_net;  value_delivered = delivered × unit_net
    value_verified  = verified × unit_net                           null when none is given
    shortfall       = max(0, value_due_to_date − value_delivered)

While a commitment runs, the forecast is delivered ÷ m × years × 12; once its years are over it
is what was delivered. ``unit_net`` comes from ``outcome_lines``' ``resolve_line`` and
``unit_net``, so a proxy is used exactly as in the valuation. Delivered value is not discounted (it has
happened) and drop-off is not applied. Figures stay exact fractions (m ÷ 12 is not exact in decimal)
until progress is rounded half up to one decimal place and money to the penny; the status compares
the rounded progress with the thresholds in policy.toml.

Overall progress counts each valued line's delivered value up to its value due and no further, over
the value due: over-delivery on one line never makes up for a shortfall on another, and is shown
apart. With no valued line due, it is the mean of each due line's progress, each counted up to
100%. A red line, valued or not, keeps the overall status from green. Progress is on what the provider
claims as delivered; what the contract manager has verified (no more than that) is shown beside it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .. import far_proxies
from ..arithmetic import ZERO, exact
from ..citations import cites
from ..exact import ratio_half_up, shown_quantity
from ..invalid_input import InvalidInput
from ..measures import CUSTOM, measure
from ..money import format_money, format_number, long_date, pence
from ..outcome_lines import counted_in_pounds, lines_rules, price_year_warnings, resolve_line, unit_net
from ..words import first_upper
from .fields import MAX_DELIVERED_UNITS
from .settings import STATUSES, MonitoringSettings, default_monitoring

TWELVE = Decimal(12)
# Progress above this is shown as this: only a commitment of next to nothing gets near it, and a
# larger figure would not fit in the arithmetic's 40 digits.
PROGRESS_CAP = Decimal(1_000_000)
CAP = int(PROGRESS_CAP)
LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "not_due": "Not due yet"}
LIST = "commitments"
# The contract and the quarter, as the result names them.
CONTRACT_KEYS = ("contract_reference", "contract_title", "provider", "provider_type", "quarter_start", "quarter_end")


def percent(part, whole) -> Decimal | None:
    """part ÷ whole × 100, exactly, rounded half up to one decimal place; None when whole is 0."""
    if whole <= 0:
        return None
    # In whole numbers (part = p ÷ q, whole = r ÷ s): 100·p·s ÷ (q·r), with no Fraction made.
    (p, q), (r, s) = part.as_integer_ratio(), whole.as_integer_ratio()
    numerator, denominator = 100 * p * s, q * r
    return PROGRESS_CAP if numerator >= CAP * denominator else ratio_half_up(numerator, denominator, 1)


def _money(twelfths: Decimal) -> Decimal:
    """A sum of money kept in twelfths (quantity × months × unit value), rounded to the penny once."""
    numerator, denominator = twelfths.as_integer_ratio()
    return ratio_half_up(numerator, 12 * denominator)


def status_of(progress: Decimal | None, settings: MonitoringSettings) -> str:
    if progress is None:
        return "not_due"
    if progress >= settings.green:
        return "green"
    return "amber" if progress >= settings.amber else "red"


def overall_progress(due, within_due, capped_shares, counts: dict, settings: MonitoringSettings):
    """The progress, its basis and the status of a set of commitments: the value delivered towards what
    was due (each line up to its value due) over the value due; with no £ value due, the mean of each
    due line's delivered ÷ due, each counted up to 1 (``capped_shares``: any iterable, read only then, so
    a generator spares working them out). A red line, valued or not, keeps the whole from green. The
    report calculator rates a portfolio, a priority and an objective with this too."""
    progress, basis = percent(within_due, due), "value"
    shares = list(capped_shares) if progress is None else []
    if shares:  # no £ value is due, but something is
        progress, basis = percent(sum(shares), len(shares)), "mean"
    status = "not_due" if progress is None else status_of(progress, settings)
    if status == "green" and counts.get("red"):
        status = "amber"
    return progress, None if progress is None else basis, status


def _name(index: int, line: dict) -> str:
    """How a message names a commitment: "commitment 3 (KPI 3: Apprenticeships on the contract)"."""
    shown = line["label"] or line["title"]
    if line["ref"]:
        shown = f"{line['ref']}: {shown}"
    return f"commitment {index + 1} ({shown})"


def rules(values: dict) -> list[dict]:
    """The rules between inputs (see ``Calculator.rules``): the quarter ends after it starts, months
    elapsed within the contract, no more verified than delivered, and each commitment's ``line_rules``."""
    months, elapsed = values.get("contract_months"), values.get("months_elapsed")
    start, end = values.get("quarter_start"), values.get("quarter_end")
    errors = []
    if start is not None and end is not None and end < start:
        errors.append({"field": "quarter_end",
                       "message": f"Quarter end must be on or after the quarter start, {long_date(start)}"})
    if months is not None and elapsed is not None and elapsed > months:
        errors.append({"field": "months_elapsed",
                       "message": f"Months elapsed must be no more than the contract length, {months} months"})
    for index, line in enumerate(values.get(LIST) if isinstance(values.get(LIST), list) else []):
        delivered, measure_id, verified = line.get("delivered"), line.get("measure"), line.get("verified")
        if delivered is not None and verified is not None and verified > delivered:
            errors.append({"field": f"{LIST}[{index}].verified",
                           "message": f"Verified to date must be no more than delivered to date, "
                                      f"{format_number(delivered)}"})
        if delivered is not None and measure_id is not None and delivered > MAX_DELIVERED_UNITS and \
                not counted_in_pounds(line, None if measure_id == CUSTOM else measure(measure_id)):
            errors.append({"field": f"{LIST}[{index}].delivered",
                           "message": f"Delivered to date must be between 0 and {format_number(MAX_DELIVERED_UNITS)} "
                                      f"for this measure: only a measure counted in pounds can be more"})
    return errors + lines_rules(values.get(LIST), LIST)


def compute(values: dict, settings: MonitoringSettings | None = None, checked: bool = False) -> dict:
    """The monitoring result for validated inputs; raises InvalidInput for inputs that disagree.
    ``checked``: the caller has already checked ``rules`` on these values (the report checks every
    delivery report while it validates them), so they are not checked a second time."""
    settings = settings or default_monitoring()
    months: int = values["contract_months"]
    elapsed: int = values["months_elapsed"]
    price_year: int = values["price_year"]
    contract: Decimal | None = values.get("contract_value")
    errors = [] if checked else rules(values)
    if errors:
        raise InvalidInput(errors)
    resolved = [resolve_line(raw, price_year) for raw in values[LIST]]

    with exact():
        lines = []
        # Money due is kept in twelfths (quantity × months × unit value) and divided by 12 once.
        twelfths = {"value_due_to_date": ZERO, "value_delivered_within_due": ZERO, "value_beyond_due": ZERO,
                    "shortfall": ZERO}
        committed = delivered = verified = ZERO
        in_twelfths = []  # each line's (due, delivered) in twelfths
        for raw, line in zip(values[LIST], resolved):
            figures, due12, delivered12, unit = _line(raw, line, elapsed, settings)
            lines.append(figures)
            in_twelfths.append((due12, delivered12))
            if unit is None:
                continue
            committed += figures["committed_total"] * unit
            delivered += raw["delivered"] * unit
            verified += (raw.get("verified") or ZERO) * unit
            twelfths["value_due_to_date"] += due12 * unit
            twelfths["value_delivered_within_due"] += min(delivered12, due12) * unit
            twelfths["value_beyond_due"] += max(ZERO, delivered12 - due12) * unit
            twelfths["shortfall"] += max(ZERO, due12 - delivered12) * unit
        counts = {status: sum(line["status"] == status for line in lines) for status in STATUSES}
        progress, basis, overall = overall_progress(twelfths["value_due_to_date"],
                                                    twelfths["value_delivered_within_due"],
                                                    (min(Fraction(delivered12) / Fraction(due12), Fraction(1))
                                                     for due12, delivered12 in in_twelfths if due12 > 0),
                                                    counts, settings)
        result = {
            "contract": {key: values.get(key) for key in CONTRACT_KEYS},
            "lines": lines,
            "totals": {"value_committed": pence(committed), "value_delivered": pence(delivered),
                       "value_verified": pence(verified), **{key: _money(amount) for key, amount in twelfths.items()},
                       "progress": progress, "progress_basis": basis,
                       "status": overall, "counts": counts},
            "by_status": [
                {"status": status, "label": LABELS[status], "lines": [i for i, line in enumerate(lines)
                                                                     if line["status"] == status],
                 "remedy": {"text": settings.remedies[status]["text"], "cites": cites(settings.remedies[status]["cites"])}}
                for status in STATUSES if counts[status]
            ],
            "thresholds": {"green": settings.green, "amber": settings.amber, "status": settings.status},
            "duties": _duties(contract, settings),
            "warnings": _warnings(values, resolved, lines, months, price_year),
        }
    return result


def _line(raw: dict, line: dict, elapsed: int, settings: MonitoringSettings) -> tuple:
    """A commitment's figures as the result shows them, with its due and delivered in twelfths and its
    unit's net value, which the totals add up."""
    quantity, years, delivered, verified = raw["quantity"], raw["years"], raw["delivered"], raw.get("verified")
    committed = quantity * years
    months_running = min(elapsed, 12 * years)
    due12, delivered12 = quantity * months_running, delivered * TWELVE  # both in twelfths: exact
    progress = percent(delivered12, due12)
    forecast = None if elapsed == 0 else shown_quantity(delivered / months_running * 12 * years)
    unit = unit_net(line)
    shown = {key: item for key, item in line.items() if key != "_item"}
    out = {
        "ref": raw.get("ref") or "", **shown, "evidence": raw.get("evidence") or "", "due": raw.get("due"),
        "evidence_reference": raw.get("evidence_reference") or "", "comments": raw.get("comments") or "",
        "committed_total": committed, "due_to_date": shown_quantity(due12 / TWELVE), "delivered": delivered,
        "verified": verified,
        "progress": progress, "status": status_of(progress, settings), "forecast_total": forecast,
        "valued": unit is not None, "unit_net": None if unit is None else pence(unit),
        "no_value_reason": line["_item"].no_proxy_reason if unit is None and line["_item"] else "",
        "value_committed": None, "value_due_to_date": None, "value_delivered": None, "value_verified": None,
        "shortfall": None,
    }
    if unit is not None:
        out.update(value_committed=pence(committed * unit), value_due_to_date=_money(due12 * unit),
                   value_delivered=pence(delivered * unit),
                   value_verified=None if verified is None else pence(verified * unit),
                   shortfall=_money(max(ZERO, due12 - delivered12) * unit))
    return out, due12, delivered12, unit


def _duties(contract: Decimal | None, settings: MonitoringSettings) -> dict | None:
    """The Procurement Act 2023's duties, for a contract worth more than the Act's figure."""
    if contract is None or contract <= settings.act_more_than:
        return None
    return {
        "intro": f"This contract is worth more than {format_money(settings.act_more_than, pence_shown=False)}. "
                 f"{settings.act_applies}",
        "duties": [{"text": duty["text"], "source": dict(duty["source"])} for duty in settings.act_duties],
    }


def _warnings(values: dict, resolved: list[dict], lines: list[dict], months: int, price_year: int) -> list[dict]:
    warnings = []
    for index, line in enumerate(lines):
        if line["years"] * 12 > months:
            warnings.append({
                "code": "longer_than_contract", "line": index,
                "message": f"{first_upper(_name(index, line))} runs for {line['years']} years, "
                           f"longer than the {months}-month contract. Check its years: what is due is worked out "
                           f"over them.",
            })
        if line["delivered"] > line["committed_total"]:
            warnings.append({
                "code": "more_than_committed", "line": index,
                "message": f"{first_upper(_name(index, line))} has delivered "
                           f"{format_number(line['delivered'])}, more than its whole commitment of "
                           f"{format_number(line['committed_total'])}. Check the evidence: make sure nothing is "
                           f"counted twice.",
            })
    warnings.extend(price_year_warnings(resolved, price_year))
    warnings.extend(far_proxies.warnings(resolved, [_name(i, line) for i, line in enumerate(lines)], price_year, LIST))
    return warnings
