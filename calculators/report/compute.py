"""The portfolio report: many contracts' delivery reports, over several quarters, as one picture.

A contract's current state is its latest report up to ``period_end`` (the latest quarter end given,
unless the inputs say otherwise). Every figure for a contract is the monitoring calculator's, got by
running its ``compute`` on the report: this module only adds figures up and counts them. So:

- a contract's row is its latest report's monitoring totals; the totals are the sum of the rows;
- a priority's, objective's or measure's row adds up the monitoring lines that belong to it (a line
  serving three objectives counts under each, so the objective rows do not add up to the totals);
- progress and status of any set of lines use monitoring's own ``overall_progress``: over-delivery
  on one commitment never offsets a shortfall on another, and is shown apart (``value_beyond_due``);
- values are in the report's price year. A report in another price year has its own proxies
  re-indexed to it with the same GDP deflators (rounded to the penny, as the catalogue's are), and
  monitoring then indexes the catalogue's proxies as it always does;
- ``trend`` is the portfolio as it stood at each quarter end: each contract's latest report up to it.

Quantities in different units are never added together: ``by_measure`` keeps each measure and unit apart.
"""

from __future__ import annotations

import calendar
from collections import Counter
import datetime as dt
from decimal import Decimal
from fractions import Fraction

from .. import prices
from ..arithmetic import ZERO
from ..corporate_plan import PRIORITIES
from ..measures import CUSTOM, OBJECTIVES, measure
from ..money import format_number, long_date, pence
from ..monitoring import CALCULATOR as MONITORING
from ..monitoring.compute import compute as monitoring_compute, overall_progress
from ..monitoring.settings import STATUSES, MonitoringSettings, default_monitoring
from ..outcome_lines import CUSTOM_PRIORITY
from .benchmarks import report_benchmarks
from .settings import ReportSettings, default_report

MONITORING_INPUTS = tuple(spec.name for spec in MONITORING.fields)
SUMS = ("value_committed", "value_due_to_date", "value_delivered", "value_verified", "shortfall",
        "value_delivered_within_due", "value_beyond_due")
PROVIDER_TYPES = ("sme", "vcse", "large", "not_given")
NO_PRIORITY = "No priority given"  # custom lines that name no priority (monitoring counts them as "Custom")


def contract_name(report: dict) -> str:
    """How a message names a contract: "contract SSC-2026-014 (home-care.csv)"."""
    name = f"contract {report['contract_reference']}"
    return f"{name} ({report['file']})" if report.get("file") else name


def reindex_factor(report: dict, price_year: int) -> Decimal | None:
    """What £1 of this report's own prices is worth in the report's price year; None when they are the same."""
    own = report.get("price_year") or price_year
    return None if own == price_year else prices.factor(own, price_year)


def monitoring_inputs(report: dict, price_year: int) -> dict:
    """The monitoring calculator's values for one report, in the report's price year."""
    factor = reindex_factor(report, price_year)
    lines = []
    for line in report["commitments"]:
        item = {key: value for key, value in line.items() if key not in ("objectives", "row")}
        for key in ("proxy", "annual_pay"):
            if factor is not None and item.get(key) is not None:
                item[key] = pence(item[key] * factor)
        lines.append(item)
    return {**{key: report.get(key) for key in MONITORING_INPUTS}, "price_year": price_year, "commitments": lines}


def _in_order(reports: list[dict]) -> list[dict]:
    """Reports in one order whatever the order of the files: by contract, quarter end, months elapsed and
    file, then, for reports alike in all of those, by their whole content."""
    def plain(report: dict) -> tuple:
        return (report["contract_reference"], report["quarter_end"], report["months_elapsed"], report.get("file") or "")

    alike = Counter(plain(report) for report in reports)
    return sorted(reports, key=lambda report: plain(report) + (
        repr(sorted((key, repr(value)) for key, value in report.items())) if alike[plain(report)] > 1 else "",))


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    # A quarter's last day moves to the last day of the later month (30 June + 3 months = 30 September).
    return dt.date(year, month, last if day.day == calendar.monthrange(day.year, day.month)[1] else min(day.day, last))


def is_stale(quarter_end: dt.date, period_end: dt.date) -> bool:
    """True when a contract's latest report ends more than one quarter before the report's end."""
    return _add_months(quarter_end, 3) < period_end


def _objectives(line_input: dict) -> tuple[int, ...]:
    """The Policy objectives a commitment serves: the catalogue's for its measure, or a custom line's own."""
    if line_input["measure"] == CUSTOM:
        return tuple(line_input.get("objectives") or ())
    return measure(line_input["measure"]).objectives


def _capped_shares(rows: list[tuple[dict, dict]]):
    """Each due line's delivered ÷ due, counted up to 1, as ``overall_progress`` reads them: only when
    no £ value is due, so they are worked out only then."""
    return (min(Fraction(line["delivered"]) / Fraction(line["due_to_date"]), Fraction(1))
            for line, _ in rows if line["due_to_date"] > 0)


def _group(rows: list[tuple[dict, dict]], settings: MonitoringSettings) -> dict:
    """The figures of a set of monitoring lines (each with its input): counts, sums and progress."""
    sums = {key: ZERO for key in ("value_due_to_date", "value_delivered", "value_verified", "within_due")}
    counts = {status: 0 for status in STATUSES}
    for line, _ in rows:
        counts[line["status"]] += 1
        if not line["valued"]:
            continue
        sums["value_due_to_date"] += line["value_due_to_date"]
        sums["value_delivered"] += line["value_delivered"]
        sums["value_verified"] += line["value_verified"] or ZERO
        sums["within_due"] += line["value_due_to_date"] - line["shortfall"]
    progress, basis, status = overall_progress(sums["value_due_to_date"], sums["within_due"], _capped_shares(rows),
                                               counts, settings)
    return {"lines": len(rows), "value_due_to_date": sums["value_due_to_date"],
            "value_delivered": sums["value_delivered"], "value_verified": sums["value_verified"],
            "progress": progress, "progress_basis": basis, "status": status, "counts": counts}


def _by_objective(rows: list[tuple[dict, dict]], settings: MonitoringSettings) -> list[dict]:
    """Objectives 1 to 10, each with the lines that serve it: a line serving three counts under each."""
    serving = {objective: [] for objective in OBJECTIVES}
    for row in rows:
        for objective in _objectives(row[1]):
            serving[objective].append(row)
    return [{"objective": objective, **_group(serving[objective], settings)} for objective in OBJECTIVES]


def _by_measure(rows: list[tuple[dict, dict]]) -> list[dict]:
    """Each catalogue measure in its own unit, then each custom line by label and unit."""
    found: dict[tuple, dict] = {}
    for line, _ in rows:
        custom = line["measure"] == CUSTOM
        key = (custom, line["measure"], line["label"] if custom else "", line["unit"])
        row = found.setdefault(key, {
            "measure": line["measure"], "title": line["title"], "label": line["label"] if custom else "",
            "unit": line["unit"], "priority": line["priority"], "lines": 0, "committed": ZERO, "due_to_date": ZERO,
            "delivered": ZERO, "verified": ZERO, "value_delivered": None})
        row["lines"] += 1
        row["committed"] += line["committed_total"]
        row["due_to_date"] += line["due_to_date"]
        row["delivered"] += line["delivered"]
        row["verified"] += line["verified"] or ZERO
        if line["valued"]:
            row["value_delivered"] = (row["value_delivered"] or ZERO) + line["value_delivered"]
    return [found[key] for key in sorted(found)]


def _line_key(line: dict) -> tuple:
    """How one commitment is matched between a contract's quarters: its reference, or what it is."""
    return ("ref", line["ref"]) if line.get("ref") else ("line", line["measure"], line.get("label") or "",
                                                         line.get("unit") or "")


def _history_warnings(name: str, history: list[dict]) -> list[dict]:
    """Warnings that compare a contract's quarters: delivered going down; months that do not fit the dates."""
    warnings = []
    for earlier, later in zip(history, history[1:]):
        if earlier["quarter_end"] == later["quarter_end"]:
            continue
        months, elapsed = _months_between(earlier["quarter_end"], later["quarter_end"]), \
            later["months_elapsed"] - earlier["months_elapsed"]
        if months != elapsed:
            warnings.append({"code": "months_do_not_fit", "contract": later["contract_reference"],
                             "message": f"In {name}, the quarter ending {long_date(later['quarter_end'])} is {months} "
                                        f"months after the one ending {long_date(earlier['quarter_end'])}, but months "
                                        f"elapsed went from {earlier['months_elapsed']} to {later['months_elapsed']}. "
                                        f"Check the months elapsed and the quarter's dates."})
        before = {_line_key(line): line["delivered"] for line in earlier["commitments"]}
        for line in later["commitments"]:
            was = before.get(_line_key(line))
            if was is not None and line["delivered"] < was:
                shown = line.get("ref") or line.get("label") or line["measure"]
                warnings.append({"code": "delivered_went_down", "contract": later["contract_reference"],
                                 "message": f"In {name}, the quantity delivered to date for {shown} went down from "
                                            f"{format_number(was)} to {format_number(line['delivered'])} in the "
                                            f"quarter ending {long_date(later['quarter_end'])}. Delivered to date "
                                            f"counts from the start of the contract, so it cannot fall: check both "
                                            f"reports."})
    return warnings


def compute(values: dict, settings: ReportSettings | None = None,
            monitoring_settings: MonitoringSettings | None = None) -> dict:
    settings = settings or default_report()
    monitoring_settings = monitoring_settings or default_monitoring()
    price_year, reports = values["price_year"], values["reports"]
    period_end = values.get("period_end") or max(report["quarter_end"] for report in reports)
    warnings = []
    kept = []
    for report in reports:
        if report["quarter_end"] > period_end:
            warnings.append({"code": "after_period_end", "contract": report["contract_reference"],
                             "message": f"The report for {contract_name(report)} ends on "
                                        f"{long_date(report['quarter_end'])}, after this report's end, "
                                        f"{long_date(period_end)}. It is left out."})
        else:
            kept.append(report)
    kept = _in_order(kept)
    # Each report kept monitoring's rules when the report was validated (``rules``), with the same values
    # as here but the re-indexed proxies, which those rules do not read.
    results = [monitoring_compute(monitoring_inputs(report, price_year), monitoring_settings, checked=True)
               for report in kept]
    histories: dict[str, list[int]] = {}
    for index, report in enumerate(kept):
        histories.setdefault(report["contract_reference"], []).append(index)

    def latest(indices: list[int], up_to: dt.date) -> int | None:
        found = [index for index in indices if kept[index]["quarter_end"] <= up_to]
        return found[-1] if found else None

    current = {reference: indices[-1] for reference, indices in histories.items()}
    warnings += _duplicate_warnings(kept, histories)
    for reference, indices in histories.items():
        warnings += _history_warnings(contract_name(kept[indices[-1]]), [kept[index] for index in indices])
    contracts = [_contract_row(kept[index], results[index], period_end, settings) for index in current.values()]
    warnings += _current_warnings(kept, results, current.values())
    reindexed = sorted({report["price_year"] for report in kept if reindex_factor(report, price_year) is not None})
    if reindexed:
        warnings.append({"code": "reindexed", "contract": None,
                         "message": f"Some reports give their own proxy values in {_years(reindexed)} prices. They are "
                                    f"re-indexed to {price_year} prices with HM Treasury's GDP deflators, as the "
                                    f"catalogue's values are."})
    by_contract = [(results[index]["totals"], list(zip(results[index]["lines"], kept[index]["commitments"])))
                   for index in current.values()]
    rows = [row for _, lines in by_contract for row in lines]
    return {
        "price_year": price_year,
        "period_end": period_end,
        "totals": _totals(contracts, [results[index] for index in current.values()], rows, monitoring_settings),
        "by_priority": _by_priority(by_contract, monitoring_settings),
        "by_objective": _by_objective(rows, monitoring_settings),
        "by_measure": _by_measure(rows),
        "contracts": contracts,
        "trend": _trend(kept, results, histories, latest),
        "sme_vcse": _sme_vcse(contracts),
        "thresholds": {"ratings": [{"rating": name, "at_least": at_least} for name, at_least in settings.ratings],
                       "status": settings.status, "source": dict(settings.source),
                       "monitoring": {"green": monitoring_settings.green, "amber": monitoring_settings.amber,
                                      "status": monitoring_settings.status}},
        "warnings": warnings,
        "benchmarks": report_benchmarks([kept[index] for index in current.values()], kept, period_end),
    }


def _years(years: list[int]) -> str:
    return ", ".join(str(year) for year in years[:-1]) + (" and " if len(years) > 1 else "") + str(years[-1])


def _contract_row(report: dict, result: dict, period_end: dt.date, settings: ReportSettings) -> dict:
    totals = result["totals"]
    return {
        **{key: report.get(key) for key in ("contract_reference", "contract_title", "provider", "provider_type")},
        "file": report.get("file") or "",
        **{key: report.get(key) for key in ("quarter_end", "months_elapsed", "contract_months", "contract_value")},
        **{key: totals[key] for key in ("value_due_to_date", "value_delivered", "value_verified", "shortfall",
                                         "value_beyond_due", "progress", "progress_basis", "status", "counts")},
        "lines": len(result["lines"]),
        "stale": is_stale(report["quarter_end"], period_end),
        "duties": result["duties"],
        "rating": settings.rating(totals["progress"]),
    }


def _totals(contracts: list[dict], results: list[dict], rows: list, settings: MonitoringSettings) -> dict:
    sums = {key: sum((result["totals"][key] for result in results), ZERO) for key in SUMS}
    counts = {status: sum(contract["counts"][status] for contract in contracts) for status in STATUSES}
    progress, basis, status = overall_progress(sums["value_due_to_date"], sums["value_delivered_within_due"],
                                               _capped_shares(rows), counts, settings)
    return {"contracts": len(contracts),
            "contract_value": sum((contract["contract_value"] or ZERO for contract in contracts), ZERO),
            "lines": len(rows), **sums, "progress": progress, "progress_basis": basis, "status": status,
            "counts": counts}


ROUNDED = ("value_due_to_date", "value_delivered", "value_verified")  # the priority rows that add up to the totals


def _by_priority(current: list[tuple[dict, list]], settings: MonitoringSettings) -> list[dict]:
    """The five Corporate Plan priorities; custom lines that name none get a row of their own, if any.

    Each line's figures are monitoring's, rounded to the penny, and so is each contract's total, which
    is worked out exactly and rounded once. So that the rows add up to the totals, a contract's
    rounding difference (a few pence at most) is counted under its priority with the most of that figure."""
    names = PRIORITIES + (NO_PRIORITY,)

    def priority_of(line: dict) -> str:
        return NO_PRIORITY if line["priority"] == CUSTOM_PRIORITY else line["priority"]

    grouped: dict[str, list] = {name: [] for name in names}
    for _, lines in current:
        for row in lines:
            grouped.get(priority_of(row[0]), []).append(row)
    rows = {name: _group(grouped[name], settings) for name in names}
    for totals, lines in current:
        present = {priority_of(line) for line, _ in lines}
        for key in ROUNDED:
            parts = dict.fromkeys(names, ZERO)
            for line, _ in lines:
                if line["valued"] and priority_of(line) in parts:
                    parts[priority_of(line)] += line[key] or ZERO
            largest = max(names, key=lambda name: (parts[name], name in present, -names.index(name)))
            rows[largest][key] += totals[key] - sum(parts.values(), ZERO)
    return [{"priority": name, **rows[name]} for name in names if name != NO_PRIORITY or rows[name]["lines"]]


def _trend(kept: list[dict], results: list[dict], histories: dict, latest) -> list[dict]:
    """The portfolio at each quarter end in the reports: each contract's latest report up to it."""
    trend = []
    for quarter_end in sorted({report["quarter_end"] for report in kept}):
        standing = [index for index in (latest(indices, quarter_end) for indices in histories.values())
                    if index is not None]
        trend.append({"quarter_end": quarter_end, "contracts": len(standing),
                      **{key: sum((results[index]["totals"][key] for index in standing), ZERO)
                         for key in ("value_due_to_date", "value_delivered", "value_verified")}})
    return trend


def _sme_vcse(contracts: list[dict]) -> dict:
    """The number and value of contracts by the provider's type; a contract with no type is "not given"."""
    found = {kind: {"contracts": 0, "contract_value": ZERO} for kind in PROVIDER_TYPES}
    for contract in contracts:
        row = found[contract["provider_type"] or "not_given"]
        row["contracts"] += 1
        row["contract_value"] += contract["contract_value"] or ZERO
    return found


def _duplicate_warnings(kept: list[dict], histories: dict) -> list[dict]:
    warnings = []
    for reference, indices in histories.items():
        quarters: dict[dt.date, list[dict]] = {}
        for index in indices:
            quarters.setdefault(kept[index]["quarter_end"], []).append(kept[index])
        for quarter_end, same in quarters.items():
            if len(same) > 1:
                files = sorted({report.get("file") or "the inputs" for report in same})
                warnings.append({"code": "same_quarter_twice", "contract": reference,
                                 "message": f"Contract {reference} has {len(same)} reports for the quarter ending "
                                            f"{long_date(quarter_end)} (in {', '.join(files)}). The report counts one "
                                            f"of them: remove the others and open the files again."})
    return warnings


def _current_warnings(kept: list[dict], results: list[dict], current) -> list[dict]:
    """A contract with claims and nothing verified; and monitoring's own warnings, once each."""
    warnings, seen = [], set()
    for index in current:
        report, result = kept[index], results[index]
        name = contract_name(report)
        claimed = any(line["delivered"] > 0 for line in result["lines"])
        if claimed and not any(line["verified"] for line in result["lines"]):
            warnings.append({"code": "nothing_verified", "contract": report["contract_reference"],
                             "message": f"For {name}, the provider claims delivery but nothing is verified yet. "
                                        f"Check the evidence and enter what it shows in the verified column."})
        for warning in result["warnings"]:
            message = warning["message"] if warning.get("line") is None else f"In {name}: {warning['message']}"
            if message not in seen:
                seen.add(message)
                warnings.append({"code": warning["code"], "contract": None if warning.get("line") is None
                                 else report["contract_reference"], "message": message})
    return warnings
