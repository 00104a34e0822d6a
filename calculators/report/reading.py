"""Delivery report files as the report's inputs: each file's rows grouped into one report for each
contract and quarter. A file may hold one contract or many, told apart by ``contract_reference``; a
file with no contract reference is one contract, named after its file. Each group is read as the
monitoring calculator reads a delivery report (the same columns, the contract's the same on every
row), and keeps each commitment's objectives and row number."""

from __future__ import annotations

from ..cleantext import shown
from ..csvtext import rows as csv_rows
from ..invalid_input import InvalidInput
from ..jsontext import loads
from ..monitoring import CALCULATOR as MONITORING
from .fields import MAX_FILES

EXTRA = ("objectives",)  # a commitment's columns that the monitoring calculator does not take


def _base(file_name: str) -> str:
    """A file's name without its folders (the command line gives paths), as short as the field takes."""
    return str(file_name).replace("\\", "/").rsplit("/", 1)[-1][:200]


def _stem(file_name: str) -> str:
    name = _base(file_name)
    return (name.rsplit(".", 1)[0] if "." in name else name)[:40] or "the inputs"


def reports_from_rows(records: list[tuple[str, int, dict]], read_rows) -> tuple[dict, list[dict]]:
    """The report's inputs from every file's rows (file name, row number, row), and the files' problems."""
    files = list(dict.fromkeys(file_name for file_name, _, _ in records))
    if len(files) > MAX_FILES:
        return {}, [{"field": "", "message": f"You chose {len(files):,} files, but the report opens up to "
                                             f"{MAX_FILES:,} at once. Put several contracts or quarters in one file, "
                                             f"told apart by contract_reference and quarter_end"}]
    groups: dict[tuple, list[tuple[int, dict]]] = {}
    for file_name, number, row in records:
        reference = str(row.get("contract_reference") or "").strip() or _stem(file_name)
        groups.setdefault((file_name, reference, str(row.get("quarter_end") or "").strip()), []).append((number, row))
    reports, errors = [], []
    for (file_name, reference, _), rows in groups.items():
        inputs, problems = read_rows(MONITORING, [row for _, row in rows])
        where = f"{shown(str(file_name))[:60]}, contract {shown(reference)}: " if file_name else \
            f"Contract {shown(reference)}: "
        errors += [{**problem, "field": "", "message": where + problem["message"]} for problem in problems]
        for line, (number, row) in zip(inputs.get("commitments", []), rows):
            line["row"] = number
            line.update({key: row[key] for key in EXTRA if row.get(key) not in (None, "")})
        reports.append({**inputs, "contract_reference": reference, "file": _base(file_name)})
    return {"reports": reports}, errors


def file_columns() -> tuple[str, ...]:
    """The columns a delivery report may have: the monitoring calculator's, and a custom line's objectives."""
    commitment = next(spec for spec in MONITORING.fields if spec.name == "commitments")
    return MONITORING.files.top_columns + tuple(spec.name for spec in commitment.item_fields) + EXTRA


# Files of the other calculators, known by columns a delivery report never has.
OTHER_FILES = (
    ({"score", "offer"}, "a bids file for the bid evaluation calculator"),
    ({"score", "price"}, "a bids file for the bid evaluation calculator"),
    ({"panel_scores"}, "a bids file for the bid evaluation calculator"),
    ({"social_value_per_pound"}, "a valuation result"),
)


def _columns(text: str) -> set[str] | None:
    """A file's column names (a CSV header, or the keys of a JSON list's first object); None for a JSON
    object, which is no table."""
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start in "[{":
        data = loads(text)
        if isinstance(data, dict):
            return None
        return set(data[0]) if isinstance(data, list) and data and isinstance(data[0], dict) else set()
    header, _ = csv_rows(text)
    return {str(column).strip().lower() for column in header}


def refuse(text: str) -> str | None:
    """Why a file is not a delivery report, when it is plainly another kind: another calculator's result,
    a bids file, or a commitments file with nothing delivered."""
    try:
        columns = _columns(text)
    except InvalidInput:
        return None  # the table reading gives its own message
    if columns is None:
        return None  # a JSON object: a result file, known and opened or refused by file_kinds
    for known, what in OTHER_FILES:
        if known <= columns and "delivered" not in columns:
            return f"This file is {what}, not a delivery report. Open it in its own calculator"
    if "measure" in columns and "delivered" not in columns:
        return ("This file is a commitments file, not a delivery report: it has no 'delivered' column. Open it in "
                "the contract monitoring calculator, or add what was delivered and the quarter's dates")
    return None
