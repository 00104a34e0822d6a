"""Delivery report files as the report's inputs: each file's rows grouped into one report for each
contract and quarter. A file may hold one contract or many, told apart by ``contract_reference``; a
file with no contract reference is one contract, named after its file. Each group is read as the
monitoring calculator reads a delivery report (the same columns, the contract's the same on every
row), and keeps each commitment's objectives and row number."""

from __future__ import annotations

from ..cleantext import shown
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
)


def refuse(columns: set[str]) -> str | None:
    """Why a file is not a delivery report, from its columns (lower case), when it is plainly another kind:
    a bids file, or a commitments file with nothing delivered. (Result files are known
    before this, by ``file_kinds``.)"""
    for known, what in OTHER_FILES:
        if known <= columns and "delivered" not in columns:
            return f"This file is {what}, not a delivery report. Open it in its own calculator"
    if "measure" in columns and "delivered" not in columns:
        return ("This file is a commitments file, not a delivery report: it has no 'delivered' column. Open it in "
                "the contract monitoring calculator, or add what was delivered and the quarter's dates")
    return None
