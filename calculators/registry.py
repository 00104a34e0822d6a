"""The calculators, found rather than listed: every package inside ``calculators`` that has a
module-level ``CALCULATOR`` is one. The command line, the CSV batch, ``api``, the build macros and
the worker (through ``api``) all read this module; nothing else names a calculator.

``pkgutil.iter_modules`` reads the package's folder, which works in CPython and in Pyodide's
unpacked wheel alike.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from .calculator import Calculator
from .invalid_input import InvalidInput

CALCULATORS: dict[str, Calculator] = {}


def register(calculator: Calculator) -> Calculator:
    """Add a calculator (tests register throwaway ones at run time)."""
    CALCULATORS[calculator.name] = calculator
    return calculator


def unregister(name: str) -> None:
    CALCULATORS.pop(name, None)


def get(name) -> Calculator:
    """The calculator called ``name``; InvalidInput (a field error) when there is none."""
    found = CALCULATORS.get(name) if isinstance(name, str) else None
    if found is None:
        raise InvalidInput([{"field": "", "message": f"There is no calculator called '{str(name)[:40]}'"}])
    return found


def names() -> tuple[str, ...]:
    return tuple(CALCULATORS)


class _View(Mapping):
    """A read-only view of one attribute of every registered calculator, by name."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def __getitem__(self, name):
        return getattr(CALCULATORS[name], self._attribute)

    def __iter__(self):
        return iter(CALCULATORS)

    def __len__(self):
        return len(CALCULATORS)


SPECS = _View("fields")  # name -> the calculator's field specs


def discover() -> None:
    """Register the ``CALCULATOR`` of every package in this one, in the order of their names."""
    package = importlib.import_module(__package__)
    for found in pkgutil.iter_modules(package.__path__):
        if found.ispkg:
            calculator = getattr(importlib.import_module(f"{__package__}.{found.name}"), "CALCULATOR", None)
            if isinstance(calculator, Calculator):
                register(calculator)


discover()
