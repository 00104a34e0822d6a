"""The cells every table of the report shares: money, "not given" where a report gave no figure,
progress, status and the period's end, in words."""

from __future__ import annotations

from ..html import esc
from ..money import format_money, format_percent
from ..monitoring.compute import LABELS
from .chart import shown_date

NOT_GIVEN = "not given"
# The Procurement Act 2023 ratings a contract over £5m gets, as keys or as words.


PROVIDER_TYPES = {"sme": "SME", "vcse": "VCSE", "not_given": "Not given", "large": "Large organisation",
                  "other": "Other"}


def money(value) -> str:
    return NOT_GIVEN if value is None else esc(format_money(value))


def contract_value(value) -> str:
    """A contract's value: whole pounds unless it has pence."""
    return NOT_GIVEN if value is None else esc(format_money(value, pence_shown=float(value) % 1 != 0))


def verified(row: dict, given: bool) -> str:
    """A verified value where the reports gave one, or "not given": never a claim, and never £0.00 for a blank."""
    return money(row.get("value_verified")) if given else NOT_GIVEN


def progress(value) -> str:
    return "nothing due yet" if value is None else esc(format_percent(value))


def status(value) -> str:
    return esc(LABELS.get(value, value or ""))


def count(number: int, noun: str) -> str:
    return f'{esc(number)} {noun}{"" if number == 1 else "s"}'


def period(result: dict) -> str:
    """The period's end, in words: "31 December 2026"."""
    return shown_date(result.get("period_end") or _latest_quarter(result))


def _latest_quarter(result: dict) -> str:
    ends = sorted(str(row.get("quarter_end")) for row in result.get("contracts", []) if row.get("quarter_end"))
    return ends[-1] if ends else ""


def progress_cell(row: dict) -> str:
    """Progress, saying when it is the average of commitments that have no £ value."""
    if row.get("progress_basis") == "mean":
        return f'{progress(row.get("progress"))}<br><span class="sv-note">an average: not valued</span>'
    return progress(row.get("progress"))
