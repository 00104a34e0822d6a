"""Small checks shared by the data loaders (measures, prices, discounting).

Each check appends a plain-words problem to ``problems`` rather than raising, so a loader can
report every problem in a file at once (``settings.SettingsError``).
"""

from __future__ import annotations

from decimal import Decimal

# What every source of a figure carries: what it is, who published it, where to read it, and what
# its licence lets us do, with a link to the licence itself.
SOURCE_FIELDS = ("id", "title", "publisher", "url", "published", "licence", "licence_url", "licence_note")
URL_FIELDS = ("url", "licence_url")


def is_number(value) -> bool:
    """A finite int or float from TOML (booleans are ints in Python, but not numbers here)."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and value == value
            and value not in (float("inf"), float("-inf")))


def is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def to_decimal(value) -> Decimal:
    """A TOML number as the Decimal it was written as (repr keeps 0.1 as 0.1)."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def need_text(item: dict, key: str, where: str, problems: list[str]) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where} needs a '{key}' text")
        return ""
    return value


def check_source(item, where: str, problems: list[str], fields=SOURCE_FIELDS) -> dict:
    """One source table: every field a text, every link https. Returns the source as a dict."""
    if not isinstance(item, dict):
        problems.append(f"{where} must be a table")
        return {}
    for key in fields:
        need_text(item, key, where, problems)
    for key in URL_FIELDS:
        if key in fields and isinstance(item.get(key), str) and not item[key].startswith("https://"):
            problems.append(f"{where}: the {key.replace('_', ' ')} must start with https://")
    return {key: item.get(key, "") for key in fields}
