"""The report's rules between inputs: each report keeps the monitoring calculator's own rules, gives a
price year the GDP deflators cover, names each commitment reference once, and leaves a catalogue
measure's objectives to the catalogue; and the report's end leaves at least one report in. And where a problem is in a file: its name, row and column."""

from __future__ import annotations

from .. import prices
from ..measures import CUSTOM
from ..money import long_date
from ..monitoring.compute import rules as monitoring_rules

LIST = "reports"


def _report_rules(index: int, report: dict) -> list[dict]:
    path = f"{LIST}[{index}]"
    errors = [{**error, "field": f"{path}.{error['field']}"} for error in monitoring_rules(report)]
    year = report.get("price_year")
    if year is not None:
        try:
            prices.effective_year(year)
        except prices.PriceYearError as no_deflator:
            errors.append({"field": f"{path}.price_year", "message": str(no_deflator)})
    lines = report.get("commitments") if isinstance(report.get("commitments"), list) else []
    first: dict[str, int] = {}
    for number, line in enumerate(lines):
        ref = line.get("ref")
        if ref and ref in first:
            errors.append({"field": f"{path}.commitments[{number}].ref",
                           "message": f"Reference {ref} is given twice in this contract's report for the quarter: "
                                      f"commitments {first[ref] + 1} and {number + 1}. Give each commitment its own "
                                      f"reference"})
        elif ref:
            first[ref] = number
        if line.get("objectives") and line.get("measure") not in (None, CUSTOM):
            errors.append({"field": f"{path}.commitments[{number}].objectives",
                           "message": "Leave the Policy objectives blank for this measure: the catalogue gives them"})
    return errors


def rules(values: dict) -> list[dict]:
    reports = values.get(LIST) if isinstance(values.get(LIST), list) else []
    errors = [error for index, report in enumerate(reports) for error in _report_rules(index, report)]
    period_end, ends = values.get("period_end"), [report.get("quarter_end") for report in reports]
    if period_end is not None and ends and all(end is not None and end > period_end for end in ends):
        errors.append({"field": "period_end",
                       "message": f"Every delivery report ends after {long_date(period_end)}, so the report would "
                                  f"be empty. Choose a later date, or leave it blank for the latest quarter end"})
    return errors


def where(error: dict, inputs) -> dict:
    """An error on a report or one of its commitments, with the file, contract and quarter it is in, and
    the row and column of the file where there is one."""
    parts = error["field"].split(".")
    if not parts[0].startswith(f"{LIST}[") or not isinstance(inputs, dict) or not isinstance(inputs.get(LIST), list):
        return error
    try:
        report = inputs[LIST][int(parts[0][len(LIST) + 1:-1])]
        line = report["commitments"][int(parts[1][len("commitments") + 1:-1])] if len(parts) > 2 else None
    except (ValueError, IndexError, KeyError, TypeError):
        return error
    if not isinstance(report, dict):
        return error
    named = [f"contract {report['contract_reference']}" if report.get("contract_reference") else "",
             f"quarter ending {report['quarter_end']}" if report.get("quarter_end") else ""]
    place = [str(report["file"])[:60]] if report.get("file") else []
    if isinstance(line, dict) and line.get("row") is not None:
        place.append(f"row {line['row']}")
    if report.get("file"):
        place.append(f"column '{parts[-1]}'")
    shown = ", ".join(place + [part for part in named if part])
    return {**error, "message": f"{error['message']} ({shown})"} if shown else error


