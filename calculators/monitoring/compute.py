"""Contract monitoring: each commitment's delivery to date against what is due, its status, and the
social value delivered.

For each commitment, with m the months elapsed:

    committed_total = quantity × years
    due_to_date     = quantity × min(m ÷ 12, years)                 targets are pro rata
    progress        = delivered ÷ due_to_date × 100                 null when nothing is due
    forecast_total  = delivered ÷ min(m, 12 × years) × 12 × years   null at month 0
    unit_net        = proxy × (1 − deadweight) × (1 − attribution) × (1 − displacement)
    value_due_to_date = due_to_date × unit_net;  value_delivered = delivered × unit_net
    shortfall       = max(0, value_due_to_date − value_delivered)

While a commitment runs, the forecast is delivered ÷ m × years × 12; once its years are over it
is what was delivered. ``unit_net`` comes from ``outcome_lines``' ``resolve_line`` and
``unit_net``, so a proxy is used exactly as in the valuation. Delivered value is not discounted (it has
happened) and drop-off is not applied. Progress is rounded half up to one decimal place, and the
status compares that figure with the thresholds in policy.toml. Overall progress is each valued
line's progress weighted by its value due to date.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .. import far_proxies
from ..arithmetic import HUNDRED, ZERO, exact
from ..citations import cites
from ..invalid_input import InvalidInput
from ..money import format_money, format_number, pence
from ..outcome_lines import lines_rules, price_year_warnings, resolve_line, unit_net
from ..words import first_upper
from .settings import STATUSES, MonitoringSettings, default_monitoring

TWELVE = Decimal(12)
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
# Progress above this is shown as this: only a commitment of next to nothing gets near it, and a
# larger figure would not fit in the arithmetic's 40 digits.
PROGRESS_CAP = Decimal(1_000_000)
LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "not_due": "Not due yet"}
LIST = "commitments"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole × 100, rounded half up to one decimal place; None when whole is 0."""
    if whole <= 0:
        return None
    if part * HUNDRED >= whole * PROGRESS_CAP:
        return PROGRESS_CAP
    return (part * HUNDRED / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


def status_of(progress: Decimal | None, settings: MonitoringSettings) -> str:
    if progress is None:
        return "not_due"
    if progress >= settings.green:
        return "green"
    return "amber" if progress >= settings.amber else "red"


def _quantity(value: Decimal) -> Decimal:
    """A quantity as shown: half up to two decimal places."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _name(index: int, line: dict) -> str:
    """How a message names a commitment: "commitment 3 (KPI 3: Apprenticeships on the contract)"."""
    shown = line["label"] or line["title"]
    if line["ref"]:
        shown = f"{line['ref']}: {shown}"
    return f"commitment {index + 1} ({shown})"


def rules(values: dict) -> list[dict]:
    """The rules between inputs (see ``Calculator.rules``): months elapsed within the contract, and
    each commitment's ``line_rules``."""
    months, elapsed = values.get("contract_months"), values.get("months_elapsed")
    errors = []
    if months is not None and elapsed is not None and elapsed > months:
        errors.append({"field": "months_elapsed",
                       "message": f"Months elapsed must be no more than the contract length, {months} months"})
    return errors + lines_rules(values.get(LIST), LIST)


def compute(values: dict, settings: MonitoringSettings | None = None) -> dict:
    """The monitoring result for validated inputs; raises InvalidInput for inputs that disagree."""
    settings = settings or default_monitoring()
    months: int = values["contract_months"]
    elapsed: int = values["months_elapsed"]
    price_year: int = values["price_year"]
    contract: Decimal | None = values.get("contract_value")
    errors = rules(values)
    if errors:
        raise InvalidInput(errors)
    resolved = [resolve_line(raw, price_year) for raw in values[LIST]]

    with exact():
        lines = []
        totals = {"value_committed": ZERO, "value_due_to_date": ZERO, "value_delivered": ZERO, "shortfall": ZERO}
        weighted = ZERO  # Σ delivered × unit_net over the valued lines with something due
        for raw, line in zip(values[LIST], resolved):
            lines.append(_line(raw, line, elapsed, settings))
            unit = unit_net(line)
            if unit is None:
                continue
            due = lines[-1]["_due"]
            totals["value_committed"] += lines[-1]["_committed"] * unit
            totals["value_due_to_date"] += due * unit
            totals["value_delivered"] += raw["delivered"] * unit
            totals["shortfall"] += max(ZERO, (due - raw["delivered"]) * unit)
            if due > 0:
                weighted += raw["delivered"] * unit
        progress = percent(weighted, totals["value_due_to_date"])
        counts = {status: sum(line["status"] == status for line in lines) for status in STATUSES}
        if progress is not None:
            overall = status_of(progress, settings)
        else:  # no £ value is due: "not due" only if nothing at all is due
            overall = "not_due" if counts["not_due"] == len(lines) else None
        result = {
            "lines": [{key: item for key, item in line.items() if not key.startswith("_")} for line in lines],
            "totals": {**{key: pence(amount) for key, amount in totals.items()}, "progress": progress,
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


def _line(raw: dict, line: dict, elapsed: int, settings: MonitoringSettings) -> dict:
    quantity, years, delivered = raw["quantity"], raw["years"], raw["delivered"]
    committed = quantity * years
    due = quantity * min(Decimal(elapsed) / TWELVE, Decimal(years))
    progress = percent(delivered, due)
    months_running = min(elapsed, 12 * years)
    forecast = None if elapsed == 0 else _quantity(delivered / months_running * 12 * years)
    unit = unit_net(line)
    shown = {key: item for key, item in line.items() if key != "_item"}
    out = {
        "ref": raw.get("ref") or "", **shown, "evidence": raw.get("evidence") or "", "due": raw.get("due"),
        "committed_total": committed, "due_to_date": _quantity(due), "delivered": delivered,
        "progress": progress, "status": status_of(progress, settings), "forecast_total": forecast,
        "valued": unit is not None, "unit_net": None if unit is None else pence(unit),
        "value_committed": None, "value_due_to_date": None, "value_delivered": None, "shortfall": None,
        "_due": due, "_committed": committed,
    }
    if unit is not None:
        out.update(value_committed=pence(committed * unit), value_due_to_date=pence(due * unit),
                   value_delivered=pence(delivered * unit), shortfall=pence(max(ZERO, (due - delivered) * unit)))
    return out


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
