"""One parser for each kind of field: raw JSON or typed text in, ``(value, None)`` or
``(None, message)`` out, with its own plain-English message for each kind of bad value, in the
GOV.UK Design System's style."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from .cleantext import control_character, has_other_digits
from .field import Field
from .money import PENNY, long_date
from .uk_numbers import MAX_DIGITS, format_number_plain, read_number
from .words import join_words, typed

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The UK's way, as UK Excel saves a date: day first, so 03/04/2026 is 3 April (D/M/YYYY too).
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DATE_FORMATS = "like 2026-03-01 or 01/03/2026"
TRUE_WORDS = {"true", "yes", "y", "on", "1"}
FALSE_WORDS = {"false", "no", "n", "off", "0"}


def _parse_number(spec: Field, raw):
    label = spec.label
    value, problem = read_number(spec, raw)
    if problem:
        return None, problem
    if spec.kind == "integer" and value != value.to_integral_value():
        unit = f" of {spec.unit}" if spec.unit else ""
        return None, f"{label} must be a whole number{unit}"
    if value < 0 and (spec.minimum is None or spec.minimum >= 0):
        return None, f"{label} cannot be negative"
    if value == 0 and spec.exclusive_minimum and spec.minimum == 0:
        return None, f"{label} must be more than {spec.show(Decimal(0))}"
    if spec.kind == "money" and spec.exclusive_minimum and spec.minimum == 0 and value < PENNY:
        # More than £0 means at least a penny: a smaller amount is not money, and as a divisor
        # (social value per £1) it would give figures too large to round.
        return None, f"{label} must be at least {spec.show(PENNY)}"
    if spec.kind == "money" and abs(value) < Decimal(10) ** 20 and value != value.quantize(PENNY):
        shown = typed(raw) if isinstance(raw, str) else typed(format_number_plain(value))
        return None, (f"{label} must be in pounds and pence, with no more than 2 decimal places, "
                      f"like 1,250.50, not {shown}")
    if value == 0 and spec.minimum is not None and spec.minimum > 0:
        return None, f"{label} cannot be {spec.show(Decimal(0))}"
    if spec.maximum is not None and value > spec.maximum:
        if spec.kind == "money" or spec.minimum is None:
            return None, f"{label} must be {spec.show(spec.maximum)} or less"
        return None, f"{label} must be {spec.between()}"
    if spec.minimum is not None and (value < spec.minimum or (spec.exclusive_minimum and value == spec.minimum)):
        if spec.maximum is None:
            word = "more than" if spec.exclusive_minimum else "at least"
            return None, f"{label} must be {word} {spec.show(spec.minimum)}"
        return None, f"{label} must be {spec.between()}"
    if len(value.normalize().as_tuple().digits) > MAX_DIGITS:
        return None, f"{label} has more digits than this calculator can keep: use at most {MAX_DIGITS} significant figures"
    if spec.kind == "integer":
        return int(value), None
    return value, None


def fraction_warning(spec: Field, value) -> str | None:
    """A percentage strictly between 0 and 1 was probably typed as a fraction (0.5 for 50%)."""
    if spec.kind != "percent" or not isinstance(value, Decimal) or not 0 < value < 1:
        return None
    meant = value * 100
    if spec.maximum is not None and meant > spec.maximum:
        return None
    return f"{spec.label} is {format_number_plain(value.normalize())}%. Did you mean {format_number_plain(meant.normalize())}%?"


@functools.lru_cache(maxsize=None)
def _choice_lookup(options: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each option's value and label, lower-cased, to its value (the first option wins a clash)."""
    lookup: dict[str, str] = {}
    for value, shown in options:
        lookup.setdefault(value.lower(), value)
        lookup.setdefault(shown.lower(), value)
    return lookup


def _parse_choice(spec: Field, raw):
    if isinstance(raw, str):  # accept the value or its label, in any case
        found = _choice_lookup(spec.options).get(raw.strip().lower())
        if found is not None:
            return found, None
    names = join_words([shown.lower() for _, shown in spec.options], "or")
    return None, spec.invalid or f"Select {spec.sentence_label} from the list: {names}"


def _date_of(text: str) -> dt.date | None:
    """The date an ISO (2026-03-01) or UK (1/3/2026) text names; ValueError for one that is not real."""
    if DATE.match(text):
        return dt.date.fromisoformat(text)
    if uk := UK_DATE.match(text):
        day, month, year = (int(part) for part in uk.groups())
        return dt.date(year, month, day)
    return None


def _parse_date(spec: Field, raw):
    if isinstance(raw, str) and has_other_digits(raw):
        return None, f"{spec.label} must be written with the digits 0 to 9, {DATE_FORMATS}, not {typed(raw)}"
    if isinstance(raw, str):
        try:
            value = _date_of(raw.strip())
        except ValueError:
            return None, f"{spec.label} must be a real date, {DATE_FORMATS}"
        if value is not None:
            low, high = spec.earliest, spec.latest
            if low and value < low:
                why = spec.earliest_reason
                return None, f"{spec.label} must be on or after {long_date(low)}{why}"
            if high and value > high:
                return None, f"{spec.label} must be on or before {long_date(high)}"
            return value, None
    return None, f"{spec.label} must be a date, {DATE_FORMATS}"


def _parse_boolean(spec: Field, raw):
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw), None
    if isinstance(raw, str) and raw.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        return raw.strip().lower() in TRUE_WORDS, None
    return None, f"{spec.label} must be yes or no (true or false)"


def _parse_text(spec: Field, raw):
    if not isinstance(raw, str):
        return None, f"{spec.label} must be text"
    if problem := control_character(raw):
        return None, f"{spec.label} {problem}"
    if spec.multiline:  # spaces within each line tidied, and at most one blank line between paragraphs
        lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        text = " ".join(raw.split())
    if len(text) > spec.max_length:
        return None, f"{spec.label} must be {spec.max_length} characters or fewer"
    return text, None


MAX_LIST_NUMBERS = 50
LIST_SEPARATORS = re.compile(r"[,;\s]+")


def _parse_integers(spec: Field, raw):
    """A list of whole numbers: a JSON list, or text like "3, 4, 2" (commas, semicolons or spaces).
    Each must lie within the spec's bounds."""
    like = f"{spec.label} must be whole numbers separated by commas, like 3, 4, 2"
    if isinstance(raw, str):
        raw = [part for part in LIST_SEPARATORS.split(raw.strip()) if part]
    if not isinstance(raw, list):
        return None, like
    if len(raw) > MAX_LIST_NUMBERS:
        return None, f"{spec.label} can have up to {MAX_LIST_NUMBERS} numbers"
    values = []
    for part in raw:
        value, problem = read_number(spec, part)
        if problem and isinstance(part, str) and has_other_digits(part):
            return None, problem
        if problem or value != value.to_integral_value():
            return None, like
        if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            return None, f"{spec.label} must each be {spec.between()}"
        values.append(int(value))
    return values, None


PARSERS = {
    "money": _parse_number,
    "integers": _parse_integers,
    "number": _parse_number,
    "integer": _parse_number,
    "percent": _parse_number,
    "choice": _parse_choice,
    "date": _parse_date,
    "boolean": _parse_boolean,
    "text": _parse_text,
}


def blank_message(spec: Field) -> str:
    if spec.kind == "choice":
        return f"Select {spec.sentence_label}"
    return f"Enter {spec.sentence_label}"
