"""What one input is: its name, how to ask for it, and which values it accepts (``Field``). Every
calculator's fields.py lists its inputs as these; validation (``inputs``), the form (``forms``)
and the messages all read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from .money import format_money, format_number

MAX_CONTRACT_VALUE = Decimal("100000000000")  # £100bn: anything larger is a typing slip
LONG_TEXT = 120  # text that may run longer than this is written in sentences (see Field.multiline)


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
    # How messages and the form name it.
    noun: str = ""  # the label inside a sentence, when lower-casing the label is not enough: "the contract value"
    plural: str = "items"  # a list's items after a number: "3 bids"
    add: str = "Add"  # a list's button that adds an item
    remove: str = "Remove"  # an item's button that removes it
    invalid: str = ""  # a choice's message for a value not in its options, when the default is not enough
    choose: str = "Choose one"  # a required choice's blank option
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a choice's option groups: (group label, values)
    describe: Callable[[object], str] | None = field(default=None, compare=False)  # an option's description (HTML)
    disclosure: str = ""  # the summary of the disclosure the field sits behind in its item, if any
    plain: bool = False  # a number shown without separators: a year, 2026 not 2,026
    earliest: dt.date | None = None  # a date's bounds, and why the earliest is what it is
    earliest_reason: str = ""
    latest: dt.date | None = None

    @property
    def multiline(self) -> bool:
        """Text that may run to sentences (a panel's reasons for a score): typed in a box of several
        lines, and its line breaks kept."""
        return self.kind == "text" and self.max_length > LONG_TEXT

    @property
    def sentence_label(self) -> str:
        """The label as it reads inside a sentence: "the contract value"."""
        return self.noun or self.label[0].lower() + self.label[1:]

    def items_noun(self, count: int) -> str:
        """How a list's items are named after a number: "1 outcome line", "2 bids"."""
        return self.sentence_label if count == 1 else self.plural

    def show(self, value: Decimal) -> str:
        """A bound as the user should read it: £100,000,000,000 or 600 months or 100%."""
        if self.kind == "money":
            return format_money(value, pence_shown=value != value.to_integral_value())
        if self.kind == "percent":
            return format_number(value) + "%"
        text = str(int(value)) if self.plain else format_number(value)  # years: 2026, not 2,026
        return f"{text} {self.unit}" if self.unit else text

    def between(self) -> str:
        """"between 1 and 600 months", "between 0 and 100%", "between £1 and £5"."""
        low, high = self.show(self.minimum), self.show(self.maximum)
        if self.unit and self.kind not in ("money", "percent"):
            low = format_number(self.minimum)
        return f"between {low} and {high}"
