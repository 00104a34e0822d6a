"""Input fields and their validation, shared by every calculator.

A ``Field`` says what one input is (label, hint, kind, bounds, default). ``parse_fields`` turns a
raw JSON object (from the command line, a CSV row or the browser form, where every value may be a
string) into clean Python values, or into a list of ``{field, message}`` errors. Each kind of bad
value gets its own plain-English message, in the GOV.UK Design System's style.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .money import PENNY, format_money, format_number, long_date
from .words import join_words

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_NUMBER_TEXT = 60  # longer text is not a number anyone typed
MAX_DIGITS = 15  # significant figures a JSON number (a double) keeps exactly, so inputs echo back unchanged
MAX_CONTRACT_VALUE = Decimal("100000000000")  # £100bn: anything larger is a typing slip
TRUE_WORDS = {"true", "yes", "y", "on", "1"}
FALSE_WORDS = {"false", "no", "n", "off", "0"}


MAX_ERRORS = 50  # a form or a terminal shows this many problems, then says how many more
LONG_TEXT = 120  # text that may run longer than this is written in sentences (see Field.multiline)
# A field's path, as errors name it and the browser sends it: "bids[2].lines[0].proxy".
FIELD_PATH = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class InvalidInput(Exception):
    """Raised with every error found (up to MAX_ERRORS), so a form can show them all at once."""

    def __init__(self, errors: list[dict]):
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = errors[:MAX_ERRORS] + [{"field": "", "message": f"and {more:,} more problem{'s' * (more > 1)}"}]
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors[:5]))
        self.errors = errors


@dataclass(frozen=True)
class Field:
    """One input: what it is called, how to ask for it, and which values it accepts."""

    name: str
    label: str
    kind: str  # money, number, integer, integers, percent, choice, date, boolean, text, lines
    hint: str = ""
    required: bool = True
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    exclusive_minimum: bool = False  # True: the minimum itself is not allowed (e.g. more than £0)
    default: object = None  # used when the value is missing or blank and the field is optional
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for choices
    unit: str = ""  # shown after the box: "months", "%", "years"
    max_length: int = 120  # text fields
    item_fields: tuple["Field", ...] = ()  # the fields of each item of a "lines" field
    min_items: int = 1
    max_items: int = 1000
    width: int = 10  # a hint for the form: characters wide
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def multiline(self) -> bool:
        """Text that may run to sentences (a panel's reasons for a score): typed in a box of several
        lines, and its line breaks kept."""
        return self.kind == "text" and self.max_length > LONG_TEXT

    @property
    def sentence_label(self) -> str:
        """The label as it reads inside a sentence: "the contract value"."""
        return self.extra.get("noun") or self.label[0].lower() + self.label[1:]

    def items_noun(self, count: int) -> str:
        """How a list's items are named after a number: "1 outcome line", "2 bids"."""
        return self.sentence_label if count == 1 else self.extra.get("plural", "items")

    def show(self, value: Decimal) -> str:
        """A bound as the user should read it: £100,000,000,000 or 600 months or 100%."""
        if self.kind == "money":
            return format_money(value, pence_shown=value != value.to_integral_value())
        if self.kind == "percent":
            return format_number(value) + "%"
        text = str(int(value)) if self.extra.get("plain") else format_number(value)  # years: 2026, not 2,026
        return f"{text} {self.unit}" if self.unit else text

    def between(self) -> str:
        """"between 1 and 600 months", "between 0 and 100%", "between £1 and £5"."""
        low, high = self.show(self.minimum), self.show(self.maximum)
        if self.unit and self.kind not in ("money", "percent"):
            low = format_number(self.minimum)
        return f"between {low} and {high}"


# Numbers as people in the UK type them: an optional sign and £ (money only), digits with commas
# between groups of exactly three, an optional decimal part, and % (percentages only). An
# exponent (1e6, as spreadsheets export large numbers) is accepted too: it cannot be misread.
UK_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<pound>£?)(?P<digits>\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))"
                       r"(?P<fraction>\.\d+)?(?P<exponent>[eE][+-]?\d+)?\s*(?P<percent>%?)$")
TYPED_SHOWN = 40  # how much of a bad value a message repeats


def typed(raw: str) -> str:
    """What the user typed, quoted for a message (shortened if long)."""
    text = raw.strip()
    return f'"{text}"' if len(text) <= TYPED_SHOWN else f'"{text[:TYPED_SHOWN]}…"'


def example(spec: Field) -> str:
    """A value of the right shape for this field, for messages."""
    if spec.kind == "money":
        return "like 250,000 or 1,250.50"
    if spec.kind == "percent":
        return "like 25 or 25%"
    if spec.kind == "integer":
        return "like 10"
    return "like 10 or 2.5"


def _number(spec: Field, raw) -> tuple[Decimal | None, str | None]:
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


def _is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


def _parse_number(spec: Field, raw):
    label = spec.label
    value, problem = _number(spec, raw)
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


def format_number_plain(value: Decimal) -> str:
    """A number as digits, without an exponent: 663539.995."""
    return f"{value:f}"


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
    return None, spec.extra.get("invalid") or f"Select {spec.sentence_label} from the list: {names}"


def _parse_date(spec: Field, raw):
    if isinstance(raw, str) and DATE.match(raw.strip()):
        try:
            value = dt.date.fromisoformat(raw.strip())
        except ValueError:
            return None, f"{spec.label} must be a real date, like 2026-03-01"
        low, high = spec.extra.get("earliest"), spec.extra.get("latest")
        if low and value < low:
            why = spec.extra.get("earliest_reason", "")
            return None, f"{spec.label} must be on or after {long_date(low)}{why}"
        if high and value > high:
            return None, f"{spec.label} must be on or before {long_date(high)}"
        return value, None
    return None, f"{spec.label} must be a date in the format YYYY-MM-DD, like 2026-03-01"


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
        value, problem = _number(spec, part)
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


def parse_fields(specs: tuple[Field, ...], raw, prefix: str = "",
                 warnings: list[dict] | None = None) -> tuple[dict, list[dict]]:
    """Check a raw JSON object against field specs. Returns (values, errors); values that are
    accepted but look like a slip (a percentage typed as a fraction) add to ``warnings``."""
    where = prefix.rstrip(".") or ""
    if not isinstance(raw, dict):
        return {}, [{"field": where, "message": "The inputs must be a JSON object of named values"}]
    values, errors = {}, []
    known = {spec.name for spec in specs}
    for name in raw:
        if name not in known:
            errors.append({"field": f"{prefix}{name}", "message": f"'{str(name)[:40]}' is not an input of this calculator"})
    for spec in specs:
        path = f"{prefix}{spec.name}"
        item = raw.get(spec.name)
        if spec.kind == "lines":
            parsed, item_errors = parse_lines(spec, item, path, warnings)
            values[spec.name] = parsed
            errors.extend(item_errors)
            continue
        if _is_blank(item):
            if spec.required:
                errors.append({"field": path, "message": blank_message(spec)})
            else:
                values[spec.name] = spec.default() if callable(spec.default) else spec.default
            continue
        value, message = PARSERS[spec.kind](spec, item)
        if message:
            errors.append({"field": path, "message": message})
            continue
        values[spec.name] = value
        slip = fraction_warning(spec, value)
        if slip and warnings is not None:
            warnings.append({"field": path, "message": slip})
    return values, errors


def in_form_order(errors: list[dict], specs: tuple[Field, ...]) -> list[dict]:
    """Errors in the order of their fields in the form, as GOV.UK's error summary lists them. Errors
    on one field keep their order; an input the calculator does not have comes first, as it is found."""
    def place(error: dict) -> tuple:
        where, level = [], specs
        for name, index in FIELD_PATH.findall(error["field"]):
            if index:
                where.append(int(index))
                continue
            names = [spec.name for spec in level]
            if name not in names:
                where.append(-1)
                break
            where.append(names.index(name))
            level = level[names.index(name)].item_fields
        return tuple(where)

    return sorted(errors, key=place)


def parse_lines(spec: Field, raw, path: str, warnings: list[dict] | None = None) -> tuple[list, list[dict]]:
    """A list of items, each checked against the item fields; errors are named like lines[2].quantity.

    An optional list (a bid's outcome lines) left out takes its default."""
    if _is_blank(raw) and not spec.required:
        return spec.default, []
    at_least = f"Add at least {spec.min_items} {spec.items_noun(spec.min_items)}"
    if raw is None or raw == "":
        return [], [{"field": path, "message": at_least}]
    if not isinstance(raw, list):
        return [], [{"field": path, "message": f"{spec.label} must be a list"}]
    if len(raw) < spec.min_items:
        return [], [{"field": path, "message": at_least}]
    if len(raw) > spec.max_items:
        return [], [{"field": path, "message": f"You can add up to {spec.max_items:,} {spec.extra.get('plural', 'items')}"}]
    items, errors = [], []
    for index, item in enumerate(raw):
        values, item_errors = parse_fields(spec.item_fields, item, f"{path}[{index}].", warnings)
        items.append(values)
        errors.extend(item_errors)
    return items, errors
