"""The files this Toolkit writes, known by their shape when they are opened: one table, so that a
result file is never read as lines (a valuation's "Download CSV" once became 20 commitments built
from its summary rows, and an evaluation's came back with 15 bids).

- A result CSV ("Download CSV") is known by its header row, and refused in every file box with a
  sentence that says which file to open instead: it holds figures worked out, not what was typed.
- A result JSON ("Download JSON") is an object that names its calculator and holds its inputs. It
  opens again in its own calculator, to the same result, and is refused in any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import export, registry
from .column_names import plain


@dataclass(frozen=True)
class ResultCsv:
    """A calculator's "Download CSV": known by the first cells of its header row, written in words
    (``export.words``) or, as files downloaded before issue 25 have them, as keys."""

    calculator: str
    header: tuple[str, ...]


# The names of the first cells of each result CSV's header row, compared plainly
# (``column_names.plain``). tests/core/test_round_trip.py checks each against the calculator's download.
RESULT_CSVS = (
    ResultCsv("valuation", ("line", "measure", "title", "label")),
    ResultCsv("monitoring", ("line", "ref", "measure", "title")),
    ResultCsv("evaluation", ("rank", "name", "score", "panel_scores")),
    ResultCsv("proportionality", ("item", "value")),
    # The report's "Download CSV" and "Download CSV by contract" (its columns as keys), and by measure.
    ResultCsv("report", ("contract_reference", "contract_title", "provider", "provider_type", "file")),
    ResultCsv("report", ("measure", "title", "label", "unit", "priority", "lines")),
)

# What each file box opens, and the downloads that open in it.
OPENS = {
    "valuation": ("a commitments file", "commitments",
                  "'Download commitments (CSV)' or 'Download JSON' in the outcome valuation calculator"),
    "monitoring": ("a commitments file or a delivery report", "commitments",
                   "'Download commitments (CSV)' in the outcome valuation calculator, or 'Download delivery report "
                   "(CSV)' or 'Download JSON' in the contract monitoring calculator"),
    "evaluation": ("a bids file", "bids",
                   "a file with one bid a row, or 'Download JSON' in the bid evaluation calculator"),
    "report": ("a delivery report", "delivery reports",
               "the quarterly delivery report template, 'Download delivery report (CSV)' in the contract "
               "monitoring calculator, or 'Download JSON' in this calculator"),
}
FOR_ANY = ("a file of this calculator's inputs", "a calculation", "'Download JSON' in this calculator")


def result_csv(header: list[str]) -> str | None:
    """The calculator whose result CSV has this header row, or None."""
    cells = tuple(plain(cell) for cell in header)
    for known in RESULT_CSVS:
        named = export.words(registry.get(known.calculator))
        for written in (known.header, tuple(named.get(key, key) for key in known.header)):
            if cells[:len(written)] == tuple(plain(cell) for cell in written):
                return known.calculator
    return None


def result_json(data) -> str | None:
    """The calculator whose "Download JSON" this parsed JSON is, or None."""
    if isinstance(data, dict) and isinstance(data.get("calculator"), str) and isinstance(data.get("inputs"), dict):
        return data["calculator"]
    return None


def refusal(opened_in, written_by: str, kind: str) -> str:
    """Why a result file (``kind``: "CSV" or "JSON") of ``written_by`` is refused in the file box of
    ``opened_in``, and which file to open instead."""
    from_title = _title(written_by)
    what, items, instead = OPENS.get(opened_in.name, FOR_ANY)
    if kind == "CSV":
        return (f"This is the {from_title} calculator's result file ('Download CSV'), not {what}: it holds the figures worked out, not "
                f"what was typed. To open {items} here, use {instead}")
    return (f"This is the {from_title} calculator's result file ('Download JSON'), not {what}. To open {items} here, "
            f"use {instead}")


def _title(name: str) -> str:
    found = registry.CALCULATORS.get(name)
    return found.title.lower() if found else "another"
