"""A file's columns named as people name them: by an input's key (``contract_value``) or by its
label on the form ("Contract value", "Delivered to date"), whatever their case, spaces or
underscores. Names are matched once a file is read as a table, so CSV, JSON and Excel files, and
the command line's batches, name their columns the same way.

A column that names nothing this calculator reads is kept and listed (never silently dropped): the
command line once ran a batch with a ``Deadweight`` column at the default deadweight, and an
evaluation with a ``marking_method`` column against the highest offer, without a word.
"""

from __future__ import annotations

import re

from .cleantext import shown
from .invalid_input import InvalidInput

_SPACES = re.compile(r"[\s_]+")


def plain(name: str) -> str:
    """A column's name as it is compared: without case, spaces or underscores."""
    return _SPACES.sub("", str(name)).casefold()


def specs(calculator):
    """The inputs a file's columns may give: a row's own (the list item's, or the calculation's)
    and the top-level inputs a row may also give. A list inside an item cannot be a column."""
    declared = calculator.files
    if not declared.in_form:
        return [spec for spec in calculator.fields if spec.kind != "lines"]
    top = [spec for spec in calculator.fields if spec.name in declared.top_columns]
    if declared.columns:  # rows grouped the calculator's own way (a report's): the columns it names
        found = {}
        for spec in _single_values(calculator.fields):
            found.setdefault(spec.name, spec)
        return [found[name] for name in declared.columns if name in found] + top
    return [spec for spec in calculator.list_spec.item_fields if spec.kind != "lines"] + top


def _single_values(fields):
    """Every input that holds one value, in lists and lists within them."""
    for spec in fields:
        if spec.kind == "lines":
            yield from _single_values(spec.item_fields)
        else:
            yield spec


def _names(calculator) -> dict[str, str]:
    """Each way of naming a column, compared plainly, to the input it gives. A key wins over a
    label that reads the same."""
    names: dict[str, str] = {}
    for spec in specs(calculator):
        names.setdefault(plain(spec.name), spec.name)
    for spec in specs(calculator):
        names.setdefault(plain(spec.label), spec.name)
    for name in calculator.files.written_only + calculator.files.columns:
        names.setdefault(plain(name), name)
    return names


def match(calculator, header: list[str]) -> tuple[dict[str, str], list[str]]:
    """The file's column names to the inputs they give, and the columns that give none (in the
    file's order). Raises InvalidInput when two columns give the same input."""
    names = _names(calculator)
    given: dict[str, str] = {}
    unknown: list[str] = []
    for column in header:
        if not column:
            continue
        key = names.get(plain(column))
        if key is None:
            unknown.append(column)
            continue
        if key in given.values():
            first = next(name for name, known in given.items() if known == key)
            raise InvalidInput([{"field": "", "message": f"The columns '{shown(first)[:40]}' and '{shown(column)[:40]}' "
                                                         f"both give {_label(calculator, key)}. Keep one of them"}])
        given[column] = key
    return given, unknown


def _label(calculator, key: str) -> str:
    spec = next((spec for spec in specs(calculator) if spec.name == key), None)
    return spec.sentence_label if spec else f"'{key}'"


def renamed(row: dict, given: dict[str, str]) -> dict:
    """A row with its cells under the inputs' keys; a column that gives none keeps its own name."""
    return {given.get(column, column): value for column, value in row.items()}


def ignored(calculator, key: str) -> bool:
    """A column of the file's format that is written for people and not read (a measure's title)."""
    return key in calculator.files.written_only
