"""Numbers as people in the UK type them, read for one field: "£1,250.50", "25%", "1e6". Anything
else is refused with what was typed and an example of the right shape."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .cleantext import has_other_digits
from .field import Field
from .words import typed

MAX_NUMBER_TEXT = 60  # longer text is not a number anyone typed
MAX_DIGITS = 15  # significant figures a JSON number (a double) keeps exactly, so inputs echo back unchanged


# Numbers as people in the UK type them: an optional sign and £ (money only), digits with commas
# between groups of exactly three, an optional decimal part, and % (percentages only). An
# exponent (1e6, as spreadsheets export large numbers) is accepted too: it cannot be misread.
UK_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<pound>£?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))"
                       r"(?P<fraction>\.\d+)?(?P<exponent>[eE][+-]?\d+)?\s*(?P<percent>%?)$")
def example(spec: Field) -> str:
    """A value of the right shape for this field, for messages."""
    if spec.kind == "money":
        return "like 250,000 or 1,250.50"
    if spec.kind == "percent":
        return "like 25 or 25%"
    if spec.kind == "integer":
        return "like 10"
    return "like 10 or 2.5"


def read_number(spec: Field, raw) -> tuple[Decimal | None, str | None]:
    """Read a number from JSON or typed text: (value, None), or (None, the reason it is not one)."""
    not_number = f"{spec.label} must be a number, {example(spec)}"
    if isinstance(raw, bool):  # JSON true is not the number 1
        return None, not_number
    if isinstance(raw, int):
        return Decimal(raw), None
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, not_number
        return Decimal(repr(raw)), None
    if not isinstance(raw, str):
        return None, not_number
    text = raw.strip()
    if len(text) > MAX_NUMBER_TEXT:
        return None, not_number
    if has_other_digits(text):
        return None, f"{spec.label} must be written with the digits 0 to 9, {example(spec)}, not {typed(text)}"
    match = UK_NUMBER.match(text)
    if not match:
        if re.fullmatch(r"[+-]?£?[\d.,]*\d[\d.,]*%?", text):
            return None, (f"{spec.label} must use a comma only between groups of three digits and a full "
                          f"stop for the decimal point, {example(spec)}, not {typed(text)}")
        return None, f"{not_number}, not {typed(text)}"
    if match["pound"] and spec.kind != "money":
        return None, f"{spec.label} is not an amount in pounds, so it cannot have a £ sign: {typed(text)}"
    if match["percent"] and spec.kind != "percent":
        return None, f"{spec.label} is not a percentage, so it cannot have a % sign: {typed(text)}"
    number = match["sign"] + match["digits"].replace(",", "") + (match["fraction"] or "") + (match["exponent"] or "")
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None, f"{not_number}, not {typed(text)}"
    if not value.is_finite():
        return None, not_number
    if value and value.adjusted() > 40:
        # Far beyond every bound: keep its sign and size class, so the bound's message applies,
        # without an exponent that overflows Decimal's arithmetic (1E1000000).
        return Decimal(1).scaleb(41).copy_sign(value), None
    if value and value.adjusted() < -40:
        return None, f"{spec.label} has more digits than this calculator can keep: use at most {MAX_DIGITS} significant figures"
    return value, None


def format_number_plain(value: Decimal) -> str:
    """A number as digits, without an exponent: 663539.995."""
    return f"{value:f}"
